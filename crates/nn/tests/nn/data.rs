//! Data sets: built-in ones (seeded), CSV files (and their errors), the test split.

use gradgraph_nn::Error;
use gradgraph_nn::data::{BUILTIN, Dataset, Task, noisy_sine};

#[test]
fn every_builtin_is_seeded_and_shaped() {
    for &name in BUILTIN {
        let a = Dataset::builtin(name, None, None, 11).unwrap();
        let b = Dataset::builtin(name, None, None, 11).unwrap();
        assert_eq!(a, b, "{name}: same seed, same data");
        let n = if name == "xor" { 4 } else { 100 };
        assert_eq!(a.len(), n, "{name}");
        assert!(
            a.inputs
                .iter()
                .all(|x| x.len() == a.n_inputs() && x.iter().all(|v| v.is_finite()))
        );
        if name != "xor" {
            assert_ne!(
                a,
                Dataset::builtin(name, None, None, 12).unwrap(),
                "{name}: other seed"
            );
        }
    }
    let tasks: Vec<Task> = BUILTIN
        .iter()
        .map(|n| Dataset::builtin(n, None, None, 1).unwrap().task)
        .collect();
    use Task::*;
    assert_eq!(
        tasks,
        [
            Binary,
            Binary,
            Binary,
            Binary,
            Classes(3),
            Regression,
            Regression,
            Regression
        ]
    );
}

#[test]
fn the_sets_have_the_courses_shapes() {
    // xor: class = x1 XOR x2
    let xor = Dataset::xor();
    for (x, y) in xor.inputs.iter().zip(&xor.targets) {
        assert_eq!(*y, f64::from((x[0] != x[1]) as u8));
    }
    // circles without noise: class 0 on radius 1, class 1 on radius 0.5
    let c = Dataset::builtin("circles", Some(50), Some(0.0), 1).unwrap();
    for (x, y) in c.inputs.iter().zip(&c.targets) {
        let r = x[0].hypot(x[1]);
        assert!((r - if *y == 0.0 { 1.0 } else { 0.5 }).abs() < 1e-12);
    }
    // half of each class
    assert_eq!(c.targets.iter().filter(|&&y| y == 1.0).count(), 25);
    // moons without noise: class 0 on the unit upper half circle
    let m = Dataset::builtin("moons", Some(40), Some(0.0), 1).unwrap();
    for (x, y) in m.inputs.iter().zip(&m.targets) {
        if *y == 0.0 {
            assert!((x[0].hypot(x[1]) - 1.0).abs() < 1e-12 && x[1] >= -1e-12);
        } else {
            assert!(((x[0] - 1.0).hypot(x[1] - 0.5) - 1.0).abs() < 1e-12);
        }
    }
    // regression targets on the course's intervals
    for (name, a, b) in [
        ("square", -1.0, 1.0),
        ("reciprocal", 1.0, 100.0),
        ("sine", 1.0, 2.0 * std::f64::consts::PI),
    ] {
        let d = Dataset::builtin(name, Some(30), None, 2).unwrap();
        let (_, _, f) = Dataset::function_of(name).unwrap();
        for (x, y) in d.inputs.iter().zip(&d.targets) {
            assert!(x[0] >= a && x[0] <= b, "{name}: {}", x[0]);
            assert_eq!(*y, f(x[0]));
        }
    }
}

#[test]
fn bad_requests_are_refused() {
    let err = Dataset::builtin("moon", None, None, 1)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("unknown dataset \"moon\"") && err.contains("moons"),
        "{err}"
    );
    assert!(Dataset::builtin("xor", Some(10), None, 1).is_err());
    assert!(Dataset::builtin("moons", Some(1), None, 1).is_err());
    assert!(Dataset::builtin("moons", None, Some(-0.1), 1).is_err());
}

#[test]
fn csv_labels_are_detected() {
    let parse = |t: &str| Dataset::parse_csv(t, "t.csv").unwrap();
    let pm = parse("x,y\n1,-1\n2,1\n");
    assert_eq!((pm.task, pm.targets), (Task::Binary, vec![0.0, 1.0]));
    assert_eq!(parse("x,y\n1,0\n2,1\n").task, Task::Binary);
    assert_eq!(parse("a,b,y\n1,2,0\n2,3,2\n4,4,1\n").task, Task::Classes(3));
    assert_eq!(parse("x,y\n1,0.5\n2,1\n").task, Task::Regression);
    // a class missing: whole numbers, but not class indices, so regression
    assert_eq!(parse("x,y\n1,0\n2,3\n3,2\n").task, Task::Regression);
    // the override
    let r = parse("x,y\n1,0\n2,1\n")
        .with_task(Task::Regression)
        .unwrap();
    assert_eq!(r.task, Task::Regression);
    assert!(parse("x,y\n1,0.5\n").with_task(Task::Binary).is_err());
    // blank lines and spaces are fine; the fixture parses
    let d = parse("x1, x2 ,y\n\n 0.5, 1 , 1\n\n");
    assert_eq!(d.inputs, vec![vec![0.5, 1.0]]);
    let path = format!("{}/tests/fixtures/moons.csv", crate::ROOT);
    let f = Dataset::parse_csv(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
    assert_eq!((f.len(), f.n_inputs(), f.task), (100, 2, Task::Binary));
}

#[test]
fn malformed_csv_names_file_line_and_problem() {
    let err = |t: &str| Dataset::parse_csv(t, "data.csv").unwrap_err();
    let cases = [
        ("", "data.csv: empty file"),
        ("1,2,3\n4,5,6\n", "data.csv: line 1: expected a header line"),
        ("y\n1\n", "data.csv: line 1: expected at least two columns"),
        (
            "x1,x2,y\n1,2,1\n3,4\n",
            "data.csv: line 3: expected 3 fields (x1,x2,y), got 2",
        ),
        (
            "x1,x2,y\n1,2,1\n3,four,0\n",
            "data.csv: line 3, column 2 (x2): \"four\" is not a number",
        ),
        (
            "x1,y\n1,NaN\n",
            "data.csv: line 2, column 2 (y): \"NaN\" is not a finite number",
        ),
        ("x1,y\n", "data.csv: no samples"),
        ("x1,,y\n1,2,3\n", "data.csv: line 1: column 2 has no name"),
    ];
    for (text, want) in cases {
        let e = err(text);
        assert!(matches!(e, Error::Format { .. }), "{text:?}");
        assert!(e.to_string().starts_with(want), "{text:?}: {e}");
    }
}

#[test]
fn csv_round_trip() {
    let d = Dataset::builtin("spiral", Some(20), None, 3).unwrap();
    let back = Dataset::parse_csv(&d.to_csv(), "spiral").unwrap();
    assert_eq!((back.inputs, back.targets), (d.inputs, d.targets));
}

#[test]
fn test_split() {
    let d = Dataset::builtin("moons", Some(50), None, 4).unwrap();
    let (train, test) = d.split(0.2, 4).unwrap();
    let test = test.unwrap();
    assert_eq!((train.len(), test.len()), (40, 10));
    // together they are the data, and the split follows the seed
    let mut all: Vec<Vec<f64>> = train.inputs.iter().chain(&test.inputs).cloned().collect();
    let mut orig = d.inputs.clone();
    all.sort_by(|a, b| a.partial_cmp(b).unwrap());
    orig.sort_by(|a, b| a.partial_cmp(b).unwrap());
    assert_eq!(all, orig);
    assert_eq!(d.split(0.2, 4).unwrap().1.unwrap(), test);
    assert_ne!(d.split(0.2, 5).unwrap().1.unwrap(), test);
    let (same, none) = d.split(0.0, 4).unwrap();
    assert!(none.is_none() && same == d);
    assert!(d.split(1.0, 1).is_err());
    assert!(Dataset::xor().split(0.05, 1).is_err()); // rounds to 0 test samples
}

#[test]
fn the_time_series() {
    let clean = noisy_sine(40, 20.0, 0.0, 1);
    assert!((clean[10]).abs() < 1e-12); // half a period
    assert_eq!(noisy_sine(40, 20.0, 0.1, 1), noisy_sine(40, 20.0, 0.1, 1));
    assert_ne!(noisy_sine(40, 20.0, 0.1, 1), clean);
}

#[test]
fn data_sets_are_seeded_by_a_plain_number() {
    type Maker = fn(usize, f64, u64) -> Dataset;
    let sets: [(&str, Maker, f64); 4] = [
        ("circles", Dataset::circles, 0.05),
        ("moons", Dataset::moons, 0.1),
        ("spiral", Dataset::spiral, 0.05),
        ("blobs", Dataset::blobs, 0.3),
    ];
    for (name, make, noise) in sets {
        let d = make(60, noise, 9);
        assert_eq!(d, make(60, noise, 9), "{name}");
        assert_ne!(d.inputs, make(60, noise, 10).inputs, "{name}");
        // the same numbers as the built-in set of that name
        assert_eq!(
            d,
            Dataset::builtin(name, Some(60), None, 9).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn bad_requests_are_typed_errors() {
    for e in [
        Dataset::builtin("moon", None, None, 1).unwrap_err(),
        Dataset::builtin("xor", Some(10), None, 1).unwrap_err(),
        Dataset::builtin("moons", None, Some(-0.1), 1).unwrap_err(),
        Dataset::xor().split(1.5, 1).unwrap_err(),
    ] {
        assert!(matches!(e, Error::OutOfRange { .. }), "{e}");
    }
    let e = Dataset::parse_csv("x,y\n1,0.5\n", "t.csv")
        .unwrap()
        .with_task(Task::Binary)
        .unwrap_err();
    assert!(matches!(e, Error::Format { .. }), "{e}");
    assert_eq!(
        e.to_string(),
        "t.csv: sample 1: target 0.5 is not a class index 0..1"
    );
}

#[test]
fn csv_quoting_crlf_and_a_byte_order_mark() {
    let parse = |t: &str| Dataset::parse_csv(t, "t.csv").unwrap();
    let plain = parse("x1,x2,y\n0.5,1,0\n2,3,1\n");
    for text in [
        "x1,x2,y\r\n0.5,1,0\r\n2,3,1\r\n",
        "\u{feff}x1,x2,y\n0.5,1,0\n2,3,1\n",
        "\"x1\",\"x2\",\"y\"\n\"0.5\", 1 ,0\n\n2,3,\"1\"\n",
    ] {
        let d = parse(text);
        assert_eq!(
            (&d.inputs, &d.targets),
            (&plain.inputs, &plain.targets),
            "{text:?}"
        );
    }
    // a quoted comma is one field, named in the message with its line and column
    let e = Dataset::parse_csv("x1,y\n\"1,5\",0\n", "t.csv").unwrap_err();
    assert_eq!(
        e.to_string(),
        "t.csv: line 2, column 1 (x1): \"1,5\" is not a number"
    );
    // line numbers count the lines of the file, blank lines and CRLF included
    let e = Dataset::parse_csv("x1,y\r\n\r\n1,0\r\n2\r\n", "t.csv").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("t.csv: line 4: expected 2 fields"),
        "{e}"
    );
}

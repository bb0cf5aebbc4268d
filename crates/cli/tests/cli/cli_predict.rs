//! `gradgraph predict`, and `train --save`/`--load` of safetensors files: the same model
//! predicts the same numbers from either format, files saved from PyTorch are read with the
//! activation and output given on the command line, and bad input is exit 2.

use crate::common::{gradgraph, scratch, stderr, stdout};

use safetensors::Dtype;
use safetensors::tensor::TensorView;
use std::path::Path;

fn run_ok(args: &[&str]) -> String {
    let out = gradgraph(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn predict_json(model: &Path, csv: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "predict",
        "--load",
        model.to_str().expect("UTF-8 path"),
        "--dataset",
        csv.to_str().expect("UTF-8 path"),
        "--json",
    ];
    args.extend_from_slice(extra);
    serde_json::from_str(&run_ok(&args)).expect("JSON on stdout")
}

fn fails(args: &[&str], message: &str) {
    let out = gradgraph(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(
        err.contains(message),
        "{args:?}: {message:?} not in {err:?}"
    );
    assert!(out.stdout.is_empty(), "{args:?}");
}

fn train_args(save: &str) -> Vec<&str> {
    vec![
        "train",
        "--dataset",
        "circles",
        "--hidden",
        "5,3",
        "--activation",
        "tanh,relu",
        "--steps",
        "40",
        "--seed",
        "3",
        "--quiet",
        "--save",
        save,
    ]
}

#[test]
fn both_formats_predict_the_same_numbers() {
    let dir = scratch("predict-formats");
    let st = dir.join("m.safetensors");
    let js = dir.join("m.json");
    let report = run_ok(&train_args(st.to_str().unwrap()));
    assert!(!report.contains("saved the model to "), "{report}");
    assert!(
        report.contains(
            "in PyTorch: torch.nn.Sequential(torch.nn.Linear(2, 5), torch.nn.Tanh(), \
             torch.nn.Linear(5, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1), \
             torch.nn.Sigmoid()).double().eval()"
        ),
        "{report}"
    );
    run_ok(&train_args(js.to_str().unwrap()));
    // the JSON model records the per-layer activations neuron by neuron
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&js).unwrap()).unwrap();
    assert_eq!(model["layers"][0]["neurons"][0]["activation"], "tanh");
    assert_eq!(model["layers"][1]["neurons"][2]["activation"], "relu");

    let csv = dir.join("points.csv");
    std::fs::write(&csv, "x1,x2\n0.5,-1\n0,0\n1,1\n-0.25,0.75\n").unwrap();
    let a = predict_json(&st, &csv, &[]);
    let b = predict_json(&js, &csv, &[]);
    assert_eq!(a["predictions"], b["predictions"]);
    assert_eq!(a["samples"], 4);
    assert_eq!(a["output"], "sigmoid");
    for p in a["predictions"].as_array().unwrap() {
        let out = p["outputs"][0].as_f64().unwrap();
        let probs = p["probabilities"].as_array().unwrap();
        assert_eq!(probs[1].as_f64().unwrap(), out);
        assert_eq!(probs[0].as_f64().unwrap(), 1.0 - out);
        assert_eq!(p["class"], u64::from(out > 0.5));
    }
    // training resumes from a safetensors file as from JSON
    let resumed = |m: &Path| -> serde_json::Value {
        serde_json::from_str(&run_ok(&[
            "train",
            "--dataset",
            "circles",
            "--seed",
            "3",
            "--steps",
            "2",
            "--json",
            "--load",
            m.to_str().unwrap(),
        ]))
        .unwrap()
    };
    assert_eq!(resumed(&st)["loss"], resumed(&js)["loss"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn labels_are_shown_and_scored() {
    let dir = scratch("predict-labels");
    let m = dir.join("m.safetensors");
    run_ok(&[
        "train",
        "--dataset",
        "blobs",
        "--hidden",
        "6",
        "--steps",
        "150",
        "--lr",
        "0.05",
        "--quiet",
        "--save",
        m.to_str().unwrap(),
    ]);
    let csv = dir.join("blobs.csv");
    // the built-in blobs sit around the unit circle, at angles 90, 210 and 330 degrees
    std::fs::write(&csv, "x1,x2,y\n0,1,0\n-0.866,-0.5,1\n0.866,-0.5,2\n0,1,2\n").unwrap();
    let text = run_ok(&[
        "predict",
        "--load",
        m.to_str().unwrap(),
        "--dataset",
        csv.to_str().unwrap(),
    ]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["sample", "label", "class", "p(0)", "p(1)", "p(2)"]
    );
    let classes: Vec<&str> = lines[1..5]
        .iter()
        .map(|l| l.split_whitespace().nth(2).unwrap())
        .collect();
    assert_eq!(classes, ["0", "1", "2", "0"], "{text}");
    assert_eq!(lines[5], "accuracy: 75.0% (4 labelled samples)", "{text}");
    let j = predict_json(&m, &csv, &[]);
    assert_eq!(j["accuracy"], 0.75);
    assert_eq!(j["predictions"][3]["label"], 2.0);
    let probs: f64 = j["predictions"][0]["probabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_f64().unwrap())
        .sum();
    assert!((probs - 1.0).abs() < 1e-12);

    // regression: the value, and the RMSE against labels
    let sq = dir.join("square.json");
    run_ok(&[
        "train",
        "--dataset",
        "square",
        "--hidden",
        "8",
        "--steps",
        "20",
        "--quiet",
        "--save",
        sq.to_str().unwrap(),
    ]);
    let xs = dir.join("xs.csv");
    std::fs::write(&xs, "x\n0.5\n-1\n").unwrap();
    let text = run_ok(&[
        "predict",
        "--load",
        sq.to_str().unwrap(),
        "--dataset",
        xs.to_str().unwrap(),
    ]);
    let header: Vec<&str> = text.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(header, ["sample", "value"], "{text}");
    let j = predict_json(&sq, &xs, &[]);
    let values: Vec<f64> = j["predictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["value"].as_f64().unwrap())
        .collect();
    let labelled = dir.join("xy.csv");
    std::fs::write(&labelled, "x,y\n0.5,0.25\n-1,1\n").unwrap();
    let j = predict_json(&sq, &labelled, &[]);
    let rmse = (((values[0] - 0.25).powi(2) + (values[1] - 1.0).powi(2)) / 2.0).sqrt();
    assert!((j["rmse"].as_f64().unwrap() - rmse).abs() < 1e-15);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A tensor of float32 numbers, PyTorch's default.
fn f32s(shape: &[usize], values: &[f32]) -> (Vec<usize>, Vec<u8>) {
    (
        shape.to_vec(),
        values.iter().flat_map(|v| v.to_le_bytes()).collect(),
    )
}

#[test]
fn reads_a_state_dict_saved_from_pytorch() {
    let dir = scratch("predict-torch");
    // Sequential(Linear(2, 2), Tanh(), Linear(2, 1)): no metadata, float32
    let tensors = [
        ("0.weight", f32s(&[2, 2], &[0.5, -1.0, 0.25, 0.75])),
        ("0.bias", f32s(&[2], &[0.125, -0.25])),
        ("2.weight", f32s(&[1, 2], &[1.5, -0.5])),
        ("2.bias", f32s(&[1], &[0.0625])),
    ];
    let views: Vec<(&str, TensorView<'_>)> = tensors
        .iter()
        .map(|(n, (shape, bytes))| {
            (
                *n,
                TensorView::new(Dtype::F32, shape.clone(), bytes).unwrap(),
            )
        })
        .collect();
    let model = dir.join("torch.safetensors");
    std::fs::write(&model, safetensors::serialize(views, None).unwrap()).unwrap();
    let csv = dir.join("x.csv");
    std::fs::write(&csv, "a,b\n1,2\n").unwrap();
    let m = model.to_str().unwrap();
    let c = csv.to_str().unwrap();

    // without flags: relu and the raw scores, said on stderr
    let out = gradgraph(&["predict", "--load", m, "--dataset", c]);
    assert!(out.status.success());
    let note = stderr(&out);
    assert!(note.contains("has no gradgraph metadata"), "{note}");
    assert!(note.contains("taken as relu (--activation"), "{note}");
    assert!(
        note.contains("as linear, the raw scores (--output"),
        "{note}"
    );

    let j = predict_json(
        &model,
        &csv,
        &["--activation", "tanh", "--output", "sigmoid"],
    );
    let h = [
        (0.5 * 1.0 - 1.0 * 2.0 + 0.125f64).tanh(),
        (0.25 * 1.0 + 0.75 * 2.0 - 0.25f64).tanh(),
    ];
    let z = 1.5 * h[0] - 0.5 * h[1] + 0.0625;
    let p = 1.0 / (1.0 + (-z).exp());
    let got = j["predictions"][0]["outputs"][0].as_f64().unwrap();
    assert!((got - p).abs() < 1e-15, "{got} {p}");
    // train --load reads it too, with --activation and --output
    let out = gradgraph(&[
        "train",
        "--dataset",
        "xor",
        "--steps",
        "1",
        "--load",
        m,
        "--activation",
        "tanh",
        "--quiet",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("its output function as sigmoid, the default for the loss"),
        "{}",
        stderr(&out)
    );
    // a prediction that overflows is printed, then exit 1
    let huge = dir.join("huge.csv");
    std::fs::write(&huge, "a,b\n1e308,-1e308\n").unwrap();
    let out = gradgraph(&[
        "predict",
        "--load",
        m,
        "--dataset",
        huge.to_str().unwrap(),
        "--activation",
        "linear",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("inf"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("the prediction for sample 1 is not finite"),
        "{}",
        stderr(&out)
    );
    fails(
        &[
            "predict",
            "--load",
            m,
            "--dataset",
            c,
            "--activation",
            "tanh,relu",
        ],
        "--activation tanh,relu: 2 activations for 1 hidden layer",
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_input_is_exit_2_before_any_work() {
    let dir = scratch("predict-bad");
    let st = dir.join("m.safetensors");
    let js = dir.join("m.json");
    for m in [&st, &js] {
        run_ok(&[
            "train",
            "--dataset",
            "xor",
            "--hidden",
            "3",
            "--activation",
            "relu",
            "--steps",
            "1",
            "--quiet",
            "--save",
            m.to_str().unwrap(),
        ]);
    }
    let csv = dir.join("ok.csv");
    std::fs::write(&csv, "x1,x2\n0,1\n").unwrap();
    let wide = dir.join("wide.csv");
    std::fs::write(&wide, "a,b,c,d\n1,2,3,4\n").unwrap();
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "x1,x2\n").unwrap();
    let junk = dir.join("junk.safetensors");
    std::fs::write(&junk, [7u8; 64]).unwrap();
    let p = |p: &Path| p.to_str().unwrap().to_owned();
    let (st, js, csv) = (p(&st), p(&js), p(&csv));
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["--load".into(), st.clone(), "--dataset".into(), p(&wide)],
            "4 columns (a,b,c,d), but the model reads 2 inputs: expected 2 columns",
        ),
        (
            vec!["--load".into(), st.clone(), "--dataset".into(), p(&empty)],
            "no samples after the header line",
        ),
        (
            vec![
                "--load".into(),
                p(&dir.join("none.safetensors")),
                "--dataset".into(),
                csv.clone(),
            ],
            "--load: ",
        ),
        (
            vec!["--load".into(), p(&junk), "--dataset".into(), csv.clone()],
            "not a safetensors file",
        ),
        (
            vec![
                "--load".into(),
                csv.clone(),
                "--dataset".into(),
                csv.clone(),
            ],
            "not a gradgraph model",
        ),
        (
            vec![
                "--load".into(),
                st.clone(),
                "--dataset".into(),
                csv.clone(),
                "--activation".into(),
                "tanh".into(),
            ],
            "records its activations (relu); --activation applies to a safetensors file without",
        ),
        (
            vec![
                "--load".into(),
                js.clone(),
                "--dataset".into(),
                csv.clone(),
                "--output".into(),
                "linear".into(),
            ],
            "records its output function (sigmoid)",
        ),
        (
            vec![
                "--load".into(),
                st.clone(),
                "--dataset".into(),
                csv.clone(),
                "--max-input-mb".into(),
                "0".into(),
            ],
            "'0' for '--max-input-mb <MB>': expected a number of megabytes from 1 to 65536",
        ),
    ];
    for (args, message) in &cases {
        let mut all = vec!["predict"];
        all.extend(args.iter().map(String::as_str));
        fails(&all, message);
    }
    // train: a PyTorch name, and too many activations, refused before training
    let pt = dir.join("m.pt");
    fails(
        &["train", "--dataset", "xor", "--save", pt.to_str().unwrap()],
        "for PyTorch name it .safetensors",
    );
    assert!(!pt.exists());
    fails(
        &[
            "train",
            "--dataset",
            "xor",
            "--hidden",
            "4,4,4",
            "--activation",
            "relu,tanh",
        ],
        "--activation relu,tanh: 2 activations for 3 hidden layers (--hidden 4,4,4)",
    );
    fails(
        &["train", "--dataset", "xor", "--activation", "relu,tahn"],
        "unknown activation \"tahn\"",
    );
    fails(
        &[
            "train",
            "--dataset",
            "xor",
            "--load",
            &js,
            "--activation",
            "tanh",
        ],
        "records its activations",
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_csv_that_does_not_fit_the_model_names_the_column_or_the_line() {
    let dir = scratch("predict-fit");
    let m = dir.join("m.json");
    run_ok(&[
        "train",
        "--dataset",
        "circles",
        "--steps",
        "5",
        "--quiet",
        "--save",
        m.to_str().unwrap(),
    ]);
    let m = m.to_str().unwrap();
    let csv = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    // one column more than the inputs, named as the next input: not a label
    let wide = csv("wide.csv", "x1,x2,x3\n0.1,0.2,3\n0.3,0.1,3\n");
    fails(
        &["predict", "--load", m, "--dataset", &wide],
        "wide.csv: 3 input columns (x1, x2, x3), but the model reads 2",
    );
    // a label out of the two classes, on the file's own line (a blank line counted)
    let three = csv("three.csv", "x1,x2,y\n0.1,0.2,1\n\n0.3,0.1,3\n");
    fails(
        &["predict", "--load", m, "--dataset", &three],
        "three.csv: line 4: label 3, but the model has 2 classes (0 and 1)",
    );
    let half = csv("half.csv", "x1,x2,y\n0.1,0.2,0.5\n");
    fails(
        &["predict", "--load", m, "--dataset", &half],
        "half.csv: line 2: label 0.5, but the model has 2 classes (0 and 1)",
    );
    // -1 and 1 are the two classes, as train reads them; a label named otherwise is one
    let pm = csv("pm.csv", "x1,x2,y\n0.1,0.2,1\n0.3,0.1,-1\n");
    assert!(run_ok(&["predict", "--load", m, "--dataset", &pm]).contains("accuracy: "));
    let named = csv("named.csv", "x1,x2,class\n0.1,0.2,1\n");
    assert!(run_ok(&["predict", "--load", m, "--dataset", &named]).contains("accuracy: "));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The table in Portuguese: its header, decimal commas, the score; `--json` unchanged.
#[test]
fn the_table_is_in_portuguese_with_decimal_commas() {
    let dir = scratch("predict-pt");
    let model = dir.join("m.json");
    let csv = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/moons.csv"
    );
    let out = gradgraph(&[
        "train",
        "--dataset",
        csv,
        "--steps",
        "20",
        "--quiet",
        "--save",
        model.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let out = gradgraph(&[
        "--lang",
        "pt-BR",
        "predict",
        "--load",
        model.to_str().unwrap(),
        "--dataset",
        csv,
    ]);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    let header = text.lines().next().unwrap();
    for word in ["amostra", "rótulo", "classe", "p(0)", "p(1)"] {
        assert!(header.contains(word), "{header}");
    }
    let row = text.lines().nth(1).unwrap();
    assert!(row.contains("0,") && !row.contains("0."), "{row}");
    assert!(
        text.contains("acurácia: ") && text.contains("(100 amostras com rótulo)"),
        "{text}"
    );
    let left = gradgraph_i18n::english_left(&text);
    assert!(left.is_empty(), "{left:?}");
    let out = gradgraph(&[
        "--lang",
        "pt-BR",
        "predict",
        "--load",
        model.to_str().unwrap(),
        "--dataset",
        csv,
        "--json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["accuracy"].is_f64(), "{json}");
}

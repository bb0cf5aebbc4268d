//! `gradgraph quiz` end to end: answers piped in, the grading and the diagnosis of mistakes,
//! `--leaves`, `--random`, `--json`, `--worksheet` (compiled with pdflatex where it is
//! installed) and bad input.

use crate::common::{gradgraph_with, scratch, skipped, stderr, stdout};

use gradgraph_course::quiz::{Level, generate};
use serde_json::Value as Json;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `gradgraph` with `input` on standard input (a pipe, not a terminal), and `path` as
/// PATH when given.
fn run(args: &[&str], input: impl AsRef<[u8]>, path: Option<&str>) -> Output {
    gradgraph_with(args, input, None, path)
}

fn quiz(args: &[&str], input: &str) -> Output {
    let mut all = vec!["quiz"];
    all.extend_from_slice(args);
    run(&all, input, None)
}

/// The neuron's expression and values, for `gradgraph quiz`.
const NEURON: &[&str] = crate::common::NEURON.split_at(1).1;

/// Exit 0, and the text on stdout.
fn ok(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(out), stderr(out));
    stdout(out)
}

/// Exit 2 with `want` in the message on stderr.
fn bad(out: &Output, want: &str) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{}{err}", stdout(out));
    assert!(err.contains(want), "got {err:?}, want {want:?}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn the_right_answers_pass_every_question() {
    // the issue's example: 0.915 four times, then 0.458
    let text = ok(&quiz(NEURON, "0.915\n0.915\n0.915\n0.915\n0.458\n"));
    assert!(
        text.starts_with("f = tanh(x*w + b)   at b = -0.2, w = 0.5, x = 1\n"),
        "{text}"
    );
    assert!(
        text.contains("  #5 = tanh(#4) = 0.291313   (f)\n"),
        "{text}"
    );
    let asked: Vec<&str> = text.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(
        asked,
        [
            "[1/5] #4 = #3 + b = 0.3, used by #5",
            "[2/5] #3 = x * w = 0.5, used by #4",
            "[3/5] b = -0.2, used by #4",
            "[4/5] w = 0.5, used by #3",
            "[5/5] x = 1, used by #3",
        ]
    );
    assert_eq!(text.matches("  right: ").count(), 5, "{text}");
    assert!(!text.contains("wrong"), "{text}");
    // piped answers are echoed after their prompt, so the output reads as a session
    assert!(
        text.contains("  ∂f/∂x = 0.458\n  right: ∂f/∂x = 0.457568\n"),
        "{text}"
    );
    assert!(text.ends_with("\n5 of 5 right.\n"), "{text}");
    // answers may be arithmetic
    let text = ok(&quiz(
        NEURON,
        "1 - tanh(0.3)^2\n0.9151\n0.9151\n0.9151\n0.5*0.9151\n",
    ));
    assert!(text.ends_with("5 of 5 right.\n"), "{text}");
}

#[test]
fn a_wrong_local_derivative_is_named() {
    // tanh' taken from the input, 1 - 0.3² = 0.91, instead of from the output
    let text = ok(&quiz(NEURON, "0.91\n0.915\n0.915\n0.915\n0.458\n"));
    assert!(
        text.contains(
            "  ∂f/∂#4 = 0.91\n  wrong: ∂f/∂#4 = 0.915137, not 0.91\n  The first mistake is the \
             local derivative of #5 = tanh(#4) with respect to #4:\n  you used 1 - #4² with #4 \
             the input: 1 - 0.3² = 0.91,\n  but ∂#5/∂#4 = 1 − tanh²(#4) = 1 − tanh²(0.3) = \
             0.915137.\n  #5 sends #4 local × upstream = 0.915137 × 1 = 0.915137.\n  The quiz goes on with the right value, ∂f/∂#4 = 0.915137.\n"
        ),
        "{text}"
    );
    // the next questions build on the right value: 0.915 is right for #3
    assert!(text.contains("  right: ∂f/∂#3 = 0.915137"), "{text}");
    assert!(text.ends_with("4 of 5 right.\n"), "{text}");
    // x's with w's local derivative swapped for x's own value
    let text = ok(&quiz(NEURON, "0.915\n0.915\n0.915\n0.915\n0.915\n"));
    assert!(
        text.contains("local derivative of #3 = x * w with respect to x:"),
        "{text}"
    );
    assert!(
        text.contains("you used 1, the operand itself instead of the other one,"),
        "{text}"
    );
    assert!(text.contains("0.5 × 0.915137 = 0.457568"), "{text}");
}

#[test]
fn the_nodes_value_for_its_gradient_is_named() {
    // 0.3 is #4's value, not its gradient: named, then the right computation
    let text = ok(&quiz(NEURON, "0.3\n0.915\n0.915\n0.915\n0.458\n"));
    assert!(
        text.contains(
            "  wrong: ∂f/∂#4 = 0.915137, not 0.3\n  The first mistake is what was asked for: \
             0.3 is the value of #4 (its forward result), not its gradient ∂f/∂#4;\n  the \
             gradient is what backward sends #4 from the nodes that use it.\n  ∂f/∂#4 gets one \
             product, from #5 = tanh(#4): 0.915137 × 1 = 0.915137, where ∂#5/∂#4 = 1 − \
             tanh²(#4) = 1 − tanh²(0.3) = 0.915137.\n"
        ),
        "{text}"
    );
    assert!(!text.contains("not one slip"), "{text}");
    // --json names the kind
    let mut args = NEURON.to_vec();
    args.push("--json");
    let out = quiz(&args, "0.3\n0.915\n0.915\n0.915\n0.458\n");
    let json: Json = serde_json::from_str(&ok(&out)).expect("one JSON object");
    let mistake = &json["questions"][0]["answer"]["mistake"];
    assert_eq!(mistake["kind"], "value_for_gradient", "{mistake}");
    assert_eq!(mistake["gives"], 0.3, "{mistake}");
    assert!(mistake["at"].is_null(), "{mistake}");
}

#[test]
fn a_use_left_out_of_a_sum_is_named() {
    // x*x + x at 3: x is used three times, ∂f/∂x = 1 + 3 + 3 = 7
    let text = ok(&quiz(&["x*x + x", "--at", "x=3"], "1\n6\n"));
    assert!(text.contains("[2/2] x = 3, used by #2, #1"), "{text}");
    assert!(
        text.contains("  x is used 3 times, so its gradient is the sum"),
        "{text}"
    );
    assert!(
        text.contains("    from #1 = x * x (its second operand): 3 × 1 = 3\n"),
        "{text}"
    );
    assert!(
        text.contains("  Your answer, 6, is that sum without the product 1 from #2 = #1 + x.\n"),
        "{text}"
    );
    assert!(
        text.contains("  The right sum: ∂f/∂x = 1 + 3 + 3 = 7.\n"),
        "{text}"
    );
    assert!(text.ends_with("1 of 2 right.\n"), "{text}");
    // one use of x*x left out: 1 + 3
    let text = ok(&quiz(&["x*x + x", "--at", "x=3"], "1\n4\n"));
    assert!(
        text.contains("is that sum without the product 3 from #1 = x * x (its"),
        "{text}"
    );
}

#[test]
fn leaves_asks_only_the_variables() {
    let mut args = NEURON.to_vec();
    args.push("--leaves");
    let text = ok(&quiz(&args, "0.915\n0.915\n0.458\n"));
    let asked: Vec<&str> = text.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(
        asked,
        [
            "[1/3] b = -0.2, used by #4",
            "[2/3] w = 0.5, used by #3",
            "[3/3] x = 1, used by #3",
        ]
    );
    assert!(
        text.contains("give ∂f/∂node of each variable below"),
        "{text}"
    );
    assert!(text.ends_with("3 of 3 right.\n"), "{text}");
    // the intermediate gradients are not asked, so the first mistake may lie above:
    // tanh' from the input, carried down to b
    let text = ok(&quiz(&args, "0.91\n0.915\n0.458\n"));
    assert!(
        text.contains("The first mistake is the local derivative of #5 = tanh(#4)"),
        "{text}"
    );
    assert!(
        text.contains("Carried down to b, that mistake gives 0.91"),
        "{text}"
    );
    assert!(!text.contains("goes on with"), "{text}");
}

/// The questions of a quiz as `--worksheet DIR --json` prints them (nothing is asked).
fn questions(args: &[&str], dir: &Path) -> Json {
    let mut all = vec!["quiz"];
    all.extend_from_slice(args);
    let dir = dir.to_str().expect("UTF-8 path");
    all.extend_from_slice(&["--worksheet", dir, "--json"]);
    let out = run(&all, "", None);
    serde_json::from_str(&ok(&out)).expect("one JSON object")
}

#[test]
fn random_exercises_are_reproducible_and_finite() {
    let dir = scratch("quiz-random");
    for level in ["easy", "medium", "hard"] {
        for seed in ["1", "2", "3", "42"] {
            let args = ["--random", "--level", level, "--seed", seed];
            let first = questions(&args, &dir.join("a"));
            let again = questions(&args, &dir.join("b"));
            assert_eq!(first, again, "{level} {seed}");
            // the library's exercise
            let generated = generate(level.parse::<Level>().unwrap(), seed.parse().unwrap())
                .expect("an exercise");
            assert_eq!(first["expression"], generated.expression.as_str());
            assert_eq!(first["random"]["level"], level);
            assert!(
                first["value"].as_f64().is_some_and(f64::is_finite),
                "{first}"
            );
            let qs = first["questions"].as_array().expect("questions");
            assert!(!qs.is_empty());
            for q in qs {
                for key in ["value", "gradient"] {
                    let x = q[key].as_f64().expect("a number");
                    assert!(x.is_finite(), "{level} {seed} {key} {q}");
                }
                assert!(q["gradient"].as_f64().unwrap().abs() >= 0.01, "{q}");
                assert!(q["answer"].is_null());
            }
            // the right answers, piped in, are all right
            let answers: String = qs
                .iter()
                .map(|q| format!("{}\n", q["gradient"].as_f64().unwrap()))
                .collect();
            let text = ok(&quiz(&args, &answers));
            assert!(
                text.contains(&format!("(a random {level} exercise: gradgraph quiz --random --level {level} --seed {seed})")),
                "{text}"
            );
            assert!(
                text.ends_with(&format!("{} of {} right.\n", qs.len(), qs.len())),
                "{text}"
            );
        }
    }
    // levels grow
    let size = |level: &str| -> usize {
        (0..5)
            .map(|seed| {
                let s = seed.to_string();
                let q = questions(
                    &["--random", "--level", level, "--seed", &s],
                    &dir.join("c"),
                );
                q["questions"].as_array().map_or(0, Vec::len)
            })
            .sum()
    };
    assert!(size("easy") < size("hard"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn json_holds_the_questions_and_the_checked_answers() {
    let mut args = NEURON.to_vec();
    args.push("--json");
    let out = quiz(&args, "0.91\n0.915\n0.915\n0.915\n0.458\n");
    let text = ok(&out);
    // stdout is only the JSON; the dialogue went to stderr
    let json: Json = serde_json::from_str(&text).expect("one JSON object");
    assert!(stderr(&out).contains("4 of 5 right."), "{}", stderr(&out));
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "answered",
            "at",
            "expression",
            "questions",
            "right",
            "scope",
            "tolerance",
            "total",
            "value"
        ]
    );
    assert_eq!(
        (
            json["right"].as_u64(),
            json["answered"].as_u64(),
            json["total"].as_u64()
        ),
        (Some(4), Some(5), Some(5))
    );
    assert_eq!(json["scope"], "every_node");
    assert_eq!(json["tolerance"]["relative"], 1e-3);
    assert_eq!(json["at"]["b"], -0.2);
    let first = &json["questions"][0];
    assert_eq!(first["name"], "#4");
    assert_eq!(first["formula"], "#3 + b");
    assert_eq!(first["text"], "x*w + b");
    assert_eq!(first["kind"], "intermediate");
    let local = 1.0 - 0.3f64.tanh().powi(2);
    assert_eq!(
        first["gradient"].as_f64().unwrap().to_bits(),
        local.to_bits()
    );
    assert_eq!(first["contributions"][0]["from"], 5);
    assert_eq!(first["contributions"][0]["local"].as_f64(), Some(local));
    let answer = &first["answer"];
    assert_eq!(answer["text"], "0.91");
    assert_eq!(answer["right"], false);
    assert_eq!(answer["mistake"]["kind"], "local_derivative");
    assert_eq!(answer["mistake"]["at"]["from"], 5);
    assert_eq!(answer["mistake"]["at"]["to"], 4);
    assert!(
        answer["mistake"]["explanation"]
            .as_str()
            .unwrap()
            .contains("1 - #4² with #4 the input")
    );
    assert_eq!(json["questions"][1]["answer"]["right"], true);
    assert!(json["questions"][1]["answer"]["mistake"].is_null());
    // stopped early: the answers so far, and the error
    let out = quiz(&args, "0.915\n");
    bad(&out, "4 of 5 questions unanswered");
    let json: Json = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    assert_eq!(json["answered"], 1);
    assert!(json["questions"][1]["answer"].is_null());
    assert!(json["error"].as_str().unwrap().contains("unanswered"));
}

#[test]
fn worksheet_writes_the_sheet_and_its_key() {
    let dir = scratch("quiz-worksheet");
    let sheet = dir.join("sheet");
    let out = quiz(
        &[
            "x*x + x",
            "--at",
            "x=3",
            "--worksheet",
            sheet.to_str().unwrap(),
        ],
        "",
    );
    ok(&out);
    assert!(stderr(&out).contains("wrote "), "{}", stderr(&out));
    let read = |name: &str| {
        std::fs::read_to_string(sheet.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let exercise = read("worksheet.md");
    assert!(
        exercise.starts_with("# Backpropagation by hand\n\nf = `x*x + x` at x = 3.\n"),
        "{exercise}"
    );
    assert!(
        exercise.contains("| 2 | x | 3 | #2, #1 (twice) |  |"),
        "{exercise}"
    );
    let key = read("answers.md");
    assert!(key.contains("| 2 | x | 3 | #2, #1 (twice) | 7 |"), "{key}");
    assert!(
        key.contains("from #1 = x \\* x (its second operand): 3 × 1 = 3"),
        "{key}"
    );
    let tex = read("worksheet.tex");
    assert!(tex.starts_with("\\documentclass"), "{tex}");
    assert!(tex.contains(r"\texttt{\#2} $= f$"), "{tex}");
    let dot = read("graph.dot");
    assert!(dot.contains("#1 | data 9.000"), "{dot}");
    assert!(
        !dot.contains("| grad"),
        "the exercise's picture shows no gradient: {dot}"
    );
    assert!(read("graph-answers.dot").contains("grad 7.000"));
    if gradgraph_draw::graphviz_installed() {
        assert!(exercise.contains("](graph.svg)"), "{exercise}");
        assert!(tex.contains(r"{graph.pdf}"), "{tex}");
        assert!(read("graph.svg").contains("<svg"));
        assert!(
            std::fs::read(sheet.join("graph-answers.pdf"))
                .unwrap()
                .starts_with(b"%PDF")
        );
    } else {
        skipped("worksheet pictures: Graphviz `dot` not installed (DOT checked)");
    }
    compile(&sheet);
    // every rule of the answer key, escaped for LaTeX, in tables that break across pages
    let every = dir.join("every");
    let out = quiz(
        &[
            "gelu(x) + silu(w) + softplus(b) + erf(x) + sigmoid(w) + sqrt(b + 3) + log(x + 3) \
             + exp(w) + sin(x)*cos(w) + abs(b) + relu(x) + elu(w) + x^w + x_1^3 \
             + leaky_relu(w, 0.1) + prelu(w, x) + if_positive(x, w, b) + tanh(x)/w - 2^b",
            "--at",
            "x=0.5",
            "--at",
            "w=-0.7",
            "--at",
            "b=1.5",
            "--at",
            "x_1=2",
            "--worksheet",
            every.to_str().unwrap(),
        ],
        "",
    );
    ok(&out);
    compile(&every);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The scale the sheet draws its graph at, from the sizes its log records
/// (`gradgraph graph: 300.0pt x 120.0pt, drawn 240.0pt x 96.0pt`), turned or not, and
/// whether the picture fits a page at the legible scale of 0.8.
fn graph_scale(log: &str) -> Option<(f64, bool)> {
    let line = log.lines().find(|l| l.starts_with("gradgraph graph:"))?;
    let numbers: Vec<f64> = line
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|t| t.trim_end_matches('.').parse().ok())
        .collect();
    let [w, h, dw, dh] = numbers[numbers.len().checked_sub(4)?..] else {
        return None;
    };
    // at 0.8 the picture fits a page of A4 (17 cm by 25.7 cm of text), turned if need be
    let (long, short) = (w.max(h) * 0.8, w.min(h) * 0.8);
    let fits = long <= 0.88 * 731.0 && short <= 483.0;
    Some(((dw * dh / (w * h)).sqrt(), fits))
}

/// Compiles both LaTeX sheets with pdflatex, where it is installed.
fn compile(dir: &Path) {
    let installed = Command::new("pdflatex")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        skipped("compiling the LaTeX worksheet: pdflatex not installed");
        return;
    }
    for name in ["worksheet", "answers"] {
        let out = Command::new("pdflatex")
            .args([
                "-interaction=nonstopmode",
                "-halt-on-error",
                &format!("{name}.tex"),
            ])
            .current_dir(dir)
            .output()
            .expect("pdflatex runs");
        assert!(out.status.success(), "{name}.tex: {}", stdout(&out));
        let pdf = std::fs::read(dir.join(format!("{name}.pdf"))).expect("a PDF");
        assert!(pdf.starts_with(b"%PDF"));
        // rendered to a picture, as a reader sees it
        let rendered = Command::new("pdftoppm")
            .args([
                "-png",
                "-r",
                "40",
                "-singlefile",
                &format!("{name}.pdf"),
                name,
            ])
            .current_dir(dir)
            .output();
        match rendered {
            Ok(out) if out.status.success() => {
                let png = std::fs::read(dir.join(format!("{name}.png"))).expect("a PNG");
                assert!(png.starts_with(b"\x89PNG"), "{name}.png");
            }
            _ => skipped("rendering the worksheet's PDF: pdftoppm (poppler-utils) not installed"),
        }
        let log = String::from_utf8_lossy(
            &std::fs::read(dir.join(format!("{name}.log"))).unwrap_or_default(),
        )
        .into_owned();
        assert!(
            !log.contains("Missing character"),
            "{name}: a character the font lacks"
        );
        // the graph at a legible size: its 10 pt text at 8 pt or more
        if dir.join("graph.pdf").exists() {
            let (scale, fits) = graph_scale(&log).expect("the graph's sizes in the log");
            assert!(
                scale >= 0.8 - 1e-3 || !fits,
                "{name}: the graph drawn at {scale}"
            );
        }
        let pages = log
            .split_once("Output written on ")
            .and_then(|(_, rest)| rest.split_once(" page"))
            .and_then(|(head, _)| head.rsplit_once('(')?.1.parse::<usize>().ok())
            .expect("the page count");
        assert!(pages >= 1, "{name}: {pages} pages");
    }
}

#[test]
fn worksheet_without_graphviz_writes_dot_and_says_how_to_install_it() {
    let dir = scratch("quiz-no-graphviz");
    let sheet = dir.join("sheet");
    let empty = dir.join("bin");
    std::fs::create_dir_all(&empty).unwrap();
    let out = run(
        &[
            "quiz",
            "x*x + x",
            "--at",
            "x=3",
            "--worksheet",
            sheet.to_str().unwrap(),
        ],
        "",
        Some(empty.to_str().unwrap()),
    );
    ok(&out);
    assert!(
        stderr(&out).contains("install Graphviz"),
        "{}",
        stderr(&out)
    );
    assert!(sheet.join("graph.dot").exists());
    assert!(!sheet.join("graph.svg").exists());
    let md = std::fs::read_to_string(sheet.join("worksheet.md")).unwrap();
    assert!(
        md.contains("render it with Graphviz: `dot -Tsvg graph.dot -o graph.svg`"),
        "{md}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_failed_worksheet_writes_nothing() {
    let dir = scratch("quiz-worksheet-bad");
    // a file where the folder should be
    let file = dir.join("taken");
    std::fs::write(&file, "x").unwrap();
    bad(
        &quiz(
            &["x*x", "--at", "x=3", "--worksheet", file.to_str().unwrap()],
            "",
        ),
        "--worksheet",
    );
    // a bad expression: the folder is not even created
    let sheet = dir.join("sheet");
    bad(
        &quiz(
            &["x*", "--at", "x=3", "--worksheet", sheet.to_str().unwrap()],
            "",
        ),
        "expected",
    );
    assert!(!sheet.exists());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "only the file");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_input_is_exit_2() {
    bad(
        &quiz(
            &[
                "tanh(x*w + + b)",
                "--at",
                "x=1",
                "--at",
                "w=0.5",
                "--at",
                "b=1",
            ],
            "",
        ),
        "(column 12)",
    );
    bad(
        &quiz(&["tanh(x*w + b)", "--at", "x=1"], ""),
        "no value for variables `b`, `w`",
    );
    bad(&quiz(&["x*x", "--at", "X=1"], ""), "did you mean `x`?");
    bad(&quiz(&["2*3"], ""), "no variables");
    bad(
        &quiz(&["x", "--at", "x=1"], ""),
        "the output is a variable itself",
    );
    bad(&quiz(&["log(x)", "--at", "x=-1"], ""), "log(-1) = NaN");
    bad(
        &quiz(&["-", "--at", "x=1"], ""),
        "answers from standard input",
    );
    let mut args = NEURON.to_vec();
    args.extend(["--tolerance", "-1"]);
    bad(&quiz(&args, ""), "--tolerance");
    let mut args = NEURON.to_vec();
    args.extend(["--abs-tolerance", "-1"]);
    bad(&quiz(&args, ""), "--abs-tolerance");
    // flags that do not go together (clap's own messages, exit 2)
    bad(&quiz(&["--random", "--level", "harder"], ""), "harder");
    bad(
        &quiz(&["x*x", "--at", "x=1", "--seed", "3"], ""),
        "--random",
    );
    bad(&quiz(&["x*x", "--random"], ""), "cannot be used");
    bad(&quiz(&[], ""), "EXPRESSION");
    // a piped line that is not a number stops the quiz
    let out = quiz(NEURON, "0.915\nabout 0.9\n");
    let err = bad(
        &out,
        "the answer to question 2 (∂f/∂#3), line 2 of standard input: `about 0.9` is not a number; give one number per line",
    );
    assert!(err.starts_with("error: "), "{err}");
    // standard input ending early: how many were unanswered
    let out = quiz(NEURON, "0.915\n0.915\n");
    bad(
        &out,
        "standard input ended after 2 lines: 3 of 5 questions unanswered",
    );
    assert!(
        stdout(&out).ends_with("2 of 5 right; 3 unanswered.\n"),
        "{}",
        stdout(&out)
    );
    let out = quiz(NEURON, "");
    bad(&out, "5 of 5 questions unanswered");
    // a line without end, and bytes that are not text
    let mut all = vec!["quiz"];
    all.extend_from_slice(NEURON);
    let endless = vec![b'0'; 200_000];
    bad(
        &run(&all, &endless, None),
        "standard input, line 1: a line longer than 65536 bytes",
    );
    bad(
        &run(&all, b"0.915\n\xff\xfe\n", None),
        "standard input, line 2: not UTF-8 text",
    );
}

#[test]
fn tolerance_is_relative_with_an_absolute_floor() {
    // relu(x) at -1: every gradient is 0, where only the absolute floor accepts anything
    let text = ok(&quiz(
        &["relu(x) + 2*w", "--at", "x=-1", "--at", "w=1", "--leaves"],
        "2\n1e-9\n",
    ));
    assert!(text.ends_with("2 of 2 right.\n"), "{text}");
    let text = ok(&quiz(
        &["relu(x) + 2*w", "--at", "x=-1", "--at", "w=1", "--leaves"],
        "2.01\n1e-3\n",
    ));
    assert!(text.ends_with("0 of 2 right.\n"), "{text}");
    assert!(
        text.contains("Answers are right within 0.1% (or 1e-6 near 0)"),
        "{text}"
    );
    let text = ok(&quiz(
        &[
            "relu(x) + 2*w",
            "--at",
            "x=-1",
            "--at",
            "w=1",
            "--leaves",
            "--tolerance",
            "0.01",
            "--abs-tolerance",
            "0.01",
        ],
        "2.01\n1e-3\n",
    ));
    assert!(text.ends_with("2 of 2 right.\n"), "{text}");
}

/// Runs `gradgraph quiz` with `args`, `input` piped in, and the environment `env` instead of
/// the tests' English: no GRADGRAPH_LANG, LC_ALL, LC_MESSAGES or LANG but those given.
fn quiz_env(env: &[(&str, &str)], args: &[&str], input: &str) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut command = Command::new(env!("CARGO_BIN_EXE_gradgraph"));
    for name in ["GRADGRAPH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    command
        .envs(env.iter().copied())
        .arg("quiz")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("the gradgraph binary runs");
    let mut stdin = child.stdin.take().expect("a pipe to standard input");
    let _ = stdin.write_all(input.as_bytes());
    drop(stdin);
    child.wait_with_output().expect("the gradgraph binary ends")
}

/// `gradgraph quiz ARGS --lang pt-BR` with `input` piped in.
fn quiz_pt(args: &[&str], input: &str) -> Output {
    let mut all = args.to_vec();
    all.extend(["--lang", "pt-BR"]);
    quiz(&all, input)
}

/// Checks that `text`, shown in Portuguese, has no English word left (the message prefix of
/// the command line's errors, `error:`, is the error messages' own; the LaTeX sheet's
/// `\typeout` line is for the log).
fn all_portuguese(text: &str) {
    let text: String = text
        .lines()
        // the LaTeX sheet's line for the log, which the tests read, is the same in English
        .filter(|l| !l.starts_with("\\typeout{gradgraph graph:"))
        .map(|l| l.strip_prefix("error: ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let left = gradgraph_i18n::english_left(&text);
    assert!(left.is_empty(), "English left: {left:?} in\n{text}");
}

#[test]
fn portuguese_asks_and_diagnoses_in_the_lectures_words() {
    // answers with a decimal comma, arithmetic with one, a point, and four kinds of slip
    let neuron = [
        "tanh(x*w + b)",
        "--at",
        "x=1",
        "--at",
        "w=0,5",
        "--at",
        "b=-0,2",
    ];
    let text = ok(&quiz_pt(&neuron, "0,915\n1 - 0,3^2\n0.3\n0,4576\n1\n"));
    for want in [
        "f = tanh(x*w + b)   em b = -0,2, w = 0,5, x = 1\n",
        "A propagação direta:\n",
        "  #5 = tanh(#4) = 0,291313   (f)\n",
        "Faça a retropropagação à mão, a partir de ∂f/∂#5 = 1: dê ∂f/∂nó de cada nó abaixo,\n",
        "Vale uma diferença de até 0,1% (ou 1e-6 perto de 0),\n",
        "[1/5] #4 = #3 + b = 0,3, usado por #5\n  ∂f/∂#4 = 0,915\n  certo: ∂f/∂#4 = 0,915137\n",
        "  ∂f/∂#3 = 1 - 0,3^2\n  errado: ∂f/∂#3 = 0,915137, e não 0,91\n",
        "  O exercício continua com o valor certo, ∂f/∂#3 = 0,915137.\n",
        // the node's value for its gradient
        "  O primeiro erro está no que foi pedido: 1 é o valor de x (o valor que lhe foi atribuído), não o seu gradiente ∂f/∂x;\n",
        // the operand itself at the product
        "  O primeiro erro está na derivada local de #3 = x * w em relação a w:\n  você usou 0,5, o próprio operando, e não o outro,\n  mas ∂#3/∂w = x = 1.\n",
        "  #3 envia a w: derivada local × gradiente que chega = 1 × 0,915137 = 0,915137.\n",
        "Acertos: 1 de 5.\n",
    ] {
        assert!(text.contains(want), "want {want:?} in\n{text}");
    }
    all_portuguese(&text);

    // a use left out of the sum, counted twice, the upstream factor missing
    let text = ok(&quiz_pt(&["x*x + x", "--at", "x=3", "--leaves"], "6\n"));
    assert!(
        text.contains("  x é usado 3 vezes, então o seu gradiente soma o que cada uso envia:\n"),
        "{text}"
    );
    assert!(
        text.contains("    de #1 = x * x (o seu segundo operando): 3 × 1 = 3\n"),
        "{text}"
    );
    assert!(text.contains("  A sua resposta, 6, é essa soma sem o produto 1 de #2 = #1 + x: faltou somar esse uso.\n"), "{text}");
    assert!(
        text.contains("  A soma certa: ∂f/∂x = 1 + 3 + 3 = 7.\n"),
        "{text}"
    );
    all_portuguese(&text);
    let text = ok(&quiz_pt(&["x*x + x", "--at", "x=3", "--leaves"], "10\n"));
    assert!(text.contains("foi contado duas vezes."), "{text}");
    all_portuguese(&text);
    let text = ok(&quiz_pt(&["5*(2*x)", "--at", "x=3"], "5\n2\n"));
    assert!(
        text.contains("  O primeiro erro: faltou multiplicar pelo gradiente que chega de cima. #3 = 2 * x envia a x a derivada local 2, que ainda precisa ser multiplicada pelo gradiente que chega, ∂f/∂#3 = 5.\n"),
        "{text}"
    );
    all_portuguese(&text);
    // the node's own local derivative for its gradient
    let text = ok(&quiz_pt(&["x*x + x", "--at", "x=3"], "3\n7\n"));
    assert!(
        text.contains("essa é a derivada local, não o gradiente."),
        "{text}"
    );
    assert!(
        text.contains("∂f/∂#1 é o gradiente que chega a #1 de cima, vindo dos nós que o usam."),
        "{text}"
    );
    all_portuguese(&text);
    // a piecewise rule in the lecture's words, and a slip of tanh's rule carried down
    let text = ok(&quiz_pt(
        &["relu(x - 1)", "--at", "x=0,5", "--leaves"],
        "1\n",
    ));
    assert!(
        text.contains("você usou 1, só que a ReLU é constante (derivada 0) para #2 ≤ 0,"),
        "{text}"
    );
    assert!(
        text.contains("mas ∂#3/∂#2 = 1 se #2 > 0, senão 0 = 1 se (-0,5) > 0, senão 0 = 0."),
        "{text}"
    );
    all_portuguese(&text);
    let text = ok(&quiz_pt(
        &[&neuron[..], &["--leaves"]].concat(),
        "0,91\n0,9151\n0,4576\n",
    ));
    assert!(
        text.contains("Levado para baixo até b, esse erro dá 0,91; o certo é ∂f/∂b = 0,915137."),
        "{text}"
    );
    assert!(text.contains("cada variável abaixo"), "{text}");
    all_portuguese(&text);
}

#[test]
fn portuguese_is_chosen_by_the_variable_and_the_locale() {
    let args = ["x*x + x", "--at", "x=0,5", "--leaves"];
    for env in [
        &[("GRADGRAPH_LANG", "pt-BR")][..],
        &[("LANG", "pt_BR.UTF-8")][..],
        &[("LC_ALL", "pt_BR.UTF-8"), ("LANG", "C")][..],
    ] {
        let text = ok(&quiz_env(env, &args, "2,0\n"));
        assert!(
            text.contains("f = x*x + x   em x = 0,5\n"),
            "{env:?}: {text}"
        );
        assert!(text.contains("  certo: ∂f/∂x = 2\n"), "{env:?}: {text}");
        assert!(text.ends_with("Acertos: 1 de 1.\n"), "{env:?}: {text}");
        all_portuguese(&text);
    }
    // English stays the default, and reads no decimal comma
    let out = quiz_env(
        &[("LANG", "C")],
        &["x*x + x", "--at", "x=3", "--leaves"],
        "7,0\n",
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("`7,0` is not a number"), "{err}");
}

#[test]
fn portuguese_stops_and_refuses_in_portuguese() {
    let neuron = [
        "tanh(x*w + b)",
        "--at",
        "x=1",
        "--at",
        "w=0,5",
        "--at",
        "b=-0,2",
    ];
    // a line that is not a number
    let out = quiz_pt(&neuron, "0,915\nabc\n");
    let err = bad(
        &out,
        "a resposta da pergunta 2 (∂f/∂#3), linha 2 da entrada padrão: `abc` não é um número; dê um número por linha",
    );
    all_portuguese(&err);
    all_portuguese(&stdout(&out));
    // the answers end early: how many are left, in the summary and the message
    let out = quiz_pt(&neuron, "0,915\n");
    let err = bad(
        &out,
        "a entrada padrão terminou depois de 1 linha: 4 de 5 perguntas sem resposta",
    );
    all_portuguese(&err);
    assert!(
        stdout(&out).ends_with("Acertos: 1 de 5; 4 sem resposta.\n"),
        "{}",
        stdout(&out)
    );
    let err = bad(
        &quiz_pt(&neuron, ""),
        "depois de 0 linhas: 5 de 5 perguntas sem resposta",
    );
    all_portuguese(&err);
    // flags that do not go together
    let err = bad(
        &quiz_pt(&["x", "--seed", "3"], ""),
        "--seed é para um exercício aleatório: acrescente --random",
    );
    all_portuguese(&err);
    let err = bad(&quiz_pt(&["-"], ""), "a expressão não pode vir de lá");
    all_portuguese(&err);
}

#[test]
fn portuguese_random_exercises_name_their_level() {
    for (level, name) in [("easy", "fácil"), ("medium", "médio"), ("hard", "difícil")] {
        let out = quiz_pt(&["--random", "--level", level, "--seed", "11"], "");
        let text = stdout(&out);
        assert!(
            text.contains(&format!(
                "(um exercício aleatório de nível {name}: gradgraph quiz --random --level {level} --seed 11)\n"
            )),
            "{text}"
        );
        assert!(text.contains("A propagação direta:"), "{text}");
        all_portuguese(&text);
        all_portuguese(&stderr(&out));
        // the right answers, given with decimal commas, all pass
        let json: Json = serde_json::from_str(&stdout(&quiz(
            &["--random", "--level", level, "--seed", "11", "--json"],
            "",
        )))
        .expect("JSON");
        let answers: String = json["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| {
                format!(
                    "{}\n",
                    q["gradient"]
                        .as_f64()
                        .unwrap()
                        .to_string()
                        .replace('.', ",")
                )
            })
            .collect();
        let text = ok(&quiz_pt(
            &["--random", "--level", level, "--seed", "11"],
            &answers,
        ));
        let n = json["total"].as_u64().unwrap();
        assert!(text.ends_with(&format!("Acertos: {n} de {n}.\n")), "{text}");
        all_portuguese(&text);
    }
}

#[test]
fn portuguese_json_stays_machine_readable() {
    // the dialogue on stderr in Portuguese, the JSON as in English: points, English texts
    let args = ["x*x + x", "--at", "x=3", "--leaves", "--json"];
    let pt = quiz_pt(&args, "6\n");
    let en = quiz(&args, "6\n");
    assert_eq!(stdout(&pt), stdout(&en));
    let json: Json = serde_json::from_str(&stdout(&pt)).expect("JSON");
    assert_eq!(
        json["questions"][0]["answer"]["mistake"]["kind"],
        "left_out"
    );
    assert!(stderr(&pt).contains("x é usado 3 vezes"), "{}", stderr(&pt));
    // answers that end early or a line that is not a number: the JSON's error in English too
    for input in ["1\n", "1\nabc\n"] {
        let args = ["x*x + x", "--at", "x=3", "--json"];
        let (pt, en) = (quiz_pt(&args, input), quiz(&args, input));
        assert_eq!(pt.status.code(), Some(2));
        assert_eq!(stdout(&pt), stdout(&en), "{input:?}");
        let json: Json = serde_json::from_str(&stdout(&pt)).expect("JSON");
        assert!(
            json["error"].as_str().unwrap().contains("standard input"),
            "{json}"
        );
        assert!(stderr(&pt).contains("entrada padrão"), "{}", stderr(&pt));
    }
}

#[test]
fn portuguese_worksheet_and_answer_key() {
    let dir = scratch("quiz-worksheet-pt");
    let sheet = dir.join("sheet");
    let out = quiz_pt(
        &[
            "x*x + x",
            "--at",
            "x=0,5",
            "--worksheet",
            sheet.to_str().unwrap(),
        ],
        "",
    );
    ok(&out);
    let err = stderr(&out);
    assert!(err.contains("gravado: "), "{err}");
    all_portuguese(&err.replace(sheet.to_str().unwrap(), ""));
    let read = |name: &str| {
        std::fs::read_to_string(sheet.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let exercise = read("worksheet.md");
    assert!(
        exercise.starts_with("# Retropropagação à mão\n\nf = `x*x + x` em x = 0,5.\n"),
        "{exercise}"
    );
    for want in [
        "## A propagação direta\n\n| nó | fórmula | parte de f | valor |\n",
        "| #1 | x \\* x | `x*x` | 0,25 |\n",
        "## A retropropagação\n\nA retropropagação começa na saída, com ∂f/∂#2 = 1.",
        "| # | nó | valor | usado por | ∂f/∂nó |\n",
        "| 2 | x | 0,5 | #2, #1 (duas vezes) |  |\n",
    ] {
        assert!(exercise.contains(want), "want {want:?} in\n{exercise}");
    }
    all_portuguese(&exercise);
    let key = read("answers.md");
    for want in [
        "# Retropropagação à mão: gabarito\n",
        "| 2 | x | 0,5 | #2, #1 (duas vezes) | 2 |\n",
        "## Como cada gradiente é calculado\n",
        "   - de #1 = x \\* x (o seu segundo operando): 0,5 × 1 = 0,5, onde ∂#1/∂x = ",
    ] {
        assert!(key.contains(want), "want {want:?} in\n{key}");
    }
    all_portuguese(&key);
    for name in ["worksheet.tex", "answers.tex"] {
        let tex = read(name);
        assert!(tex.contains(r"\section*{Retropropagação à mão"), "{tex}");
        assert!(tex.contains(r"\texttt{x} $= 0{,}5$"), "{tex}");
        assert!(tex.contains(r"\subsection*{A propagação direta}"), "{tex}");
        assert!(tex.contains(r"& \texttt{x*x} & $0{,}25$"), "{tex}");
        assert!(!tex.contains("0.5") && !tex.contains("0.25"), "{tex}");
        all_portuguese(&tex);
    }
    assert!(read("answers.tex").contains(r"\subsection*{Como cada gradiente é calculado}"));
    compile(&sheet);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn portuguese_worksheet_without_graphviz_says_how_to_render() {
    let dir = scratch("quiz-no-graphviz-pt");
    let sheet = dir.join("sheet");
    let empty = dir.join("bin");
    std::fs::create_dir_all(&empty).unwrap();
    let out = run(
        &[
            "quiz",
            "x*x + x",
            "--at",
            "x=3",
            "--worksheet",
            sheet.to_str().unwrap(),
            "--lang",
            "pt-BR",
        ],
        "",
        Some(empty.to_str().unwrap()),
    );
    ok(&out);
    let err = stderr(&out);
    assert!(
        err.contains("nota: o `dot`, que vem com o Graphviz, não está instalado"),
        "{err}"
    );
    let md = std::fs::read_to_string(sheet.join("worksheet.md")).unwrap();
    assert!(
        md.contains("desenhe-o com o Graphviz: `dot -Tsvg graph.dot -o graph.svg`"),
        "{md}"
    );
    all_portuguese(&md);
    let tex = std::fs::read_to_string(sheet.join("worksheet.tex")).unwrap();
    assert!(
        tex.contains("O grafo de $f$ está em \\texttt{graph.dot}; desenhe-o com o Graphviz."),
        "{tex}"
    );
    all_portuguese(&tex);
    std::fs::remove_dir_all(&dir).unwrap();
}

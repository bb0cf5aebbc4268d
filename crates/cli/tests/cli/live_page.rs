//! The live page (`gradgraph page`, `expr --html`): its engine is the CLI's, bit for bit, and
//! the page works in a browser.
//!
//! The golden test runs the committed WebAssembly under Node (`tests/browser/engine.mjs`) on
//! every op of the language, the course's nets and a 200-node expression, each at several
//! values, and compares the bits of the value and of every gradient with `gradgraph expr
//! --json`. The browser test drives pages in Chromium (`tests/browser/live.test.mjs`). Both
//! need `node` (the browser test also `npm ci` in tests/browser and Chromium); without them
//! they say they are skipped and pass, unless `GRADGRAPH_REQUIRE_BROWSER` is set (as
//! `.ci/run` does), when they fail.

use crate::common::{browser, gradgraph, stderr, stdout};
use gradgraph::expr::{function_names, function_signature};
use serde_json::{Value as Json, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn wasm() -> PathBuf {
    Path::new(crate::ROOT).join("crates/web/assets/gradgraph_web.wasm")
}

/// Every function of the language, called on sub-expressions; the course's nets; a long sum.
fn expressions() -> Vec<String> {
    let mut all: Vec<String> = [
        "x + y",
        "x - y",
        "x * y",
        "x / y",
        "-x",
        "x + 2",
        "2 - x",
        "3 * x",
        "x / 3",
        "3 / x",
        "x^3",
        "x^y",
        "x^0.5",
        "tanh(x*w + b)",
        // the course's nets: the chain, two sigmoid neurons and their loss, a 2-2-1 MLP
        "sigmoid(tanh(sigmoid(w*x)))",
        "(sigmoid(w2*sigmoid(w1*x)) - 1)^2",
        "sigmoid(v1*tanh(w11*x + w12*y + b1) + v2*tanh(w21*x + w22*y + b2) + c)",
    ]
    .map(str::to_owned)
    .to_vec();
    let operands = ["x*w + b", "y - x", "x*y"];
    for name in function_names() {
        let signature = function_signature(name).expect("a signature");
        let first = signature.split(" or ").next().unwrap_or(&signature);
        let arity = first.matches(',').count() + 1;
        all.push(format!("{name}({})", operands[..arity].join(", ")));
    }
    // about 200 nodes
    let terms: Vec<String> = (1..=40).map(|k| format!("tanh(w{k}*x + {k}*y)")).collect();
    all.push(terms.join(" + "));
    all
}

/// Values for the variables of `source`: the `k`th set of a few spread over the line.
fn values(source: &str, k: usize) -> Vec<(String, String)> {
    let e = gradgraph::expr::parse(source).expect("the test's expressions parse");
    e.variables()
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let x = [0.3, -1.7, 2.5, 0.05, -0.6][(k + i) % 5] * (1.0 + 0.37 * k as f64);
            (name.to_string(), gradgraph::format_number(x))
        })
        .collect()
}

#[test]
fn the_pages_engine_computes_the_command_lines_bits() {
    if !browser::can_run(
        "the golden test of the page's engine",
        browser::node_missing(),
    ) {
        return;
    }
    let mut cases = Vec::new();
    for source in expressions() {
        for k in 0..4 {
            cases.push((source.clone(), values(&source, k)));
        }
    }
    let requests: String = cases
        .iter()
        .map(|(source, at)| {
            let values: serde_json::Map<String, Json> =
                at.iter().map(|(n, v)| (n.clone(), json!(v))).collect();
            json!({"expression": source, "values": values}).to_string() + "\n"
        })
        .collect();
    let responses: Vec<Json> = engine(&[], &requests)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON response"))
        .collect();
    assert_eq!(responses.len(), cases.len());
    let bits = |v: &Json| -> u64 {
        u64::from_str_radix(v.as_str().expect("bits"), 16).expect("hexadecimal bits")
    };
    let mut compared = 0;
    for ((source, at), page) in cases.iter().zip(&responses) {
        let mut args = vec!["expr".to_owned(), source.clone(), "--json".to_owned()];
        for (name, value) in at {
            args.extend(["--at".to_owned(), format!("{name}={value}")]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let cli = gradgraph(&args);
        let what = format!("{source} at {at:?}");
        if !cli.status.success() {
            // a non-finite value: the page says so too, with the same message
            assert!(page["error"].is_object(), "{what}: the page shows no error");
            continue;
        }
        let cli: Json = serde_json::from_str(&stdout(&cli)).expect("--json prints JSON");
        let value = cli["value"].as_f64().expect("a value");
        assert_eq!(
            bits(&page["value_bits"]),
            value.to_bits(),
            "{what}: the value"
        );
        for grad in page["grads"].as_array().expect("grads") {
            let name = grad["name"].as_str().expect("a name");
            let native = cli["grads"][name].as_f64().expect("a gradient");
            assert_eq!(bits(&grad["bits"]), native.to_bits(), "{what}: ∂f/∂{name}");
            compared += 1;
        }
    }
    assert!(compared > 300, "only {compared} gradients compared");

    // 20 steps of training micrograd's MLP on the engine: the same loss, to the last bit
    let out = Command::new("node")
        .arg(browser::dir().join("engine.mjs"))
        .arg(wasm())
        .args(["--w1", "20"])
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let page: f64 = stdout(&out).trim().parse().expect("a loss");
    assert_eq!(
        page.to_bits(),
        gradgraph_web::w1(20).1.to_bits(),
        "W1's loss"
    );
}

#[test]
fn the_live_page_works_in_chromium() {
    if !browser::can_run("the browser tests of the live page", browser::missing()) {
        return;
    }
    let (dir, page) = written_page("live_page");
    // what the command line prints for each expression the browser types
    let all = expressions();
    let last = all.len() - 1;
    // the first few, every third function, and the 200-node sum
    let typed: Vec<(String, Vec<(String, String)>)> = all
        .into_iter()
        .enumerate()
        .filter(|(k, _)| k % 3 == 0 || *k < 3 || *k == last)
        .map(|(k, source)| {
            let at = values(&source, k);
            (source, at)
        })
        .collect();
    let mut cases = Vec::new();
    for (source, at) in typed {
        let mut args = vec![
            "expr".to_owned(),
            source.clone(),
            "--json".to_owned(),
            "--trace".to_owned(),
        ];
        for (name, value) in &at {
            args.extend(["--at".to_owned(), format!("{name}={value}")]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let cli = gradgraph(&args);
        if !cli.status.success() {
            continue;
        }
        let json: Json = serde_json::from_str(&stdout(&cli)).expect("--json prints JSON");
        cases.push(json!({"expression": source, "values": at, "json": json}));
    }
    // the tour's page: the course's two-neuron graph handed as data, against the CLI on the
    // expression that builds the same ops
    // (its samples' inputs written as numbers: the page's x(1), x(2) are no names of the
    // expression language; the products are the same floats)
    let (w1, w2) = gradgraph_course::examples::WEIGHTS;
    let [(x1, y1), (x2, y2)] = gradgraph_course::examples::SAMPLES;
    let square = |x: f64, y: f64| format!("(sigmoid(sigmoid({x}*w1)*w2) - {y})^2");
    let expression = format!("({} + {})/2", square(x1, y1), square(x2, y2));
    let two_neurons = gradgraph(&[
        "expr",
        &expression,
        "--at",
        &format!("w1={w1}"),
        "--at",
        &format!("w2={w2}"),
        "--json",
    ]);
    assert!(two_neurons.status.success(), "{}", stderr(&two_neurons));
    let two_neurons: Json = serde_json::from_str(&stdout(&two_neurons)).expect("JSON");
    let manifest = json!({
        "chromium": browser::chromium(),
        "page": page,
        "graph_page": Path::new(crate::ROOT).join("graphs/two_neurons.html"),
        "graph_json": two_neurons,
        "cases": cases,
        "shots": dir,
    });
    browser::run("live.test.mjs", &dir, &manifest);
}

/// A fresh folder `name` under the tests' scratch folder, and the page `gradgraph page`
/// wrote in it.
fn written_page(name: &str) -> (PathBuf, PathBuf) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder for pages and screenshots");
    let page = dir.join("page.html");
    let out = gradgraph(&["page", page.to_str().expect("a UTF-8 path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    (dir, page)
}

/// The page's engine under Node (`tests/browser/engine.mjs`, with `args` after the
/// WebAssembly's path), given `input` on its standard input: what it prints.
fn engine(args: &[&str], input: &str) -> String {
    let mut child = Command::new("node")
        .arg(browser::dir().join("engine.mjs"))
        .arg(wasm())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("requests written");
    let out = child.wait_with_output().expect("node ends");
    assert!(out.status.success(), "{}", stderr(&out));
    println!("{}", stderr(&out));
    stdout(&out)
}

/// Runs the net mode's `requests` in order on the page's engine under Node: the answers.
fn net_answers(requests: &[Json]) -> Vec<Json> {
    let text: String = requests.iter().map(|r| r.to_string() + "\n").collect();
    engine(&["--net"], &text)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON answer"))
        .collect()
}

#[test]
fn the_pages_training_is_the_command_lines_to_the_last_bit() {
    if !browser::can_run(
        "the golden test of the page's training",
        browser::node_missing(),
    ) {
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("net_golden");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder");
    let csv = dir.join("points.csv");
    std::fs::write(
        &csv,
        "x1,x2,y\n0.5,1,0\n-1,2,1\n0,0,1\n1.5,-0.5,0\n-0.25,0.75,1\n2,1,0\n",
    )
    .expect("a CSV file");
    let csv_text = std::fs::read_to_string(&csv).expect("its text");
    // the page's settings and the same run's flags
    let runs: Vec<(Json, Vec<String>)> = vec![
        (
            json!({"dataset": "circles", "samples": 80, "hidden": [4], "activation": ["tanh"],
                   "lr": 0.05, "steps": 60, "seed": 3, "test_fraction": 0.25, "batch_size": 16}),
            "--dataset circles --samples 80 --hidden 4 --activation tanh --lr 0.05 --steps 60 \
             --seed 3 --test-fraction 0.25 --batch-size 16",
        ),
        (
            json!({"dataset": "moons", "hidden": [8, 8], "activation": ["relu", "gelu"],
                   "optimizer": "momentum:0.9", "lr": 0.1, "lr_end": 0.01, "l2": 0.001,
                   "clip_norm": 1.0, "steps": 50, "seed": 5, "noise": 0.2}),
            "--dataset moons --hidden 8,8 --activation relu,gelu --optimizer momentum:0.9 \
             --lr 0.1 --lr-end 0.01 --l2 0.001 --clip-norm 1 --steps 50 --seed 5 --noise 0.2",
        ),
        (
            json!({"dataset": "sine", "hidden": [16], "activation": ["tanh"], "steps": 80,
                   "optimizer": "sgd", "lr": 0.1, "clip_value": 0.5}),
            "--dataset sine --hidden 16 --activation tanh --steps 80 --optimizer sgd --lr 0.1 \
             --clip-value 0.5",
        ),
        (
            json!({"dataset": "blobs", "hidden": [6], "activation": ["sigmoid"], "steps": 40,
                   "seed": 11, "batch_size": 30}),
            "--dataset blobs --hidden 6 --activation sigmoid --steps 40 --seed 11 \
             --batch-size 30",
        ),
        (
            json!({"dataset": "xor", "hidden": [2], "activation": ["tanh"], "lr": 0.1,
                   "steps": 300, "seed": 3}),
            "--dataset xor --hidden 2 --activation tanh --lr 0.1 --steps 300 --seed 3",
        ),
        (
            json!({"dataset": csv.display().to_string(), "hidden": [3], "activation": ["elu"],
                   "steps": 30, "loss": "hinge"}),
            &format!(
                "--dataset {} --hidden 3 --activation elu --steps 30 --loss hinge",
                csv.display()
            ),
        ),
    ]
    .into_iter()
    .map(|(settings, flags): (Json, &str)| {
        (
            settings,
            flags.split_whitespace().map(str::to_owned).collect(),
        )
    })
    .collect();
    for (settings, flags) in runs {
        let steps = settings["steps"].as_u64().expect("steps");
        let mut new = json!({"cmd": "new", "settings": settings});
        if settings["dataset"] == json!(csv.display().to_string()) {
            new["csv"] = json!({"name": csv.display().to_string(), "text": csv_text});
        }
        // trained in pieces, as the page does frame by frame
        let first = steps / 3;
        let answers = net_answers(&[
            new,
            json!({"cmd": "train", "steps": first}),
            json!({"cmd": "train", "steps": steps - first, "view": {"since": first}}),
        ]);
        assert!(
            answers[0]["error"].is_null(),
            "{flags:?}: {}",
            answers[0]["error"]
        );
        let page: Vec<u64> = answers[1..]
            .iter()
            .flat_map(|a| a["losses"].as_array().expect("losses").clone())
            .map(|l| l.as_f64().expect("a loss").to_bits())
            .collect();
        let mut args = vec![
            "train".to_owned(),
            "--json".to_owned(),
            "--quiet".to_owned(),
        ];
        args.extend(flags.iter().cloned());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let cli = gradgraph(&args);
        assert!(cli.status.success(), "{flags:?}: {}", stderr(&cli));
        let cli: Json = serde_json::from_str(&stdout(&cli)).expect("--json prints JSON");
        let native: Vec<u64> = cli["loss"]
            .as_array()
            .expect("the loss history")
            .iter()
            .map(|l| l.as_f64().expect("a loss").to_bits())
            .collect();
        assert_eq!(page.len(), steps as usize, "{flags:?}");
        assert_eq!(page, native, "{flags:?}: the loss history");
        let last = &answers[2]["train"];
        assert_eq!(
            last["loss"].as_f64().map(f64::to_bits),
            cli["final_loss"].as_f64().map(f64::to_bits),
            "{flags:?}: the final loss"
        );
    }
}

#[test]
fn the_net_mode_works_in_chromium() {
    if !browser::can_run("the browser tests of the net mode", browser::missing()) {
        return;
    }
    let (dir, page) = written_page("net_mode");
    let presets = gradgraph_web::presets();
    // the circles preset as the command line trains it
    let circles = presets
        .iter()
        .find(|p| p.name == "circles")
        .expect("a circles preset");
    let s = &circles.settings;
    let train_json = |flags: &[String]| -> Json {
        let mut args = vec![
            "train".to_owned(),
            "--json".to_owned(),
            "--quiet".to_owned(),
        ];
        args.extend(flags.iter().cloned());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = gradgraph(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).expect("--json prints JSON")
    };
    let flags: Vec<String> = format!(
        "--dataset circles --samples {} --test-fraction {} --hidden 4 --activation tanh --lr {} \
         --steps {}",
        s.samples.expect("samples"),
        s.test_fraction,
        s.lr.expect("a rate"),
        s.steps
    )
    .split_whitespace()
    .map(str::to_owned)
    .collect();
    let circles_cli = train_json(&flags);
    // the page `train --html` writes for a run, and the run's numbers
    let train_page = dir.join("train.html");
    let run = "--dataset moons --hidden 8 --activation relu --steps 120 --seed 4 --batch-size 25";
    let mut flags: Vec<String> = run.split_whitespace().map(str::to_owned).collect();
    let train_cli = train_json(&flags);
    flags.extend(["--html".to_owned(), train_page.display().to_string()]);
    let mut args = vec!["train".to_owned(), "--quiet".to_owned()];
    args.extend(flags);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = gradgraph(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    // the chain rule of point 6 through neuron 1.2 after the circles preset's training, as the
    // engine computes it natively
    let ask = |request: Json| -> Json {
        serde_json::from_str(&gradgraph_web::net_json(&request.to_string())).expect("JSON")
    };
    ask(json!({"cmd": "new", "settings": circles.settings}));
    ask(json!({"cmd": "train", "steps": circles.settings.steps}));
    let sample = ask(json!({"cmd": "sample", "index": 5, "neuron": "1.2"}));
    let data: gradgraph_web::GraphData =
        serde_json::from_value(sample["graph"].clone()).expect("a graph");
    let g = gradgraph::Graph::new();
    let out = data
        .build(&g, &std::collections::HashMap::new())
        .expect("it builds");
    let trace: Vec<Json> = g
        .backward_trace(out)
        .steps
        .iter()
        .map(|s| json!({"node": s.node, "products": s.inputs.iter().map(|e| e.product).collect::<Vec<f64>>()}))
        .collect();
    let grads: serde_json::Map<String, Json> = g
        .values()
        .filter(|v| matches!(v.op(), gradgraph::Op::Input | gradgraph::Op::Param))
        .filter_map(|v| Some((v.label()?, json!(v.grad()))))
        .collect();
    let manifest = json!({
        "chromium": browser::chromium(),
        "page": page,
        "train_page": train_page,
        "train_cli": train_cli,
        "circles_cli": circles_cli,
        "presets": presets,
        "chain": {
            "index": 5, "neuron": "1.2", "steps": circles.settings.steps,
            "title": sample["title"], "trace": trace, "grads": grads,
        },
        "quiz": [
            {"node": 4, "answer": "1 - tanh(0.3)^2", "says": "right: ∂f/∂#4 = 0.915137"},
            {"node": 3, "answer": "1",
             "says": "without multiplying it by the upstream gradient ∂f/∂#4 = 0.915137"},
            {"node": 0, "answer": "0.5",
             "says": "#3 = x * w sends x its local derivative, 0.5, without multiplying"},
        ],
        "shots": dir,
    });
    browser::run("net.test.mjs", &dir, &manifest);
}

#[test]
fn the_page_switches_to_portuguese_in_chromium() {
    if !browser::can_run(
        "the browser test of the page's languages",
        browser::missing(),
    ) {
        return;
    }
    let (dir, page) = written_page("live_page_lang");
    let page_pt = dir.join("pagina.html");
    let out = gradgraph(&[
        "--lang",
        "pt-BR",
        "page",
        page_pt.to_str().expect("a UTF-8 path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest = json!({
        "chromium": browser::chromium(),
        "page": page,
        "page_pt": page_pt,
        "words": Path::new(crate::ROOT).join("crates/i18n/english_words.txt"),
        "shots": dir,
    });
    browser::run("lang.test.mjs", &dir, &manifest);
}

/// `gradgraph page --lang pt-BR` and `expr --html` under `--lang pt-BR` write a page that
/// opens in Portuguese; without it, in English.
#[test]
fn the_page_opens_in_the_language_asked() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("page_lang");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder");
    let opens_in = |path: &Path| -> String {
        let html = std::fs::read_to_string(path).expect("the page");
        let init = html
            .split(r#"<script type="application/json" id="gg-init">"#)
            .nth(1)
            .and_then(|rest| rest.split("</script>").next())
            .expect("the page's opening");
        let init: Json = serde_json::from_str(init).expect("JSON");
        init["lang"].as_str().expect("a language").to_owned()
    };
    let en = dir.join("en.html");
    let out = gradgraph(&["page", en.to_str().expect("UTF-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(opens_in(&en), "en");
    let pt = dir.join("pt.html");
    let out = gradgraph(&["page", pt.to_str().expect("UTF-8"), "--lang", "pt-BR"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(opens_in(&pt), "pt-BR");
    let expr = dir.join("expr.html");
    let out = gradgraph(&[
        "--lang",
        "pt-BR",
        "expr",
        "tanh(x*w + b)",
        "--at",
        "x=1",
        "--at",
        "w=0,5",
        "--at",
        "b=-0,2",
        "--html",
        expr.to_str().expect("UTF-8"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(opens_in(&expr), "pt-BR");
    let html = std::fs::read_to_string(&expr).expect("the page");
    // the page's messages in both languages, for the switch
    assert!(html.contains("\"page-phase-backward\":\"retropropagação\""));
    assert!(html.contains("\"page-phase-backward\":\"backward\""));
}

/// The page's and the playground's fuzz inputs, through the page's real WebAssembly under
/// Node rather than the native build the fuzzer runs: every request is answered with a JSON
/// object, never a trap (which would stop Node with an error).
#[test]
fn the_fuzz_corpus_never_traps_the_pages_webassembly() {
    if !browser::can_run(
        "the fuzz corpus on the page's WebAssembly",
        browser::node_missing(),
    ) {
        return;
    }
    for (target, args, requests) in [
        (
            "page",
            &[][..],
            gradgraph_cli::fuzz::page_requests as fn(&[u8]) -> Vec<String>,
        ),
        (
            "playground",
            &["--net"][..],
            gradgraph_cli::fuzz::playground_requests,
        ),
    ] {
        // one request a line: a request sent as the input was, with a raw line break, is left out
        let lines: Vec<String> = crate::fuzz::inputs(target)
            .iter()
            .flat_map(|input| requests(input))
            .filter(|r| !r.contains(['\n', '\r']))
            .collect();
        assert!(lines.len() >= 10, "{target}: {} requests", lines.len());
        let answers = engine(args, &(lines.join("\n") + "\n"));
        assert_eq!(answers.lines().count(), lines.len(), "{target}");
        for (request, answer) in lines.iter().zip(answers.lines()) {
            let answer: Json = serde_json::from_str(answer).expect("a JSON answer");
            assert!(answer.is_object(), "{target}: {request} → {answer}");
        }
    }
}

/// A long training session in the page's engine under Node: its memory grows only by the
/// loss history the page plots (a loss and each layer's gradient norm per step), and ten
/// rewinds and trainings after it take no more. `GRADGRAPH_SOAK_STEPS=100000` runs the
/// soak of the guide's Correctness chapter.
#[test]
fn the_pages_engine_keeps_its_memory_over_long_training() {
    if !browser::can_run("the soak of the page's engine", browser::node_missing()) {
        return;
    }
    let steps: usize = std::env::var("GRADGRAPH_SOAK_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000_usize)
        .next_multiple_of(1000);
    let new = json!({"cmd": "new", "settings": {
        "dataset": "circles", "samples": 100, "hidden": [8, 8], "activation": ["tanh"],
        "optimizer": "adam", "lr": 0.01, "steps": steps, "test_fraction": 0.25, "l2": 0.0,
        "seed": 0,
    }});
    let out: Json =
        serde_json::from_str(engine(&["--soak", &steps.to_string()], &new.to_string()).trim())
            .expect("the soak's figures");
    assert_eq!(out["step"], steps / 10, "{out}");
    assert!(out["loss"].as_f64().is_some_and(f64::is_finite), "{out}");
    let bytes = |v: &Json| v["wasm"].as_f64().expect("a size");
    let one = out["one"].as_array().expect("the first session");
    let cycles = out["cycles"].as_array().expect("the cycles");
    let per_step = (bytes(&one[9]) - bytes(&one[0])) / (0.9 * steps as f64);
    println!(
        "page's engine, {steps} steps in {:.1} s: WebAssembly memory {:.2} MiB after {} steps, \
         {:.2} MiB after {steps} ({per_step:.0} B a step); after 10 rewinds and trainings of \
         {} steps: {:.2} MiB (after the first: {:.2} MiB); RSS {:.0} MiB",
        out["seconds"].as_f64().unwrap_or_default(),
        bytes(&one[0]) / 1048576.0,
        steps / 10,
        bytes(&one[9]) / 1048576.0,
        steps / 10,
        bytes(&cycles[9]) / 1048576.0,
        bytes(&cycles[0]) / 1048576.0,
        cycles[9]["rss"].as_f64().unwrap_or_default() / 1048576.0,
    );
    // the history: 8 bytes of loss and 3 norms a step, with their vectors' overhead
    assert!(per_step <= 160.0, "{per_step} bytes a step");
    assert!(bytes(&cycles[9]) <= bytes(&cycles[0]), "{out}");
}

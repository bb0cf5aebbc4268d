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
    let mut child = Command::new("node")
        .arg(browser::dir().join("engine.mjs"))
        .arg(wasm())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(requests.as_bytes())
        .expect("requests written");
    let out = child.wait_with_output().expect("node ends");
    assert!(out.status.success(), "{}", stderr(&out));
    println!("{}", stderr(&out));
    let responses: Vec<Json> = stdout(&out)
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
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("live_page");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder for pages and screenshots");
    let page = dir.join("page.html");
    let out = gradgraph(&["page", page.to_str().expect("a UTF-8 path")]);
    assert!(out.status.success(), "{}", stderr(&out));
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
    let two_neurons = gradgraph(&[
        "expr",
        "(sigmoid(sigmoid(x*w1)*w2) - 1)^2/1",
        "--at",
        "x=1",
        "--at",
        "w1=0.5",
        "--at",
        "w2=0.8",
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

//! `gradgraph expr` end to end: the binary's output, JSON, trace, exit codes and messages.

use crate::common::{NEURON, gradgraph, gradgraph_stdin, stderr, stdout};

use gradgraph::Graph;
use gradgraph::expr::{format_number, parse};
use serde_json::Value as Json;
use std::collections::HashMap;
use std::process::Output;
use std::time::Instant;

/// The library's own value and gradients for an expression, to compare the CLI with.
fn library(src: &str, at: &[(&str, f64)]) -> (f64, Vec<(String, f64)>) {
    let vars: HashMap<String, f64> = at.iter().map(|&(n, x)| (n.into(), x)).collect();
    let g = Graph::new();
    let (y, leaves) = parse(src)
        .expect("parses")
        .build(&g, &vars)
        .expect("builds");
    g.backward(y);
    let grads = leaves.iter().map(|(n, v)| (n.clone(), v.grad())).collect();
    (y.data(), grads)
}

/// The keys of a JSON object, sorted.
fn keys(json: &Json) -> Vec<&str> {
    let mut keys: Vec<&str> = json
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// Asserts exit code 2, nothing on stdout, and `want` in the message on stderr.
fn bad_input(args: &[&str], want: &str) -> String {
    let out = gradgraph(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?} printed {}", stdout(&out));
    assert!(err.starts_with("error: "), "{args:?}: {err}");
    assert!(err.contains(want), "{args:?}: got {err:?}, want {want:?}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn value_and_gradients_as_text() {
    let out = gradgraph(&NEURON);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty());
    let (y, grads) = library("tanh(x*w + b)", &[("x", 1.0), ("w", 0.5), ("b", -0.2)]);
    let mut want = format!(
        "f = tanh(x*w + b)   at b = -0.2, w = 0.5, x = 1\n  = {}\n\n",
        format_number(y)
    );
    for (name, grad) in &grads {
        want += &format!("∂f/∂{name} = {}\n", format_number(*grad));
    }
    assert_eq!(stdout(&out), want);
    // the numbers in full: 0.2913126124515909 is tanh(0.3) to the last digit
    assert!(stdout(&out).contains("  = 0.2913126124515909\n"));
}

#[test]
fn gradient_names_are_aligned_and_sorted() {
    let out = gradgraph(&[
        "expr",
        "w_long*x + b",
        "--at",
        "x=2",
        "--at",
        "w_long=3",
        "--at",
        "b=1",
    ]);
    assert_eq!(
        stdout(&out),
        "f = w_long*x + b   at b = 1, w_long = 3, x = 2\n  = 7\n\n\
         ∂f/∂b      = 1\n∂f/∂w_long = 2\n∂f/∂x      = 3\n"
    );
}

#[test]
fn json_is_one_object_with_exact_keys_and_full_precision() {
    let mut args = NEURON.to_vec();
    args.push("--json");
    let out = gradgraph(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let json: Json = serde_json::from_str(&text).expect("stdout is one JSON value");
    assert!(json.is_object());
    assert_eq!(keys(&json), ["grads", "value"]);
    assert!(text.starts_with("{\"value\":"), "{text}");
    let (y, grads) = library("tanh(x*w + b)", &[("x", 1.0), ("w", 0.5), ("b", -0.2)]);
    assert_eq!(json["value"].as_f64().unwrap().to_bits(), y.to_bits());
    let got = json["grads"].as_object().unwrap();
    assert_eq!(keys(&json["grads"]), ["b", "w", "x"]);
    for (name, grad) in grads {
        assert_eq!(
            got[&name].as_f64().unwrap().to_bits(),
            grad.to_bits(),
            "{name}"
        );
    }
}

#[test]
fn trace_as_text() {
    let mut args = NEURON.to_vec();
    args.push("--trace");
    let out = gradgraph(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("backward pass"))
        .expect("a trace");
    assert!(lines[start + 1].starts_with("node "));
    // one line per node, output first: tanh, +, *, then the leaves b, w, x
    let rows = &lines[start + 2..start + 8];
    let names: Vec<String> = rows
        .iter()
        .map(|r| r.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(names, ["#5 tanh", "#4 +", "#3 *", "#2 b", "#1 w", "#0 x"]);
    assert_eq!(lines[start + 8], "");
    // the chain rule: local derivative × upstream = product, for each input
    let y = 0.3f64.tanh();
    let local = 1.0 - y * y;
    assert!(
        rows[0].ends_with(&format!(
            "→ #4 +: {} × 1 = {}",
            format_number(local),
            format_number(local)
        )),
        "{}",
        rows[0]
    );
    assert!(rows[2].contains(&format!(
        "→ #0 x: 0.5 × {} = {}",
        format_number(local),
        format_number(0.5 * local)
    )));
    assert!(rows[5].ends_with(&format!("variable: ∂f/∂x = {}", format_number(0.5 * local))));
    // the columns line up
    let data_column = rows[0].find("0.29").unwrap();
    assert!(
        rows.iter()
            .all(|r| r.chars().nth(data_column - 1) == Some(' '))
    );
}

#[test]
fn trace_shows_constants_and_accumulation() {
    let out = gradgraph(&["expr", "2*x*x", "--at", "x=3", "--trace"]);
    let text = stdout(&out);
    // nodes: x #0, 2 #1, 2*x #2, 2*x*x #3; x receives 6 from each *: 12 = d(2x²)/dx = 4x
    assert!(text.contains("#1 const 2"), "{text}");
    assert!(text.contains("constant: no gradient kept"), "{text}");
    let x_line = text.lines().find(|l| l.starts_with("#0 x")).unwrap();
    assert!(x_line.contains("variable: ∂f/∂x = 12"), "{x_line}");
    let top = text.lines().find(|l| l.starts_with("#3 *")).unwrap();
    // d(ab)/da = b, d(ab)/db = a with a = 2x = 6, b = x = 3
    assert!(top.contains("→ #2 *: 3 × 1 = 3"), "{top}");
    assert!(top.contains("→ #0 x: 6 × 1 = 6"), "{top}");
}

#[test]
fn trace_as_json() {
    let mut args = NEURON.to_vec();
    args.extend(["--json", "--trace"]);
    let out = gradgraph(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: Json = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(keys(&json), ["grads", "trace", "value"]);
    let trace = json["trace"].as_array().unwrap();
    assert_eq!(trace.len(), 6);
    let ops: Vec<&str> = trace.iter().map(|s| s["op"].as_str().unwrap()).collect();
    assert_eq!(ops, ["tanh", "+", "*", "leaf", "leaf", "leaf"]);
    assert_eq!(trace[0]["upstream"].as_f64(), Some(1.0));
    assert_eq!(trace[5]["label"].as_str(), Some("x"));
    for step in trace {
        assert_eq!(
            keys(step),
            ["data", "inputs", "label", "node", "op", "upstream"]
        );
        let upstream = step["upstream"].as_f64().unwrap();
        for edge in step["inputs"].as_array().unwrap() {
            assert_eq!(keys(edge), ["label", "local", "node", "op", "product"]);
            // product = local × upstream, exactly
            let local = edge["local"].as_f64().unwrap();
            assert_eq!(
                edge["product"].as_f64().unwrap().to_bits(),
                (local * upstream).to_bits()
            );
        }
    }
    // a leaf's upstream is its gradient
    assert_eq!(trace[5]["upstream"], json["grads"]["x"]);
}

#[test]
fn an_expression_may_start_with_a_minus() {
    let out = gradgraph(&["expr", "-x^2", "--at", "x=3"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // -(x²) = -9, d/dx = -2x = -6
    assert!(stdout(&out).contains("  = -9\n"));
    assert!(stdout(&out).contains("∂f/∂x = -6\n"));
}

#[test]
fn an_expression_without_variables() {
    let out = gradgraph(&["expr", "2^3^2"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "f = 2^3^2\n  = 512\n\n(no variables: nothing to differentiate)\n"
    );
    let out = gradgraph(&["expr", "2^3^2", "--json"]);
    assert_eq!(stdout(&out), "{\"value\":512.0,\"grads\":{}}\n");
}

// ---------------------------------------------------------------------------------------
// bad input: exit code 2

#[test]
fn parse_errors_show_a_caret_under_the_column() {
    let err = bad_input(
        &["expr", "tanh(x*+b)", "--at", "x=1", "--at", "b=1"],
        "(column 8)",
    );
    assert_eq!(
        err,
        "error: expected a number, a variable, a function call or `(` after `*`, found `+` \
         (column 8)\n  tanh(x*+b)\n         ^\n"
    );
    bad_input(
        &["expr", "tanh(x"],
        "never closed: a `)` is missing (column 5)",
    );
    bad_input(&["expr", ""], "the expression is empty (column 1)");
    bad_input(&["expr", "2x", "--at", "x=1"], "to multiply, write `2*x`");
}

#[test]
fn unknown_functions_and_argument_counts() {
    bad_input(
        &["expr", "tahn(x)", "--at", "x=1"],
        "unknown function `tahn`; did you mean `tanh`?",
    );
    bad_input(
        &["expr", "softmax(x)", "--at", "x=1"],
        "unknown function `softmax`",
    );
    bad_input(
        &["expr", "tanh(x, x)", "--at", "x=1"],
        "`tanh` takes 1 argument, got 2",
    );
    bad_input(
        &["expr", "pow(x)", "--at", "x=1"],
        "`pow` takes 2 arguments, got 1",
    );
    bad_input(
        &["expr", "leaky_relu(x, a)", "--at", "x=1", "--at", "a=1"],
        "must be a constant",
    );
}

#[test]
fn variables_without_a_value() {
    bad_input(
        &["expr", "tanh(x*w + b)", "--at", "x=1"],
        "no value for variables `b`, `w`: add --at b=VALUE --at w=VALUE",
    );
    let err = bad_input(
        &["expr", "x*w", "--at", "x=1"],
        "no value for variable `w`: add --at w=VALUE\n",
    );
    assert!(!err.contains("like any other"), "{err}");
    // the constants the language does not know
    bad_input(
        &["expr", "e^x", "--at", "x=1"],
        "no value for variable `e`: add --at e=VALUE (`e` is a variable like any other: \
         write exp(x) for e^x)",
    );
    bad_input(
        &["expr", "pi*x", "--at", "x=1"],
        "no value for variable `pi`: add --at pi=VALUE (`pi` is a variable like any other: \
         give --at pi=3.141592653589793)",
    );
    bad_input(
        &["expr", "e*pi*x", "--at", "x=1"],
        "(`e` is a variable like any other: write exp(x) for e^x; `pi` is a variable like \
         any other: give --at pi=3.141592653589793)",
    );
}

#[test]
fn malformed_at() {
    let e = "x + 1";
    bad_input(
        &["expr", e, "--at", "x"],
        "'x' for '--at <NAME=VALUE>': expected NAME=VALUE",
    );
    bad_input(
        &["expr", e, "--at", "=1"],
        "'=1' for '--at <NAME=VALUE>': the variable name before `=` is missing",
    );
    bad_input(&["expr", e, "--at", "2x=1"], "`2x` is not a variable name");
    bad_input(&["expr", e, "--at", "-x=1"], "`-x` is not a variable name");
    bad_input(
        &["expr", e, "--at", "x=abc"],
        "'x=abc' for '--at <NAME=VALUE>': `abc` is not a number",
    );
    bad_input(
        &["expr", e, "--at", "x="],
        "the value of `x` after `=` is missing",
    );
    bad_input(&["expr", e, "--at", "x=inf"], "must be a finite number");
    bad_input(&["expr", e, "--at", "x=NaN"], "must be a finite number");
    bad_input(&["expr", e, "--at", "x=1e999"], "must be a finite number");
    bad_input(&["expr", e, "--at", "exp=1"], "`exp` is a function name");
    bad_input(
        &["expr", e, "--at", "x=1", "--at", "x=2"],
        "--at x is given twice (--at x=1, then --at x=2)",
    );
}

#[test]
fn an_at_for_a_variable_not_in_the_expression() {
    // a typo is caught, with the closest name
    bad_input(
        &["expr", "x + 1", "--at", "X=1"],
        "--at X=1: the expression has no variable `X`; did you mean `x`?",
    );
    bad_input(
        &["expr", "x*w", "--at", "x=1", "--at", "w=2", "--at", "q=3"],
        "the expression has no variable `q`; its variables are w, x",
    );
    bad_input(
        &["expr", "2 + 3", "--at", "y=1"],
        "the expression has no variables",
    );
}

#[test]
fn unknown_flags_are_usage_errors() {
    let out = gradgraph(&["expr", "x", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    let out = gradgraph(&["expr"]);
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------
// non-finite results: exit code 1, naming the node

fn failed(args: &[&str], want: &str) -> Output {
    let out = gradgraph(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert!(err.contains(want), "{args:?}: got {err:?}, want {want:?}");
    assert!(!err.contains("panicked"), "{err}");
    out
}

#[test]
fn log_of_a_negative_number() {
    let out = failed(
        &["expr", "2*log(x)", "--at", "x=-1"],
        "error: the forward pass produced NaN at node #2 (log): `log(x)` computes log(-1) = NaN\n  \
         2*log(x)\n    ^^^^^^\n",
    );
    // what was computed is still shown
    assert!(stdout(&out).contains("  = NaN\n"));
}

#[test]
fn division_by_zero_and_overflow() {
    failed(
        &["expr", "1/x", "--at", "x=0"],
        "node #2 (/): `1/x` computes 1/0 = inf",
    );
    failed(
        &["expr", "exp(x)", "--at", "x=1000"],
        "`exp(x)` computes exp(1000) = inf",
    );
    failed(
        &["expr", "x*y", "--at", "x=1e200", "--at", "y=1e200"],
        "computes 1e200·1e200 = inf",
    );
}

#[test]
fn a_negative_number_beside_an_operator_is_in_parentheses() {
    // -1 ^ 0.5 reads as -(1^0.5) in the language's precedence
    failed(
        &["expr", "x^0.5", "--at", "x=-1"],
        "`x^0.5` computes (-1)^0.5 = NaN",
    );
    failed(
        &["expr", "x^y", "--at", "x=-1", "--at", "y=0.5"],
        "`x^y` computes (-1)^0.5 = NaN",
    );
    failed(
        &["expr", "x*y", "--at", "x=1e200", "--at", "y=-1e200"],
        "`x*y` computes 1e200·(-1e200) = -inf",
    );
    // with an operator after it too; inside a function's parentheses, none
    failed(
        &["expr", "x*y", "--at", "x=-1e200", "--at", "y=1e200"],
        "`x*y` computes (-1e200)·1e200 = -inf",
    );
    failed(
        &["expr", "log(x)", "--at", "x=-1"],
        "computes log(-1) = NaN",
    );
}

#[test]
fn a_non_finite_gradient() {
    failed(
        &["expr", "sqrt(x)", "--at", "x=0"],
        "the backward pass produced a non-finite gradient at node #1 (sqrt): the local \
         derivative of `sqrt(x)` with respect to `x` is inf at sqrt(0)",
    );
}

#[test]
fn non_finite_numbers_in_json_are_strings() {
    let out = failed(
        &["expr", "log(x)", "--at", "x=-1", "--json"],
        "log(-1) = NaN",
    );
    let json: Json = serde_json::from_str(&stdout(&out)).expect("still one JSON object");
    assert_eq!(json["value"], "NaN");
    assert!(json["error"].as_str().unwrap().contains("node #1 (log)"));
    let out = failed(
        &["expr", "sqrt(x)", "--at", "x=0", "--json", "--trace"],
        "sqrt(0)",
    );
    let json: Json = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["grads"]["x"], "inf");
    assert_eq!(json["trace"][0]["inputs"][0]["local"], "inf");
}

// ---------------------------------------------------------------------------------------
// deep and long input

const N: usize = 100_000;

fn timed(name: &str, args: &[&str], input: &str) -> Output {
    let start = Instant::now();
    let out = gradgraph_stdin(args, input);
    eprintln!("{name}: {} bytes in {:?}", input.len(), start.elapsed());
    out
}

#[test]
fn deep_and_long_expressions_from_standard_input() {
    // 100,000 nested parentheses: 200 kB, more than one command-line argument may hold
    let nested = format!("{}x{}", "(".repeat(N), ")".repeat(N));
    let out = timed("nested", &["expr", "-", "--at", "x=0.5"], &nested);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("  = 0.5\n"));
    assert!(stdout(&out).contains("∂f/∂x = 1\n"));
    // the echo of a long expression is shortened
    assert!(
        stdout(&out)
            .lines()
            .next()
            .unwrap()
            .contains("(200001 characters)")
    );

    // a sum of 100,000 terms: d(Σ x)/dx = 100000
    let sum = vec!["x"; N].join("+");
    let out = timed("sum", &["expr", "-", "--at", "x=0.5", "--json"], &sum);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: Json = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["value"].as_f64(), Some(50000.0));
    assert_eq!(json["grads"]["x"].as_f64(), Some(N as f64));

    // unbalanced and deep: refused with a clean error
    let open = "(".repeat(N) + "x";
    let out = timed("unclosed", &["expr", "-", "--at", "x=1"], &open);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("a `)` is missing (column 100000)"));
}

#[test]
fn a_hundred_thousand_unary_minuses_as_an_argument() {
    let src = format!("{}x", "-".repeat(N));
    let start = Instant::now();
    let out = gradgraph(&["expr", &src, "--at", "x=2", "--trace"]);
    eprintln!("unary minus with trace: {:?}", start.elapsed());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.ends_with("∂f/∂x = 1\n"));
    // one trace line per node: N negations and x
    assert_eq!(text.lines().filter(|l| l.starts_with('#')).count(), N + 1);
}

// ---------------------------------------------------------------------------------------
// pictures

#[test]
fn drawing_flags_are_accepted() {
    let out = gradgraph(&["expr", "x*2", "--at", "x=1", "--rankdir", "TB"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let help = stdout(&gradgraph(&["expr", "--help"]));
    for flag in [
        "--dot",
        "--svg",
        "--png",
        "--frames",
        "--rankdir",
        "--at",
        "--json",
        "--trace",
    ] {
        assert!(help.contains(flag), "{flag} missing from\n{help}");
    }
    // --dot reaches the drawing code: either it writes the file or it says why not,
    // in its own words rather than clap's
    let dir = std::env::temp_dir().join(format!("gradgraph-cli-expr-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dot = dir.join("g.dot");
    let out = gradgraph(&["expr", "x*2", "--at", "x=1", "--dot", dot.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(!err.contains("unexpected argument"), "{err}");
    if out.status.success() {
        assert!(std::fs::read_to_string(&dot).unwrap().contains("digraph"));
    } else {
        assert!(err.starts_with("error: "), "{err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_picture_over_max_nodes_names_the_flags() {
    if !gradgraph_draw::graphviz_installed() {
        crate::common::skipped("a picture over --max-nodes: Graphviz `dot` not installed");
        return;
    }
    let dir = crate::common::scratch("expr-max-nodes");
    let svg = dir.join("x.svg");
    let mut args = NEURON.to_vec();
    args.extend(["--svg", svg.to_str().unwrap(), "--collapse", "none"]);
    args.extend(["--max-nodes", "2"]);
    let out = gradgraph(&args);
    let err = stderr(&out);
    // refused before anything is printed or written, as Graphviz failing is (exit 1)
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    assert!(!svg.exists());
    assert!(
        err.starts_with("error: --svg: the picture has 6 nodes, more than the limit of 2"),
        "{err}"
    );
    assert!(err.contains("raise the limit (--max-nodes 6)"), "{err}");
    assert!(err.contains("--dot alone"), "{err}");
    // in the flags' words, never the library's
    assert!(!err.contains("::"), "{err}");
    assert!(!err.contains("DotOptions"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `gradgraph expr` in the environment `env` (each variable set, LANG and the others cleared).
fn expr_in(env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_gradgraph"));
    for var in ["GRADGRAPH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(var);
    }
    command.envs(env.iter().copied()).arg("expr").args(args);
    command.output().expect("the gradgraph binary runs")
}

#[test]
fn a_portuguese_locale_gives_the_report_and_the_trace_in_portuguese() {
    let args = [
        "tanh(x*w + b)",
        "--at",
        "x=1",
        "--at",
        "w=0,5",
        "--at",
        "b=-0.2",
        "--trace",
    ];
    let out = expr_in(&[("LANG", "pt_BR.UTF-8")], &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "f = tanh(x*w + b)   em b = -0,2, w = 0,5, x = 1\n  = 0,2913126124515909\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("retropropagação, da saída para as entradas (gradiente que chega = ∂f/∂nó):")
    );
    assert!(text.contains("derivada local × gradiente que chega = produto"));
    assert!(text.contains("→ #0 x: 0,5 × 0,9151369618266292 = 0,4575684809133146"));
    assert!(text.contains("variável: ∂f/∂x = 0,4575684809133146"));
    assert!(text.ends_with("∂f/∂x = 0,4575684809133146\n"), "{text}");
    // the same numbers as in English, only written with a comma
    let en = stdout(&expr_in(&[("LANG", "C")], &NEURON[1..]));
    let pt = stdout(&expr_in(&[("GRADGRAPH_LANG", "pt-BR")], &NEURON[1..]));
    assert_eq!(
        en.replace(" at ", " em ").replace('.', ","),
        pt.replace("--", "")
    );
}

#[test]
fn the_language_is_chosen_by_flag_then_variable_then_locale() {
    let args = ["x*2", "--at", "x=1"];
    let said = |env: &[(&str, &str)], extra: &[&str]| {
        let all: Vec<&str> = args.iter().chain(extra).copied().collect();
        stdout(&expr_in(env, &all))
            .lines()
            .next()
            .unwrap_or("")
            .to_owned()
    };
    assert_eq!(said(&[], &[]), "f = x*2   at x = 1");
    assert_eq!(
        said(&[("LC_ALL", "pt_BR.UTF-8"), ("LANG", "C")], &[]),
        "f = x*2   em x = 1"
    );
    assert_eq!(
        said(&[("LC_ALL", "C"), ("LANG", "pt_BR.UTF-8")], &[]),
        "f = x*2   at x = 1"
    );
    assert_eq!(
        said(&[("GRADGRAPH_LANG", "en"), ("LANG", "pt_BR.UTF-8")], &[]),
        "f = x*2   at x = 1"
    );
    assert_eq!(
        said(&[("LANG", "pt_BR.UTF-8")], &["--lang", "en"]),
        "f = x*2   at x = 1"
    );
    assert_eq!(said(&[], &["--lang", "pt-BR"]), "f = x*2   em x = 1");
    let out = expr_in(&[], &["x", "--at", "x=1", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("gradgraph speaks en (English) and pt-BR (português)"));
}

#[test]
fn a_decimal_comma_is_read_in_portuguese_only() {
    let out = expr_in(&[("LANG", "C")], &["x", "--at", "x=0,5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out).contains("--at x=0,5: write the number with a decimal point, --at x=0.5"),
        "{}",
        stderr(&out)
    );
    let out = expr_in(&[], &["x", "--at", "x=0,5", "--lang", "pt-BR"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("  = 0,5\n"));
    // --json stays machine-readable: points, whatever the language
    let out = expr_in(
        &[("LANG", "pt_BR.UTF-8")],
        &["x*3", "--at", "x=0,5", "--json"],
    );
    assert_eq!(stdout(&out).trim(), r#"{"value":1.5,"grads":{"x":3.0}}"#);
}

/// Without Graphviz, `--svg` says so in Portuguese, with how to install it, and exits 1.
#[test]
fn a_missing_graphviz_is_explained_in_portuguese() {
    let dir = crate::common::scratch("expr-no-dot-pt");
    let svg = dir.join("f.svg");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gradgraph"))
        .env("GRADGRAPH_LANG", "pt-BR")
        .env("PATH", dir.join("no-bin"))
        .args(["expr", "x", "--at", "x=1", "--svg", svg.to_str().unwrap()])
        .output()
        .expect("the gradgraph binary runs");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("erro: não gravado: --svg "), "{err}");
    assert!(
        err.contains("o programa `dot` do Graphviz não está instalado"),
        "{err}"
    );
    let left = gradgraph_i18n::english_left(&err);
    assert!(left.is_empty(), "{left:?} in {err}");
}

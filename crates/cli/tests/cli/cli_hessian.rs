//! `gradgraph expr --hessian` and `--grad-graph` end to end: second derivatives against hand
//! derivations and finite differences of the gradient, symmetry, kinks, non-finite results,
//! which variables count, and the pictures of the gradient graph.

use crate::common::{NEURON, gradgraph, gradgraph_stdin, scratch, skipped, stderr, stdout};

use gradgraph::Graph;
use gradgraph::expr::parse;
use serde_json::Value as Json;
use std::collections::{BTreeMap, HashMap};

type Table = BTreeMap<String, BTreeMap<String, f64>>;

/// `expr SRC --at NAME=VALUE … extra…` as arguments.
fn args<'a>(src: &'a str, at: &'a [String], extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["expr", src];
    for a in at {
        args.extend(["--at", a.as_str()]);
    }
    args.extend(extra);
    args
}

fn bindings(at: &[(&str, f64)]) -> Vec<String> {
    at.iter().map(|(n, x)| format!("{n}={x}")).collect()
}

/// `gradgraph expr "tanh(x*w + b)" --at x=1 --at w=0.5 --at b=-0.2 EXTRA...`
fn neuron(extra: &[&str]) -> std::process::Output {
    gradgraph(&[&NEURON[..], extra].concat())
}

/// The JSON of `--hessian --json`, after checking that the run succeeded.
fn json(src: &str, at: &[(&str, f64)]) -> Json {
    let at = bindings(at);
    let out = gradgraph(&args(src, &at, &["--hessian", "--json"]));
    assert_eq!(out.status.code(), Some(0), "{src}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("one JSON object")
}

/// The Hessian printed by `--hessian --json`.
fn hessian(src: &str, at: &[(&str, f64)]) -> Table {
    let report = json(src, at);
    serde_json::from_value(report["hessian"].clone()).expect("a table of numbers")
}

/// The library's gradient of `src` at `at`, by name.
fn gradient(src: &str, at: &HashMap<String, f64>) -> BTreeMap<String, f64> {
    let g = Graph::new();
    let (y, leaves) = parse(src).expect("parses").build(&g, at).expect("builds");
    g.backward(y);
    leaves.iter().map(|(n, v)| (n.clone(), v.grad())).collect()
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * (1.0 + a.abs().max(b.abs()))
}

#[test]
fn x_times_y_is_the_swap_matrix() {
    let h = hessian("x*y", &[("x", 3.0), ("y", -2.0)]);
    assert_eq!(h["x"]["x"], 0.0);
    assert_eq!(h["x"]["y"], 1.0);
    assert_eq!(h["y"]["x"], 1.0);
    assert_eq!(h["y"]["y"], 0.0);
}

#[test]
fn a_cube_has_second_derivative_6x() {
    for x in [2.0, -1.5, 0.0, 0.1] {
        let h = hessian("x^3", &[("x", x)]);
        assert!(close(h["x"]["x"], 6.0 * x, 1e-15), "x = {x}: {h:?}");
        // and as a product, the same
        let h = hessian("x*x*x", &[("x", x)]);
        assert!(close(h["x"]["x"], 6.0 * x, 1e-15), "x = {x}: {h:?}");
    }
}

#[test]
fn a_neuron_against_its_hand_derived_hessian() {
    let (x, w, b) = (1.0, 0.5, -0.2);
    let h = hessian("tanh(x*w + b)", &[("x", x), ("w", w), ("b", b)]);
    // f = tanh(z), z = xw + b: f_uv = -2 t s z_u z_v + s z_uv, t = tanh z, s = 1 - t²
    let t = f64::tanh(x * w + b);
    let s = 1.0 - t * t;
    let dz = HashMap::from([("x", w), ("w", x), ("b", 1.0)]);
    for u in ["x", "w", "b"] {
        for v in ["x", "w", "b"] {
            let mixed = if (u, v) == ("x", "w") || (u, v) == ("w", "x") {
                1.0
            } else {
                0.0
            };
            let want = -2.0 * t * s * dz[u] * dz[v] + s * mixed;
            assert!(
                close(h[u][v], want, 1e-14),
                "∂²f/∂{u}∂{v}: {} vs {want}",
                h[u][v]
            );
        }
    }
}

#[test]
fn against_finite_differences_of_the_gradient_and_symmetric() {
    let cases: [(&str, &[(&str, f64)]); 6] = [
        ("sin(x) * exp(-y^2)", &[("x", 0.3), ("y", -0.8)]),
        ("x/y + log(x*y)", &[("x", 1.5), ("y", 0.7)]),
        (
            "sigmoid(x*w) + gelu(w) * softplus(x)",
            &[("x", 0.4), ("w", -1.1)],
        ),
        ("pow(x, y) + sqrt(x + y^2)", &[("x", 1.3), ("y", 0.6)]),
        (
            "tanh(x*w + b) * erf(b) - cos(w)/x",
            &[("x", 0.9), ("w", 0.2), ("b", -0.4)],
        ),
        (
            "silu(a*b - c) + elu(c - a) * 3",
            &[("a", 0.7), ("b", 1.2), ("c", 0.1)],
        ),
    ];
    for (src, at) in cases {
        let h = hessian(src, at);
        let point: HashMap<String, f64> = at.iter().map(|&(n, x)| (n.into(), x)).collect();
        for &(v, _) in at {
            // column v: the derivative of the gradient along v, by central differences
            let step = 1e-5;
            let shifted = |by: f64| {
                let mut p = point.clone();
                *p.get_mut(v).expect("a variable") += by;
                gradient(src, &p)
            };
            let (plus, minus) = (shifted(step), shifted(-step));
            for &(u, _) in at {
                let fd = (plus[u] - minus[u]) / (2.0 * step);
                assert!(
                    close(h[u][v], fd, 1e-6),
                    "{src}: ∂²f/∂{u}∂{v} = {} but finite differences give {fd}",
                    h[u][v]
                );
                // mixed partials agree, whichever gradient backward started from
                assert!(close(h[u][v], h[v][u], 1e-13), "{src}: {u}, {v}: {h:?}");
            }
        }
    }
}

#[test]
fn json_holds_every_pair_both_ways_beside_the_value_and_gradients() {
    let out = neuron(&["--hessian", "--json"]);
    let text = stdout(&out);
    // after the value and the gradients, as the schema had them
    assert!(
        text.starts_with(r#"{"value":0.2913126124515909,"grads":{"b":"#),
        "{text}"
    );
    assert!(text.contains(r#"},"hessian":{"b":{"b":"#), "{text}");
    let report: Json = serde_json::from_str(&text).expect("JSON");
    let keys: Vec<&String> = report.as_object().expect("an object").keys().collect();
    assert_eq!(keys, ["grads", "hessian", "value"]);
    let h = report["hessian"].as_object().expect("an object");
    assert_eq!(h.keys().collect::<Vec<_>>(), ["b", "w", "x"]);
    for row in h.values() {
        assert_eq!(
            row.as_object().expect("a row").keys().collect::<Vec<_>>(),
            ["b", "w", "x"]
        );
    }
    // without --hessian, no key
    let out = gradgraph(&["expr", "x*y", "--at", "x=1", "--at", "y=2", "--json"]);
    let plain: Json = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert!(plain.get("hessian").is_none());
}

#[test]
fn the_table_as_text() {
    let out = gradgraph(&[
        "expr",
        "x*y + x^2",
        "--at",
        "x=3",
        "--at",
        "y=-2",
        "--hessian",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "f = x*y + x^2   at x = 3, y = -2\n  = 3\n\n∂f/∂x = 4\n∂f/∂y = 3\n\n\
         second derivatives ∂²f/∂row∂column (backward through the gradient graph):\n\
         \x20  x  y\n\
         x  2  1\n\
         y  1  0\n"
    );
    // names of different lengths, numbers of different widths: aligned columns
    let out = gradgraph(&[
        "expr",
        "rate*x^3",
        "--at",
        "rate=0.5",
        "--at",
        "x=-1.25",
        "--hessian",
    ]);
    let text = stdout(&out);
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("second"))
        .collect();
    assert_eq!(
        table[1..],
        [
            "      rate    x",
            "rate  0       4.6875",
            "x     4.6875  -3.75",
        ]
    );
}

#[test]
fn numbers_are_constants_and_only_names_are_variables() {
    // the numbers 2 and 3 and the exponent 2 get no row or column; x used twice is one leaf
    let h = hessian("2*x*x + 3 + x^2", &[("x", 1.5)]);
    assert_eq!(h.keys().collect::<Vec<_>>(), ["x"]);
    assert_eq!(h["x"]["x"], 6.0);
    // a variable in an exponent is one: d²(2^y)/dy² = ln(2)² 2^y
    let h = hessian("2^y", &[("y", 3.0)]);
    assert!(close(h["y"]["y"], 2f64.ln().powi(2) * 8.0, 1e-15));
    // no variables: an empty table, and nothing printed for it
    assert!(hessian("2*3", &[]).is_empty());
    let out = gradgraph(&["expr", "2*3", "--hessian"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        !stdout(&out).contains("second derivatives"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn at_a_kink_the_convention_of_the_first_derivative() {
    // relu'(0) = 0 and relu'' = 0: the graph-built derivative is if_positive(x, 1, 0), flat
    for x in [-0.5, 0.0, 0.5] {
        assert_eq!(hessian("relu(x)", &[("x", x)])["x"]["x"], 0.0, "x = {x}");
        assert_eq!(hessian("abs(x)", &[("x", x)])["x"]["x"], 0.0, "x = {x}");
    }
    // x·relu(x): 0 on the left, 2 on the right, and at 0 the left side's 0 (relu'(0) = 0)
    assert_eq!(hessian("x*relu(x)", &[("x", -0.5)])["x"]["x"], 0.0);
    assert_eq!(hessian("x*relu(x)", &[("x", 0.5)])["x"]["x"], 2.0);
    assert_eq!(hessian("x*relu(x)", &[("x", 0.0)])["x"]["x"], 0.0);
    // x·|x|: -2, 2, and 0 at the kink (|x|' is 0 there)
    assert_eq!(hessian("x*abs(x)", &[("x", -1.0)])["x"]["x"], -2.0);
    assert_eq!(hessian("x*abs(x)", &[("x", 1.0)])["x"]["x"], 2.0);
    assert_eq!(hessian("x*abs(x)", &[("x", 0.0)])["x"]["x"], 0.0);
}

#[test]
fn a_non_finite_second_derivative_is_exit_1_naming_it() {
    // x^1.5 at 0: f' = 1.5 √x = 0 is finite, f'' = 0.75 / √x is not
    let out = gradgraph(&["expr", "x^1.5", "--at", "x=0", "--hessian"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("error: a second derivative is not a finite number: ∂²f/∂x² = inf; "),
        "{err}"
    );
    assert!(err.contains("backward pass from ∂f/∂x"), "{err}");
    assert!(err.contains("--grad-graph x --svg FILE"), "{err}");
    // what was computed is printed all the same
    let text = stdout(&out);
    assert!(text.contains("∂f/∂x = 0\n"), "{text}");
    assert!(text.ends_with("x  inf\n"), "{text}");
    // in JSON: the string "inf", and the message in "error"
    let out = gradgraph(&["expr", "x^1.5", "--at", "x=0", "--hessian", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: Json = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(report["hessian"]["x"]["x"], "inf");
    let message = report["error"].as_str().expect("an error message");
    assert!(err.contains(message), "{message}");
    // several at once, named together
    let out = gradgraph(&[
        "expr",
        "x^1.5 * y^1.5",
        "--at",
        "x=0",
        "--at",
        "y=0",
        "--hessian",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("second derivatives are not finite numbers: "));
    // a first derivative that is not finite is reported as before, once
    let out = gradgraph(&["expr", "sqrt(x)", "--at", "x=0", "--hessian"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("the backward pass produced a non-finite gradient"),
        "{err}"
    );
    assert!(!err.contains("second derivative"), "{err}");
}

#[test]
fn limits_are_exit_2() {
    let refused = |out: std::process::Output, want: &str| {
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(want), "{err}");
        assert!(out.stdout.is_empty());
    };
    // 1,001 variables: a table of a million entries
    let names: Vec<String> = (0..1001).map(|i| format!("v{i}")).collect();
    let at: Vec<String> = names.iter().map(|n| format!("{n}=1")).collect();
    let src = names.join("+");
    refused(
        gradgraph(&args(&src, &at, &["--hessian"])),
        "the expression has 1001 variables, more than the limit of 1000",
    );
    // 1,000 variables and 75,000 nodes: a backward pass each through a gradient graph of
    // hundreds of thousands of nodes
    let terms: Vec<String> = (0..25_000)
        .map(|k| format!("sin(v{}*v{})", k % 1000, (k + 1) % 1000))
        .collect();
    let mut flags = vec!["expr", "-", "--hessian"];
    let at: Vec<String> = (0..1000).map(|i| format!("v{i}=0.5")).collect();
    for a in &at {
        flags.extend(["--at", a.as_str()]);
    }
    refused(
        gradgraph_stdin(&flags, &terms.join(" + ")),
        "more than the limit of 50000000",
    );
    // an expression too big for a gradient graph at all
    let huge = vec!["x"; 100_001].join("+");
    refused(
        gradgraph_stdin(&["expr", "-", "--at", "x=1", "--hessian"], &huge),
        "nodes, more than the limit of 100000 for its gradient graph",
    );
}

#[test]
fn grad_graph_draws_the_gradient_with_its_outputs_marked() {
    let dir = scratch("grad-graph-dot");
    let file = dir.join("g.dot");
    let out = neuron(&["--grad-graph", "--dot", file.to_str().expect("UTF-8")]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(
            "drawn: the gradient graph of f = tanh(x*w + b): the expression's 6 nodes, then \
             the 11 nodes that backward builds as values, ending in ∂f/∂b, ∂f/∂w, ∂f/∂x"
        ),
        "{err}"
    );
    let dot = std::fs::read_to_string(&file).expect("the DOT file");
    // the title, the expression and its gradient as clusters
    assert!(
        dot.contains("the gradient of f = tanh(x*w + b) as a graph"),
        "{dot}"
    );
    assert!(dot.contains(r#"label="f = tanh(x*w + b)""#), "{dot}");
    assert!(
        dot.contains(r#"label="its gradient: ∂f/∂b, ∂f/∂w, ∂f/∂x""#),
        "{dot}"
    );
    // f, the seed ∂f/∂f = 1, each gradient and the gradient of the inner nodes, named
    for record in [
        "{ f | data 0.2913 }",
        "{ ∂f/∂f | data 1.000 }",
        "{ ∂f/∂(x*w + b) | data 0.9151 }",
        "{ ∂f/∂(x*w) | data 0.9151 }",
        "{ ∂f/∂b | data 0.9151 }",
        "{ ∂f/∂w | data 0.9151 }",
        "{ ∂f/∂x | data 0.4576 }",
    ] {
        assert!(
            dot.contains(&format!("label=\"{record}\"")),
            "{record}: {dot}"
        );
    }
    // no gradients drawn: they would be second derivatives
    assert!(!dot.contains("| grad"), "{dot}");
    // the gradients marked, and the legend says how; no other output is left
    assert_eq!(dot.matches(r##"fillcolor="#ffc9c9""##).count(), 4, "{dot}");
    assert!(dot.contains("legend_gradient"), "{dot}");
    assert!(!dot.contains("legend_output"), "{dot}");
    std::fs::remove_dir_all(&dir).expect("cleaned");
}

#[test]
fn grad_graph_of_one_variable_and_its_pages() {
    let dir = scratch("grad-graph-one");
    let path = |name: &str| dir.join(name).to_str().expect("UTF-8").to_owned();
    let (dot, html, frames, svg) = (path("g.dot"), path("g.html"), path("frames"), path("g.svg"));
    let mut flags = vec!["--grad-graph", "x", "--dot", &dot];
    let graphviz = gradgraph_draw::graphviz_installed();
    if graphviz {
        flags.extend(["--html", &html, "--frames", &frames, "--svg", &svg]);
    } else {
        skipped("--grad-graph --html, --svg: Graphviz's `dot` is not installed");
    }
    let at = bindings(&[("x", 3.0)]);
    let out = gradgraph(&args("x*x + x", &at, &flags));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let text = std::fs::read_to_string(&dot).expect("the DOT file");
    assert!(text.contains("{ ∂f/∂x | data 7.000 }"), "{text}");
    assert!(text.contains("{ ∂f/∂(x*x) | data 1.000 }"), "{text}");
    if graphviz {
        assert!(
            err.contains("step through the backward pass of ∂f/∂x"),
            "{err}"
        );
        let page = std::fs::read_to_string(&html).expect("the page");
        assert!(page.contains("∂f/∂x"));
        let frames = std::fs::read_dir(&frames).expect("frames").count();
        assert!(frames > 0);
        let picture = std::fs::read_to_string(&svg).expect("the SVG");
        assert!(picture.contains("∂f/∂x"), "{picture}");
    }
    // the derivation of the backward pass through ∂f/∂w: its gradients are second derivatives
    let tex = dir.join("d.tex");
    let out = neuron(&["--grad-graph", "w", "--latex", tex.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let derivation = std::fs::read_to_string(&tex).expect("the derivation");
    assert!(derivation.contains("\\begin{align*}"), "{derivation}");
    if gradgraph_draw::graphviz_installed() {
        let tikz = dir.join("t.tex");
        let out = neuron(&["--grad-graph", "w", "--tikz", tikz.to_str().expect("UTF-8")]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let picture = std::fs::read_to_string(&tikz).expect("the TikZ picture");
        assert!(picture.contains("tikzpicture"), "{picture}");
    }
    // only the gradient asked for
    let out = neuron(&["--grad-graph", "w", "--dot", &dot]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&dot).expect("the DOT file");
    assert!(text.contains("∂f/∂w"));
    assert!(!text.contains("∂f/∂x") && !text.contains("∂f/∂b"), "{text}");
    std::fs::remove_dir_all(&dir).expect("cleaned");
}

#[test]
fn grad_graph_refuses_what_it_cannot_draw() {
    let refused = |extra: &[&str], want: &str| {
        let out = neuron(extra);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {err}");
        assert!(err.contains(want), "{extra:?}: {err}");
        assert!(out.stdout.is_empty());
    };
    refused(&["--grad-graph"], "add one, for example --svg grad.svg");
    refused(
        &["--grad-graph", "W", "--dot", "g.dot"],
        "--grad-graph W: the expression has no variable `W`; did you mean `w`?",
    );
    refused(
        &["--grad-graph", "--html", "g.html"],
        "the gradient graph has 3 (∂f/∂b, ∂f/∂w, ∂f/∂x): name the variable",
    );
    refused(&["--grad-graph", "--frames", "out"], "--grad-graph b");
    refused(
        &["--grad-graph", "--latex", "d.tex"],
        "--latex steps through the backward pass",
    );
    let out = gradgraph(&["expr", "2+3", "--grad-graph", "--dot", "g.dot"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the expression has no variables"));
    // over the rendering limit: refused before anything is printed or written, as Graphviz
    // failing is (exit 1)
    if gradgraph_draw::graphviz_installed() {
        let out = neuron(&["--grad-graph", "--svg", "g.svg", "--max-nodes", "10"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("17 nodes, more than the limit of 10"));
        assert!(out.stdout.is_empty());
    }
}

/// The texts of an SVG's `<text>` elements, sorted: what the picture says, whatever version
/// of Graphviz placed it.
fn svg_texts(svg: &str) -> Vec<String> {
    let mut texts: Vec<String> = svg
        .split("<text")
        .skip(1)
        .filter_map(|rest| {
            let (_, after) = rest.split_once('>')?;
            let (text, _) = after.split_once("</text>")?;
            Some(text.to_owned())
        })
        .collect();
    texts.sort();
    texts
}

/// `graphs/grad_graph.svg`, the README's picture, says what the command draws today.
#[test]
fn the_readme_picture_is_fresh() {
    if !gradgraph_draw::graphviz_installed() {
        skipped("graphs/grad_graph.svg: Graphviz's `dot` is not installed");
        return;
    }
    let dir = scratch("grad-graph-readme");
    let fresh = dir.join("grad_graph.svg");
    let out = neuron(&["--grad-graph", "--svg", fresh.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let committed = std::path::Path::new(crate::ROOT).join("graphs/grad_graph.svg");
    let committed = std::fs::read_to_string(committed).expect("graphs/grad_graph.svg");
    let fresh = std::fs::read_to_string(&fresh).expect("the fresh SVG");
    assert_eq!(
        svg_texts(&committed),
        svg_texts(&fresh),
        "graphs/grad_graph.svg is out of date: run the command in the README's --grad-graph \
         section and commit it"
    );
    assert!(svg_texts(&fresh).iter().any(|t| t == "∂f/∂w"));
    std::fs::remove_dir_all(&dir).expect("cleaned");
}

/// `--hessian` in Portuguese: the table's title and decimal commas; the message of a second
/// derivative that is not finite.
#[test]
fn the_hessian_is_in_portuguese_with_decimal_commas() {
    let out = gradgraph(&[
        "--lang",
        "pt-BR",
        "expr",
        "x*y + x^2*y",
        "--at",
        "x=0,25",
        "--at",
        "y=1,5",
        "--hessian",
    ]);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(
        text.contains(
            "derivadas segundas ∂²f/∂linha∂coluna (retropropagação pelo grafo do gradiente):"
        ),
        "{text}"
    );
    let table = text.split("gradiente):\n").nth(1).unwrap();
    assert!(table.contains("x  3    1,5"), "{table}");
    assert!(text.contains("∂f/∂x = 2,25"), "{text}");
    let left = gradgraph_i18n::english_left(&text);
    assert!(left.is_empty(), "{left:?} in\n{text}");
}

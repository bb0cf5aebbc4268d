//! `examples/notebook_rust.ipynb`: a valid Jupyter notebook (nbformat 4) for the evcxr Rust kernel,
//! whose code compiles. evcxr itself is not run here: [`cells`] below holds every line of the
//! notebook's code cells, with the final expression of a cell written as evcxr runs it,
//! `(expr).evcxr_display();`, and a test checks that the notebook says nothing else.

use serde_json::Value as Json;

const NOTEBOOK: &str = include_str!("../../../../examples/notebook_rust.ipynb");
const THIS_FILE: &str = include_str!("notebook.rs");

/// The notebook's cells: (type, source).
fn notebook_cells() -> Vec<(String, String)> {
    let nb: Json = serde_json::from_str(NOTEBOOK).expect("the notebook is JSON");
    nb["cells"]
        .as_array()
        .expect("a list of cells")
        .iter()
        .map(|cell| {
            let source = match &cell["source"] {
                Json::String(s) => s.clone(),
                Json::Array(lines) => lines
                    .iter()
                    .map(|l| l.as_str().expect("a line of text"))
                    .collect(),
                other => panic!("a cell's source is {other}"),
            };
            let kind = cell["cell_type"].as_str().expect("a cell type").to_owned();
            (kind, source)
        })
        .collect()
}

#[test]
fn is_an_nbformat_4_notebook_for_the_rust_kernel() {
    let nb: Json = serde_json::from_str(NOTEBOOK).expect("the notebook is JSON");
    assert_eq!(nb["nbformat"], 4);
    assert_eq!(nb["nbformat_minor"], 5);
    assert_eq!(nb["metadata"]["kernelspec"]["name"], "rust");
    assert_eq!(nb["metadata"]["kernelspec"]["language"], "rust");
    let mut ids = std::collections::HashSet::new();
    for cell in nb["cells"].as_array().expect("cells") {
        // the fields nbformat 4.5 requires of every cell, and a unique id
        let id = cell["id"].as_str().expect("an id");
        assert!(ids.insert(id), "id {id} twice");
        assert!(cell["metadata"].is_object());
        match cell["cell_type"].as_str() {
            Some("code") => {
                assert!(cell["outputs"].as_array().is_some_and(Vec::is_empty));
                assert!(cell["execution_count"].is_null());
            }
            Some("markdown") => assert!(cell.get("outputs").is_none()),
            other => panic!("cell type {other:?}"),
        }
    }
}

#[test]
fn takes_gradgraph_from_this_repository_and_draws_with_a_final_g() {
    let cells = notebook_cells();
    let code: Vec<&str> = cells
        .iter()
        .filter(|(kind, _)| kind == "code")
        .map(|(_, source)| source.as_str())
        .collect();
    assert_eq!(
        code[0],
        ":dep gradgraph = { path = \"..\" }\n:dep gradgraph-draw = { path = \"../crates/draw\" }"
    );
    assert!(code.iter().any(|c| c.contains("(x * w + b).tanh()")));
    assert!(code.iter().any(|c| c.contains("g.backward(y);")));
    assert!(code.iter().any(|c| c.trim_end().ends_with("\ng")));
}

/// Every line of every code cell (but `:dep`) is in [`cells`], a cell's final expression as
/// `(expr).evcxr_display();`: the notebook's code is compiled with this test.
#[test]
fn every_line_of_code_is_compiled_here() {
    let compiled: Vec<&str> = THIS_FILE.lines().map(str::trim).collect();
    for (kind, source) in notebook_cells() {
        if kind != "code" || source.starts_with(":dep") {
            continue;
        }
        let lines: Vec<&str> = source
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let (last, rest) = lines.split_last().expect("a cell with code");
        for line in rest {
            assert!(compiled.contains(line), "not compiled here: {line}");
        }
        let last = if last.ends_with(';') || last.ends_with('}') {
            (*last).to_owned()
        } else {
            format!("({last}).evcxr_display();")
        };
        assert!(
            compiled.contains(&last.as_str()),
            "not compiled here: {last}"
        );
    }
}

/// The notebook's code cells, one after the other, as evcxr runs them (compiled, not run: it
/// prints pictures on standard output).
#[allow(dead_code, unused_parens)]
fn cells() {
    use gradgraph::Graph;
    use gradgraph_draw::EvcxrDisplay;

    let g = Graph::new();

    let (x, w, b, y) = {
        let x = g.input(1.0).with_label("x");
        let w = g.parameter(0.5).with_label("w");
        let b = g.parameter(-0.2).with_label("b");
        let y = (x * w + b).tanh().with_label("y");
        g.backward(y);
        (x.index(), w.index(), b.index(), y.index())
    };
    (g).evcxr_display();

    for (name, i) in [("x", x), ("w", w), ("b", b)] {
        println!("∂y/∂{name} = {:.4}", g.get(i).expect("a node of g").grad());
    }

    (g.get(y).expect("a node of g")).evcxr_display();

    use gradgraph_draw::{self as dot, DotOptions, RankDir};

    let options = DotOptions::new()
        .edge_labels(true)
        .rankdir(RankDir::TopToBottom);
    dot::write_evcxr(&mut std::io::stdout(), &g, &options).expect("stdout");

    let g2 = Graph::new();
    let dw = {
        let x = g2.input(1.0).with_label("x");
        let w = g2.parameter(0.5).with_label("w");
        let b = g2.parameter(-0.2).with_label("b");
        let y = (x * w + b).tanh().with_label("y");
        let dw = g2.grad(y, &[w])[0].with_label("∂y/∂w");
        g2.backward(dw);
        println!("∂²y/∂w² = {:.4}", w.grad());
        dw.index()
    };
    (g2.get(dw).expect("a node of g2")).evcxr_display();
}

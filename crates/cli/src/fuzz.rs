//! The bodies of the fuzz targets under `fuzz/` (run with `cargo +nightly fuzz run TARGET`),
//! as plain functions so that `cargo test` runs them too, on stable Rust, over the committed
//! corpus and random inputs. Each takes arbitrary bytes and must return without panicking,
//! whatever they hold; each also checks a property of what it read (a round trip).

use gradgraph::Graph;
use std::collections::HashMap;

/// The longest input a target looks at: longer inputs teach the fuzzer nothing new and make
/// each run slow.
const MAX_INPUT: usize = 4096;

/// Parses an expression, builds it with a value for every variable, runs backward and the
/// step-by-step trace, and explains a non-finite result, as `gradgraph expr` does.
pub fn expr(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Ok(e) = gradgraph::expr::parse(text) else {
        return;
    };
    let values: HashMap<String, f64> = e
        .variables()
        .iter()
        .enumerate()
        .map(|(k, name)| ((*name).to_owned(), 0.5 + k as f64))
        .collect();
    let g = Graph::with_capacity(e.node_count(), 2 * e.node_count());
    let Ok(built) = e.build_with_spans(&g, &values) else {
        return;
    };
    if let Err(err) = g.try_backward(built.output) {
        let _ = e.explain(&built, &err);
    }
    g.zero_grad();
    let trace = g.backward_trace(built.output);
    assert!(
        trace.steps.len() <= g.len(),
        "a trace step per value at most"
    );
}

/// Reads CSV text as a data set; a data set read writes back to CSV text that reads again
/// to the same numbers.
pub fn csv(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Ok(d) = gradgraph_nn::data::Dataset::parse_csv(text, "fuzz.csv") else {
        return;
    };
    let back = gradgraph_nn::data::Dataset::parse_csv(&d.to_csv(), "again.csv")
        .expect("a data set's own CSV reads back");
    assert_eq!(back.inputs, d.inputs);
    assert_eq!(back.targets, d.targets);
}

/// Reads a model from JSON; a model read predicts (when small) and writes back to JSON that
/// reads again to the same parameters.
pub fn model_json(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Ok(mlp) = gradgraph_nn::Mlp::from_json(text, "fuzz.json") else {
        return;
    };
    if mlp.parameter_count() <= 10_000 {
        let _ = mlp.predict(&[vec![0.5; mlp.n_inputs]]);
    }
    if mlp.check_finite().is_ok() {
        let json = mlp.to_json().expect("a model writes as JSON");
        let back = gradgraph_nn::Mlp::from_json(&json, "again.json").expect("its JSON reads back");
        let same = back
            .parameters()
            .iter()
            .zip(mlp.parameters())
            .all(|(a, b)| a.to_bits() == b.to_bits());
        assert!(same, "parameters survive a round trip");
    }
}

/// Reads `--init` text: a scheme name (`uniform:0.5`, `he`) or a file of numbers.
pub fn init(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let _ = text.parse::<gradgraph_nn::Init>();
    if let Ok(numbers) = gradgraph_nn::init::parse_numbers(text, "fuzz.txt") {
        assert!(numbers.iter().all(|x| x.is_finite()), "only finite numbers");
        let back =
            gradgraph_nn::init::parse_numbers(&gradgraph_nn::init::format_numbers(&numbers), "")
                .expect("numbers written read back");
        assert_eq!(back, numbers);
    }
}

/// Draws a small graph whose labels are pieces of the input (any characters: quotes,
/// braces, backslashes, newlines, HTML): its DOT text, collapsed view and backward frames
/// must parse back as DOT.
pub fn dot(data: &[u8]) {
    use gradgraph_draw::{self as dot, Collapse, DotOptions};
    let text = String::from_utf8_lossy(&data[..data.len().min(MAX_INPUT)]);
    let mut labels = text.split('\u{0}');
    let mut label = |fallback: &str| labels.next().unwrap_or(fallback).to_owned();
    let g = Graph::new();
    let (x, w, b) = (
        g.input(0.5).with_label(&label("x")),
        g.parameter(-1.5).with_label(&label("w")),
        g.parameter(0.25).with_label(&label("b")),
    );
    let group = label("neuron");
    let y = g.group(&group, || (x * w + b).tanh().with_label(&label("y")));
    let out = (y * y).with_label(&label("loss"));
    g.backward(out);
    for options in [
        DotOptions::new(),
        DotOptions::new().collapse(Collapse::Innermost),
        DotOptions::new().collapse(Collapse::Outermost),
    ] {
        let text = dot::to_dot(&g, &options);
        if let Err(e) = graphviz_rust::parse(&text) {
            panic!("the DOT does not parse: {e}\n{text}");
        }
    }
    for frame in dot::backward_frames(&g, out, &DotOptions::new()) {
        if let Err(e) = graphviz_rust::parse(&frame) {
            panic!("a frame's DOT does not parse: {e}\n{frame}");
        }
    }
}

/// The input as text, if it is UTF-8 and not too long.
fn text(data: &[u8]) -> Option<&str> {
    if data.len() > MAX_INPUT {
        return None;
    }
    std::str::from_utf8(data).ok()
}

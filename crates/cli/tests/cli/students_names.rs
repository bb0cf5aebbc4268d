//! Every presentation of a backward pass names operands by the student's own names: the
//! page, the frames, the LaTeX derivation and the quiz all say `∂(x·w)/∂w = x` and
//! `1 − tanh²(x·w + b)` for `tanh(x*w + b)`, never the table's fixed letters (`∂/∂a = b`,
//! `∂/∂b = a`, `tanh² x`).

use gradgraph::{Graph, Value};
use gradgraph_course::quiz::{Quiz, Scope, Tolerance};
use gradgraph_draw::latex::{Document, derivation};
use gradgraph_draw::{self as dot, DotOptions};
use std::collections::HashMap;

/// The neuron of the lecture, `tanh(x*w + b)` at x = 1, w = 0.5, b = -0.2, built from the
/// expression language as `gradgraph expr` builds it.
fn neuron(g: &Graph) -> Value<'_> {
    let e = gradgraph::expr::parse("tanh(x*w + b)").expect("the lecture's neuron parses");
    let at: HashMap<String, f64> = [("x", 1.0), ("w", 0.5), ("b", -0.2)]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    e.build(g, &at).expect("every variable has a value").0
}

/// Texts that name an operand by a letter of the table, where the operand is the student's
/// `x·w + b` or `x·w`.
const FIXED_LETTERS: [&str; 6] = ["∂/∂a", "∂/∂b = a", "tanh² x", "tanh²(x)", "1 - x²", "∂(a"];

fn assert_students_names(what: &str, text: &str) {
    for fixed in FIXED_LETTERS {
        assert!(!text.contains(fixed), "{what} says {fixed:?}:\n{text}");
    }
}

#[test]
fn the_page_says_the_students_names() {
    let g = Graph::new();
    let y = neuron(&g);
    let page = dot::html(&g, y, &DotOptions::new()).unwrap();
    assert_students_names("the page", &page);
    assert!(page.contains("∂(x·w)/∂w = x = 1.000"), "the page");
    assert!(page.contains("∂(x·w)/∂x = w = 0.5000"), "the page");
    assert!(
        page.contains(r#""lines":["∂(x·w)/∂w = x = 1.000"]"#),
        "the page"
    );
    assert!(
        page.contains("= 1 − tanh²(x·w + b) = 1 − tanh²(0.3000) = 0.9151"),
        "the page"
    );
    assert!(page.contains("tanh(x·w + b)"), "the page");
}

#[test]
fn the_frames_say_the_students_names() {
    let g = Graph::new();
    let y = neuron(&g);
    let frames = dot::backward_frames(&g, y, &DotOptions::new()).join("\n");
    assert_students_names("the frames", &frames);
    // the label's lines, as DOT writes a line break
    assert!(
        frames.contains(r"∂(x·w)/∂w = x = 1.000\n1.000 × "),
        "{frames}"
    );
    assert!(
        frames.contains(
            r"∂tanh(x·w + b)/∂(x·w + b)\n= 1 − tanh²(x·w + b)\n= 1 − tanh²(0.3000) = 0.9151"
        ),
        "{frames}"
    );
    // and so does a picture with the local derivatives on its edges
    let picture = dot::to_dot(&g, &DotOptions::new().edge_labels(true));
    assert_students_names("the picture", &picture);
    assert!(
        picture.contains("∂ = 1 − tanh²(x·w + b) = 0.9151"),
        "{picture}"
    );
}

#[test]
fn the_derivation_says_the_students_names() {
    let g = Graph::new();
    let y = neuron(&g);
    let tex = derivation::to_latex(&g.backward_trace(y), Document::Bare).unwrap();
    assert_students_names("the derivation", &tex);
    // ∂v3/∂w = x, ∂v3/∂x = w, ∂f/∂v4 = 1 − tanh²(v4): in the derivation's own names
    assert!(tex.contains(r"0.9151 \cdot x = "), "{tex}");
    assert!(tex.contains(r"0.9151 \cdot w = "), "{tex}");
    assert!(tex.contains(r"1 \cdot (1 - \tanh^{2}(v_{4}))"), "{tex}");
}

#[test]
fn the_quiz_says_the_students_names() {
    let e = gradgraph::expr::parse("tanh(x*w + b)").unwrap();
    let at = HashMap::from([("x".to_owned(), 1.0), ("w".into(), 0.5), ("b".into(), -0.2)]);
    let quiz = Quiz::new(&e, &at, Scope::EveryNode).unwrap();
    let tolerance = Tolerance::default();
    // each question answered wrongly in turn: every explanation in the quiz's names
    for (k, wrong) in [0.91, 0.5, 0.5, 0.5, 0.9151].into_iter().enumerate() {
        let check = quiz.check(k, wrong, tolerance);
        let text = check.mistake.map(|m| m.text()).unwrap_or_default();
        assert_students_names("the quiz", &text);
    }
    let text = quiz.check(0, 0.91, tolerance).mistake.unwrap().text();
    assert!(
        text.contains("∂#5/∂#4 = 1 − tanh²(#4) = 1 − tanh²(0.3) = 0.915137"),
        "{text}"
    );
}

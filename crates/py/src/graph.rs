//! A `Value`'s graph handed to the rest of gradgraph: as the engine's [`Graph`] (for the
//! pictures, the trace, the quiz) and as the live page's [`GraphData`].

use crate::error::bad_value;
use crate::lang::tr;
use crate::value::Value;
use gradgraph::{Graph, Op};
use gradgraph_draw::{DotOptions, Format};
use gradgraph_web::{GraphData, NodeData};
use pyo3::PyResult;
use std::collections::HashMap;

/// Every node `root` depends on, as the page's data, in creation order (the engine's).
pub fn data_of(root: &Value) -> GraphData {
    let nodes = Value::graph(root);
    let data = nodes
        .iter()
        .map(|v| {
            let op = v.op();
            let label = v.label_text();
            NodeData {
                op: op.name().to_owned(),
                param: op.param(),
                operands: v.children().iter().map(|c| c.get().place()).collect(),
                value: op.is_leaf().then(|| v.number()),
                label: (!label.is_empty()).then_some(label),
            }
        })
        .collect::<Vec<_>>();
    GraphData {
        output: data.len() - 1,
        nodes: data,
    }
}

/// `root`'s graph built again in the engine, handed to `f` with its output; backward is run
/// first when `backward` (the pictures show gradients; a trace runs its own pass).
fn with_graph<T>(
    root: &Value,
    backward: bool,
    f: impl FnOnce(&Graph, gradgraph::Value<'_>) -> PyResult<T>,
) -> PyResult<T> {
    let data = data_of(root);
    let g = Graph::with_capacity(data.nodes.len(), 2 * data.nodes.len());
    let y = data.build(&g, &HashMap::new()).map_err(bad_value)?;
    if backward {
        g.backward(y);
    }
    f(&g, y)
}

/// The graph in Graphviz's DOT language, every number to `digits` significant digits.
pub fn dot(root: &Value, digits: usize) -> PyResult<String> {
    with_graph(root, true, |g, y| {
        let options = DotOptions::new()
            .ancestors_of(y)
            .precision(digits.clamp(1, 17));
        Ok(gradgraph_draw::to_dot(g, &options))
    })
}

/// The options of a picture of `y`'s graph, collapsed as its size asks.
fn fitted(g: &Graph, y: gradgraph::Value<'_>) -> PyResult<DotOptions> {
    gradgraph_draw::fit(g, &DotOptions::new().ancestors_of(y)).map_err(|e| bad_value(e.to_string()))
}

/// The DOT text [`svg`] renders: the graph's picture, collapsed as its size asks.
pub fn svg_dot(root: &Value) -> PyResult<String> {
    with_graph(root, true, |g, y| {
        Ok(gradgraph_draw::to_dot(g, &fitted(g, y)?))
    })
}

/// The graph drawn by Graphviz as SVG (`dot` must be installed).
pub fn svg(root: &Value) -> PyResult<String> {
    let bytes = gradgraph_draw::render_dot(&svg_dot(root)?, Format::Svg).map_err(draw_error)?;
    String::from_utf8(bytes).map_err(|e| bad_value(e.to_string()))
}

/// The graph as TikZ, at the positions Graphviz computes (`dot` must be installed).
pub fn tikz(root: &Value, standalone: bool) -> PyResult<String> {
    with_graph(root, true, |g, y| {
        gradgraph_draw::tikz::tikz(g, &fitted(g, y)?, document(standalone)).map_err(draw_error)
    })
}

/// The backward pass as a LaTeX derivation, the forward pass first.
pub fn latex(root: &Value, standalone: bool) -> PyResult<String> {
    with_graph(root, false, |g, y| {
        gradgraph_draw::latex::derivation::to_latex(&g.backward_trace(y), document(standalone))
            .map_err(draw_error)
    })
}

/// The backward pass as `gradgraph expr --trace` prints it, in `lang`.
pub fn trace_text(root: &Value, lang: gradgraph_i18n::Lang) -> PyResult<String> {
    with_graph(root, false, |g, y| {
        Ok(gradgraph_draw::trace_table_lang(
            g,
            &g.backward_trace(y),
            lang,
        ))
    })
}

/// The live page of the graph: one self-contained HTML file, opening in `lang`.
pub fn page(root: &Value, lang: gradgraph_i18n::Lang) -> PyResult<String> {
    let data = data_of(root);
    // the page's own checks (its limit on nodes among them), before the page is written
    data.build(&Graph::new(), &HashMap::new())
        .map_err(|e| bad_value(tr!("py-page-limit", why = e.to_string())))?;
    Ok(gradgraph_web::page(&gradgraph_web::Page {
        graph: Some(data),
        lang,
        ..gradgraph_web::Page::default()
    }))
}

/// The quiz on `root`'s graph: the engine's graph (the quiz runs backward itself), its
/// output and the expression to head it.
pub fn quiz_graph(root: &Value) -> PyResult<(Graph, usize, String)> {
    if root.op() == Op::Input && root.children().is_empty() {
        return Err(bad_value(tr!("py-leaf-quiz")));
    }
    let data = data_of(root);
    let g = Graph::with_capacity(data.nodes.len(), 2 * data.nodes.len());
    let y = data.build(&g, &HashMap::new()).map_err(bad_value)?;
    let (index, text) = (y.index(), g.term(y));
    Ok((g, index, text))
}

fn document(standalone: bool) -> gradgraph_draw::latex::Document {
    if standalone {
        gradgraph_draw::latex::Document::Standalone
    } else {
        gradgraph_draw::latex::Document::Bare
    }
}

/// A drawing's error: Graphviz missing is an `OSError`-like `RuntimeError`, the rest bad
/// input.
fn draw_error(e: gradgraph_draw::Error) -> pyo3::PyErr {
    let text = e.to_string();
    if text.contains("Graphviz") || text.contains("`dot`") {
        pyo3::exceptions::PyRuntimeError::new_err(text)
    } else {
        bad_value(text)
    }
}

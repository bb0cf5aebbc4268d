//! The graph in Graphviz's DOT language, for the page to lay out once per graph: every
//! text a node or an edge will show is in it from the start (the page hides what a step has
//! not computed yet), so nodes keep their place while the learner steps.

use crate::model::Edge;
use gradgraph::{Graph, Op, Value};
use std::fmt::Write;

/// `digraph { ... }`: node `i` is `n{i}` (its SVG group's id), the edge from operand `k` of
/// node `j` is `e{j}_{k}`; a node's label is its name, `= value` and `∂f = gradient`; an
/// edge's label is its local derivative. The numbers people read are written by `short` (a
/// decimal comma in Portuguese); the attributes Graphviz reads keep their points.
pub(crate) fn dot(
    g: &Graph,
    y: Value<'_>,
    names: &[String],
    edges: &[Edge],
    short: &dyn Fn(f64) -> String,
) -> String {
    let mut out = String::from(
        "digraph f {\n  graph [rankdir=LR, bgcolor=\"transparent\", nodesep=0.3, ranksep=0.5, \
         fontname=\"Helvetica\"];\n  node [fontname=\"Helvetica\", fontsize=11, \
         style=\"rounded,filled\", shape=box, color=\"#4a5568\", fillcolor=\"#ffffff\", \
         margin=\"0.12,0.05\"];\n  edge [fontname=\"Helvetica\", fontsize=10, \
         color=\"#8a94a6\", fontcolor=\"#2b4c7e\", arrowsize=0.6];\n",
    );
    // a name too long to write is a node's number, `#8^2`: those nodes show their number
    let mut numbered = vec![false; g.len()];
    for name in names {
        for part in name.split('#').skip(1) {
            let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
            if let Some(k) = digits.parse::<usize>().ok().filter(|&k| k < g.len()) {
                numbered[k] = true;
            }
        }
    }
    for v in g.values() {
        let i = v.index();
        let style = match v.op() {
            Op::Const => ", style=\"rounded,dashed,filled\", fillcolor=\"#f4f4f4\"",
            op if op.is_leaf() => ", shape=ellipse, style=filled, fillcolor=\"#e8f0fe\"",
            _ => "",
        };
        let output = if i == y.index() { ", penwidth=2" } else { "" };
        // the numbers' lines as wide as the widest a number can be, so that new values
        // drawn into the same layout fit
        let name = if numbered[i] && names[i] != format!("#{i}") {
            format!("#{i}: {}", names[i])
        } else {
            names[i].clone()
        };
        let label = format!(
            "{}\\n{}\\n{}",
            quote(&name),
            padded(&format!("= {}", short(v.data()))),
            padded(&match v.op() {
                Op::Const => "∂f = —".to_owned(),
                _ => format!("∂f = {}", short(v.grad())),
            })
        );
        let _ = writeln!(
            out,
            "  n{i} [id=\"n{i}\", label=\"{label}\"{style}{output}];"
        );
    }
    for e in edges {
        let label = if e.label.is_empty() {
            String::new()
        } else {
            format!(", label=\" {} \"", quote(&e.label))
        };
        let _ = writeln!(out, "  n{} -> n{} [id=\"{}\"{label}];", e.from, e.to, e.id);
    }
    out.push_str("}\n");
    out
}

/// `text`, with no-break spaces on both sides up to 16 characters.
fn padded(text: &str) -> String {
    let missing = 16usize.saturating_sub(text.chars().count());
    let side = "\u{a0}".repeat(missing / 2);
    format!("{side}{text}{side}")
}

/// A text inside a DOT string: `\` and `"` escaped.
fn quote(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

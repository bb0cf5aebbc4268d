//! The backward pass as a sequence of pictures, one per step of [`Graph::backward_trace`].
//!
//! Backward visits the output's ancestors from the output down. When it reaches a node, that
//! node's gradient `ḡ = d output / d node` is complete (every use of the node has sent its
//! share); the node then sends `local derivative × ḡ` along each edge to its operands. Frame
//! `k` shows exactly that moment for step `k`: the node highlighted with its gradient, its
//! edges labelled `local × upstream = product`, the gradients already computed filled in and
//! those still to come left blank.

use super::build::{Overlay, draw, print};
use super::render::{Format, check_size, render_dot};
use super::{Collapse, DotOptions, format_number};
use crate::Error;
use gradgraph::Graph;
use gradgraph::Trace;
use gradgraph::Value;
use graphviz_rust::dot_structures::Graph as DotGraph;

/// One picture per step of `trace` (a backward pass of `g`, from
/// [`Graph::backward_trace`]), in the order backward ran. Each frame draws the output and its
/// ancestors; [`DotOptions::ancestors_of`] and [`DotOptions::collapse`] are ignored.
///
/// # Examples
/// ```
/// use gradgraph::Graph;
/// use gradgraph_draw::{self as dot, DotOptions};
/// let g = Graph::new();
/// let x = g.input(2.0).with_label("x");
/// let y = (x * 3.0).with_label("y");
/// let trace = g.backward_trace(y);
/// let frames = dot::frames(&g, &trace, &DotOptions::new());
/// assert_eq!(frames.len(), 2); // y, then x
/// ```
pub fn frames(g: &Graph, trace: &Trace, options: &DotOptions) -> Vec<DotGraph> {
    let Some(first) = trace.steps.first() else {
        return Vec::new();
    };
    let output = first.node;
    let mut options = options.clone();
    options.ancestors_of = Some(output);
    options.collapse = Collapse::None;
    let output_label = first.label.clone();
    let mut grads: Vec<Option<f64>> = vec![None; output + 1];
    let digits = options.precision;
    let total = trace.steps.len();
    trace
        .steps
        .iter()
        .enumerate()
        .map(|(k, step)| {
            if let Some(slot) = grads.get_mut(step.node) {
                *slot = Some(step.upstream);
            }
            let number = |x: f64| format_number(x, digits);
            // the local derivatives in the student's names, worked out once for the step
            let locals = g
                .get(step.node)
                .map(|v| g.local_derivative_texts(v, number))
                .unwrap_or_default();
            let edge_text = step
                .inputs
                .iter()
                .enumerate()
                .map(|(slot, e)| {
                    // the local derivative in the student's names, then the chain rule
                    let local = locals
                        .get(slot)
                        .map_or_else(|| number(e.local), |d| d.lines().join("\n"));
                    format!(
                        "{local}\n{} × {} = {}",
                        number(e.local),
                        number(step.upstream),
                        number(e.product)
                    )
                })
                .collect();
            let sends = match (step.op, step.inputs.len()) {
                (gradgraph::Op::Const, _) => {
                    "a constant: backward does not keep its gradient".to_owned()
                }
                (_, 0) => "a leaf: nothing more to send".to_owned(),
                (_, 1) => "sends local derivative × upstream to its operand".to_owned(),
                (_, n) => format!("sends local derivative × upstream to its {n} operands"),
            };
            let op = match step.op {
                gradgraph::Op::Input => "input".to_owned(),
                gradgraph::Op::Param => "parameter".to_owned(),
                gradgraph::Op::Const => "constant".to_owned(),
                op => op.symbol(),
            };
            // ∂J/∂ŷ when both have names, else the node's index and "grad"
            let holds = match (&output_label, &step.label) {
                (Some(out), Some(node)) => {
                    format!("{node} ({op}) holds ∂{}/∂{} =", operand(out), operand(node))
                }
                (_, Some(node)) => format!("{node} ({op}) holds grad"),
                (_, None) => format!("node #{} ({op}) holds grad", step.node),
            };
            let title = format!(
                "backward step {} of {total}: {holds} {}\n{sends}",
                k + 1,
                number(step.upstream),
            );
            let overlay = Overlay {
                grads: grads.clone(),
                current: step.node,
                edge_text,
                title,
            };
            draw(g, &options, Some(&overlay))
        })
        .collect()
}

/// A name as it reads after `∂`: in parentheses when it is a formula (`∂J/∂(ŷ − y)`).
fn operand(name: &str) -> String {
    let formula = name
        .chars()
        .any(|c| c.is_whitespace() || "+-−*/·^×".contains(c));
    if formula && !name.starts_with('(') {
        format!("({name})")
    } else {
        name.to_owned()
    }
}

/// The frames of a backward pass from `output`, as DOT text: runs
/// [`Graph::backward_trace`] and draws [`frames`], leaving every stored gradient as it was.
///
/// # Examples
/// ```
/// use gradgraph::Graph;
/// use gradgraph_draw::{self as dot, DotOptions};
/// let g = Graph::new();
/// let x = g.input(0.5).with_label("x");
/// let y = x.tanh().with_label("y");
/// let frames = dot::backward_frames(&g, y, &DotOptions::new());
/// assert_eq!(frames.len(), 2);
/// assert!(frames[0].contains(r#"label="{ x | data 0.5000 | grad }""#)); // not computed yet
/// // the local derivative in the graph's names, then local × upstream = product
/// assert!(frames[0].contains(
///     r#"n0 -> op1 [label="∂y/∂x\n= 1 − tanh²(x)\n= 1 − tanh²(0.5000) = 0.7864\n0.7864 × 1.000 = 0.7864""#
/// ));
/// assert!(frames[1].contains(r#"label="{ x | data 0.5000 | grad 0.7864 }""#));
/// assert_eq!(x.grad(), 0.0); // stored gradients are untouched
/// ```
pub fn backward_frames(g: &Graph, output: Value<'_>, options: &DotOptions) -> Vec<String> {
    let trace = g.backward_trace_kept(output);
    frames(g, &trace, options).iter().map(print).collect()
}

/// The frames of a backward pass from `output` as files: `frame_000.dot`, `frame_001.dot`,
/// ... (the DOT text of [`backward_frames`]) and, when `svg` is true, `frame_000.svg`, ...
/// rendered by Graphviz, each file name with its bytes, DOT files first. The names have at
/// least three digits, more when there are more frames, so they sort in the order backward
/// ran. Writing them is the caller's (the command line writes them all or none, and removes
/// the frames of an earlier, longer run: see [`is_frame_file`]).
///
/// Returns [`Error::TooLarge`] above [`DotOptions::max_frames`] frames, and
/// [`Error::Graphviz`] if `svg` is asked for and Graphviz is missing, fails, or the picture
/// is above [`DotOptions::max_nodes`]. Stored gradients are left as they were.
///
/// # Examples
/// ```
/// # fn main() -> Result<(), gradgraph_draw::Error> {
/// use gradgraph::Graph;
/// use gradgraph_draw::{self as dot, DotOptions};
/// let g = Graph::new();
/// let x = g.input(1.0).with_label("x");
/// let w = g.parameter(0.5).with_label("w");
/// let y = (x * w).tanh().with_label("y");
/// let files = dot::frame_files(&g, y, &DotOptions::new(), false)?;
/// let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
/// // one frame per value y depends on: y, the product, w and x
/// assert_eq!(names, ["frame_000.dot", "frame_001.dot", "frame_002.dot", "frame_003.dot"]);
/// assert!(files[0].1.starts_with(b"digraph"));
/// # Ok(()) }
/// ```
pub fn frame_files(
    g: &Graph,
    output: Value<'_>,
    options: &DotOptions,
    svg: bool,
) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut options = options.clone();
    options.ancestors_of = Some(output.index());
    options.collapse = Collapse::None;
    let steps = frame_count(g, output);
    if steps > options.max_frames {
        return Err(Error::too_large(
            "backward frames",
            format!(
                "the backward pass has {steps} steps, more than the limit of {} frames; draw a \
                 smaller expression, or raise the limit (DotOptions::max_frames, the CLI's \
                 --max-frames)",
                options.max_frames
            ),
        ));
    }
    if svg {
        check_size(g, &options)?;
    }
    let frames = backward_frames(g, output, &options);
    let width = frames.len().saturating_sub(1).to_string().len().max(3);
    let mut files = Vec::with_capacity(2 * frames.len());
    for (k, text) in frames.iter().enumerate() {
        files.push((format!("frame_{k:0width$}.dot"), text.clone().into_bytes()));
    }
    if svg {
        for (k, text) in frames.iter().enumerate() {
            files.push((
                format!("frame_{k:0width$}.svg"),
                render_dot(text, Format::Svg)?,
            ));
        }
    }
    Ok(files)
}

/// The number of frames [`frame_files`] draws for a backward pass from `output`: one per
/// value the output depends on (itself included).
pub fn frame_count(g: &Graph, output: Value<'_>) -> usize {
    super::build::drawn(g, Some(output.index()))
        .iter()
        .filter(|&&k| k)
        .count()
}

/// True when `name` is a file name [`frame_files`] gives: `frame_` then digits, then `.dot`
/// or `.svg`. A folder of frames holds one sequence: the frames of an earlier, longer run
/// are recognised by this and removed when a new sequence is written.
///
/// # Examples
/// ```
/// use gradgraph_draw::is_frame_file;
/// assert!(is_frame_file("frame_007.dot") && is_frame_file("frame_1234.svg"));
/// assert!(!is_frame_file("frame_.dot") && !is_frame_file("frame_01.png"));
/// assert!(!is_frame_file("notes.dot"));
/// ```
pub fn is_frame_file(name: &str) -> bool {
    name.strip_prefix("frame_")
        .and_then(|rest| rest.strip_suffix(".dot").or(rest.strip_suffix(".svg")))
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

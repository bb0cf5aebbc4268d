//! The backward pass as a sequence of pictures, one per step of [`Graph::backward_trace`].
//!
//! Backward visits the output's ancestors from the output down. When it reaches a node, that
//! node's gradient `ḡ = d output / d node` is complete (every use of the node has sent its
//! share); the node then sends `local derivative × ḡ` along each edge to its operands. Frame
//! `k` shows exactly that moment for step `k`: the node highlighted with its gradient, its
//! edges labelled `local × upstream = product`, the nodes processed already with their
//! gradients, the nodes that have received (part of) their gradient with the sum received so
//! far and a dashed blue border, those that received nothing yet blank, and the edges not
//! traversed yet grey. Each frame's legend names only what that frame draws.
//!
//! Every frame of one run has the same layout: [`frame_files`] lays the run out once (with
//! the widest text each node, edge and title shows in any frame) and draws every frame on
//! those positions, so nothing moves from one frame to the next.

use super::build::{Overlay, attr, draw, node_stmt, print};
use super::render::{check_size, exec, exec_args};
use super::{Collapse, DotOptions};
use crate::Error;
use gradgraph::Graph;
use gradgraph::Trace;
use gradgraph::Value;
use graphviz_rust::cmd::{CommandArg, Format as GraphvizFormat, Layout};
use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph as DotGraph, Id, Stmt, Vertex};
use std::collections::HashMap;

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
    frames_and_layout(g, trace, options)
        .map(|(frames, _)| frames)
        .unwrap_or_default()
}

/// The frames, and the picture to lay the run out with: every node with the widest gradient
/// it shows in any frame, every edge with its label, the longest title, every legend entry.
/// `None` for an empty trace.
fn frames_and_layout(
    g: &Graph,
    trace: &Trace,
    options: &DotOptions,
) -> Option<(Vec<DotGraph>, DotGraph)> {
    let first = trace.steps.first()?;
    let output = first.node;
    let mut options = options.clone();
    options.ancestors_of = Some(output);
    options.collapse = Collapse::None;
    let output_label = first.label.clone();
    // the gradient each node shows: the sum received so far, the complete one once processed
    let mut grads: Vec<Option<f64>> = vec![None; output + 1];
    let mut done = vec![false; output + 1];
    // the widest gradient each node shows in any frame, and every edge's label, for the layout
    let mut widest: Vec<Option<f64>> = vec![None; output + 1];
    let mut all_edge_text: Vec<Vec<String>> = vec![Vec::new(); output + 1];
    let mut longest_title = String::new();
    let total = trace.steps.len();
    let lang = options.lang;
    let frames = trace
        .steps
        .iter()
        .enumerate()
        .map(|(k, step)| {
            let number = |x: f64| options.number(x);
            if let Some(slot) = grads.get_mut(step.node) {
                *slot = Some(step.upstream);
            }
            // what the node sends is received at its operands in this frame
            for e in &step.inputs {
                if let Some(slot) = grads.get_mut(e.input) {
                    *slot = Some(slot.unwrap_or(0.0) + e.product);
                }
            }
            for (shown, wide) in grads.iter().zip(widest.iter_mut()) {
                if let Some(x) = *shown
                    && wide.is_none_or(|w| number(w).chars().count() < number(x).chars().count())
                {
                    *wide = Some(x);
                }
            }
            // the local derivatives in the student's names, worked out once for the step
            let locals = g
                .get(step.node)
                .map(|v| g.local_derivative_texts(v, number))
                .unwrap_or_default();
            let edge_text: Vec<String> = step
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
                (gradgraph::Op::Const, _) => lang.text("pic-frame-constant", &[]),
                (_, 0) => lang.text("pic-frame-leaf", &[]),
                (_, n) => lang.text("pic-frame-sends", &[("n", n.into())]),
            };
            let op = match step.op {
                gradgraph::Op::Input => lang.text("pic-input", &[]),
                gradgraph::Op::Param => lang.text("pic-parameter", &[]),
                gradgraph::Op::Const => lang.text("pic-constant", &[]),
                op => op.symbol(),
            };
            // ∂J/∂ŷ when both have names, else the node's index and "grad"
            let holds = match (&output_label, &step.label) {
                (Some(out), Some(node)) => lang.text(
                    "pic-frame-holds-named",
                    &[
                        ("node", node.as_str().into()),
                        ("op", op.into()),
                        ("output", operand(out).into()),
                        ("of", operand(node).into()),
                    ],
                ),
                (_, Some(node)) => lang.text(
                    "pic-frame-holds",
                    &[("node", node.as_str().into()), ("op", op.into())],
                ),
                (_, None) => lang.text(
                    "pic-frame-holds-index",
                    &[("index", step.node.to_string().into()), ("op", op.into())],
                ),
            };
            let heading = lang.text(
                "pic-frame-title",
                &[
                    ("step", (k + 1).to_string().into()),
                    ("total", total.to_string().into()),
                    ("holds", holds.into()),
                    ("value", number(step.upstream).into()),
                ],
            );
            let title = format!("{heading}\n{sends}");
            if title.chars().count() > longest_title.chars().count() {
                longest_title = title.clone();
            }
            let mut edges = vec![Vec::new(); output + 1];
            if let Some(slot) = edges.get_mut(step.node) {
                slot.clone_from(&edge_text);
            }
            if let Some(slot) = all_edge_text.get_mut(step.node) {
                *slot = edge_text;
            }
            let overlay = Overlay {
                grads: grads.clone(),
                done: done.clone(),
                current: step.node,
                edge_text: edges,
                title,
                layout: false,
            };
            if let Some(slot) = done.get_mut(step.node) {
                *slot = true;
            }
            draw(g, &options, Some(&overlay))
        })
        .collect();
    // laid out with the widest of everything, in the state of no frame (no node current)
    let layout = Overlay {
        grads: widest,
        done: vec![true; output + 1],
        current: usize::MAX,
        edge_text: all_edge_text,
        title: longest_title,
        layout: true,
    };
    Some((frames, draw(g, &options, Some(&layout))))
}

/// Where Graphviz put everything in a laid-out picture: the attributes to give each node
/// (by name), each edge (by tail, head and how many edges between them came before) and
/// each cluster and the graph (`bb`, and `lp` for their labels).
#[derive(Default)]
struct Positions {
    nodes: HashMap<String, Vec<(String, String)>>,
    edges: HashMap<(String, String, usize), Vec<(String, String)>>,
    graphs: HashMap<String, Vec<(String, String)>>,
    /// Two corners of the picture's box, each marked in every frame by an invisible point:
    /// `neato -n2` sizes a picture by what it draws, and a frame that draws less (no edge
    /// label out at the side) would otherwise be smaller.
    corners: [String; 2],
}

impl Positions {
    /// Reads Graphviz's `-Tjson` output.
    fn from_json(json: &[u8]) -> Result<Positions, Error> {
        let bad = |what: &str| Error::Graphviz(format!("Graphviz's layout has no {what}"));
        let root: serde_json::Value =
            serde_json::from_slice(json).map_err(|e| Error::Graphviz(e.to_string()))?;
        let text = |o: &serde_json::Value, keys: &[&str]| -> Vec<(String, String)> {
            keys.iter()
                .filter_map(|k| {
                    o.get(*k)
                        .and_then(|v| v.as_str())
                        .map(|v| (k.to_string(), v.to_owned()))
                })
                .collect()
        };
        let mut positions = Positions::default();
        // the picture's box, grown to hold every edge label: `dot` may place one past its
        // box, and `neato -n2` would then grow the box of the frames that draw it alone
        let mut bb: Vec<f64> = root
            .get("bb")
            .and_then(|b| b.as_str())
            .ok_or_else(|| bad("bounding box"))?
            .split(',')
            .filter_map(|x| x.parse().ok())
            .collect();
        if bb.len() != 4 {
            return Err(bad("bounding box"));
        }
        for edge in root
            .get("edges")
            .and_then(|o| o.as_array())
            .into_iter()
            .flatten()
        {
            let ops = edge.get("_ldraw_").and_then(|o| o.as_array());
            let mut size = 14.0;
            for op in ops.into_iter().flatten() {
                let number = |key: &str| op.get(key).and_then(|v| v.as_f64());
                match op.get("op").and_then(|o| o.as_str()) {
                    Some("F") => size = number("size").unwrap_or(size),
                    Some("T") => {
                        let at = op.get("pt").and_then(|p| p.as_array());
                        let coordinate = |k: usize| {
                            at.and_then(|p| p.get(k))
                                .and_then(|v| v.as_f64())
                                .unwrap_or(0.0)
                        };
                        let (x, y) = (coordinate(0), coordinate(1));
                        let width = number("width").unwrap_or(0.0);
                        let (left, right) = match op.get("align").and_then(|a| a.as_str()) {
                            Some("l") => (x, x + width),
                            Some("r") => (x - width, x),
                            _ => (x - width / 2.0, x + width / 2.0),
                        };
                        bb[0] = bb[0].min(left.floor());
                        bb[1] = bb[1].min((y - size / 2.0).floor());
                        bb[2] = bb[2].max(right.ceil());
                        bb[3] = bb[3].max((y + size).ceil());
                    }
                    _ => {}
                }
            }
        }
        positions.corners = [
            format!("{},{}", bb[0], bb[1]),
            format!("{},{}", bb[2], bb[3]),
        ];
        let mut top = text(&root, &["lp"]);
        let bb: Vec<String> = bb.iter().map(|x| x.to_string()).collect();
        top.push(("bb".to_owned(), bb.join(",")));
        positions.graphs.insert(String::new(), top);
        let mut names = HashMap::new();
        for object in root
            .get("objects")
            .and_then(|o| o.as_array())
            .into_iter()
            .flatten()
        {
            let name = object
                .get("name")
                .and_then(|n| n.as_str())
                .ok_or_else(|| bad("name"))?;
            if let Some(id) = object.get("_gvid").and_then(|i| i.as_u64()) {
                names.insert(id, name.to_owned());
            }
            if object.get("nodes").is_some() || object.get("bb").is_some() {
                positions
                    .graphs
                    .insert(name.to_owned(), text(object, &["bb", "lp"]));
            } else {
                positions
                    .nodes
                    .insert(name.to_owned(), text(object, &["pos", "width", "height"]));
            }
        }
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        for edge in root
            .get("edges")
            .and_then(|o| o.as_array())
            .into_iter()
            .flatten()
        {
            let end = |key: &str| {
                edge.get(key)
                    .and_then(|i| i.as_u64())
                    .and_then(|i| names.get(&i).cloned())
                    .ok_or_else(|| bad("edge end"))
            };
            let pair = (end("tail")?, end("head")?);
            let count = seen.entry(pair.clone()).or_default();
            positions
                .edges
                .insert((pair.0, pair.1, *count), text(edge, &["pos", "lp"]));
            *count += 1;
        }
        Ok(positions)
    }

    /// Gives `picture` these positions, for `neato -n2` to draw it without moving anything.
    fn apply(&self, picture: &mut DotGraph) {
        let (DotGraph::DiGraph { stmts, .. } | DotGraph::Graph { stmts, .. }) = picture;
        let mut seen = HashMap::new();
        self.apply_to(stmts, "", &mut seen);
        for (k, corner) in self.corners.iter().enumerate() {
            stmts.push(node_stmt(
                &format!("frame_corner_{k}"),
                vec![
                    attr("shape", "point"),
                    attr("style", "invis"),
                    attr("width", "0.01"),
                    attr("pos", corner),
                ],
            ));
        }
    }

    fn apply_to(
        &self,
        stmts: &mut Vec<Stmt>,
        graph: &str,
        seen: &mut HashMap<(String, String), usize>,
    ) {
        let set = |attrs: &mut Vec<Attribute>, given: Option<&Vec<(String, String)>>| {
            for (key, value) in given.into_iter().flatten() {
                // an edge label's place only where the frame labels that edge
                if key == "lp"
                    && !attrs
                        .iter()
                        .any(|a| matches!(&a.0, Id::Plain(k) if k == "label"))
                {
                    continue;
                }
                attrs.retain(|a| !matches!(&a.0, Id::Plain(k) if k == key));
                attrs.push(attr(key, value));
            }
        };
        for stmt in stmts.iter_mut() {
            match stmt {
                Stmt::Node(node) => {
                    if let Id::Plain(name) = &node.id.0 {
                        set(&mut node.attributes, self.nodes.get(name));
                    }
                }
                Stmt::Edge(edge) => {
                    if let EdgeTy::Pair(Vertex::N(a), Vertex::N(b)) = &edge.ty
                        && let (Id::Plain(a), Id::Plain(b)) = (&a.0, &b.0)
                    {
                        let pair = (a.clone(), b.clone());
                        let count = seen.entry(pair.clone()).or_default();
                        set(
                            &mut edge.attributes,
                            self.edges.get(&(pair.0, pair.1, *count)),
                        );
                        *count += 1;
                    }
                }
                Stmt::Subgraph(sub) => {
                    let name = match &sub.id {
                        Id::Plain(name) => name.clone(),
                        _ => String::new(),
                    };
                    self.apply_to(&mut sub.stmts, &name, seen);
                }
                _ => {}
            }
        }
        // a graph's or cluster's box and the place of its label
        for (key, value) in self.graphs.get(graph).into_iter().flatten() {
            stmts.push(Stmt::Attribute(attr(key, value)));
        }
    }
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
/// // x receives its gradient in the first frame, drawn dashed until it is processed
/// assert!(frames[0].contains(r#"label="{ x | data 0.5000 | grad 0.7864 }""#));
/// assert!(frames[0].contains(r##"style="filled,dashed" color="#1c7ed6""##));
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
/// rendered by Graphviz, each file name with its bytes, DOT files first. With `svg`, the run
/// is laid out once and every frame drawn on those positions (`neato -n2`), so the frames
/// have one size and nothing moves between them; the DOT files then carry the positions
/// (`pos`): `neato -n2 -Tpng frame_000.dot` draws a frame as the SVG shows it. The names have at
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
    let trace = g.backward_trace_kept(output);
    let Some((mut pictures, layout)) = frames_and_layout(g, &trace, &options) else {
        return Ok(Vec::new());
    };
    if svg {
        let json = exec(&print(&layout), GraphvizFormat::Json)?;
        let positions = Positions::from_json(&json)?;
        for picture in &mut pictures {
            positions.apply(picture);
        }
    }
    let frames: Vec<String> = pictures.iter().map(print).collect();
    let width = frames.len().saturating_sub(1).to_string().len().max(3);
    let mut files = Vec::with_capacity(2 * frames.len());
    for (k, text) in frames.iter().enumerate() {
        files.push((format!("frame_{k:0width$}.dot"), text.clone().into_bytes()));
    }
    if svg {
        for (k, text) in frames.iter().enumerate() {
            let svg = exec_args(
                text,
                vec![
                    CommandArg::Layout(Layout::Neato),
                    CommandArg::Custom("-n2".to_owned()),
                    CommandArg::Format(GraphvizFormat::Svg),
                ],
            )?;
            files.push((format!("frame_{k:0width$}.svg"), svg));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{PENDING, RECEIVED};

    /// `(tanh(x·w + b) − y)²` at x = 1.5, w = −0.8, b = 0.3, y = 1, and its frames' DOT text.
    fn neuron_frames(svg: bool) -> Vec<(String, String)> {
        neuron_frames_with(svg, &DotOptions::new())
    }

    fn neuron_frames_with(svg: bool, options: &DotOptions) -> Vec<(String, String)> {
        let g = Graph::new();
        let x = g.input(1.5).with_label("x");
        let w = g.input(-0.8).with_label("w");
        let b = g.input(0.3).with_label("b");
        let y = g.input(1.0).with_label("y");
        let f = ((x * w + b).tanh() - y).powi(2);
        frame_files(&g, f, options, svg)
            .unwrap()
            .into_iter()
            .map(|(name, bytes)| (name, String::from_utf8(bytes).unwrap()))
            .collect()
    }

    /// The statement of node `name` in a frame's DOT text.
    fn node<'a>(dot: &'a str, name: &str) -> &'a str {
        let start = format!("  {name}[");
        dot.lines().find(|l| l.starts_with(&start)).unwrap()
    }

    #[test]
    fn a_gradient_once_received_stays_shown() {
        let frames = neuron_frames(false);
        let dots: Vec<&str> = frames.iter().map(|(_, text)| text.as_str()).collect();
        assert_eq!(dots.len(), 9);
        // y (n3) receives 3.433 from the subtraction processed in frame 1 and is processed
        // in frame 5: blank before, then received (dashed blue), current, then done
        for (k, dot) in dots.iter().enumerate() {
            let y = node(dot, "n3");
            assert_eq!(y.contains("grad 3.433 }"), k >= 1, "frame {k}: {y}");
            assert_eq!(y.contains(RECEIVED), (1..5).contains(&k), "frame {k}: {y}");
            assert_eq!(y.contains("#e8590c"), k == 5, "frame {k}: {y}");
        }
        // x (n0) receives 1.337 in frame 4 (the product processed) and keeps it to the end
        for (k, dot) in dots.iter().enumerate().skip(4) {
            assert!(node(dot, "n0").contains("grad 1.337 }"), "frame {k}");
        }
    }

    #[test]
    fn each_legend_names_only_what_its_frame_draws() {
        let frames = neuron_frames(false);
        for (name, dot) in &frames {
            let (legend, picture) = dot.split_once("  n0[").unwrap();
            let grey = picture.contains(PENDING);
            let blank = picture.contains("| grad }");
            let received = picture.contains(RECEIVED);
            let labelled = picture.contains(" × ");
            assert_eq!(legend.contains("grey edges"), grey, "{name}");
            assert_eq!(legend.contains("blank grad"), blank, "{name}");
            assert_eq!(legend.contains("legend_received"), received, "{name}");
            assert_eq!(legend.contains("edge label"), labelled, "{name}");
        }
        // the first frame has all of them, the last (a leaf, everything sent) none
        let first = &frames[0].1;
        assert!(first.contains("grey edges") && first.contains("blank grad"));
        let last = &frames[8].1;
        assert!(!last.contains(PENDING) && !last.contains("legend_notes"));
    }

    /// The size of an SVG (its `<svg width=… height=…` line), and the shape of every node
    /// (its points, or its centre) by name.
    type SvgLayout = (String, Vec<(String, String)>);

    /// The size of an SVG, and the first shape (its points, or its centre) of every node.
    fn layout_of(svg: &str) -> SvgLayout {
        let size = svg[svg.find("<svg width=").unwrap()..]
            .split_once('\n')
            .unwrap()
            .0
            .to_owned();
        let mut nodes = Vec::new();
        for group in svg.split("<g id=\"").skip(1) {
            if !group.contains("class=\"node\"") {
                continue;
            }
            let title = group
                .split("<title>")
                .nth(1)
                .unwrap()
                .split("</title>")
                .next()
                .unwrap();
            let shape = ["points=\"", "cx=\"", "cy=\""]
                .iter()
                .filter_map(|key| group.split(key).nth(1))
                .map(|rest| rest.split('"').next().unwrap())
                .collect::<Vec<_>>()
                .join(" ");
            nodes.push((title.to_owned(), shape));
        }
        nodes.sort();
        (size, nodes)
    }

    #[test]
    fn every_frame_of_a_run_has_the_same_layout() {
        if !crate::graphviz_installed() {
            return;
        }
        // top to bottom, dot places the label of y's edge past its box: the frames that
        // draw it must not be wider than the others
        for rankdir in [crate::RankDir::LeftToRight, crate::RankDir::TopToBottom] {
            same_layout(&neuron_frames_with(
                true,
                &DotOptions::new().rankdir(rankdir),
            ));
        }
    }

    fn same_layout(frames: &[(String, String)]) {
        let svgs: Vec<(&str, SvgLayout)> = frames
            .iter()
            .filter(|(name, _)| name.ends_with(".svg"))
            .map(|(name, text)| (name.as_str(), layout_of(text)))
            .collect();
        assert_eq!(svgs.len(), 9);
        let (_, (size, nodes)) = &svgs[0];
        // every value and op of the expression is drawn (4 inputs, 5 results, 5 ops)
        let values = |(n, _): &&(String, String)| n.starts_with('n') || n.starts_with("op");
        assert_eq!(nodes.iter().filter(values).count(), 14);
        for (name, (other_size, other_nodes)) in &svgs[1..] {
            assert_eq!(other_size, size, "{name}");
            // a legend entry a frame leaves out is missing; the others have not moved
            for (node, shape) in other_nodes {
                let first = nodes.iter().find(|(n, _)| n == node);
                assert_eq!(first.map(|(_, s)| s), Some(shape), "{name}: {node}");
            }
        }
        for node in ["n0", "n3", "n8", "op4", "op8"] {
            assert!(
                svgs.iter()
                    .all(|(_, (_, n))| n.iter().any(|(m, _)| m == node))
            );
        }
    }
}

//! The interactive page: see [`html`](super::html).

use super::render::Format;
use super::{DotOptions, format_number};
use crate::Error;
use gradgraph::Graph;
use gradgraph::Op;
use gradgraph::Value;
use gradgraph::node_name;
use serde::Serialize;

const SCRIPT: &str = include_str!("html_page.js");
const STYLE: &str = include_str!("html_page.css");

/// The page of `output` and the values it depends on, as one self-contained HTML document
/// that steps through the forward and the backward pass: the picture laid out once by
/// Graphviz, the data of every step as JSON, the script and the style, all inline. No network
/// request; it opens from `file://`. The page is in English whatever
/// [`DotOptions::lang`] says.
///
/// The page shows the forward pass one value at a time in topological order (each op with
/// its numbers plugged in, `tanh(0.3000) = 0.2913`), then the backward pass one node at a
/// time as [`Graph::backward_trace`] records it: the node being processed with its complete
/// gradient, each edge it sends along labelled with the local derivative's formula and
/// `local × upstream = product`, and the running sum `grad += product` of an operand that
/// receives from several consumers. Nodes not reached yet are greyed. Clicking a node shows
/// its derivation: its value's formula, `∂f/∂node` as the sum over its consumers, and for
/// inputs and parameters a central finite-difference estimate beside the analytic value.
/// The text of each backward step is [`TraceStep::text`](gradgraph::TraceStep::text), what
/// `gradgraph expr --trace` prints.
///
/// # Controls
///
/// Buttons for the first step, the previous one, play/pause (with a speed choice), the next
/// one and the last; a slider over all steps; the keyboard: → and ← step, space plays or
/// pauses, Home and End jump to the ends.
///
/// # Testing hooks
///
/// Elements carry stable `data-testid` attributes for automated tests: `next`, `prev`,
/// `play`, `first`, `last`, `speed` (the speed choice), `slider`, `step` (its text is
/// `k / n`), `phase` (`forward` or `backward`), `current` (the current node's name as the
/// trace prints it, `#5 tanh`, with the attribute `data-node` holding its node index),
/// `explain` (the current step's text: for a backward step exactly the trace's line, its
/// columns two spaces apart) and `derivation` (the panel a click on a node fills). Each
/// value's group in the SVG carries `data-node="N"` (its node index); each op's ellipse
/// `data-op="N"`. The page's data is the JSON of the element `#gg-data`.
///
/// `options` says how the picture is drawn (its [`ancestors_of`](DotOptions::ancestors_of)
/// is set to `output`); above [`DotOptions::max_nodes`] the page is refused as
/// [`render`](super::render) refuses (pick a collapsed view with [`fit`](super::fit)). The
/// backward pass is run again on the graph to record it; the gradients stored in the graph
/// and its values are left as they were. Returns [`Error::Graphviz`] when Graphviz's `dot`
/// program is not installed (the message says how to install it) or fails.
///
/// Computes in **O(nodes + edges)** time besides Graphviz's layout, plus one forward replay
/// per input and parameter for the finite differences (skipped above a budget of 20 million
/// node evaluations).
///
/// # Examples
/// ```
/// use gradgraph::Graph;
/// use gradgraph_draw::{self as dot, DotOptions};
/// let g = Graph::new();
/// let x = g.input(0.3).with_label("x");
/// let y = x.tanh().with_label("y");
/// g.backward(y);
/// match dot::html(&g, y, &DotOptions::new()) {
///     Ok(page) => {
///         assert!(page.starts_with("<!DOCTYPE html>"));
///         assert!(page.contains(r#"data-node="1""#));
///         assert!(page.contains("tanh(0.3000) = 0.2913"));
///     }
///     Err(e) => assert!(e.to_string().contains("install Graphviz")),
/// }
/// assert_eq!(x.grad(), 1.0 - 0.3f64.tanh().powi(2)); // gradients as they were
/// ```
pub fn html(g: &Graph, output: Value<'_>, options: &DotOptions) -> Result<String, Error> {
    let mut options = options.clone().ancestors_of(output);
    options.show_grad = true;
    // the page is in English, its picture too: its script reads the records' `data` and
    // `grad` fields by those words
    options.lang = gradgraph_i18n::Lang::En;
    let y = output.index();
    let digits = options.precision;
    let num = |x: f64| format_number(x, digits);

    // the graph as it was: values and gradients, restored after the trace and the finite
    // differences
    let saved: Vec<(f64, f64)> = g.values().map(|v| (v.data(), v.grad())).collect();
    let ancestors = super::build::drawn(g, Some(y));

    // the picture first: nothing else is worth computing without Graphviz
    let svg = String::from_utf8_lossy(&super::render(g, &options, Format::Svg)?).into_owned();
    let (svg, titles) = tag_svg(&svg);

    g.zero_grad();
    let trace = g.backward_trace(output);
    let final_grads: Vec<f64> = g.values().map(|v| v.grad()).collect();
    for (v, &(data, grad)) in g.values().zip(&saved) {
        v.set_data(data);
        v.set_grad(grad);
    }

    // which SVG element stands for each value: its record, else the smallest drawn group
    // holding it (the collapsed views)
    let groups = g.groups();
    let svg_of = |i: usize| -> String {
        let own = format!("n{i}");
        if titles.contains(&own) {
            return own;
        }
        groups
            .iter()
            .enumerate()
            .filter(|(k, group)| group.nodes.contains(&i) && titles.contains(&format!("group{k}")))
            .min_by_key(|(_, group)| group.nodes.len())
            .map(|(k, _)| format!("group{k}"))
            .unwrap_or_default()
    };

    let fd = finite_differences(g, output, &ancestors);
    let mut nodes = std::collections::BTreeMap::new();
    let mut steps = Vec::new();
    for i in (0..=y).filter(|&i| ancestors[i]) {
        let Some(v) = g.get(i) else { continue };
        let op = v.op();
        let operands: Vec<usize> = g.operands(v).iter().map(|o| o.index()).collect();
        let args: Vec<String> = g.operands(v).iter().map(|o| num(o.data())).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let kind = match op {
            Op::Input => "input",
            Op::Param => "parameter",
            Op::Const => "constant",
            _ => "op",
        };
        let plugged = if op.is_leaf() {
            format!("{} ({kind})", num(v.data()))
        } else {
            format!("{} = {}", op.write_formula(&args), num(v.data()))
        };
        let name = node_name(g, i);
        steps.push(Step {
            phase: "forward",
            node: i,
            text: format!("{name}: {plugged}"),
            upstream: None,
            edges: Vec::new(),
        });
        nodes.insert(
            i,
            NodeData {
                name,
                kind,
                op: op.symbol(),
                data: num(v.data()),
                grad: num(final_grads[i]),
                formula: formula_of(g, v),
                plugged,
                roles: (0..operands.len())
                    .map_while(|k| op.operand_role(k))
                    .collect(),
                operands,
                svg: svg_of(i),
                fd: fd.get(&i).map(|&d| num(d)),
            },
        );
    }
    let forward = steps.len();

    // the running sum of each operand's gradient, as backward accumulates it
    let mut acc = vec![0.0; y + 1];
    let mut received = vec![0usize; y + 1];
    for step in &trace.steps {
        // the local derivatives in the student's names, worked out once for the step
        let locals = g
            .get(step.node)
            .map(|v| g.local_derivative_texts(v, num))
            .unwrap_or_default();
        let edges = step
            .inputs
            .iter()
            .enumerate()
            .map(|(k, e)| {
                let j = e.input;
                let before = received[j];
                let local = locals.get(k);
                acc[j] += e.product;
                received[j] += 1;
                StepEdge {
                    to: j,
                    k,
                    formula: local.map(|d| d.to_string()).unwrap_or_default(),
                    lines: local.map(|d| d.lines()).unwrap_or_default(),
                    local: num(e.local),
                    product: num(e.product),
                    acc: num(acc[j]),
                    before,
                }
            })
            .collect();
        steps.push(Step {
            phase: "backward",
            node: step.node,
            text: step.text(g).to_string(),
            upstream: Some(num(step.upstream)),
            edges,
        });
    }

    let data = PageData {
        title: format!("{} = {}", node_name(g, y), num(output.data())),
        output: y,
        nodes,
        steps,
        forward,
    };
    let json = serde_json::to_string(&data)
        .map_err(|e| Error::Graphviz(format!("cannot encode the page's data: {e}")))?
        // `<` only occurs inside strings: escaped, no text can close the script element
        .replace('<', "\\u003c");
    Ok(document(&data.title, &svg, &json))
}

/// Every value of the page.
#[derive(Serialize)]
struct NodeData {
    /// Its name as the trace prints it.
    name: String,
    /// `input`, `parameter`, `constant` or `op`.
    kind: &'static str,
    /// The op's symbol.
    op: String,
    /// Its value, as drawn.
    data: String,
    /// Its gradient after the pass, as drawn.
    grad: String,
    /// Its value's formula, in general and with the numbers plugged in.
    formula: String,
    plugged: String,
    /// Its operands' indices.
    operands: Vec<usize>,
    /// What each operand is, where the order matters ([`Op::operand_role`]: `numerator`,
    /// `denominator`); empty for the other ops.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    roles: Vec<&'static str>,
    /// The SVG element that stands for it (its own record, or a collapsed group's node).
    svg: String,
    /// A central finite-difference estimate of `∂f/∂node`, for inputs and parameters.
    #[serde(skip_serializing_if = "Option::is_none")]
    fd: Option<String>,
}

#[derive(Serialize)]
struct Step {
    phase: &'static str,
    node: usize,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    upstream: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    edges: Vec<StepEdge>,
}

#[derive(Serialize)]
struct StepEdge {
    /// The operand's index, and which operand it is (0, 1, …).
    to: usize,
    k: usize,
    /// The local derivative's formula and value, and the product sent.
    formula: String,
    /// The same, as the short lines of the edge's label in the picture.
    lines: Vec<String>,
    local: String,
    product: String,
    /// The operand's gradient after this step (the running sum), and how many had arrived
    /// before.
    acc: String,
    before: usize,
}

#[derive(Serialize)]
struct PageData {
    title: String,
    output: usize,
    nodes: std::collections::BTreeMap<usize, NodeData>,
    steps: Vec<Step>,
    forward: usize,
}

/// The whole document.
fn document(title: &str, svg: &str, json: &str) -> String {
    let title = escape_html(title);
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gradgraph: {title}</title>
<style>
{STYLE}</style>
</head>
<body>
<header>
<h1>gradgraph <span class="subtitle">{title}</span></h1>
<nav class="controls" aria-label="steps">
<button type="button" data-testid="first" id="first" title="first step (Home)">|◀</button>
<button type="button" data-testid="prev" id="prev" title="previous step (←)">◀</button>
<button type="button" data-testid="play" id="play" title="play or pause (space)">▶ play</button>
<button type="button" data-testid="next" id="next" title="next step (→)">▶</button>
<button type="button" data-testid="last" id="last" title="last step (End)">▶|</button>
<label>speed <select id="speed" data-testid="speed"><option value="1600">slow</option><option value="800" selected>normal</option><option value="300">fast</option><option value="80">very fast</option></select></label>
<input type="range" id="slider" data-testid="slider" min="1" max="1" value="1" aria-label="step">
<span class="counter">step <span id="step" data-testid="step">1 / 1</span></span>
<span id="phase" data-testid="phase" class="phase">forward</span>
</nav>
</header>
<main>
<div id="graph">
{svg}
</div>
<aside id="panel">
<div class="now">
<p class="current-line">node <b id="current" data-testid="current" data-node=""></b></p>
<pre id="explain" data-testid="explain"></pre>
<div id="edges"></div>
</div>
<div class="why">
<h2>Derivation <span class="hint">(click a node)</span></h2>
<div id="derivation" data-testid="derivation"></div>
</div>
</aside>
</main>
<script type="application/json" id="gg-data">{json}</script>
<script>
{SCRIPT}</script>
</body>
</html>
"#
    )
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Graphviz's SVG without its XML prolog, each value's group tagged `data-node="i"` and each
/// op's `data-op="i"`; also the set of node titles drawn (`n5`, `op5`, `group2`).
fn tag_svg(svg: &str) -> (String, std::collections::HashSet<String>) {
    let body = svg.find("<svg").map_or(svg, |at| &svg[at..]);
    let mut out = String::with_capacity(body.len() + body.len() / 8);
    let mut titles = std::collections::HashSet::new();
    let mut lines = body.lines().peekable();
    while let Some(line) = lines.next() {
        if line.starts_with("<g id=\"") && line.ends_with("class=\"node\">") {
            let title = lines
                .peek()
                .and_then(|next| next.strip_prefix("<title>"))
                .and_then(|rest| rest.strip_suffix("</title>"))
                .unwrap_or("");
            let tag = if let Some(i) = title.strip_prefix('n').filter(|i| is_index(i)) {
                format!(" data-node=\"{i}\"")
            } else if let Some(i) = title.strip_prefix("op").filter(|i| is_index(i)) {
                format!(" data-op=\"{i}\"")
            } else if let Some(k) = title.strip_prefix("group").filter(|k| is_index(k)) {
                format!(" data-group=\"{k}\"")
            } else {
                String::new()
            };
            titles.insert(title.to_owned());
            out.push_str(&line[..line.len() - 1]);
            out.push_str(&tag);
            out.push_str(">\n");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    (out, titles)
}

fn is_index(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The most node evaluations spent on finite differences (two forward replays per leaf).
const FD_BUDGET: usize = 20_000_000;

/// Central finite differences of the output with respect to each input and parameter it
/// depends on. The graph's values are restored afterwards.
fn finite_differences(
    g: &Graph,
    output: Value<'_>,
    ancestors: &[bool],
) -> std::collections::HashMap<usize, f64> {
    let leaves: Vec<Value<'_>> = g
        .values()
        .filter(|v| ancestors.get(v.index()).copied().unwrap_or(false))
        .filter(|v| matches!(v.op(), Op::Input | Op::Param))
        .collect();
    let mut estimates = std::collections::HashMap::new();
    if leaves.is_empty() || 2 * leaves.len() * g.len() > FD_BUDGET {
        return estimates;
    }
    let saved: Vec<f64> = g.values().map(|v| v.data()).collect();
    for leaf in leaves {
        let x = leaf.data();
        let h = 1e-6 * x.abs().max(1.0);
        leaf.set_data(x + h);
        g.forward();
        let up = output.data();
        leaf.set_data(x - h);
        g.forward();
        let down = output.data();
        leaf.set_data(x);
        estimates.insert(leaf.index(), (up - down) / (2.0 * h));
    }
    for (v, data) in g.values().zip(saved) {
        v.set_data(data);
    }
    estimates
}

/// What node `v` computes, in the student's names: `tanh(x·w + b)`, `max(0, x·w)`.
fn formula_of(g: &Graph, v: gradgraph::Value<'_>) -> String {
    let names = g.operand_terms(v);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    v.op().write_formula(&names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_names_operands_by_the_students_names() {
        let g = Graph::new();
        let x = g.input(1.0).with_label("x");
        let w = g.parameter(0.5).with_label("w");
        let b = g.parameter(-0.2).with_label("b");
        let z = x * w + b;
        let y = z.tanh();
        assert_eq!(formula_of(&g, y), "tanh(x·w + b)");
        assert_eq!(formula_of(&g, z), "x·w + b");
        assert_eq!(Op::Tanh.write_formula(&["0.3000"]), "tanh(0.3000)");
        assert_eq!(
            Op::Mul.write_formula(&["0.3000", "-2.000"]),
            "0.3000·(-2.000)"
        );
        assert_eq!(Op::PowConst(2.0).write_formula(&["0.3000"]), "0.3000^2");
        assert_eq!(
            Op::Pow.write_formula(&["0.3000", "-2.000"]),
            "0.3000^(-2.000)"
        );
    }

    #[test]
    fn svg_tagged() {
        let svg = "<?xml version=\"1.0\"?>\n<svg>\n<g id=\"node1\" class=\"node\">\n<title>n5</title>\n</g>\n<g id=\"node2\" class=\"node\">\n<title>op5</title>\n</g>\n</svg>\n";
        let (out, titles) = tag_svg(svg);
        assert!(out.starts_with("<svg>"));
        assert!(out.contains("<g id=\"node1\" class=\"node\" data-node=\"5\">"));
        assert!(out.contains("<g id=\"node2\" class=\"node\" data-op=\"5\">"));
        assert!(titles.contains("op5"));
    }
}

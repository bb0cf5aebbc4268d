//! `gradgraph expr --hessian` and `--grad-graph`: the gradient as a computation of its own.
//!
//! [`Graph::grad`] builds `∂f/∂v` for every variable `v` out of graph operations, as
//! PyTorch's `create_graph=True` does: the local derivative of each op, multiplied by the
//! gradient arriving from above, added up where a value feeds several ops. That gradient graph
//! is copied, with only what `f` and the gradients need, into a graph of its own (a
//! [`GradientGraph`]): the expression's nodes first, with their indices unchanged, then the
//! gradient's nodes, every `∂f/∂node` labelled as such.
//!
//! - `--hessian` runs backward from each `∂f/∂v` through that graph: the gradients it leaves on
//!   the variables are the row `∂²f/∂v∂u` of the Hessian. The variables are those of `expr`:
//!   every name of the expression (an input leaf); numbers are constants, which keep no
//!   gradient, so they have no row or column.
//! - `--grad-graph` draws that graph with `--dot`, `--svg`, `--png`, `--tikz`, `--html`,
//!   `--frames` and `--latex`, so that backward is seen as a computation like the forward
//!   pass; `--grad-graph x` draws only `∂f/∂x` (the page of `--html`, the frames of `--frames`
//!   and the derivation of `--latex` step through one output).
//!
//! At a kink the derivatives follow the ops' conventions, as PyTorch's: `relu'(0) = 0`,
//! `|x|'` is 0 at 0, and every piecewise derivative is built with `if_positive`, whose own
//! derivative with respect to its condition is 0. So `relu(x)` has second derivative 0
//! everywhere, and `x*relu(x)` at 0 has the left side's 0 (its right side's is 2).

use super::draw::{self, DrawArgs};
use super::expr::{ExprArgs, Number, pad};
use super::{CliResult, Failure};
use gradgraph::dot::{self, DotOptions, Format};
use gradgraph::expr::{self, Built, Expr, format_number};
use gradgraph::files::OutputSet;
use gradgraph::latex::derivation;
use gradgraph::{Error, Graph, Op, Value};
use graphviz_rust::dot_structures::{
    Attribute, Graph as DotGraph, GraphAttributes, Id, Node, NodeId, Stmt,
};
use petgraph::Direction::Incoming;
use petgraph::graph::NodeIndex;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

/// The largest expression, in nodes, whose gradient graph `--hessian` and `--grad-graph`
/// build: the gradient graph has a few nodes for each node of the expression.
pub const MAX_EXPRESSION_NODES: usize = 100_000;

/// The most variables `--hessian` takes: its table has a row and a column for each.
pub const MAX_HESSIAN_VARIABLES: usize = 1_000;

/// The most node visits `--hessian` makes: one backward pass through the gradient graph per
/// variable (about a second of work).
pub const MAX_HESSIAN_WORK: usize = 50_000_000;

/// How `--grad-graph` and `--hessian` were asked for, and the gradient graphs they need,
/// built and checked before anything is printed.
pub struct Second {
    /// The graph of every variable's gradient, for `--hessian` and `--grad-graph` alone.
    all: Option<GradientGraph>,
    /// The graph of one variable's gradient, for `--grad-graph VARIABLE`.
    one: Option<GradientGraph>,
    /// `--hessian`.
    hessian: bool,
    /// `--grad-graph` without a variable: the pictures draw `all`.
    draw_all: bool,
}

impl Second {
    /// Checks `--hessian` and `--grad-graph` against the expression and the other flags, and
    /// builds the gradient graphs they need (exit 2 for a flag that cannot be honoured, or
    /// a graph over the limits).
    pub fn new(e: &Expr, values: &HashMap<String, f64>, args: &ExprArgs) -> Result<Self, Failure> {
        let wanted = args.hessian || args.grad_graph.is_some();
        if !wanted {
            return Ok(Second {
                all: None,
                one: None,
                hessian: false,
                draw_all: false,
            });
        }
        let flag = if args.hessian {
            "--hessian"
        } else {
            "--grad-graph"
        };
        let variables = e.variables();
        let mut one_variable = None;
        if let Some(choice) = &args.grad_graph {
            if !args.draw.any() {
                return Err(Failure::usage(
                    "--grad-graph chooses what --dot, --svg, --png, --tikz, --html, --frames \
                     and --latex draw, but none of them was given: add one, for example --svg \
                     grad.svg",
                ));
            }
            if variables.is_empty() {
                return Err(Failure::usage(
                    "--grad-graph: the expression has no variables, so it has no gradient to draw",
                ));
            }
            match choice {
                Some(name) => {
                    if !variables.contains(&name.as_str()) {
                        let why = match expr::did_you_mean(name, variables.iter().copied()) {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => format!("its variables are {}", variables.join(", ")),
                        };
                        return Err(Failure::usage(format!(
                            "--grad-graph {name}: the expression has no variable `{name}`; {why}"
                        )));
                    }
                    one_variable = Some(name.clone());
                }
                None if variables.len() > 1 => {
                    for (flag, given) in [
                        ("--html", args.draw.html.is_some()),
                        ("--frames", args.draw.frames.is_some()),
                        ("--latex", args.draw.latex.is_some()),
                    ] {
                        if given {
                            let outputs: Vec<String> =
                                variables.iter().map(|v| format!("∂f/∂{v}")).collect();
                            return Err(Failure::usage(format!(
                                "{flag} steps through the backward pass of one output, and the \
                                 gradient graph has {} ({}): name the variable whose gradient \
                                 to draw, for example --grad-graph {}",
                                outputs.len(),
                                outputs.join(", "),
                                variables[0]
                            )));
                        }
                    }
                }
                None => {}
            }
        }
        if args.hessian && variables.len() > MAX_HESSIAN_VARIABLES {
            return Err(Failure::usage(format!(
                "--hessian: the expression has {} variables, more than the limit of \
                 {MAX_HESSIAN_VARIABLES} (its table would have {} entries)",
                variables.len(),
                variables.len().saturating_mul(variables.len())
            )));
        }
        let size = e.node_count();
        if size > MAX_EXPRESSION_NODES {
            return Err(Failure::usage(format!(
                "{flag}: the expression has {size} nodes, more than the limit of \
                 {MAX_EXPRESSION_NODES} for its gradient graph (a few nodes for each of the \
                 expression's); use a smaller expression"
            )));
        }
        let all_needed = args.hessian || (args.grad_graph.is_some() && one_variable.is_none());
        let all = if all_needed {
            Some(GradientGraph::build(e, values, None)?)
        } else {
            None
        };
        let one = match &one_variable {
            Some(name) => Some(GradientGraph::build(e, values, Some(name))?),
            None => None,
        };
        if let (true, Some(all)) = (args.hessian, &all) {
            let work = all.variables.len().saturating_mul(all.graph.len());
            if work > MAX_HESSIAN_WORK {
                return Err(Failure::usage(format!(
                    "--hessian: {} backward passes (one per variable) through a gradient graph \
                     of {} nodes are {work} node visits, more than the limit of \
                     {MAX_HESSIAN_WORK}; use an expression with fewer variables or nodes",
                    all.variables.len(),
                    all.graph.len()
                )));
            }
        }
        let second = Second {
            all,
            one,
            hessian: args.hessian,
            draw_all: args.grad_graph.is_some() && one_variable.is_none(),
        };
        if let Some(picture) = second.picture() {
            picture.check_pictures(&args.draw)?;
        }
        Ok(second)
    }

    /// True when the pictures are of the gradient graph (`--grad-graph`).
    pub fn draws(&self) -> bool {
        self.picture().is_some()
    }

    /// The gradient graph the pictures draw, if `--grad-graph` was given.
    fn picture(&self) -> Option<&GradientGraph> {
        self.one
            .as_ref()
            .or(self.all.as_ref().filter(|_| self.draw_all))
    }

    /// The Hessian, if `--hessian` was given.
    pub fn hessian(&self) -> Option<Hessian> {
        self.all
            .as_ref()
            .filter(|_| self.hessian)
            .map(GradientGraph::hessian)
    }

    /// Draws the gradient graph as `args` asks, into `outputs` (see [`draw::draw`]).
    pub fn draw(&self, args: &DrawArgs, outputs: &mut OutputSet) -> CliResult {
        match self.picture() {
            Some(picture) => picture.draw(args, outputs),
            None => Ok(()),
        }
    }
}

/// One variable of a [`GradientGraph`].
struct Variable {
    name: String,
    /// Its leaf.
    leaf: usize,
    /// Its gradient `∂f/∂name`, if the graph holds it.
    gradient: Option<usize>,
}

/// `f` and its gradient as one graph: the expression's nodes (indices as `gradgraph expr`
/// numbers them), then the nodes [`Graph::grad`] built for the gradients asked for, and
/// nothing else.
pub struct GradientGraph {
    graph: Graph,
    /// The expression as written, on one line.
    source: String,
    /// How many nodes the expression has: the gradient's nodes come after.
    expression_nodes: usize,
    /// The variables, sorted by name.
    variables: Vec<Variable>,
}

impl GradientGraph {
    /// Builds `e` and the gradient of `f` with respect to `only` (or to every variable), as
    /// graph values.
    fn build(e: &Expr, values: &HashMap<String, f64>, only: Option<&str>) -> Result<Self, Failure> {
        // the expression, and its gradient built as values with respect to every node of it:
        // the gradient of each intermediate node is the value Graph::grad built for it on
        // the way to the variables, so asking for it adds no node
        let g = Graph::with_capacity(8 * e.node_count(), 16 * e.node_count());
        let built = e.build_with_spans(&g, values)?;
        let y = built.output;
        let n = g.len();
        let nodes: Vec<Value<'_>> = g.values().collect();
        let gradients = g.grad(y, &nodes);
        let wanted = |name: &str| only.is_none_or(|o| o == name);
        let mut roots = vec![y.index()];
        roots.extend(
            built
                .variables
                .iter()
                .filter(|(name, _)| wanted(name))
                .map(|(_, leaf)| gradients[leaf.index()].index()),
        );
        let keep = ancestors(&g, &roots);

        // the copy, expression then gradient, each a cluster of the pictures
        let copy = Graph::with_capacity(keep.iter().filter(|&&k| k).count(), 2 * n);
        let mut map: Vec<Option<Value<'_>>> = vec![None; g.len()];
        let short = shorten(e.source(), 40);
        let names: Vec<String> = built
            .variables
            .keys()
            .filter(|name| wanted(name))
            .map(|name| format!("∂f/∂{name}"))
            .collect();
        copy.group(&format!("f = {short}"), || {
            copy_nodes(&g, &copy, &keep, 0..n, &mut map)
        })?;
        copy.group(&format!("its gradient: {}", names.join(", ")), || {
            copy_nodes(&g, &copy, &keep, n..g.len(), &mut map)
        })?;
        let at = |v: Value<'_>| map[v.index()].map(|c| c.index());

        // labels: f, each variable's gradient, and the gradient of each other node kept
        let output = at(y).unwrap_or_default();
        if let (false, None, Some(f)) = (y.op().is_leaf(), y.label(), copy.get(output)) {
            f.with_label("f");
        }
        for (i, node) in nodes.iter().enumerate() {
            let Some(gradient) = map[gradients[i].index()] else {
                continue;
            };
            if gradient.index() < n {
                continue; // not built by grad (cannot happen: kept apart all the same)
            }
            let label = match node.label() {
                Some(name) if node.op().is_leaf() => format!("∂f/∂{name}"),
                _ if *node == y => "∂f/∂f".to_owned(),
                _ => format!("∂f/∂{}", describe(e, &built, *node)),
            };
            gradient.with_label(&label);
        }
        let variables = built
            .variables
            .iter()
            .map(|(name, leaf)| Variable {
                name: name.clone(),
                leaf: at(*leaf).unwrap_or_default(),
                gradient: if wanted(name) {
                    at(gradients[leaf.index()])
                } else {
                    None
                },
            })
            .collect();
        drop(map);
        Ok(GradientGraph {
            graph: copy,
            source: short,
            expression_nodes: n,
            variables,
        })
    }

    /// The second derivatives: for each variable `v`, backward from `∂f/∂v` through the
    /// gradient graph leaves `∂²f/∂v∂u` on each variable `u`.
    fn hessian(&self) -> Hessian {
        let g = &self.graph;
        let mut rows = Vec::with_capacity(self.variables.len());
        let mut first_error = None;
        for (i, v) in self.variables.iter().enumerate() {
            let Some(gradient) = v.gradient.and_then(|k| g.get(k)) else {
                rows.push(vec![0.0; self.variables.len()]);
                continue;
            };
            g.zero_grad();
            if let Err(err) = g.try_backward(gradient) {
                first_error.get_or_insert((i, err));
            }
            rows.push(
                self.variables
                    .iter()
                    .map(|u| g.get(u.leaf).map(|leaf| leaf.grad()).unwrap_or_default())
                    .collect(),
            );
        }
        g.zero_grad();
        let names: Vec<String> = self.variables.iter().map(|v| v.name.clone()).collect();
        let problem = problem(&names, &rows, first_error);
        Hessian {
            names,
            rows,
            problem,
        }
    }

    /// The drawing options `args` asks for, for the whole graph or the ancestors of `output`.
    fn options(&self, args: &DrawArgs, output: Option<Value<'_>>) -> Result<DotOptions, Failure> {
        // the gradients of a picture of the gradient graph would be second derivatives: shown
        // where one output's backward pass is drawn, left out of the whole graph's picture
        Ok(args.options_for(output)?.show_grad(output.is_some()))
    }

    /// The one gradient output (`--grad-graph VARIABLE`), for `--html`, `--frames` and
    /// `--latex`.
    fn single_output(&self) -> Option<Value<'_>> {
        let mut outputs = self.variables.iter().filter_map(|v| v.gradient);
        match (outputs.next(), outputs.next()) {
            (Some(k), None) => self.graph.get(k),
            _ => None,
        }
    }

    /// Checks the pictures' limits, as [`draw::check_graph`] does for the expression.
    fn check_pictures(&self, args: &DrawArgs) -> CliResult {
        let options = self.options(args, None)?;
        let size = dot::picture_size(&self.graph, &options);
        if size > draw::MAX_DOT_NODES {
            return Err(Failure::usage(format!(
                "--grad-graph: the gradient graph would have {size} nodes, more than the limit \
                 of {} for a picture; draw a smaller expression",
                draw::MAX_DOT_NODES
            )));
        }
        // what Graphviz would be handed, the whole graph and the page's backward pass:
        // refused as the expression's pictures are (exit 1)
        let whole = args.svg.is_some() || args.png.is_some() || args.tikz.is_some();
        let page = match self.single_output() {
            Some(output) if args.html.is_some() => Some(self.options(args, Some(output))?),
            _ => None,
        };
        for rendered in whole.then_some(&options).into_iter().chain(page.as_ref()) {
            let size = dot::picture_size(&self.graph, rendered);
            if size > rendered.max_nodes {
                return Err(Failure::failed(format!(
                    "--grad-graph: the gradient graph has {size} nodes, more than the limit \
                     of {} for rendering (Graphviz's `dot` takes seconds for a few thousand \
                     nodes and minutes for 10,000); raise it with --max-nodes, write it with \
                     --dot alone, or draw a smaller expression",
                    rendered.max_nodes
                )));
            }
        }
        if args.latex.is_some()
            && let Some(output) = self.single_output()
        {
            // one backward step per value the gradient depends on
            let steps = dot::frame_count(&self.graph, output);
            derivation::check_size(steps).map_err(|e| Failure::from(e).context("--latex"))?;
        }
        if args.frames.is_some()
            && let Some(output) = self.single_output()
        {
            let frames = dot::frame_count(&self.graph, output);
            let limit = self.options(args, Some(output))?.max_frames;
            if frames > limit {
                return Err(Failure::usage(format!(
                    "--frames: the backward pass through {} has {frames} steps, more than \
                         the limit of {limit} frames; raise it with --max-frames (up to {}) or \
                         draw a smaller expression",
                    output.label().unwrap_or_default(),
                    draw::MAX_FRAMES_LIMIT
                )));
            }
        }
        Ok(())
    }

    /// Draws the gradient graph: `--dot`, `--svg` and `--png` the whole of it with its
    /// gradient outputs marked, `--html` and `--frames` the backward pass through the one
    /// gradient asked for (the second derivatives). Says on stderr what was drawn.
    fn draw(&self, args: &DrawArgs, outputs: &mut OutputSet) -> CliResult {
        let g = &self.graph;
        let options = self.options(args, None)?;
        let gradients: Vec<String> = self
            .variables
            .iter()
            .filter(|v| v.gradient.is_some())
            .map(|v| format!("∂f/∂{}", v.name))
            .collect();
        let text = dot::print(&self.picture(&options));
        if let Some(path) = &args.dot {
            outputs
                .stage(path, text.as_bytes())
                .map_err(Failure::writing)?;
        }
        // without Graphviz, what it would draw is left out and named by draw::commit (exit 1
        // after every other file is written); the sizes were checked (check_pictures)
        let graphviz = dot::graphviz_installed();
        if graphviz {
            for (path, format) in [(&args.svg, Format::Svg), (&args.png, Format::Png)] {
                if let Some(path) = path {
                    let bytes = dot::render_dot(&text, format).map_err(Failure::from)?;
                    outputs.stage(path, &bytes).map_err(Failure::writing)?;
                }
            }
            if let Some(path) = &args.tikz {
                let tex = dot::tikz::tikz_dot(&text, args.tikz_document())
                    .map_err(|e| Failure::from(e).context("--tikz"))?;
                outputs
                    .stage(path, tex.as_bytes())
                    .map_err(Failure::writing)?;
            }
        }
        let single = self.single_output();
        if let (Some(path), Some(output)) = (&args.latex, single) {
            let trace = g.backward_trace_kept(output);
            let tex = derivation::to_latex(&trace, args.latex_document())
                .map_err(|e| Failure::from(e).context("--latex"))?;
            outputs
                .stage(path, tex.as_bytes())
                .map_err(Failure::writing)?;
        }
        if let (Some(path), Some(output), true) = (&args.html, single, graphviz) {
            let options = self.options(args, Some(output))?;
            let page = dot::html(g, output, &options).map_err(Failure::from)?;
            outputs
                .stage(path, page.as_bytes())
                .map_err(Failure::writing)?;
        }
        if let (Some(dir), Some(output)) = (&args.frames, single) {
            let options = self.options(args, Some(output))?;
            dot::stage_frames(outputs, dir, g, output, &options, graphviz)
                .map_err(|e| Failure::writing_for("--frames", e))?;
        }
        let gradient_nodes = g.len() - self.expression_nodes.min(g.len());
        let stepped = match single {
            Some(output)
                if args.html.is_some() || args.frames.is_some() || args.latex.is_some() =>
            {
                format!(
                    "; --html, --frames and --latex step through the backward pass of {}, \
                     whose gradients are second derivatives",
                    output.label().unwrap_or_default()
                )
            }
            _ => String::new(),
        };
        eprintln!(
            "drawn: the gradient graph of f = {}: the expression's {} nodes, then the \
             {gradient_nodes} nodes that backward builds as values, ending in {}{stepped}",
            self.source,
            self.expression_nodes,
            gradients.join(", "),
        );
        Ok(())
    }

    /// The picture of the whole gradient graph, its title saying what it is and its
    /// gradient outputs marked.
    fn picture(&self, options: &DotOptions) -> DotGraph {
        let mut picture = dot::to_graph(&self.graph, options);
        let outputs: Vec<String> = self
            .variables
            .iter()
            .filter_map(|v| v.gradient.map(|k| format!("n{k}")))
            .collect();
        let (DotGraph::DiGraph { stmts, .. } | DotGraph::Graph { stmts, .. }) = &mut picture;
        mark(stmts, &outputs);
        // the gradients were the outputs: the legend says "output" only if another one is left
        if !has_fill(stmts, OUTPUT_FILL) {
            drop_legend_entry(stmts, "legend_output");
        }
        let title = format!(
            "the gradient of f = {} as a graph: backward is a computation too, made of the same \
             ops",
            self.source
        );
        stmts.insert(
            0,
            Stmt::GAttribute(GraphAttributes::Graph(vec![
                attribute("label", &dot::quote(&title)),
                attribute("labelloc", "t"),
                attribute("fontsize", "14"),
            ])),
        );
        dot::restack_legend(&mut picture);
        picture
    }
}

/// The style of a gradient output: red, with a thick border.
const GRADIENT_STYLE: [(&str, &str); 4] = [
    ("style", "filled"),
    ("fillcolor", "\"#ffc9c9\""),
    ("color", "\"#c92a2a\""),
    ("penwidth", "3"),
];

/// Restyles the nodes named `outputs` (inside clusters too) and adds them to the legend.
fn mark(stmts: &mut [Stmt], outputs: &[String]) {
    for stmt in stmts.iter_mut() {
        match stmt {
            Stmt::Node(node) if matches!(&node.id.0, Id::Plain(id) if outputs.contains(id)) => {
                node.attributes.retain(|Attribute(key, _)| {
                    !matches!(key, Id::Plain(k) if GRADIENT_STYLE.iter().any(|(s, _)| s == k))
                });
                node.attributes.extend(
                    GRADIENT_STYLE
                        .iter()
                        .map(|(key, value)| attribute(key, value)),
                );
            }
            Stmt::Subgraph(sub) => {
                if matches!(&sub.id, Id::Plain(id) if id == "cluster_legend") {
                    let mut attrs = vec![
                        attribute("shape", "box"),
                        attribute("label", "\"gradient ∂f/∂v\""),
                    ];
                    attrs.extend(GRADIENT_STYLE.iter().map(|(k, v)| attribute(k, v)));
                    sub.stmts.push(Stmt::Node(Node::new(
                        NodeId(Id::Plain("legend_gradient".into()), None),
                        attrs,
                    )));
                } else {
                    mark(&mut sub.stmts, outputs);
                }
            }
            _ => {}
        }
    }
}

/// The fill of the outputs in the pictures of `gradgraph::dot`.
const OUTPUT_FILL: &str = "#c7f0c2";

/// The legend subgraph of a picture, if it has one.
fn legend(stmts: &mut [Stmt]) -> Option<&mut Vec<Stmt>> {
    stmts.iter_mut().find_map(|stmt| match stmt {
        Stmt::Subgraph(sub) if matches!(&sub.id, Id::Plain(id) if id == "cluster_legend") => {
            Some(&mut sub.stmts)
        }
        _ => None,
    })
}

/// True when a node outside the legend is filled with `fill`.
fn has_fill(stmts: &[Stmt], fill: &str) -> bool {
    stmts.iter().any(|stmt| match stmt {
        Stmt::Node(node) => node.attributes.iter().any(|Attribute(key, value)| {
            matches!(key, Id::Plain(k) if k == "fillcolor")
                && matches!(value, Id::Escaped(v) | Id::Plain(v) if v.trim_matches('"') == fill)
        }),
        Stmt::Subgraph(sub) => {
            !matches!(&sub.id, Id::Plain(id) if id == "cluster_legend")
                && has_fill(&sub.stmts, fill)
        }
        _ => false,
    })
}

/// Removes the legend's node `name`.
fn drop_legend_entry(stmts: &mut [Stmt], name: &str) {
    if let Some(legend) = legend(stmts) {
        legend.retain(|stmt| !matches!(stmt, Stmt::Node(node) if matches!(&node.id.0, Id::Plain(id) if id == name)));
    }
}

/// `key=value`, the value as written (quoted by the caller where DOT needs it).
fn attribute(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_owned()), Id::Escaped(value.to_owned()))
}

/// Which nodes of `g` the nodes `roots` depend on (themselves included): one reverse sweep
/// over the indices.
fn ancestors(g: &Graph, roots: &[usize]) -> Vec<bool> {
    let dag = g.dag();
    let mut keep = vec![false; dag.node_count()];
    for &r in roots {
        keep[r] = true;
    }
    for i in (0..keep.len()).rev() {
        if keep[i] {
            for operand in dag.neighbors_directed(NodeIndex::new(i), Incoming) {
                keep[operand.index()] = true;
            }
        }
    }
    keep
}

/// Copies the kept nodes of `range` from `g` into `copy`, in order, with their labels.
fn copy_nodes<'c>(
    g: &Graph,
    copy: &'c Graph,
    keep: &[bool],
    range: std::ops::Range<usize>,
    map: &mut [Option<Value<'c>>],
) -> Result<(), Error> {
    for i in range.filter(|&i| keep[i]) {
        let Some(v) = g.get(i) else { continue };
        let new = match v.op() {
            Op::Input => copy.input(v.data()),
            Op::Param => copy.parameter(v.data()),
            Op::Const => copy.constant(v.data()),
            op => {
                let operands: Vec<Value<'c>> = g
                    .operands(v)
                    .iter()
                    .filter_map(|o| map[o.index()])
                    .collect();
                copy.apply(op, &operands)?
            }
        };
        if let Some(label) = v.label() {
            new.with_label(&label);
        }
        map[i] = Some(new);
    }
    Ok(())
}

/// How a gradient label names a node of the expression: its text, in parentheses unless it
/// is a name or a call (`(x*w)`, `tanh(x*w + b)`), or its number when the text is long.
fn describe(e: &Expr, built: &Built<'_>, v: Value<'_>) -> String {
    const LONGEST: usize = 24;
    let text = built
        .span(v)
        // a long text is not read at all: the spans of a long sum are most of the source
        .filter(|s| s.end - s.start <= 4 * LONGEST)
        .map(|s| e.text(s).split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    if text.is_empty() || text.chars().count() > LONGEST {
        return format!("#{}", v.index());
    }
    if enclosed(&text) {
        text
    } else {
        format!("({text})")
    }
}

/// True for a name, a call `name(…)` or a parenthesised text `(…)` whose last character
/// closes its first parenthesis.
fn enclosed(text: &str) -> bool {
    let Some(open) = text.find('(') else {
        return expr::is_variable_name(text);
    };
    let head = &text[..open];
    if !(head.is_empty() || expr::is_variable_name(head) || expr::is_function_name(head)) {
        return false;
    }
    let mut depth = 0usize;
    for (k, c) in text.char_indices().skip_while(|&(k, _)| k < open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return k + 1 == text.len();
                }
            }
            _ => {}
        }
    }
    false
}

/// `text` on one line, cut to `max` characters with `…`.
fn shorten(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let head: String = flat.chars().take(max - 1).collect();
        format!("{head}…")
    }
}

/// The second derivatives of `f`: `rows[i][j] = ∂²f/∂v_i∂v_j`, backward from `∂f/∂v_i`.
pub struct Hessian {
    names: Vec<String>,
    rows: Vec<Vec<f64>>,
    problem: Option<String>,
}

/// Names the non-finite entries of the Hessian, with what anomaly detection found.
fn problem(
    names: &[String],
    rows: &[Vec<f64>],
    first_error: Option<(usize, Error)>,
) -> Option<String> {
    let bad: Vec<String> = rows
        .iter()
        .enumerate()
        .flat_map(|(i, row)| row.iter().enumerate().map(move |(j, &x)| (i, j, x)))
        .filter(|(_, _, x)| !x.is_finite())
        .map(|(i, j, x)| format!("{} = {}", entry_name(names, i, j), format_number(x)))
        .collect();
    if bad.is_empty() {
        return None;
    }
    let shown: Vec<&str> = bad.iter().take(4).map(String::as_str).collect();
    let more = match bad.len() - shown.len() {
        0 => String::new(),
        k => format!(" and {k} more"),
    };
    let mut message = if bad.len() == 1 {
        format!("a second derivative is not a finite number: {}", shown[0])
    } else {
        format!(
            "second derivatives are not finite numbers: {}{more}",
            shown.join(", ")
        )
    };
    if let Some((i, err)) = first_error {
        let detail = match &err {
            Error::NonFinite { detail, .. } => detail.clone(),
            other => other.to_string(),
        };
        message.push_str(&format!(
            "; in the backward pass from ∂f/∂{name} through the gradient graph, {detail} \
             (--grad-graph {name} --svg FILE draws that graph, numbered so)",
            name = names[i]
        ));
    }
    Some(message)
}

/// `∂²f/∂x²` on the diagonal, `∂²f/∂x∂w` elsewhere (backward from `∂f/∂x`, to `w`).
fn entry_name(names: &[String], i: usize, j: usize) -> String {
    if i == j {
        format!("∂²f/∂{}²", names[i])
    } else {
        format!("∂²f/∂{}∂{}", names[i], names[j])
    }
}

impl Hessian {
    /// A message naming the entries that are NaN or infinite, if any (exit 1).
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// The table, every pair both ways, for `--json`: `{"x": {"x": .., "w": ..}, ..}`.
    pub fn json(&self) -> BTreeMap<&str, BTreeMap<&str, Number>> {
        self.names
            .iter()
            .zip(&self.rows)
            .map(|(name, row)| {
                let row = self
                    .names
                    .iter()
                    .zip(row)
                    .map(|(other, &x)| (other.as_str(), Number(x)))
                    .collect();
                (name.as_str(), row)
            })
            .collect()
    }

    /// The table as text: rows and columns named by variable, columns aligned.
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        // without variables, the gradients' line said there is nothing to differentiate
        if self.names.is_empty() {
            return Ok(());
        }
        writeln!(out)?;
        writeln!(
            out,
            "second derivatives ∂²f/∂row∂column (backward through the gradient graph):"
        )?;
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| row.iter().map(|&x| format_number(x)).collect())
            .collect();
        let width = |s: &str| s.chars().count();
        let first = self.names.iter().map(|n| width(n)).max().unwrap_or(0);
        let columns: Vec<usize> = (0..self.names.len())
            .map(|j| {
                cells
                    .iter()
                    .map(|row| width(&row[j]))
                    .chain([width(&self.names[j])])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |head: &str, items: &[String]| {
            let mut text = pad(head, first);
            for (j, item) in items.iter().enumerate() {
                text.push_str("  ");
                text.push_str(&pad(item, columns[j]));
            }
            text.trim_end().to_owned()
        };
        writeln!(out, "{}", line("", &self.names))?;
        for (name, row) in self.names.iter().zip(&cells) {
            writeln!(out, "{}", line(name, row))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_calls_and_parentheses_are_enclosed() {
        for text in [
            "x",
            "w_1",
            "tanh(x*w + b)",
            "(x + 1)",
            "pow(x, (y))",
            "((a))",
        ] {
            assert!(enclosed(text), "{text}");
        }
        for text in [
            "x*w",
            "(x) + (y)",
            "tanh(x) * 2",
            "2",
            "-x",
            "(x",
            "f(x)(y)",
        ] {
            assert!(!enclosed(text), "{text}");
        }
    }

    #[test]
    fn long_texts_are_cut() {
        assert_eq!(shorten("tanh(x*w\n   + b)", 40), "tanh(x*w + b)");
        assert_eq!(shorten("abcdef", 4), "abc…");
    }

    #[test]
    fn the_table_pads_every_column_but_the_last() {
        let h = Hessian {
            names: vec!["a".into(), "long".into()],
            rows: vec![vec![1.0, -0.5], vec![-0.5, f64::NAN]],
            problem: None,
        };
        let mut out = Vec::new();
        h.write(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\nsecond derivatives ∂²f/∂row∂column (backward through the gradient graph):\n\
             \x20     a     long\n\
             a     1     -0.5\n\
             long  -0.5  NaN\n"
        );
        let json = serde_json::to_string(&h.json()).unwrap();
        assert_eq!(
            json,
            r#"{"a":{"a":1.0,"long":-0.5},"long":{"a":-0.5,"long":"NaN"}}"#
        );
    }

    #[test]
    fn non_finite_entries_are_named() {
        let names = vec!["x".to_owned(), "y".to_owned()];
        let rows = vec![vec![f64::INFINITY, 1.0], vec![1.0, f64::NAN]];
        let message = problem(&names, &rows, None).unwrap();
        assert_eq!(
            message,
            "second derivatives are not finite numbers: ∂²f/∂x² = inf, ∂²f/∂y² = NaN"
        );
        let rows = vec![vec![0.0, f64::NEG_INFINITY], vec![1.0, 0.0]];
        assert_eq!(
            problem(&names, &rows, None).unwrap(),
            "a second derivative is not a finite number: ∂²f/∂x∂y = -inf"
        );
        assert!(problem(&names, &[vec![0.0; 2], vec![0.0; 2]], None).is_none());
    }
}

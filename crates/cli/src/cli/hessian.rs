//! `gradgraph expr --hessian` and `--grad-graph`: the gradient as a computation of its own.
//!
//! The maths is the library's ([`GradientGraph`](gradgraph::GradientGraph)): a [`GradientGraph`] holds `f` and the
//! gradient [`Graph::grad`](gradgraph::Graph::grad) builds as graph values, and its
//! [`Hessian`] runs backward from each `∂f/∂v` through it. This checks the two flags and their
//! limits, draws that graph and prints the table.
//!
//! - `--hessian` prints the second derivatives `∂²f/∂v∂u`, a row and a column per variable of
//!   the expression (numbers are constants, which keep no gradient, so they have none).
//! - `--grad-graph` draws the gradient graph with `--dot`, `--svg`, `--png`, `--tikz`,
//!   `--html`, `--frames` and `--latex`, so that backward is seen as a computation like the
//!   forward pass; `--grad-graph x` draws only `∂f/∂x` (the page of `--html`, the frames of
//!   `--frames` and the derivation of `--latex` step through one output).

use super::draw::{self, DrawArgs};
use super::t;
use super::text::{Number, pad};
use super::{CliResult, Failure};
use gradgraph::expr::{self, Expr};
use gradgraph::{GradientGraph, Hessian, Value};
use gradgraph_cli::files::OutputSet;
use gradgraph_draw::latex::derivation;
use gradgraph_draw::{self as dot, DotOptions, Format};
use graphviz_rust::dot_structures::{
    Attribute, Graph as DotGraph, GraphAttributes, Id, Node, NodeId, Stmt,
};
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

/// What `--hessian` and `--grad-graph` ask for.
pub struct Flags<'a> {
    /// `--hessian`.
    pub hessian: bool,
    /// `--grad-graph`: `Some(None)` for every variable's gradient, `Some(Some(x))` for x's.
    pub grad_graph: Option<Option<&'a str>>,
    /// The pictures asked for.
    pub draw: &'a DrawArgs,
}

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
    pub fn new(
        e: &Expr,
        values: &HashMap<String, f64>,
        flags: &Flags<'_>,
    ) -> Result<Self, Failure> {
        let mut second = Second {
            all: None,
            one: None,
            hessian: flags.hessian,
            draw_all: false,
        };
        if !flags.hessian && flags.grad_graph.is_none() {
            return Ok(second);
        }
        let one_variable = match flags.grad_graph {
            Some(choice) => grad_graph_choice(e, choice, flags.draw)?,
            None => None,
        };
        check_expression(e, flags)?;
        second.draw_all = flags.grad_graph.is_some() && one_variable.is_none();
        if flags.hessian || second.draw_all {
            let all = GradientGraph::from_expr(e, values, None)?;
            if flags.hessian {
                check_work(&all)?;
            }
            second.all = Some(all);
        }
        if let Some(name) = one_variable {
            second.one = Some(GradientGraph::from_expr(e, values, Some(name))?);
        }
        if let Some(picture) = second.picture() {
            check_pictures(picture, flags.draw)?;
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
            Some(picture) => draw_gradient_graph(picture, args, outputs),
            None => Ok(()),
        }
    }
}

/// Checks `--grad-graph [VARIABLE]` against the expression and the pictures asked for;
/// returns the one variable whose gradient to draw, if one was named.
fn grad_graph_choice<'a>(
    e: &Expr,
    choice: Option<&'a str>,
    draw: &DrawArgs,
) -> Result<Option<&'a str>, Failure> {
    if !draw.any() {
        return Err(Failure::usage(t("grad-graph-nothing-drawn", &[])));
    }
    let variables = e.variables();
    if variables.is_empty() {
        return Err(Failure::usage(t("grad-graph-no-variables", &[])));
    }
    if let Some(name) = choice {
        if !variables.contains(&name) {
            let why = match expr::did_you_mean(name, variables.iter().copied()) {
                Some(close) => t(
                    "at-no-such-variable-did-you-mean",
                    &[("name", name.into()), ("close", close.into())],
                ),
                None => t(
                    "at-no-such-variable",
                    &[
                        ("name", name.into()),
                        ("variables", variables.join(", ").into()),
                    ],
                ),
            };
            return Err(Failure::usage(format!("--grad-graph {name}: {why}")));
        }
        return Ok(Some(name));
    }
    let stepped = [
        ("--html", draw.html.is_some()),
        ("--frames", draw.frames.is_some()),
        ("--latex", draw.latex.is_some()),
    ];
    if let (true, Some((flag, _))) = (variables.len() > 1, stepped.iter().find(|(_, g)| *g)) {
        let outputs: Vec<String> = variables.iter().map(|v| format!("∂f/∂{v}")).collect();
        return Err(Failure::usage(t(
            "grad-graph-choose-one",
            &[
                ("flag", (*flag).into()),
                ("count", outputs.len().to_string().into()),
                ("outputs", outputs.join(", ").into()),
                ("example", variables[0].into()),
            ],
        )));
    }
    Ok(None)
}

/// Refuses, before any gradient graph is built, an expression over the limits: more than
/// [`MAX_HESSIAN_VARIABLES`] variables for `--hessian`, more than [`MAX_EXPRESSION_NODES`]
/// nodes for either flag.
fn check_expression(e: &Expr, flags: &Flags<'_>) -> CliResult {
    let variables = e.variables().len();
    if flags.hessian && variables > MAX_HESSIAN_VARIABLES {
        return Err(Failure::usage(t(
            "hessian-too-many-variables",
            &[
                ("variables", variables.to_string().into()),
                ("limit", MAX_HESSIAN_VARIABLES.to_string().into()),
                (
                    "entries",
                    variables.saturating_mul(variables).to_string().into(),
                ),
            ],
        )));
    }
    let size = e.node_count();
    if size > MAX_EXPRESSION_NODES {
        let flag = if flags.hessian {
            "--hessian"
        } else {
            "--grad-graph"
        };
        return Err(Failure::usage(t(
            "hessian-too-many-nodes",
            &[
                ("flag", flag.into()),
                ("size", size.to_string().into()),
                ("limit", MAX_EXPRESSION_NODES.to_string().into()),
            ],
        )));
    }
    Ok(())
}

/// Refuses a Hessian of more than [`MAX_HESSIAN_WORK`] node visits.
fn check_work(all: &GradientGraph) -> CliResult {
    let work = all.hessian_work();
    if work > MAX_HESSIAN_WORK {
        return Err(Failure::usage(t(
            "hessian-too-much-work",
            &[
                ("passes", all.variables().len().to_string().into()),
                ("nodes", all.graph().len().to_string().into()),
                ("work", work.to_string().into()),
                ("limit", MAX_HESSIAN_WORK.to_string().into()),
            ],
        )));
    }
    Ok(())
}

/// The drawing options `args` asks for, for the whole graph or the ancestors of `output`.
fn options(args: &DrawArgs, output: Option<Value<'_>>) -> DotOptions {
    // the gradients of a picture of the gradient graph would be second derivatives: shown
    // where one output's backward pass is drawn, left out of the whole graph's picture
    args.options_for(output).show_grad(output.is_some())
}

/// Checks the pictures' limits, as [`draw::check_graph`] does for the expression.
fn check_pictures(gg: &GradientGraph, args: &DrawArgs) -> CliResult {
    let graph = gg.graph();
    let whole = options(args, None);
    let size = dot::picture_size(graph, &whole);
    if size > draw::MAX_DOT_NODES {
        return Err(Failure::usage(t(
            "grad-graph-too-large",
            &[
                ("size", size.to_string().into()),
                ("limit", draw::MAX_DOT_NODES.to_string().into()),
            ],
        )));
    }
    // what Graphviz would be handed, the whole graph and the page's backward pass:
    // refused as the expression's pictures are (exit 1)
    let rendered = args.svg.is_some() || args.png.is_some() || args.tikz.is_some();
    let single = gg.single_gradient();
    let page = single
        .filter(|_| args.html.is_some())
        .map(|output| options(args, Some(output)));
    for rendered in rendered.then_some(&whole).into_iter().chain(page.as_ref()) {
        let size = dot::picture_size(graph, rendered);
        if size > rendered.max_nodes {
            return Err(Failure::failed(t(
                "grad-graph-too-large-to-render",
                &[
                    ("size", size.to_string().into()),
                    ("limit", rendered.max_nodes.to_string().into()),
                ],
            )));
        }
    }
    match single {
        Some(output) => check_steps(gg, output, args),
        None => Ok(()),
    }
}

/// Checks that `--latex` and `--frames` can step through the backward pass of `output`.
fn check_steps(gg: &GradientGraph, output: Value<'_>, args: &DrawArgs) -> CliResult {
    // one backward step per value the gradient depends on
    let steps = dot::frame_count(gg.graph(), output);
    if args.latex.is_some() {
        derivation::check_size(steps).map_err(|e| Failure::from(e).context("--latex"))?;
    }
    let limit = options(args, Some(output)).max_frames;
    if args.frames.is_some() && steps > limit {
        return Err(Failure::usage(t(
            "grad-graph-too-many-frames",
            &[
                ("output", output.label().unwrap_or_default().into()),
                ("steps", steps.to_string().into()),
                ("limit", limit.to_string().into()),
                ("most", super::values::MAX_FRAMES_LIMIT.to_string().into()),
            ],
        )));
    }
    Ok(())
}

/// Draws the gradient graph: `--dot`, `--svg` and `--png` the whole of it with its
/// gradient outputs marked, `--html` and `--frames` the backward pass through the one
/// gradient asked for (the second derivatives). Says on stderr what was drawn.
fn draw_gradient_graph(gg: &GradientGraph, args: &DrawArgs, outputs: &mut OutputSet) -> CliResult {
    let text = dot::print(&picture(gg, &options(args, None)));
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
    if let Some(output) = gg.single_gradient() {
        draw_steps(gg, output, args, outputs, graphviz)?;
    }
    say_drawn(gg, args);
    Ok(())
}

/// Draws the backward pass through `output`, the one gradient drawn: `--latex`, `--html`
/// (with Graphviz) and `--frames`.
fn draw_steps(
    gg: &GradientGraph,
    output: Value<'_>,
    args: &DrawArgs,
    outputs: &mut OutputSet,
    graphviz: bool,
) -> CliResult {
    let g = gg.graph();
    if let Some(path) = &args.latex {
        let trace = g.backward_trace_kept(output);
        let tex =
            derivation::to_latex_in(&trace, args.latex_document(), args.digits(), super::lang())
                .map_err(|e| Failure::from(e).context("--latex"))?;
        outputs
            .stage(path, tex.as_bytes())
            .map_err(Failure::writing)?;
    }
    let options = options(args, Some(output));
    if let (Some(path), true) = (&args.html, graphviz) {
        let page = dot::html(g, output, &options).map_err(Failure::from)?;
        outputs
            .stage(path, page.as_bytes())
            .map_err(Failure::writing)?;
    }
    if let Some(dir) = &args.frames {
        let frames = dot::frame_files(g, output, &options, graphviz)
            .map_err(|e| Failure::writing_for("--frames", e))?;
        outputs
            .stage_frames(dir, &frames, graphviz)
            .map_err(|e| Failure::writing_for("--frames", e))?;
    }
    Ok(())
}

/// Says on stderr what the pictures of the gradient graph show.
fn say_drawn(gg: &GradientGraph, args: &DrawArgs) {
    let g = gg.graph();
    let gradients: Vec<String> = gg
        .variables()
        .iter()
        .filter(|v| v.gradient.is_some())
        .map(|v| format!("∂f/∂{}", v.name))
        .collect();
    let gradient_nodes = g.len() - gg.expression_nodes().min(g.len());
    let stepped = match gg.single_gradient() {
        Some(output) if args.html.is_some() || args.frames.is_some() || args.latex.is_some() => {
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
        gg.source(),
        gg.expression_nodes(),
        gradients.join(", "),
    );
}

/// The picture of the whole gradient graph, its title saying what it is and its
/// gradient outputs marked.
fn picture(gg: &GradientGraph, options: &DotOptions) -> DotGraph {
    let mut picture = dot::to_graph(gg.graph(), options);
    let outputs: Vec<String> = gg
        .variables()
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
        gg.source()
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

/// A message naming the entries of `h` that are NaN or infinite, if any (exit 1), with
/// what the first backward pass that met one found.
pub fn problem(h: &Hessian) -> Option<String> {
    let bad: Vec<String> = h
        .non_finite()
        .into_iter()
        .map(|(i, j, x)| format!("{} = {}", h.entry_name(i, j), super::lang().number(x)))
        .collect();
    let first = h.first_error().map(|(i, err)| (h.names()[i].as_str(), err));
    problem_message(&bad, first)
}

/// The message for the non-finite entries `bad` (`∂²f/∂x² = inf`), and what the backward
/// pass from `∂f/∂name` found.
fn problem_message(
    bad: &[String],
    first_error: Option<(&str, &gradgraph::Error)>,
) -> Option<String> {
    if bad.is_empty() {
        return None;
    }
    let shown: Vec<&str> = bad.iter().take(4).map(String::as_str).collect();
    let lang = super::lang();
    let t = |id: &str, args: &[(&str, gradgraph_i18n::FluentValue<'_>)]| lang.text(id, args);
    let more = match bad.len() - shown.len() {
        0 => String::new(),
        k => t("hessian-more", &[("count", k.to_string().into())]),
    };
    let mut message = if bad.len() == 1 {
        t("hessian-not-finite-one", &[("entry", shown[0].into())])
    } else {
        let separator = if lang == gradgraph_i18n::Lang::En {
            ", "
        } else {
            "; "
        };
        t(
            "hessian-not-finite-many",
            &[
                ("entries", shown.join(separator).into()),
                ("more", more.into()),
            ],
        )
    };
    if let Some((name, err)) = first_error {
        let detail = match err {
            gradgraph::Error::NonFinite { detail, .. } => {
                gradgraph_i18n::non_finite_detail_text(lang, detail)
            }
            other => gradgraph_i18n::error_text(lang, other),
        };
        message.push_str(&t(
            "hessian-first-error",
            &[("name", name.into()), ("detail", detail.into())],
        ));
    }
    Some(message)
}

/// The table, every pair both ways, for `--json`: `{"x": {"x": .., "w": ..}, ..}`.
pub fn json(h: &Hessian) -> BTreeMap<&str, BTreeMap<&str, Number>> {
    json_table(h.names(), h.rows())
}

fn json_table<'a>(
    names: &'a [String],
    rows: &[Vec<f64>],
) -> BTreeMap<&'a str, BTreeMap<&'a str, Number>> {
    names
        .iter()
        .zip(rows)
        .map(|(name, row)| {
            let row = names
                .iter()
                .zip(row)
                .map(|(other, &x)| (other.as_str(), Number(x)))
                .collect();
            (name.as_str(), row)
        })
        .collect()
}

/// The table as text: rows and columns named by variable, columns aligned.
pub fn write(h: &Hessian, out: &mut impl Write) -> io::Result<()> {
    write_table(h.names(), h.rows(), out)
}

fn write_table(names: &[String], rows: &[Vec<f64>], out: &mut impl Write) -> io::Result<()> {
    // without variables, the gradients' line said there is nothing to differentiate
    if names.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    let lang = super::lang();
    writeln!(out, "{}", lang.text("hessian-title", &[]))?;
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|&x| lang.number(x)).collect())
        .collect();
    let width = |s: &str| s.chars().count();
    let first = names.iter().map(|n| width(n)).max().unwrap_or(0);
    let columns: Vec<usize> = (0..names.len())
        .map(|j| {
            cells
                .iter()
                .map(|row| width(&row[j]))
                .chain([width(&names[j])])
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
    writeln!(out, "{}", line("", names))?;
    for (name, row) in names.iter().zip(&cells) {
        writeln!(out, "{}", line(name, row))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_pads_every_column_but_the_last() {
        let names = vec!["a".to_owned(), "long".to_owned()];
        let rows = vec![vec![1.0, -0.5], vec![-0.5, f64::NAN]];
        let mut out = Vec::new();
        write_table(&names, &rows, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\nsecond derivatives ∂²f/∂row∂column (backward through the gradient graph):\n\
             \x20     a     long\n\
             a     1     -0.5\n\
             long  -0.5  NaN\n"
        );
        let json = serde_json::to_string(&json_table(&names, &rows)).unwrap();
        assert_eq!(
            json,
            r#"{"a":{"a":1.0,"long":-0.5},"long":{"a":-0.5,"long":"NaN"}}"#
        );
    }

    #[test]
    fn non_finite_entries_are_named() {
        let bad = ["∂²f/∂x² = inf".to_owned(), "∂²f/∂y² = NaN".to_owned()];
        assert_eq!(
            problem_message(&bad, None).unwrap(),
            "second derivatives are not finite numbers: ∂²f/∂x² = inf, ∂²f/∂y² = NaN"
        );
        assert_eq!(
            problem_message(&bad[..1], None).unwrap(),
            "a second derivative is not a finite number: ∂²f/∂x² = inf"
        );
        assert!(problem_message(&[], None).is_none());
        let five: Vec<String> = (0..6).map(|k| format!("e{k}")).collect();
        assert!(
            problem_message(&five, None)
                .unwrap()
                .ends_with("e3 and 2 more")
        );
    }

    #[test]
    fn the_message_names_the_entries_of_a_hessian() {
        // f = sqrt(x) + x*y at x = 0: ∂²f/∂x² = -1/(4 x^1.5) is not finite
        let e = expr::parse("sqrt(x) + x*y").unwrap();
        let values = HashMap::from([("x".to_owned(), 0.0), ("y".to_owned(), 1.0)]);
        let h = GradientGraph::from_expr(&e, &values, None)
            .unwrap()
            .hessian();
        let message = problem(&h).unwrap();
        assert!(
            message.starts_with("a second derivative is not a finite number: ∂²f/∂x² = "),
            "{message}"
        );
        assert!(
            message.contains("in the backward pass from ∂f/∂x through the gradient graph"),
            "{message}"
        );
    }
}

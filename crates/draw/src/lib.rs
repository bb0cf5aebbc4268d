//! Pictures of the computation graph: Graphviz DOT export, SVG/PNG rendering, and the
//! backward pass drawn step by step.
//!
//! Every value is drawn as a record `{ label | data 0.5000 | grad 0.7864 }`, with a small
//! ellipse in front of each computed value naming the op that made it (`+`, `*`, `tanh`,
//! `Σ`): edges run operand → op → result, the direction of the forward pass. Backward
//! runs the same edges the other way, multiplying by the local derivative at each op.
//!
//! Inputs, parameters, constants and outputs are coloured apart, with a legend; groups made
//! with [`Graph::group`](gradgraph::Graph::group) (a neuron, a layer) are drawn as labelled clusters.
//!
//! The pictures are built with graphviz-rust's DOT model ([`to_graph`]) and printed with its
//! printer ([`to_dot`]). Every text placed in the DOT is escaped here ([`quote`],
//! [`record_field`]), so no label can break the file. Rendering ([`render`]) runs Graphviz's
//! `dot` program, which must be installed.
//!
//! [`tikz`] writes the same picture as TikZ for LaTeX slides, at the positions Graphviz
//! computes.
//!
//! [`html`] makes one self-contained, interactive HTML page that steps through the forward
//! and the backward pass (its controls and its `data-testid` hooks for automated tests are
//! listed there).
//!
//! In a Jupyter notebook with the Rust kernel evcxr, a cell ending in a [`Graph`]
//! or a [`Value`] draws it ([`Graph::evcxr_display`](gradgraph::Graph::evcxr_display),
//! [`Value::evcxr_display`], [`write_evcxr`]); `examples/notebook_rust.ipynb` is a short notebook.
//!
//! # Examples
//! ```
//! use gradgraph::Graph;
//! use gradgraph_draw::{self as dot, DotOptions};
//!
//! let g = Graph::new();
//! let x = g.input(1.0).with_label("x");
//! let w = g.parameter(0.5).with_label("w");
//! let y = (x * w).tanh().with_label("y");
//! g.backward(y);
//!
//! let text = dot::to_dot(&g, &DotOptions::new().ancestors_of(y));
//! assert!(text.starts_with("digraph gradgraph {"));
//! assert!(text.contains(r#"label="{ w | data 0.5000 | grad 0.7864 }""#));
//! assert!(text.contains(r#"label="tanh""#));
//! ```

mod build;
mod collapse;
mod error;
mod escape;
mod evcxr;
mod frames;
mod html;
pub mod latex;
mod render;
pub mod tikz;

pub use build::{print, restack_legend};
pub use collapse::picture_size;
pub use error::Error;
pub use escape::{quote, record_field};
pub use evcxr::{EvcxrDisplay, write_evcxr};
pub use frames::{backward_frames, frame_count, frame_files, frames, is_frame_file};
pub use html::html;
pub use render::{
    Format, GRAPHVIZ_MISSING, MAX_NEURONS_STACKED, MAX_VALUES_STACKED, fit, fit_with_reason,
    graphviz_installed, render, render_dot,
};

use gradgraph::{Graph, Value};
pub use gradgraph_i18n::Lang;
use graphviz_rust::dot_structures::Graph as DotGraph;
use std::fmt;
use std::str::FromStr;

/// The direction in which Graphviz lays out the ranks of the picture.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RankDir {
    /// Left to right (Graphviz `rankdir=LR`), the default: reads like a formula.
    #[default]
    LeftToRight,
    /// Top to bottom (Graphviz `rankdir=TB`): fits tall slides and deep chains.
    TopToBottom,
}

impl RankDir {
    /// The Graphviz spelling: `LR` or `TB`.
    pub fn as_str(self) -> &'static str {
        match self {
            RankDir::LeftToRight => "LR",
            RankDir::TopToBottom => "TB",
        }
    }
}

impl fmt::Display for RankDir {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RankDir {
    type Err = Error;

    /// Parses `LR` or `TB` (in any case); anything else is
    /// [`Error::OutOfRange`].
    ///
    /// # Examples
    /// ```
    /// use gradgraph_draw::RankDir;
    /// assert_eq!("tb".parse::<RankDir>().unwrap(), RankDir::TopToBottom);
    /// assert!("RL".parse::<RankDir>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_uppercase().as_str() {
            "LR" => Ok(RankDir::LeftToRight),
            "TB" => Ok(RankDir::TopToBottom),
            _ => Err(Error::out_of_range(
                "layout direction",
                format!(
                    "unknown layout direction {s:?}: use LR (left to right) or TB (top to bottom)"
                ),
            )),
        }
    }
}

/// How much of a graph's grouping ([`Graph::group`](gradgraph::Graph::group)) is folded into
/// single nodes: the collapsed views draw each group as one node that says how many values
/// it holds, with the edges between two such nodes merged into one labelled `×k`.
///
/// `true` and `false` convert to [`Collapse::Outermost`] and [`Collapse::None`], so
/// `DotOptions::new().collapse(true)` is the outermost view.
///
/// # Examples
/// ```
/// use gradgraph_draw::{Collapse, DotOptions};
/// assert_eq!(DotOptions::new().collapse, Collapse::None);
/// assert_eq!(DotOptions::new().collapse(true).collapse, Collapse::Outermost);
/// assert_eq!("neurons".parse::<Collapse>().unwrap(), Collapse::Innermost);
/// assert_eq!("layers".parse::<Collapse>().unwrap(), Collapse::Outermost);
/// assert!("cells".parse::<Collapse>().is_err());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Collapse {
    /// Every value drawn, groups as clusters (the default).
    #[default]
    None,
    /// One node per innermost group (a group with no group inside it: for a net, one node
    /// per neuron, holding its weighted sum, activation and parameters). The groups around
    /// them (layers) are still drawn as clusters, and each node also shows the data and
    /// gradient of the group's last value (a neuron's output).
    Innermost,
    /// One node per outermost group (for a net, one node per layer); no clusters.
    Outermost,
}

impl Collapse {
    /// True for the collapsed views.
    pub fn is_collapsed(self) -> bool {
        self != Collapse::None
    }

    /// What each node of the view stands for, in the words of a net: `"neuron"` for
    /// [`Collapse::Innermost`], `"layer"` for [`Collapse::Outermost`], `"value"` otherwise.
    pub fn unit(self) -> &'static str {
        match self {
            Collapse::None => "value",
            Collapse::Innermost => "neuron",
            Collapse::Outermost => "layer",
        }
    }
}

impl From<bool> for Collapse {
    fn from(on: bool) -> Self {
        if on {
            Collapse::Outermost
        } else {
            Collapse::None
        }
    }
}

impl FromStr for Collapse {
    type Err = Error;

    /// Parses `neurons` / `innermost`, `layers` / `outermost` or `none` (any case);
    /// anything else is [`Error::OutOfRange`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "neurons" | "neuron" | "innermost" => Ok(Collapse::Innermost),
            "layers" | "layer" | "outermost" => Ok(Collapse::Outermost),
            "none" => Ok(Collapse::None),
            _ => Err(Error::out_of_range(
                "collapse level",
                format!(
                    "unknown collapse level {s:?}: use neurons (one node per innermost group), \
                     layers (one node per outermost group) or none"
                ),
            )),
        }
    }
}

/// What a picture shows and how. Build it with [`DotOptions::new`] and the builder methods.
///
/// # Examples
/// ```
/// use gradgraph_draw::{DotOptions, RankDir};
/// let options = DotOptions::new().precision(6).edge_labels(true).rankdir(RankDir::TopToBottom);
/// assert_eq!(options.precision, 6);
/// assert_eq!(options.max_nodes, 2_000);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DotOptions {
    /// Significant digits of every number drawn (default 4: `0.5000`, `12.35`, `1.234e-5`).
    pub precision: usize,
    /// Draw the `grad` field of each value (default true; turn off before backward has run).
    pub show_grad: bool,
    /// Label each operand → op edge with its local derivative `∂ result / ∂ operand`
    /// (default false).
    pub edge_labels: bool,
    /// Layout direction (default left to right).
    pub rankdir: RankDir,
    /// Draw only this node (by index) and the values it depends on; `None` draws the whole
    /// graph (the default).
    pub ancestors_of: Option<usize>,
    /// Draw each group of [`Graph::group`](gradgraph::Graph::group) as a labelled cluster
    /// (default true).
    pub clusters: bool,
    /// Draw a legend of the colours used (default true).
    pub legend: bool,
    /// The collapsed views ([`Collapse`]): each innermost or outermost group drawn as one
    /// node that says how many values it holds, parallel edges between such nodes merged
    /// into one (default [`Collapse::None`]). For graphs too big to lay out in full.
    pub collapse: Collapse,
    /// The most values [`render`] will hand to Graphviz (default 2,000: `dot` lays out 2,000
    /// values of a dense net in under a second, 4,000 in seconds, and its time keeps growing
    /// faster than the graph). Above it rendering is refused with a message
    /// offering the collapsed views ([`fit`] picks one that fits). DOT export itself has no
    /// limit.
    pub max_nodes: usize,
    /// The most frames [`frame_files`] will draw (default 200: one frame per node).
    pub max_frames: usize,
    /// The language of the text people read in the picture (records, legend, titles):
    /// default English; in Portuguese the numbers drawn take a decimal comma. DOT's
    /// identifiers and attributes stay the same in every language.
    pub lang: Lang,
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions {
            precision: 4,
            show_grad: true,
            edge_labels: false,
            rankdir: RankDir::LeftToRight,
            ancestors_of: None,
            clusters: true,
            legend: true,
            collapse: Collapse::None,
            max_nodes: 2_000,
            max_frames: 200,
            lang: Lang::En,
        }
    }
}

impl DotOptions {
    /// The defaults: 4 significant digits, gradients shown, no edge labels, left to right,
    /// the whole graph, clusters and legend on, at most 2,000 values rendered.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`DotOptions::precision`] (at least 1 digit is always drawn).
    pub fn precision(mut self, digits: usize) -> Self {
        self.precision = digits.max(1);
        self
    }

    /// Sets [`DotOptions::show_grad`].
    pub fn show_grad(mut self, on: bool) -> Self {
        self.show_grad = on;
        self
    }

    /// Sets [`DotOptions::edge_labels`].
    pub fn edge_labels(mut self, on: bool) -> Self {
        self.edge_labels = on;
        self
    }

    /// Sets [`DotOptions::rankdir`].
    pub fn rankdir(mut self, rankdir: RankDir) -> Self {
        self.rankdir = rankdir;
        self
    }

    /// Draws only `output` and the values it depends on.
    pub fn ancestors_of(mut self, output: Value<'_>) -> Self {
        self.ancestors_of = Some(output.index());
        self
    }

    /// Sets [`DotOptions::clusters`].
    pub fn clusters(mut self, on: bool) -> Self {
        self.clusters = on;
        self
    }

    /// Sets [`DotOptions::legend`].
    pub fn legend(mut self, on: bool) -> Self {
        self.legend = on;
        self
    }

    /// Sets [`DotOptions::collapse`]: a [`Collapse`] level, or `true` for
    /// [`Collapse::Outermost`] and `false` for [`Collapse::None`].
    ///
    /// # Examples
    /// ```
    /// use gradgraph_draw::{Collapse, DotOptions};
    /// let neurons = DotOptions::new().collapse(Collapse::Innermost);
    /// assert_eq!(neurons.collapse, Collapse::Innermost);
    /// assert_eq!(neurons.collapse(false).collapse, Collapse::None);
    /// ```
    pub fn collapse(mut self, level: impl Into<Collapse>) -> Self {
        self.collapse = level.into();
        self
    }

    /// Sets [`DotOptions::max_nodes`].
    pub fn max_nodes(mut self, limit: usize) -> Self {
        self.max_nodes = limit;
        self
    }

    /// Sets [`DotOptions::max_frames`].
    pub fn max_frames(mut self, limit: usize) -> Self {
        self.max_frames = limit;
        self
    }

    /// Sets [`DotOptions::lang`]: the picture's words and numbers in that language.
    ///
    /// # Examples
    /// ```
    /// use gradgraph::Graph;
    /// use gradgraph_draw::{self as dot, DotOptions, Lang};
    /// let g = Graph::new();
    /// let w = g.parameter(0.5).with_label("w");
    /// let y = (w * 2.0).with_label("y");
    /// g.backward(y);
    /// let text = dot::to_dot(&g, &DotOptions::new().lang(Lang::PtBr));
    /// assert!(text.contains(r#"label="{ w | valor 0,5000 | grad 2,000 }""#), "{text}");
    /// assert!(text.contains(r#"label="legenda""#), "{text}");
    /// ```
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// `x` as this picture draws it: [`format_number`] with [`DotOptions::precision`]
    /// digits, in [`DotOptions::lang`] (a decimal comma in Portuguese).
    pub fn number(&self, x: f64) -> String {
        self.lang.decimal(&format_number(x, self.precision))
    }
}

/// `x` with `digits` significant digits, as drawn in pictures: fixed notation for
/// `1e-4 <= |x| < 10^digits`, scientific otherwise. Trailing zeros are kept, so every
/// number shows its precision (`0.5000`); `-0` is drawn as `0.000`.
///
/// # Examples
/// ```
/// use gradgraph_draw::format_number;
/// assert_eq!(format_number(0.5, 4), "0.5000");
/// assert_eq!(format_number(0.786448, 4), "0.7864");
/// assert_eq!(format_number(-12.3456, 4), "-12.35");
/// assert_eq!(format_number(9.99996, 4), "10.00");
/// assert_eq!(format_number(0.0000123456, 4), "1.235e-5");
/// assert_eq!(format_number(123456.0, 4), "1.235e5");
/// assert_eq!(format_number(0.0, 4), "0.000");
/// assert_eq!(format_number(f64::NAN, 4), "NaN");
/// ```
pub fn format_number(x: f64, digits: usize) -> String {
    let digits = digits.max(1);
    if !x.is_finite() {
        return x.to_string();
    }
    if x == 0.0 {
        return format!("{:.*}", digits - 1, 0.0);
    }
    // Round once in scientific notation: its exponent is the exponent after rounding
    // (9.99996 rounds to 1.000e1, not 9.999e0).
    let sci = format!("{:.*e}", digits - 1, x);
    let exponent: i32 = sci
        .rsplit_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    if exponent < -4 || exponent >= digits as i32 {
        sci
    } else {
        let decimals = (digits as i32 - 1 - exponent).max(0) as usize;
        format!("{x:.decimals$}")
    }
}

/// The picture of `g` as graphviz-rust's DOT model, to inspect or extend before printing.
///
/// Each value `i` is the record node `n{i}`, the op in front of it the ellipse `op{i}`;
/// edges run `n{operand} → op{i} → n{i}`. Groups become nested subgraphs `cluster_{k}`
/// (`k` indexes [`Graph::groups`]), the legend is `cluster_legend`. With
/// [`DotOptions::collapse`] a collapsed view is drawn instead: each collapsed group `k` is
/// the node `group{k}`, and in [`Collapse::Innermost`] the groups
/// around them are still the clusters `cluster_{k}`.
///
/// Computes in **O(nodes + edges)** time (times the nesting depth of groups).
///
/// # Examples
/// ```
/// use gradgraph::Graph;
/// use gradgraph_draw::{self as dot, DotOptions};
/// use graphviz_rust::dot_structures::Graph as DotGraph;
/// let g = Graph::new();
/// let y = g.input(2.0) * 3.0;
/// let picture = dot::to_graph(&g, &DotOptions::new());
/// assert!(matches!(picture, DotGraph::DiGraph { .. }));
/// ```
pub fn to_graph(g: &Graph, options: &DotOptions) -> DotGraph {
    if options.collapse.is_collapsed() {
        collapse::collapsed(g, options)
    } else {
        build::draw(g, options, None)
    }
}

/// The picture of `g` as DOT text (graphviz-rust's printer), ending with a newline.
///
/// # Examples
/// ```
/// use gradgraph::Graph;
/// use gradgraph_draw::{self as dot, DotOptions};
/// let g = Graph::new();
/// let x = g.input(2.0).with_label("x");
/// let y = (x * 3.0).with_label("y");
/// g.backward(y);
/// let text = dot::to_dot(&g, &DotOptions::new().edge_labels(true));
/// // x → (* 3) → y, and the edge into the op carries d(3x)/dx = 3
/// assert!(text.contains(r#"n0 -> op1 [label="∂ = 3.000"]"#));
/// assert!(text.contains("op1 -> n1"));
/// assert!(text.contains(r#"label="{ y | data 6.000 | grad 1.000 }""#));
/// ```
pub fn to_dot(g: &Graph, options: &DotOptions) -> String {
    build::print(&to_graph(g, options))
}

/// The backward pass as a table, as `gradgraph expr --trace` prints it: one row per node,
/// the output first, with its value, the gradient arriving from above, and what it sends to
/// each operand (`local × upstream = product`).
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let x = g.input(2.0).with_label("x");
/// let y = (x * 3.0).with_label("y");
/// let table = gradgraph_draw::trace_table(&g, &g.backward_trace(y));
/// assert!(table.starts_with("backward pass, output first"));
/// assert!(table.contains("#1 y"));
/// ```
pub fn trace_table(g: &Graph, trace: &gradgraph::Trace) -> String {
    trace_table_in(g, trace, &TraceWords::default())
}

/// The words and the numbers of [`trace_table_in`], in one language.
pub struct TraceWords<'a> {
    /// The line above the table.
    pub title: String,
    /// The headers of the columns node, data, upstream, and of what each node sends.
    pub headers: [String; 4],
    /// What a variable keeps, from its name and its gradient.
    pub variable: &'a dyn Fn(&str, &str) -> String,
    /// What a constant keeps.
    pub constant: String,
    /// A number as the reader writes it.
    pub number: &'a dyn Fn(f64) -> String,
}

impl Default for TraceWords<'_> {
    /// English, numbers in their shortest exact form: the text of
    /// [`TraceStep::text`](gradgraph::TraceStep::text).
    fn default() -> Self {
        TraceWords {
            title: "backward pass, output first (upstream = ∂f/∂node):".to_owned(),
            headers: [
                "node",
                "data",
                "upstream",
                "sent to each input: local × upstream = product",
            ]
            .map(str::to_owned),
            variable: &|name, gradient| format!("variable: ∂f/∂{name} = {gradient}"),
            constant: "constant: no gradient kept".to_owned(),
            number: &gradgraph::expr::format_number,
        }
    }
}

/// [`trace_table`] in `lang`: its words from the catalogs (`expr.ftl`), its numbers as
/// `lang` writes them (`0,2913` in Portuguese), as `gradgraph expr --trace` prints it.
pub fn trace_table_lang(g: &Graph, trace: &gradgraph::Trace, lang: Lang) -> String {
    let variable = |name: &str, gradient: &str| {
        lang.text(
            "trace-variable",
            &[("name", name.into()), ("gradient", gradient.into())],
        )
    };
    let number = |x: f64| lang.number(x);
    let words = TraceWords {
        title: lang.text("trace-title", &[]),
        headers: ["trace-node", "trace-data", "trace-upstream", "trace-sent"]
            .map(|id| lang.text(id, &[])),
        variable: &variable,
        constant: lang.text("trace-constant", &[]),
        number: &number,
    };
    trace_table_in(g, trace, &words)
}

/// [`trace_table`] in the words and the numbers of `words`.
pub fn trace_table_in(g: &Graph, trace: &gradgraph::Trace, words: &TraceWords<'_>) -> String {
    use std::fmt::Write as _;
    let n = words.number;
    let name = |index: usize| match g.get(index) {
        Some(v) if v.label().is_none() && v.op() == gradgraph::Op::Const => {
            format!("#{index} const {}", n(v.data()))
        }
        _ => gradgraph::node_name(g, index),
    };
    let rows: Vec<[String; 4]> = trace
        .steps
        .iter()
        .map(|step| {
            let upstream = n(step.upstream);
            let sent = if step.inputs.is_empty() {
                if step.op == gradgraph::Op::Const {
                    words.constant.clone()
                } else {
                    (words.variable)(step.label.as_deref().unwrap_or("?"), &upstream)
                }
            } else {
                let edges: Vec<String> = step
                    .inputs
                    .iter()
                    .map(|e| {
                        format!(
                            "→ {}: {} × {} = {}",
                            name(e.input),
                            n(e.local),
                            upstream,
                            n(e.product)
                        )
                    })
                    .collect();
                edges.join("   ")
            };
            [name(step.node), n(step.data), upstream, sent]
        })
        .collect();
    let mut widths = [0, 1, 2].map(|k| words.headers[k].chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    // the first three columns padded to their widths, the last as it is
    let line = |cells: &[String; 4]| {
        let mut text = String::new();
        for (cell, &width) in cells.iter().zip(&widths) {
            let n = cell.chars().count();
            text.push_str(cell);
            text.push_str(&" ".repeat(width.saturating_sub(n) + 2));
        }
        text.push_str(&cells[3]);
        text
    };
    let mut out = format!("{}\n", words.title);
    for row in std::iter::once(&words.headers).chain(&rows) {
        let _ = writeln!(out, "{}", line(row));
    }
    out
}

//! Rendering with Graphviz's `dot` program (through graphviz-rust), and writing files whole
//! or not at all.

use super::collapse::picture_size;
use super::to_dot;
use super::{Collapse, DotOptions};
use crate::Error;
use gradgraph::Graph;
use graphviz_rust::cmd::{CommandArg, Format as GraphvizFormat};
use std::sync::OnceLock;

/// An image format Graphviz renders to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Scalable vector graphics: sharp at any size, text searchable.
    Svg,
    /// A bitmap, for slides that take no SVG.
    Png,
    /// PDF, for LaTeX documents (`\includegraphics`).
    Pdf,
}

impl Format {
    fn graphviz(self) -> GraphvizFormat {
        match self {
            Format::Svg => GraphvizFormat::Svg,
            Format::Png => GraphvizFormat::Png,
            Format::Pdf => GraphvizFormat::Pdf,
        }
    }
}

/// What to say when Graphviz's `dot` program is missing: that it is, and how to install it.
///
/// # Examples
/// ```
/// assert!(gradgraph_draw::GRAPHVIZ_MISSING.contains("apt-get install graphviz"));
/// ```
pub const GRAPHVIZ_MISSING: &str = "Graphviz's `dot` program is not installed (or not on the \
     PATH); install Graphviz to render pictures: `apt-get install graphviz` (Debian, Ubuntu), \
     `brew install graphviz` (macOS), or see https://graphviz.org/download/";

/// True when Graphviz's `dot` program can be run. Checked once per process (`dot -V`).
pub fn graphviz_installed() -> bool {
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    *INSTALLED.get_or_init(|| {
        std::process::Command::new("dot")
            .arg("-V")
            .output()
            .is_ok_and(|out| out.status.success())
    })
}

/// Renders DOT text with Graphviz's `dot` program and returns the image bytes.
///
/// Returns [`Error::Graphviz`] saying how to install Graphviz when `dot` is missing, or with
/// `dot`'s own message when it fails. No size limit is checked here: see [`render`].
///
/// # Examples
/// ```
/// use gradgraph_draw::{self as dot, Format};
/// match dot::render_dot("digraph { a -> b }", Format::Svg) {
///     Ok(svg) => assert!(String::from_utf8(svg).unwrap().contains("<svg")),
///     Err(e) => assert!(e.to_string().contains("install Graphviz")),
/// }
/// ```
pub fn render_dot(dot: &str, format: Format) -> Result<Vec<u8>, Error> {
    exec(dot, format.graphviz())
}

/// Runs Graphviz's `dot` on `dot` with `-T format`: the one place `dot` is run, so every
/// output says the same when it is missing or fails.
pub(crate) fn exec(dot: &str, format: GraphvizFormat) -> Result<Vec<u8>, Error> {
    exec_args(dot, vec![CommandArg::Format(format)])
}

/// Runs Graphviz's `dot` on `dot` with `args` (another layout engine with `-K`).
pub(crate) fn exec_args(dot: &str, args: Vec<CommandArg>) -> Result<Vec<u8>, Error> {
    graphviz_rust::exec_dot(dot.to_owned(), args).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Graphviz(GRAPHVIZ_MISSING.to_owned())
        } else {
            Error::Graphviz(format!("Graphviz's `dot` failed: {}", e.to_string().trim()))
        }
    })
}

/// Refuses pictures above [`DotOptions::max_nodes`], offering the collapsed views.
pub(crate) fn check_size(g: &Graph, options: &DotOptions) -> Result<(), Error> {
    let size = picture_size(g, options);
    if size <= options.max_nodes {
        return Ok(());
    }
    let limit = options.max_nodes;
    let why = "Graphviz's `dot` takes seconds for a few thousand nodes and minutes for 10,000";
    let advice = if g.groups().is_empty() {
        "this graph has no groups to collapse (Graph::group makes them); draw the part one \
         output depends on (DotOptions::ancestors_of), or raise DotOptions::max_nodes"
            .to_owned()
    } else {
        let size_at = |level: Collapse| picture_size(g, &options.clone().collapse(level));
        let mut offers = Vec::new();
        if options.collapse != Collapse::Innermost {
            offers.push(format!(
                "one node per innermost group, a neuron ({} nodes here, \
                 DotOptions::collapse(Collapse::Innermost))",
                size_at(Collapse::Innermost)
            ));
        }
        if options.collapse != Collapse::Outermost {
            offers.push(format!(
                "one node per outermost group, a layer ({} nodes here, \
                 DotOptions::collapse(Collapse::Outermost))",
                size_at(Collapse::Outermost)
            ));
        }
        let view = if options.collapse.is_collapsed() {
            "another collapsed view"
        } else {
            "a collapsed view"
        };
        format!(
            "draw {view} instead, {}; or draw the part one output depends on \
             (DotOptions::ancestors_of), or raise DotOptions::max_nodes",
            offers.join(", or ")
        )
    };
    let what = if options.collapse.is_collapsed() {
        "the collapsed view"
    } else {
        "the picture"
    };
    Err(Error::Graphviz(format!(
        "{what} has {size} nodes, more than the limit of {limit} ({why}): {advice}"
    )))
}

/// The most neurons of one layer [`fit`] stacks in the per-neuron view: 16 neurons are
/// about 1,500 pt (two screens) high; a wider layer makes it fall back to one node per layer.
pub const MAX_NEURONS_STACKED: usize = 16;

/// The most leaves (inputs, parameters, constants) [`fit`] lets the full view of a graph with
/// groups draw: Graphviz stacks them one above the other, about 66 pt each, so 24 make a
/// picture about 1,600 pt (two screens) high. A net with more (a 2-8-1 MLP has 33
/// parameters) is drawn one node per neuron.
pub const MAX_VALUES_STACKED: usize = 24;

/// How tall a stacked leaf (full view) and a stacked neuron (per-neuron view) are, in points,
/// for the estimates in [`fit_with_reason`]'s message.
const LEAF_PT: usize = 66;
const NEURON_PT: usize = 93;

/// What a view stacks and how many: `(count, limit, what, points each)`; `None` for one
/// node per layer, which stacks only the layers' few nodes.
fn stacked(g: &Graph, options: &DotOptions) -> Option<(usize, usize, &'static str, usize)> {
    match options.collapse {
        Collapse::None => Some((
            super::collapse::drawn_leaves(g, options),
            MAX_VALUES_STACKED,
            "values",
            LEAF_PT,
        )),
        Collapse::Innermost => Some((
            super::collapse::widest_layer(g, options),
            MAX_NEURONS_STACKED,
            "neurons",
            NEURON_PT,
        )),
        Collapse::Outermost => None,
    }
}

/// A whole number with a comma every three digits: `46,200`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The options to render `g` with: `options` itself when the picture fits; otherwise, when
/// `options` asks for no collapsed view and `g` has groups, the first collapsed view that
/// fits, one node per neuron ([`Collapse::Innermost`]) before one node per layer
/// ([`Collapse::Outermost`]). A picture fits when it has at most [`DotOptions::max_nodes`]
/// nodes and, for a graph with groups (a net), stays a few screens high: the full view draws
/// at most [`MAX_VALUES_STACKED`] leaves and the per-neuron view stacks at most
/// [`MAX_NEURONS_STACKED`] neurons of one layer. Compare the result's
/// [`collapse`](DotOptions::collapse) with yours to tell whether it fell back
/// ([`fit_with_reason`] also says why).
///
/// Returns [`Error::Graphviz`] (the message of [`render`]) when nothing fits. Only counts
/// nodes: **O(nodes + edges)**.
///
/// # Examples
/// ```
/// use gradgraph::Graph;
/// use gradgraph_draw::{self as dot, Collapse, DotOptions};
/// let g = Graph::new();
/// let x = g.input(1.0);
/// let ys: Vec<_> = (0..3)
///     .map(|j| g.group(&format!("neuron {j}"), || (x * j as f64).tanh()))
///     .collect();
/// let _out = g.sum(&ys);
/// // 8 values: too many for a limit of 6, but x, 3 neurons and the sum fit
/// let options = DotOptions::new().max_nodes(6);
/// assert_eq!(dot::fit(&g, &options)?.collapse, Collapse::Innermost);
/// assert_eq!(dot::fit(&g, &options.clone().max_nodes(8))?.collapse, Collapse::None);
/// assert!(dot::fit(&g, &options.max_nodes(2)).is_err());
/// # Ok::<(), gradgraph_draw::Error>(())
/// ```
pub fn fit(g: &Graph, options: &DotOptions) -> Result<DotOptions, Error> {
    fit_with_reason(g, options).map(|(fitted, _)| fitted)
}

/// [`fit`], with the reason when it chose another view than `options`: what each view it
/// passed over would have been, and what it chose, for example "the graph has 800 values;
/// drawn in full it would stack 700 values, about 46,200 pt high; one node per neuron it
/// would stack 24 neurons, about 2,232 pt high: drawn collapsed, one node per layer (7
/// nodes)" (the heights are estimates, for a picture drawn left to right). `None` when `options` fit as they are.
///
/// # Examples
/// ```
/// use gradgraph::Graph;
/// use gradgraph_draw::{self as dot, Collapse, DotOptions};
/// let g = Graph::new();
/// let x = g.input(1.0);
/// let ys: Vec<_> = (0..30)
///     .map(|j| g.group(&format!("neuron {j}"), || (x * g.parameter(0.1 * j as f64)).tanh()))
///     .collect();
/// let _out = g.sum(&ys);
/// // 31 leaves stacked in full: one node per neuron, 30 side by side, is too tall as well
/// let (fitted, why) = dot::fit_with_reason(&g, &DotOptions::new())?;
/// assert_eq!(fitted.collapse, Collapse::Outermost);
/// let why = why.unwrap();
/// assert!(why.contains("drawn in full it would stack 31 values"), "{why}");
/// assert!(why.contains("one node per neuron it would stack 30 neurons"), "{why}");
/// assert!(why.ends_with("drawn collapsed, one node per layer (32 nodes)"), "{why}");
/// # Ok::<(), gradgraph_draw::Error>(())
/// ```
pub fn fit_with_reason(
    g: &Graph,
    options: &DotOptions,
) -> Result<(DotOptions, Option<String>), Error> {
    let size = picture_size(g, options);
    let refused = check_size(g, options).err();
    let has_groups = !g.groups().is_empty();
    let too_tall =
        |o: &DotOptions| stacked(g, o).filter(|&(count, limit, _, _)| has_groups && count > limit);
    if refused.is_none() && (options.collapse.is_collapsed() || too_tall(options).is_none()) {
        return Ok((options.clone(), None));
    }
    if options.collapse.is_collapsed() || !has_groups {
        return match refused {
            Some(e) => Err(e),
            None => Ok((options.clone(), None)),
        };
    }
    // the reason in the picture's language: its numbers grouped as that language groups them
    let lang = options.lang;
    let text = |id: &str, args: &[(&str, String)]| -> String {
        let args: Vec<_> = args
            .iter()
            .map(|(name, value)| (*name, value.as_str().into()))
            .collect();
        lang.text(id, args.as_slice())
    };
    let grouped = |n: usize| match lang {
        gradgraph_i18n::Lang::En => thousands(n),
        _ => thousands(n).replace(',', "."),
    };
    let unit = |level: Collapse| text(&format!("pic-unit-{}", level.unit()), &[]);
    let mut reasons = vec![if refused.is_some() {
        text(
            "pic-fit-size-limit",
            &[
                ("size", size.to_string()),
                ("limit", options.max_nodes.to_string()),
            ],
        )
    } else {
        text("pic-fit-size", &[("size", size.to_string())])
    }];
    let mut passed_over = |o: &DotOptions, how: String| {
        if let Some((count, _, what, points)) = too_tall(o) {
            reasons.push(text(
                "pic-fit-stack",
                &[
                    ("how", how),
                    ("count", count.to_string()),
                    ("what", text(&format!("pic-stack-{what}"), &[])),
                    ("height", grouped(count * points)),
                ],
            ));
        }
    };
    passed_over(options, text("pic-fit-full", &[]));
    for level in [Collapse::Innermost, Collapse::Outermost] {
        let collapsed = options.clone().collapse(level);
        let nodes = picture_size(g, &collapsed);
        if nodes <= collapsed.max_nodes && too_tall(&collapsed).is_none() {
            let why = text(
                "pic-fit-drawn",
                &[
                    ("reasons", reasons.join("; ")),
                    ("unit", unit(level)),
                    ("nodes", nodes.to_string()),
                ],
            );
            return Ok((collapsed, Some(why)));
        }
        passed_over(&collapsed, text("pic-fit-per", &[("unit", unit(level))]));
    }
    match refused {
        Some(e) => Err(e),
        None => Ok((options.clone(), None)),
    }
}

/// Renders the picture of `g` (see [`to_dot`](super::to_dot)) to an image.
///
/// Returns [`Error::Graphviz`] when the picture has more than [`DotOptions::max_nodes`]
/// nodes (the message offers the collapsed views; [`fit`] picks one), when Graphviz is not installed (the
/// message says how to install it) or when `dot` fails.
///
/// # Examples
/// ```
/// use gradgraph::Graph;
/// use gradgraph_draw::{self as dot, DotOptions, Format};
/// let g = Graph::new();
/// let x = g.input(1.0).with_label("x");
/// let y = (x * 2.0).with_label("y");
/// if dot::graphviz_installed() {
///     let svg = String::from_utf8(dot::render(&g, &DotOptions::new(), Format::Svg)?).unwrap();
///     assert!(svg.contains("data 2.000"));
/// }
/// let too_small = DotOptions::new().max_nodes(1);
/// assert!(dot::render(&g, &too_small, Format::Svg).unwrap_err().to_string().contains("limit of 1"));
/// # Ok::<(), gradgraph_draw::Error>(())
/// ```
pub fn render(g: &Graph, options: &DotOptions, format: Format) -> Result<Vec<u8>, Error> {
    check_size(g, options)?;
    render_dot(&to_dot(g, options), format)
}

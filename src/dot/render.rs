//! Rendering with Graphviz's `dot` program (through graphviz-rust), and writing files whole
//! or not at all.

use super::build::to_dot;
use super::collapse::picture_size;
use super::{Collapse, DotOptions};
use crate::error::Error;
use crate::graph::Graph;
use graphviz_rust::cmd::{CommandArg, Format as GraphvizFormat};
use std::path::Path;
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

const INSTALL_HINT: &str = "Graphviz's `dot` program is not installed (or not on the PATH); \
     install Graphviz to render pictures: `apt-get install graphviz` (Debian, Ubuntu), \
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
/// use gradgraph::dot::{self, Format};
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
    graphviz_rust::exec_dot(dot.to_owned(), vec![CommandArg::Format(format)]).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Graphviz(INSTALL_HINT.to_owned())
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

/// The most neurons of one layer [`fit`] stacks in the per-neuron view (about three
/// screens high); a wider layer makes it fall back to one node per layer.
pub const MAX_NEURONS_STACKED: usize = 32;

/// The options to render `g` with: `options` itself when the picture fits in
/// [`DotOptions::max_nodes`]; otherwise, when `options` asks for no collapsed view, the
/// first collapsed view that fits, one node per neuron ([`Collapse::Innermost`], for layers
/// of at most [`MAX_NEURONS_STACKED`] neurons) before one node per layer
/// ([`Collapse::Outermost`]). Compare the result's
/// [`collapse`](DotOptions::collapse) with yours to tell whether it fell back.
///
/// Returns [`Error::Graphviz`] (the message of [`render`]) when nothing fits. Only counts
/// nodes: **O(nodes + edges)**.
///
/// # Examples
/// ```
/// use gradgraph::{Graph, dot::{self, Collapse, DotOptions}};
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
/// # Ok::<(), gradgraph::Error>(())
/// ```
pub fn fit(g: &Graph, options: &DotOptions) -> Result<DotOptions, Error> {
    let refused = match check_size(g, options) {
        Ok(()) => return Ok(options.clone()),
        Err(e) => e,
    };
    if options.collapse.is_collapsed() || g.groups().is_empty() {
        return Err(refused);
    }
    [Collapse::Innermost, Collapse::Outermost]
        .into_iter()
        .map(|level| options.clone().collapse(level))
        .filter(|collapsed| {
            // one node per neuron stacks a layer's neurons: past a few screens' height,
            // one node per layer
            collapsed.collapse != Collapse::Innermost
                || super::collapse::widest_layer(g, collapsed) <= MAX_NEURONS_STACKED
        })
        .find(|collapsed| picture_size(g, collapsed) <= collapsed.max_nodes)
        .ok_or(refused)
}

/// Renders the picture of `g` (see [`to_dot`](super::to_dot)) to an image.
///
/// Returns [`Error::Graphviz`] when the picture has more than [`DotOptions::max_nodes`]
/// nodes (the message offers the collapsed views; [`fit`] picks one), when Graphviz is not installed (the
/// message says how to install it) or when `dot` fails.
///
/// # Examples
/// ```
/// use gradgraph::{Graph, dot::{self, DotOptions, Format}};
/// let g = Graph::new();
/// let x = g.input(1.0).with_label("x");
/// let y = (x * 2.0).with_label("y");
/// if dot::graphviz_installed() {
///     let svg = String::from_utf8(dot::render(&g, &DotOptions::new(), Format::Svg)?).unwrap();
///     assert!(svg.contains("data 2.000"));
/// }
/// let too_small = DotOptions::new().max_nodes(1);
/// assert!(dot::render(&g, &too_small, Format::Svg).unwrap_err().to_string().contains("limit of 1"));
/// # Ok::<(), gradgraph::Error>(())
/// ```
pub fn render(g: &Graph, options: &DotOptions, format: Format) -> Result<Vec<u8>, Error> {
    check_size(g, options)?;
    render_dot(&to_dot(g, options), format)
}

/// Writes the picture of `g` as DOT to `path`, whole or not at all.
///
/// # Examples
/// ```no_run
/// # fn main() -> Result<(), gradgraph::Error> {
/// use gradgraph::{Graph, dot::{self, DotOptions}};
/// let g = Graph::new();
/// let x = g.input(1.0).with_label("x");
/// let w = g.parameter(0.5).with_label("w");
/// let y = (x * w).tanh().with_label("o");
/// g.backward(y);
/// dot::write_dot("neuron.dot".as_ref(), &g, &DotOptions::new())?;
/// # Ok(()) }
/// ```
pub fn write_dot(path: &Path, g: &Graph, options: &DotOptions) -> Result<(), Error> {
    write_atomic(path, to_dot(g, options).as_bytes())
}

/// Renders the picture of `g` (see [`render`]) and writes it to `path`, whole or not at
/// all: if rendering fails, no file is created or changed.
///
/// # Examples
/// ```no_run
/// # fn main() -> Result<(), gradgraph::Error> {
/// use gradgraph::{Graph, dot::{self, DotOptions, Format}};
/// let g = Graph::new();
/// let x = g.input(1.0).with_label("x");
/// let w = g.parameter(0.5).with_label("w");
/// let y = (x * w).tanh().with_label("o");
/// g.backward(y);
/// dot::write_render("neuron.svg".as_ref(), &g, &DotOptions::new(), Format::Svg)?;
/// # Ok(()) }
/// ```
pub fn write_render(
    path: &Path,
    g: &Graph,
    options: &DotOptions,
    format: Format,
) -> Result<(), Error> {
    let bytes = render(g, options, format)?;
    write_atomic(path, &bytes)
}

pub use crate::files::write_atomic;

//! Rendering with Graphviz's `dot` program (through graphviz-rust), and writing files whole
//! or not at all.

use super::DotOptions;
use super::build::to_dot;
use super::collapse::{collapsed_size, picture_size};
use crate::error::Error;
use crate::graph::Graph;
use graphviz_rust::cmd::{CommandArg, Format as GraphvizFormat};
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// An image format Graphviz renders to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Scalable vector graphics: sharp at any size, text searchable.
    Svg,
    /// A bitmap, for slides that take no SVG.
    Png,
}

impl Format {
    fn graphviz(self) -> GraphvizFormat {
        match self {
            Format::Svg => GraphvizFormat::Svg,
            Format::Png => GraphvizFormat::Png,
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
    graphviz_rust::exec_dot(dot.to_owned(), vec![CommandArg::Format(format.graphviz())]).map_err(
        |e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::Graphviz(INSTALL_HINT.to_owned())
            } else {
                Error::Graphviz(format!("Graphviz's `dot` failed: {}", e.to_string().trim()))
            }
        },
    )
}

/// Refuses pictures above [`DotOptions::max_nodes`], offering the collapsed view.
pub(crate) fn check_size(g: &Graph, options: &DotOptions) -> Result<(), Error> {
    let size = picture_size(g, options);
    if size <= options.max_nodes {
        return Ok(());
    }
    let limit = options.max_nodes;
    let why = "Graphviz's `dot` takes seconds for a few thousand nodes and minutes for 10,000";
    let advice = if options.collapse {
        "draw the part one output depends on (DotOptions::ancestors_of), or raise \
         DotOptions::max_nodes"
            .to_owned()
    } else if g.groups().is_empty() {
        "this graph has no groups to collapse (Graph::group makes them); draw the part one \
         output depends on (DotOptions::ancestors_of), or raise DotOptions::max_nodes"
            .to_owned()
    } else {
        format!(
            "draw the collapsed view instead, each group as one node ({} nodes here, \
             DotOptions::collapse), or raise DotOptions::max_nodes",
            collapsed_size(g, options)
        )
    };
    let what = if options.collapse {
        "the collapsed view"
    } else {
        "the picture"
    };
    Err(Error::Graphviz(format!(
        "{what} has {size} nodes, more than the limit of {limit} ({why}): {advice}"
    )))
}

/// Renders the picture of `g` (see [`to_dot`](super::to_dot)) to an image.
///
/// Returns [`Error::Graphviz`] when the picture has more than [`DotOptions::max_nodes`]
/// nodes (the message offers the collapsed view), when Graphviz is not installed (the
/// message says how to install it) or when `dot` fails.
///
/// # Examples
/// ```
/// use gradgraph::{Graph, dot::{self, DotOptions, Format}};
/// let g = Graph::new();
/// let x = g.value(1.0).with_label("x");
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
/// let y = dot::examples::neuron(&g);
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
/// let y = dot::examples::neuron(&g);
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

/// Writes `bytes` to `path` whole or not at all: into a hidden temporary file in the same
/// directory, flushed to disk, then renamed over `path` (a rename within one directory is
/// atomic). On failure the temporary file is removed and `path` is left as it was.
///
/// Returns [`Error::Io`] naming `path` if the directory is missing or not writable, or
/// `path` is a directory.
///
/// # Examples
/// ```
/// let dir = std::env::temp_dir().join(format!("gradgraph-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// gradgraph::dot::write_atomic(&dir.join("a.txt"), b"whole").unwrap();
/// assert_eq!(std::fs::read(dir.join("a.txt")).unwrap(), b"whole");
/// assert!(gradgraph::dot::write_atomic(&dir.join("no/such/dir.txt"), b"x").is_err());
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let Some(name) = path.file_name() else {
        return Err(Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"),
        ));
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let temp = dir.join(format!(
        ".{}.{}-{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(path, e)
    })
}

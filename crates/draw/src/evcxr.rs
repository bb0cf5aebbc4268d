//! Pictures in notebooks: [`EvcxrDisplay::evcxr_display`], which
//! [evcxr](https://github.com/evcxr/evcxr), the Rust Jupyter kernel, calls on the value a
//! cell ends with (with the trait in scope), as micrograd's `draw_dot` draws a graph in a
//! Python notebook.
//!
//! evcxr shows what a cell prints between `EVCXR_BEGIN_CONTENT <mime type>` and
//! `EVCXR_END_CONTENT` as rich output. [`write_evcxr`] prints the picture as SVG
//! (`image/svg+xml`) when Graphviz's `dot` program is installed, and the DOT text
//! (`text/plain`) otherwise.

use super::render::{check_size, render_dot};
use super::{DotOptions, Format, graphviz_installed, to_dot};
use gradgraph::Graph;
use gradgraph::Value;
use std::io::{self, Write};

/// What evcxr calls on the value a Jupyter cell ends with: with this trait in scope
/// (`use gradgraph_draw::EvcxrDisplay;`), a cell ending in a [`Graph`] shows the graph with
/// every value's data and gradient, and a cell ending in a [`Value`] the graph of that value.
/// The picture is SVG when Graphviz's `dot` program is installed, the DOT text otherwise; see
/// [`write_evcxr`] for the format and the size limit. Outside a notebook it prints the same
/// thing on standard output.
///
/// # Examples
/// ```no_run
/// use gradgraph_draw::EvcxrDisplay;
/// // in a notebook cell
/// let g = gradgraph::Graph::new();
/// let x = g.input(2.0).with_label("x");
/// let y = (x * x).with_label("y");
/// y.backward();
/// g.evcxr_display(); // what evcxr does with a cell ending in `g`
/// y.evcxr_display(); // and with a cell ending in `y`
/// ```
pub trait EvcxrDisplay {
    /// Prints the picture for evcxr on standard output.
    fn evcxr_display(&self);
}

impl EvcxrDisplay for Graph {
    fn evcxr_display(&self) {
        // stdout gone: nothing to show anything on
        let _ = display_graph(&mut io::stdout().lock(), self, graphviz_installed());
    }
}

impl EvcxrDisplay for Value<'_> {
    fn evcxr_display(&self) {
        let _ = display_value(&mut io::stdout().lock(), *self, graphviz_installed());
    }
}

/// Writes the picture of `g` for evcxr to `out`: with Graphviz's `dot` program installed,
///
/// ```text
/// EVCXR_BEGIN_CONTENT image/svg+xml
/// <svg …>…</svg>
/// EVCXR_END_CONTENT
/// ```
///
/// (the SVG that [`render`](super::render) makes, from its `<svg` tag on); without it, the
/// same lines with `text/plain` and the DOT text of [`to_dot`], after a DOT comment saying
/// why. A picture above [`DotOptions::max_nodes`] is not drawn: the content is then the
/// `text/plain` message of [`render`](super::render), which offers the smaller views. When
/// `dot` fails, the DOT text is written, after a comment with `dot`'s message.
///
/// [`EvcxrDisplay::evcxr_display`] calls it with standard output and
/// the default options; in a notebook, call it yourself for other options:
/// `dot::write_evcxr(&mut std::io::stdout(), &g, &DotOptions::new().edge_labels(true))?`.
///
/// Only errors of `out` are returned.
///
/// # Examples
/// ```
/// use gradgraph::Graph;
/// use gradgraph_draw::{self as dot, DotOptions};
/// let g = Graph::new();
/// let x = g.input(1.0).with_label("x");
/// let _y = (x * 2.0).with_label("y");
/// let mut out = Vec::new();
/// dot::write_evcxr(&mut out, &g, &DotOptions::new())?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("EVCXR_BEGIN_CONTENT "));
/// assert!(text.ends_with("\nEVCXR_END_CONTENT\n"));
/// if dot::graphviz_installed() {
///     assert!(text.starts_with("EVCXR_BEGIN_CONTENT image/svg+xml\n<svg"));
/// } else {
///     assert!(text.contains("digraph gradgraph {"));
/// }
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_evcxr(out: &mut impl Write, g: &Graph, options: &DotOptions) -> io::Result<()> {
    write_with(out, g, options, graphviz_installed())
}

/// What [`Graph::evcxr_display`] writes.
fn display_graph(out: &mut impl Write, g: &Graph, graphviz: bool) -> io::Result<()> {
    write_with(out, g, &DotOptions::new(), graphviz)
}

/// What [`Value::evcxr_display`] writes: the graph of its ancestors.
fn display_value(out: &mut impl Write, v: Value<'_>, graphviz: bool) -> io::Result<()> {
    write_with(out, v.graph(), &DotOptions::new().ancestors_of(v), graphviz)
}

/// [`write_evcxr`], rendering with Graphviz's `dot` program if `graphviz`.
fn write_with(
    out: &mut impl Write,
    g: &Graph,
    options: &DotOptions,
    graphviz: bool,
) -> io::Result<()> {
    let (mime, body) = content(g, options, graphviz);
    write_content(out, mime, &body)
}

/// The picture as evcxr content: its mime type and its text. `graphviz` says whether to
/// render with Graphviz's `dot` program.
fn content(g: &Graph, options: &DotOptions, graphviz: bool) -> (&'static str, String) {
    if let Err(too_big) = check_size(g, options) {
        return ("text/plain", format!("gradgraph: {too_big}"));
    }
    let dot = to_dot(g, options);
    if !graphviz {
        let why = "// Graphviz's `dot` program is not installed, so here is the picture as DOT \
                   text (install Graphviz to see it drawn: apt-get install graphviz, brew \
                   install graphviz, https://graphviz.org/download/)";
        return ("text/plain", format!("{why}\n{}", dot.trim_end()));
    }
    match render_dot(&dot, Format::Svg) {
        Ok(bytes) => {
            let svg = String::from_utf8_lossy(&bytes);
            // from the <svg> element on: the XML declaration and the doctype are not wanted
            // inside a notebook's page
            let start = svg.find("<svg").unwrap_or(0);
            ("image/svg+xml", svg[start..].trim_end().to_owned())
        }
        Err(failed) => {
            let why = failed.to_string().replace('\n', " ");
            ("text/plain", format!("// {why}\n{}", dot.trim_end()))
        }
    }
}

/// One block of evcxr content: the mime type on the first line, the body, the end marker.
fn write_content(out: &mut impl Write, mime: &str, body: &str) -> io::Result<()> {
    writeln!(out, "EVCXR_BEGIN_CONTENT {mime}")?;
    writeln!(out, "{body}")?;
    writeln!(out, "EVCXR_END_CONTENT")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn neuron(g: &Graph) -> Value<'_> {
        let x = g.input(1.0).with_label("x");
        let w = g.parameter(0.5).with_label("w");
        let b = g.parameter(-0.2).with_label("b");
        let y = (x * w + b).tanh().with_label("y");
        g.backward(y);
        y
    }

    fn written(mime: &str, body: &str) -> String {
        let mut out = Vec::new();
        write_content(&mut out, mime, body).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn captured(display: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        display(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_graph_and_a_value_without_graphviz_exactly() {
        let g = Graph::new();
        let y = neuron(&g);
        let _other = g.input(7.0).with_label("other");
        let hint = "// Graphviz's `dot` program is not installed, so here is the picture as DOT \
                    text (install Graphviz to see it drawn: apt-get install graphviz, brew \
                    install graphviz, https://graphviz.org/download/)";
        let whole = to_dot(&g, &DotOptions::new());
        assert_eq!(
            captured(|out| display_graph(out, &g, false)),
            format!("EVCXR_BEGIN_CONTENT text/plain\n{hint}\n{whole}EVCXR_END_CONTENT\n")
        );
        let ancestors = to_dot(&g, &DotOptions::new().ancestors_of(y));
        assert_ne!(whole, ancestors);
        assert_eq!(
            captured(|out| display_value(out, y, false)),
            format!("EVCXR_BEGIN_CONTENT text/plain\n{hint}\n{ancestors}EVCXR_END_CONTENT\n")
        );
    }

    #[test]
    fn the_block_is_the_markers_around_the_body() {
        assert_eq!(
            written("image/svg+xml", "<svg>…</svg>"),
            "EVCXR_BEGIN_CONTENT image/svg+xml\n<svg>…</svg>\nEVCXR_END_CONTENT\n"
        );
    }

    #[test]
    fn without_graphviz_the_dot_text_as_plain_text() {
        let g = Graph::new();
        let y = neuron(&g);
        let (mime, body) = content(&g, &DotOptions::new(), false);
        assert_eq!(mime, "text/plain");
        let (comment, dot) = body.split_once('\n').unwrap();
        assert!(comment.starts_with("// Graphviz's `dot` program is not installed"));
        assert_eq!(format!("{dot}\n"), to_dot(&g, &DotOptions::new()));
        assert!(dot.contains(r#"label="{ w | data 0.5000 | grad 0.9151 }""#));
        // a value: its ancestors only
        let z = y * 3.0;
        let (_, whole) = content(&g, &DotOptions::new(), false);
        let (_, of_y) = content(&g, &DotOptions::new().ancestors_of(y), false);
        assert!(whole.contains(&format!("n{}", z.index())));
        assert!(!of_y.contains(&format!("n{}", z.index())));
    }

    #[test]
    fn with_graphviz_the_svg_element() {
        if !graphviz_installed() {
            eprintln!("skipped: Graphviz's `dot` is not installed");
            return;
        }
        let g = Graph::new();
        let y = neuron(&g);
        let text = captured(|out| display_graph(out, &g, true));
        assert_eq!(
            text,
            captured(|out| write_evcxr(out, &g, &DotOptions::new()))
        );
        assert_eq!(
            text,
            captured(|out| display_value(out, y, true)),
            "y is the whole graph"
        );
        let body = text
            .strip_prefix("EVCXR_BEGIN_CONTENT image/svg+xml\n")
            .and_then(|rest| rest.strip_suffix("\nEVCXR_END_CONTENT\n"))
            .unwrap_or_else(|| panic!("not one SVG block: {text}"));
        assert!(body.starts_with("<svg"), "{body}");
        assert!(body.ends_with("</svg>"), "{body}");
        assert!(!body.contains("<?xml"));
        assert!(body.contains("grad 0.9151"));
        assert_eq!(text.matches("EVCXR_BEGIN_CONTENT").count(), 1);
    }

    #[test]
    fn too_big_is_a_message() {
        let g = Graph::new();
        neuron(&g);
        let options = DotOptions::new().max_nodes(2);
        for graphviz in [false, true] {
            let (mime, body) = content(&g, &options, graphviz);
            assert_eq!(mime, "text/plain");
            assert!(
                body.starts_with("gradgraph: the picture has 6 nodes"),
                "{body}"
            );
            assert!(body.contains("limit of 2"), "{body}");
        }
    }
}

//! The picture of a graph as TikZ, for LaTeX slides and papers: the same picture as
//! [`render`](super::render()) draws (value records `label | data | grad`, op ellipses, the
//! operand roles on the edges, the clusters and the legend), at the positions Graphviz
//! computes for it.
//!
//! The DOT text of [`to_dot`] is laid out by Graphviz's `dot -Tjson`, whose
//! drawing operations (the xdot language: polygons, ellipses, Bézier curves, text with its
//! font size and alignment) are translated one by one into TikZ paths and nodes, in
//! Graphviz's own coordinates: one Graphviz point is one TikZ `bp` (1/72 inch), so the
//! picture has the size and proportions of Graphviz's own PDF. Every text goes through
//! [`latex::escape`](crate::latex::escape).
//!
//! The picture needs only `\usepackage{tikz}` (no TikZ library). A slide scales it with
//! `\resizebox{\linewidth}{!}{\input{graph.tex}}`, or with
//! `\tikzset{gradgraph/.style={scale=0.5}}` before the `\input` (the text scales with it).

use super::DotOptions;
use super::render::{check_size, exec};
use super::to_dot;
use crate::Error;
use crate::latex::{Document, escape};
use gradgraph::Graph;
use graphviz_rust::cmd::Format as GraphvizFormat;
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The picture of `g` (see [`to_dot`]) as TikZ, laid out by Graphviz: a
/// standalone document that `pdflatex` compiles, or the bare `tikzpicture` ([`Document`]).
///
/// Returns [`Error::Graphviz`] when the picture has more than
/// [`DotOptions::max_nodes`] nodes, when Graphviz is not installed (the message says how to
/// install it) or when `dot` fails.
///
/// # Examples
/// ```
/// use gradgraph::Graph;
/// use gradgraph_draw::{self as dot, DotOptions};
/// use gradgraph_draw::latex::Document;
/// let g = Graph::new();
/// let x = g.input(1.0).with_label("x_1");
/// let y = (x * 2.0).tanh();
/// g.backward(y);
/// if dot::graphviz_installed() {
///     let tex = dot::tikz::tikz(&g, &DotOptions::new(), Document::Bare)?;
///     assert!(tex.contains(r"\begin{tikzpicture}"));
///     assert!(tex.contains(r"{x\textsubscript{1}}"));
///     assert!(tex.contains("{data 0.9640}"));
/// }
/// # Ok::<(), gradgraph_draw::Error>(())
/// ```
pub fn tikz(g: &Graph, options: &DotOptions, document: Document) -> Result<String, Error> {
    check_size(g, options)?;
    tikz_dot(&to_dot(g, options), document)
}

/// Any DOT text as TikZ, laid out by Graphviz (see [`tikz`]).
///
/// # Examples
/// ```
/// use gradgraph_draw::tikz;
/// use gradgraph_draw::latex::Document;
/// match tikz::tikz_dot("digraph { a -> b }", Document::Standalone) {
///     Ok(tex) => assert!(tex.contains("% a -> b")),
///     Err(e) => assert!(e.to_string().contains("install Graphviz")),
/// }
/// ```
pub fn tikz_dot(dot: &str, document: Document) -> Result<String, Error> {
    let json = exec(dot, GraphvizFormat::Json)?;
    let json = String::from_utf8_lossy(&json);
    from_layout(&json, document)
}

/// What the file says about itself and the packages it needs.
const TITLE: &str = "gradgraph: the computation graph as TikZ, laid out by Graphviz (1 bp = 1 Graphviz point).\n\
     Scale it with \\resizebox{\\linewidth}{!}{...}, or with \\tikzset{gradgraph/.style={scale=0.5}}\n\
     before \\input (the text scales too).";

/// A text of the picture as LaTeX ([`escape`]), with the scripts of a slide: a power
/// `^2` as a superscript (not a circumflex), the index of a name (`w1.1.1`, `x_1`) as a
/// subscript.
fn scripted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (k, word) in text.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(&scripted_word(word));
    }
    out
}

/// One word of [`scripted`].
fn scripted_word(word: &str) -> String {
    if let Some((base, power)) = word.split_once('^') {
        let power = power.trim_start_matches('{').trim_end_matches('}');
        if !power.is_empty() && !power.contains(['^', '{', '}']) {
            return format!(
                r"{}\textsuperscript{{{}}}",
                scripted_word(base),
                escape(&power.replace('-', "−"))
            );
        }
    }
    let letters = word
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(word.len());
    let (base, rest) = word.split_at(letters);
    let index = rest.strip_prefix('_').unwrap_or(rest);
    let is_index = index.starts_with(|c: char| c.is_ascii_digit())
        && index.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !index.ends_with('.');
    if !base.is_empty() && is_index {
        format!(r"{}\textsubscript{{{index}}}", escape(base))
    } else {
        escape(word)
    }
}

/// `dot -Tjson` output as TikZ.
pub(crate) fn from_layout(json: &str, document: Document) -> Result<String, Error> {
    let bad = |why: &str| Error::Graphviz(format!("unexpected output from `dot -Tjson`: {why}"));
    let root: Json = serde_json::from_str(json).map_err(|e| bad(&e.to_string()))?;
    let objects = root["objects"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    let edges = root["edges"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    let name_of = |gvid: &Json| -> String {
        gvid.as_u64()
            .and_then(|i| objects.get(i as usize))
            .and_then(|o| o["name"].as_str())
            .unwrap_or("?")
            .to_owned()
    };

    let mut picture = Picture::default();
    // the graph's title (its background is left to the slide)
    picture.draw("graph", &root, &["_ldraw_"]);
    // clusters first (behind), then edges, then nodes on top
    let (nodes, clusters): (Vec<&Json>, Vec<&Json>) =
        objects.iter().partition(|o| o.get("pos").is_some());
    for cluster in clusters {
        let name = cluster["name"].as_str().unwrap_or("subgraph");
        picture.draw(name, cluster, &["_draw_", "_ldraw_"]);
    }
    for edge in edges {
        let name = format!("{} -> {}", name_of(&edge["tail"]), name_of(&edge["head"]));
        picture.draw(
            &name,
            edge,
            &[
                "_draw_", "_tdraw_", "_hdraw_", "_ldraw_", "_tldraw_", "_hldraw_",
            ],
        );
    }
    for node in nodes {
        let name = node["name"].as_str().unwrap_or("node");
        picture.draw(name, node, &["_draw_", "_ldraw_"]);
    }

    let bb = root["bb"]
        .as_str()
        .map(points)
        .filter(|p| p.len() == 2)
        .ok_or_else(|| bad("no bounding box"))?;
    Ok(crate::latex::document(
        document,
        TITLE,
        &[r"\usepackage{tikz}"],
        "",
        &picture.finish(bb[1]),
    ))
}

/// `"1,2 3,4"` as points.
fn points(text: &str) -> Vec<(f64, f64)> {
    let numbers: Vec<f64> = text
        .split([',', ' '])
        .filter_map(|t| t.parse().ok())
        .collect();
    numbers.chunks_exact(2).map(|p| (p[0], p[1])).collect()
}

/// A coordinate in Graphviz points, as short as it is exact to 1/100 point.
fn coord(x: f64) -> String {
    let text = format!("{x:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

fn point((x, y): (f64, f64)) -> String {
    format!("({},{})", coord(x), coord(y))
}

/// The drawing state of one list of xdot operations.
struct Pen {
    /// Stroke colour (a TikZ colour name); `None` for no stroke.
    color: Option<String>,
    fill: Option<String>,
    width: f64,
    dash: Option<&'static str>,
    invisible: bool,
    font_size: f64,
    family: &'static str,
    bold: bool,
    italic: bool,
}

impl Default for Pen {
    fn default() -> Self {
        Pen {
            color: Some("black".to_owned()),
            fill: None,
            width: 1.0,
            dash: None,
            invisible: false,
            font_size: 14.0,
            family: r"\rmfamily",
            bold: false,
            italic: false,
        }
    }
}

/// The picture being written: its colours, fonts and paths.
#[derive(Default)]
struct Picture {
    /// Colour name by `RRGGBB`.
    colors: BTreeMap<String, String>,
    /// Font style name by (size in 1/100 pt, family, bold, italic).
    fonts: BTreeMap<(i64, &'static str, bool, bool), String>,
    body: String,
}

impl Picture {
    /// A TikZ colour for a Graphviz colour (`#rrggbb`, `#rrggbbaa`, a name); `None` for a
    /// transparent one.
    fn color(&mut self, text: &str) -> Option<String> {
        if let Some(hex) = text.strip_prefix('#') {
            if hex.len() == 8 && hex.ends_with("00") {
                return None;
            }
            let rgb = hex.get(..6)?.to_ascii_uppercase();
            if !rgb.chars().all(|c| c.is_ascii_hexdigit()) {
                return None;
            }
            return Some(match rgb.as_str() {
                "000000" => "black".to_owned(),
                "FFFFFF" => "white".to_owned(),
                _ => {
                    let n = self.colors.len();
                    self.colors
                        .entry(rgb)
                        .or_insert_with(|| format!("gg color {}", letters(n)))
                        .clone()
                }
            });
        }
        match text.to_ascii_lowercase().as_str() {
            "none" | "transparent" | "invis" => None,
            name if name.chars().all(|c| c.is_ascii_alphabetic()) => Some(name.to_owned()),
            _ => Some("black".to_owned()),
        }
    }

    fn font(&mut self, pen: &Pen) -> String {
        let key = (
            (pen.font_size * 100.0).round() as i64,
            pen.family,
            pen.bold,
            pen.italic,
        );
        let n = self.fonts.len();
        self.fonts
            .entry(key)
            .or_insert_with(|| format!("gg font {}", letters(n)))
            .clone()
    }

    /// The drawing operations of `object` under `keys`, with a comment naming it.
    fn draw(&mut self, name: &str, object: &Json, keys: &[&str]) {
        let mut named = false;
        for key in keys {
            let Some(ops) = object[*key].as_array() else {
                continue;
            };
            if !named {
                // names are DOT identifiers; a comment ends at the line's end
                let _ = writeln!(self.body, "% {}", name.replace(['\n', '\r'], " "));
                named = true;
            }
            let mut pen = Pen::default();
            let mut filled_list = false;
            for op in ops {
                self.op(op, &mut pen, &mut filled_list);
            }
        }
    }

    fn op(&mut self, op: &Json, pen: &mut Pen, filled_list: &mut bool) {
        let kind = op["op"].as_str().unwrap_or("");
        let pts = || -> Vec<(f64, f64)> {
            op["points"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
                        .collect()
                })
                .unwrap_or_default()
        };
        match kind {
            "c" => pen.color = self.color(op["color"].as_str().unwrap_or("black")),
            "C" => {
                pen.fill = self.color(op["color"].as_str().unwrap_or("none"));
                *filled_list = true;
            }
            "S" => match op["style"].as_str().unwrap_or("") {
                "solid" => pen.dash = None,
                "dashed" => pen.dash = Some("dashed"),
                "dotted" => pen.dash = Some("dotted"),
                "invis" | "invisible" => pen.invisible = true,
                "bold" => pen.width = 2.0,
                style => {
                    if let Some(w) = style
                        .strip_prefix("setlinewidth(")
                        .and_then(|w| w.strip_suffix(')'))
                        .and_then(|w| w.parse::<f64>().ok())
                    {
                        pen.width = w;
                    }
                }
            },
            "F" => {
                pen.font_size = op["size"].as_f64().unwrap_or(14.0);
                pen.family = family(op["face"].as_str().unwrap_or(""));
            }
            "t" => {
                let flags = op["fontchar"].as_u64().unwrap_or(0);
                pen.bold = flags & 1 != 0;
                pen.italic = flags & 2 != 0;
            }
            "E" | "e" => {
                let r: Vec<f64> = op["rect"]
                    .as_array()
                    .map(|r| r.iter().filter_map(Json::as_f64).collect())
                    .unwrap_or_default();
                if let [cx, cy, rx, ry] = r[..] {
                    let path = format!(
                        "{} ellipse [x radius={}, y radius={}]",
                        point((cx, cy)),
                        coord(rx),
                        coord(ry)
                    );
                    self.path(pen, kind == "E", &path);
                }
            }
            "P" | "p" | "L" => {
                let ps = pts();
                if ps.len() >= 2 {
                    let mut path: Vec<String> = ps.iter().map(|&p| point(p)).collect();
                    if kind != "L" {
                        path.push("cycle".to_owned());
                    }
                    self.path(pen, kind == "P", &path.join(" -- "));
                }
            }
            "B" | "b" => {
                let ps = pts();
                if ps.len() >= 4 {
                    let mut path = point(ps[0]);
                    for c in ps[1..].chunks_exact(3) {
                        let _ = write!(
                            path,
                            " .. controls {} and {} .. {}",
                            point(c[0]),
                            point(c[1]),
                            point(c[2])
                        );
                    }
                    // `dot -Tjson` of Graphviz 2.43 writes `b` (filled) for the curves it
                    // draws unfilled (edges, rounded clusters): a curve is filled only after a
                    // fill colour
                    self.path(pen, kind == "b" && *filled_list, &path);
                }
            }
            "T" => {
                if pen.invisible {
                    return;
                }
                let Some(at) = op["pt"]
                    .as_array()
                    .and_then(|p| Some((p.first()?.as_f64()?, p.get(1)?.as_f64()?)))
                else {
                    return;
                };
                let anchor = match op["align"].as_str().unwrap_or("c") {
                    "l" => "base west",
                    "r" => "base east",
                    _ => "base",
                };
                let font = self.font(pen);
                let color = match &pen.color {
                    Some(c) if c != "black" => format!(", text={{{c}}}"),
                    _ => String::new(),
                };
                let _ = writeln!(
                    self.body,
                    "\\node[gg text, {font}, anchor={anchor}{color}] at {} {{{}}};",
                    point(at),
                    scripted(op["text"].as_str().unwrap_or(""))
                );
            }
            _ => {}
        }
    }

    /// Strokes (and fills) a path with the pen.
    fn path(&mut self, pen: &Pen, filled: bool, path: &str) {
        if pen.invisible {
            return;
        }
        let fill = pen.fill.as_ref().filter(|_| filled);
        let mut options: Vec<String> = Vec::new();
        let command = match (&pen.color, fill) {
            (None, None) => return,
            (Some(_), None) => "\\draw",
            (None, Some(_)) => "\\fill",
            (Some(_), Some(_)) => "\\filldraw",
        };
        if let Some(f) = fill {
            options.push(format!("fill={{{f}}}"));
        }
        if let Some(c) = pen.color.as_ref().filter(|c| *c != "black") {
            options.push(format!("draw={{{c}}}"));
        }
        if pen.width != 1.0 {
            options.push(format!("line width={}bp", coord(pen.width)));
        }
        if let Some(dash) = pen.dash {
            options.push(dash.to_owned());
        }
        let options = if options.is_empty() {
            String::new()
        } else {
            format!("[{}]", options.join(", "))
        };
        let _ = writeln!(self.body, "{command}{options} {path};");
    }

    /// The `tikzpicture`: the colours and fonts used, the bounding box of Graphviz's
    /// layout (`height` from its `bb`), then the paths.
    fn finish(self, (width, height): (f64, f64)) -> String {
        let mut out = String::from(
            "\\begin{tikzpicture}[x=1bp, y=1bp, line width=1bp, line join=round,\n  \
             gg text/.style={inner sep=0pt, outer sep=0pt, transform shape},\n",
        );
        for ((size, family, bold, italic), name) in &self.fonts {
            let size = *size as f64 / 100.0;
            let mut font = format!(
                "\\fontsize{{{}}}{{{}}}\\selectfont{family}",
                coord(size),
                coord(size * 1.2)
            );
            if *bold {
                font.push_str("\\bfseries");
            }
            if *italic {
                font.push_str("\\itshape");
            }
            let _ = writeln!(out, "  {name}/.style={{font={font}}},");
        }
        out.push_str("  gradgraph/.try]\n");
        for (rgb, name) in &self.colors {
            let _ = writeln!(out, "\\definecolor{{{name}}}{{HTML}}{{{rgb}}}");
        }
        let _ = writeln!(
            out,
            "\\useasboundingbox (0,0) rectangle {};",
            point((width, height))
        );
        out.push_str(&self.body);
        out.push_str("\\end{tikzpicture}\n");
        out
    }
}

/// `n` in letters (`a`, `b`, …, `z`, `ba`, …): colour and style names without digits.
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// The LaTeX family of a Graphviz font face.
fn family(face: &str) -> &'static str {
    let face = face.to_ascii_lowercase();
    if ["courier", "mono"].iter().any(|f| face.contains(f)) {
        r"\ttfamily"
    } else if ["helvetica", "arial", "sans", "verdana"]
        .iter()
        .any(|f| face.contains(f))
    {
        r"\sffamily"
    } else {
        r"\rmfamily"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record, an op ellipse, an edge with an arrowhead and a label, a rounded dashed
    /// cluster, as Graphviz 2.43's `dot -Tjson` writes them.
    const LAYOUT: &str = r##"{
      "name": "gradgraph", "bb": "0,0,200,100.5",
      "objects": [
        {"_gvid": 0, "name": "cluster_0", "bb": "1,1,199,99",
         "_draw_": [{"op": "S", "style": "dashed"}, {"op": "c", "grad": "none", "color": "#868e96"},
                    {"op": "b", "points": [[1,1],[1,1],[199,1],[199,1]]}],
         "_ldraw_": [{"op": "F", "size": 14.0, "face": "Times-Roman"}, {"op": "c", "grad": "none", "color": "#000000"},
                     {"op": "T", "pt": [100, 90], "align": "c", "width": 40, "text": "neuron {1}"}]},
        {"_gvid": 1, "name": "n0", "pos": "50,50",
         "_draw_": [{"op": "S", "style": "setlinewidth(2)"}, {"op": "c", "grad": "none", "color": "#000000"},
                    {"op": "C", "grad": "none", "color": "#cfe2ff"},
                    {"op": "P", "points": [[5,40],[5,60],[95,60],[95,40]]},
                    {"op": "L", "points": [[28,40],[28,60]]}],
         "_ldraw_": [{"op": "F", "size": 11.0, "face": "Helvetica"}, {"op": "c", "grad": "none", "color": "#000000"},
                     {"op": "T", "pt": [16.5, 46.2], "align": "c", "width": 7, "text": "x_1 50% a&b"},
                     {"op": "T", "pt": [60, 46.2], "align": "l", "width": 60, "text": "data 1.000"}]},
        {"_gvid": 2, "name": "op1", "pos": "150,50",
         "_draw_": [{"op": "c", "grad": "none", "color": "#000000"}, {"op": "C", "grad": "none", "color": "#f1f3f5"},
                    {"op": "E", "rect": [150, 50, 27, 11]}],
         "_ldraw_": [{"op": "F", "size": 10.0, "face": "Helvetica"}, {"op": "T", "pt": [150, 47.5], "align": "c", "width": 10, "text": "Σ"}]}
      ],
      "edges": [
        {"_gvid": 0, "tail": 1, "head": 2,
         "_draw_": [{"op": "c", "grad": "none", "color": "#000000"}, {"op": "b", "points": [[95,50],[105,50],[115,50],[119,50]]}],
         "_hdraw_": [{"op": "S", "style": "solid"}, {"op": "c", "grad": "none", "color": "#000000"},
                     {"op": "C", "grad": "none", "color": "#000000"}, {"op": "P", "points": [[119,53.5],[123,50],[119,46.5]]}],
         "_ldraw_": [{"op": "F", "size": 10.0, "face": "Helvetica"}, {"op": "c", "grad": "none", "color": "#e8590c"},
                     {"op": "T", "pt": [110, 55], "align": "c", "width": 20, "text": "base"}]}
      ]
    }"##;

    #[test]
    fn every_operation_is_drawn_in_graphviz_points() {
        let tex = from_layout(LAYOUT, Document::Bare).unwrap();
        // one comment per object, clusters before edges before nodes
        let order: Vec<usize> = ["% cluster_0\n", "% n0 -> op1\n", "% n0\n", "% op1\n"]
            .iter()
            .map(|c| tex.find(c).unwrap_or_else(|| panic!("{c} missing:\n{tex}")))
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{tex}");
        // the record, filled, with a thick border, and its field separator
        assert!(
            tex.contains(
                "\\filldraw[fill={gg color c}, line width=2bp] (5,40) -- (5,60) -- (95,60) -- (95,40) -- cycle;"
            ),
            "{tex}"
        );
        assert!(
            tex.contains("\\draw[line width=2bp] (28,40) -- (28,60);"),
            "{tex}"
        );
        // texts escaped, at their baseline, in their font
        assert!(
            tex.contains(
                "\\node[gg text, gg font c, anchor=base] at (16.5,46.2) {x\\textsubscript{1} 50\\% a\\&b};"
            ),
            "{tex}"
        );
        assert!(
            tex.contains("anchor=base west] at (60,46.2) {data 1.000};"),
            "{tex}"
        );
        assert!(tex.contains("{\\ensuremath{\\Sigma}};"), "{tex}");
        assert!(tex.contains("{neuron \\{1\\}};"), "{tex}");
        assert!(
            tex.contains("text={gg color b}] at (110,55) {base};"),
            "{tex}"
        );
        // the op's ellipse, the edge's curve (not filled) and its arrowhead (filled)
        assert!(
            tex.contains(
                "\\filldraw[fill={gg color d}] (150,50) ellipse [x radius=27, y radius=11];"
            ),
            "{tex}"
        );
        assert!(
            tex.contains("\\draw (95,50) .. controls (105,50) and (115,50) .. (119,50);"),
            "{tex}"
        );
        assert!(
            tex.contains("\\filldraw[fill={black}] (119,53.5) -- (123,50) -- (119,46.5) -- cycle;"),
            "{tex}"
        );
        // the cluster's dashed, rounded outline, unfilled
        assert!(
            tex.contains("\\draw[draw={gg color a}, dashed] (1,1) .. controls"),
            "{tex}"
        );
        // the colours, defined once, and the fonts as styles, named in order of first use
        // (edges are drawn before nodes); Graphviz's bounding box
        assert!(
            tex.contains("\\definecolor{gg color c}{HTML}{CFE2FF}"),
            "{tex}"
        );
        assert!(
            tex.contains("gg font c/.style={font=\\fontsize{11}{13.2}\\selectfont\\sffamily},"),
            "{tex}"
        );
        assert!(
            tex.contains("\\useasboundingbox (0,0) rectangle (200,100.5);"),
            "{tex}"
        );
        assert!(tex.contains("%   \\usepackage{tikz}"), "{tex}");
        assert!(tex.trim_end().ends_with("\\end{tikzpicture}"), "{tex}");
    }

    #[test]
    fn a_standalone_document_crops_to_the_picture() {
        let tex = from_layout(LAYOUT, Document::Standalone).unwrap();
        assert!(
            tex.contains("\\documentclass{article}\n\\usepackage{tikz}\n"),
            "{tex}"
        );
        assert!(
            tex.contains("\\begin{preview}\n\\begin{tikzpicture}"),
            "{tex}"
        );
        assert!(tex.ends_with("\\end{tikzpicture}\n\\end{preview}\n\\end{document}\n"));
    }

    #[test]
    fn bad_layouts_are_graphviz_errors() {
        assert!(matches!(
            from_layout("not json", Document::Bare),
            Err(Error::Graphviz(_))
        ));
        assert!(matches!(
            from_layout("{}", Document::Bare),
            Err(Error::Graphviz(_))
        ));
    }

    #[test]
    fn powers_and_indices_are_scripts() {
        assert_eq!(scripted("^2"), r"\textsuperscript{2}");
        assert_eq!(scripted("x^-1"), r"x\textsuperscript{\ensuremath{-}1}");
        assert_eq!(scripted("w1.1.1"), r"w\textsubscript{1.1.1}");
        assert_eq!(
            scripted("x_1 · w_2"),
            r"x\textsubscript{1} \ensuremath{\cdot} w\textsubscript{2}"
        );
        assert_eq!(scripted("data -0.8000"), "data -0.8000");
        assert_eq!(scripted("x_1 50% a&b"), r"x\textsubscript{1} 50\% a\&b");
        assert_eq!(
            scripted("a^b^c"),
            r"a\textasciicircum{}b\textasciicircum{}c"
        );
    }

    #[test]
    fn names_and_numbers() {
        assert_eq!(letters(0), "a");
        assert_eq!(letters(25), "z");
        assert_eq!(letters(26), "ba");
        assert_eq!(coord(12.0), "12");
        assert_eq!(coord(-0.001), "0");
        assert_eq!(coord(1.23456), "1.23");
        assert_eq!(points("0,0,10.5,20"), vec![(0.0, 0.0), (10.5, 20.0)]);
    }
}

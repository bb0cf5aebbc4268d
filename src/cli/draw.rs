//! Drawing flags shared by subcommands: `--dot`, `--svg`, `--png`, `--html`, `--frames`, `--rankdir`,
//! `--collapse`, `--max-nodes`.
//! The pictures themselves are made by `gradgraph::dot`; this only maps flags to calls and
//! errors to messages and exit codes.

use super::{CliResult, Failure};
use gradgraph::dot::{self, Collapse, DotOptions, Format, RankDir};
use gradgraph::{Error, Graph, Value};
use std::path::{Path, PathBuf};

/// Where to draw the graph of a computation.
#[derive(clap::Args, Debug, Default)]
pub struct DrawArgs {
    /// Write the graph as Graphviz DOT to FILE.
    #[arg(long, value_name = "FILE")]
    pub dot: Option<PathBuf>,
    /// Render the graph to an SVG file (needs Graphviz's `dot` program).
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Render the graph to a PNG file (needs Graphviz's `dot` program).
    #[arg(long, value_name = "FILE")]
    pub png: Option<PathBuf>,
    /// Write an interactive page to FILE.html that steps through the forward and the backward
    /// pass (one self-contained file: open it in a browser; needs Graphviz's `dot` program).
    #[arg(long, value_name = "FILE.html")]
    pub html: Option<PathBuf>,
    /// Write one picture per backward step into DIR (DOT files, and SVGs when `dot` is installed).
    #[arg(long, value_name = "DIR")]
    pub frames: Option<PathBuf>,
    /// Layout direction: LR (left to right, the default) or TB (top to bottom).
    #[arg(long, value_name = "DIR", default_value = "LR")]
    pub rankdir: String,
    /// Draw the graph collapsed, for --dot, --svg and --png: `neurons` (the default when
    /// the flag has no value) draws one node per neuron (innermost group) inside a cluster
    /// per layer, `layers` one node per layer (outermost group), `none` never collapses.
    /// Without the flag, --svg and --png of a graph above --max-nodes values fall back to
    /// one node per neuron (or per layer) and say so; --dot stays complete.
    #[arg(
        long,
        value_name = "LEVEL",
        num_args = 0..=1,
        default_missing_value = "neurons",
        value_parser = parse_collapse
    )]
    pub collapse: Option<Collapse>,
    /// The most nodes --svg and --png hand to Graphviz (default 2000; its layout takes
    /// seconds for a few thousand nodes and minutes for 10,000).
    #[arg(long, value_name = "N")]
    pub max_nodes: Option<usize>,
}

/// `--collapse LEVEL`, checked while the flags are parsed (before any training).
fn parse_collapse(s: &str) -> Result<Collapse, String> {
    s.parse().map_err(|e: Error| e.to_string())
}

impl DrawArgs {
    /// True when any picture was asked for.
    pub fn any(&self) -> bool {
        self.dot.is_some()
            || self.svg.is_some()
            || self.png.is_some()
            || self.html.is_some()
            || self.frames.is_some()
    }
}

/// Draws what `args` asks for, of `output` and the values it depends on (after backward has
/// run, so the pictures show gradients). Each file is written whole or not at all.
///
/// Without `--collapse`, an SVG or PNG above the node limit is drawn in the first collapsed
/// view that fits (one node per neuron, else per layer), said on stderr.
///
/// Exit codes: 2 for a bad `--rankdir` or a file that cannot be written, 1
/// when Graphviz is missing or fails, or the picture is too big to render.
pub fn draw(graph: &Graph, output: Value<'_>, args: &DrawArgs) -> CliResult {
    draw_with_replay(graph, output, args, None)
}

/// [`draw`], with a training replay on the `--html` page.
pub fn draw_with_replay(
    graph: &Graph,
    output: Value<'_>,
    args: &DrawArgs,
    replay: Option<&dot::Replay>,
) -> CliResult {
    let rankdir: RankDir = args
        .rankdir
        .parse()
        .map_err(|e: Error| Failure::from(e).context("--rankdir"))?;
    let collapse = args.collapse;
    if !args.any() {
        return Ok(());
    }
    let mut options = DotOptions::new().rankdir(rankdir).ancestors_of(output);
    if let Some(limit) = args.max_nodes {
        options = options.max_nodes(limit);
    }
    if let Some(level) = collapse {
        options = options.collapse(level);
    }
    if let Some(path) = &args.dot {
        dot::write_dot(path, graph, &options).map_err(Failure::writing)?;
        wrote(path);
    }
    if args.svg.is_some() || args.png.is_some() || args.html.is_some() {
        // An explicit --collapse (even `none`) is drawn as asked; otherwise fall back to a
        // collapsed view that fits.
        let fitted = if collapse.is_some() {
            options.clone()
        } else {
            dot::fit(graph, &options).map_err(Failure::from)?
        };
        if fitted.collapse != options.collapse {
            eprintln!(
                "the graph has {} values, more than the limit of {} for rendering: drawn \
                 collapsed, one node per {} ({} nodes; --collapse chooses the view, \
                 --max-nodes the limit)",
                dot::picture_size(graph, &options),
                options.max_nodes,
                fitted.collapse.unit(),
                dot::picture_size(graph, &fitted),
            );
        }
        for (path, format) in [(&args.svg, Format::Svg), (&args.png, Format::Png)] {
            if let Some(path) = path {
                dot::write_render(path, graph, &fitted, format).map_err(Failure::writing)?;
                wrote(path);
            }
        }
        if let Some(path) = &args.html {
            match replay {
                Some(replay) => dot::write_html_with_replay(path, graph, output, &fitted, replay),
                None => dot::write_html(path, graph, output, &fitted),
            }
            .map_err(Failure::writing)?;
            wrote(path);
        }
    }
    if let Some(dir) = &args.frames {
        let svg = dot::graphviz_installed();
        let written =
            dot::write_frames(dir, graph, output, &options, svg).map_err(Failure::writing)?;
        let frames = written
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "dot"));
        let what = if svg { "DOT and SVG" } else { "DOT" };
        eprintln!(
            "wrote {} backward frames ({what}) to {}",
            frames.count(),
            dir.display()
        );
        if !svg {
            eprintln!(
                "note: Graphviz's `dot` is not installed, so the frames are DOT only; install \
                 Graphviz (apt-get install graphviz, brew install graphviz, \
                 https://graphviz.org/download/) to get SVGs"
            );
        }
    }
    Ok(())
}

fn wrote(path: &Path) {
    eprintln!("wrote {}", path.display());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("gradgraph-draw-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn neuron(g: &Graph) -> Value<'_> {
        let y = dot::examples::neuron(g);
        g.backward(y);
        y
    }

    #[test]
    fn writes_dot_and_frames() {
        let dir = scratch("ok");
        let g = Graph::new();
        let y = neuron(&g);
        let args = DrawArgs {
            dot: Some(dir.join("n.dot")),
            frames: Some(dir.join("frames")),
            rankdir: "TB".into(),
            ..DrawArgs::default()
        };
        draw(&g, y, &args).unwrap();
        let text = std::fs::read_to_string(dir.join("n.dot")).unwrap();
        assert!(text.contains("rankdir=TB"));
        assert!(text.contains(r#"label="{ o | data 0.4621 | grad 1.000 }""#));
        // 6 values: one frame each
        assert!(dir.join("frames/frame_005.dot").exists());
        assert!(!dir.join("frames/frame_006.dot").exists());
        // drawing did not change the gradients backward left
        assert_eq!(y.grad(), 1.0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bad_rankdir_is_exit_2() {
        let g = Graph::new();
        let y = neuron(&g);
        let args = DrawArgs {
            rankdir: "RL".into(),
            ..DrawArgs::default()
        };
        let failure = draw(&g, y, &args).unwrap_err();
        assert_eq!(failure.code, 2);
        assert!(failure.message.contains("--rankdir"), "{}", failure.message);
        assert!(failure.message.contains("\"RL\""), "{}", failure.message);
    }

    #[test]
    fn unwritable_file_is_exit_2_and_leaves_nothing() {
        let dir = scratch("bad");
        let g = Graph::new();
        let y = neuron(&g);
        let args = DrawArgs {
            dot: Some(dir.join("missing/n.dot")),
            rankdir: "LR".into(),
            ..DrawArgs::default()
        };
        let failure = draw(&g, y, &args).unwrap_err();
        assert_eq!(failure.code, 2);
        assert!(
            failure.message.starts_with("cannot write"),
            "{}",
            failure.message
        );
        assert!(
            failure.message.contains("missing/n.dot"),
            "{}",
            failure.message
        );
        // a directory where the file should go
        let args = DrawArgs {
            dot: Some(dir.clone()),
            rankdir: "LR".into(),
            ..DrawArgs::default()
        };
        assert_eq!(draw(&g, y, &args).unwrap_err().code, 2);
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            0,
            "temporary files left"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! Drawing flags shared by subcommands: `--dot`, `--svg`, `--png`, `--frames`, `--rankdir`.
//! (Filled in by the pictures work: today every flag reports that drawing is unavailable.)

use super::{CliResult, Failure};
use gradgraph::{Graph, Value};
use std::path::PathBuf;

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
    /// Write one picture per backward step into DIR (DOT files, and SVGs when `dot` is installed).
    #[arg(long, value_name = "DIR")]
    pub frames: Option<PathBuf>,
    /// Layout direction: LR (left to right, the default) or TB (top to bottom).
    #[arg(long, value_name = "DIR", default_value = "LR")]
    pub rankdir: String,
}

impl DrawArgs {
    /// True when any picture was asked for.
    pub fn any(&self) -> bool {
        self.dot.is_some() || self.svg.is_some() || self.png.is_some() || self.frames.is_some()
    }
}

/// Draws what `args` asks for, of the graph of `output` (after backward has run, so the
/// pictures show gradients).
pub fn draw(_graph: &Graph, _output: Value<'_>, args: &DrawArgs) -> CliResult {
    if args.any() {
        return Err(Failure::usage("drawing is not available yet"));
    }
    Ok(())
}

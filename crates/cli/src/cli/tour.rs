//! The tour: `cargo run --release` with no arguments runs every experiment of the course,
//! prints its numbers and writes its plots into `graphs/`.
//!
//! The experiments themselves live in the library (`gradgraph_course::experiments`); this file only
//! runs them in study order, prints what they return and reports where the pictures went.

use super::{CliResult, Failure};
use gradgraph::Graph;
use gradgraph_cli::files::OutputSet;
use gradgraph_course::experiments::{
    activations, chain_rule, circles, exploding, regression, rnn, vanishing, xor,
};
use gradgraph_draw::{self as dot, DotOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Where the tour writes its pictures, relative to the working directory.
const GRAPHS: &str = "graphs";

/// Runs the tour.
pub fn run() -> CliResult {
    let dir = Path::new(GRAPHS);
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::failed(format!("cannot create {}: {e}", dir.display())))?;
    let start = Instant::now();
    let mut out = Printer::default();
    // what Graphviz would have drawn, when it is missing: named at the end, never deleted
    let graphviz = dot::graphviz_installed();
    let mut skipped: Vec<String> = Vec::new();
    out.say(&format!(
        "gradgraph: a tour of the course's experiments (plots are written into {GRAPHS}/)"
    ))?;

    out.section(
        1,
        "Backpropagation is the chain rule",
        "01_chain_rule",
        || chain_rule_section(dir, graphviz, &mut skipped),
    )?;
    out.section(
        2,
        "Activations and their derivatives",
        "02_activations",
        || {
            let gallery = activations::run(801);
            let files = write_plots(dir, gallery.plots()?)?;
            Ok((gallery.to_string(), files, gallery.conclusion()))
        },
    )?;
    out.section(3, "XOR with a 2-2-1 MLP", "03_xor", || {
        xor_section(dir, graphviz, &mut skipped)
    })?;
    out.section(
        4,
        "Concentric circles, one hidden layer of 4 nodes",
        "04_circles",
        || {
            let result = circles::run(&circles::Config::default())?;
            let files = write_plots(dir, result.plots()?)?;
            Ok((result.to_string(), files, result.conclusion()))
        },
    )?;
    out.section(5, "Regression: x², 1/x, sin x", "05_regression", || {
        let result = regression::run(&regression::Config::default())?;
        let files = write_plots(dir, result.plots()?)?;
        Ok((result.to_string(), files, result.conclusion()))
    })?;
    out.section(6, "Vanishing gradients", "06_vanishing", || {
        let result = vanishing::run(&vanishing::Config::default())?;
        let files = write_plots(dir, result.plots()?)?;
        Ok((result.to_string(), files, result.conclusion()))
    })?;
    out.section(
        7,
        "Exploding gradients and clipping",
        "07_exploding",
        || {
            let result = exploding::run(&exploding::Config::default())?;
            let files = write_plots(dir, result.plots()?)?;
            Ok((result.to_string(), files, result.conclusion()))
        },
    )?;
    out.section(8, "A recurrent net, through time", "08_rnn", || {
        let result = rnn::run(&rnn::Config::default())?;
        let files = write_plots(dir, result.plots()?)?;
        Ok((result.to_string(), files, result.conclusion()))
    })?;

    if !skipped.is_empty() {
        out.say(&format!(
            "\nGraphviz's `dot` is not installed, so the graphs were written as DOT files only \
             and these pictures were not drawn (those already there are left as they were): \
             {}. Install Graphviz (apt-get install graphviz, brew install graphviz, or \
             https://graphviz.org/download/) to draw them.",
            skipped.join(", ")
        ))?;
    }
    out.say(&format!(
        "\nThe tour took {:.2} s. Each section is also an example: \
         cargo run --release --example NAME",
        start.elapsed().as_secs_f64()
    ))
}

/// What a section returns: its report, the files it wrote, and its conclusion in one
/// sentence.
type Section = Result<(String, Vec<PathBuf>, String), super::Error>;

/// Files as the libraries draw them: each file's name and its bytes.
type Files = Vec<(String, Vec<u8>)>;

/// Writes the plots of an experiment (file names and SVG texts) into `dir`, all or none.
fn write_plots(dir: &Path, plots: Vec<(&str, String)>) -> Result<Vec<PathBuf>, super::Error> {
    let mut set = OutputSet::new();
    for (name, svg) in plots {
        set.stage(&dir.join(name), svg.as_bytes())?;
    }
    Ok(set.commit()?)
}

/// Section 1: the chain rule's tables, and the gallery's pictures of the example graphs and
/// of their backward passes, frame by frame (what Graphviz would have drawn, when it is
/// missing, is added to `skipped`).
fn chain_rule_section(dir: &Path, graphviz: bool, skipped: &mut Vec<String>) -> Section {
    let mut set = OutputSet::new();
    // the gallery: its pictures, and each folder of frames as one sequence
    let mut folders: Vec<(String, Files)> = Vec::new();
    for (name, bytes) in gradgraph_course::gallery::files(graphviz)? {
        match name.split_once('/') {
            Some((folder, file)) => {
                let frame = (file.to_owned(), bytes);
                match folders.iter_mut().find(|(f, _)| f == folder) {
                    Some((_, frames)) => frames.push(frame),
                    None => folders.push((folder.to_owned(), vec![frame])),
                }
            }
            None => set.stage(&dir.join(name), &bytes)?,
        }
    }
    for (folder, frames) in &folders {
        set.stage_frames(&dir.join(folder), frames, graphviz)?;
    }
    // the two-neuron example as the live page, opened on the example's own graph; it needs no
    // Graphviz: the browser lays it out
    set.stage(
        &dir.join("two_neurons.html"),
        gradgraph_web::page(&two_neurons_page()).as_bytes(),
    )?;
    // the tables only; the example prints the engine's full trace too
    let result = chain_rule::run()?;
    let report = format!("{result:#}");
    let mut pictures: Vec<PathBuf> = Vec::new();
    for path in set.commit()? {
        // frames are listed by their folder, once
        let (shown, not_drawn) = match path.parent() {
            Some(parent) if parent != dir => (
                parent.to_path_buf(),
                format!("the SVG frames in {}", parent.display()),
            ),
            _ => (
                path.clone(),
                path.with_extension("svg").display().to_string(),
            ),
        };
        if !pictures.contains(&shown) {
            // the page is drawn by the browser: it is never skipped
            let page = shown.extension().is_some_and(|e| e == "html");
            pictures.push(shown);
            if !graphviz && !page {
                skipped.push(not_drawn);
            }
        }
    }
    Ok((report, pictures, result.conclusion()))
}

/// Section 3: XOR's experiment and plots, and the trained net's graph for the input (1, 0),
/// each neuron and layer a cluster.
fn xor_section(dir: &Path, graphviz: bool, skipped: &mut Vec<String>) -> Section {
    let result = xor::run(&xor::Config::default())?;
    let mut set = OutputSet::new();
    for (name, svg) in result.plots()? {
        set.stage(&dir.join(name), svg.as_bytes())?;
    }
    let g = Graph::new();
    let y = result.sample_graph(&g, [1.0, 0.0])?;
    let options = DotOptions::new().ancestors_of(y);
    set.stage(
        &dir.join("xor_net.dot"),
        dot::to_dot(&g, &options).as_bytes(),
    )?;
    let path = dir.join("xor_net.svg");
    if graphviz {
        set.stage(&path, &dot::render(&g, &options, dot::Format::Svg)?)?;
    } else {
        skipped.push(path.display().to_string());
    }
    Ok((result.to_string(), set.commit()?, result.conclusion()))
}

/// Prints to stdout; once stdout is closed (`gradgraph | head`) it stops printing but lets
/// the experiments run on, so every plot is still written.
#[derive(Default)]
struct Printer {
    closed: bool,
}

impl Printer {
    fn say(&mut self, text: &str) -> CliResult {
        if self.closed {
            return Ok(());
        }
        let mut stdout = std::io::stdout().lock();
        match writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(Failure::failed(format!("cannot write to stdout: {e}"))),
        }
    }

    /// Runs one experiment, then prints its heading with its wall time, its numbers, the
    /// files it wrote (`wrote: PATH (what it is)`) and its conclusion in one sentence.
    fn section(
        &mut self,
        number: usize,
        title: &str,
        example: &str,
        experiment: impl FnOnce() -> Section,
    ) -> CliResult {
        let start = Instant::now();
        let (report, files, conclusion) =
            experiment().map_err(|e| Failure::failed(format!("{title}: {e}")))?;
        let seconds = start.elapsed().as_secs_f64();
        self.say(&format!(
            "\n== {number}. {title} ({seconds:.2} s; examples/{example}.rs) ==\n"
        ))?;
        self.say(report.trim_end())?;
        for path in files {
            self.say(&format!(
                "  wrote: {} ({})",
                path.display(),
                what_it_is(&path)
            ))?;
        }
        self.say(&format!("  conclusion: {conclusion}"))
    }
}

/// What a file the tour writes is, in a few words: `graphs/chain.svg` is "the chain's
/// graph, after backward".
fn what_it_is(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let (stem, kind) = match name.rsplit_once('.') {
        Some((stem, "dot")) => (stem, Some("the DOT source of ")),
        Some((stem, "svg")) => (stem, None),
        Some((stem, _)) => (stem, None),
        None => (name.as_str(), None),
    };
    let what = match stem {
        "neuron" => "the graph of one neuron, tanh(x·w + b), after backward",
        "chain" => "the chain's graph, after backward, a local derivative on every edge",
        "two_neurons" if name.ends_with(".html") => {
            return format!(
                "the two neurons' live page: open {} in a browser to step through their \
                 forward and backward pass",
                path.display()
            );
        }
        "two_neurons" => "the two neurons' graph, after backward",
        "two_neurons_collapsed" => "the two neurons' graph, each group one node",
        "mlp_neurons" => "a 2-16-16-1 net's graph, one node per neuron",
        "chain_frames" => "the chain's backward pass, one frame per step",
        "two_neurons_frames" => "the two neurons' backward pass, one frame per step",
        "activations" => "every activation and its derivative",
        "xor" => "XOR: each hidden node's line, and the output combining them",
        "xor_seeds" => "XOR's loss from 50 random starts, the stuck ones in orange",
        "xor_net" => "the trained XOR net's graph for the input (1, 0), after backward",
        "circles" => "the 2-4-1 net's decision boundary over the circles, and its loss",
        "circles_hidden" => "the trained net's 4 hidden nodes: thresholds, ridges, a bump",
        "circles_construction" => "the course's construction by hand, stage by stage",
        "regression" => "the fits of x², 1/x and sin x",
        "vanishing_layers" => "the gradient norm of each layer at initialisation",
        "vanishing_depth" => "the gradient reaching the first layer, by depth",
        "vanishing_training" => "the first layer's gradient and the loss during training",
        "exploding" => "gradient norms by depth; plain and clipped gradient descent",
        "rnn" => "the RNN's loss, the gradient reaching each time step, its predictions",
        _ => "a picture",
    };
    match kind {
        Some(prefix) => format!("{prefix}{what}"),
        None => what.to_owned(),
    }
}

/// The page of the two-neuron example: the course's graph itself, handed to the page as
/// data, with its names (`w1`, `z1`, `ŷ`, `J`) and its constant target `y`.
pub fn two_neurons_page() -> gradgraph_web::Page {
    let g = Graph::new();
    let y = gradgraph_course::examples::two_neurons(&g);
    gradgraph_web::Page {
        graph: Some(gradgraph_web::GraphData::from_graph(&g, y)),
        ..gradgraph_web::Page::default()
    }
}

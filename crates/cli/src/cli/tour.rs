//! The tour: `cargo run --release` with no arguments runs every experiment of the course,
//! prints its numbers and writes its plots into `graphs/`.
//!
//! The experiments themselves live in the library (`gradgraph_course::experiments`); this file only
//! runs them in study order, prints what they return and reports where the pictures went.

use super::{CliResult, Failure};
use gradgraph::Graph;
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
            Ok((gallery.to_string(), gallery.plot(dir)?))
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
            Ok((result.to_string(), result.plot(dir)?))
        },
    )?;
    out.section(5, "Regression: x², 1/x, sin x", "05_regression", || {
        let result = regression::run(&regression::Config::default())?;
        Ok((result.to_string(), result.plot(dir)?))
    })?;
    out.section(6, "Vanishing gradients", "06_vanishing", || {
        let result = vanishing::run(&vanishing::Config::default())?;
        Ok((result.to_string(), result.plot(dir)?))
    })?;
    out.section(
        7,
        "Exploding gradients and clipping",
        "07_exploding",
        || {
            let result = exploding::run(&exploding::Config::default())?;
            Ok((result.to_string(), result.plot(dir)?))
        },
    )?;
    out.section(8, "A recurrent net, through time", "08_rnn", || {
        let result = rnn::run(&rnn::Config::default())?;
        Ok((result.to_string(), result.plot(dir)?))
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

/// What a section returns: its report, and the pictures it wrote.
type Section = Result<(String, Vec<PathBuf>), gradgraph::Error>;

/// Section 1: the chain rule's tables, and the gallery's pictures of the example graphs and
/// of their backward passes, frame by frame (what Graphviz would have drawn, when it is
/// missing, is added to `skipped`).
fn chain_rule_section(dir: &Path, graphviz: bool, skipped: &mut Vec<String>) -> Section {
    // the tables only; the example prints the engine's full trace too
    let mut pictures: Vec<PathBuf> = Vec::new();
    for path in gradgraph_course::gallery::write_gallery(dir)? {
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
            pictures.push(shown);
            if !graphviz {
                skipped.push(not_drawn);
            }
        }
    }
    // the two-neuron example as a page that steps through forward and backward
    let path = dir.join("two_neurons.html");
    if !graphviz {
        skipped.push(path.display().to_string());
    } else {
        let g = Graph::new();
        let y = gradgraph_course::examples::two_neurons(&g);
        g.backward(y);
        dot::write_html(&path, &g, y, &DotOptions::new())?;
        pictures.push(path);
    }
    Ok((format!("{:#}", chain_rule::run()?), pictures))
}

/// Section 3: XOR's experiment and plots, and the trained net's graph for the input (1, 0),
/// each neuron and layer a cluster.
fn xor_section(dir: &Path, graphviz: bool, skipped: &mut Vec<String>) -> Section {
    let result = xor::run(&xor::Config::default())?;
    let mut plots = result.plot(dir)?;
    let g = Graph::new();
    let y = result.sample_graph(&g, [1.0, 0.0])?;
    let options = DotOptions::new().ancestors_of(y);
    let path = dir.join("xor_net.dot");
    dot::write_dot(&path, &g, &options)?;
    plots.push(path);
    let path = dir.join("xor_net.svg");
    if graphviz {
        dot::write_render(&path, &g, &options, dot::Format::Svg)?;
        plots.push(path);
    } else {
        skipped.push(path.display().to_string());
    }
    Ok((result.to_string(), plots))
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

    /// Runs one experiment, then prints its heading with its wall time, its numbers and the
    /// plots it wrote.
    fn section(
        &mut self,
        number: usize,
        title: &str,
        example: &str,
        experiment: impl FnOnce() -> Section,
    ) -> CliResult {
        let start = Instant::now();
        let (report, plots) = experiment().map_err(|e| Failure::failed(format!("{title}: {e}")))?;
        let seconds = start.elapsed().as_secs_f64();
        self.say(&format!(
            "\n== {number}. {title} ({seconds:.2} s; examples/{example}.rs) ==\n"
        ))?;
        self.say(report.trim_end())?;
        for path in plots {
            self.say(&format!("  plot: {}", path.display()))?;
        }
        Ok(())
    }
}

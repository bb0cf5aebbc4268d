//! The tour: `cargo run --release` with no arguments runs every experiment of the course,
//! prints its numbers and writes its plots into `graphs/`.
//!
//! The experiments themselves live in the library (`gradgraph_course::experiments`); this file only
//! runs them in study order, prints what they return and reports where the pictures went.
//!
//! In Portuguese (`--lang pt-BR`, `GRADGRAPH_LANG`, the locale) every text and picture is in
//! Portuguese and the pictures go into `graphs/pt-BR/` instead: the English pictures committed
//! in `graphs/` stay as they are (and `graphs/pt-BR/` is ignored by git), so a Portuguese tour
//! leaves the checkout clean.

use super::{CliResult, Failure};
use gradgraph::Graph;
use gradgraph_cli::files::OutputSet;
use gradgraph_course::experiments::say;
use gradgraph_course::experiments::{
    activations, chain_rule, circles, exploding, regression, rnn, vanishing, xor,
};
use gradgraph_draw::{self as dot, DotOptions};
use gradgraph_i18n::Lang;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Where the tour writes its pictures, relative to the working directory.
const GRAPHS: &str = "graphs";

/// Where the tour writes its pictures in `lang`: `graphs` in English (the pictures committed
/// in the repository), `graphs/pt-BR` in Portuguese.
pub fn graphs_dir(lang: Lang) -> PathBuf {
    match lang {
        Lang::En => PathBuf::from(GRAPHS),
        lang => Path::new(GRAPHS).join(lang.tag()),
    }
}

/// Runs the tour, in the language of `--lang` (or of the environment).
pub fn run() -> CliResult {
    let lang = super::lang();
    let dir_buf = graphs_dir(lang);
    let dir = dir_buf.as_path();
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::failed(say(
            lang,
            "tour-cannot-create",
            &[("dir", dir.display().to_string()), ("error", e.to_string())],
        ))
    })?;
    let start = Instant::now();
    let mut out = Printer {
        closed: false,
        lang,
    };
    // what Graphviz would have drawn, when it is missing: named at the end, never deleted
    let graphviz = dot::graphviz_installed();
    let mut skipped: Vec<String> = Vec::new();
    out.say(&say(
        lang,
        "tour-start",
        &[("dir", dir.display().to_string())],
    ))?;

    out.section(1, "01_chain_rule", || {
        chain_rule_section(dir, graphviz, &mut skipped, lang)
    })?;
    out.section(2, "02_activations", || {
        let gallery = activations::run(801);
        let files = write_plots(dir, gallery.plots_in(lang)?)?;
        Ok((gallery.report(lang), files, gallery.conclusion_in(lang)))
    })?;
    out.section(3, "03_xor", || {
        xor_section(dir, graphviz, &mut skipped, lang)
    })?;
    out.section(4, "04_circles", || {
        let result = circles::run(&circles::Config::default())?;
        let files = write_plots(dir, result.plots_in(lang)?)?;
        Ok((result.report(lang), files, result.conclusion_in(lang)))
    })?;
    out.section(5, "05_regression", || {
        let result = regression::run(&regression::Config::default())?;
        let files = write_plots(dir, result.plots_in(lang)?)?;
        Ok((result.report(lang), files, result.conclusion_in(lang)))
    })?;
    out.section(6, "06_vanishing", || {
        let result = vanishing::run(&vanishing::Config::default())?;
        let files = write_plots(dir, result.plots_in(lang)?)?;
        Ok((result.report(lang), files, result.conclusion_in(lang)))
    })?;
    out.section(7, "07_exploding", || {
        let result = exploding::run(&exploding::Config::default())?;
        let files = write_plots(dir, result.plots_in(lang)?)?;
        Ok((result.report(lang), files, result.conclusion_in(lang)))
    })?;
    out.section(8, "08_rnn", || {
        let result = rnn::run(&rnn::Config::default())?;
        let files = write_plots(dir, result.plots_in(lang)?)?;
        Ok((result.report(lang), files, result.conclusion_in(lang)))
    })?;

    if !skipped.is_empty() {
        out.say(&format!(
            "\n{}",
            say(
                lang,
                "tour-no-graphviz",
                &[("pictures", skipped.join(", "))]
            )
        ))?;
    }
    let seconds = lang.decimal(&format!("{:.2}", start.elapsed().as_secs_f64()));
    out.say(&format!(
        "\n{}",
        say(
            lang,
            "tour-took",
            &[
                ("seconds", seconds),
                ("command", "cargo run --release --example".to_owned()),
            ],
        )
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
fn chain_rule_section(
    dir: &Path,
    graphviz: bool,
    skipped: &mut Vec<String>,
    lang: Lang,
) -> Section {
    let mut set = OutputSet::new();
    // the gallery: its pictures, and each folder of frames as one sequence
    let mut folders: Vec<(String, Files)> = Vec::new();
    for (name, bytes) in gradgraph_course::gallery::files_in(graphviz, lang)? {
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
        gradgraph_web::page(&two_neurons_page(lang)).as_bytes(),
    )?;
    // the tables only; the example prints the engine's full trace too
    let result = chain_rule::run()?;
    let report = result.report(lang);
    let mut pictures: Vec<PathBuf> = Vec::new();
    for path in set.commit()? {
        // frames are listed by their folder, once
        let (shown, not_drawn) = match path.parent() {
            Some(parent) if parent != dir => (
                parent.to_path_buf(),
                say(
                    lang,
                    "tour-frames-in",
                    &[("dir", parent.display().to_string())],
                ),
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
    Ok((report, pictures, result.conclusion_in(lang)))
}

/// Section 3: XOR's experiment and plots, and the trained net's graph for the input (1, 0),
/// each neuron and layer a cluster.
fn xor_section(dir: &Path, graphviz: bool, skipped: &mut Vec<String>, lang: Lang) -> Section {
    let result = xor::run(&xor::Config::default())?;
    let mut set = OutputSet::new();
    for (name, svg) in result.plots_in(lang)? {
        set.stage(&dir.join(name), svg.as_bytes())?;
    }
    let g = Graph::new();
    let y = result.sample_graph(&g, [1.0, 0.0])?;
    let options = DotOptions::new().ancestors_of(y).lang(lang);
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
    Ok((
        result.report(lang),
        set.commit()?,
        result.conclusion_in(lang),
    ))
}

/// Prints to stdout; once stdout is closed (`gradgraph | head`) it stops printing but lets
/// the experiments run on, so every plot is still written.
struct Printer {
    closed: bool,
    lang: Lang,
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
            Err(e) => Err(Failure::failed(say(
                self.lang,
                "tour-cannot-write",
                &[("error", e.to_string())],
            ))),
        }
    }

    /// Runs one experiment, then prints its heading with its wall time, its numbers, the
    /// files it wrote (`wrote: PATH (what it is)`) and its conclusion in one sentence.
    fn section(
        &mut self,
        number: usize,
        example: &str,
        experiment: impl FnOnce() -> Section,
    ) -> CliResult {
        let lang = self.lang;
        let title = say(lang, &format!("tour-section-{number}"), &[]);
        let start = Instant::now();
        let (report, files, conclusion) =
            experiment().map_err(|e| Failure::failed(format!("{title}: {e}")))?;
        let seconds = lang.decimal(&format!("{:.2}", start.elapsed().as_secs_f64()));
        let heading = say(
            lang,
            "tour-heading",
            &[
                ("number", number.to_string()),
                ("title", title),
                ("seconds", seconds),
                ("example", example.to_owned()),
            ],
        );
        self.say(&format!("\n{heading}\n"))?;
        self.say(report.trim_end())?;
        for path in files {
            let wrote = say(
                lang,
                "tour-wrote",
                &[
                    ("path", path.display().to_string()),
                    ("what", what_it_is(&path, lang)),
                ],
            );
            self.say(&format!("  {wrote}"))?;
        }
        let conclusion = say(lang, "tour-conclusion", &[("conclusion", conclusion)]);
        self.say(&format!("  {conclusion}"))
    }
}

/// What a file the tour writes is, in a few words, in `lang`: `graphs/chain.svg` is "the
/// chain's graph, after backward".
fn what_it_is(path: &Path, lang: Lang) -> String {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let (stem, dot) = match name.rsplit_once('.') {
        Some((stem, extension)) => (stem, extension == "dot"),
        None => (name.as_str(), false),
    };
    if stem == "two_neurons" && name.ends_with(".html") {
        return say(
            lang,
            "tour-file-page",
            &[("path", path.display().to_string())],
        );
    }
    let id = match stem {
        "neuron"
        | "chain"
        | "two_neurons"
        | "two_neurons_collapsed"
        | "mlp_neurons"
        | "chain_frames"
        | "two_neurons_frames"
        | "activations"
        | "xor"
        | "xor_seeds"
        | "xor_net"
        | "circles"
        | "circles_hidden"
        | "circles_construction"
        | "regression"
        | "vanishing_layers"
        | "vanishing_depth"
        | "vanishing_training"
        | "exploding"
        | "rnn" => format!("tour-file-{}", stem.replace('_', "-")),
        _ => "tour-file-other".to_owned(),
    };
    let what = say(lang, &id, &[]);
    if dot {
        say(lang, "tour-dot-of", &[("what", what)])
    } else {
        what
    }
}

/// The page of the two-neuron example: the course's graph itself, handed to the page as
/// data, with its names (`w1`, `z1`, `ŷ`, `J`) and its constant target `y`, opening in
/// `lang`.
pub fn two_neurons_page(lang: Lang) -> gradgraph_web::Page {
    let g = Graph::new();
    let y = gradgraph_course::examples::two_neurons(&g);
    gradgraph_web::Page {
        graph: Some(gradgraph_web::GraphData::from_graph(&g, y)),
        lang,
        ..gradgraph_web::Page::default()
    }
}

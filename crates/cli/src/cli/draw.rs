//! Drawing flags shared by subcommands: `--dot`, `--svg`, `--png`, `--html`, `--tikz`,
//! `--latex`, `--frames`, `--rankdir`, `--no-legend`, `--collapse`, `--max-nodes`.
//! The pictures themselves are made by `gradgraph::dot`; this only maps flags to calls and
//! errors to messages and exit codes.

use super::values::{self, CollapseChoice, MAX_FRAMES_LIMIT, RankDirChoice};
use super::{CliResult, Failure};
use gradgraph::{Graph, Value};
use gradgraph_cli::files::OutputSet;
use gradgraph_draw::latex::{self, Document, derivation};
use gradgraph_draw::{self as dot, Collapse, DotOptions, Format};
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
    /// Write an interactive page to FILE.html, one self-contained file to open in a browser:
    /// the live page, opened on the expression (`expr`) or on the run's net and data
    /// (`train`), which needs no Graphviz; with `expr --grad-graph`, a page that steps
    /// through the forward and the backward pass of the gradient's graph (needs Graphviz's
    /// `dot` program).
    #[arg(long, value_name = "FILE.html")]
    pub html: Option<PathBuf>,
    /// Write the graph as a TikZ picture to FILE.tex, for LaTeX slides: the records, ops and
    /// edge labels of --svg, at the positions Graphviz computes (needs Graphviz's `dot`
    /// program). A document that pdflatex compiles (with the tikz and preview packages), or
    /// with --tikz-bare a bare tikzpicture.
    #[arg(long, value_name = "FILE.tex")]
    pub tikz: Option<PathBuf>,
    /// Write --tikz as a bare tikzpicture, to \input into slides whose preamble has
    /// \usepackage{tikz} (no TikZ library needed).
    #[arg(long, requires = "tikz")]
    pub tikz_bare: bool,
    /// Write the backward pass as a LaTeX derivation to FILE.tex: an align* with each value
    /// of the forward pass, then each gradient as the chain rule with its numbers (the
    /// numbers of --trace), a sum where a value feeds several others. A document that
    /// pdflatex compiles (with the amsmath and preview packages), or with --latex-bare a bare
    /// align*. At most 200 backward steps; needs no Graphviz.
    #[arg(long, value_name = "FILE.tex")]
    pub latex: Option<PathBuf>,
    /// Write --latex as a bare align*, to \input into slides whose preamble has
    /// \usepackage{amsmath}.
    #[arg(long, requires = "latex")]
    pub latex_bare: bool,
    /// Significant digits of the numbers in --latex, --tikz and the other pictures (default
    /// 4, from 1 to 17): --latex drops trailing zeros (-1.2, not -1.2000000000000002) and
    /// never writes -0; the pictures keep them, so every number shows its precision.
    #[arg(long, value_name = "N", value_parser = values::digits)]
    pub digits: Option<usize>,
    /// Write one picture per backward step into DIR (DOT files, and SVGs when `dot` is installed).
    #[arg(long, value_name = "DIR")]
    pub frames: Option<PathBuf>,
    /// Layout direction: LR (left to right) or TB (top to bottom).
    #[arg(
        long,
        value_name = "DIR",
        value_enum,
        ignore_case = true,
        default_value = "LR"
    )]
    pub rankdir: RankDirChoice,
    /// Leave the legend out of --dot, --svg, --png, --tikz and --frames: a picture for a
    /// slide that explains its colours itself.
    #[arg(long)]
    pub no_legend: bool,
    /// Draw the graph collapsed, for --dot, --svg and --png: `neurons` (the default when the
    /// flag has no value) draws one node per neuron (innermost group) inside a cluster per
    /// layer, `layers` one node per layer (outermost group), `none` never collapses. Without
    /// the flag, --svg and --png of a graph above --max-nodes values, or of a net too tall
    /// for a screen, fall back to one node per neuron (or per layer) and say so; --dot stays
    /// complete.
    #[arg(
        long,
        value_name = "LEVEL",
        value_enum,
        ignore_case = true,
        num_args = 0..=1,
        default_missing_value = "neurons"
    )]
    pub collapse: Option<CollapseChoice>,
    /// The most nodes --svg, --png and --html hand to Graphviz (default 2000, at least 1;
    /// its layout of a dense net takes seconds for 2,000 nodes and about a minute for 5,000).
    #[arg(long, value_name = "N", value_parser = values::max_nodes)]
    pub max_nodes: Option<usize>,
    /// The most pictures --frames writes, one per backward step (default 200; from 1 to
    /// 10000).
    #[arg(long, value_name = "N", value_parser = values::max_frames)]
    pub max_frames: Option<usize>,
}

/// The most nodes a DOT picture (`--dot`, or the text handed to Graphviz) may hold: above
/// it, the text alone takes hundreds of megabytes. `--collapse` draws big nets smaller.
pub const MAX_DOT_NODES: usize = 200_000;

impl DrawArgs {
    /// The document `--tikz` writes: standalone, or bare with `--tikz-bare`.
    pub fn tikz_document(&self) -> Document {
        if self.tikz_bare {
            Document::Bare
        } else {
            Document::Standalone
        }
    }

    /// The document `--latex` writes: standalone, or bare with `--latex-bare`.
    pub fn latex_document(&self) -> Document {
        if self.latex_bare {
            Document::Bare
        } else {
            Document::Standalone
        }
    }

    /// The significant digits of `--latex`'s numbers (`--digits`, default 4).
    pub fn digits(&self) -> usize {
        self.digits.unwrap_or(latex::DEFAULT_DIGITS)
    }

    /// True when any picture was asked for.
    pub fn any(&self) -> bool {
        !self.files().is_empty() || self.frames.is_some()
    }

    /// Every output file asked for, with its flag (one line per flag).
    pub fn files(&self) -> Vec<(&'static str, &Path)> {
        [
            ("--dot", self.dot.as_deref()),
            ("--svg", self.svg.as_deref()),
            ("--png", self.png.as_deref()),
            ("--html", self.html.as_deref()),
            ("--tikz", self.tikz.as_deref()),
            ("--latex", self.latex.as_deref()),
        ]
        .into_iter()
        .filter_map(|(flag, path)| path.map(|p| (flag, p)))
        .collect()
    }

    /// The collapsed view asked for with `--collapse`, if any.
    pub fn collapse(&self) -> Option<Collapse> {
        self.collapse.map(Collapse::from)
    }

    /// Checks every output file and the `--frames` folder before any work (the values of
    /// the other flags were checked while they were parsed). A missing Graphviz is not
    /// refused here: the run writes what it can and [`commit`] names what it could not.
    pub fn check(&self) -> CliResult {
        for (flag, path) in self.files() {
            super::check_output(flag, path)?;
        }
        if let Some(dir) = &self.frames {
            gradgraph_cli::files::check_output_dir(dir)
                .map_err(|e| Failure::writing_for("--frames", e))?;
        }
        Ok(())
    }

    /// The outputs Graphviz lays out (`--svg`, `--png`, `--html`, `--tikz`), with their flags.
    fn rendered(&self) -> Vec<(&'static str, &Path)> {
        self.files()
            .into_iter()
            .filter(|(flag, _)| !matches!(*flag, "--dot" | "--latex"))
            .collect()
    }

    /// The drawing options these flags ask for (of the ancestors of `output`, if given).
    pub(crate) fn options_for(&self, output: Option<Value<'_>>) -> DotOptions {
        let mut options = DotOptions::new()
            .rankdir(self.rankdir.into())
            .legend(!self.no_legend)
            .lang(super::lang());
        if let Some(digits) = self.digits {
            options = options.precision(digits);
        }
        if let Some(output) = output {
            options = options.ancestors_of(output);
        }
        if let Some(limit) = self.max_nodes {
            options = options.max_nodes(limit);
        }
        if let Some(limit) = self.max_frames {
            options = options.max_frames(limit);
        }
        if let Some(level) = self.collapse() {
            options = options.collapse(level);
        }
        options
    }
}

/// Checks that the pictures asked for of `graph` fit their limits, before anything is
/// printed or written: at most [`MAX_DOT_NODES`] nodes in a picture and at most
/// `--max-frames` frames (exit 2), and, where Graphviz is installed, at most `--max-nodes`
/// nodes in what it is handed (exit 1, as Graphviz failing is). Each names the flag, the
/// size, the limit and what to do.
pub fn check_graph(graph: &Graph, output: Value<'_>, args: &DrawArgs) -> CliResult {
    if !args.any() {
        return Ok(());
    }
    let options = args.options_for(Some(output));
    if let Some((flag, _)) = args.files().iter().find(|(flag, _)| *flag != "--latex") {
        let size = dot::picture_size(graph, &options);
        if size > MAX_DOT_NODES {
            return Err(Failure::usage(super::t(
                "draw-too-large",
                &[
                    ("flag", (*flag).into()),
                    ("size", size.to_string().into()),
                    ("limit", MAX_DOT_NODES.to_string().into()),
                ],
            )));
        }
    }
    if !args.rendered().is_empty() && dot::graphviz_installed() {
        rendered_view(graph, &options, args)?;
    }
    if args.latex.is_some() {
        // one backward step per value the output depends on
        let steps = dot::picture_size(graph, &options.clone().collapse(Collapse::None));
        derivation::check_size(steps).map_err(|e| Failure::from(e).context("--latex"))?;
    }
    if args.frames.is_some() {
        let frames = dot::frame_count(graph, output);
        if frames > options.max_frames {
            let hint = if frames <= MAX_FRAMES_LIMIT {
                super::t(
                    "draw-frames-raise",
                    &[("frames", frames.to_string().into())],
                )
            } else {
                super::t(
                    "draw-frames-smaller",
                    &[("most", MAX_FRAMES_LIMIT.to_string().into())],
                )
            };
            return Err(Failure::usage(super::t(
                "draw-too-many-frames",
                &[
                    ("frames", frames.to_string().into()),
                    ("limit", options.max_frames.to_string().into()),
                    ("hint", hint.into()),
                ],
            )));
        }
    }
    Ok(())
}

/// The view `--svg`, `--png`, `--html` and `--tikz` draw of `graph` with `options`: an
/// explicit `--collapse` (even `none`) as asked, otherwise the first collapsed view that fits
/// (with the reason it fell back). Above `--max-nodes` it is refused in the flags' words, as
/// Graphviz failing is (exit 1).
fn rendered_view(
    graph: &Graph,
    options: &DotOptions,
    args: &DrawArgs,
) -> Result<(DotOptions, Option<String>), Failure> {
    let (view, why) = match args.collapse {
        Some(_) => (options.clone(), None),
        // refused only when nothing fits: the size check below says so
        None => dot::fit_with_reason(graph, options).unwrap_or_else(|_| (options.clone(), None)),
    };
    let size = dot::picture_size(graph, &view);
    if size <= view.max_nodes {
        return Ok((view, why));
    }
    let flag = args.rendered().first().map_or("--svg", |(flag, _)| *flag);
    let limit = view.max_nodes;
    let what = if view.collapse.is_collapsed() {
        "the collapsed view"
    } else {
        "the picture"
    };
    // the collapsed views that fit, then a larger limit or the DOT text alone
    let mut ways = Vec::new();
    if !graph.groups().is_empty() {
        for (level, word) in [
            (Collapse::Innermost, "neurons"),
            (Collapse::Outermost, "layers"),
        ] {
            let nodes = dot::picture_size(graph, &view.clone().collapse(level));
            if level != view.collapse && nodes <= limit {
                ways.push(format!(
                    "draw it one node per {} (--collapse {word}: {nodes} nodes)",
                    level.unit()
                ));
            }
        }
    }
    ways.push(format!("raise the limit (--max-nodes {size})"));
    ways.push("write it with --dot alone".to_owned());
    let last = ways.pop().unwrap_or_default();
    Err(Failure::failed(format!(
        "{flag}: {what} has {size} nodes, more than the limit of {limit} (--max-nodes; \
         Graphviz's `dot` takes seconds for a few thousand nodes and minutes for 10,000); \
         {}, or {last}",
        ways.join(", ")
    )))
}

/// Draws what `args` asks for, of `output` and the values it depends on (after backward has
/// run, so the pictures show gradients), into `outputs`: nothing is in place until the
/// run's [`OutputSet::commit`], so a run that fails later leaves every file as it was.
///
/// Without `--collapse`, an SVG, PNG or page above the node limit, or of a net too tall to
/// read (see [`dot::fit`]), is drawn in the first collapsed view that fits (one node per
/// neuron, else per layer), said on stderr.
///
/// Without Graphviz, `--svg`, `--png`, `--html` and the SVG frames are left out (the DOT
/// file and the DOT frames are still staged); [`commit`] names them.
///
/// Exit codes: 2 for a bad flag, a picture over a limit or a file that cannot be written,
/// 1 when Graphviz fails or the picture is too big to render.
pub fn draw(
    graph: &Graph,
    output: Value<'_>,
    args: &DrawArgs,
    outputs: &mut OutputSet,
) -> CliResult {
    if !args.any() {
        return Ok(());
    }
    let options = args.options_for(Some(output));
    check_graph(graph, output, args)?;
    if let Some(path) = &args.dot {
        outputs
            .stage(path, dot::to_dot(graph, &options).as_bytes())
            .map_err(Failure::writing)?;
    }
    if !args.rendered().is_empty() && dot::graphviz_installed() {
        let (fitted, why) = rendered_view(graph, &options, args)?;
        if let Some(why) = why {
            eprintln!("{why}; --collapse chooses the view, --max-nodes the limit");
        }
        for (path, format) in [(&args.svg, Format::Svg), (&args.png, Format::Png)] {
            if let Some(path) = path {
                let bytes = dot::render(graph, &fitted, format).map_err(Failure::from)?;
                outputs.stage(path, &bytes).map_err(Failure::writing)?;
            }
        }
        if let Some(path) = &args.html {
            let page = dot::html(graph, output, &fitted).map_err(Failure::from)?;
            outputs
                .stage(path, page.as_bytes())
                .map_err(Failure::writing)?;
        }
        if let Some(path) = &args.tikz {
            let tex = dot::tikz::tikz(graph, &fitted, args.tikz_document())
                .map_err(|e| Failure::from(e).context("--tikz"))?;
            outputs
                .stage(path, tex.as_bytes())
                .map_err(Failure::writing)?;
        }
    }
    if let Some(dir) = &args.frames {
        let svg = dot::graphviz_installed();
        let frames = dot::frame_files(graph, output, &options, svg)
            .map_err(|e| Failure::writing_for("--frames", e))?;
        outputs
            .stage_frames(dir, &frames, svg)
            .map_err(|e| Failure::writing_for("--frames", e))?;
    }
    if let Some(path) = &args.latex {
        // backward once more, recorded step by step from zero gradients, so the gradients
        // end as the run's one backward pass left them
        graph.zero_grad();
        let trace = graph.backward_trace(output);
        let tex =
            derivation::to_latex_in(&trace, args.latex_document(), args.digits(), super::lang())
                .map_err(|e| Failure::from(e).context("--latex"))?;
        outputs
            .stage(path, tex.as_bytes())
            .map_err(Failure::writing)?;
    }
    Ok(())
}

/// Checks, before a net is built, that `--latex` can derive the backward pass of one
/// sample of a net with `parameters` parameters: each parameter is one backward step, so
/// above [`derivation::MAX_STEPS`] it is refused (exit 2) without building the graph.
pub fn check_derivation(args: &DrawArgs, parameters: usize) -> CliResult {
    if args.latex.is_none() || parameters <= derivation::MAX_STEPS {
        return Ok(());
    }
    Err(Failure::usage(super::t(
        "draw-latex-too-large",
        &[
            ("parameters", parameters.to_string().into()),
            ("limit", derivation::MAX_STEPS.to_string().into()),
        ],
    )))
}

/// Puts every staged file in place and says which were written; then, when Graphviz is
/// missing, names what `args` asked for that it could not draw. A missing `--svg`, `--png`
/// or `--html` is exit 1 (after every other file was written); SVG frames alone are a note
/// (`--frames` writes DOT files, and SVGs when Graphviz is installed).
pub fn commit(outputs: OutputSet, args: &DrawArgs) -> CliResult {
    let written = outputs.commit().map_err(Failure::writing)?;
    // frames by folder: how many, and whether as SVG too
    let mut frames: Vec<(&Path, usize, bool)> = Vec::new();
    for path in &written {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.starts_with("frame_") {
            wrote(path);
            continue;
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        let svg = name.ends_with(".svg");
        match frames.iter_mut().find(|(d, _, _)| *d == dir) {
            Some((_, n, any_svg)) => {
                *n += usize::from(!svg);
                *any_svg |= svg;
            }
            None => frames.push((dir, usize::from(!svg), svg)),
        }
    }
    for (dir, n, svg) in frames {
        let what = if svg { "DOT and SVG" } else { "DOT" };
        eprintln!(
            "{}",
            super::t(
                "wrote-frames",
                &[
                    ("count", n.to_string().into()),
                    ("what", what.into()),
                    ("folder", dir.display().to_string().into()),
                ],
            )
        );
    }
    if dot::graphviz_installed() {
        return Ok(());
    }
    let mut missing: Vec<String> = args
        .rendered()
        .iter()
        .map(|(flag, path)| format!("{flag} {}", path.display()))
        .collect();
    if let Some(dir) = &args.frames {
        missing.push(super::t(
            "draw-svg-frames",
            &[("folder", dir.display().to_string().into())],
        ));
    }
    if missing.is_empty() {
        return Ok(());
    }
    let what = missing.join(", ");
    let why = graphviz_missing();
    if args.rendered().is_empty() {
        eprintln!(
            "{}",
            super::t(
                "draw-not-drawn",
                &[("what", what.into()), ("why", why.into())]
            )
        );
        return Ok(());
    }
    Err(Failure::failed(super::t(
        "draw-not-written",
        &[("what", what.into()), ("why", why.into())],
    )))
}

/// Graphviz's `dot` is missing, and how to install it, in this run's language.
pub fn graphviz_missing() -> String {
    match super::lang() {
        gradgraph_i18n::Lang::En => dot::GRAPHVIZ_MISSING.to_owned(),
        _ => super::t("graphviz-missing", &[]),
    }
}

fn wrote(path: &Path) {
    eprintln!(
        "{}",
        super::t("wrote", &[("path", path.display().to_string().into())])
    );
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
        let y = gradgraph_course::examples::neuron(g);
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
            rankdir: RankDirChoice::Tb,
            ..DrawArgs::default()
        };
        let mut outputs = OutputSet::new();
        draw(&g, y, &args, &mut outputs).unwrap();
        assert!(
            !dir.join("n.dot").exists(),
            "nothing in place before the commit"
        );
        commit(outputs, &args).unwrap();
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

    #[derive(clap::Parser)]
    struct Flags {
        #[command(flatten)]
        draw: DrawArgs,
    }

    #[test]
    fn bad_values_are_refused_while_parsing() {
        use clap::Parser;
        let parse = |args: &[&str]| {
            Flags::try_parse_from(std::iter::once("draw").chain(args.iter().copied()))
                .map(|f| f.draw)
        };
        let err = parse(&["--rankdir", "RL"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        let text = err.to_string();
        assert!(
            text.contains("'RL'") && text.contains("--rankdir"),
            "{text}"
        );
        assert!(text.contains("[possible values: LR, TB]"), "{text}");
        let text = parse(&["--max-frames", "0"]).unwrap_err().to_string();
        assert!(
            text.contains("'0' for '--max-frames <N>': expected a number of frames from 1 to"),
            "{text}"
        );
        // in any case; --collapse alone is neurons
        let args = parse(&["--rankdir", "tb", "--collapse"]).unwrap();
        assert_eq!(args.rankdir, RankDirChoice::Tb);
        assert_eq!(args.collapse(), Some(Collapse::Innermost));
        let options = args.options_for(None);
        assert_eq!(options.collapse, Collapse::Innermost);
        assert!(options.legend, "a legend unless --no-legend");
    }

    #[test]
    fn no_legend_and_rankdir_reach_the_picture() {
        use clap::Parser;
        let flags = Flags::try_parse_from(["draw", "--no-legend", "--rankdir", "TB"]).unwrap();
        let g = Graph::new();
        let y = neuron(&g);
        let options = flags.draw.options_for(Some(y));
        assert!(!options.legend);
        let text = dot::to_dot(&g, &options);
        assert!(text.contains("rankdir=TB"), "{text}");
        assert!(!text.contains("legend"), "{text}");
        let collapsed = dot::to_dot(&g, &options.collapse(Collapse::Outermost));
        assert!(!collapsed.contains("legend"), "{collapsed}");
    }

    #[test]
    fn unwritable_file_is_exit_2_and_leaves_nothing() {
        let dir = scratch("bad");
        let g = Graph::new();
        let y = neuron(&g);
        let args = DrawArgs {
            dot: Some(dir.join("missing/n.dot")),
            ..DrawArgs::default()
        };
        let failure = draw(&g, y, &args, &mut OutputSet::new()).unwrap_err();
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
            ..DrawArgs::default()
        };
        assert_eq!(
            draw(&g, y, &args, &mut OutputSet::new()).unwrap_err().code,
            2
        );
        assert_eq!(args.check().unwrap_err().code, 2);
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            0,
            "temporary files left"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

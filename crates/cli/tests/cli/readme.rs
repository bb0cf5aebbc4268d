//! The README and the guide (`book/src/**/*.md`) tell the truth about the program. In each of
//! those files:
//!
//! - every `console` block is what its `$ gradgraph ...` commands print (stdout, then
//!   stderr), run by the built binary in a scratch folder of its own per file, with wall
//!   times (`0.028 s`) replaced by a placeholder on both sides;
//! - every `gradgraph` command of an `sh` block runs and succeeds;
//! - a block marked `<!-- checked: printed by the tour, section N -->` holds lines the tour
//!   (`gradgraph` with no arguments) prints in section N, in that order (`...` stands for
//!   lines left out, so each run of lines between two `...` is printed as it stands);
//! - a block marked `<!-- checked: lines of FILE written by gradgraph ARGS -->` holds lines
//!   of FILE, in the same way, after that command ran in a scratch folder;
//! - every relative link and picture leads to a file or folder that exists, and a link to a
//!   heading of a Markdown file (`train.md#in-code`) to a heading that exists (in
//!   CHANGELOG.md and BENCHMARKS.md too).
//!
//! Beside those: the guide's tour chapter has one section for each section the tour prints,
//! naming its example, and names every file the tour writes; every section of the tour is
//! quoted by at least one checked block; the dependencies "Embedding it" lists are those
//! `cargo tree` finds; every chapter with Rust code is compiled as doctests (`src/lib.rs`).
//!
//! Commands that draw with Graphviz (`--svg`, `--png`, `--html`, `--frames`, `--tikz`) are
//! skipped, with a note, when `dot` is not installed (CI installs it). Every failure names
//! the file and the line.

use crate::common::{gradgraph_with, scratch, skipped, stderr, stdout};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(crate::ROOT)
}

/// One Markdown file of the documentation: its path from the repository's root and its
/// text.
struct Doc {
    path: PathBuf,
    text: String,
}

impl Doc {
    /// `README.md:12`, for messages.
    fn at(&self, line: usize) -> String {
        format!("{}:{line}", self.path.display())
    }
}

/// The README, then every chapter of the guide (`book/src`, its folders included), in the
/// order of their paths.
fn docs() -> Vec<Doc> {
    let mut paths = vec![PathBuf::from("README.md"), PathBuf::from("LEIAME.md")];
    let mut folders = vec![PathBuf::from("book/src")];
    let mut chapters = Vec::new();
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(root().join(&folder))
            .unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        for entry in entries {
            let entry = entry.expect("a folder entry");
            let path = folder.join(entry.file_name());
            if entry.path().is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                chapters.push(path);
            }
        }
    }
    chapters.sort();
    paths.extend(chapters);
    paths
        .into_iter()
        .map(|path| Doc {
            text: std::fs::read_to_string(root().join(&path))
                .unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            path,
        })
        .collect()
}

/// The guide's chapter at `path` (from the repository's root).
fn doc(path: &str) -> Doc {
    docs()
        .into_iter()
        .find(|d| d.path == Path::new(path))
        .unwrap_or_else(|| panic!("no {path}"))
}

/// A fenced code block: its language, the line its text starts on (1-based), the line
/// before its fence when that is a `<!-- ... -->` comment, and its text.
struct Block {
    lang: String,
    line: usize,
    marker: Option<String>,
    text: String,
}

/// Every fenced block of `doc`, in order.
fn blocks(doc: &Doc) -> Vec<Block> {
    let mut found = Vec::new();
    let mut open: Option<Block> = None;
    let mut previous = "";
    for (k, line) in doc.text.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(lang)) => {
                let marker = previous.trim();
                open = Some(Block {
                    lang: lang.trim().to_owned(),
                    line: k + 2,
                    marker: (marker.starts_with("<!--") && marker.ends_with("-->"))
                        .then(|| marker.to_owned()),
                    text: String::new(),
                })
            }
            (Some(_), Some(_)) => found.extend(open.take()),
            (Some(block), None) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            (None, None) => {}
        }
        previous = line;
    }
    if let Some(block) = open {
        panic!("{}: a code block is not closed", doc.at(block.line - 1));
    }
    found
}

/// The lines of `doc` outside fenced blocks, with their numbers (1-based).
fn prose(doc: &Doc) -> Vec<(usize, &str)> {
    let mut inside = false;
    let mut found = Vec::new();
    for (k, line) in doc.text.lines().enumerate() {
        if line.starts_with("```") {
            inside = !inside;
        } else if !inside {
            found.push((k + 1, line));
        }
    }
    found
}

/// Splits a command line as a shell would, for the simple quoting the README uses (single
/// and double quotes, no escapes inside them).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    assert!(quote.is_none(), "unbalanced quotes in {line:?}");
    if in_word {
        words.push(word);
    }
    words
}

/// Wall times (`0.028 s`, `1.62 s`) replaced by `<time> s`: the one thing that varies from
/// run to run.
fn without_times(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut k = 0;
    while k < chars.len() {
        let starts_number =
            chars[k].is_ascii_digit() && (k == 0 || !chars[k - 1].is_alphanumeric());
        if starts_number {
            let mut j = k;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            let point = j;
            if j < chars.len() && chars[j] == '.' {
                j += 1;
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
            }
            let unit = chars.get(j) == Some(&' ')
                && chars.get(j + 1) == Some(&'s')
                && chars.get(j + 2).is_none_or(|c| !c.is_alphanumeric());
            if j > point + 1 && unit {
                out.push_str("<time>");
                k = j;
                continue;
            }
            out.extend(&chars[k..j]);
            k = j;
            continue;
        }
        out.push(chars[k]);
        k += 1;
    }
    out
}

/// The flags whose output Graphviz draws.
const DRAWN: [&str; 5] = ["--svg", "--png", "--html", "--frames", "--tikz"];

fn needs_graphviz(words: &[String]) -> bool {
    words.iter().any(|w| DRAWN.contains(&w.as_str()))
}

/// Runs `gradgraph ARGS` in `dir`, after copying there every file of the repository the
/// arguments name (`tests/fixtures/moons.csv`), at the same relative path.
fn run_in(dir: &Path, args: &[String], input: Option<&str>) -> Output {
    for arg in args {
        let source = root().join(arg);
        if !arg.is_empty() && !arg.starts_with('-') && source.is_file() {
            let target = dir.join(arg);
            std::fs::create_dir_all(target.parent().expect("a parent folder"))
                .expect("a folder for the input file");
            std::fs::copy(&source, &target).expect("the input file copied");
        }
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    gradgraph_with(&args, input.unwrap_or(""), Some(dir), None)
}

/// A command whose standard input is piped from `printf` (`printf '0.5\n1\n' | gradgraph
/// quiz ...`, as the quiz's examples are): what printf prints (its `\n` as newlines) and the
/// command after the pipe. Other commands are returned as they are.
fn piped(command: &str) -> (Option<String>, &str) {
    match command.split_once(" | ") {
        Some((left, right)) if left.starts_with("printf ") => {
            let words = shell_words(left);
            assert_eq!(words.len(), 2, "`{left}`: printf with one quoted argument");
            (Some(words[1].replace("\\n", "\n")), right)
        }
        _ => (None, command),
    }
}

/// One `$ gradgraph ...` of a console block and the output shown under it.
struct Example {
    line: usize,
    command: String,
    shown: String,
}

/// The commands of a console block of `doc` (a command continued with ` \` runs on to the
/// next line) and what is shown under each.
fn examples(doc: &Doc, block: &Block) -> Vec<Example> {
    let mut found: Vec<Example> = Vec::new();
    let mut continued = false;
    for (k, line) in block.text.lines().enumerate() {
        if let Some(command) = line.strip_prefix("$ ") {
            found.push(Example {
                line: block.line + k,
                command: command.trim_end_matches('\\').trim_end().to_owned(),
                shown: String::new(),
            });
            continued = line.ends_with('\\');
            continue;
        }
        let current = found
            .last_mut()
            .unwrap_or_else(|| panic!("{}: output before any `$ `", doc.at(block.line + k)));
        if continued {
            current.command.push(' ');
            current
                .command
                .push_str(line.trim().trim_end_matches('\\').trim_end());
            continued = line.ends_with('\\');
        } else {
            current.shown.push_str(line);
            current.shown.push('\n');
        }
    }
    found
}

/// A scratch folder for the commands of one file, shared by them in their order (an example
/// may read a file an earlier one wrote).
fn scratch_for(dir: &Path, doc: &Doc) -> PathBuf {
    let name = doc.path.display().to_string().replace(['/', '.'], "_");
    let folder = dir.join(name);
    std::fs::create_dir_all(&folder).expect("a scratch folder for one file");
    folder
}

/// Set to rewrite the documentation's console outputs with what the program prints (after
/// a change that moves a printed digit, as `TRYCMD=overwrite` does for trycmd); read the
/// diff before committing it.
const BLESS: &str = "GRADGRAPH_BLESS";

#[test]
fn every_console_block_is_what_the_program_prints() {
    let dir = scratch("readme-console");
    let mut found: BTreeMap<String, usize> = BTreeMap::new();
    let mut checked = 0;
    let bless = std::env::var_os(BLESS).is_some();
    for doc in docs() {
        let folder = scratch_for(&dir, &doc);
        let mut blessed = doc.text.clone();
        for block in blocks(&doc).iter().filter(|b| b.lang == "console") {
            for example in examples(&doc, block) {
                *found.entry(doc.path.display().to_string()).or_default() += 1;
                let at = doc.at(example.line);
                let (input, command) = piped(&example.command);
                let words = shell_words(command);
                assert_eq!(
                    words.first().map(String::as_str),
                    Some("gradgraph"),
                    "{at}: a console block runs gradgraph"
                );
                if needs_graphviz(&words) && !gradgraph_draw::graphviz_installed() {
                    skipped(&format!(
                        "{at} (`{}`): Graphviz `dot` not installed",
                        example.command
                    ));
                    continue;
                }
                let out = run_in(&folder, &words[1..], input.as_deref());
                // stdout comes first: it is flushed before anything is written on stderr
                let printed = stdout(&out) + &stderr(&out);
                if bless && without_times(&printed) != without_times(&example.shown) {
                    blessed = blessed.replacen(&example.shown, &printed, 1);
                    continue;
                }
                assert_eq!(
                    without_times(&printed),
                    without_times(&example.shown),
                    "{at}: `{}` prints something else",
                    example.command
                );
                checked += 1;
            }
        }
        if bless && blessed != doc.text {
            std::fs::write(root().join(&doc.path), blessed).expect("the blessed document");
        }
    }
    assert!(
        !bless,
        "{BLESS}: the documents were rewritten; read the diff"
    );
    // the README's trace; the guide's expressions, their errors, training, quiz, predict
    assert!(
        found.get("README.md").is_some_and(|&n| n >= 1),
        "the README has no console example: {found:?}"
    );
    let in_book: usize = found
        .iter()
        .filter(|(path, _)| path.starts_with("book/"))
        .map(|(_, n)| n)
        .sum();
    assert!(
        in_book >= 20,
        "only {in_book} console commands in book/src: {found:?}"
    );
    assert!(checked > 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_gradgraph_command_of_an_sh_block_runs() {
    let dir = scratch("readme-sh");
    let mut ran = 0;
    let mut found = 0;
    for doc in docs() {
        let folder = scratch_for(&dir, &doc);
        for block in blocks(&doc).iter().filter(|b| b.lang == "sh") {
            for (k, line) in block.text.lines().enumerate() {
                // a comment after the command is for the reader
                let command = line.split(" #").next().unwrap_or("").trim();
                let words = shell_words(command);
                if words.first().map(String::as_str) != Some("gradgraph") {
                    continue;
                }
                found += 1;
                let at = doc.at(block.line + k);
                if needs_graphviz(&words) && !gradgraph_draw::graphviz_installed() {
                    skipped(&format!("{at} (`{command}`): Graphviz `dot` not installed"));
                    continue;
                }
                let out = run_in(&folder, &words[1..], None);
                assert!(
                    out.status.success(),
                    "{at}: `{command}` failed: {}",
                    stderr(&out)
                );
                ran += 1;
            }
        }
    }
    assert!(
        found >= 10,
        "only {found} gradgraph commands found in sh blocks"
    );
    assert!(ran >= 2, "only {ran} of {found} sh commands could run");
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------------
// the tour

/// One section of the tour's output: its number, title and example, what it prints (the
/// `wrote:` lines left out) and the files those lines name.
struct Section {
    number: usize,
    title: String,
    example: String,
    body: String,
    files: Vec<String>,
}

/// The sections of the tour's output.
fn tour_sections(output: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    for line in output.lines().skip(1) {
        let heading = line
            .strip_prefix("== ")
            .and_then(|l| l.strip_suffix(".rs) =="));
        if let Some(heading) = heading {
            // `1. Title (0.12 s; examples/01_chain_rule`
            let (number, rest) = heading.split_once(". ").expect("N. title");
            let (title, rest) = rest.rsplit_once(" (").expect("(time; example)");
            let example = rest.rsplit_once("examples/").expect("examples/NAME").1;
            sections.push(Section {
                number: number.parse().expect("a section number"),
                title: title.to_owned(),
                example: example.to_owned(),
                body: String::new(),
                files: Vec::new(),
            });
        } else if let Some(section) = sections.last_mut() {
            // `  wrote: graphs/chain.svg (the chain's graph, after backward)`
            match line.strip_prefix("  wrote: ") {
                Some(file) => {
                    let (path, what) = file.split_once(" (").expect("wrote: PATH (what it is)");
                    assert!(
                        what.ends_with(')') && what.len() > 1,
                        "the tour says what {path} is: {line}"
                    );
                    section.files.push(path.to_owned());
                }
                None => {
                    section.body.push_str(line);
                    section.body.push('\n');
                }
            }
        }
    }
    sections
}

/// Runs the tour in a scratch folder and returns what it printed, without the paragraph
/// that names the pictures it could not draw when Graphviz is missing.
fn tour_output() -> String {
    let dir = scratch("readme-tour");
    let start = std::time::Instant::now();
    let out = run_in(&dir, &[], None);
    println!(
        "the tour took {:.2} s in the test profile",
        start.elapsed().as_secs_f64()
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // the tour leaves the checkout as it was: the page it writes is the committed one
    let page = "graphs/two_neurons.html";
    let written = std::fs::read(dir.join(page)).expect("the tour writes the live page");
    let committed = std::fs::read(root().join(page)).expect("the committed page");
    assert!(
        written == committed,
        "{page} is not what the tour writes: run `cargo run --release` and commit {page}"
    );
    let mut printed = stdout(&out);
    if !gradgraph_draw::graphviz_installed() {
        let note = printed
            .find("\nGraphviz's `dot` is not installed")
            .expect("the tour says what it did not draw");
        let end = printed[note + 1..]
            .find("\n\n")
            .map_or(printed.len(), |e| note + 1 + e);
        printed.replace_range(note..end, "");
        skipped("the tour's pictures of graphs: Graphviz `dot` not installed");
    }
    std::fs::remove_dir_all(&dir).expect("the scratch folder removed");
    printed
}

/// Whether `lines` are a run of consecutive lines of `text` starting at or after line
/// `from`; the line after the run if so.
fn find_run(text: &[String], lines: &[String], from: usize) -> Option<usize> {
    (from..=text.len().saturating_sub(lines.len()))
        .find(|&k| text[k..k + lines.len()] == *lines)
        .map(|k| k + lines.len())
}

#[test]
fn the_guide_tells_what_the_tour_prints() {
    let printed = tour_output();
    let sections = tour_sections(&printed);
    assert_eq!(sections.len(), 8, "the tour's sections:\n{printed}");
    // each section ends in its conclusion, one sentence; every file is said for what it is
    // (above), and the live page how to open it
    for s in &sections {
        let conclusions: Vec<&str> = s
            .body
            .lines()
            .filter(|l| l.starts_with("  conclusion: "))
            .collect();
        // the line after it, if any, is blank: the last section's body goes on with the
        // tour's closing paragraph
        let lines: Vec<&str> = s.body.lines().collect();
        let at = lines.iter().position(|l| l.starts_with("  conclusion: "));
        let last = at.is_some_and(|k| lines.get(k + 1).is_none_or(|l| l.is_empty()));
        assert!(
            conclusions.len() == 1 && last && conclusions[0].ends_with('.'),
            "section {} ends in one sentence of conclusion:\n{}",
            s.number,
            s.body
        );
    }
    assert!(
        printed.contains("open graphs/two_neurons.html in a browser"),
        "{printed}"
    );

    // the tour's chapter: one section per section of the tour, naming its example, and
    // every file the tour writes
    let tour = doc("book/src/tour.md");
    let lines: Vec<(usize, &str)> = prose(&tour);
    let headings: Vec<(usize, &str)> = lines
        .iter()
        .filter(|(_, l)| l.starts_with("## ") && l[3..].starts_with(|c: char| c.is_ascii_digit()))
        .copied()
        .collect();
    let shown: Vec<String> = headings.iter().map(|(_, h)| h.to_string()).collect();
    let printed_headings: Vec<String> = sections
        .iter()
        .map(|s| format!("## {}. {}", s.number, s.title))
        .collect();
    assert_eq!(
        shown,
        printed_headings,
        "{}: the tour chapter's numbered sections are the tour's",
        tour.path.display()
    );
    let targets: BTreeSet<PathBuf> = links(&tour)
        .into_iter()
        .filter_map(|(_, target)| resolve(&tour, &target).map(|(path, _)| path))
        .collect();
    for (k, section) in sections.iter().enumerate() {
        let (line, _) = headings[k];
        let end = headings.get(k + 1).map_or(usize::MAX, |h| h.0);
        let part: Vec<&str> = lines
            .iter()
            .filter(|(n, _)| (line..end).contains(n))
            .map(|(_, l)| *l)
            .collect();
        let run = format!(
            "`cargo run --release --example {0}` (examples/{0}.rs)",
            section.example
        );
        assert!(
            part.join(" ").contains(&run),
            "{}: section {} should say {run}",
            tour.at(line),
            section.number
        );
        for file in &section.files {
            // a DOT file is named by the picture drawn from it, or by itself
            let file = PathBuf::from(file.trim_end_matches('/'));
            let picture = file.with_extension("svg");
            let dot = file.extension().is_some_and(|e| e == "dot");
            assert!(
                targets.contains(&file) || (dot && targets.contains(&picture)),
                "{}: the tour writes {} in section {}, but its chapter does not link to it",
                tour.path.display(),
                file.display(),
                section.number
            );
        }
    }

    // the blocks quoted from the tour, wherever they are
    let mut quoted: BTreeMap<usize, usize> = BTreeMap::new();
    for doc in docs() {
        for block in blocks(&doc) {
            let Some(marker) = &block.marker else {
                continue;
            };
            if marker.starts_with(FILE_MARKER) {
                continue; // every_file_excerpt_is_in_the_file_written
            }
            let Some(number) = marker
                .strip_prefix("<!-- checked: printed by the tour, section ")
                .and_then(|m| m.strip_suffix(" -->"))
            else {
                panic!(
                    "{}: unknown marker {marker:?}; write \
                     `<!-- checked: printed by the tour, section N -->` or \
                     `{FILE_MARKER}FILE written by gradgraph ARGS -->`",
                    doc.at(block.line - 2)
                )
            };
            let at = doc.at(block.line);
            let number: usize = number
                .parse()
                .unwrap_or_else(|_| panic!("{at}: section {number:?} is not a number"));
            let section = sections
                .iter()
                .find(|s| s.number == number)
                .unwrap_or_else(|| panic!("{at}: the tour has no section {number}"));
            let what = format!("section {number} of the tour");
            check_excerpt(&at, &block.text, &section.body, &what);
            *quoted.entry(number).or_default() += 1;
        }
    }
    for section in &sections {
        assert!(
            quoted.contains_key(&section.number),
            "no block of the guide quotes section {} of the tour ({})",
            section.number,
            section.title
        );
    }
}

/// Checks that the lines of `shown` are lines of `text`, in order (after wall times are
/// replaced): each run of lines between two `...` lines is a run of consecutive lines of
/// `text`, after the run before it. `what` names `text` in the message.
fn check_excerpt(at: &str, shown: &str, text: &str, what: &str) {
    let lines: Vec<String> = without_times(text).lines().map(str::to_owned).collect();
    let shown = without_times(shown);
    let mut from = 0;
    for run in shown
        .lines()
        .collect::<Vec<_>>()
        .split(|l| l.trim() == "...")
    {
        let run: Vec<String> = run.iter().map(|l| l.to_string()).collect();
        from = find_run(&lines, &run, from).unwrap_or_else(|| {
            panic!(
                "{at}: these lines are not in {what} (in this order, after the lines above \
                 them):\n{}\n\n{what} is:\n{text}",
                run.join("\n")
            )
        });
    }
}

/// The marker of a block quoting a file that a command writes:
/// `<!-- checked: lines of FILE written by gradgraph ARGS -->`.
const FILE_MARKER: &str = "<!-- checked: lines of ";

#[test]
fn every_file_excerpt_is_in_the_file_written() {
    let dir = scratch("readme-files");
    let mut checked = 0;
    for doc in docs() {
        for block in blocks(&doc) {
            let Some(marker) = block.marker.as_deref() else {
                continue;
            };
            let Some(rest) = marker.strip_prefix(FILE_MARKER) else {
                continue;
            };
            let at = doc.at(block.line);
            let (file, command) = rest
                .strip_suffix(" -->")
                .and_then(|r| r.split_once(" written by "))
                .unwrap_or_else(|| {
                    panic!("{at}: write `{FILE_MARKER}FILE written by gradgraph ARGS -->`")
                });
            let words = shell_words(command);
            assert_eq!(
                words.first().map(String::as_str),
                Some("gradgraph"),
                "{at}: the file is written by gradgraph"
            );
            if needs_graphviz(&words) && !gradgraph_draw::graphviz_installed() {
                skipped(&format!("{at} (`{command}`): Graphviz `dot` not installed"));
                continue;
            }
            let folder = scratch_for(&dir, &doc).join(format!("block-{}", block.line));
            std::fs::create_dir_all(&folder).expect("a scratch folder for one block");
            let out = run_in(&folder, &words[1..], None);
            assert!(
                out.status.success(),
                "{at}: `{command}` failed: {}",
                stderr(&out)
            );
            let text = std::fs::read_to_string(folder.join(file))
                .unwrap_or_else(|e| panic!("{at}: `{command}` wrote no {file}: {e}"));
            check_excerpt(&at, &block.text, &text, file);
            checked += 1;
        }
    }
    // the LaTeX derivation and the quiz's answer key
    assert!(checked >= 2, "only {checked} excerpts of files checked");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn without_times_replaces_only_wall_times() {
    assert_eq!(
        without_times("for 300 steps in 0.028 s\nThe tour took 1.62 s. Each"),
        "for 300 steps in <time> s\nThe tour took <time> s. Each"
    );
    // numbers that are not seconds stay
    assert_eq!(
        without_times("x1 0.5 steps 12 sx 0.5 s2"),
        "x1 0.5 steps 12 sx 0.5 s2"
    );
}

#[test]
fn find_run_needs_consecutive_lines_in_order() {
    let text: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
    let run = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    assert_eq!(find_run(&text, &run(&["b", "c"]), 0), Some(3));
    assert_eq!(find_run(&text, &run(&["b", "d"]), 0), None);
    assert_eq!(find_run(&text, &run(&["b"]), 2), None);
    assert_eq!(find_run(&text, &run(&["e"]), 0), None);
}

// ---------------------------------------------------------------------------------------
// links

/// Every link and picture of `doc` outside code blocks: its line and its target.
fn links(doc: &Doc) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (line, text) in prose(doc) {
        let mut rest = text;
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            let end = rest
                .find(')')
                .unwrap_or_else(|| panic!("{}: a link without `)`", doc.at(line)));
            found.push((line, rest[..end].to_owned()));
            rest = &rest[end..];
        }
    }
    found
}

/// Where a relative link of `doc` leads, from the repository's root, and the heading it
/// names; `None` for a link to the web.
fn resolve(doc: &Doc, target: &str) -> Option<(PathBuf, Option<String>)> {
    if target.contains("://") || target.starts_with("mailto:") {
        return None;
    }
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor.to_owned())),
        None => (target, None),
    };
    if path.is_empty() {
        return Some((doc.path.clone(), anchor));
    }
    let mut resolved = doc.path.parent().map(Path::to_path_buf).unwrap_or_default();
    for part in Path::new(path).components() {
        match part {
            std::path::Component::ParentDir => {
                assert!(
                    resolved.pop(),
                    "{}: {target} leads out of the repository",
                    doc.path.display()
                );
            }
            std::path::Component::CurDir => {}
            other => resolved.push(other),
        }
    }
    Some((resolved, anchor))
}

/// The anchors GitHub gives the headings of `doc`: lower case, spaces as `-`, punctuation
/// other than `-` and `_` dropped, a repeated one numbered `-1`, `-2`, ...
fn anchors(doc: &Doc) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (_, line) in prose(doc) {
        let hashes = line.len() - line.trim_start_matches('#').len();
        if hashes == 0 || !line[hashes..].starts_with(' ') {
            continue;
        }
        let slug: String = line[hashes..]
            .trim()
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect();
        let mut unique = slug.clone();
        let mut k = 0;
        while found.contains(&unique) {
            k += 1;
            unique = format!("{slug}-{k}");
        }
        found.insert(unique);
    }
    found
}

#[test]
fn every_link_leads_to_a_file_that_exists() {
    // the README and the guide, and the two files they link to beside them
    let mut all = docs();
    for path in ["CHANGELOG.md", "BENCHMARKS.md"] {
        let text = std::fs::read_to_string(root().join(path)).expect(path);
        all.push(Doc {
            path: PathBuf::from(path),
            text,
        });
    }
    let mut checked = 0;
    for doc in &all {
        for (line, target) in links(doc) {
            let Some((path, anchor)) = resolve(doc, &target) else {
                continue;
            };
            assert!(
                root().join(&path).exists(),
                "{}: the link {target} leads to {}, which does not exist",
                doc.at(line),
                path.display()
            );
            if let Some(anchor) = anchor {
                let heading = all
                    .iter()
                    .find(|d| d.path == path)
                    .map(anchors)
                    .unwrap_or_else(|| {
                        let text = std::fs::read_to_string(root().join(&path))
                            .unwrap_or_else(|e| panic!("{}: {e}", doc.at(line)));
                        anchors(&Doc {
                            path: path.clone(),
                            text,
                        })
                    });
                assert!(
                    heading.contains(&anchor),
                    "{}: the link {target}: {} has no heading #{anchor} (it has {heading:?})",
                    doc.at(line),
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 100, "only {checked} links checked");
}

#[test]
fn the_summary_lists_every_chapter() {
    let summary = doc("book/src/SUMMARY.md");
    let listed: BTreeSet<PathBuf> = links(&summary)
        .into_iter()
        .filter_map(|(_, target)| resolve(&summary, &target).map(|(path, _)| path))
        .collect();
    for doc in docs() {
        if doc.path.starts_with("book/src") && doc.path != summary.path {
            assert!(
                listed.contains(&doc.path),
                "{}: {} is not listed",
                summary.path.display(),
                doc.path.display()
            );
        }
    }
}

#[test]
fn every_chapter_with_rust_code_is_a_doctest() {
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).expect("src/lib.rs");
    for doc in docs() {
        let rust = blocks(&doc)
            .into_iter()
            .find(|b| b.lang == "rust" || b.lang.starts_with("rust,"));
        if let Some(block) = rust {
            let include = format!("include_str!(\"../{}\")", doc.path.display());
            assert!(
                lib.contains(&include),
                "{}: Rust code, but src/lib.rs has no #[doc = {include}] to run it",
                doc.at(block.line)
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// the dependencies

/// Runs cargo (the one running the tests) in the repository, offline.
fn cargo(args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .args(args)
        .arg("--offline")
        .current_dir(root())
        .output()
        .expect("cargo runs");
    assert!(out.status.success(), "cargo {args:?}: {}", stderr(&out));
    stdout(&out)
}

/// The crates package `package` depends on, at any depth (normal dependencies, proc-macros
/// included), the workspace's own left out: `name version`.
fn crates(package: &str) -> BTreeSet<String> {
    cargo(&["tree", "-p", package, "-e", "normal", "--prefix", "none"])
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            Some(format!("{} {}", words.next()?, words.next()?))
        })
        .filter(|c| !c.starts_with("gradgraph"))
        .collect()
}

/// `name` written as the README writes it, in backticks or not.
fn names(list: &str) -> BTreeSet<String> {
    list.split([',', ' '])
        .map(|w| w.trim().trim_matches('`'))
        .filter(|w| !w.is_empty() && *w != "and")
        .map(str::to_owned)
        .collect()
}

/// The number just before `what` in `text` ("34 crates" → 34).
fn number_before(text: &str, what: &str) -> usize {
    let at = text
        .find(what)
        .unwrap_or_else(|| panic!("no {what:?} in {text:?}"));
    text[..at]
        .trim_end()
        .rsplit(' ')
        .next()
        .and_then(|n| n.replace(',', "").parse().ok())
        .unwrap_or_else(|| panic!("no number before {what:?} in {text:?}"))
}

#[test]
fn the_dependencies_embedding_it_lists_are_cargos() {
    // the one file that has the section, and the section from its heading to the next
    let heading = "## Embedding it";
    let found: Vec<(Doc, usize)> = docs()
        .into_iter()
        .filter_map(|doc| {
            let line = prose(&doc).iter().find(|(_, l)| *l == heading)?.0;
            Some((doc, line))
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one file should have the section {heading:?}: {:?}",
        found.iter().map(|(d, _)| d.at(0)).collect::<Vec<_>>()
    );
    let (doc, line) = &found[0];
    let at = doc.at(*line);
    let part: String = prose(doc)
        .into_iter()
        .skip_while(|(n, _)| n < line)
        .enumerate()
        .take_while(|(k, (_, l))| *k == 0 || !(l.starts_with("# ") || l.starts_with("## ")))
        .map(|(_, (_, l))| format!("{l}\n"))
        .collect();

    // each package's own dependencies as cargo reads them, the workspace's left out
    let metadata: serde_json::Value =
        serde_json::from_str(&cargo(&["metadata", "--no-deps", "--format-version", "1"]))
            .expect("cargo metadata's JSON");
    let own = |name: &str| -> BTreeSet<String> {
        let package = metadata["packages"]
            .as_array()
            .and_then(|p| p.iter().find(|p| p["name"] == name))
            .unwrap_or_else(|| panic!("the package {name}"));
        package["dependencies"]
            .as_array()
            .expect("dependencies")
            .iter()
            .filter(|d| d["kind"].is_null())
            .map(|d| d["name"].as_str().expect("a name").to_owned())
            .filter(|d| !d.starts_with("gradgraph"))
            .collect()
    };

    // "depends directly on A and B: N crates in all besides gradgraph", wrapped
    let words = part.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = words
        .split("depends directly on ")
        .nth(1)
        .and_then(|s| s.split_once(':'))
        .unwrap_or_else(|| panic!("{at}: no sentence \"depends directly on ...: N crates\""));
    assert_eq!(
        names(sentence.0),
        own("gradgraph"),
        "{at}: the engine's own dependencies (Cargo.toml)"
    );
    let engine = crates("gradgraph");
    assert_eq!(
        number_before(sentence.1, "crates in all"),
        engine.len(),
        "{at}: the crates of the engine: {engine:?}"
    );

    // the table: | `crate` | adds | dependencies: N more crates ... |
    let rows: Vec<Vec<&str>> = part
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    let listed: BTreeSet<String> = rows
        .iter()
        .map(|r| r[0].trim_matches('`').to_owned())
        .collect();
    // every published crate (the benchmarks' crate is not one to embed)
    let members: BTreeSet<String> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter(|p| p["publish"] != serde_json::json!([]))
        .map(|p| p["name"].as_str().expect("a name").to_owned())
        .filter(|name| name != "gradgraph")
        .collect();
    assert_eq!(listed, members, "{at}: one row per crate beside the engine");
    for row in &rows {
        let package = row[0].trim_matches('`');
        let cell = row.last().expect("a cell");
        let (list, rest) = cell
            .split_once(':')
            .unwrap_or_else(|| panic!("{at}: `{package}`: \"NAMES: N more crates\": {cell}"));
        assert_eq!(
            names(list),
            own(package),
            "{at}: `{package}`: the dependencies it names (Cargo.toml)"
        );
        let added = crates(package).difference(&engine).count();
        assert_eq!(
            number_before(rest, "more crates"),
            added,
            "{at}: `{package}`: the crates it adds to the engine's"
        );
    }
}

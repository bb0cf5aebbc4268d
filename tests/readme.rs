//! The README tells the truth about the program:
//!
//! - every `console` block is what its `$ gradgraph ...` commands print (stdout, then
//!   stderr), run by the built binary in a scratch folder, with timings (`0.028 s`) replaced
//!   by a placeholder on both sides;
//! - the tour's section of the README shows what `gradgraph` with no arguments prints,
//!   section by section (the same normalisation; the `plot:` lines are left out, the
//!   pictures are shown instead);
//! - every `gradgraph` command of an `sh` block runs and succeeds;
//! - the dependencies "Embedding it" lists are those `cargo tree` finds.
//!
//! Commands that draw with Graphviz (`--svg`, `--png`, `--html`, `--frames`) are skipped,
//! with a note, when `dot` is not installed (CI installs it).

mod common;
use common::{gradgraph_with, scratch, skipped, stderr, stdout};

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

/// A fenced code block: its language, the line its text starts on (1-based) and its text.
struct Block {
    lang: String,
    line: usize,
    text: String,
}

/// Every fenced block of `text`, in order, with line numbers in the README (`text` is the
/// README or a part of it).
fn blocks(text: &str) -> Vec<Block> {
    let whole = readme();
    let before = whole
        .find(text)
        .map_or(0, |at| whole[..at].matches('\n').count());
    let mut found = blocks_of(text);
    for block in &mut found {
        block.line += before;
    }
    found
}

/// Every fenced block of `text`, in order, numbered from its first line.
fn blocks_of(text: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut open: Option<Block> = None;
    for (k, line) in text.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(lang)) => {
                open = Some(Block {
                    lang: lang.trim().to_owned(),
                    line: k + 2,
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
    }
    assert!(open.is_none(), "a code block of the README is not closed");
    found
}

/// The part of `text` from the heading `heading` to the next heading of its level.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let level = heading.len() - heading.trim_start_matches('#').len();
    let start = text
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("the README has no heading {heading:?}"));
    let rest = &text[start + 1..];
    let end = rest[heading.len()..]
        .match_indices('\n')
        .map(|(i, _)| i + heading.len() + 1)
        .find(|&i| {
            let line = &rest[i..];
            let hashes = line.len() - line.trim_start_matches('#').len();
            (1..=level).contains(&hashes) && line[hashes..].starts_with(' ')
        })
        .unwrap_or(rest.len());
    &rest[..end]
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
const DRAWN: [&str; 4] = ["--svg", "--png", "--html", "--frames"];

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

/// The commands of a console block (a command continued with ` \` runs on to the next
/// line) and what is shown under each.
fn examples(block: &Block) -> Vec<Example> {
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
            .unwrap_or_else(|| panic!("README line {}: output before any `$ `", block.line + k));
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

#[test]
fn every_console_block_is_what_the_program_prints() {
    let text = readme();
    let consoles: Vec<Block> = blocks(&text)
        .into_iter()
        .filter(|b| b.lang == "console")
        .collect();
    let all: Vec<Example> = consoles.iter().flat_map(examples).collect();
    // the expression examples, their errors, the training run, micrograd's demo
    assert!(all.len() >= 15, "only {} console commands found", all.len());
    let dir = scratch("readme-console");
    let mut checked = 0;
    for example in &all {
        let (input, command) = piped(&example.command);
        let words = shell_words(command);
        assert_eq!(
            words.first().map(String::as_str),
            Some("gradgraph"),
            "README line {}: a console block runs gradgraph",
            example.line
        );
        if needs_graphviz(&words) && !gradgraph::dot::graphviz_installed() {
            skipped(&format!(
                "README line {} (`{}`): Graphviz `dot` not installed",
                example.line, example.command
            ));
            continue;
        }
        let out = run_in(&dir, &words[1..], input.as_deref());
        // stdout comes first: it is flushed before anything is written on stderr
        let printed = stdout(&out) + &stderr(&out);
        assert_eq!(
            without_times(&printed),
            without_times(&example.shown),
            "README line {}: `{}` prints something else",
            example.line,
            example.command
        );
        checked += 1;
    }
    assert!(checked > 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_gradgraph_command_of_an_sh_block_runs() {
    let text = readme();
    let dir = scratch("readme-sh");
    let mut ran = 0;
    for block in blocks(&text).iter().filter(|b| b.lang == "sh") {
        for (k, line) in block.text.lines().enumerate() {
            // a comment after the command is for the reader
            let command = line.split(" #").next().unwrap_or("").trim();
            let words = shell_words(command);
            if words.first().map(String::as_str) != Some("gradgraph") {
                continue;
            }
            let line = block.line + k;
            if needs_graphviz(&words) && !gradgraph::dot::graphviz_installed() {
                skipped(&format!(
                    "README line {line} (`{command}`): Graphviz `dot` not installed"
                ));
                continue;
            }
            let out = run_in(&dir, &words[1..], None);
            assert!(
                out.status.success(),
                "README line {line}: `{command}` failed: {}",
                stderr(&out)
            );
            ran += 1;
        }
    }
    assert!(ran >= 8, "only {ran} commands found in sh blocks");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The tour's output: its first line, then per section `(number, title, example, body)`,
/// the body without the `plot:` lines, and what follows the last section with it.
fn tour_sections(output: &str) -> (String, Vec<(usize, String, String, String)>) {
    let mut lines = output.lines();
    let first = lines.next().unwrap_or("").to_owned();
    let mut sections: Vec<(usize, String, String, String)> = Vec::new();
    for line in lines {
        let heading = line
            .strip_prefix("== ")
            .and_then(|l| l.strip_suffix(".rs) =="));
        if let Some(heading) = heading {
            // `1. Title (0.12 s; examples/01_chain_rule`
            let (number, rest) = heading.split_once(". ").expect("N. title");
            let (title, rest) = rest.rsplit_once(" (").expect("(time; example)");
            let example = rest.rsplit_once("examples/").expect("examples/NAME").1;
            sections.push((
                number.parse().expect("a section number"),
                title.to_owned(),
                example.to_owned(),
                String::new(),
            ));
        } else if let Some(section) = sections.last_mut()
            && !line.starts_with("  plot: ")
        {
            section.3.push_str(line);
            section.3.push('\n');
        }
    }
    for section in &mut sections {
        section.3 = section.3.trim_matches('\n').to_owned() + "\n";
    }
    (first, sections)
}

#[test]
fn the_tour_prints_what_the_readme_shows() {
    let text = readme();
    let tour = section(&text, "## The tour: every experiment of the course");
    let dir = scratch("readme-tour");
    let start = std::time::Instant::now();
    let out = run_in(&dir, &[], None);
    let seconds = start.elapsed().as_secs_f64();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut printed = stdout(&out);
    if !gradgraph::dot::graphviz_installed() {
        // the paragraph naming the pictures left out is the only difference
        let note = printed
            .find("\nGraphviz's `dot` is not installed")
            .expect("the tour says what it did not draw");
        let end = printed[note + 1..]
            .find("\n\n")
            .map_or(printed.len(), |e| note + 1 + e);
        printed.replace_range(note..end, "");
        skipped("the tour's pictures of graphs: Graphviz `dot` not installed (numbers checked)");
    }
    let (first, sections) = tour_sections(&printed);
    assert_eq!(sections.len(), 8, "{printed}");

    let shown = blocks(tour);
    assert_eq!(
        shown.first().map(|b| b.text.trim_end()),
        Some(first.as_str()),
        "the tour's first line"
    );
    for (number, title, example, body) in &sections {
        let heading = format!("### {number}. {title}");
        let part = section(tour, &heading);
        let run = format!("`cargo run --release --example {example}` (examples/{example}.rs)");
        assert!(
            part.contains(&run),
            "{heading}: the README should say {run}"
        );
        let block = blocks(part)
            .into_iter()
            .find(|b| b.lang == "text")
            .unwrap_or_else(|| panic!("{heading}: no text block"));
        assert_eq!(
            without_times(&block.text),
            without_times(body),
            "README line {}: section {number} of the tour prints something else",
            block.line
        );
    }
    println!("the tour took {seconds:.2} s in the test profile");
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

/// The crates the library depends on, at any depth (normal dependencies, proc-macros
/// included), with `features`, gradgraph left out: `name version`.
fn crates(features: Option<&str>) -> BTreeSet<String> {
    let mut args = vec![
        "tree",
        "--no-default-features",
        "-e",
        "normal",
        "--prefix",
        "none",
    ];
    if let Some(f) = features {
        args.extend(["--features", f]);
    }
    cargo(&args)
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            Some(format!("{} {}", words.next()?, words.next()?))
        })
        .filter(|c| !c.starts_with("gradgraph "))
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
fn the_dependencies_the_readme_lists_are_cargos() {
    let text = readme();
    let part = section(&text, "## Embedding it");

    // Cargo.toml as cargo reads it: the dependencies, optional or not, and the features
    let metadata: serde_json::Value =
        serde_json::from_str(&cargo(&["metadata", "--no-deps", "--format-version", "1"]))
            .expect("cargo metadata's JSON");
    let package = metadata["packages"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == "gradgraph"))
        .expect("the gradgraph package");
    let normal = package["dependencies"]
        .as_array()
        .expect("dependencies")
        .iter()
        .filter(|d| d["kind"].is_null());
    let required: BTreeSet<String> = normal
        .filter(|d| d["optional"] == false)
        .map(|d| d["name"].as_str().expect("a name").to_owned())
        .collect();
    let features: BTreeMap<String, Vec<String>> =
        serde_json::from_value(package["features"].clone()).expect("features");

    // "It depends directly on A, B and C: N crates in all besides gradgraph", wrapped
    let prose = part.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = prose
        .split("It depends directly on ")
        .nth(1)
        .and_then(|s| s.split_once(':'))
        .expect("the README says what the library depends on directly");
    assert_eq!(
        names(sentence.0),
        required,
        "Embedding it: the library's own dependencies (Cargo.toml)"
    );
    let lean = crates(None);
    assert_eq!(
        number_before(sentence.1, "crates in all"),
        lean.len(),
        "Embedding it: the crates of the library alone: {lean:?}"
    );

    // the table: | `feature` | adds | dependencies: N more crates ... |
    let rows: Vec<Vec<&str>> = part
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    let listed: BTreeSet<String> = rows
        .iter()
        .map(|r| r[0].trim_matches('`').to_owned())
        .collect();
    let declared: BTreeSet<String> = features
        .keys()
        .filter(|f| *f != "default")
        .cloned()
        .collect();
    assert_eq!(listed, declared, "Embedding it: one row per feature");
    for row in &rows {
        let feature = row[0].trim_matches('`');
        let cell = row.last().expect("a cell");
        let own: BTreeSet<String> = features[feature]
            .iter()
            .filter_map(|f| f.strip_prefix("dep:"))
            .map(str::to_owned)
            .collect();
        let added = crates(Some(feature)).difference(&lean).count();
        if own.is_empty() && added == 0 {
            assert!(cell.starts_with("none"), "`{feature}` adds nothing: {cell}");
            continue;
        }
        let (list, rest) = cell
            .split_once(':')
            .unwrap_or_else(|| panic!("`{feature}`: \"NAMES: N more crates\": {cell}"));
        let list = if list.starts_with("none") {
            BTreeSet::new()
        } else {
            names(list)
        };
        assert_eq!(
            list, own,
            "`{feature}`: the dependencies it names (Cargo.toml)"
        );
        assert_eq!(
            number_before(rest, "more crates"),
            added,
            "`{feature}`: the crates it adds to the library's"
        );
    }
}

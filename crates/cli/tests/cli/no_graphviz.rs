//! Without Graphviz's `dot` on the PATH, gradgraph writes what it can (the `--dot` file, the
//! DOT frames, `--save`, `--plot`, the live page of `expr --html` and `train --html`, which
//! the browser lays out), names what it could not draw and how to install Graphviz, and exits
//! with code 1 when a picture asked for (`--svg`, `--png`, the stepping page of `expr
//! --grad-graph --html`) is missing. The tour leaves the pictures already in `graphs/` as
//! they are. Each test runs the binary with a PATH that holds only an empty folder, so these
//! run (and mean the same) whether or not Graphviz is installed.

use crate::common::{scratch, stderr, stdout};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `gradgraph ARGS` in `dir` with no `dot` to be found: PATH is one empty folder.
fn without_dot(dir: &Path, args: &[&str]) -> Output {
    let empty = dir.join("empty-path");
    std::fs::create_dir_all(&empty).expect("an empty folder for PATH");
    Command::new(env!("CARGO_BIN_EXE_gradgraph"))
        .args(args)
        .current_dir(dir)
        .env("PATH", &empty)
        .output()
        .expect("the gradgraph binary runs")
}

/// The message names Graphviz's absence and both ways to install it.
fn says_how_to_install(err: &str) {
    for hint in [
        "Graphviz's `dot` program is not installed",
        "apt-get install graphviz",
        "brew install graphviz",
    ] {
        assert!(err.contains(hint), "{hint:?} missing from: {err}");
    }
}

/// The frame files of `dir`, sorted.
fn frames(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the frames folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn expr_writes_the_dot_file_and_frames_then_names_the_svg_and_exits_1() {
    let dir = scratch("nodot-expr");
    let out = without_dot(
        &dir,
        &[
            "expr", "x*y", "--at", "x=2", "--at", "y=3", "--svg", "a.svg", "--frames", "d",
            "--dot", "a.dot",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // the result is printed, the DOT outputs are written
    assert!(stdout(&out).contains("∂f/∂x = 3"), "{}", stdout(&out));
    assert!(
        std::fs::read_to_string(dir.join("a.dot"))
            .unwrap()
            .starts_with("digraph")
    );
    assert_eq!(
        frames(&dir.join("d")),
        ["frame_000.dot", "frame_001.dot", "frame_002.dot"]
    );
    assert!(!dir.join("a.svg").exists());
    // each output is accounted for
    assert!(err.contains("wrote a.dot"), "{err}");
    assert!(err.contains("wrote 3 backward frames (DOT) to d"), "{err}");
    assert!(
        err.contains("error: not written: --svg a.svg, the SVG frames of --frames d"),
        "{err}"
    );
    says_how_to_install(&err);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn grad_graph_writes_the_dot_file_and_the_derivation_then_names_the_svg_and_exits_1() {
    let dir = scratch("nodot-grad-graph");
    let out = without_dot(
        &dir,
        &[
            "expr",
            "x*x",
            "--at",
            "x=3",
            "--grad-graph",
            "--dot",
            "g.dot",
            "--svg",
            "g.svg",
            "--latex",
            "d.tex",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        std::fs::read_to_string(dir.join("g.dot"))
            .unwrap()
            .contains("∂f/∂x")
    );
    assert!(
        std::fs::read_to_string(dir.join("d.tex"))
            .unwrap()
            .contains("align*")
    );
    assert!(!dir.join("g.svg").exists());
    assert!(
        err.contains("wrote g.dot") && err.contains("wrote d.tex"),
        "{err}"
    );
    assert!(err.contains("error: not written: --svg g.svg"), "{err}");
    says_how_to_install(&err);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn frames_alone_are_written_as_dot_with_a_note_and_earlier_svgs_are_kept() {
    let dir = scratch("nodot-frames");
    // the SVG frames of an earlier run, with Graphviz
    std::fs::create_dir_all(dir.join("d")).unwrap();
    for name in ["frame_000.svg", "frame_007.svg"] {
        std::fs::write(dir.join("d").join(name), "<svg/>").unwrap();
    }
    let out = without_dot(
        &dir,
        &["expr", "x*y", "--at", "x=2", "--at", "y=3", "--frames", "d"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("note: not drawn: the SVG frames of --frames d"),
        "{err}"
    );
    says_how_to_install(&err);
    assert_eq!(
        frames(&dir.join("d")),
        [
            "frame_000.dot",
            "frame_000.svg",
            "frame_001.dot",
            "frame_002.dot",
            "frame_007.svg"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("d/frame_000.svg")).unwrap(),
        "<svg/>"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn train_writes_its_other_files_and_names_the_pictures() {
    let dir = scratch("nodot-train");
    let out = without_dot(
        &dir,
        &[
            "train",
            "--dataset",
            "xor",
            "--hidden",
            "2",
            "--steps",
            "5",
            "--quiet",
            "--svg",
            "n.svg",
            "--png",
            "n.png",
            "--html",
            "n.html",
            "--frames",
            "f",
            "--dot",
            "n.dot",
            "--plot",
            "p.svg",
            "--save",
            "m.json",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        stdout(&out).starts_with("trained 2-2-1"),
        "{}",
        stdout(&out)
    );
    for written in ["n.dot", "p.svg", "m.json", "n.html", "f/frame_000.dot"] {
        assert!(dir.join(written).exists(), "{written} missing: {err}");
    }
    for missing in ["n.svg", "n.png", "f/frame_000.svg"] {
        assert!(!dir.join(missing).exists(), "{missing} written");
    }
    // the live page needs no Graphviz: the browser runs the engine and lays the net out
    let page = std::fs::read_to_string(dir.join("n.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "n.html is not a page");
    assert!(
        page.contains("const GG_WASM = \"H4sI"),
        "not the live page, with its engine"
    );
    assert!(err.contains("wrote n.html"), "{err}");
    assert!(
        err.contains(
            "error: not written: --svg n.svg, --png n.png, the SVG frames of --frames f: "
        ),
        "{err}"
    );
    assert!(err.contains("every other output was written"), "{err}");
    says_how_to_install(&err);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every file under `dir` with its bytes, by path relative to `dir`.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("a file");
                let name = path.strip_prefix(dir).expect("inside dir").to_path_buf();
                found.insert(name, bytes);
            }
        }
    }
    found
}

/// What Graphviz draws in `graphs/`: the SVGs beside DOT files, the frames' SVGs, the page.
fn drawn_by_graphviz(path: &Path, all: &BTreeMap<PathBuf, Vec<u8>>) -> bool {
    let svg = path.extension().is_some_and(|e| e == "svg");
    (svg && (all.contains_key(&path.with_extension("dot")) || path.components().count() > 1))
        || path.extension().is_some_and(|e| e == "html")
}

#[test]
fn the_tour_leaves_the_pictures_of_graphs_alone_and_says_what_it_skipped() {
    let dir = scratch("nodot-tour");
    // a copy of the repository's graphs/, as when the tour runs from its root
    let committed = Path::new(crate::ROOT).join("graphs");
    let before = files(&committed);
    for (path, bytes) in &before {
        let target = dir.join("graphs").join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    let out = without_dot(&dir, &[]);
    let text = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = files(&dir.join("graphs"));
    let pictures: Vec<&PathBuf> = before
        .keys()
        .filter(|p| drawn_by_graphviz(p, &before))
        .collect();
    assert!(pictures.len() >= 20, "{pictures:?}");
    for path in pictures {
        assert!(
            after.get(path) == before.get(path),
            "graphs/{} was deleted or changed",
            path.display()
        );
    }
    for path in before.keys() {
        assert!(
            after.contains_key(path),
            "graphs/{} deleted",
            path.display()
        );
    }
    // the DOT files and the plots are still written; the pictures left out are named
    assert!(text.contains("wrote: graphs/xor_net.dot ("), "{text}");
    // the live page needs no Graphviz: the browser lays it out
    assert!(
        text.contains("wrote: graphs/two_neurons.html (")
            && text.contains("open graphs/two_neurons.html in a browser"),
        "{text}"
    );
    for skipped in [
        "graphs/chain.svg",
        "the SVG frames in graphs/two_neurons_frames",
        "graphs/xor_net.svg",
    ] {
        assert!(text.contains(skipped), "{skipped} not named: {text}");
    }
    assert!(text.contains("apt-get install graphviz"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_tour_in_portuguese_without_graphviz_says_in_portuguese_what_it_did_not_draw() {
    let dir = scratch("nodot-tour-pt");
    let out = without_dot(&dir, &["--lang", "pt-BR"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    // only graphs/pt-BR/ is written: the English pictures are not touched
    let written: Vec<String> = std::fs::read_dir(dir.join("graphs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written, ["pt-BR"]);
    assert!(dir.join("graphs/pt-BR/xor_net.dot").is_file());
    assert!(!dir.join("graphs/pt-BR/xor_net.svg").exists());
    assert!(
        text.contains("gravado: graphs/pt-BR/xor_net.dot ("),
        "{text}"
    );
    let note = text
        .find("O `dot` do Graphviz não está instalado")
        .map(|at| &text[at..])
        .unwrap_or_else(|| panic!("no note on Graphviz: {text}"));
    for skipped in [
        "graphs/pt-BR/chain.svg",
        "os quadros SVG em graphs/pt-BR/two_neurons_frames",
        "graphs/pt-BR/xor_net.svg",
        "Instale o Graphviz (apt-get install graphviz",
    ] {
        assert!(note.contains(skipped), "{skipped} not named: {note}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

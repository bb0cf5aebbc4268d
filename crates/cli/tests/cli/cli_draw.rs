//! `gradgraph expr ... --dot/--svg/--png/--frames/--rankdir`: the drawing flags, run
//! through the binary. Tests that need Graphviz's `dot` say so and pass without it.

use crate::common::{scratch, skipped, stderr};

use std::path::Path;
use std::process::{Command, Output};

const NEURON: [&str; 8] = [
    "expr",
    "tanh(x*w + b)",
    "--at",
    "x=1",
    "--at",
    "w=0.5",
    "--at",
    "b=0",
];

fn gradgraph(extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gradgraph"))
        .args(NEURON)
        .args(extra)
        .output()
        .expect("run gradgraph")
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

fn graphviz(test: &str) -> bool {
    let installed = gradgraph_draw::graphviz_installed();
    if !installed {
        skipped(&format!("{test}: Graphviz `dot` not installed"));
    }
    installed
}

#[test]
fn dot_file_draws_the_neuron_with_gradients() {
    let dir = scratch("dot");
    let path = dir.join("out.dot");
    let out = gradgraph(&["--dot", arg(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&path).unwrap();
    // o = tanh(0.5) = 0.4621, do/dw = (1 - o²) x = 0.7864
    assert!(text.contains("data 0.4621 | grad 1.000"), "{text}");
    assert!(text.contains("data 0.5000 | grad 0.7864"), "{text}");
    assert!(text.contains(r#"label="tanh""#), "{text}");
    assert!(text.contains(r#"label="*""#), "{text}");
    assert!(text.contains(r#"label="+""#), "{text}");
    assert!(text.contains("rankdir=LR"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn svg_and_png() {
    if !graphviz("svg_and_png") {
        return;
    }
    let dir = scratch("svg");
    let (svg, png) = (dir.join("out.svg"), dir.join("out.png"));
    let out = gradgraph(&["--svg", arg(&svg), "--png", arg(&png)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("<svg"));
    assert!(text.contains(">tanh<"));
    assert!(text.contains(">data 0.4621<"));
    assert!(text.contains(">grad 0.7864<"));
    assert_eq!(&std::fs::read(&png).unwrap()[..4], b"\x89PNG");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn frames_one_per_backward_step() {
    let dir = scratch("frames");
    let frames = dir.join("frames");
    let out = gradgraph(&["--frames", arg(&frames)]);
    assert!(out.status.success(), "{}", stderr(&out));
    // x, w, x*w, b, x*w + b, tanh: six nodes, six steps
    let mut dots: Vec<String> = std::fs::read_dir(&frames)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".dot"))
        .collect();
    dots.sort();
    assert_eq!(dots.len(), 6, "{dots:?}");
    assert_eq!(dots[0], "frame_000.dot");
    assert_eq!(dots[5], "frame_005.dot");
    let first = std::fs::read_to_string(frames.join("frame_000.dot")).unwrap();
    assert!(first.contains("backward step 1 of 6"));
    if gradgraph_draw::graphviz_installed() {
        assert!(frames.join("frame_005.svg").exists());
    } else {
        skipped("frame SVGs: Graphviz `dot` not installed");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rankdir_tb_and_bad_rankdir() {
    let dir = scratch("rankdir");
    let path = dir.join("tb.dot");
    let out = gradgraph(&["--dot", arg(&path), "--rankdir", "TB"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("rankdir=TB")
    );
    let bad = dir.join("bad.dot");
    let out = gradgraph(&["--dot", arg(&bad), "--rankdir", "diagonal"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--rankdir"), "{}", stderr(&out));
    assert!(stderr(&out).contains("LR"), "{}", stderr(&out));
    assert!(!bad.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unwritable_file_is_a_clear_error_and_leaves_nothing() {
    let dir = scratch("unwritable");
    let missing = dir.join("no/such/dir/out.dot");
    let out = gradgraph(&["--dot", arg(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("error: cannot write"), "{message}");
    assert!(message.contains("no/such/dir/out.dot"), "{message}");
    // a directory where the file should go
    let out = gradgraph(&["--dot", arg(&dir)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "files left behind"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn missing_graphviz_says_how_to_install_it() {
    let dir = scratch("no-graphviz");
    let empty = dir.join("empty-path");
    std::fs::create_dir(&empty).unwrap();
    let svg = dir.join("out.svg");
    let out = Command::new(env!("CARGO_BIN_EXE_gradgraph"))
        .args(NEURON)
        .args(["--svg", arg(&svg)])
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(message.contains("not installed"), "{message}");
    assert!(message.contains("apt-get install graphviz"), "{message}");
    assert!(
        message.contains("https://graphviz.org/download/"),
        "{message}"
    );
    assert!(!svg.exists());
    // frames still come as DOT files, with a note
    let frames = dir.join("frames");
    let out = Command::new(env!("CARGO_BIN_EXE_gradgraph"))
        .args(NEURON)
        .args(["--frames", arg(&frames)])
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("not installed"), "{}", stderr(&out));
    assert!(frames.join("frame_000.dot").exists());
    assert!(!frames.join("frame_000.svg").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_live_page_needs_no_graphviz_and_a_failed_run_leaves_the_file_as_it_was() {
    let dir = scratch("html-no-graphviz");
    let empty = dir.join("empty-path");
    std::fs::create_dir(&empty).unwrap();
    let page = dir.join("page.html");
    // without Graphviz: the browser lays the page out
    let out = Command::new(env!("CARGO_BIN_EXE_gradgraph"))
        .args(NEURON)
        .args(["--html", arg(&page)])
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    // a run that fails (a non-finite value) writes nothing
    std::fs::write(&page, "an older page").unwrap();
    let out = crate::common::gradgraph(&["expr", "log(x)", "--at", "x=0", "--html", arg(&page)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), "an older page");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn html_page_is_one_self_contained_file() {
    let dir = scratch("html-page");
    let page = dir.join("page.html");
    let out = gradgraph(&["--html", arg(&page)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("<title>f = tanh(x*w + b)</title>"),
        "the expression is the title"
    );
    for hook in [
        "expr-input",
        "value",
        "error",
        "fit",
        "next",
        "prev",
        "play",
        "first",
        "last",
        "slider",
        "step",
        "phase",
        "current",
        "explain",
    ] {
        assert!(html.contains(&format!("data-testid=\"{hook}\"")), "{hook}");
    }
    // the engine and the layout inline; nothing is fetched: no external script, style, font
    assert!(
        html.contains("const GG_WASM = \"H4sI"),
        "the engine's WebAssembly"
    );
    for external in ["<link", "src=\"http", "href=\"http", "@import"] {
        assert!(!html.contains(external), "{external}");
    }
    // `gradgraph page` writes the same page, opened on the course's neuron at its values
    let opened = dir.join("opened.html");
    let out = crate::common::gradgraph(&["page", arg(&opened)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let opened = std::fs::read_to_string(&opened).unwrap();
    assert_eq!(opened.len(), html.len() + 3, "b=-0.2 for b=0");
    assert!(opened.contains(
        r#"{"expression":"tanh(x*w + b)","values":{"b":"-0.2","w":"0.5","x":"1"},"presets":"#
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn train_html_into_a_missing_folder_is_refused_before_training() {
    let out = Command::new(env!("CARGO_BIN_EXE_gradgraph"))
        .args(["train", "--dataset", "xor", "--steps", "1"])
        .args(["--html", "no-such-folder/t.html"])
        .output()
        .expect("run gradgraph");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--html"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn page_refuses_bad_input_before_writing_and_leaves_the_file_as_it_was() {
    let dir = scratch("page-bad-input");
    let page = dir.join("page.html");
    std::fs::write(&page, "an older page").unwrap();
    let wrong = dir.join("page.png");
    let missing = dir.join("no/such/folder/p.html");
    for (args, says) in [
        (vec![arg(&wrong)], "name it .html"),
        (vec![arg(&missing)], "does not exist"),
        (vec![arg(&page), "--expression", "tanh("], "(column 6)"),
        (vec![arg(&page), "--at", "x=1"], "give the expression too"),
        (
            vec![arg(&page), "--expression", "x+y", "--at", "z=1"],
            "no variable `z`",
        ),
    ] {
        let out = crate::common::gradgraph(&[&["page"][..], &args].concat());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert_eq!(std::fs::read_to_string(&page).unwrap(), "an older page");
    }
    assert!(!wrong.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

//! The stepping page (`gradgraph_draw::html`, what `expr --grad-graph --html` writes) in a real
//! browser: a big page, the graph of one sample through a 2-40-40-1 net drawn in full, is
//! driven in Chromium by `tests/browser/html.test.mjs` (playwright-core), which steps through
//! it with the keyboard, measures the time of a step's update and checks that the page made
//! no network request and logged no script error. Screenshots go to
//! `target/tmp/html_browser/`. (The live page of `expr --html`, `train --html` and `gradgraph
//! page` is tested by `live_page.rs`.)
//!
//! Needs `node`, `npm ci` run in `tests/browser`, Chromium (`/usr/bin/chromium`, or the
//! path in `GRADGRAPH_CHROMIUM`) and Graphviz; without them the test says it is skipped and
//! passes, unless `GRADGRAPH_REQUIRE_BROWSER` is set (as `.ci/run` does), when it fails.

use crate::common::browser;

use gradgraph::Graph;
use gradgraph_draw::{self as dot, Collapse, DotOptions};
use gradgraph_nn::{Activation, Loss, Mlp, Output};
use serde_json::json;
use std::path::Path;

/// The page of one sample's graph through a 2-40-40-1 net, down to its loss: 1,968 values,
/// drawn in full (`Collapse::None`: the fitted view would draw it one node per layer).
fn big_page() -> String {
    let net = Mlp::builder(&[2, 40, 40, 1])
        .activation(Activation::TANH)
        .output(Output::Sigmoid)
        .seed(0)
        .build()
        .expect("a 2-40-40-1 net");
    let g = Graph::new();
    let x = [
        g.input(0.5).with_label("x1"),
        g.input(-0.25).with_label("x2"),
    ];
    let z = net.bind(&g).forward_logits(&x).expect("the net's scores");
    let t = [g.constant(1.0).with_label("y")];
    let loss = g
        .group("loss", || Loss::Bce.sample(&g, net.output, &z, &t))
        .expect("the loss")
        .with_label("loss");
    g.backward(loss);
    assert_eq!(g.len(), 1968, "the size the step times are measured on");
    dot::html(&g, loss, &DotOptions::new().collapse(Collapse::None)).expect("the page")
}

#[test]
fn a_big_page_steps_through_forward_and_backward_in_chromium() {
    let why = browser::missing().or_else(|| {
        (!gradgraph_draw::graphviz_installed()).then(|| "Graphviz `dot` is not installed".into())
    });
    if !browser::can_run("the browser tests of the stepping page", why) {
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html_browser");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder for pages and screenshots");

    // a big page, for the step update time
    let big = dir.join("big.html");
    std::fs::write(&big, big_page()).expect("the page written");

    let manifest = json!({
        "chromium": browser::chromium(),
        // `expr --html` writes the live page, tested by live_page.rs
        "expressions": [],
        "measure": [{ "name": "big", "file": big, "shots": dir.join("big") }],
    });
    browser::run("html.test.mjs", &dir, &manifest);
}

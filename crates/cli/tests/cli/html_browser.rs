//! The `train --html` page in a real browser: pages written by the binary for trained nets are
//! driven in Chromium by `tests/browser/html.test.mjs` (playwright-core), which presses keys
//! and clicks controls and checks every step, the replay, and that the page made no network
//! request and logged no script error. Screenshots go to `target/tmp/html_browser/`. (The
//! live page of `expr --html` and `gradgraph page` is tested by `live_page.rs`.)
//!
//! Needs `node`, `npm ci` run in `tests/browser`, Chromium (`/usr/bin/chromium`, or the
//! path in `GRADGRAPH_CHROMIUM`) and Graphviz; without them the test says it is skipped and
//! passes, unless `GRADGRAPH_REQUIRE_BROWSER` is set (as `.ci/run` does), when it fails.

use crate::common::{browser, gradgraph, stderr};

use serde_json::json;
use std::path::Path;

#[test]
fn pages_step_through_forward_and_backward_in_chromium() {
    let why = browser::missing().or_else(|| {
        (!gradgraph_draw::graphviz_installed()).then(|| "Graphviz `dot` is not installed".into())
    });
    if !browser::can_run("the browser tests of the training page", why) {
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html_browser");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder for pages and screenshots");

    // a trained net, with its replay
    let net = dir.join("circles.html");
    let out = gradgraph(&[
        "train",
        "--dataset",
        "circles",
        "--hidden",
        "4",
        "--steps",
        "60",
        "--html",
        net.to_str().expect("a UTF-8 path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));

    // a big page, for the step update time: a 2-40-40-1 net, 1,968 values, drawn in full
    // (without --collapse none it would be drawn one node per layer, to fit a screen)
    let big = dir.join("big.html");
    let out = gradgraph(&[
        "train",
        "--dataset",
        "circles",
        "--hidden",
        "40,40",
        "--steps",
        "2",
        "--collapse",
        "none",
        "--html",
        big.to_str().expect("a UTF-8 path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));

    let manifest = json!({
        "chromium": browser::chromium(),
        // `expr --html` writes the live page, tested by live_page.rs
        "expressions": [],
        "trained": [{ "name": "circles", "file": net, "shots": dir.join("circles") }],
        "measure": [{ "name": "big", "file": big, "shots": dir.join("big") }],
    });
    browser::run("html.test.mjs", &dir, &manifest);
}

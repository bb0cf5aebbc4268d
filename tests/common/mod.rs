//! Helpers shared by the test files: running the binary, scratch folders, skipped checks.
#![allow(dead_code)] // each test file uses its own share of these

use std::path::PathBuf;
use std::process::Output;

/// Runs the `gradgraph` binary with `args` (built with the `cli` feature).
#[cfg(feature = "cli")]
pub fn gradgraph(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gradgraph"))
        .args(args)
        .output()
        .expect("the gradgraph binary runs")
}

/// What a run printed on standard output.
pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 on stdout")
}

/// What a run printed on standard error.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh, empty scratch folder for one test (named after it and this process).
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gradgraph-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// Says which check was skipped, on stderr past the test harness's capture (which only
/// catches `print!` and `eprint!`), so that `cargo test` shows it.
pub fn skipped(what: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {what}");
}

//! Helpers shared by the test files: running the binary, scratch folders, skipped checks.
#![allow(dead_code)] // each test file uses its own share of these

pub mod browser;

use std::path::PathBuf;
use std::process::Output;

/// The course's neuron, `gradgraph expr "tanh(x*w + b)" --at x=1 --at w=0.5 --at b=-0.2`, as
/// the tests of `expr`, `quiz` (without the `expr`) and `--hessian` run it.
pub const NEURON: [&str; 8] = [
    "expr",
    "tanh(x*w + b)",
    "--at",
    "x=1",
    "--at",
    "w=0.5",
    "--at",
    "b=-0.2",
];

/// Runs the `gradgraph` binary with `args` (built with the `cli` feature), in English
/// whatever the locale of the machine running the tests.
pub fn gradgraph(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gradgraph"))
        .env("GRADGRAPH_LANG", "en")
        .args(args)
        .output()
        .expect("the gradgraph binary runs")
}

/// Runs the `gradgraph` binary with `args`, `input` on its standard input (a pipe, not a
/// terminal; the binary may stop reading early, and a broken pipe is not an error), in the
/// folder `dir` and with `path` as PATH when they are given.
pub fn gradgraph_with(
    args: &[&str],
    input: impl AsRef<[u8]>,
    dir: Option<&std::path::Path>,
    path: Option<&str>,
) -> Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut command = Command::new(env!("CARGO_BIN_EXE_gradgraph"));
    command
        .env("GRADGRAPH_LANG", "en")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    if let Some(path) = path {
        command.env("PATH", path);
    }
    let mut child = command.spawn().expect("the gradgraph binary runs");
    let mut stdin = child.stdin.take().expect("a pipe to standard input");
    let input = input.as_ref().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("the gradgraph binary ends");
    writer.join().expect("the writer of standard input");
    out
}

/// Runs the `gradgraph` binary with `args` and `input` on its standard input.
pub fn gradgraph_stdin(args: &[&str], input: &str) -> Output {
    gradgraph_with(args, input, None, None)
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

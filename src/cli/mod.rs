//! The subcommands of the `gradgraph` binary.

pub mod bench;
pub mod draw;
pub mod expr;
pub mod tour;
pub mod train;

/// A failed command: the message printed on stderr and the process exit code
/// (2 for bad input, 1 for a failure of the computation itself).
#[derive(Debug)]
pub struct Failure {
    /// Printed after `error: `.
    pub message: String,
    /// The exit code.
    pub code: u8,
}

impl Failure {
    /// Bad input from the user: exit code 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 2,
        }
    }

    /// The computation failed (a non-finite result, Graphviz failing or missing): exit 1.
    pub fn failed(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 1,
        }
    }
}

/// What every subcommand returns.
pub type CliResult = Result<(), Failure>;

/// Refuses, before any work is done, an output file whose folder does not exist: a long
/// training run should not end in "cannot write". Exit code 2, naming the flag.
pub fn check_output(flag: &str, path: Option<&std::path::Path>) -> CliResult {
    let Some(path) = path else { return Ok(()) };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    if path.is_dir() {
        return Err(Failure::usage(format!(
            "{flag} {}: is a folder, not a file",
            path.display()
        )));
    }
    if !folder.is_dir() {
        return Err(Failure::usage(format!(
            "{flag} {}: the folder {} does not exist",
            path.display(),
            folder.display()
        )));
    }
    Ok(())
}

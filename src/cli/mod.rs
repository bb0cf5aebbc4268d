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

//! The crate's [`Error`] type.

use std::path::PathBuf;

/// Everything that can go wrong in gradgraph outside of plain arithmetic.
///
/// Scalar maths never fails: NaN is a value. I/O, parsing, shape mismatches, rendering and
/// non-finite results found by [`Graph::try_backward`](crate::Graph::try_backward) are
/// reported with this type; its message names what was wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A text (an expression, a CSV or JSON file, a list of numbers) could not be parsed.
    #[error("{0}")]
    Parse(String),
    /// Two things that must agree in size do not.
    #[error("shape mismatch: {what}: expected {expected}, got {got}")]
    Shape {
        /// What was being matched.
        what: String,
        /// The size required.
        expected: usize,
        /// The size given.
        got: usize,
    },
    /// A value or a gradient became NaN or infinite.
    #[error("non-finite number in the {pass} pass: {detail}")]
    NonFinite {
        /// `"forward"` or `"backward"`.
        pass: &'static str,
        /// The index of the first node that produced it.
        node: usize,
        /// Which node, its op and label, the number and the operands.
        detail: String,
    },
    /// An argument is out of its domain (an unknown name, a negative count, ...).
    #[error("{0}")]
    Invalid(String),
    /// Drawing with Graphviz failed.
    #[error("{0}")]
    Graphviz(String),
}

impl Error {
    /// An [`Error::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

//! The crate's [`Error`] type.
//!
//! Every variant says what kind of thing went wrong, so a program can react to it (the
//! `gradgraph` command maps them to its exit codes); its message names what was wrong.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong in gradgraph outside of plain arithmetic.
///
/// Scalar maths never fails: NaN is a value. I/O, parsing, shape mismatches, rendering and
/// non-finite results found by [`Graph::try_backward`](crate::Graph::try_backward) are
/// reported with this type; its message names what was wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// An expression could not be parsed: the message, its column and a caret under it.
    Expr(Box<ParseError>),
    /// A file or a text other than an expression (a CSV or JSON file, a list of numbers) is
    /// malformed.
    Format {
        /// What was being read: a file name, `"model"`, ...
        what: String,
        /// What is wrong with it.
        detail: String,
    },
    /// Two things that must agree in size do not.
    Shape {
        /// What was being matched.
        what: String,
        /// The size required.
        expected: usize,
        /// The size given.
        got: usize,
    },
    /// A value or a gradient became NaN or infinite.
    NonFinite {
        /// The pass that produced it.
        pass: Pass,
        /// The index of the first node that produced it.
        node: usize,
        /// Which node, its op and label, the number and the operands.
        detail: String,
    },
    /// A name that is not one of the known ones: an activation, a loss, a data set, ...
    Unknown {
        /// What kind of name: `"activation"`, `"loss"`, ...
        kind: &'static str,
        /// The name given.
        name: String,
        /// The names that are known, comma-separated.
        known: String,
    },
    /// An argument outside its domain: a negative rate, an empty list, a fraction above 1.
    OutOfRange {
        /// The argument: `"learning rate"`, `"test fraction"`, ...
        what: String,
        /// A sentence naming the argument and saying what it must be.
        detail: String,
    },
    /// A request larger than a limit: too many nodes to draw, frames, steps, ...
    TooLarge {
        /// What is too large.
        what: String,
        /// A sentence giving the size, the limit and what to do instead.
        detail: String,
    },
    /// Drawing with Graphviz failed, or Graphviz is not installed.
    Graphviz(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Expr(e) => write!(f, "{e}"),
            Error::Format { what, detail } => write!(f, "{what}: {detail}"),
            Error::Shape {
                what,
                expected,
                got,
            } => {
                write!(f, "shape mismatch: {what}: expected {expected}, got {got}")
            }
            Error::NonFinite { pass, detail, .. } => {
                write!(f, "non-finite number in the {pass} pass: {detail}")
            }
            Error::Unknown { kind, name, known } => {
                write!(f, "unknown {kind} {name:?}; known: {known}")
            }
            Error::OutOfRange { detail, .. } | Error::TooLarge { detail, .. } => {
                f.write_str(detail)
            }
            Error::Graphviz(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The pass of the engine that found a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pass {
    /// Computing values, from the leaves to the output.
    Forward,
    /// Computing gradients, from the output back to the leaves.
    Backward,
}

impl fmt::Display for Pass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Pass::Forward => "forward",
            Pass::Backward => "backward",
        })
    }
}

impl Error {
    /// An [`Error::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// An [`Error::OutOfRange`] for the argument `what`, whose message is `detail`.
    pub fn out_of_range(what: impl Into<String>, detail: impl Into<String>) -> Self {
        Error::OutOfRange {
            what: what.into(),
            detail: detail.into(),
        }
    }

    /// An [`Error::TooLarge`] for `what`, whose message is `detail`.
    pub fn too_large(what: impl Into<String>, detail: impl Into<String>) -> Self {
        Error::TooLarge {
            what: what.into(),
            detail: detail.into(),
        }
    }

    /// An [`Error::Format`]: `what` (a file, a model) could not be read because of `detail`.
    pub fn format(what: impl Into<String>, detail: impl Into<String>) -> Self {
        Error::Format {
            what: what.into(),
            detail: detail.into(),
        }
    }

    /// An [`Error::Unknown`]: `name` is not a known `kind`; `known` lists the names that are.
    pub fn unknown<S: AsRef<str>>(
        kind: &'static str,
        name: impl Into<String>,
        known: impl IntoIterator<Item = S>,
    ) -> Self {
        let known: Vec<String> = known.into_iter().map(|s| s.as_ref().to_owned()).collect();
        Error::Unknown {
            kind,
            name: name.into(),
            known: known.join(", "),
        }
    }
}

impl From<ParseError> for Error {
    /// An [`Error::Expr`] holding the message, the column and the caret drawing.
    fn from(e: ParseError) -> Self {
        Error::Expr(Box::new(e))
    }
}

/// An expression that could not be parsed: what was wrong and where.
///
/// Its [`Display`](fmt::Display) names the column and draws the expression with a caret
/// under it:
///
/// ```
/// let err = gradgraph::expr::parse("tanh(x*+b)").unwrap_err();
/// assert_eq!(err.column(), 8);
/// assert_eq!(
///     err.to_string(),
///     "expected a number, a variable, a function call or `(` after `*`, found `+` (column 8)\n  \
///      tanh(x*+b)\n         ^"
/// );
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub(crate) message: String,
    pub(crate) column: usize,
    pub(crate) line: String,
    pub(crate) marker: String,
}

impl ParseError {
    /// What was wrong, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The column of the mistake, counted in characters from 1. The end of the expression is
    /// one column past its last character.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (column {})\n  {}\n  {}",
            self.message, self.column, self.line, self.marker
        )
    }
}

impl std::error::Error for ParseError {}

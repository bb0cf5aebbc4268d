//! The crate's [`Error`] type.
//!
//! Every variant says what kind of thing went wrong, with the data a program needs to react
//! to it; its message names what was wrong.

use std::fmt;

/// Everything that can go wrong in the engine outside of plain arithmetic.
///
/// Scalar maths never fails: NaN is a value. An expression that does not parse, operands
/// that do not match an op, a missing variable and non-finite results found by
/// [`Graph::try_backward`](crate::Graph::try_backward) are reported with this type; its
/// message names what was wrong. The engine reads and writes no file: errors of I/O, of
/// data files and of drawing belong to the crates that do those things.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// An expression could not be parsed: the message, its column and a caret under it.
    Expr(Box<ParseError>),
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
    /// An argument outside its domain: a negative rate, an empty list, a fraction above 1.
    OutOfRange {
        /// The argument: `"learning rate"`, `"test fraction"`, ...
        what: String,
        /// A sentence naming the argument and saying what it must be.
        detail: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Expr(e) => write!(f, "{e}"),
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
            Error::OutOfRange { detail, .. } => f.write_str(detail),
        }
    }
}

impl std::error::Error for Error {}

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
    /// An [`Error::OutOfRange`] for the argument `what`, whose message is `detail`.
    pub fn out_of_range(what: impl Into<String>, detail: impl Into<String>) -> Self {
        Error::OutOfRange {
            what: what.into(),
            detail: detail.into(),
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
///
/// Beside its English message it carries what a translation needs ([`ParseError::kind`],
/// [`ParseError::args`], [`ParseError::hint`]): the kind of mistake and the pieces of text
/// the message quotes, so that another language can write the same message.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub(crate) message: String,
    pub(crate) column: usize,
    pub(crate) line: String,
    pub(crate) marker: String,
    pub(crate) kind: &'static str,
    pub(crate) parts: Box<Parts>,
}

/// What a translation of a [`ParseError`] quotes: its message's pieces, its hint's.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Parts {
    pub(crate) args: Vec<(&'static str, String)>,
    pub(crate) hint: Option<(&'static str, Vec<(&'static str, String)>)>,
}

impl ParseError {
    /// What was wrong, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The kind of mistake, a stable name: `"parse-unknown-function"`,
    /// `"parse-unexpected-comma"`, ... (the id of its message in gradgraph's catalogs).
    ///
    /// ```
    /// let err = gradgraph::expr::parse("tahn(x)").unwrap_err();
    /// assert_eq!(err.kind(), "parse-unknown-function-did-you-mean");
    /// assert_eq!(err.args(), [("name", "tahn".to_string()), ("suggestion", "tanh".to_string())]);
    /// ```
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The pieces of text the message quotes, by name: the token found, the function, ...
    pub fn args(&self) -> &[(&'static str, String)] {
        &self.parts.args
    }

    /// The hint after the message, if any: its kind (`"parse-hint-power"`, ...) and the
    /// pieces of text it quotes.
    pub fn hint(&self) -> Option<(&'static str, &[(&'static str, String)])> {
        self.parts.hint.as_ref().map(|(k, a)| (*k, a.as_slice()))
    }

    /// The expression as the error shows it, on one line (a window of a long one).
    pub fn line(&self) -> &str {
        &self.line
    }

    /// The line under [`ParseError::line`] with a caret under the mistake.
    pub fn marker(&self) -> &str {
        &self.marker
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

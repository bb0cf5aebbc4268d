//! The crate's [`Error`] type.

/// Everything that can go wrong drawing a graph.
///
/// Each variant carries what a program needs to react to it; its message names what was
/// wrong. Errors of the engine underneath arrive as [`Error::Engine`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The engine failed: a value or gradient became NaN or infinite, an expression did not
    /// parse.
    #[error(transparent)]
    Engine(#[from] gradgraph::Error),
    /// Graphviz is not installed, failed or gave output that could not be read, or the
    /// page's data could not be encoded: the message says which.
    #[error("{0}")]
    Graphviz(String),
    /// An option outside its domain: an unknown format, direction, ...
    #[error("{detail}")]
    OutOfRange {
        /// The option: `"format"`, `"direction"`, ...
        what: String,
        /// A sentence naming the option and saying what it must be.
        detail: String,
    },
    /// A picture larger than a limit: too many nodes to draw, frames, steps, ...
    #[error("{detail}")]
    TooLarge {
        /// What is too large.
        what: String,
        /// A sentence giving the size, the limit and what to do instead.
        detail: String,
    },
}

impl Error {
    /// An [`Error::OutOfRange`] for the option `what`, whose message is `detail`.
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
}

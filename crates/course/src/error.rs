//! The crate's [`Error`] type.

/// Everything that can go wrong running an experiment, a quiz or a plot.
///
/// Each variant carries what a program needs to react to it; its message names what was
/// wrong. Errors of the crates underneath arrive wrapped: [`Error::Engine`], [`Error::Nn`],
/// [`Error::Draw`], [`Error::Quiz`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The engine failed: a value or gradient became NaN or infinite, an expression did not
    /// parse.
    #[error(transparent)]
    Engine(#[from] gradgraph::Error),
    /// Building, training or loading a net failed.
    #[error(transparent)]
    Nn(#[from] gradgraph_nn::Error),
    /// Drawing failed (Graphviz missing or failing, a picture too large).
    #[error(transparent)]
    Draw(#[from] gradgraph_draw::Error),
    /// A quiz could not be posed (an expression too large, values at which a value or a
    /// gradient is not finite, nothing to ask), a tolerance or a level is wrong: the errors
    /// of [`quiz`](crate::quiz), from `gradgraph-quiz`.
    #[error(transparent)]
    Quiz(#[from] gradgraph_quiz::Error),
    /// Two things that must agree in size do not: a plot's values and its grid, a model's
    /// inputs and a map's axes.
    #[error("shape mismatch: {what}: expected {expected}, got {got}")]
    Shape {
        /// What was being matched.
        what: String,
        /// The size required.
        expected: usize,
        /// The size given.
        got: usize,
    },
    /// A name that is not one of the known ones.
    #[error("unknown {kind} {name:?}; known: {known}")]
    Unknown {
        /// What kind of name.
        kind: &'static str,
        /// The name given.
        name: String,
        /// The names that are known, comma-separated.
        known: String,
    },
    /// An argument outside its domain: an empty series, a step count of zero, ...
    #[error("{detail}")]
    OutOfRange {
        /// The argument.
        what: String,
        /// A sentence naming the argument and saying what it must be.
        detail: String,
    },
    /// A request larger than a limit.
    #[error("{detail}")]
    TooLarge {
        /// What is too large.
        what: String,
        /// A sentence giving the size, the limit and what to do instead.
        detail: String,
    },
}

impl From<gradgraph::ParseError> for Error {
    /// An expression that did not parse, as [`Error::Engine`].
    fn from(e: gradgraph::ParseError) -> Self {
        Error::Engine(e.into())
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

    /// An [`Error::TooLarge`] for `what`, whose message is `detail`.
    pub fn too_large(what: impl Into<String>, detail: impl Into<String>) -> Self {
        Error::TooLarge {
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

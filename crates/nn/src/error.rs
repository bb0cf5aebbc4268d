//! The crate's [`Error`] type.

/// Everything that can go wrong building, training, saving or loading a net.
///
/// Each variant carries what a program needs to react to it; its message names what was
/// wrong. Errors of the engine underneath (a non-finite gradient, an expression) arrive as
/// [`Error::Engine`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The engine failed: a value or gradient became NaN or infinite, operands did not match.
    #[error(transparent)]
    Engine(#[from] gradgraph::Error),
    /// A text or file other than an expression (a CSV or JSON file, a model, a list of
    /// numbers) is malformed.
    #[error("{what}: {detail}")]
    Format {
        /// What was being read: a file name, `"model"`, ...
        what: String,
        /// What is wrong with it.
        detail: String,
    },
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
    /// A name that is not one of the known ones: an activation, a loss, a data set, ...
    #[error("unknown {kind} {name:?}; known: {known}")]
    Unknown {
        /// What kind of name: `"activation"`, `"loss"`, ...
        kind: &'static str,
        /// The name given.
        name: String,
        /// The names that are known, comma-separated.
        known: String,
    },
    /// An argument outside its domain: a negative rate, an empty list, a fraction above 1.
    #[error("{detail}")]
    OutOfRange {
        /// The argument: `"learning rate"`, `"test fraction"`, ...
        what: String,
        /// A sentence naming the argument and saying what it must be.
        detail: String,
    },
    /// A request larger than a limit: too many nodes, steps, ...
    #[error("{detail}")]
    TooLarge {
        /// What is too large.
        what: String,
        /// A sentence giving the size, the limit and what to do instead.
        detail: String,
    },
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

//! The crate's [`Error`] type.

/// Everything that can go wrong posing a quiz, reading its tolerance or making a random
/// exercise.
///
/// Each variant carries what a program needs to react to it; its message names what was
/// wrong. Errors of the engine underneath (an expression that does not parse, a variable
/// without a value) arrive as [`Error::Engine`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The engine failed: an expression did not parse, a variable has no value.
    #[error(transparent)]
    Engine(#[from] gradgraph::Error),
    /// A name that is not one of the known ones: a quiz level.
    #[error("unknown {kind} {name:?}; known: {known}")]
    Unknown {
        /// What kind of name: `"level"`.
        kind: &'static str,
        /// The name given.
        name: String,
        /// The names that are known, comma-separated.
        known: String,
    },
    /// An argument outside its domain: a tolerance, values at which a value or a gradient
    /// is not finite, an exercise with nothing to ask.
    #[error("{detail}")]
    OutOfRange {
        /// The argument: `"tolerance"`, `"quiz"`, `"level"`.
        what: String,
        /// A sentence naming the argument and saying what it must be.
        detail: String,
    },
    /// A request larger than a limit: more nodes than a quiz asks about
    /// ([`MAX_NODES`](crate::MAX_NODES)).
    #[error("{detail}")]
    TooLarge {
        /// What is too large: `"quiz"`.
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

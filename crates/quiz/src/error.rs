//! The crate's [`Error`] type.

use gradgraph_i18n::Lang;

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
        /// The sentence as the catalogs write it, for [`Error::text`] (`None` for a
        /// sentence made elsewhere).
        message: Option<Message>,
    },
    /// A request larger than a limit: more nodes than a quiz asks about
    /// ([`MAX_NODES`](crate::MAX_NODES)).
    #[error("{detail}")]
    TooLarge {
        /// What is too large: `"quiz"`.
        what: String,
        /// A sentence giving the size, the limit and what to do instead.
        detail: String,
        /// The sentence as the catalogs write it, for [`Error::text`].
        message: Option<Message>,
    },
}

/// A sentence of the catalogs (`quiz.ftl`) with its variables: an error's message in any
/// language.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// The message's id.
    pub id: &'static str,
    /// Its variables.
    pub args: Vec<(&'static str, Arg)>,
}

/// A variable of a [`Message`].
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A count (which chooses the plural forms).
    Count(usize),
    /// A number, written with the language's decimal mark.
    Number(f64),
    /// A text as it is.
    Text(String),
    /// The engine's explanation of a value that is not finite (English, translated by
    /// [`gradgraph_i18n::explanation_text`]).
    Explanation(String),
}

impl Message {
    /// The sentence in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<(&str, gradgraph_i18n::FluentValue<'_>)> = self
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Count(n) => (*n).into(),
                    Arg::Number(x) => lang.decimal(&x.to_string()).into(),
                    Arg::Text(t) => t.as_str().into(),
                    Arg::Explanation(t) => gradgraph_i18n::explanation_text(lang, t).into(),
                };
                (*name, value)
            })
            .collect();
        lang.text(self.id, &args)
    }
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
            message: None,
        }
    }

    /// An [`Error::TooLarge`] for `what`, whose message is `detail`.
    pub fn too_large(what: impl Into<String>, detail: impl Into<String>) -> Self {
        Error::TooLarge {
            what: what.into(),
            detail: detail.into(),
            message: None,
        }
    }

    /// An [`Error::OutOfRange`] for `what`, its message the catalogs' `id` with `args`.
    pub(crate) fn out_of_range_said(
        what: &str,
        id: &'static str,
        args: Vec<(&'static str, Arg)>,
    ) -> Self {
        let message = Message { id, args };
        Error::OutOfRange {
            what: what.to_owned(),
            detail: message.text(Lang::En),
            message: Some(message),
        }
    }

    /// An [`Error::TooLarge`] for `what`, its message the catalogs' `id` with `args`.
    pub(crate) fn too_large_said(
        what: &str,
        id: &'static str,
        args: Vec<(&'static str, Arg)>,
    ) -> Self {
        let message = Message { id, args };
        Error::TooLarge {
            what: what.to_owned(),
            detail: message.text(Lang::En),
            message: Some(message),
        }
    }

    /// The error's message in `lang` (in English, its `Display`): the engine's errors as
    /// [`gradgraph_i18n::error_text`] writes them, the quiz's own from its catalog.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_quiz::{Lang, Tolerance};
    /// let err = Tolerance::new(1.5, 0.0).unwrap_err();
    /// assert_eq!(err.text(Lang::En), err.to_string());
    /// assert_eq!(
    ///     err.text(Lang::PtBr),
    ///     "a tolerância relativa deve ser pelo menos 0 e menor que 1, não 1,5"
    /// );
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Error::Engine(e) => gradgraph_i18n::error_text(lang, e),
            Error::OutOfRange {
                message: Some(m), ..
            }
            | Error::TooLarge {
                message: Some(m), ..
            } => m.text(lang),
            e => e.to_string(),
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

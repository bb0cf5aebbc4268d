//! The [`Error`] of the file layer: what goes wrong reading or writing a file.

use std::path::PathBuf;

/// What can go wrong reading or writing a file, beside the libraries' own errors.
///
/// Each variant carries what a program needs to react to it; its message names the file and
/// what was wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed, or a path cannot be written (a folder, a device).
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said, or why the path was refused.
        source: std::io::Error,
    },
    /// A file's content is not what it should be: not UTF-8 text, ...
    #[error("{what}: {detail}")]
    Format {
        /// The file.
        what: String,
        /// What is wrong with it.
        detail: String,
    },
    /// A file larger than the limit for what it holds.
    #[error("{detail}")]
    TooLarge {
        /// What the file holds: `"a model"`, `"a data set"`, ...
        what: String,
        /// A sentence giving the size and the limit.
        detail: String,
    },
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

//! The subcommands of the `gradgraph` binary.

pub mod bench;
pub mod bindings;
pub mod draw;
pub mod errors;
pub mod expr;
pub mod help;
pub mod hessian;
pub mod model;
pub mod page;
pub mod predict;
pub mod quiz;
pub mod text;
pub mod tour;
pub mod train;
pub mod values;

use gradgraph_i18n::Lang;
use std::path::Path;
use std::sync::OnceLock;

/// The language chosen for this run (`--lang`, else the environment's), set once by `main`.
static LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the language every command speaks in this run: `--lang`'s, else
/// [`Lang::from_env`]'s. Called once, before the command runs; a second call changes
/// nothing.
pub fn set_lang(chosen: Option<Lang>) -> Lang {
    *LANG.get_or_init(|| chosen.unwrap_or_else(Lang::from_env))
}

/// The language every text of this run is written in: what [`set_lang`] chose, else the
/// environment's.
pub fn lang() -> Lang {
    *LANG.get_or_init(Lang::from_env)
}

/// The message `id` of the catalogs in this run's language, its variables set from `args`.
pub fn t(id: &str, args: &[(&str, gradgraph_i18n::FluentValue<'_>)]) -> String {
    lang().text(id, args)
}

/// What the operating system said about a file, in this run's language: its own words in
/// English, the catalog's for the usual kinds in another language.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    if lang() == Lang::En {
        return e.to_string();
    }
    let id = match e.kind() {
        ErrorKind::NotFound => "io-not-found",
        ErrorKind::PermissionDenied => "io-permission-denied",
        ErrorKind::AlreadyExists => "io-already-exists",
        ErrorKind::IsADirectory => "io-is-a-directory",
        ErrorKind::NotADirectory => "io-not-a-directory",
        ErrorKind::ReadOnlyFilesystem => "io-read-only",
        ErrorKind::StorageFull => "io-storage-full",
        ErrorKind::InvalidFilename => "io-invalid-filename",
        ErrorKind::InvalidData => "io-invalid-data",
        _ => "",
    };
    // gradgraph's own reasons for refusing a path (crate::files), by their English text
    if let Some(inner) = e.get_ref() {
        let why = inner.to_string();
        let fixed = [
            (
                "ends with a separator, so it names a folder, not a file",
                "io-ends-with-separator",
            ),
            ("not a file name", "io-not-a-file-name"),
            ("is a folder, not a file", "io-folder-not-file"),
        ];
        if let Some((_, id)) = fixed.iter().find(|(en, _)| *en == why) {
            return t(id, &[]);
        }
        if why.starts_with("exists and is not a regular file") {
            return t("io-not-regular", &[]);
        }
        let with_path = [
            ("", " is not a folder", "io-not-a-folder"),
            ("the folder ", " does not exist", "io-no-folder"),
            ("", " is a file, not a folder", "io-file-not-folder"),
        ];
        for (before, after, id) in with_path {
            if let Some(path) = why.strip_prefix(before).and_then(|w| w.strip_suffix(after)) {
                return t(id, &[("path", path.into())]);
            }
        }
        return why;
    }
    if id.is_empty() {
        return e.to_string();
    }
    t(id, &[])
}

/// An error's message in this run's language: the engine's errors through
/// [`gradgraph_i18n::error_text`], a name that is not known with its kind translated, a file
/// that cannot be read with the system's reason; in English, the error's own message.
pub fn message(e: &Error) -> String {
    let lang = lang();
    if lang == Lang::En {
        return e.to_string();
    }
    let engine = |e: &gradgraph::Error| gradgraph_i18n::error_text(lang, e);
    let nn = |e: &gradgraph_nn::Error| match e {
        gradgraph_nn::Error::Engine(e) => engine(e),
        gradgraph_nn::Error::OutOfRange { what, detail } if what == "test fraction" => {
            test_fraction(detail).unwrap_or_else(|| detail.clone())
        }
        gradgraph_nn::Error::Format { what, detail } => match format_detail(detail) {
            Some(detail) => format!("{what}: {detail}"),
            None => e.to_string(),
        },
        gradgraph_nn::Error::Unknown { kind, name, known } => unknown(kind, name, known),
        gradgraph_nn::Error::Shape {
            what,
            expected,
            got,
        } => engine(&gradgraph::Error::Shape {
            what: what.clone(),
            expected: *expected,
            got: *got,
        }),
        e => e.to_string(),
    };
    let quiz = |e: &gradgraph_quiz::Error| match e {
        gradgraph_quiz::Error::Unknown { kind, name, known } => unknown(kind, name, known),
        e => e.text(lang),
    };
    let draw = |e: &gradgraph_draw::Error| match e {
        gradgraph_draw::Error::Engine(e) => engine(e),
        gradgraph_draw::Error::Graphviz(why) if why.contains(gradgraph_draw::GRAPHVIZ_MISSING) => {
            why.replace(gradgraph_draw::GRAPHVIZ_MISSING, &draw::graphviz_missing())
        }
        e => e.to_string(),
    };
    match e {
        Error::Engine(e) => engine(e),
        Error::Nn(e) => nn(e),
        Error::Draw(e) => draw(e),
        Error::Quiz(e) => quiz(e),
        Error::Course(e) => match e {
            gradgraph_course::Error::Engine(e) => engine(e),
            gradgraph_course::Error::Nn(e) => nn(e),
            gradgraph_course::Error::Draw(e) => draw(e),
            gradgraph_course::Error::Quiz(e) => quiz(e),
            gradgraph_course::Error::Unknown { kind, name, known } => unknown(kind, name, known),
            e => e.to_string(),
        },
        Error::Files(e) => match e {
            gradgraph_cli::Error::Io { path, source } => {
                format!("{}: {}", path.display(), io_reason(source))
            }
            gradgraph_cli::Error::TooLarge { what, detail } => {
                too_many_bytes(what, detail).unwrap_or_else(|| detail.clone())
            }
            gradgraph_cli::Error::Format { what, detail } => {
                match detail
                    .strip_prefix("not UTF-8 text (invalid byte at offset ")
                    .and_then(|d| d.strip_suffix(')'))
                {
                    Some(offset) => format!(
                        "{}: {}",
                        what_text(what),
                        t("error-not-utf8", &[("offset", offset.into())])
                    ),
                    None => e.to_string(),
                }
            }
            e => e.to_string(),
        },
    }
}

/// The detail of a file that could not be read (a CSV file's line, a model's field), in
/// this run's language, when it is one of the data layer's sentences.
fn format_detail(detail: &str) -> Option<String> {
    let fixed = [
        (
            "empty file: expected a header line like x1,x2,y and samples",
            "csv-empty",
        ),
        ("no samples after the header line", "csv-no-samples"),
    ];
    if let Some((_, id)) = fixed.iter().find(|(en, _)| *en == detail) {
        return Some(t(id, &[]));
    }
    if let Some(rest) = detail.strip_prefix("not a gradgraph model: ") {
        return Some(t("model-not-gradgraph", &[("reason", rest.into())]));
    }
    if let Some(rest) = detail.strip_prefix("sample ")
        && let Some((i, rest)) = rest.split_once(": target ")
        && let Some((y, k)) = rest.split_once(" is not a class index 0..")
    {
        return Some(t(
            "csv-not-a-class",
            &[
                ("sample", i.into()),
                ("target", y.into()),
                ("last", k.into()),
            ],
        ));
    }
    let rest = detail.strip_prefix("line ")?;
    if let Some((line, rest)) = rest.split_once(", column ")
        && let Some((column, rest)) = rest.split_once(" (")
        && let Some((name, rest)) = rest.split_once("): ")
    {
        let (value, finite) = match rest.strip_suffix(" is not a finite number") {
            Some(v) => (v, "finite"),
            None => (rest.strip_suffix(" is not a number")?, "number"),
        };
        return Some(t(
            "csv-not-a-number",
            &[
                ("line", line.into()),
                ("column", column.into()),
                ("name", name.into()),
                ("value", value.into()),
                ("finite", finite.into()),
            ],
        ));
    }
    let (line, rest) = rest.split_once(": ")?;
    let line_arg = || ("line", gradgraph_i18n::FluentValue::from(line));
    if rest == "expected a header line naming the columns (like x1,x2,y), found numbers" {
        return Some(t("csv-header-numbers", &[line_arg()]));
    }
    if let Some(n) =
        rest.strip_prefix("expected at least two columns (inputs, then the target y), found ")
    {
        return Some(t("csv-few-columns", &[line_arg(), ("found", n.into())]));
    }
    if let Some(k) = rest
        .strip_prefix("column ")
        .and_then(|r| r.strip_suffix(" has no name"))
    {
        return Some(t("csv-unnamed-column", &[line_arg(), ("column", k.into())]));
    }
    if let Some(why) = rest.strip_prefix("not valid CSV: ") {
        return Some(t("csv-invalid", &[line_arg(), ("reason", why.into())]));
    }
    let rest = rest.strip_prefix("expected ")?;
    let (n, rest) = rest.split_once(" fields (")?;
    let (names, got) = rest.split_once("), got ")?;
    Some(t(
        "csv-fields",
        &[
            line_arg(),
            ("expected", n.into()),
            ("names", names.into()),
            ("got", got.into()),
        ],
    ))
}

/// The data layer's refusal of a test fraction, in this run's language.
fn test_fraction(detail: &str) -> Option<String> {
    let rest = detail.strip_prefix("test fraction ")?;
    if let Some(f) = rest.strip_suffix(" must be in [0, 1)") {
        return Some(t(
            "test-fraction-range",
            &[("fraction", lang().decimal(f).into())],
        ));
    }
    let (f, rest) = rest.split_once(" of ")?;
    let (n, rest) = rest.split_once(" samples leaves ")?;
    let (test, rest) = rest.split_once(" for testing and ")?;
    let train = rest.strip_suffix(" for training; both need at least one")?;
    Some(t(
        "test-fraction-split",
        &[
            ("fraction", lang().decimal(f).into()),
            ("samples", n.into()),
            ("test", test.into()),
            ("train", train.into()),
        ],
    ))
}

/// What a file holds (`"a CSV file"`), in this run's language.
fn what_text(what: &str) -> String {
    let id = format!(
        "what-{}",
        what.to_ascii_lowercase()
            .replace(' ', "-")
            .replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "")
    );
    if gradgraph_i18n::catalogs(Lang::En).any(|c| c.contains(&format!("\n{id} ="))) {
        t(&id, &[])
    } else {
        what.to_owned()
    }
}

/// `SOURCE: more than N bytes, the limit for WHAT` (the file layer's sentence), in this run's
/// language.
fn too_many_bytes(what: &str, detail: &str) -> Option<String> {
    let (source, rest) = detail.split_once(": more than ")?;
    let (limit, _) = rest.split_once(" bytes, the limit for ")?;
    Some(t(
        "error-too-many-bytes",
        &[
            ("source", what_text(source).into()),
            ("limit", limit.into()),
            ("what", what_text(what).into()),
        ],
    ))
}

/// A kind of name (`"activation"`, `"loss"`, ...) in this run's language; a kind the
/// catalog does not list as it is.
pub fn kind_text(kind: &str) -> String {
    let id = format!("kind-{}", kind.replace(' ', "-"));
    if gradgraph_i18n::catalogs(Lang::En).any(|c| c.contains(&format!("\n{id} ="))) {
        t(&id, &[])
    } else {
        kind.to_owned()
    }
}

/// `unknown KIND "NAME"; known: ...` in this run's language.
fn unknown(kind: &str, name: &str, known: &str) -> String {
    t(
        "error-unknown",
        &[
            ("kind", kind_text(kind).into()),
            ("name", format!("{name:?}").into()),
            ("known", known.into()),
        ],
    )
}

/// `--lang`'s value.
pub fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text)
}

/// Any error of the libraries under the command: the one type the subcommands handle and
/// map to exit codes ([`is_bad_input`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// From the engine: an expression, a non-finite value or gradient.
    #[error(transparent)]
    Engine(#[from] gradgraph::Error),
    /// From the nets: a model, a data set, a training argument.
    #[error(transparent)]
    Nn(#[from] gradgraph_nn::Error),
    /// From drawing: Graphviz, a picture too large.
    #[error(transparent)]
    Draw(#[from] gradgraph_draw::Error),
    /// From the quiz: an exercise too large or not finite, a tolerance, a level.
    #[error(transparent)]
    Quiz(#[from] gradgraph_quiz::Error),
    /// From the course: an experiment, a quiz, a plot.
    #[error(transparent)]
    Course(#[from] gradgraph_course::Error),
    /// From the file layer: a file that cannot be read or written, too large, not text.
    #[error(transparent)]
    Files(#[from] gradgraph_cli::Error),
}

impl From<gradgraph::ParseError> for Error {
    fn from(e: gradgraph::ParseError) -> Self {
        Error::Engine(e.into())
    }
}

/// The innermost error, whichever crate wrapped it: what the exit-code policy looks at.
enum Leaf<'a> {
    NonFinite,
    Graphviz,
    TooLarge(&'a str),
    Io(&'a Path, &'a std::io::Error),
    Other,
}

impl Error {
    fn leaf(&self) -> Leaf<'_> {
        fn engine(e: &gradgraph::Error) -> Leaf<'_> {
            match e {
                gradgraph::Error::NonFinite { .. } => Leaf::NonFinite,
                _ => Leaf::Other,
            }
        }
        fn nn(e: &gradgraph_nn::Error) -> Leaf<'_> {
            match e {
                gradgraph_nn::Error::Engine(e) => engine(e),
                gradgraph_nn::Error::TooLarge { detail, .. } => Leaf::TooLarge(detail),
                _ => Leaf::Other,
            }
        }
        fn draw(e: &gradgraph_draw::Error) -> Leaf<'_> {
            match e {
                gradgraph_draw::Error::Engine(e) => engine(e),
                gradgraph_draw::Error::Graphviz(_) => Leaf::Graphviz,
                gradgraph_draw::Error::TooLarge { detail, .. } => Leaf::TooLarge(detail),
                _ => Leaf::Other,
            }
        }
        fn quiz(e: &gradgraph_quiz::Error) -> Leaf<'_> {
            match e {
                gradgraph_quiz::Error::Engine(e) => engine(e),
                gradgraph_quiz::Error::TooLarge { detail, .. } => Leaf::TooLarge(detail),
                _ => Leaf::Other,
            }
        }
        match self {
            Error::Engine(e) => engine(e),
            Error::Nn(e) => nn(e),
            Error::Draw(e) => draw(e),
            Error::Quiz(e) => quiz(e),
            Error::Course(e) => match e {
                gradgraph_course::Error::Engine(e) => engine(e),
                gradgraph_course::Error::Nn(e) => nn(e),
                gradgraph_course::Error::Draw(e) => draw(e),
                gradgraph_course::Error::Quiz(e) => quiz(e),
                gradgraph_course::Error::TooLarge { detail, .. } => Leaf::TooLarge(detail),
                _ => Leaf::Other,
            },
            Error::Files(e) => match e {
                gradgraph_cli::Error::Io { path, source } => Leaf::Io(path, source),
                gradgraph_cli::Error::TooLarge { detail, .. } => Leaf::TooLarge(detail),
                _ => Leaf::Other,
            },
        }
    }

    /// The sentence of an error saying a request or a file is over a limit, whichever crate
    /// found it.
    pub fn too_large(&self) -> Option<&str> {
        match self.leaf() {
            Leaf::TooLarge(detail) => Some(detail),
            _ => None,
        }
    }
}

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

impl Failure {
    /// The same failure with `context` (a flag, a step) before its message:
    /// `--rankdir: unknown ...`.
    pub fn context(self, context: &str) -> Self {
        Failure {
            message: format!("{context}: {}", self.message),
            code: self.code,
        }
    }

    /// An error from writing a file the user named (`--dot FILE`, `--frames DIR`): a file
    /// that cannot be written says `cannot write FILE: why`; otherwise as [`From`] maps it.
    pub fn writing(e: impl Into<Error>) -> Self {
        let e = e.into();
        match e.leaf() {
            Leaf::Io(path, source) => Failure::usage(t(
                "error-cannot-write",
                &[
                    ("path", path.display().to_string().into()),
                    ("reason", io_reason(source).into()),
                ],
            )),
            _ => e.into(),
        }
    }
}

impl Failure {
    /// As [`Failure::writing`], naming the flag after the file: `cannot write out/n.dot
    /// (--dot): why`.
    pub fn writing_for(flag: &str, e: impl Into<Error>) -> Self {
        let e = e.into();
        match e.leaf() {
            Leaf::Io(path, source) => Failure::usage(t(
                "error-cannot-write-flag",
                &[
                    ("path", path.display().to_string().into()),
                    ("flag", flag.into()),
                    ("reason", io_reason(source).into()),
                ],
            )),
            _ => Failure::from(e).context(flag),
        }
    }
}

/// The one mapping from the library's errors to exit codes: the caller's input (a name, a
/// number, an expression, a file's content, a file that cannot be read or written, a size
/// over a limit) is exit 2; a computation that failed (a non-finite value or gradient) or
/// Graphviz failing or missing is exit 1. The message is the error's.
impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        if is_bad_input(&e) {
            Failure::usage(message(&e))
        } else {
            Failure::failed(message(&e))
        }
    }
}

/// True when the error is the caller's input (a name, a number, a file's content, a size over
/// a limit), as opposed to a computation or a tool that failed (a non-finite result,
/// Graphviz): exit 2 for the first, 1 for the second.
pub fn is_bad_input(e: &Error) -> bool {
    !matches!(e.leaf(), Leaf::NonFinite | Leaf::Graphviz)
}

/// Each library's error maps as the [`Error`] wrapping it does.
macro_rules! failure_from {
    ($($library:ty),*) => {$(
        impl From<$library> for Failure {
            fn from(e: $library) -> Self {
                Error::from(e).into()
            }
        }
    )*};
}
failure_from!(
    gradgraph::Error,
    gradgraph_nn::Error,
    gradgraph_draw::Error,
    gradgraph_quiz::Error,
    gradgraph_course::Error,
    gradgraph_cli::Error
);

/// What every subcommand returns.
pub type CliResult = Result<(), Failure>;

/// Refuses, before any work is done, an output file that could not be written (see
/// [`gradgraph_cli::files::check_output`]: a missing or read-only folder, a folder as the target,
/// a device or fifo, a name too long): a long training run should not end in "cannot
/// write". Exit code 2, naming the flag.
pub fn check_output(flag: &str, path: &std::path::Path) -> CliResult {
    check_extension(flag, path)?;
    gradgraph_cli::files::check_output(path).map_err(|e| Failure::writing_for(flag, e))
}

/// The file name endings each output flag writes, the first the usual one.
const EXTENSIONS: [(&str, &[&str]); 9] = [
    ("--dot", &["dot", "gv"]),
    ("--svg", &["svg"]),
    ("--png", &["png"]),
    ("--html", &["html", "htm"]),
    ("gradgraph page", &["html", "htm"]),
    ("--plot", &["svg"]),
    ("--save", &["json", "safetensors"]),
    ("--tikz", &["tex"]),
    ("--latex", &["tex"]),
];

/// What a flag writing more than one format writes, named in its refusals.
const FORMATS: [(&str, &str); 1] = [("--save", "JSON (.json) or safetensors (.safetensors)")];

/// Extensions of formats no flag writes, refused all the same (PyTorch's own model files
/// among them: PyTorch loads `.safetensors`).
const OTHER_FORMATS: [&str; 16] = [
    "jpg", "jpeg", "gif", "pdf", "webp", "bmp", "tif", "tiff", "eps", "csv", "pt", "pth", "ckpt",
    "onnx", "h5", "pkl",
];

/// Refuses an output whose name ends in another format's extension (`--svg out.png` would
/// write SVG under a PNG name): exit 2, naming the flag that writes that format. A name
/// without an extension, or with one that names no image or data format, is accepted.
fn check_extension(flag: &str, path: &std::path::Path) -> CliResult {
    let Some((_, allowed)) = EXTENSIONS.iter().find(|(f, _)| *f == flag) else {
        return Ok(());
    };
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return Ok(());
    };
    let ext = ext.to_ascii_lowercase();
    let another_format = EXTENSIONS
        .iter()
        .flat_map(|(_, exts)| exts.iter())
        .chain(OTHER_FORMATS.iter())
        .any(|&e| e == ext);
    if allowed.contains(&ext.as_str()) || !another_format {
        return Ok(());
    }
    let writes = FORMATS.iter().find(|(f, _)| *f == flag).map_or_else(
        || allowed[0].to_ascii_uppercase(),
        |_| t("error-save-formats", &[]),
    );
    // another flag is offered only when it draws the same thing: `--png` draws the graph,
    // so it is no answer to `--plot p.png`
    let graph = |f: &str| ["--dot", "--svg", "--png", "--html", "--tikz"].contains(&f);
    let mut hint = EXTENSIONS
        .iter()
        .filter(|(f, exts)| exts.contains(&ext.as_str()) && graph(f) && graph(flag))
        .map(|(f, _)| {
            t(
                "error-extension-use",
                &[("ext", ext.as_str().into()), ("flag", (*f).into())],
            )
        })
        .next()
        .unwrap_or_default();
    if flag == "--save" && ["pt", "pth", "ckpt"].contains(&ext.as_str()) {
        hint = t("error-extension-pytorch", &[]);
    }
    Err(Failure::usage(t(
        "error-extension",
        &[
            ("flag", flag.into()),
            ("path", path.display().to_string().into()),
            ("writes", writes.into()),
            ("ext", ext.as_str().into()),
            ("usual", allowed[0].into()),
            ("hint", hint.into()),
        ],
    )))
}

/// `--max-input-mb` in bytes (its value was checked while parsing: 1 to 65536).
pub fn input_limit(megabytes: u64) -> u64 {
    megabytes << 20
}

/// An error reading the input named by `flag`: a file over the size limit says how to raise
/// it.
pub fn reading(flag: &str, e: impl Into<Error>) -> Failure {
    let e = e.into();
    match e.too_large() {
        Some(detail) => {
            let detail = match &e {
                Error::Files(gradgraph_cli::Error::TooLarge { what, detail }) => {
                    too_many_bytes(what, detail).unwrap_or_else(|| detail.clone())
                }
                _ => detail.to_owned(),
            };
            Failure::usage(t(
                "error-input-too-large",
                &[("flag", flag.into()), ("detail", detail.into())],
            ))
        }
        None => Failure::from(e).context(flag),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gradgraph::Pass;

    fn code_and_message(e: impl Into<Error>) -> (u8, String) {
        let e = e.into();
        let text = e.to_string();
        let failure = Failure::from(e);
        assert_eq!(failure.message, text, "the message is the error's");
        (failure.code, failure.message)
    }

    #[test]
    fn bad_input_is_exit_2() {
        let parse = gradgraph::expr::parse("tanh(").unwrap_err();
        let bad = [
            Error::from(gradgraph::Error::from(parse)),
            gradgraph_cli::Error::io("in.csv", std::io::Error::from(std::io::ErrorKind::NotFound))
                .into(),
            gradgraph_nn::Error::format("model", "missing field `layers`").into(),
            gradgraph_nn::Error::unknown("activation", "tahn", ["tanh", "relu"]).into(),
            gradgraph_nn::Error::out_of_range(
                "learning rate",
                "the learning rate must be positive",
            )
            .into(),
            gradgraph_draw::Error::too_large("frames", "too many frames").into(),
            gradgraph_course::Error::from(gradgraph_nn::Error::too_large("samples", "too many"))
                .into(),
            gradgraph_quiz::Error::out_of_range("tolerance", "the relative tolerance ...").into(),
            gradgraph_quiz::Error::unknown("level", "harder", ["easy", "medium", "hard"]).into(),
            gradgraph_course::Error::from(gradgraph_quiz::Error::out_of_range("quiz", "no quiz"))
                .into(),
        ];
        for e in bad {
            let what = format!("{e:?}");
            assert_eq!(code_and_message(e).0, 2, "{what}");
        }
    }

    #[test]
    fn quiz_errors_are_classified_directly_or_through_the_course() {
        let quiz = || {
            gradgraph_quiz::Quiz::new(
                &gradgraph::expr::parse(&vec!["x"; 300].join(" + ")).unwrap(),
                &[("x".to_string(), 1.0)].into(),
                gradgraph_quiz::Scope::EveryNode,
            )
            .unwrap_err()
        };
        for e in [
            Error::from(quiz()),
            gradgraph_course::Error::from(quiz()).into(),
        ] {
            let detail = e.too_large().map(str::to_owned);
            assert!(
                detail.is_some_and(|d| d.contains("more than the 200")),
                "{e:?}"
            );
            assert_eq!(code_and_message(e).0, 2);
        }
        // an expression that does not parse, or a variable without a value
        let missing = || {
            let e = gradgraph::expr::parse("x + y").unwrap();
            let at = [("x".to_string(), 1.0)].into();
            gradgraph_quiz::Quiz::new(&e, &at, gradgraph_quiz::Scope::EveryNode).unwrap_err()
        };
        let parse = gradgraph_quiz::Error::from(gradgraph::expr::parse("tanh(").unwrap_err());
        let (code, message) = code_and_message(parse);
        assert_eq!(code, 2);
        assert!(message.starts_with("expected"), "{message}");
        for e in [
            Error::from(missing()),
            gradgraph_course::Error::from(missing()).into(),
        ] {
            assert_eq!(code_and_message(e).0, 2);
        }
    }

    #[test]
    fn a_failed_computation_or_graphviz_is_exit_1() {
        let non_finite = gradgraph::Error::NonFinite {
            pass: Pass::Backward,
            node: 3,
            detail: "log(0)".into(),
        };
        let (code, message) = code_and_message(non_finite);
        assert_eq!(code, 1);
        assert_eq!(message, "non-finite number in the backward pass: log(0)");
        let graphviz = gradgraph_draw::Error::Graphviz("Graphviz's `dot` failed".into());
        assert_eq!(code_and_message(graphviz).0, 1);
        // however deep the crates wrapped it
        let wrapped =
            gradgraph_course::Error::from(gradgraph_nn::Error::from(gradgraph::Error::NonFinite {
                pass: Pass::Forward,
                node: 0,
                detail: "exp(1000)".into(),
            }));
        assert_eq!(code_and_message(wrapped).0, 1);
        let non_finite = || {
            gradgraph_quiz::Error::from(gradgraph::Error::NonFinite {
                pass: Pass::Backward,
                node: 1,
                detail: "log(0)".into(),
            })
        };
        assert_eq!(code_and_message(non_finite()).0, 1);
        assert_eq!(
            code_and_message(gradgraph_course::Error::from(non_finite())).0,
            1
        );
    }

    #[test]
    fn writing_names_the_file_and_context_the_flag() {
        let io = gradgraph_cli::Error::io(
            "out/n.dot",
            std::io::Error::from(std::io::ErrorKind::NotFound),
        );
        let failure = Failure::writing(io);
        assert_eq!(failure.code, 2);
        assert!(
            failure.message.starts_with("cannot write out/n.dot: "),
            "{}",
            failure.message
        );
        // anything else is mapped as usual
        let graphviz = Failure::writing(gradgraph_draw::Error::Graphviz("no dot".into()));
        assert_eq!((graphviz.code, graphviz.message.as_str()), (1, "no dot"));
        let flag = Failure::from(gradgraph_nn::Error::unknown(
            "direction",
            "RL",
            ["LR", "TB"],
        ))
        .context("--rankdir");
        assert_eq!(flag.code, 2);
        assert_eq!(
            flag.message,
            "--rankdir: unknown direction \"RL\"; known: LR, TB"
        );
    }
}

//! The subcommands of the `gradgraph` binary.

pub mod bench;
pub mod bindings;
pub mod draw;
pub mod expr;
pub mod hessian;
pub mod model;
pub mod predict;
pub mod quiz;
pub mod text;
pub mod tour;
pub mod train;
pub mod values;

use gradgraph::Error;

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
    pub fn writing(e: Error) -> Self {
        match e {
            Error::Io { path, source } => {
                Failure::usage(format!("cannot write {}: {source}", path.display()))
            }
            other => other.into(),
        }
    }
}

impl Failure {
    /// As [`Failure::writing`], naming the flag after the file: `cannot write out/n.dot
    /// (--dot): why`.
    pub fn writing_for(flag: &str, e: Error) -> Self {
        match e {
            Error::Io { path, source } => Failure::usage(format!(
                "cannot write {} ({flag}): {source}",
                path.display()
            )),
            other => Failure::from(other).context(flag),
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
            Failure::usage(e.to_string())
        } else {
            Failure::failed(e.to_string())
        }
    }
}

/// True when the error is the caller's input (a name, a number, a file's content, a size over
/// a limit), as opposed to a computation or a tool that failed (a non-finite result,
/// Graphviz): exit 2 for the first, 1 for the second.
pub fn is_bad_input(e: &Error) -> bool {
    !matches!(e, Error::NonFinite { .. } | Error::Graphviz(_))
}

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
const EXTENSIONS: [(&str, &[&str]); 8] = [
    ("--dot", &["dot", "gv"]),
    ("--svg", &["svg"]),
    ("--png", &["png"]),
    ("--html", &["html", "htm"]),
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
    let writes = FORMATS
        .iter()
        .find(|(f, _)| *f == flag)
        .map_or_else(|| allowed[0].to_ascii_uppercase(), |(_, w)| (*w).to_owned());
    // another flag is offered only when it draws the same thing: `--png` draws the graph,
    // so it is no answer to `--plot p.png`
    let graph = |f: &str| ["--dot", "--svg", "--png", "--html", "--tikz"].contains(&f);
    let mut hint = EXTENSIONS
        .iter()
        .filter(|(f, exts)| exts.contains(&ext.as_str()) && graph(f) && graph(flag))
        .map(|(f, _)| format!("; for a .{ext} file use {f}"))
        .next()
        .unwrap_or_default();
    if flag == "--save" && ["pt", "pth", "ckpt"].contains(&ext.as_str()) {
        hint = "; for PyTorch name it .safetensors, which safetensors.torch.load_file reads"
            .to_owned();
    }
    Err(Failure::usage(format!(
        "{flag} {}: {flag} writes {writes}, but the name ends in .{ext}; name it .{}{hint}",
        path.display(),
        allowed[0]
    )))
}

/// `--max-input-mb` in bytes (its value was checked while parsing: 1 to 65536).
pub fn input_limit(megabytes: u64) -> u64 {
    megabytes << 20
}

/// An error reading the input named by `flag`: a file over the size limit says how to raise
/// it.
pub fn reading(flag: &str, e: Error) -> Failure {
    match e {
        Error::TooLarge { detail, .. } => Failure::usage(format!(
            "{flag}: {detail}; use a smaller input, or raise the limit with --max-input-mb"
        )),
        other => Failure::from(other).context(flag),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gradgraph::Pass;

    fn code_and_message(e: Error) -> (u8, String) {
        let text = e.to_string();
        let failure = Failure::from(e);
        assert_eq!(failure.message, text, "the message is the error's");
        (failure.code, failure.message)
    }

    #[test]
    fn bad_input_is_exit_2() {
        let parse = gradgraph::expr::parse("tanh(").unwrap_err();
        let bad = [
            Error::from(parse),
            Error::io("in.csv", std::io::Error::from(std::io::ErrorKind::NotFound)),
            Error::format("model", "missing field `layers`"),
            Error::unknown("activation", "tahn", ["tanh", "relu"]),
            Error::out_of_range("learning rate", "the learning rate must be positive"),
            Error::too_large("frames", "too many frames"),
        ];
        for e in bad {
            let what = format!("{e:?}");
            assert_eq!(code_and_message(e).0, 2, "{what}");
        }
    }

    #[test]
    fn a_failed_computation_or_graphviz_is_exit_1() {
        let non_finite = Error::NonFinite {
            pass: Pass::Backward,
            node: 3,
            detail: "log(0)".into(),
        };
        let (code, message) = code_and_message(non_finite);
        assert_eq!(code, 1);
        assert_eq!(message, "non-finite number in the backward pass: log(0)");
        let graphviz = Error::Graphviz("Graphviz's `dot` failed".into());
        assert_eq!(code_and_message(graphviz).0, 1);
    }

    #[test]
    fn writing_names_the_file_and_context_the_flag() {
        let io = Error::io(
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
        let graphviz = Failure::writing(Error::Graphviz("no dot".into()));
        assert_eq!((graphviz.code, graphviz.message.as_str()), (1, "no dot"));
        let flag =
            Failure::from(Error::unknown("direction", "RL", ["LR", "TB"])).context("--rankdir");
        assert_eq!(flag.code, 2);
        assert_eq!(
            flag.message,
            "--rankdir: unknown direction \"RL\"; known: LR, TB"
        );
    }
}

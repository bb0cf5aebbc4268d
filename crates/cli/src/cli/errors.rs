//! Errors as the command prints them, in the chosen language: the `error:` line, and clap's
//! own messages (help, an unknown flag, a bad value), rewritten from the catalog
//! (`errors.ftl`) when the language is not English.

use gradgraph_i18n::Lang;

/// The line printed for a failed command: `error: MESSAGE` (`erro: ...` in Portuguese).
pub fn error_line(message: &str) -> String {
    super::lang().text("error-line", &[("message", message.into())])
}

/// Clap's phrases, each with its message: the English message is clap's text, found in
/// what clap renders and replaced by the language's. Longer phrases first.
const CLAP_PHRASES: [&str; 26] = [
    "clap-more-information",
    "clap-required-not-provided",
    "clap-value-required",
    "clap-value-required-end",
    "clap-invalid-value",
    "clap-for",
    "clap-unexpected-argument",
    "clap-unexpected-value",
    "clap-no-more-expected",
    "clap-found",
    "clap-unrecognized-subcommand",
    "clap-the-argument",
    "clap-cannot-be-used-multiple",
    "clap-cannot-be-used-with",
    "clap-one-or-more-others",
    "clap-equal-sign",
    "clap-requires-subcommand",
    "clap-tip-similar-value",
    "clap-tip-similar-argument",
    "clap-tip-similar-subcommand",
    "clap-tip-similar-subcommands",
    "clap-tip-pass-as-value",
    "clap-tip-as-value-use",
    "clap-subcommands",
    "clap-invalid-utf8",
    "clap-tip",
];

/// Clap's rendered error or help `text`, in `lang`.
pub fn rewrite_clap(text: &str, lang: Lang, cmd: &clap::Command) -> String {
    let mut out = super::help::rewrite_rendered(text, lang, cmd);
    if lang == Lang::En {
        return out;
    }
    for id in CLAP_PHRASES {
        out = out.replace(&Lang::En.text(id, &[]), &lang.text(id, &[]));
    }
    if let Some(rest) = out.strip_prefix("error: ") {
        out = lang.text("error-line", &[("message", rest.into())]);
    }
    out
}

/// Prints clap's error or help (`--help`, `--version`, an unknown flag) in `lang` and
/// exits with clap's code: 0 for help and version, 2 for bad arguments.
pub fn clap_exit(e: clap::Error, lang: Lang, cmd: &clap::Command) -> ! {
    use clap::error::ErrorKind;
    if lang == Lang::En {
        e.exit()
    }
    let text = rewrite_clap(&e.render().to_string(), lang, cmd);
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => print!("{text}"),
        _ => eprint!("{text}"),
    }
    std::process::exit(e.exit_code())
}

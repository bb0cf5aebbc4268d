//! `--help` in the chosen language: the command built from the derive, its texts replaced
//! by the catalog's (`help.ftl`), and clap's own words (`Usage:`, `Options:`, `[default:
//! ...]`) replaced in what clap renders.
//!
//! English is the derive's own text, untouched (a test checks that `catalogs/en/help.ftl`
//! holds the same texts). A text's message is `help-COMMAND-ID` (`COMMAND` is `gradgraph`
//! for the top level), else `help-arg-ID` for an option every command describes alike;
//! `help-COMMAND-about`, `help-COMMAND-long-about`, `help-COMMAND-after` for the command
//! itself; `help-value-ARG-VALUE` for a possible value; `help-name-NAME` for a value name
//! (`FILE` → `ARQUIVO`).

use clap::Command;
use gradgraph_i18n::Lang;
use std::collections::HashSet;
use std::sync::OnceLock;

/// The ids of every message of `lang`'s catalogs.
fn ids(lang: Lang) -> &'static HashSet<String> {
    static EN: OnceLock<HashSet<String>> = OnceLock::new();
    static PT: OnceLock<HashSet<String>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::PtBr => &PT,
    };
    cell.get_or_init(|| {
        gradgraph_i18n::catalogs(lang)
            .flat_map(gradgraph_i18n::messages)
            .map(|(id, _)| id)
            .collect()
    })
}

/// The message `id` of `lang`, if its catalogs have it.
fn text(lang: Lang, id: &str) -> Option<String> {
    ids(lang)
        .contains(id)
        .then(|| lang.text(id, &[("open", "{".into()), ("close", "}".into())]))
}

/// A text kept for the rest of the run, as clap's names want (`--help` is built once).
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// A name as a catalog id writes it: `NAME|FILE.csv` → `name-file-csv`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// The catalog's text for `what` of the argument `id` of `command`: its own, else the one
/// every command shares.
fn arg_text(lang: Lang, command: &str, id: &str, what: &str) -> Option<String> {
    text(lang, &format!("help-{command}-{id}{what}"))
        .or_else(|| text(lang, &format!("help-arg-{id}{what}")))
}

/// The command line of `gradgraph`, its help in `lang`. `cmd` is the derive's command; in
/// English it is returned as it is.
pub fn localize(mut cmd: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return cmd;
    }
    cmd.build();
    localize_command(cmd, lang, "gradgraph")
}

fn localize_command(mut cmd: Command, lang: Lang, key: &str) -> Command {
    if let Some(about) = text(lang, &format!("help-{key}-about")) {
        cmd = cmd.about(about);
    }
    if let Some(long) = text(lang, &format!("help-{key}-long-about")) {
        cmd = cmd.long_about(long);
    }
    if let Some(after) = text(lang, &format!("help-{key}-after")) {
        cmd = cmd.after_help(after);
    }
    if cmd.get_after_long_help().is_some()
        && let Some(after) = text(lang, &format!("help-{key}-after-long"))
    {
        cmd = cmd.after_long_help(after);
    }
    if cmd.has_subcommands() {
        cmd = cmd.subcommand_value_name(leak(lang.text("help-command-value", &[])));
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().as_str().to_owned())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(&id, |mut arg| {
            let long = arg.get_long_help().is_some();
            match id.as_str() {
                "help" => {
                    arg = arg.help(lang.text("help-print-help", &[]));
                    if long {
                        arg = arg.long_help(lang.text("help-print-help-long", &[]));
                    }
                }
                "version" => arg = arg.help(lang.text("help-print-version", &[])),
                _ => {
                    if let Some(help) = arg_text(lang, key, &id, "") {
                        arg = arg.help(help);
                    }
                    if long
                        && let Some(help) = arg_text(lang, key, &id, "-long")
                            .or_else(|| arg_text(lang, key, &id, ""))
                    {
                        arg = arg.long_help(help);
                    }
                }
            }
            let own = arg_text(lang, key, &id, "-name");
            let names: Vec<&'static str> = arg
                .get_value_names()
                .unwrap_or_default()
                .iter()
                .map(|n| {
                    if let Some(own) = &own {
                        return leak(own.clone());
                    }
                    leak(
                        text(lang, &format!("help-name-{}", slug(n)))
                            .unwrap_or_else(|| n.to_string()),
                    )
                })
                .collect();
            if !names.is_empty() {
                arg = arg.value_names(names);
            }
            arg
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| localize_command(sub, lang, &name));
    }
    cmd
}

/// Clap's own words in a help text it rendered, in `lang`: headings, `[default: ...]`,
/// possible values and their descriptions (`cmd`'s, the localized command's).
pub fn rewrite_rendered(text: &str, lang: Lang, cmd: &Command) -> String {
    if lang == Lang::En {
        return text.to_owned();
    }
    let mut out = text.to_owned();
    for (en, id) in CLAP_WORDS {
        out = out.replace(en, &lang.text(id, &[]));
    }
    // the descriptions of possible values, `- LR: Left to right ...`
    let mut values = Vec::new();
    collect_values(cmd, &mut values);
    let lines: Vec<String> = out
        .split_inclusive('\n')
        .map(|line| {
            let item = line.trim_start();
            for (arg, value, help) in &values {
                if item.starts_with(&format!("- {value}:"))
                    && line.trim_end().ends_with(help.as_str())
                    && let Some(pt) = text_value(lang, arg, value)
                {
                    let end = line.trim_end().len();
                    return format!("{}{pt}{}", &line[..end - help.len()], &line[end..]);
                }
            }
            line.to_owned()
        })
        .collect();
    out = lines.concat();
    out
}

fn text_value(lang: Lang, arg: &str, value: &str) -> Option<String> {
    text(lang, &format!("help-value-{}-{}", slug(arg), slug(value)))
}

/// Every possible value with a description: (argument, value, English description).
fn collect_values(cmd: &Command, out: &mut Vec<(String, String, String)>) {
    for arg in cmd.get_arguments() {
        for value in arg.get_possible_values() {
            if let Some(help) = value.get_help() {
                let entry = (
                    arg.get_id().as_str().to_owned(),
                    value.get_name().to_owned(),
                    help.to_string(),
                );
                if !out.contains(&entry) {
                    out.push(entry);
                }
            }
        }
    }
    for sub in cmd.get_subcommands() {
        collect_values(sub, out);
    }
}

/// Clap's fixed words in help and usage, with their messages.
const CLAP_WORDS: [(&str, &str); 9] = [
    ("Usage:", "help-usage"),
    ("Options:", "help-options"),
    ("Arguments:", "help-arguments"),
    ("Commands:", "help-commands"),
    ("Possible values:", "help-possible-values"),
    ("[possible values: ", "help-possible-values-inline"),
    ("[default: ", "help-default"),
    ("[OPTIONS]", "help-options-usage"),
    ("[COMMAND]", "help-command-usage"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of the derive's command, as `(id, text)`, in the order `--help` shows
    /// them; a text every command gives its argument alike is listed once, `help-arg-ID`.
    pub(crate) fn english_texts(cmd: &Command) -> Vec<(String, String)> {
        let mut all: Vec<(String, String, String, bool)> = Vec::new();
        fn walk(cmd: &Command, key: &str, all: &mut Vec<(String, String, String, bool)>) {
            let about = |s: Option<&clap::builder::StyledStr>| s.map(|s| s.to_string());
            for (what, t) in [
                ("about", about(cmd.get_about())),
                ("long-about", about(cmd.get_long_about())),
                ("after", about(cmd.get_after_help())),
                ("after-long", about(cmd.get_after_long_help())),
            ] {
                if let Some(t) = t {
                    all.push((key.to_owned(), what.to_owned(), t, false));
                }
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                if let Some(h) = arg.get_help() {
                    all.push((key.to_owned(), id.to_owned(), h.to_string(), true));
                }
                if let Some(h) = arg.get_long_help() {
                    all.push((key.to_owned(), format!("{id}-long"), h.to_string(), true));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_name() != "help" {
                    walk(sub, sub.get_name(), all);
                }
            }
        }
        walk(cmd, "gradgraph", &mut all);
        let mut out: Vec<(String, String)> = Vec::new();
        for (key, id, t, is_arg) in &all {
            let shared = *is_arg
                && all
                    .iter()
                    .filter(|(_, i, _, a)| *a && i == id)
                    .all(|(_, _, u, _)| u == t)
                && all.iter().filter(|(_, i, _, a)| *a && i == id).count() > 1;
            let name = if shared {
                format!("help-arg-{id}")
            } else {
                format!("help-{key}-{id}")
            };
            if !out.iter().any(|(n, _)| *n == name) {
                out.push((name, t.clone()));
            }
        }
        out
    }

    #[test]
    fn the_english_catalog_holds_the_derive_s_texts() {
        let mut cmd = crate::command();
        cmd.build();
        let texts = english_texts(&cmd);
        assert!(texts.len() > 80, "{}", texts.len());
        for (id, derive) in texts {
            if id == "help-bench-memory_probe" {
                continue; // hidden
            }
            assert_eq!(
                text(Lang::En, &id).as_deref(),
                Some(derive.as_str()),
                "{id}"
            );
            assert!(ids(Lang::PtBr).contains(&id), "{id}");
        }
    }

    #[test]
    #[ignore]
    fn print_english_catalog() {
        let mut cmd = crate::command();
        cmd.build();
        for (id, t) in english_texts(&cmd) {
            let lines: Vec<&str> = t.lines().collect();
            if lines.len() == 1 {
                println!("{id} = {t}");
            } else {
                println!("{id} =");
                for l in lines {
                    if l.is_empty() {
                        println!();
                    } else {
                        println!("    {l}");
                    }
                }
            }
        }
        let mut values = Vec::new();
        collect_values(&cmd, &mut values);
        for (arg, value, help) in values {
            println!("help-value-{}-{} = {help}", slug(&arg), slug(&value));
        }
        let mut names = Vec::new();
        fn walk_names(cmd: &Command, names: &mut Vec<String>) {
            for a in cmd.get_arguments() {
                for n in a.get_value_names().unwrap_or_default() {
                    if !names.contains(&n.to_string()) {
                        names.push(n.to_string());
                    }
                }
            }
            for s in cmd.get_subcommands() {
                walk_names(s, names);
            }
        }
        walk_names(&cmd, &mut names);
        for n in names {
            println!("help-name-{} = {n}", slug(&n));
        }
    }
}

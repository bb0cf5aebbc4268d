//! `--help` in Portuguese: every command's, with clap's own words, under `--lang pt-BR`,
//! `GRADGRAPH_LANG` and the locale; English's as it was.

use crate::common::{gradgraph, stdout};
use std::process::{Command, Output};

/// The English words a Portuguese text may still hold because they are names the user
/// types: the commands `train` and `page`, the values of `--collapse`, the scheme `he` of
/// `--init`.
const NAMES: [&str; 5] = ["train", "page", "neurons", "layers", "he"];

/// The English words left in `text`, but the names the user types.
pub fn english_left(text: &str) -> Vec<String> {
    gradgraph_i18n::english_left(text)
        .into_iter()
        .filter(|w| !NAMES.contains(&w.as_str()))
        .collect()
}

fn run_env(vars: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gradgraph"));
    command
        .env_remove("GRADGRAPH_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (k, v) in vars {
        command.env(k, v);
    }
    command
        .args(args)
        .output()
        .expect("the gradgraph binary runs")
}

/// The commands the top-level help lists.
fn commands() -> Vec<String> {
    let out = gradgraph(&["--lang", "pt-BR", "--help"]);
    let text = stdout(&out);
    let list = text
        .split("Comandos:\n")
        .nth(1)
        .expect("a list of commands")
        .split("\n\n")
        .next()
        .unwrap_or_default();
    let names: Vec<String> = list
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    assert!(names.len() >= 7, "{names:?}");
    names
}

fn assert_portuguese(what: &str, out: &Output) {
    assert!(out.status.success(), "{what}: {out:?}");
    let text = stdout(out);
    assert!(
        text.starts_with(|c: char| c.is_alphabetic()),
        "{what}: {text}"
    );
    assert!(text.contains("Uso: gradgraph"), "{what}: {text}");
    assert!(text.contains("Opções:"), "{what}: {text}");
    for english in [
        "Usage:",
        "Options:",
        "Arguments:",
        "Commands:",
        "Print help",
        "[default:",
    ] {
        assert!(!text.contains(english), "{what}: {english} in\n{text}");
    }
    let left = english_left(&text);
    assert!(left.is_empty(), "{what}: {left:?} in\n{text}");
}

#[test]
fn every_commands_help_is_in_portuguese() {
    assert_portuguese("--help", &gradgraph(&["--lang", "pt-BR", "--help"]));
    assert_portuguese("-h", &gradgraph(&["--lang", "pt-BR", "-h"]));
    for name in commands() {
        if name == "help" {
            continue; // `help --help` is not a command clap knows, in English either
        }
        for args in [
            vec!["--lang", "pt-BR", name.as_str(), "--help"],
            vec![name.as_str(), "-h", "--lang=pt-BR"],
            vec!["--lang", "pt-BR", "help", name.as_str()],
        ] {
            assert_portuguese(&args.join(" "), &gradgraph(&args));
        }
    }
}

#[test]
fn help_speaks_portuguese_by_the_environment_and_keeps_its_numbers() {
    for vars in [
        &[("GRADGRAPH_LANG", "pt-BR")][..],
        &[("LANG", "pt_BR.UTF-8")][..],
    ] {
        let out = run_env(vars, &["train", "--help"]);
        assert_portuguese(&format!("{vars:?}"), &out);
        let text = stdout(&out);
        assert!(text.contains("Treina uma rede MLP"), "{text}");
        assert!(text.contains("--dataset <NOME|ARQUIVO.csv>"), "{text}");
        assert!(text.contains("[padrão: 0]"), "{text}");
        assert!(text.contains("Valores possíveis:"), "{text}");
        assert!(
            text.contains("Erro quadrático médio, para regressão"),
            "{text}"
        );
        assert!(text.contains("(padrão 0,01 com adam"), "{text}");
    }
    // --lang wins over the environment, both ways
    let out = run_env(
        &[("LANG", "pt_BR.UTF-8")],
        &["expr", "--help", "--lang", "en"],
    );
    assert!(stdout(&out).contains("Usage: gradgraph expr [OPTIONS] <EXPRESSION>"));
    let out = run_env(&[], &["--lang=pt-BR", "quiz", "-h"]);
    assert!(stdout(&out).contains("Uso: gradgraph quiz [OPÇÕES] [EXPRESSÃO]"));
}

#[test]
fn english_help_is_clap_s_own() {
    let text = stdout(&gradgraph(&["expr", "--help"]));
    assert!(
        text.starts_with("Evaluate an expression and its gradient"),
        "{text}"
    );
    for english in [
        "Usage: gradgraph expr [OPTIONS] <EXPRESSION>",
        "Arguments:",
        "Options:",
        "Possible values:",
        "[default: LR]",
        "Print help (see a summary with '-h')",
    ] {
        assert!(text.contains(english), "{english} in\n{text}");
    }
    let text = stdout(&gradgraph(&["--help"]));
    assert!(text.contains("Commands:\n  expr "), "{text}");
    assert!(
        text.contains("-V, --version\n          Print version"),
        "{text}"
    );
}

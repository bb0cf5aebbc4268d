//! The `gradgraph` command line: argument parsing and printing only; the maths lives in the
//! library.

mod cli;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::process::ExitCode;

/// gradgraph: backpropagation you can see.
///
/// Without a subcommand, runs the tour of the course's experiments.
#[derive(Parser)]
#[command(
    name = "gradgraph",
    version,
    about,
    after_help = "Without a command, gradgraph runs the tour: every experiment of the course, \
                  its numbers printed and its plots written into graphs/."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The language of what gradgraph writes for people to read: en or pt-BR (numbers with
    /// a decimal comma, and --at read with one). Without it, GRADGRAPH_LANG, then the locale
    /// (LC_ALL, LC_MESSAGES, LANG: Portuguese when it starts with pt), else English.
    #[arg(long, global = true, value_name = "LANG", value_parser = cli::parse_lang)]
    lang: Option<gradgraph_i18n::Lang>,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate an expression and its gradient with respect to every variable.
    Expr(Box<cli::expr::ExprArgs>),
    /// Time the benchmark workloads beside their hand-written baselines.
    Bench(cli::bench::BenchArgs),
    /// Train an MLP on a built-in data set or a CSV file.
    Train(Box<cli::train::TrainArgs>),
    /// Apply a saved model (gradgraph's or PyTorch's) to the samples of a CSV file.
    Predict(cli::predict::PredictArgs),
    /// Work a backward pass by hand: each gradient is checked, and a wrong one explained.
    Quiz(cli::quiz::QuizArgs),
    /// Write the live page: type any expression, step through its backward pass, in one
    /// offline HTML file.
    Page(cli::page::PageArgs),
}

/// The command line as clap parses it, the derive's.
fn command() -> clap::Command {
    Cli::command()
}

/// The language asked for on the command line (`--lang X`, `--lang=X`), read before
/// parsing so that help and clap's errors are written in it; `None` when absent or unknown.
fn lang_in_args(args: &[std::ffi::OsString]) -> Option<gradgraph_i18n::Lang> {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = it.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            return it.next().and_then(|v| cli::parse_lang(&v).ok());
        }
        if let Some(v) = arg.strip_prefix("--lang=") {
            return cli::parse_lang(v).ok();
        }
    }
    None
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli::set_lang(lang_in_args(&args));
    let cmd = cli::help::localize(command(), lang);
    let cli = cmd
        .clone()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
        .unwrap_or_else(|e| cli::errors::clap_exit(cli::values::suggest_value(e), lang, &cmd));
    let result = match cli.command {
        Some(Command::Expr(args)) => cli::expr::run(*args),
        Some(Command::Bench(args)) => cli::bench::run(args),
        Some(Command::Train(args)) => cli::train::run(*args),
        Some(Command::Predict(args)) => cli::predict::run(args),
        Some(Command::Quiz(args)) => cli::quiz::run(args),
        Some(Command::Page(args)) => cli::page::run(args),
        None => cli::tour::run(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{}", cli::errors::error_line(&failure.message));
            ExitCode::from(failure.code)
        }
    }
}

//! `gradgraph page FILE.html`: the live page, one self-contained HTML file where a learner
//! types an expression, sets its variables and steps through its backward pass, run by the
//! engine compiled to WebAssembly (`gradgraph-web`).

use super::bindings::{self, Binding};
use super::{CliResult, Failure};
use gradgraph::expr;
use gradgraph_cli::files;
use std::path::PathBuf;

/// The expression the page opens on without `--expression`: the course's neuron.
const NEURON: &str = "tanh(x*w + b)";
/// Its values.
const NEURON_AT: [(&str, &str); 3] = [("x", "1"), ("w", "0.5"), ("b", "-0.2")];

/// Arguments of `gradgraph page`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Open the file in a browser (no server, no network): type any \
    expression, drag its variables' values, and step through the forward and backward pass, \
    each step in your own names; or switch to the net mode and train a net live on data you \
    change. `gradgraph expr EXPRESSION --at ... --html FILE.html` writes the same page opened \
    on that expression, `gradgraph train ... --html FILE.html` opened on that run's net."
)]
pub struct PageArgs {
    /// The page to write, FILE.html.
    #[arg(value_name = "FILE.html")]
    pub file: PathBuf,
    /// The expression the page opens on (default: tanh(x*w + b), with x=1, w=0.5, b=-0.2).
    #[arg(long, value_name = "EXPRESSION", allow_hyphen_values = true)]
    pub expression: Option<String>,
    /// The value of a variable, as NAME=VALUE; a variable without one starts at 1.
    #[arg(long = "at", value_name = "NAME=VALUE", allow_hyphen_values = true,
          value_parser = bindings::binding)]
    pub at: Vec<Binding>,
    /// Open the net mode on one of the course's experiments: xor, circles, x2, reciprocal,
    /// sine or vanishing.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["expression", "at"],
          value_parser = clap::builder::PossibleValuesParser::new(preset_names()))]
    pub preset: Option<String>,
}

/// The presets' names, from the page's own list.
fn preset_names() -> Vec<&'static str> {
    gradgraph_web::presets().iter().map(|p| p.name).collect()
}

/// Checks the file and the expression, then writes the page.
pub fn run(args: PageArgs) -> CliResult {
    super::check_output("gradgraph page", &args.file)?;
    bindings::check_unique(&args.at)?;
    bindings::check_decimal(&args.at, super::lang())?;
    if let Some(name) = &args.preset {
        let opening = gradgraph_web::Page {
            net: Some(gradgraph_web::NetOpening {
                preset: Some(name.clone()),
                ..Default::default()
            }),
            ..page_of(NEURON, &[])
        };
        let opening = gradgraph_web::Page {
            values: NEURON_AT
                .iter()
                .map(|&(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            ..opening
        };
        return write(&args.file, &opening);
    }
    let opening = match &args.expression {
        Some(source) => {
            let e = expr::parse(source).map_err(|e| Failure::usage(e.to_string()))?;
            if let Some(extra) = args
                .at
                .iter()
                .find(|b| !e.variables().contains(&b.name.as_str()))
            {
                return Err(Failure::usage(format!(
                    "--at {}: the expression has no variable `{}`",
                    extra.text, extra.name
                )));
            }
            page_of(source, &args.at)
        }
        None if args.at.is_empty() => gradgraph_web::Page {
            expression: NEURON.to_owned(),
            values: NEURON_AT
                .iter()
                .map(|&(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            graph: None,
            net: None,
            lang: super::lang(),
        },
        None => {
            return Err(Failure::usage(
                "--at gives a value to a variable of --expression: give the expression too",
            ));
        }
    };
    write(&args.file, &opening)
}

/// The page opened on `source`, each variable at its `--at` value.
pub fn page_of(source: &str, at: &[Binding]) -> gradgraph_web::Page {
    gradgraph_web::Page {
        expression: source.to_owned(),
        values: at
            .iter()
            .map(|b| (b.name.clone(), gradgraph::format_number(b.value)))
            .collect(),
        graph: None,
        net: None,
        lang: super::lang(),
    }
}

/// Writes the page atomically: a failed write leaves an existing file as it was.
pub fn write(path: &std::path::Path, opening: &gradgraph_web::Page) -> CliResult {
    let html = gradgraph_web::page(opening);
    files::write_atomic(path, html.as_bytes()).map_err(Failure::writing)?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

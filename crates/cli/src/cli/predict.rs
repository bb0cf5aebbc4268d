//! `gradgraph predict`: apply a saved model to the samples of a CSV file.

use super::model::{self, Unstated};
use super::t;
use super::text::print_out;
use super::values::{self, OutputChoice};
use super::{CliResult, Failure};
use gradgraph_nn::data::Table;
use gradgraph_nn::train::graph_size;
use gradgraph_nn::{Activation, Mlp, Output};
use std::path::PathBuf;

/// Arguments of `gradgraph predict`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "The CSV file has a header line naming its columns, then one sample \
    per line: as many columns as the model has inputs (x1,x2,...), or one more, a label (the \
    last column, as `train --dataset` reads it: a class or a target value), which is shown \
    beside each prediction and scored (accuracy or RMSE). A last column named as the next \
    input (x3 after x2) is an input, refused for a model of one input fewer; a classifier's \
    labels are its classes (0 and 1, or -1 and 1, for two), and any other is refused, with \
    its line.\n\n\
    A classifier (a sigmoid or softmax output) prints each sample's class and the \
    probability of each class; any other model prints its outputs (the value, for \
    regression). --json prints one object with full-precision numbers (\"outputs\" is what \
    the model returns, as PyTorch's Sequential with the output function does).\n\n\
    Exit codes: 0 done, 2 bad input (flags, files, a CSV that does not fit the model), 1 a \
    prediction that is NaN or infinite."
)]
pub struct PredictArgs {
    /// The model: a FILE.json or FILE.safetensors saved by `gradgraph train --save`, or a
    /// safetensors file saved from PyTorch (`safetensors.torch.save_file(model.state_dict(),
    /// ...)` of a torch.nn.Sequential).
    #[arg(long, value_name = "MODEL")]
    pub load: PathBuf,
    /// The samples: a CSV file with a header line, one column per input of the model, and
    /// optionally a label column last.
    #[arg(long, value_name = "FILE.csv")]
    pub dataset: PathBuf,
    /// For a safetensors file without gradgraph's metadata (saved from PyTorch): the
    /// activation of its hidden layers, one for all or one per layer (relu,tanh)
    /// [default: relu].
    #[arg(long, value_name = "NAME[,NAME...]", value_delimiter = ',',
          value_parser = values::activation)]
    pub activation: Option<Vec<Activation>>,
    /// For a safetensors file without gradgraph's metadata: its output function
    /// [default: linear, the raw scores].
    #[arg(long, value_name = "NAME", value_enum, ignore_case = true)]
    pub output: Option<OutputChoice>,
    /// The largest input file read, in megabytes, from 1 to 65536 (--load and --dataset
    /// files).
    #[arg(long, value_name = "MB", default_value_t = 256, value_parser = values::megabytes)]
    pub max_input_mb: u64,
    /// Print one JSON object on stdout instead of the table.
    #[arg(long)]
    pub json: bool,
}

/// What the model's outputs mean.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// One probability of class 1 (a sigmoid output).
    Binary,
    /// One probability per class (a softmax output).
    Classes,
    /// Numbers: the value of a regression, scores.
    Values,
}

fn kind(mlp: &Mlp) -> Kind {
    match mlp.output {
        Output::Sigmoid if mlp.n_outputs() == 1 => Kind::Binary,
        Output::Softmax => Kind::Classes,
        _ => Kind::Values,
    }
}

/// The probabilities of each class from a classifier's outputs.
fn probabilities(kind: Kind, outputs: &[f64]) -> Vec<f64> {
    match kind {
        Kind::Binary => vec![1.0 - outputs[0], outputs[0]],
        _ => outputs.to_vec(),
    }
}

/// The class of the largest probability (the first of equals).
fn argmax(p: &[f64]) -> usize {
    (0..p.len()).fold(0, |best, k| if p[k] > p[best] { k } else { best })
}

/// A number for JSON: NaN and infinities, which JSON cannot hold, as strings.
fn number(v: f64) -> serde_json::Value {
    if v.is_finite() {
        v.into()
    } else if v.is_nan() {
        "NaN".into()
    } else if v > 0.0 {
        "inf".into()
    } else {
        "-inf".into()
    }
}

fn numbers(vs: &[f64]) -> serde_json::Value {
    vs.iter().map(|&v| number(v)).collect::<Vec<_>>().into()
}

/// Runs `gradgraph predict`: plan (the model and the samples, checked), predict, write.
pub fn run(args: PredictArgs) -> CliResult {
    let plan = plan(&args)?;
    let predictions = predict(&plan)?;
    write(&args, &plan, &predictions)
}

/// The model and the samples, read and checked against each other.
struct Plan {
    mlp: Mlp,
    inputs: Vec<Vec<f64>>,
    /// The label column, if the file has one.
    labels: Vec<f64>,
}

/// What the model says of the samples.
struct Predictions {
    outputs: Vec<Vec<f64>>,
    kind: Kind,
    /// How many classes a classifier has (0 for any other model).
    classes: usize,
    /// Each sample's class, for a classifier.
    predicted: Vec<Option<usize>>,
    /// The accuracy or RMSE against the labels, if there are labels.
    score: Option<(&'static str, f64)>,
}

/// Reads the model and the samples, refusing a model too big for the engine and a CSV
/// that does not fit the model, before any prediction.
fn plan(args: &PredictArgs) -> Result<Plan, Failure> {
    let limit = super::input_limit(args.max_input_mb);
    let flags = Unstated {
        activation: args.activation.as_deref(),
        output: args.output.map(Output::from),
        default_output: (Output::Linear, "model-why-raw-scores"),
    };
    let (mlp, note) = model::load("--load", &args.load, limit, &flags)?;
    let mut sizes = vec![mlp.n_inputs];
    sizes.extend(mlp.layers.iter().map(|l| l.n_outputs()));
    let size = graph_size(&sizes, 1);
    if !size.fits() {
        return Err(Failure::usage(format!(
            "--load {}: a net with {} parameters makes a graph of about {} edges, more than \
             the {} this scalar engine allows",
            args.load.display(),
            size.weights,
            size.edges,
            gradgraph_nn::train::MAX_EDGES
        )));
    }
    let text = gradgraph_cli::files::read_limited(&args.dataset, limit, "a CSV file")
        .map_err(|e| super::reading("--dataset", e))?;
    let table = Table::parse_csv(&text, &args.dataset.display().to_string())
        .map_err(|e| super::reading("--dataset", e))?;
    let labelled = check_columns(args, &table, mlp.n_inputs)?;
    let (inputs, labels): (Vec<Vec<f64>>, Vec<f64>) = if labelled {
        table
            .rows
            .into_iter()
            .map(|mut row| {
                let label = row.pop().unwrap_or(f64::NAN);
                (row, label)
            })
            .unzip()
    } else {
        (table.rows, Vec::new())
    };
    check_labels(args, &mlp, &labels, &table.lines)?;
    if let Some(note) = &note {
        eprintln!("{note}");
    }
    Ok(Plan {
        mlp,
        inputs,
        labels,
    })
}

/// The name of a column split into its stem and its number: `x3` is `("x", 3)`.
fn numbered(name: &str) -> Option<(&str, u64)> {
    let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
    let number = name[stem.len()..].parse().ok()?;
    Some((stem, number))
}

/// True when the CSV file has a label column after the `n` inputs; refuses any other
/// number of columns, and one more column than inputs that is named as the next input
/// (`x1,x2,x3` for a model of two inputs), not as a label.
fn check_columns(args: &PredictArgs, table: &Table, n: usize) -> Result<bool, Failure> {
    let columns = &table.columns;
    let next_input = match columns.as_slice() {
        [.., before, last] => matches!(
            (numbered(before), numbered(last)),
            (Some((a, i)), Some((b, j))) if a == b && j == i + 1
        ),
        _ => false,
    };
    match columns.len() {
        c if c == n => Ok(false),
        c if c == n + 1 && next_input => Err(Failure::usage(t(
            "predict-label-named-as-input",
            &[
                ("file", args.dataset.display().to_string().into()),
                ("count", c.to_string().into()),
                ("columns", columns.join(", ").into()),
                ("inputs", n.to_string().into()),
            ],
        ))),
        c if c == n + 1 => Ok(true),
        c => Err(Failure::usage(t(
            "predict-columns",
            &[
                ("file", args.dataset.display().to_string().into()),
                ("count", c.into()),
                ("columns", table.columns.join(",").into()),
                ("inputs", n.into()),
                ("more", (n + 1).to_string().into()),
            ],
        ))),
    }
}

/// Refuses a label a classifier cannot have: a class out of its range, or not a whole
/// number (−1 and 1 are classes 0 and 1 of a binary model, as `train` reads them); any
/// number is a regression's label. Names the file's line.
fn check_labels(args: &PredictArgs, mlp: &Mlp, labels: &[f64], lines: &[usize]) -> CliResult {
    let classes = match kind(mlp) {
        Kind::Binary => 2,
        Kind::Classes => mlp.n_outputs(),
        Kind::Values => return Ok(()),
    };
    if classes == 2 && labels.iter().all(|&y| y == -1.0 || y == 1.0) {
        return Ok(());
    }
    let Some(i) = labels
        .iter()
        .position(|&y| !(y.fract() == 0.0 && y >= 0.0 && y < classes as f64))
    else {
        return Ok(());
    };
    let range = if classes == 2 {
        t("predict-label-range-two", &[])
    } else {
        t(
            "predict-label-range",
            &[("last", (classes - 1).to_string().into())],
        )
    };
    Err(Failure::usage(t(
        "predict-bad-label",
        &[
            ("file", args.dataset.display().to_string().into()),
            (
                "line",
                lines.get(i).copied().unwrap_or(i + 2).to_string().into(),
            ),
            ("label", super::lang().number(labels[i]).into()),
            ("classes", classes.to_string().into()),
            ("range", range.into()),
        ],
    )))
}

/// Applies the model to every sample, and scores it against the labels.
fn predict(plan: &Plan) -> Result<Predictions, Failure> {
    let (mlp, labels) = (&plan.mlp, &plan.labels);
    let outputs = mlp.predict(&plan.inputs).map_err(Failure::from)?;
    let kind = kind(mlp);
    let classes = match kind {
        Kind::Binary => 2,
        Kind::Classes => mlp.n_outputs(),
        Kind::Values => 0,
    };
    // labels as classes: micrograd's −1/1 are classes 0 and 1, as train reads them
    let plus_minus = kind == Kind::Binary && labels.iter().all(|&y| y == -1.0 || y == 1.0);
    let as_class = |y: f64| if plus_minus && y == -1.0 { 0.0 } else { y };
    let predicted: Vec<Option<usize>> = outputs
        .iter()
        .map(|o| (kind != Kind::Values).then(|| argmax(&probabilities(kind, o))))
        .collect();
    let score = if labels.is_empty() {
        None
    } else if kind == Kind::Values {
        (mlp.n_outputs() == 1).then(|| {
            let se: f64 = outputs
                .iter()
                .zip(labels)
                .map(|(o, y)| (o[0] - y).powi(2))
                .sum();
            ("rmse", (se / labels.len() as f64).sqrt())
        })
    } else {
        let right = predicted
            .iter()
            .zip(labels)
            .filter(|(c, y)| c.is_some_and(|c| c as f64 == as_class(**y)))
            .count();
        Some(("accuracy", right as f64 / labels.len() as f64))
    };
    Ok(Predictions {
        outputs,
        kind,
        classes,
        predicted,
        score,
    })
}

/// Prints the predictions (a table, or JSON); a prediction that is not finite is then a
/// failure (exit 1).
fn write(args: &PredictArgs, plan: &Plan, p: &Predictions) -> CliResult {
    let text = if args.json {
        json_text(args, plan, p)
    } else {
        table_text(p, &plan.labels)
    };
    print_out(&text)?;
    let Some(i) = p
        .outputs
        .iter()
        .position(|o| o.iter().any(|v| !v.is_finite()))
    else {
        return Ok(());
    };
    let lang = super::lang();
    let separator = if lang == gradgraph_i18n::Lang::En {
        ", "
    } else {
        "; "
    };
    Err(Failure::failed(t(
        "predict-not-finite",
        &[
            ("sample", (i + 1).to_string().into()),
            (
                "outputs",
                p.outputs[i]
                    .iter()
                    .map(|v| lang.decimal(&v.to_string()))
                    .collect::<Vec<_>>()
                    .join(separator)
                    .into(),
            ),
        ],
    )))
}

/// The predictions as one JSON object (`--json`).
fn json_text(args: &PredictArgs, plan: &Plan, p: &Predictions) -> String {
    let predictions: Vec<serde_json::Value> = p
        .outputs
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut one = serde_json::Map::new();
            if let Some(c) = p.predicted[i] {
                one.insert("class".into(), c.into());
                one.insert("probabilities".into(), numbers(&probabilities(p.kind, o)));
            } else if o.len() == 1 {
                one.insert("value".into(), number(o[0]));
            }
            one.insert("outputs".into(), numbers(o));
            if let Some(&y) = plan.labels.get(i) {
                one.insert("label".into(), number(y));
            }
            one.into()
        })
        .collect();
    let mut out = serde_json::json!({
        "model": args.load.display().to_string(),
        "dataset": args.dataset.display().to_string(),
        "output": plan.mlp.output.to_string(),
        "samples": p.outputs.len(),
        "predictions": predictions,
    });
    if let (Some((name, value)), Some(map)) = (p.score, out.as_object_mut()) {
        map.insert(name.into(), number(value));
    }
    format!("{out}\n")
}

/// The predictions as an aligned table, then the score against the labels.
fn table_text(p: &Predictions, labels: &[f64]) -> String {
    let rows = table_rows(p, labels);
    let columns = rows[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut text = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| format!("{cell:>w$}"))
            .collect();
        text.push_str(&cells.join("  "));
        text.push('\n');
    }
    let lang = super::lang();
    let samples = labels.len().to_string();
    match p.score {
        Some(("accuracy", a)) => {
            text.push_str(&t(
                "predict-accuracy",
                &[
                    (
                        "accuracy",
                        lang.decimal(&format!("{:.1}", 100.0 * a)).into(),
                    ),
                    ("samples", samples.into()),
                ],
            ));
            text.push('\n');
        }
        Some((_, rmse)) => {
            text.push_str(&t(
                "predict-rmse",
                &[
                    ("rmse", lang.decimal(&format!("{rmse:.6}")).into()),
                    ("samples", samples.into()),
                ],
            ));
            text.push('\n');
        }
        None => {}
    }
    text
}

/// The table's cells: a header, then a row per sample.
fn table_rows(p: &Predictions, labels: &[f64]) -> Vec<Vec<String>> {
    let (outputs, kind) = (&p.outputs, p.kind);
    let lang = super::lang();
    let mut header = vec![t("predict-sample", &[])];
    if !labels.is_empty() {
        header.push(t("predict-label", &[]));
    }
    match kind {
        Kind::Values if outputs.first().is_some_and(|o| o.len() == 1) => {
            header.push(t("predict-value", &[]));
        }
        Kind::Values => {
            let k = outputs.first().map_or(0, Vec::len);
            header.extend((1..=k).map(|k| t("predict-output", &[("k", k.to_string().into())])));
        }
        _ => {
            header.push(t("predict-class", &[]));
            header.extend((0..p.classes).map(|k| format!("p({k})")));
        }
    }
    let mut rows = vec![header];
    for (i, o) in outputs.iter().enumerate() {
        let mut row = vec![(i + 1).to_string()];
        if let Some(y) = labels.get(i) {
            row.push(lang.decimal(&y.to_string()));
        }
        match p.predicted[i] {
            Some(c) => {
                row.push(c.to_string());
                row.extend(
                    probabilities(kind, o)
                        .iter()
                        .map(|p| lang.decimal(&format!("{p:.6}"))),
                );
            }
            None => row.extend(o.iter().map(|v| lang.decimal(&format!("{v:.6}")))),
        }
        rows.push(row);
    }
    rows
}

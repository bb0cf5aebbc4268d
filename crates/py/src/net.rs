//! The coarse calls of `gradgraph.nn.MLP`: `fit` (the whole training loop in Rust, with
//! gradgraph-nn's [`Trainer`], the code of `gradgraph train`), `predict`, `save` and `load`
//! (the command line's JSON and safetensors files).
//!
//! The Python `MLP` keeps its parameters as `Value` objects; each call here gets the net's
//! shape and its numbers in canonical order (layer by layer, neuron by neuron, weights then
//! bias: micrograd's `parameters()` order) and gives numbers back.

use crate::error::bad_value;
use crate::lang::tr;
use gradgraph_nn::data::Dataset;
use gradgraph_nn::train::{check_fit, check_graph_size, check_steps};
use gradgraph_nn::{
    Activation, Clip, Loss, Mlp, Optimizer, Output, Step, TrainConfig, Trainer, evaluate,
};
use gradgraph_web::{CsvText, NetOpening, Page, Settings};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::fmt::Write as _;

/// The steps `fit` trains between two looks at Python's signals (micrograd's demo: about
/// 0.5 ms).
const TRAIN_PIECE: usize = 25;

/// What the page calls the data `fit` trained on.
const DATA_NAME: &str = "X, y";

/// The most samples `fit` and `predict` take at once.
pub const MAX_SAMPLES: usize = 1_000_000;

/// The net of a Python `MLP`: its sizes (inputs first), one activation name per hidden layer,
/// its output function and its parameters.
fn build(sizes: &[usize], activations: &[String], output: &str, params: &[f64]) -> PyResult<Mlp> {
    let activations = activations
        .iter()
        .map(|a| {
            a.parse::<Activation>()
                .map_err(|e| bad_value(crate::lang::nn_text(&e)))
        })
        .collect::<PyResult<Vec<_>>>()?;
    let output: Output = output
        .parse()
        .map_err(|e: gradgraph_nn::Error| bad_value(crate::lang::nn_text(&e)))?;
    let mut mlp = Mlp::builder(sizes)
        .activations(&activations)
        .output(output)
        .build()
        .map_err(|e| bad_value(crate::lang::nn_text(&e)))?;
    mlp.set_parameters_named(params, &tr!("py-parameters"))
        .map_err(|e| bad_value(crate::lang::nn_text(&e)))?;
    mlp.check_finite()
        .map_err(|e| bad_value(format!("{}: {e}", tr!("py-parameters"))))?;
    Ok(mlp)
}

/// Checks the inputs `x` (one row per sample, `n_inputs` finite numbers each).
fn check_rows(x: &[Vec<f64>], n_inputs: usize) -> PyResult<()> {
    if x.is_empty() {
        return Err(bad_value(tr!("py-x-empty")));
    }
    if x.len() > MAX_SAMPLES {
        return Err(bad_value(tr!(
            "py-x-too-many",
            count = x.len(),
            limit = MAX_SAMPLES
        )));
    }
    for (i, row) in x.iter().enumerate() {
        if row.len() != n_inputs {
            return Err(bad_value(tr!(
                "py-x-width",
                index = i,
                count = row.len(),
                inputs = n_inputs
            )));
        }
        if let Some(j) = row.iter().position(|v| !v.is_finite()) {
            return Err(bad_value(tr!(
                "py-x-finite",
                row = i,
                column = j,
                value = crate::error::number(row[j])
            )));
        }
    }
    Ok(())
}

/// The samples as the CSV text `gradgraph train` would read: the same task guessed from the
/// targets (two classes, several, or a regression), the same defaults.
fn csv_text(x: &[Vec<f64>], y: &[f64]) -> String {
    let n = x.first().map_or(0, Vec::len);
    let mut text = String::with_capacity(x.len() * (n + 1) * 20);
    for i in 1..=n {
        let _ = write!(text, "x{i},");
    }
    text.push_str("y\n");
    for (row, target) in x.iter().zip(y) {
        for v in row {
            let _ = write!(text, "{v:?},");
        }
        let _ = writeln!(text, "{target:?}");
    }
    text
}

/// Trains the net on `(x, y)` in Rust; returns a dict: `params` (the trained numbers),
/// `losses` (before each update), `loss` (after the last), `accuracy` or `rmse`, and `page`
/// (what the live page needs to train the same net again).
#[pyfunction]
#[pyo3(signature = (sizes, activations, params, x, y, *, loss = None, optimizer = "adam".to_owned(),
    lr = None, lr_end = None, steps = 100, batch_size = None, l2 = 0.0, clip_value = None,
    clip_norm = None, seed = 0))]
#[allow(clippy::too_many_arguments)]
pub fn fit<'py>(
    py: Python<'py>,
    sizes: Vec<usize>,
    activations: Vec<String>,
    params: Vec<f64>,
    x: Vec<Vec<f64>>,
    y: Vec<f64>,
    loss: Option<String>,
    optimizer: String,
    lr: Option<f64>,
    lr_end: Option<f64>,
    steps: usize,
    batch_size: Option<usize>,
    l2: f64,
    clip_value: Option<f64>,
    clip_norm: Option<f64>,
    seed: u64,
) -> PyResult<Bound<'py, PyDict>> {
    let n_inputs = sizes.first().copied().unwrap_or(0);
    check_rows(&x, n_inputs)?;
    if y.len() != x.len() {
        return Err(bad_value(tr!(
            "py-y-count",
            targets = y.len(),
            samples = x.len()
        )));
    }
    if let Some(i) = y.iter().position(|v| !v.is_finite()) {
        return Err(bad_value(tr!(
            "py-y-finite",
            index = i,
            value = crate::error::number(y[i])
        )));
    }
    check_steps(steps).map_err(|e| bad_value(format!("steps: {e}")))?;
    if batch_size == Some(0) {
        return Err(bad_value(tr!("py-batch-zero")));
    }
    for (name, v) in [
        ("lr", lr),
        ("lr_end", lr_end),
        ("l2", Some(l2)),
        ("clip_value", clip_value),
        ("clip_norm", clip_norm),
    ] {
        if let Some(v) = v
            && !(v.is_finite() && v >= 0.0)
        {
            return Err(bad_value(tr!(
                "py-finite-at-least-zero",
                name = name,
                value = crate::error::number(v)
            )));
        }
    }
    let csv = csv_text(&x, &y);
    let data = Dataset::parse_csv(&csv, &tr!("py-data"))
        .map_err(|e| bad_value(crate::lang::nn_text(&e)))?;
    let loss = match &loss {
        Some(name) => name
            .parse::<Loss>()
            .map_err(|e| bad_value(format!("loss: {e}")))?,
        None => Loss::default_for(data.task),
    };
    let optimizer: Optimizer = optimizer
        .parse()
        .map_err(|e: gradgraph_nn::Error| bad_value(format!("optimizer: {e}")))?;
    check_graph_size(&sizes, 1).map_err(|e| bad_value(crate::lang::nn_text(&e)))?;
    let mlp = build(&sizes, &activations, "linear", &params)?;
    check_fit(&mlp, &data, loss).map_err(|e| bad_value(format!("loss {loss}: {e}")))?;
    let config = TrainConfig {
        loss,
        l2,
        optimizer,
        lr: lr.unwrap_or(optimizer.default_lr()),
        lr_end,
        steps,
        batch_size,
        clip: Clip {
            value: clip_value,
            norm: clip_norm,
        },
        seed,
        threads: 1,
    };
    let mut trainer = Trainer::new(mlp.clone(), config.clone())
        .map_err(|e| bad_value(crate::lang::nn_text(&e)))?;
    let mut losses = Vec::with_capacity(steps);
    // in pieces, Python's signals checked between them: Ctrl-C (a notebook's interrupt) stops
    // a long training within a piece, and the weights stay as they were; the pieces give
    // the losses of one run, bit for bit (the trainer stops and goes on)
    let mut done = 0;
    while done < steps {
        let piece = TRAIN_PIECE.min(steps - done);
        py.detach(|| trainer.run(&data, piece, |step: &Step<'_>| losses.push(step.loss)))
            .map_err(|e| bad_value(crate::lang::nn_text(&e)))?;
        py.check_signals()?;
        done += piece;
    }
    let trained = trainer
        .model()
        .map_err(|e| bad_value(crate::lang::nn_text(&e)))?;
    // a training that diverged changes nothing: the weights stay as they were
    if let Some(k) = losses.iter().position(|l| !l.is_finite()) {
        return Err(bad_value(tr!(
            "py-diverged-loss",
            loss = crate::error::number(losses[k]),
            step = k,
            first = crate::error::number(losses[0]),
            lr = crate::error::number(config.lr)
        )));
    }
    trained.check_finite().map_err(|e| {
        bad_value(tr!(
            "py-diverged",
            why = e.to_string(),
            lr = crate::error::number(config.lr)
        ))
    })?;
    let metrics =
        evaluate(&trained, &data, loss, l2).map_err(|e| bad_value(crate::lang::nn_text(&e)))?;
    let settings = Settings {
        dataset: DATA_NAME.to_owned(),
        samples: None,
        noise: None,
        test_fraction: 0.0,
        hidden: sizes[1..sizes.len() - 1].to_vec(),
        activation: activations.clone(),
        output: Some("linear".to_owned()),
        loss: Some(loss.to_string()),
        optimizer: optimizer.to_string(),
        lr: Some(config.lr),
        lr_end,
        steps,
        batch_size,
        l2,
        clip_value,
        clip_norm,
        seed,
    };
    let opening = NetOpening {
        settings: Some(settings),
        preset: None,
        csv: Some(CsvText {
            name: DATA_NAME.to_owned(),
            text: csv,
        }),
        weights: Some(params),
        train: steps,
        // written in the page's language when the page is made (`net_page`)
        note: None,
    };
    let page = serde_json::to_string(&opening).map_err(|e| bad_value(e.to_string()))?;
    let out = PyDict::new(py);
    out.set_item("params", trained.parameters())?;
    out.set_item("losses", losses)?;
    out.set_item("loss", metrics.loss)?;
    out.set_item("accuracy", metrics.accuracy)?;
    out.set_item("rmse", metrics.rmse)?;
    out.set_item("task", format!("{:?}", data.task).to_lowercase())?;
    out.set_item("loss_name", loss.to_string())?;
    out.set_item("page", page)?;
    Ok(out)
}

/// The net's outputs for each row of `x`, one list per sample.
#[pyfunction]
pub fn predict(
    py: Python<'_>,
    sizes: Vec<usize>,
    activations: Vec<String>,
    output: String,
    params: Vec<f64>,
    x: Vec<Vec<f64>>,
) -> PyResult<Vec<Vec<f64>>> {
    check_rows(&x, sizes.first().copied().unwrap_or(0))?;
    let mlp = build(&sizes, &activations, &output, &params)?;
    py.detach(|| mlp.predict(&x))
        .map_err(|e| bad_value(crate::lang::nn_text(&e)))
}

/// The live page of a net `fit` trained, in the net mode (`page` is the `fit`'s).
#[pyfunction]
#[pyo3(signature = (page, lang = None))]
pub fn net_page(page: &str, lang: Option<&str>) -> PyResult<String> {
    let lang = crate::lang::resolve(lang)?;
    #[derive(serde::Deserialize)]
    struct Opening {
        settings: Settings,
        csv: CsvFile,
        weights: Vec<f64>,
        train: usize,
    }
    #[derive(serde::Deserialize)]
    struct CsvFile {
        name: String,
        text: String,
    }
    let o: Opening = serde_json::from_str(page).map_err(|e| bad_value(e.to_string()))?;
    Ok(gradgraph_web::page(&Page {
        net: Some(NetOpening {
            settings: Some(o.settings),
            preset: None,
            csv: Some(CsvText {
                name: o.csv.name,
                text: o.csv.text,
            }),
            weights: Some(o.weights),
            train: o.train,
            note: Some(lang.text("py-fit-note", &[("steps", o.train.into())])),
        }),
        lang,
        ..Page::default()
    }))
}

/// The net as the bytes of a model file of `gradgraph train --save`: safetensors when
/// `safetensors`, else JSON (Python writes them, whole or not at all).
#[pyfunction]
pub fn model_bytes<'py>(
    py: Python<'py>,
    safetensors: bool,
    sizes: Vec<usize>,
    activations: Vec<String>,
    output: String,
    params: Vec<f64>,
) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
    let mlp = build(&sizes, &activations, &output, &params)?;
    let bytes = if safetensors {
        mlp.to_safetensors()
    } else {
        mlp.to_json().map(String::into_bytes)
    }
    .map_err(|e| bad_value(crate::lang::nn_text(&e)))?;
    Ok(pyo3::types::PyBytes::new(py, &bytes))
}

/// Sets each value's number at once (no Python code runs in between, so nothing can stop
/// it half way), after checking them all.
#[pyfunction]
pub fn set_numbers(values: Vec<Py<crate::value::Value>>, numbers: Vec<f64>) -> PyResult<()> {
    if values.len() != numbers.len() {
        return Err(bad_value(tr!(
            "py-numbers-count",
            numbers = numbers.len(),
            parameters = values.len()
        )));
    }
    if let Some(i) = numbers.iter().position(|v| !v.is_finite()) {
        return Err(bad_value(tr!(
            "py-parameter-finite",
            index = i,
            value = crate::error::number(numbers[i])
        )));
    }
    for (v, x) in values.iter().zip(numbers) {
        v.get().set_number(x);
    }
    Ok(())
}

/// A net as the Python `MLP` is made from it: its sizes (inputs first), its hidden layers'
/// activations, its output function and its parameters in canonical order.
type Shape = (Vec<usize>, Vec<String>, String, Vec<f64>);

/// A net from the bytes of a model file written by `save` or `gradgraph train --save`
/// (`source` names it in messages).
#[pyfunction]
pub fn load(bytes: &[u8], source: &str) -> PyResult<Shape> {
    let mlp = if gradgraph_nn::torch::looks_like_safetensors(bytes) {
        Mlp::from_safetensors(bytes, source)
    } else {
        let text = std::str::from_utf8(bytes)
            .map_err(|_| bad_value(tr!("py-model-format", source = source)))?;
        Mlp::from_json(text, source)
    }
    .map_err(|e| bad_value(crate::lang::nn_text(&e)))?;
    if mlp.has_batch_norm() {
        return Err(bad_value(tr!("py-model-batch-norm", source = source)));
    }
    let mut sizes = vec![mlp.n_inputs];
    sizes.extend(mlp.layers.iter().map(|l| l.neurons.len()));
    let activations = mlp.activations().iter().map(ToString::to_string).collect();
    Ok((sizes, activations, mlp.output.to_string(), mlp.parameters()))
}

/// A built-in data set of `gradgraph train --dataset NAME` (the same points for the same
/// `samples`, `noise` and `seed`): the inputs, one row per sample, and the targets (classes
/// 0, 1, ... or a regression's numbers).
#[pyfunction]
#[pyo3(signature = (name, samples = None, noise = None, seed = 0))]
pub fn dataset(
    name: &str,
    samples: Option<usize>,
    noise: Option<f64>,
    seed: u64,
) -> PyResult<(Vec<Vec<f64>>, Vec<f64>)> {
    let data = Dataset::builtin(name, samples, noise, seed)
        .map_err(|e| bad_value(crate::lang::nn_text(&e)))?;
    Ok((data.inputs, data.targets))
}

/// An activation's name as gradgraph-nn reads it (`tanh`, `leaky_relu:0.1`, the aliases
/// `swish` and `logistic`), checked: its canonical name, the op to apply (`None` for
/// `linear`) and the op's parameter.
#[pyfunction]
pub fn activation(name: &str) -> PyResult<(String, Option<String>, Option<f64>)> {
    let a: Activation = name
        .parse()
        .map_err(|e: gradgraph_nn::Error| bad_value(crate::lang::nn_text(&e)))?;
    match a.op() {
        Some(gradgraph::Op::Prelu) => Err(bad_value(tr!("py-prelu"))),
        Some(op) => Ok((a.to_string(), Some(op.name().to_owned()), op.param())),
        None => Ok((a.to_string(), None, None)),
    }
}

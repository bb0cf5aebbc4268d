//! `train --plot`: the trained model over the data (a decision map for two inputs, a fitted
//! curve for one input and a regression target), beside the loss curve, as SVG.

use super::duration;
use crate::cli::Error;
use crate::cli::Failure;
use gradgraph::Graph;
use gradgraph_course::plot::{Chart, Field, Figure, LabelledPoint, Map, Panel, Series};
use gradgraph_nn::data::padded_range;
use gradgraph_nn::data::{Dataset, Task};
use gradgraph_nn::{Loss, Mlp, Output};

/// A plot whose first points predict more than this many seconds says so.
const LONG_PLOT_SECONDS: f64 = 5.0;

/// A text of the plot, in the run's language.
fn say(id: &str, args: &[(&str, gradgraph_i18n::FluentValue<'_>)]) -> String {
    crate::cli::lang().text(id, args)
}

/// A failure of the plot itself (exit 1).
fn failed(e: impl std::fmt::Display) -> Failure {
    Failure::failed(format!("--plot: {e}"))
}

/// The figure of `--plot`: the model over `data`, then the loss `history`. `quiet` leaves
/// out the note on a plot that takes long.
pub fn plot(
    mlp: &Mlp,
    data: &Dataset,
    loss: Loss,
    history: &[f64],
    quiet: bool,
) -> Result<String, Failure> {
    let mut panels: Vec<Panel> = Vec::new();
    if data.n_inputs() == 2 && data.task.is_classification() {
        panels.push(decision_map(mlp, data, loss, quiet)?);
    } else if data.n_inputs() == 1 && data.task == Task::Regression {
        panels.push(fitted_curve(mlp, data, quiet)?);
    }
    panels.push(loss_curve(history));
    let columns = panels.len();
    Figure::grid(panels, columns, (480, 420))
        .lang(crate::cli::lang())
        .to_svg()
        .map_err(failed)
}

/// The model's decision over the plane of two inputs, with the samples on it.
fn decision_map(mlp: &Mlp, data: &Dataset, loss: Loss, quiet: bool) -> Result<Panel, Failure> {
    let n = gradgraph_course::plot::map_cells(480);
    let xr = padded_range(data.inputs.iter().map(|x| x[0]));
    let yr = padded_range(data.inputs.iter().map(|x| x[1]));
    let centres: Vec<Vec<f64>> = Field::centres(xr, yr, n)
        .into_iter()
        .map(|(x, y)| vec![x, y])
        .collect();
    let outputs = predict_noting(mlp, &centres, quiet).map_err(failed)?;
    let (values, contour, title): (Vec<f64>, Option<f64>, String) = if mlp.n_outputs() == 1 {
        let threshold = gradgraph_nn::train::decision_threshold(loss, mlp.output);
        let what = if mlp.output == Output::Sigmoid {
            say("train-plot-probability", &[])
        } else {
            say("train-plot-score", &[])
        };
        let threshold_text = crate::cli::lang().decimal(&threshold.to_string());
        (
            outputs.iter().map(|o| o[0]).collect(),
            Some(threshold),
            say(
                "train-plot-boundary",
                &[("what", what.into()), ("threshold", threshold_text.into())],
            ),
        )
    } else {
        // several outputs: the class with the largest
        (
            outputs.iter().map(|o| argmax(o) as f64).collect(),
            None,
            say("train-plot-predicted-class", &[]),
        )
    };
    let range = padded_range(values.iter().copied());
    let field = Field::from_values(xr, yr, n, values).map_err(failed)?;
    let points = data
        .inputs
        .iter()
        .zip(&data.targets)
        .map(|(x, &y)| LabelledPoint {
            x: x[0],
            y: x[1],
            class: y as usize,
        })
        .collect();
    let mut map = match mlp.n_outputs() {
        1 => Map::new(title, field, range),
        k => Map::classes(title, field, k),
    }
    .points(points);
    if let Some(c) = contour {
        map = map.contour(c);
    }
    Ok(map.into())
}

/// The index of the largest output (the first of equals).
pub fn argmax(o: &[f64]) -> usize {
    (0..o.len()).fold(0, |best, k| if o[k] > o[best] { k } else { best })
}

/// The model's curve over the range of one input, with the samples.
fn fitted_curve(mlp: &Mlp, data: &Dataset, quiet: bool) -> Result<Panel, Failure> {
    let (lo, hi) = padded_range(data.inputs.iter().map(|x| x[0]));
    let xs: Vec<Vec<f64>> = (0..=200)
        .map(|i| vec![lo + (hi - lo) * i as f64 / 200.0])
        .collect();
    let ys = predict_noting(mlp, &xs, quiet).map_err(failed)?;
    let chart = Chart::new(say(
        "train-plot-fit",
        &[("dataset", data.name.as_str().into())],
    ))
    .x_label("x")
    .y_label("y")
    .series(Series::points(
        say("train-plot-data", &[]),
        data.inputs
            .iter()
            .zip(&data.targets)
            .map(|(x, &y)| (x[0], y)),
    ))
    .series(Series::line(
        say("train-plot-model", &[]),
        xs.iter().zip(&ys).map(|(x, y)| (x[0], y[0])),
    ));
    Ok(chart.into())
}

/// The training loss, step by step.
fn loss_curve(history: &[f64]) -> Panel {
    let mut curve = Chart::new(say("train-plot-loss-title", &[]))
        .x_label(say("train-plot-step", &[]))
        .y_label(say("train-plot-loss", &[]))
        .series(Series::line(
            say("train-plot-loss", &[]),
            history.iter().enumerate().map(|(k, &l)| (k as f64, l)),
        ));
    // a log scale only when the loss spans more than a decade: over less, it has no ticks
    let (lo, hi) = history
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(lo, hi), &l| {
            (lo.min(l), hi.max(l))
        });
    if history.iter().all(|&l| l > 0.0 && l.is_finite()) && hi > 10.0 * lo {
        curve = curve.log_y();
    }
    curve.into()
}

/// The model's outputs at `xs`, as [`Mlp::predict`] computes them (one graph, a forward
/// pass per point), saying how long it will take when that is long (a big net's decision
/// map is thousands of forward passes).
fn predict_noting(mlp: &Mlp, xs: &[Vec<f64>], quiet: bool) -> Result<Vec<Vec<f64>>, Error> {
    let g = Graph::new();
    let inputs: Vec<_> = (0..mlp.n_inputs).map(|_| g.input(0.0)).collect();
    let mut bound = mlp.bind(&g);
    let out = bound.forward(&inputs)?;
    let started = std::time::Instant::now();
    let mut ys = Vec::with_capacity(xs.len());
    for (k, x) in xs.iter().enumerate() {
        if x.len() != mlp.n_inputs {
            return Ok(mlp.predict(xs)?); // its error names the shape
        }
        for (v, &xi) in inputs.iter().zip(x) {
            v.set_data(xi);
        }
        g.forward();
        ys.push(out.iter().map(|v| v.data()).collect());
        if k == 9 && !quiet {
            let estimate = started.elapsed().as_secs_f64() / 10.0 * xs.len() as f64;
            if estimate > LONG_PLOT_SECONDS {
                eprintln!(
                    "{}",
                    say(
                        "train-plot-slow",
                        &[
                            ("parameters", mlp.parameter_count().into()),
                            ("points", xs.len().into()),
                            ("time", duration(estimate).into()),
                        ]
                    )
                );
            }
        }
    }
    Ok(ys)
}

//! The training replay of `train --html`: every few steps, the model's prediction over the
//! data (a decision map for two inputs and classes, a curve for one input and a regression
//! target) and each layer's gradient norm, for the page to play back.

use super::padded_range;
use super::plot::argmax;
use gradgraph_draw::{Replay, ReplayView, Snapshot};
use gradgraph_nn::data::{Dataset, Task};
use gradgraph_nn::train::Step;
use gradgraph_nn::{Loss, Mlp, Output};

/// The most snapshots of a training replay (`--html`), evenly spaced over the steps.
const SNAPSHOTS: usize = 100;
/// The side of the replay's decision map, in cells.
const MAP_SIDE: usize = 20;

/// How the replay reads the model's outputs at a point: the number drawn.
type Reading = Box<dyn Fn(&[f64]) -> f64>;

/// Records the training replay. It works on a copy of the model, so training is unchanged.
pub struct Recorder {
    shadow: Mlp,
    every: usize,
    last: usize,
    ranges: Vec<std::ops::Range<usize>>,
    /// Where the prediction is evaluated.
    at: Vec<Vec<f64>>,
    /// Maps the model's outputs at a point to the number drawn (in [0, 1] for a map).
    value: Reading,
    replay: Replay,
}

impl Recorder {
    /// A recorder for `steps` steps of training `mlp` on `data` with `loss`.
    pub fn new(mlp: &Mlp, data: &Dataset, loss: Loss, steps: usize) -> Recorder {
        let ranges = mlp.layer_parameter_ranges();
        let layers = (0..ranges.len())
            .map(|l| {
                if l + 1 == ranges.len() {
                    "output".to_owned()
                } else {
                    format!("hidden {}", l + 1)
                }
            })
            .collect();
        let (view, at, value) = if data.n_inputs() == 2 && data.task.is_classification() {
            map_view(mlp, data, loss)
        } else if data.n_inputs() == 1 && data.task == Task::Regression {
            curve_view(data)
        } else {
            let first: Reading = Box::new(|o: &[f64]| o[0]);
            (ReplayView::None, Vec::new(), first)
        };
        Recorder {
            shadow: mlp.clone(),
            every: steps.div_ceil(SNAPSHOTS).max(1),
            last: steps.saturating_sub(1),
            ranges,
            at,
            value,
            replay: Replay::new(layers, view),
        }
    }

    /// Takes a snapshot of the model as it is at `step` (before its update).
    pub fn record(&mut self, step: &Step<'_>) {
        if !step.k.is_multiple_of(self.every) && step.k != self.last {
            return;
        }
        if self.shadow.set_parameters(step.params).is_err() {
            return;
        }
        let grad_norms = self
            .ranges
            .iter()
            .map(|r| {
                step.grads
                    .get(r.clone())
                    .map_or(f64::NAN, |g| g.iter().map(|x| x * x).sum::<f64>().sqrt())
            })
            .collect();
        let prediction = match self.shadow.predict(&self.at) {
            Ok(outputs) => outputs.iter().map(|o| (self.value)(o)).collect(),
            Err(_) => return,
        };
        self.replay
            .snapshots
            .push(Snapshot::new(step.k + 1, step.loss, grad_norms, prediction));
    }

    /// The replay, with the loss of every step.
    pub fn finish(mut self, losses: &[f64]) -> Replay {
        self.replay.losses = losses.to_vec();
        self.replay
    }
}

/// The decision map of two inputs: the cells' centres, and the class or probability drawn
/// at each, in [0, 1].
fn map_view(mlp: &Mlp, data: &Dataset, loss: Loss) -> (ReplayView, Vec<Vec<f64>>, Reading) {
    let (x0, x1) = padded_range(data.inputs.iter().map(|x| x[0]));
    let (y0, y1) = padded_range(data.inputs.iter().map(|x| x[1]));
    let n = MAP_SIDE as f64;
    let at = (0..MAP_SIDE * MAP_SIDE)
        .map(|c| {
            let (row, col) = ((c / MAP_SIDE) as f64, (c % MAP_SIDE) as f64);
            vec![
                x0 + (x1 - x0) * (col + 0.5) / n,
                y0 + (y1 - y0) * (row + 0.5) / n,
            ]
        })
        .collect();
    let classes = data.task.classes().max(2);
    let top = (classes - 1) as f64;
    let points = data
        .inputs
        .iter()
        .zip(&data.targets)
        .map(|(x, &y)| [x[0], x[1], y / top])
        .collect();
    let value: Reading = if mlp.n_outputs() == 1 {
        let threshold = gradgraph_nn::train::decision_threshold(loss, mlp.output);
        if mlp.output == Output::Sigmoid {
            Box::new(|o: &[f64]| o[0])
        } else {
            // a score, as the probability the sigmoid of its distance to the boundary gives
            Box::new(move |o: &[f64]| 1.0 / (1.0 + pxfm::f_exp(threshold - o[0])))
        }
    } else {
        Box::new(move |o: &[f64]| argmax(o) as f64 / top)
    };
    let view = ReplayView::Map {
        size: MAP_SIDE,
        bounds: [x0, x1, y0, y1],
        points,
    };
    (view, at, value)
}

/// The curve of one input: 101 points over its range, and the samples.
fn curve_view(data: &Dataset) -> (ReplayView, Vec<Vec<f64>>, Reading) {
    let (lo, hi) = padded_range(data.inputs.iter().map(|x| x[0]));
    let at: Vec<Vec<f64>> = (0..=100)
        .map(|i| vec![lo + (hi - lo) * i as f64 / 100.0])
        .collect();
    let view = ReplayView::Curve {
        xs: at.iter().map(|x| x[0]).collect(),
        points: data
            .inputs
            .iter()
            .zip(&data.targets)
            .map(|(x, &y)| [x[0], y])
            .collect(),
    };
    (view, at, Box::new(|o: &[f64]| o[0]))
}

//! Training: gradient descent on a data set, replaying one graph per sample (or per batch).
//!
//! The loss of a batch of B samples is micrograd's
//!
//! ```text
//! L = (Σ_i l_i) · (1/B) + α Σ_p p²
//! ```
//!
//! with `l_i` the per-sample [`Loss`]. The graph of a batch is built once, as micrograd
//! builds it: one copy of the network per sample, all sharing the same parameter leaves, the
//! samples' inputs and targets as leaves, and the root `(Σ_i l_i) · (1/B)`. Every step sets
//! the leaves to the step's samples, replays [`Graph::forward`] and runs [`Graph::backward`]
//! once, so each shared parameter collects `Σ_i ∂l_i/∂p · (1/B)`, the gradient of the mean.
//! The L2 term has its own small graph (`α · Σ p·p`). The parameters then move by the
//! [`Optimizer`], are written back into the leaves with
//! [`Value::set_data`](gradgraph::Value::set_data), and the next step replays the same graphs:
//! nothing is rebuilt, allocated or hashed per step. There is one graph per batch size (at
//! most two: full batches and the last batch of an epoch).
//!
//! A batch of more than [`MAX_SLOTS`] samples (without batch normalisation) uses the graph of
//! one sample instead, replayed for every sample of the batch without zeroing the gradients
//! in between: the same sums, in bounded memory. Batch normalisation couples the samples of a
//! batch, so it always needs the whole batch's graph.
//!
//! That is [`train_on_graphs`]. [`train`] itself computes the same numbers by batched replay
//! ([`crate::replay`]): the graph of one sample compiled into a program whose every op runs
//! over the lanes of the batch (up to [`MAX_SLOTS`] lanes at a time); batch normalisation's
//! mean and variance are sums over the lanes of the whole batch
//! ([`Program::compile_with_lane_sums`]), with a second program for a smaller last batch of an
//! epoch.

use super::{Clip, Loss, Mlp, Optimizer, OptimizerState, Output, Schedule};
use crate::Error;
use crate::data::{Dataset, Task};
use crate::replay::{Order, Program};
use gradgraph::{Graph, Value};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
#[cfg(not(target_arch = "wasm32"))]
use std::time::Instant;

/// The most samples one training graph holds (see [`train`]).
pub const MAX_SLOTS: usize = 1024;

/// The fewest lanes (samples of a batch) a thread takes when [`TrainConfig::threads`] asks
/// for more than one: smaller batches are not split, since starting a thread costs more than
/// replaying a few lanes.
pub const MIN_LANES_PER_THREAD: usize = 128;

/// The most threads [`TrainConfig::threads`] may ask for.
pub const MAX_THREADS: usize = 64;

/// How to train.
///
/// `TrainConfig::default()` trains as `gradgraph train` does by default: full-batch
/// [`Optimizer::adam`] with its [default learning rate](Optimizer::default_lr) (0.01) for 100
/// steps on the MSE (the [default loss](Loss::default_for) for regression; see
/// [`TrainConfig::for_task`]), without L2 or clipping, seed 0.
///
/// # Examples
/// micrograd's plain SGD is spelled out:
/// ```
/// use gradgraph_nn::{Optimizer, TrainConfig};
/// let sgd = TrainConfig { optimizer: Optimizer::sgd(), lr: 0.1, ..TrainConfig::default() };
/// assert_eq!(sgd, TrainConfig::sgd(0.1));
/// assert_eq!((TrainConfig::default().optimizer, TrainConfig::default().lr), (Optimizer::adam(), 0.01));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct TrainConfig {
    /// The per-sample loss.
    pub loss: Loss,
    /// The L2 coefficient α (0 for none).
    pub l2: f64,
    /// The optimiser.
    pub optimizer: Optimizer,
    /// The learning rate (at step 0).
    pub lr: f64,
    /// If set, the learning rate decays linearly towards it (see [`Schedule`]).
    pub lr_end: Option<f64>,
    /// The number of updates.
    pub steps: usize,
    /// Samples per update; `None` (or at least the data size) for full batch. Mini-batches
    /// come from a shuffle of the data at the start of each epoch (seeded with `seed`); the
    /// last batch of an epoch holds what is left.
    pub batch_size: Option<usize>,
    /// Gradient clipping.
    pub clip: Clip,
    /// The seed of the mini-batch shuffles.
    pub seed: u64,
    /// Threads to replay a batch with (1: this thread only). A batch of at least
    /// `threads ×` [`MIN_LANES_PER_THREAD`] samples is split into that many runs of lanes,
    /// replayed at the same time; each parameter's gradient is then the sum of the runs'
    /// gradients, added in a fixed order, so a run is reproducible, but it is rounded
    /// differently from one thread's sum over the lanes (the losses agree to about 1e-12
    /// relative, not to the bit). Batch normalisation, which couples the samples, always
    /// replays on one thread.
    pub threads: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig::for_task(Task::Regression)
    }
}

impl TrainConfig {
    /// The defaults for a data set's task: [`TrainConfig::default`] with the loss
    /// [`Loss::default_for`] the task.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::data::Task;
    /// use gradgraph_nn::{Loss, TrainConfig};
    /// assert_eq!(TrainConfig::for_task(Task::Binary).loss, Loss::Bce);
    /// assert_eq!(TrainConfig::for_task(Task::Regression), TrainConfig::default());
    /// ```
    pub fn for_task(task: Task) -> TrainConfig {
        let optimizer = Optimizer::default();
        TrainConfig {
            loss: Loss::default_for(task),
            l2: 0.0,
            optimizer,
            lr: optimizer.default_lr(),
            lr_end: None,
            steps: 100,
            batch_size: None,
            clip: Clip::default(),
            seed: 0,
            threads: 1,
        }
    }

    /// Plain SGD (micrograd's update) with learning rate `lr`, otherwise
    /// [`TrainConfig::default`].
    pub fn sgd(lr: f64) -> TrainConfig {
        TrainConfig {
            optimizer: Optimizer::sgd(),
            lr,
            ..TrainConfig::default()
        }
    }
}

/// The most edges a training graph may hold for [`check_graph_size`]: one per weight and
/// per input of each weighted sum, for every sample of a batch (at 16 bytes an edge, about
/// 1 GB).
pub const MAX_EDGES: usize = 60_000_000;

/// An estimate of the size of the graph [`train`] builds for a net, before anything is
/// allocated (see [`graph_size`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GraphSize {
    /// The net's weights and biases.
    pub weights: usize,
    /// The copies of the net the graph holds: one per sample of a batch, at most
    /// [`MAX_SLOTS`].
    pub copies: usize,
    /// About the number of edges: two per weight (the weight and its input) per copy.
    pub edges: usize,
}

impl GraphSize {
    /// True when the graph is within [`MAX_EDGES`].
    pub fn fits(&self) -> bool {
        self.edges <= MAX_EDGES
    }
}

/// Estimates the training graph of a dense net with layer sizes `sizes` (inputs, hidden
/// layers, outputs) trained on batches of `batch_size` samples: every sample of a batch (up
/// to [`MAX_SLOTS`], above which samples are replayed one at a time) gets its own copy of the
/// net's weighted sums. Saturates instead of overflowing.
///
/// # Examples
/// ```
/// use gradgraph_nn::train::graph_size;
/// // micrograd's 2-16-16-1 net has 337 weights; 100 samples make 100 copies
/// let size = graph_size(&[2, 16, 16, 1], 100);
/// assert_eq!((size.weights, size.copies, size.edges), (337, 100, 67_400));
/// assert_eq!(graph_size(&[2, 16, 16, 1], 5000).copies, 1024);
/// ```
pub fn graph_size(sizes: &[usize], batch_size: usize) -> GraphSize {
    let mut weights: usize = 0;
    for pair in sizes.windows(2) {
        weights = weights.saturating_add(pair[0].saturating_add(1).saturating_mul(pair[1]));
    }
    let copies = batch_size.min(MAX_SLOTS);
    GraphSize {
        weights,
        copies,
        edges: weights.saturating_mul(2).saturating_mul(copies),
    }
}

/// Refuses, before anything is allocated, a net whose training graph would not fit in
/// memory: more than [`MAX_EDGES`] edges by [`graph_size`]. `gradgraph train` checks it
/// before building the model.
///
/// Returns [`Error::TooLarge`] saying what to do instead.
///
/// # Examples
/// ```
/// use gradgraph_nn::train::check_graph_size;
/// assert!(check_graph_size(&[2, 16, 16, 1], 100).is_ok());
/// assert!(check_graph_size(&[2, 4096, 4096, 1], 100).is_err());
/// ```
pub fn check_graph_size(sizes: &[usize], batch_size: usize) -> Result<GraphSize, Error> {
    let size = graph_size(sizes, batch_size);
    if !size.fits() {
        return Err(Error::too_large(
            "training graph",
            format!(
                "a net with {} parameters, copied for {} samples per batch, makes a graph of \
                 about {} edges, more than the {MAX_EDGES} this scalar engine allows; use fewer \
                 hidden units or smaller batches",
                size.weights, size.copies, size.edges
            ),
        ));
    }
    Ok(size)
}

/// The most steps [`train`] runs in one call: ten million (its loss history alone is 160 MB).
/// Longer training continues from the trained model in another call.
pub const MAX_STEPS: usize = 10_000_000;

/// Refuses more than [`MAX_STEPS`] steps with [`Error::TooLarge`], before anything is
/// allocated.
pub fn check_steps(steps: usize) -> Result<(), Error> {
    if steps > MAX_STEPS {
        return Err(Error::too_large(
            "steps",
            format!("{steps} steps is more than the limit of {MAX_STEPS} for one training run"),
        ));
    }
    Ok(())
}

/// What one step saw, passed to the trainer's callback (before the parameters move).
#[derive(Debug)]
pub struct Step<'a> {
    /// The step, from 0.
    pub k: usize,
    /// The batch's loss (including the L2 term) before this update.
    pub loss: f64,
    /// The learning rate of this update.
    pub lr: f64,
    /// The Euclidean norm of the gradient before clipping.
    pub grad_norm: f64,
    /// The gradient after clipping, in canonical parameter order.
    pub grads: &'a [f64],
    /// The parameters before this update, in canonical order.
    pub params: &'a [f64],
}

/// The outcome of [`train`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrainReport {
    /// The batch loss (including the L2 term) before each update, one per step.
    pub loss: Vec<f64>,
    /// The norm of the gradient before clipping, one per step.
    pub grad_norm: Vec<f64>,
    /// The loss of the trained model on the whole training set, including the L2 term
    /// (batch norm in evaluation mode).
    pub final_loss: f64,
    /// Wall time of the training loop (every step, without building the graphs or the final
    /// evaluation), in seconds.
    pub seconds: f64,
}

/// The fewest steps [`TrainReport::still_falling`] judges.
pub const STILL_FALLING_MIN_STEPS: usize = 20;

/// The share above which [`TrainReport::still_falling`] says the loss was still falling: the
/// fall over the last tenth of the steps must be more than 1% of the loss and more than 1% of
/// the whole run's fall.
pub const STILL_FALLING_SHARE: f64 = 0.01;

impl TrainReport {
    /// How much the loss was still falling when training stopped, if noticeably: the
    /// relative drop `(before − last) / before` from the mean loss `before` of the tenth of
    /// the steps before the last tenth to the mean `last` of the last tenth, when that drop
    /// is more than [`STILL_FALLING_SHARE`] (1%) of `before` and more than 1% of the run's
    /// whole fall (from the mean of the first tenth to `last`). More steps would then lower
    /// the loss noticeably.
    ///
    /// `None` when the loss had levelled off or rose, when it was still creeping down but by
    /// a sliver of what the run had gained (a loss on separable classes falls towards 0 by
    /// a steady fraction long after every point is classified), for fewer than
    /// [`STILL_FALLING_MIN_STEPS`] steps, or when a loss is not finite.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::TrainReport;
    /// let report = |loss: Vec<f64>| TrainReport {
    ///     final_loss: loss[loss.len() - 1],
    ///     grad_norm: vec![1.0; loss.len()],
    ///     loss,
    ///     seconds: 0.0,
    /// };
    /// // falling by 0.01 a step: the mean of the last two of 20 steps, 0.815, is 2.4% below
    /// // that of the two before, 0.835
    /// let falling = report((0..20).map(|k| 1.0 - 0.01 * k as f64).collect());
    /// assert!((falling.still_falling().unwrap() - 0.02395).abs() < 1e-5);
    /// // 1/(k+1): 10% lower over the last two steps, but that is under 1% of the fall from 1
    /// let levelled = report((0..20).map(|k| 1.0 / (k as f64 + 1.0)).collect());
    /// assert_eq!(levelled.still_falling(), None);
    /// assert_eq!(report(vec![0.5; 20]).still_falling(), None);
    /// assert_eq!(report(vec![1.0, 0.5, 0.25]).still_falling(), None); // too few steps
    /// ```
    pub fn still_falling(&self) -> Option<f64> {
        still_falling(&self.loss)
    }
}

/// [`TrainReport::still_falling`] of a loss history (one loss per step): the live page asks
/// it of the steps trained so far.
pub fn still_falling(loss: &[f64]) -> Option<f64> {
    let n = loss.len();
    if n < STILL_FALLING_MIN_STEPS {
        return None;
    }
    let tenth = n / 10;
    let mean = |run: &[f64]| run.iter().sum::<f64>() / run.len() as f64;
    let first = mean(&loss[..tenth]);
    let before = mean(&loss[n - 2 * tenth..n - tenth]);
    let last = mean(&loss[n - tenth..]);
    let fall = before - last;
    let noticeable =
        fall > STILL_FALLING_SHARE * before && fall > STILL_FALLING_SHARE * (first - last);
    (first.is_finite() && last.is_finite() && before > 0.0 && noticeable).then_some(fall / before)
}

/// The targets a loss wants for a sample of class or value `y`, written into `out` (one per
/// model output): −1/1 for hinge, 0/1 for BCE, one-hot for cross-entropy, and for MSE the
/// value (regression), 0/1 (two classes, one output) or one-hot (one output per class).
pub fn encode_target(loss: Loss, task: Task, y: f64, out: &mut [f64]) {
    match (loss, task) {
        (Loss::Hinge, _) => out[0] = if y > 0.5 { 1.0 } else { -1.0 },
        (Loss::Bce, _) | (Loss::Mse, Task::Regression) => out[0] = y,
        (Loss::Mse, Task::Binary) if out.len() == 1 => out[0] = y,
        _ => {
            for (k, o) in out.iter_mut().enumerate() {
                *o = if k as f64 == y { 1.0 } else { 0.0 };
            }
        }
    }
}

/// Checks that a model, a data set and a loss fit together.
///
/// Returns [`Error::Shape`] if the model does not read one input per column, and
/// [`Error::OutOfRange`] (saying what would fit) if the loss does not suit the task or the
/// number of outputs.
pub fn check_fit(mlp: &Mlp, data: &Dataset, loss: Loss) -> Result<(), Error> {
    super::mlp::check_len(
        "model inputs for the data's columns",
        data.n_inputs(),
        mlp.n_inputs,
    )?;
    if data.is_empty() {
        return Err(Error::out_of_range(
            "samples",
            format!("{}: no samples", data.name),
        ));
    }
    super::mlp::check_len(
        "rows of inputs for the targets",
        data.len(),
        data.inputs.len(),
    )?;
    if let Some(i) = data.inputs.iter().position(|x| x.len() != mlp.n_inputs) {
        return Err(Error::Shape {
            what: format!("{}: inputs of sample {}", data.name, i + 1),
            expected: mlp.n_inputs,
            got: data.inputs[i].len(),
        });
    }
    let n_out = mlp.n_outputs();
    let bad = |why: String| Err(Error::out_of_range("loss", format!("{}: {why}", data.name)));
    match (loss, data.task) {
        (Loss::Hinge | Loss::Bce, Task::Binary) if n_out == 1 => Ok(()),
        (Loss::Hinge | Loss::Bce, Task::Binary) => bad(format!(
            "the {loss} loss needs one output, the model has {n_out}"
        )),
        (Loss::Hinge | Loss::Bce, task) => bad(format!(
            "the {loss} loss is for two classes, but the data is {task}"
        )),
        (Loss::CrossEntropy, Task::Regression) => {
            bad("cross-entropy is for classes, but the data is regression (use mse)".into())
        }
        (Loss::CrossEntropy, task) if n_out == task.classes() => Ok(()),
        (Loss::CrossEntropy, task) => bad(format!(
            "cross-entropy needs one output per class ({}), the model has {n_out}",
            task.classes()
        )),
        (Loss::Mse, Task::Regression) if n_out == 1 => Ok(()),
        (Loss::Mse, Task::Binary) if n_out == 1 || n_out == 2 => Ok(()),
        (Loss::Mse, Task::Classes(k)) if n_out == k => Ok(()),
        (Loss::Mse, task) => bad(format!(
            "mse on {task} needs {} output(s), the model has {n_out}",
            match task {
                Task::Classes(k) => k,
                _ => 1,
            }
        )),
    }
}

/// One graph holding `slots` samples: input and target leaves, per-sample losses, and the
/// root `(Σ l_i) · scale` whose backward gives the batch gradient.
struct Replay<'g> {
    g: &'g Graph,
    bound: super::Bound<'g>,
    x: Vec<Vec<Value<'g>>>,
    t: Vec<Vec<Value<'g>>>,
    /// the raw scores of each slot
    z: Vec<Vec<Value<'g>>>,
    /// the model's outputs of each slot (after the output function)
    y: Vec<Vec<Value<'g>>>,
    losses: Vec<Value<'g>>,
    scale: Value<'g>,
    root: Value<'g>,
}

impl<'g> Replay<'g> {
    fn build(
        g: &'g Graph,
        mlp: &Mlp,
        loss: Loss,
        slots: usize,
        training: bool,
        lanes_of: Option<usize>,
    ) -> Result<Replay<'g>, Error> {
        let x: Vec<Vec<Value<'g>>> = (0..slots)
            .map(|_| {
                (1..=mlp.n_inputs)
                    .map(|i| g.input(0.0).with_label(&format!("x{i}")))
                    .collect()
            })
            .collect();
        let mut bound = mlp.bind(g);
        let z = if training && mlp.has_batch_norm() {
            match lanes_of {
                // one sample, its batch statistics summed over the lanes of `batch`
                Some(batch) => vec![bound.forward_lanes_train(&x[0], batch)?],
                None => bound.forward_batch_train(&x)?,
            }
        } else {
            x.iter()
                .map(|xi| bound.forward_logits(xi))
                .collect::<Result<Vec<_>, Error>>()?
        };
        let output = mlp.output;
        let y: Vec<Vec<Value<'g>>> = z
            .iter()
            .map(|zi| {
                if output == Output::Linear {
                    zi.clone()
                } else {
                    g.group("output", || output.apply(zi))
                }
            })
            .collect();
        let t: Vec<Vec<Value<'g>>> = (0..slots)
            .map(|_| {
                (0..mlp.n_outputs())
                    .map(|_| g.constant(0.0).with_label("y"))
                    .collect()
            })
            .collect();
        let losses = z
            .iter()
            .zip(&t)
            .map(|(zi, ti)| g.group("loss", || loss.sample(g, output, zi, ti)))
            .collect::<Result<Vec<_>, Error>>()?;
        let scale = g.constant(1.0).with_label("1/B");
        let root = match losses.as_slice() {
            [one] => *one * scale,
            _ => g.sum(&losses) * scale,
        };
        Ok(Replay {
            g,
            bound,
            x,
            t,
            z,
            y,
            losses,
            scale,
            root,
        })
    }

    /// The graph of one sample (built with `lanes_of`) compiled for `lanes` lanes: the inputs
    /// and targets vary, and batch normalisation's sums are sums over the lanes.
    fn program(&self, lanes: usize) -> Result<Program, Error> {
        let varying: Vec<Value<'g>> = self.x[0].iter().chain(&self.t[0]).copied().collect();
        let sums: Vec<Value<'g>> = self
            .bound
            .batch_stats()
            .iter()
            .flatten()
            .flat_map(|&(mean, var)| [mean, var])
            .filter_map(|stat| self.g.operands(stat).first().copied())
            .collect();
        Program::compile_with_lane_sums(self.g, self.root, &varying, &sums, lanes)
    }

    /// Writes sample `i` of `data` into slot `s`.
    fn load(&self, s: usize, data: &Dataset, i: usize, loss: Loss, buf: &mut [f64]) {
        for (v, &xi) in self.x[s].iter().zip(&data.inputs[i]) {
            v.set_data(xi);
        }
        encode_target(loss, data.task, data.targets[i], buf);
        for (v, &ti) in self.t[s].iter().zip(buf.iter()) {
            v.set_data(ti);
        }
    }
}

/// The L2 term `α · Σ p·p`, the graph [`loss::l2`](super::loss::l2) builds (a product `p·p` per
/// parameter, their sum, the product by α), evaluated and differentiated without a graph: the
/// table's arithmetic ([`Op::forward`](gradgraph::Op::forward),
/// [`Op::local_derivative`](gradgraph::Op::local_derivative)) written out in the order
/// backward takes, so the bits are the same (`tests/replay.rs` and `tests/nn_train.rs`
/// compare the trainer with the graph path).
struct Penalty {
    alpha: f64,
}

impl Penalty {
    fn new(alpha: f64) -> Penalty {
        Penalty { alpha }
    }

    /// Computes the penalty of `values` and returns it, with its gradient added to `grads`
    /// (`∂/∂p = α p + α p`, the two factors of `p·p`, as micrograd sums them).
    #[inline(never)]
    fn eval(&self, values: &[f64], grads: Option<&mut [f64]>) -> f64 {
        // Op::Sum of the products p·p (Op::Mul): summed from 0, left to right
        let sum = values.iter().fold(0.0, |acc, &p| acc + p * p);
        // Op::MulConst(α): x·c
        let root = sum * self.alpha;
        if let Some(grads) = grads {
            // backward from the root (d root / d root = 1): the sum's gradient, MulConst's
            // local derivative α times 1, added to 0
            let up_sum = 0.0 + self.alpha * 1.0;
            // each product's, the sum's local derivative 1 times that
            let up_sq = 0.0 + 1.0 * up_sum;
            for (o, &p) in grads.iter_mut().zip(values) {
                // d(ab)/da = b and d(ab)/db = a, both p, sent one after the other
                let adjoint = 0.0 + p * up_sq + p * up_sq;
                *o += 0.0 + adjoint;
            }
        }
        root
    }
}

/// How [`train`] replays a batch.
enum Engine<'g> {
    /// One sample's graph compiled into a program over the batch's lanes.
    Lanes {
        one: Box<Replay<'g>>,
        /// one program per thread (see [`TrainConfig::threads`])
        programs: Vec<Program>,
        /// with batch normalisation, the graph and program of the last batch of an epoch
        /// when it is smaller (the batch size is part of its statistics)
        rest: Option<(Box<Replay<'g>>, Box<Program>)>,
    },
    /// The graph of the whole batch (and of the last batch of an epoch, if it is smaller).
    Graphs {
        main: Box<Replay<'g>>,
        rest: Option<Box<Replay<'g>>>,
    },
}

/// Trains `mlp` on `data` and leaves the trained parameters (and batch-norm running
/// statistics) in it. `on_step` sees every step before its update.
///
/// Returns [`Error::Shape`] or [`Error::OutOfRange`] if the model, data and loss do not fit
/// (see [`check_fit`]), or for a learning rate, L2 or clipping threshold that is not a
/// finite non-negative number, or a thread count that is not 1 to [`MAX_THREADS`], and
/// [`Error::TooLarge`] above [`MAX_STEPS`] steps. A diverging run is not an error: its
/// losses become NaN or infinite.
///
/// # Examples
/// ```
/// # fn main() -> Result<(), gradgraph_nn::Error> {
/// use gradgraph_nn::data::Dataset;
/// use gradgraph_nn::{Activation, Init, Loss, Mlp, Optimizer, Output, TrainConfig, train};
/// let data = Dataset::builtin("circles", Some(60), None, 3)?;
/// let mut net = Mlp::builder(&[2, 4, 1])
///     .activation(Activation::TANH)
///     .output(Output::Sigmoid)
///     .init(Init::GlorotUniform)
///     .seed(3)
///     .build()?;
/// let config = TrainConfig {
///     loss: Loss::Bce, optimizer: Optimizer::adam(), lr: 0.05, steps: 50, ..TrainConfig::default()
/// };
/// let mut seen = 0;
/// let report = train(&mut net, &data, &config, |step| seen = step.k + 1)?;
/// assert_eq!((report.loss.len(), seen), (50, 50));
/// assert!(report.final_loss < report.loss[0]);
/// # Ok(()) }
/// ```
pub fn train(
    mlp: &mut Mlp,
    data: &Dataset,
    config: &TrainConfig,
    on_step: impl FnMut(&Step<'_>),
) -> Result<TrainReport, Error> {
    run(mlp, data, config, on_step, true)
}

/// [`train`] on the recorded graphs themselves, as before batched replay: every step runs
/// [`Graph::forward`] and [`Graph::backward`] on a graph holding one copy of the net per
/// sample (or one sample's graph, sample by sample, for batches of more than
/// [`MAX_SLOTS`]). It gives the same losses as [`train`] (bit for bit when each parameter is
/// used once per sample, else to rounding); it is kept to check the replay against, and to
/// time it.
///
/// Returns the errors of [`train`].
pub fn train_on_graphs(
    mlp: &mut Mlp,
    data: &Dataset,
    config: &TrainConfig,
    on_step: impl FnMut(&Step<'_>),
) -> Result<TrainReport, Error> {
    run(mlp, data, config, on_step, false)
}

/// [`train`], replaying the batch over lanes ([`Program`]) when `lanes` (and the net has no
/// batch norm), else on the graphs.
fn run(
    mlp: &mut Mlp,
    data: &Dataset,
    config: &TrainConfig,
    mut on_step: impl FnMut(&Step<'_>),
    lanes: bool,
) -> Result<TrainReport, Error> {
    check_fit(mlp, data, config.loss)?;
    let mut trainer = Trainer::new(mlp.clone(), config.clone())?;
    let mut losses = Vec::with_capacity(config.steps);
    let mut norms = Vec::with_capacity(config.steps);
    let clock = Clock::start();
    trainer.advance(data, config.steps, lanes, |step| {
        losses.push(step.loss);
        norms.push(step.grad_norm);
        on_step(step);
    })?;
    let seconds = clock.seconds();
    *mlp = trainer.model()?;
    let final_metrics = evaluate(mlp, data, config.loss, config.l2)?;
    Ok(TrainReport {
        loss: losses,
        grad_norm: norms,
        final_loss: final_metrics.loss,
        seconds,
    })
}

/// Wall time, where the platform has a clock (WebAssembly in a browser has none that Rust's
/// standard library reads: there it reads 0).
struct Clock(#[cfg(not(target_arch = "wasm32"))] Instant);

impl Clock {
    fn start() -> Clock {
        Clock(
            #[cfg(not(target_arch = "wasm32"))]
            Instant::now(),
        )
    }

    fn seconds(&self) -> f64 {
        #[cfg(not(target_arch = "wasm32"))]
        return self.0.elapsed().as_secs_f64();
        #[cfg(target_arch = "wasm32")]
        return 0.0;
    }
}

/// Training that stops and goes on: everything one step hands the next (the parameters, the
/// optimiser's state, the mini-batch order and its random generator, the step count), so a
/// run of `a` steps then `b` more gives the numbers of one run of `a + b` steps, bit for bit.
/// [`train`] is one call of [`Trainer::run`]; the live page calls it once per frame, and
/// between calls changes a parameter by hand or the data.
///
/// [`TrainConfig::steps`] is the horizon of the learning-rate decay ([`Schedule`]): after
/// that many steps the rate stays at its end value, and training may go on.
///
/// # Examples
/// ```
/// # fn main() -> Result<(), gradgraph_nn::Error> {
/// use gradgraph_nn::data::Dataset;
/// use gradgraph_nn::{Activation, Mlp, TrainConfig, Trainer, train};
/// let data = Dataset::xor();
/// let net = Mlp::new(&[2, 3, 1], Activation::TANH, 1)?;
/// let config = TrainConfig { steps: 20, ..TrainConfig::default() };
///
/// let mut whole = net.clone();
/// let report = train(&mut whole, &data, &config, |_| {})?;
///
/// let mut trainer = Trainer::new(net, config)?;
/// let mut losses = Vec::new();
/// trainer.run(&data, 5, |s| losses.push(s.loss))?;
/// trainer.run(&data, 15, |s| losses.push(s.loss))?;
/// assert_eq!(losses, report.loss);
/// assert_eq!(trainer.model()?, whole);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Trainer {
    /// The model's architecture and batch-norm running statistics (its parameters are
    /// `params`).
    work: Mlp,
    config: TrainConfig,
    params: Vec<f64>,
    state: OptimizerState,
    /// The mini-batch order of the epoch, and the position in it.
    order: Vec<usize>,
    at: usize,
    rng: ChaCha8Rng,
    /// Steps taken.
    k: usize,
}

impl Trainer {
    /// A trainer of `mlp` with `config`, at step 0.
    ///
    /// Returns [`Error::OutOfRange`] for a learning rate, L2 or clipping threshold that is
    /// not a finite non-negative number, or a thread count that is not 1 to
    /// [`MAX_THREADS`], and [`Error::TooLarge`] above [`MAX_STEPS`] steps.
    pub fn new(mlp: Mlp, config: TrainConfig) -> Result<Trainer, Error> {
        check_steps(config.steps)?;
        for (name, v) in [
            ("learning rate", Some(config.lr)),
            ("final learning rate", config.lr_end),
            ("L2 coefficient", Some(config.l2)),
            ("clip value", config.clip.value),
            ("clip norm", config.clip.norm),
        ] {
            if let Some(v) = v
                && !(v.is_finite() && v >= 0.0)
            {
                return Err(Error::out_of_range(
                    name,
                    format!("{name} {v} must be a finite non-negative number"),
                ));
            }
        }
        if !(1..=MAX_THREADS).contains(&config.threads) {
            return Err(Error::out_of_range(
                "threads",
                format!(
                    "{} threads: training uses 1 to {MAX_THREADS} threads",
                    config.threads
                ),
            ));
        }
        let params = mlp.parameters();
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        rng.set_stream(2);
        Ok(Trainer {
            state: config.optimizer.state(params.len()),
            work: mlp,
            config,
            params,
            order: Vec::new(),
            at: 0,
            rng,
            k: 0,
        })
    }

    /// The steps taken so far.
    pub fn steps_done(&self) -> usize {
        self.k
    }

    /// The configuration.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// The parameters now, in canonical order.
    pub fn parameters(&self) -> &[f64] {
        &self.params
    }

    /// Sets parameter `i` (canonical order) by hand; training goes on from it (the
    /// optimiser's state is kept).
    ///
    /// Returns [`Error::OutOfRange`] if there is no parameter `i` or `value` is not finite.
    pub fn set_parameter(&mut self, i: usize, value: f64) -> Result<(), Error> {
        let n = self.params.len();
        let Some(p) = self.params.get_mut(i) else {
            return Err(Error::out_of_range(
                "parameter",
                format!(
                    "parameter {i}: the model has {n} parameters (0 to {})",
                    n.max(1) - 1
                ),
            ));
        };
        if !value.is_finite() {
            return Err(Error::out_of_range(
                "parameter",
                format!("parameter {i}: {value} is not a finite number"),
            ));
        }
        *p = value;
        Ok(())
    }

    /// Starts a new epoch at the next step: call it when the data changed (samples added or
    /// removed), so the next mini-batches are drawn from the new data.
    pub fn new_epoch(&mut self) {
        self.order.clear();
    }

    /// The model now: the architecture with the current parameters (and batch-norm running
    /// statistics). After a run that diverged, its parameters are NaN or infinite (see
    /// [`Mlp::check_finite`]).
    ///
    /// Returns the errors of [`Mlp::set_parameters`], which a trainer's own parameters never
    /// cause.
    pub fn model(&self) -> Result<Mlp, Error> {
        let mut m = self.work.clone();
        m.set_parameters(&self.params)?;
        Ok(m)
    }

    /// Takes `steps` more steps on `data`; `on_step` sees each before its update (its `k`
    /// counts from the trainer's first step).
    ///
    /// Returns the errors of [`train`] for a model, data and loss that do not fit. A
    /// diverging run is not an error: its losses become NaN or infinite.
    pub fn run(
        &mut self,
        data: &Dataset,
        steps: usize,
        on_step: impl FnMut(&Step<'_>),
    ) -> Result<(), Error> {
        self.advance(data, steps, true, on_step)
    }

    /// [`Trainer::run`], replaying over lanes when `lanes`, else on the graphs.
    fn advance(
        &mut self,
        data: &Dataset,
        steps: usize,
        lanes: bool,
        mut on_step: impl FnMut(&Step<'_>),
    ) -> Result<(), Error> {
        // the graphs replay the current parameters
        let mlp = &self.model()?;
        check_fit(mlp, data, self.config.loss)?;
        advance(self, mlp, data, steps, lanes, &mut on_step)
    }
}

/// The steps of [`Trainer::advance`], on the trainer's fields (`mlp` is its model now).
fn advance(
    trainer: &mut Trainer,
    mlp: &Mlp,
    data: &Dataset,
    steps: usize,
    lanes: bool,
    on_step: &mut impl FnMut(&Step<'_>),
) -> Result<(), Error> {
    let config = trainer.config.clone();
    let config = &config;
    let n = data.len();
    let batch = config.batch_size.unwrap_or(n).clamp(1, n);
    let bn = mlp.has_batch_norm();
    if bn && batch < 2 {
        return Err(Error::out_of_range(
            "batch size",
            "batch normalisation needs batches of at least 2 samples",
        ));
    }
    let loss = config.loss;

    // One graph per batch size: full batches, and the rest of an epoch. Up to MAX_SLOTS
    // samples share one graph (its forward and backward each run once per step); larger
    // batches without batch norm replay one sample's graph per sample instead, so memory
    // stays bounded. With lanes, one sample's graph is compiled into a replay program run
    // over the batch (MAX_SLOTS lanes at a time, and all of them with batch norm, whose
    // statistics couple the samples).
    let rest = n % batch;
    let (main_slots, rest_slots) = if bn || batch <= MAX_SLOTS {
        (batch, rest)
    } else {
        (1, 0)
    };
    let g_main = Graph::new();
    let g_rest = Graph::new();
    let mut engine = if lanes {
        // batch norm's statistics sum over the whole batch: every lane of it at once, on
        // this thread, with a program of its own for the last batch of an epoch
        let (width, threads) = if bn {
            (batch, 1)
        } else {
            let width = batch.min(MAX_SLOTS);
            (
                width,
                config.threads.min(width / MIN_LANES_PER_THREAD).max(1),
            )
        };
        let one = Replay::build(&g_main, mlp, loss, 1, true, bn.then_some(batch))?;
        let program = one.program(width)?;
        let rest = if bn && rest_slots >= 2 {
            let r = Replay::build(&g_rest, mlp, loss, 1, true, Some(rest_slots))?;
            let p = r.program(rest_slots)?;
            Some((Box::new(r), Box::new(p)))
        } else {
            None
        };
        Engine::Lanes {
            one: Box::new(one),
            programs: vec![program; threads],
            rest,
        }
    } else {
        let main = Replay::build(&g_main, mlp, loss, main_slots, true, None)?;
        // (a batch-normalised epoch never ends on a single sample: see the batch loop)
        let rest = if rest_slots >= 2 || (rest_slots == 1 && !bn) {
            Some(Replay::build(&g_rest, mlp, loss, rest_slots, true, None)?)
        } else {
            None
        };
        Engine::Graphs {
            main: Box::new(main),
            rest: rest.map(Box::new),
        }
    };
    let penalty = (config.l2 > 0.0).then(|| Penalty::new(config.l2));
    let Trainer {
        work,
        config,
        params,
        state,
        order,
        at,
        rng,
        k: done,
    } = trainer;
    let schedule = Schedule {
        lr: config.lr,
        lr_end: config.lr_end,
        steps: config.steps,
    };
    let mut grads = vec![0.0; params.len()];
    let mut target = vec![0.0; mlp.n_outputs()];
    if order.len() != n {
        // a new epoch: shuffled before its first batch
        *order = (0..n).collect();
        *at = n;
    }
    let full = batch == n;
    let widest = mlp.layers.iter().map(|l| l.n_outputs()).max().unwrap_or(0);
    let (mut means, mut vars) = (Vec::with_capacity(widest), Vec::with_capacity(widest));

    for _ in 0..steps {
        let k = *done;
        // the samples of this step
        let members: &[usize] = if full {
            &*order
        } else {
            if *at >= n || (bn && n - *at < 2) {
                order.shuffle(rng);
                *at = 0;
            }
            let end = (*at + batch).min(n);
            let range = *at..end;
            *at = end;
            &order[range]
        };
        let b = members.len();
        let mut sum = 0.0;
        grads.iter_mut().for_each(|g| *g = 0.0);
        match &mut engine {
            Engine::Lanes {
                one,
                programs,
                rest,
            } => {
                let (one, programs): (&Replay<'_>, &mut [Program]) = match rest {
                    Some((r, p)) if b == p.lanes() && b != programs[0].lanes() => {
                        (&**r, std::slice::from_mut(&mut **p))
                    }
                    _ => (&**one, programs.as_mut_slice()),
                };
                for program in programs.iter_mut() {
                    program.zero_grad();
                    program.set_shared(one.scale.index(), 1.0 / b as f64);
                }
                // the order in which the graph path sums a parameter's gradient over the
                // samples: the whole batch's graph reaches the last sample's copy first
                let order = if b <= MAX_SLOTS || bn {
                    Order::Reverse
                } else {
                    Order::Forward
                };
                let (x, t, l0) = (&one.x[0], &one.t[0], one.losses[0].index());
                for chunk in members.chunks(programs[0].lanes()) {
                    // the chunk's lanes, split into runs for the threads when it is large
                    let threads = programs
                        .len()
                        .min(chunk.len() / MIN_LANES_PER_THREAD)
                        .max(1);
                    let per = chunk.len().div_ceil(threads);
                    for (program, run) in programs.iter_mut().zip(chunk.chunks(per)) {
                        for (lane, &i) in run.iter().enumerate() {
                            for (v, &xi) in x.iter().zip(&data.inputs[i]) {
                                program.set(v.index(), lane, xi);
                            }
                            encode_target(loss, data.task, data.targets[i], &mut target);
                            for (v, &ti) in t.iter().zip(&target) {
                                program.set(v.index(), lane, ti);
                            }
                        }
                    }
                    let replay = |program: &mut Program, lanes: usize| {
                        program.forward(lanes);
                        program.backward(lanes, order);
                    };
                    if threads == 1 {
                        replay(&mut programs[0], chunk.len());
                    } else {
                        std::thread::scope(|scope| {
                            let mut runs = programs.iter_mut().zip(chunk.chunks(per));
                            let here = runs.next();
                            for (program, run) in runs {
                                scope.spawn(move || replay(program, run.len()));
                            }
                            if let Some((program, run)) = here {
                                replay(program, run.len());
                            }
                        });
                    }
                    for (program, run) in programs.iter().zip(chunk.chunks(per)) {
                        for lane in 0..run.len() {
                            sum += program.data(l0, lane);
                        }
                    }
                }
                // batch norm: the running statistics move towards the batch's
                for (bnorm, stats) in work.batch_norm.iter_mut().zip(one.bound.batch_stats()) {
                    means.clear();
                    means.extend(stats.iter().map(|(m, _)| programs[0].data(m.index(), 0)));
                    vars.clear();
                    vars.extend(stats.iter().map(|(_, v)| programs[0].data(v.index(), 0)));
                    bnorm.update_running(&means, &vars, b);
                }
                // each thread's gradients, the run of the last lanes first (in a fixed order:
                // the same sum on every run)
                for (o, p) in grads.iter_mut().zip(one.bound.parameters()) {
                    let mut g = 0.0;
                    let each = programs.iter().map(|program| program.grad(p.index()));
                    match order {
                        Order::Reverse => each.rev().for_each(|v| g += v),
                        Order::Forward => each.for_each(|v| g += v),
                    }
                    *o += g;
                }
            }
            Engine::Graphs { main, rest } => {
                let replay = match rest {
                    Some(r) if b == r.losses.len() && b != main.losses.len() => r,
                    _ => main,
                };
                let g = replay.g;
                g.zero_grad();
                replay.scale.set_data(1.0 / b as f64);
                if replay.losses.len() != b {
                    // one sample at a time; the parameters' gradients accumulate over the batch
                    for &i in members {
                        replay.load(0, data, i, loss, &mut target);
                        g.forward();
                        g.backward(replay.root);
                        sum += replay.losses[0].data();
                    }
                } else {
                    for (s, &i) in members.iter().enumerate() {
                        replay.load(s, data, i, loss, &mut target);
                    }
                    g.forward();
                    g.backward(replay.root);
                    for l in &replay.losses {
                        sum += l.data();
                    }
                    for (bnorm, stats) in work.batch_norm.iter_mut().zip(replay.bound.batch_stats())
                    {
                        means.clear();
                        means.extend(stats.iter().map(|(m, _)| m.data()));
                        vars.clear();
                        vars.extend(stats.iter().map(|(_, v)| v.data()));
                        bnorm.update_running(&means, &vars, b);
                    }
                }
                replay.bound.add_gradients(&mut grads);
            }
        }
        // micrograd: data_loss = sum(losses) * (1.0 / len(losses))
        let data_loss = sum * (1.0 / b as f64);
        let reg = match &penalty {
            Some(p) => p.eval(params, Some(&mut grads)),
            None => 0.0,
        };
        let total = data_loss + reg;
        let grad_norm = config.clip.apply(&mut grads);
        let lr = schedule.lr(k);
        on_step(&Step {
            k,
            loss: total,
            lr,
            grad_norm,
            grads: &grads,
            params,
        });
        state.step(params, &grads, lr);
        // write the new parameters into every graph or program that replays them
        match &mut engine {
            Engine::Lanes {
                one,
                programs,
                rest,
            } => {
                for program in programs.iter_mut() {
                    for (p, &v) in one.bound.parameters().iter().zip(params.iter()) {
                        program.set_shared(p.index(), v);
                    }
                }
                if let Some((r, program)) = rest {
                    for (p, &v) in r.bound.parameters().iter().zip(params.iter()) {
                        program.set_shared(p.index(), v);
                    }
                }
            }
            Engine::Graphs { main, rest } => {
                for r in std::iter::once(&**main).chain(rest.as_deref()) {
                    for (p, &v) in r.bound.parameters().iter().zip(params.iter()) {
                        p.set_data(v);
                    }
                }
            }
        }
        *done += 1;
    }
    Ok(())
}

/// How well a model does on a data set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    /// The mean per-sample loss plus the L2 term.
    pub loss: f64,
    /// The fraction of samples classified right (classification).
    pub accuracy: Option<f64>,
    /// The root mean squared error of the outputs (regression).
    pub rmse: Option<f64>,
}

/// Evaluates `mlp` on `data` (batch norm in evaluation mode): the loss as [`train`] defines
/// it (mean per-sample loss plus `l2 · Σ p²`), and the accuracy or the RMSE.
///
/// A sample's class is the largest output when there are several; with one output it is
/// class 1 when the raw score is positive (hinge, BCE: the sigmoid's 0.5) or, for MSE on 0/1
/// targets, when the output exceeds 0.5.
pub fn evaluate(mlp: &Mlp, data: &Dataset, loss: Loss, l2: f64) -> Result<Metrics, Error> {
    check_fit(mlp, data, loss)?;
    let g = Graph::new();
    let replay = Replay::build(&g, mlp, loss, 1, false, None)?;
    let n = data.len();
    replay.scale.set_data(1.0 / n as f64);
    let mut target = vec![0.0; mlp.n_outputs()];
    let mut sum = 0.0;
    let mut right = 0usize;
    let mut squared = 0.0;
    for i in 0..n {
        replay.load(0, data, i, loss, &mut target);
        g.forward();
        sum += replay.losses[0].data();
        let y = data.targets[i];
        match data.task {
            Task::Regression => {
                let d = replay.y[0][0].data() - y;
                squared += d * d;
            }
            _ => {
                let class = predicted_class(loss, &replay.z[0], &replay.y[0]);
                if class as f64 == y {
                    right += 1;
                }
            }
        }
    }
    let reg = if l2 > 0.0 {
        Penalty::new(l2).eval(&mlp.parameters(), None)
    } else {
        0.0
    };
    let regression = data.task == Task::Regression;
    Ok(Metrics {
        loss: sum * (1.0 / n as f64) + reg,
        accuracy: (!regression).then(|| right as f64 / n as f64),
        rmse: regression.then(|| (squared / n as f64).sqrt()),
    })
}

/// The threshold on a single-output model's output (after its [`Output`] function) above
/// which it predicts class 1: 0.5 when the output is a probability (sigmoid) or is fitted to
/// 0/1 targets (MSE), else 0 (a raw score or logit, as the hinge loss and BCE read it).
///
/// # Examples
/// ```
/// use gradgraph_nn::{Loss, Output, train::decision_threshold};
/// assert_eq!(decision_threshold(Loss::Hinge, Output::Linear), 0.0);
/// assert_eq!(decision_threshold(Loss::Bce, Output::Sigmoid), 0.5);
/// ```
pub fn decision_threshold(loss: Loss, output: Output) -> f64 {
    if loss == Loss::Mse || output == Output::Sigmoid {
        0.5
    } else {
        0.0
    }
}

/// The class a model's scores `z` (and outputs `y`) choose; see [`evaluate`].
fn predicted_class(loss: Loss, z: &[Value<'_>], y: &[Value<'_>]) -> usize {
    if z.len() == 1 {
        let positive = match loss {
            Loss::Mse => y[0].data() > 0.5,
            _ => z[0].data() > 0.0,
        };
        return usize::from(positive);
    }
    let mut best = 0;
    for (k, v) in y.iter().enumerate() {
        if v.data() > y[best].data() {
            best = k;
        }
    }
    best
}

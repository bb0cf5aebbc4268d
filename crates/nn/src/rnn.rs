//! [`Rnn`]: an Elman recurrent net, unrolled in time into the DAG.

use super::train::MAX_SLOTS;
use super::{Clip, Init, Optimizer, Schedule};
use crate::Error;
use crate::replay::{Order, Program};
use gradgraph::{Graph, Value};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::time::Instant;

/// An Elman recurrent net of scalar units, unrolled in time into the DAG and trained by
/// backpropagation through time.
///
/// With one input `x_t` and one output per time step, and `H` hidden units:
///
/// ```text
/// h_t = tanh(W_x x_t + W_h h_{t−1} + b)      h_0 = 0
/// y_t = W_y h_t + c
/// ```
///
/// A recurrent net has a cycle (`h_{t−1}` feeds `h_t`); unrolling it for `T` steps makes a
/// DAG with one copy of every unit per step, all copies sharing the same parameter leaves.
/// Backward through that DAG is backpropagation through time: each shared weight collects
/// the gradient of every step. Each hidden unit at each step is one weighted-sum node
/// (inputs `x_t, h_{t−1,1} … h_{t−1,H}`) and one tanh.
///
/// The gradient reaching an early input passes through one `tanh' · W_h` factor per step,
/// so it usually shrinks geometrically back through time: [`Rnn::input_gradients`] shows it.
///
/// Canonical parameter order: unit by unit, `W_x[j], W_h[j][1] … W_h[j][H], b[j]` (the
/// unit's weighted sum: weights then bias), then the output `W_y[1] … W_y[H], c`.
///
/// # Examples
/// ```
/// # fn main() -> Result<(), gradgraph_nn::Error> {
/// use gradgraph_nn::{Init, Rnn};
/// let rnn = Rnn::new(4, Init::GlorotUniform, 1);
/// assert_eq!(rnn.parameter_count(), 4 * (1 + 4 + 1) + 4 + 1);
/// let grads = rnn.input_gradients(&[0.1, 0.5, -0.2, 0.3], 0.0)?;
/// assert_eq!(grads.len(), 4); // ∂loss/∂x_t for every step t
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rnn {
    /// `W_x`: the input's weight into each hidden unit.
    pub w_x: Vec<f64>,
    /// `W_h`: row j holds the weights from `h_{t−1}` into unit j.
    pub w_h: Vec<Vec<f64>>,
    /// `b`: the hidden units' biases.
    pub b: Vec<f64>,
    /// `W_y`: the output's weight from each hidden unit.
    pub w_y: Vec<f64>,
    /// `c`: the output's bias.
    pub c: f64,
}

/// How to train an [`Rnn`] on a time series.
#[derive(Clone, Debug, PartialEq)]
pub struct RnnConfig {
    /// The number of time steps each window is unrolled for.
    pub window: usize,
    /// Windows per update (drawn at random positions, seeded).
    pub batch_size: usize,
    /// The number of updates.
    pub steps: usize,
    /// The learning rate.
    pub lr: f64,
    /// If set, the learning rate decays linearly towards it.
    pub lr_end: Option<f64>,
    /// The optimiser.
    pub optimizer: Optimizer,
    /// Gradient clipping.
    pub clip: Clip,
    /// The seed of the window positions.
    pub seed: u64,
}

impl Default for RnnConfig {
    fn default() -> Self {
        RnnConfig {
            window: 10,
            batch_size: 8,
            steps: 200,
            lr: 0.01,
            lr_end: None,
            optimizer: Optimizer::adam(),
            clip: Clip::default(),
            seed: 0,
        }
    }
}

/// The outcome of [`Rnn::train`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RnnReport {
    /// The batch loss before each update.
    pub loss: Vec<f64>,
    /// The gradient norm before clipping at each update.
    pub grad_norm: Vec<f64>,
    /// Wall time of the training loop, in seconds.
    pub seconds: f64,
}

/// An [`Rnn`] unrolled into a graph: the parameter leaves, and per time step the hidden
/// state and the output.
pub struct Unrolled<'g> {
    /// The parameter leaves in canonical order.
    pub params: Vec<Value<'g>>,
    /// `h_t` for t = 1 … T.
    pub hidden: Vec<Vec<Value<'g>>>,
    /// `y_t` for t = 1 … T.
    pub outputs: Vec<Value<'g>>,
}

impl Rnn {
    /// `hidden` units, weights drawn by `init` (fan-in `1 + H` for the hidden units, `H` for
    /// the output) from a [`ChaCha8Rng`] seeded with `seed`, in canonical order; biases 0.
    pub fn new(hidden: usize, init: Init, seed: u64) -> Rnn {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let h = hidden;
        let mut w_x = Vec::with_capacity(h);
        let mut w_h = Vec::with_capacity(h);
        for _ in 0..h {
            w_x.push(init.draw(1 + h, h, &mut rng));
            w_h.push((0..h).map(|_| init.draw(1 + h, h, &mut rng)).collect());
        }
        let w_y = (0..h).map(|_| init.draw(h, 1, &mut rng)).collect();
        Rnn {
            w_x,
            w_h,
            b: vec![0.0; h],
            w_y,
            c: 0.0,
        }
    }

    /// The number of hidden units.
    pub fn hidden(&self) -> usize {
        self.w_x.len()
    }

    /// `H (1 + H + 1) + H + 1`.
    pub fn parameter_count(&self) -> usize {
        let h = self.hidden();
        h * (h + 2) + h + 1
    }

    /// The parameters in canonical order (see [`Rnn`]).
    pub fn parameters(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.parameter_count());
        for j in 0..self.hidden() {
            out.push(self.w_x[j]);
            out.extend_from_slice(&self.w_h[j]);
            out.push(self.b[j]);
        }
        out.extend_from_slice(&self.w_y);
        out.push(self.c);
        out
    }

    /// Sets the parameters from `values` in canonical order.
    ///
    /// Returns [`Error::Shape`] for the wrong number of values.
    pub fn set_parameters(&mut self, values: &[f64]) -> Result<(), Error> {
        super::mlp::check_len("RNN parameters", self.parameter_count(), values.len())?;
        let h = self.hidden();
        let mut it = values.iter().copied();
        let mut next = || it.next().unwrap_or(0.0);
        for j in 0..h {
            self.w_x[j] = next();
            for k in 0..h {
                self.w_h[j][k] = next();
            }
            self.b[j] = next();
        }
        for k in 0..h {
            self.w_y[k] = next();
        }
        self.c = next();
        Ok(())
    }

    /// Unrolls the net over the inputs `xs` (one per time step) in `g`: parameter leaves
    /// created once, then one group `"step t"` per time step holding a group `"unit t.j"` per
    /// hidden unit and the output.
    pub fn unroll<'g>(&self, g: &'g Graph, xs: &[Value<'g>]) -> Unrolled<'g> {
        let h = self.hidden();
        let mut params = Vec::with_capacity(self.parameter_count());
        for j in 0..h {
            params.push(g.parameter(self.w_x[j]).with_label(&format!("wx{}", j + 1)));
            for k in 0..h {
                params.push(g.parameter(self.w_h[j][k]).with_label(&format!(
                    "wh{}.{}",
                    j + 1,
                    k + 1
                )));
            }
            params.push(g.parameter(self.b[j]).with_label(&format!("b{}", j + 1)));
        }
        for k in 0..h {
            params.push(g.parameter(self.w_y[k]).with_label(&format!("wy{}", k + 1)));
        }
        params.push(g.parameter(self.c).with_label("c"));
        let out_w = &params[h * (h + 2)..h * (h + 2) + h];
        let out_c = params[h * (h + 2) + h];
        // h_0 = 0
        let mut state: Vec<Value<'g>> = (0..h).map(|_| g.constant(0.0)).collect();
        let mut hidden = Vec::with_capacity(xs.len());
        let mut outputs = Vec::with_capacity(xs.len());
        let mut operands = Vec::with_capacity(h + 1);
        for (t, &x) in xs.iter().enumerate() {
            let (next, y) = g.group(&format!("step {}", t + 1), || {
                let next: Vec<Value<'g>> = (0..h)
                    .map(|j| {
                        g.group(&format!("unit {}.{}", t + 1, j + 1), || {
                            // W_x[j] x_t + Σ_k W_h[j][k] h_{t−1,k} + b[j], as one node
                            let unit = &params[j * (h + 2)..(j + 1) * (h + 2)];
                            operands.clear();
                            operands.push(x);
                            operands.extend_from_slice(&state);
                            match g.weighted_sum(&unit[..h + 1], &operands, unit[h + 1]) {
                                Ok(z) => z.tanh(),
                                Err(_) => g.constant(f64::NAN),
                            }
                        })
                    })
                    .collect();
                // y_t = W_y h_t + c
                let y = match g.weighted_sum(out_w, &next, out_c) {
                    Ok(y) => y,
                    Err(_) => g.constant(f64::NAN),
                };
                (next, y)
            });
            state.clone_from(&next);
            hidden.push(next);
            outputs.push(y);
        }
        Unrolled {
            params,
            hidden,
            outputs,
        }
    }

    /// The outputs `y_1 … y_T` for the inputs `xs`: each `y_t` is the prediction of
    /// `x_{t+1}`.
    pub fn predict(&self, xs: &[f64]) -> Vec<f64> {
        let g = Graph::new();
        let inputs: Vec<Value<'_>> = xs.iter().map(|&x| g.input(x)).collect();
        self.unroll(&g, &inputs)
            .outputs
            .iter()
            .map(|y| y.data())
            .collect()
    }

    /// The gradient of the last step's squared error `(y_T − target)²` with respect to
    /// every input `x_1 … x_T`: how much each earlier input still influences the last
    /// prediction. Its magnitude typically decays going back in time (vanishing gradients
    /// through time).
    ///
    /// Returns [`Error::OutOfRange`] for an empty sequence.
    pub fn input_gradients(&self, xs: &[f64], target: f64) -> Result<Vec<f64>, Error> {
        let Some(_) = xs.last() else {
            return Err(Error::out_of_range(
                "sequence",
                "an empty sequence has no gradient",
            ));
        };
        let g = Graph::new();
        let inputs: Vec<Value<'_>> = xs.iter().map(|&x| g.input(x)).collect();
        let net = self.unroll(&g, &inputs);
        let last = net.outputs[net.outputs.len() - 1];
        let loss = (last - target).powf(2.0);
        g.backward(loss);
        Ok(inputs.iter().map(|x| x.grad()).collect())
    }

    /// Trains the net to predict the next value of `series` by backpropagation through
    /// time: each update takes `batch_size` windows of `window + 1` consecutive values at
    /// random (seeded) positions; a window's loss is the mean over its steps of
    /// `(y_t − x_{t+1})²`, a batch's the mean of its windows'. One window's unrolled graph
    /// is built once and replayed for every window.
    ///
    /// Returns [`Error::OutOfRange`] if the series is shorter than a window plus one, or the
    /// window or batch is empty.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph_nn::Error> {
    /// use gradgraph_nn::{Init, Rnn, RnnConfig};
    /// let series = gradgraph_nn::data::noisy_sine(120, 20.0, 0.05, 1);
    /// let mut rnn = Rnn::new(6, Init::GlorotUniform, 1);
    /// let config = RnnConfig { steps: 60, lr: 0.02, ..RnnConfig::default() };
    /// let report = rnn.train(&series, &config)?;
    /// assert!(report.loss[59] < report.loss[0]);
    /// # Ok(()) }
    /// ```
    pub fn train(&mut self, series: &[f64], config: &RnnConfig) -> Result<RnnReport, Error> {
        self.run(series, config, true)
    }

    /// [`Rnn::train`] on the unrolled graph itself, as before batched replay: one window at a
    /// time through [`Graph::forward`] and [`Graph::backward`]. [`Rnn::train`] replays the
    /// same graph over the batch's windows at once ([`Program`]); the losses agree to
    /// rounding (a weight's gradient is summed over the time steps and windows in another
    /// order). Kept to check the replay against.
    ///
    /// Returns the errors of [`Rnn::train`].
    pub fn train_on_graph(
        &mut self,
        series: &[f64],
        config: &RnnConfig,
    ) -> Result<RnnReport, Error> {
        self.run(series, config, false)
    }

    fn run(&mut self, series: &[f64], config: &RnnConfig, lanes: bool) -> Result<RnnReport, Error> {
        let t_len = config.window;
        if t_len == 0 || config.batch_size == 0 {
            return Err(Error::out_of_range(
                "window",
                "RNN training needs a window and a batch of at least 1",
            ));
        }
        if series.len() < t_len + 1 {
            return Err(Error::out_of_range(
                "series",
                format!(
                    "a series of {} values is too short for windows of {t_len} steps plus the \
                     value to predict",
                    series.len()
                ),
            ));
        }
        let g = Graph::new();
        let xs: Vec<Value<'_>> = (1..=t_len)
            .map(|t| g.input(0.0).with_label(&format!("x{t}")))
            .collect();
        let targets: Vec<Value<'_>> = (0..t_len).map(|_| g.constant(0.0)).collect();
        let net = self.unroll(&g, &xs);
        let errors: Vec<Value<'_>> = net
            .outputs
            .iter()
            .zip(&targets)
            .map(|(&y, &target)| (y - target).powf(2.0))
            .collect();
        // the window's mean squared error, scaled by 1/batch so the batch's gradient is
        // the mean over its windows
        let window_loss = g.sum(&errors) * (1.0 / t_len as f64);
        let scale = g.constant(1.0 / config.batch_size as f64);
        let root = window_loss * scale;

        let schedule = Schedule {
            lr: config.lr,
            lr_end: config.lr_end,
            steps: config.steps,
        };
        let mut params = self.parameters();
        let mut state = config.optimizer.state(params.len());
        let mut grads = vec![0.0; params.len()];
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let positions = series.len() - t_len;
        let mut losses = Vec::with_capacity(config.steps);
        let mut norms = Vec::with_capacity(config.steps);
        // the batch's windows as the lanes of one replay program (MAX_SLOTS at a time)
        let mut program = if lanes {
            let varying: Vec<Value<'_>> = xs.iter().chain(&targets).copied().collect();
            let width = config.batch_size.min(MAX_SLOTS);
            Some(Program::compile(&g, root, &varying, width)?)
        } else {
            None
        };
        let mut starts = Vec::with_capacity(config.batch_size.min(MAX_SLOTS));
        let start = Instant::now();
        for k in 0..config.steps {
            let mut sum = 0.0;
            if let Some(program) = &mut program {
                program.zero_grad();
                let mut left = config.batch_size;
                while left > 0 {
                    let width = left.min(program.lanes());
                    left -= width;
                    starts.clear();
                    starts.extend((0..width).map(|_| rng.random_range(0..positions)));
                    for (lane, &s) in starts.iter().enumerate() {
                        for t in 0..t_len {
                            program.set(xs[t].index(), lane, series[s + t]);
                            program.set(targets[t].index(), lane, series[s + t + 1]);
                        }
                    }
                    program.forward(width);
                    program.backward(width, Order::Forward);
                    for lane in 0..width {
                        sum += program.data(window_loss.index(), lane);
                    }
                }
                for (o, p) in grads.iter_mut().zip(&net.params) {
                    *o = program.grad(p.index());
                }
            } else {
                g.zero_grad();
                for _ in 0..config.batch_size {
                    let s = rng.random_range(0..positions);
                    for t in 0..t_len {
                        xs[t].set_data(series[s + t]);
                        targets[t].set_data(series[s + t + 1]);
                    }
                    g.forward();
                    g.backward(root);
                    sum += window_loss.data();
                }
                for (o, p) in grads.iter_mut().zip(&net.params) {
                    *o = p.grad();
                }
            }
            let loss = sum / config.batch_size as f64;
            norms.push(config.clip.apply(&mut grads));
            losses.push(loss);
            state.step(&mut params, &grads, schedule.lr(k));
            for (p, &v) in net.params.iter().zip(&params) {
                match &mut program {
                    Some(program) => program.set_shared(p.index(), v),
                    None => p.set_data(v),
                }
            }
        }
        let seconds = start.elapsed().as_secs_f64();
        self.set_parameters(&params)?;
        Ok(RnnReport {
            loss: losses,
            grad_norm: norms,
            seconds,
        })
    }
}

//! The benchmark workloads, each beside a hand-written baseline that does the same arithmetic
//! on plain `f64` arrays with gradients derived by hand.
//!
//! `gradgraph bench` and `benches/` time them; `tests/bench.rs` checks that each baseline
//! computes the same numbers as the engine and that its hand-derived gradients agree with
//! finite differences. A speed figure is always a ratio to its baseline, measured in the same
//! run, because absolute times on a shared machine say little.
//!
//! - **W1**, micrograd's demo: 100 moons points, an MLP 2-16-16-1 with relu hidden layers and a
//!   linear output, hinge loss `relu(1 - y·score)` averaged, plus `1e-4·Σp²`, 100 full-batch
//!   SGD steps with `lr_k = 1 - 0.9·k/100`. [`w1_nn`] trains it with the nets library
//!   ([`nn::train()`]); [`w1_engine`] drives the engine directly (one
//!   sample's graph built once and replayed for every sample); [`w1_engine_batch`] builds
//!   the whole batch into one graph, replayed once per step; [`w1_baseline`] is
//!   backpropagation written out by hand.
//! - **W2**, a chain `x ← x·c + d`: [`w2_engine`] and [`w2_baseline`] build it, run backward
//!   and drop it. Each `x·c` and each `+ d` is one node with one edge, so a chain of `n` ops
//!   has `n` nodes after its leaf.
//! - **Sweep**: the same chain replayed ([`Graph::forward`]) and differentiated at sizes
//!   10³ … 10⁷, against the [`Tape`] baseline.
//!
//! # Examples
//! ```
//! use gradgraph_cli::bench;
//! // x ← x·c + d, 1,000 ops: the engine and the hand-written tape agree to the last bit
//! assert_eq!(bench::w2_engine(1_000), bench::w2_baseline(1_000));
//! ```

use gradgraph::{Graph, Value};
use gradgraph_nn::Error;
use gradgraph_nn::data::{Dataset, Task};
use gradgraph_nn::{
    self as nn, Activation, Init, Loss, Mlp, Optimizer, Output, TrainConfig, TrainReport,
};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

/// The factor `c` of the chain `x ← x·c + d`. Close to 1 so that `d y / d x = c^(n/2)` stays
/// a normal float (about 0.61 at a million ops, 0.0067 at ten million): a gradient that
/// sank into subnormal numbers would make the arithmetic, not the engine, the thing measured.
pub const CHAIN_C: f64 = 0.999_999;

/// The offset `d` of the chain `x ← x·c + d`.
pub const CHAIN_D: f64 = 0.001;

/// Appends `ops` nodes to `g`: `x·c`, `+ d`, `·c`, `+ d`, … starting from `x`, and returns
/// the last one. Each op is one node with one edge ([`Op::MulConst`](gradgraph::Op::MulConst),
/// [`Op::AddConst`](gradgraph::Op::AddConst)).
///
/// After `m = ops / 2` rounds (for even `ops`), `y = c^m x + d (1 - c^m) / (1 - c)` and
/// `d y / d x = c^m`.
pub fn chain<'g>(x: Value<'g>, ops: usize) -> Value<'g> {
    let mut y = x;
    for k in 0..ops {
        y = if k % 2 == 0 { y * CHAIN_C } else { y + CHAIN_D };
    }
    y
}

/// W2 on the engine: builds the chain of `ops` ops from `x = 1` (the forward values are
/// computed while building), runs backward, drops the graph, and returns `(y, d y / d x)`.
///
/// The graph reserves room for every node and edge up front ([`Graph::with_capacity`]).
pub fn w2_engine(ops: usize) -> (f64, f64) {
    w2_engine_on(Graph::with_capacity(ops + 1, ops), ops).1
}

/// W2 on a graph that grows as it goes ([`Graph::new`], no capacity reserved): what code that
/// does not know its size in advance pays. Returns `(y, d y / d x)`, as [`w2_engine`].
pub fn w2_engine_growing(ops: usize) -> (f64, f64) {
    w2_engine_on(Graph::new(), ops).1
}

/// W2's build and backward on the empty graph `g`, which is given back, not dropped, with
/// `(y, d y / d x)`: so that the drop can be timed apart (the reference times build and
/// backward only).
pub fn w2_engine_on(g: Graph, ops: usize) -> (Graph, (f64, f64)) {
    let result = {
        let x = g.input(1.0);
        let y = chain(x, ops);
        g.backward(y);
        (y.data(), x.grad())
    };
    (g, result)
}

/// A side of W2, for runs that time the drop apart from the build: the engine on a graph
/// with room reserved ([`w2_engine`]), on a graph that grows ([`w2_engine_growing`]), or the
/// baseline's tape ([`w2_baseline`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum W2Side {
    /// [`w2_engine`].
    Engine,
    /// [`w2_engine_growing`].
    Growing,
    /// [`w2_baseline`].
    Baseline,
}

impl W2Side {
    /// Builds and differentiates the chain of `ops` ops and returns what was built, not
    /// dropped (the reference times build and backward; the caller times the drop), with
    /// `(y, d y / d x)`.
    pub fn build(self, ops: usize) -> (Box<dyn std::any::Any>, (f64, f64)) {
        match self {
            W2Side::Engine => {
                let (g, result) = w2_engine_on(Graph::with_capacity(ops + 1, ops), ops);
                (Box::new(g), result)
            }
            W2Side::Growing => {
                let (g, result) = w2_engine_on(Graph::new(), ops);
                (Box::new(g), result)
            }
            W2Side::Baseline => {
                let (tape, result) = w2_baseline_kept(ops);
                (Box::new(tape), result)
            }
        }
    }
}

/// One entry of a [`Tape`]: how a value was computed from its parent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TapeOp {
    /// An input: no parent.
    Leaf,
    /// `parent · c`.
    Mul(f64),
    /// `parent + d`.
    Add(f64),
}

/// The hand-written baseline of the sweep: a plain `Vec` tape for chains, where every
/// entry has one parent. No graph library, no borrow checks at run time, no generality.
#[derive(Clone, Debug, Default)]
pub struct Tape {
    /// The value of each entry.
    pub data: Vec<f64>,
    /// How each entry was computed.
    pub op: Vec<TapeOp>,
    /// The index of each entry's parent (0 for the leaf).
    pub parent: Vec<u32>,
}

impl Tape {
    /// A tape holding the chain `x ← x·c + d` of `ops` ops from `x`, computed while built,
    /// with room reserved up front as for [`w2_engine`].
    pub fn chain(x: f64, ops: usize) -> Tape {
        let mut t = Tape {
            data: Vec::with_capacity(ops + 1),
            op: Vec::with_capacity(ops + 1),
            parent: Vec::with_capacity(ops + 1),
        };
        t.data.push(x);
        t.op.push(TapeOp::Leaf);
        t.parent.push(0);
        for k in 0..ops {
            let p = k;
            let (op, data) = if k % 2 == 0 {
                (TapeOp::Mul(CHAIN_C), t.data[p] * CHAIN_C)
            } else {
                (TapeOp::Add(CHAIN_D), t.data[p] + CHAIN_D)
            };
            t.data.push(data);
            t.op.push(op);
            t.parent.push(p as u32);
        }
        t
    }

    /// Recomputes every entry from its parent, in order (the baseline of [`Graph::forward`]).
    pub fn forward(&mut self) {
        for i in 1..self.data.len() {
            let x = self.data[self.parent[i] as usize];
            self.data[i] = match self.op[i] {
                TapeOp::Leaf => self.data[i],
                TapeOp::Mul(c) => x * c,
                TapeOp::Add(d) => x + d,
            };
        }
    }

    /// Reverse sweep from the last entry into `grad` (resized to the tape's length): the
    /// chain rule `grad[parent] += local · grad[i]`, with `d(x·c)/dx = c` and
    /// `d(x + d)/dx = 1`.
    pub fn backward(&self, grad: &mut Vec<f64>) {
        grad.clear();
        grad.resize(self.data.len(), 0.0);
        let Some(last) = grad.last_mut() else { return };
        *last = 1.0;
        for i in (1..self.data.len()).rev() {
            let local = match self.op[i] {
                TapeOp::Leaf => 0.0,
                TapeOp::Mul(c) => c,
                TapeOp::Add(_) => 1.0,
            };
            let p = self.parent[i] as usize;
            grad[p] += local * grad[i];
        }
    }
}

/// W2's baseline: the chain `x ← x·c + d` from `x = 1` on the smallest tape that can
/// differentiate it, built, swept backward and dropped; returns `(y, d y / d x)`: the same
/// numbers as [`w2_engine`], bit for bit.
///
/// A chain needs no op codes and no parent indices (each entry's parent is the one before),
/// so the tape is what backward reads and nothing more: the values and one local derivative
/// per op (`c` for `·c`, 1 for `+ d`), two `Vec<f64>` reserved up front.
pub fn w2_baseline(ops: usize) -> (f64, f64) {
    w2_baseline_kept(ops).1
}

/// [`w2_baseline`] with its two vectors given back, not dropped, as [`w2_engine_on`].
pub fn w2_baseline_kept(ops: usize) -> ([Vec<f64>; 2], (f64, f64)) {
    let mut values = Vec::with_capacity(ops + 1);
    let mut local = Vec::with_capacity(ops);
    let mut x = 1.0f64;
    values.push(x);
    // the rounds `·c, + d`, then a last `·c` for an odd count
    for _ in 0..ops / 2 {
        x *= CHAIN_C;
        values.push(x);
        x += CHAIN_D;
        values.push(x);
        local.push(CHAIN_C);
        local.push(1.0);
    }
    if ops % 2 == 1 {
        x *= CHAIN_C;
        values.push(x);
        local.push(CHAIN_C);
    }
    let mut dx = 1.0f64;
    for &l in local.iter().rev() {
        dx *= l;
    }
    let y = values[ops];
    ([values, local], (y, dx))
}

/// A two-class data set of points in the plane with labels −1 or +1.
#[derive(Clone, Debug, PartialEq)]
pub struct Points {
    /// The points `(x₁, x₂)`.
    pub x: Vec<[f64; 2]>,
    /// Their labels, −1 or +1.
    pub y: Vec<f64>,
}

/// Two interleaving half circles, as scikit-learn's `make_moons` (unshuffled): the upper
/// moon `(cos t, sin t)` has label −1, the lower one `(1 − cos t, 0.5 − sin t)` label +1, for
/// `t` evenly spaced on `[0, π]`, plus Gaussian noise of standard deviation `noise`.
///
/// # Examples
/// ```
/// let data = gradgraph_cli::bench::moons(100, 0.1, 1);
/// assert_eq!((data.x.len(), data.y.iter().filter(|&&y| y > 0.0).count()), (100, 50));
/// ```
pub fn moons(n: usize, noise: f64, seed: u64) -> Points {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let upper = n / 2;
    let lower = n - upper;
    let angle = |i: usize, m: usize| {
        if m > 1 {
            std::f64::consts::PI * i as f64 / (m - 1) as f64
        } else {
            0.0
        }
    };
    let mut data = Points {
        x: Vec::with_capacity(n),
        y: Vec::with_capacity(n),
    };
    for i in 0..upper {
        let t = angle(i, upper);
        data.x.push([pxfm::f_cos(t), pxfm::f_sin(t)]);
        data.y.push(-1.0);
    }
    for i in 0..lower {
        let t = angle(i, lower);
        data.x.push([1.0 - pxfm::f_cos(t), 0.5 - pxfm::f_sin(t)]);
        data.y.push(1.0);
    }
    for p in &mut data.x {
        for coordinate in p {
            let z: f64 = StandardNormal.sample(&mut rng);
            *coordinate += noise * z;
        }
    }
    data
}

/// The layer widths of W1's MLP: 2 inputs, two hidden layers of 16, one output.
pub const W1_SIZES: [usize; 4] = [2, 16, 16, 1];

/// The number of parameters of W1's MLP: `16·3 + 16·17 + 17 = 337`.
pub const W1_PARAMETERS: usize = 337;

/// The L2 coefficient of W1's loss: `1e-4 · Σ p²`.
pub const W1_L2: f64 = 1e-4;

/// W1's net, data set and training settings.
fn w1_setup(
    params: &[f64],
    data: &Points,
    steps: usize,
) -> Result<(Mlp, Dataset, TrainConfig), Error> {
    relu_net_setup(H, params, data, steps)
}

/// A 2-`width`-`width`-1 relu net (linear output) starting from `params`, the points as a
/// data set, and W1's training settings: hinge loss, L2 `1e-4`, SGD from lr 1.0 down to 0.1.
fn relu_net_setup(
    width: usize,
    params: &[f64],
    data: &Points,
    steps: usize,
) -> Result<(Mlp, Dataset, TrainConfig), Error> {
    let mut mlp = Mlp::builder(&[2, width, width, 1])
        .activation(Activation::RELU)
        .output(Output::Linear)
        .init(Init::Uniform(1.0))
        .seed(0)
        .build()?;
    mlp.set_parameters(params)?;
    let dataset = Dataset {
        name: "moons".into(),
        inputs: data.x.iter().map(|p| p.to_vec()).collect(),
        // class 1 is the label +1 (the hinge loss encodes the classes as −1/1)
        targets: data
            .y
            .iter()
            .map(|&y| if y > 0.0 { 1.0 } else { 0.0 })
            .collect(),
        task: Task::Binary,
    };
    let config = TrainConfig {
        loss: Loss::Hinge,
        l2: W1_L2,
        optimizer: Optimizer::sgd(),
        lr: 1.0,
        lr_end: Some(0.1),
        steps,
        ..TrainConfig::default()
    };
    Ok((mlp, dataset, config))
}

/// The width of the wide net: 2-64-64-1.
pub const WIDE: usize = 64;

/// The number of parameters of a 2-`width`-`width`-1 net: `3w + (w + 1)w + w + 1`.
pub const fn relu_net_parameters(width: usize) -> usize {
    3 * width + (width + 1) * width + width + 1
}

/// Starting parameters of a 2-`width`-`width`-1 net in canonical order, as micrograd
/// initialises them (weights uniform in `[-1, 1)`, biases 0); [`w1_init`] for width 16.
pub fn relu_net_init(width: usize, seed: u64) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let sizes = [2, width, width, 1];
    let mut params = Vec::with_capacity(relu_net_parameters(width));
    for (&n_inputs, &n_neurons) in sizes.iter().zip(&sizes[1..]) {
        for _ in 0..n_neurons {
            params.extend((0..n_inputs).map(|_| rng.random_range(-1.0..1.0)));
            params.push(0.0);
        }
    }
    params
}

/// The wide net through the nets library: W1's training ([`w1_nn`]) of a
/// 2-`width`-`width`-1 net on `data`. `threads` as [`TrainConfig::threads`].
///
/// Returns [`Error::Shape`] if `params` does not hold [`relu_net_parameters`] numbers.
pub fn wide_nn(
    width: usize,
    params: &[f64],
    data: &Points,
    steps: usize,
    threads: usize,
) -> Result<TrainReport, Error> {
    let (mut mlp, dataset, mut config) = relu_net_setup(width, params, data, steps)?;
    config.threads = threads;
    nn::train(&mut mlp, &dataset, &config, |_| {})
}

/// Hand-written backpropagation for a 2-`width`-`width`-1 relu net (linear output) on plain
/// `f64` arrays, W1's loss (`(1/N) Σ relu(1 − y_i·score_i) + 1e-4 Σ p²`) and its SGD
/// schedule: `steps` full-batch steps on `params` (updated in place), the loss before each
/// update returned. Written as [`w1_baseline`] is, skipping the work whose gradient is zero;
/// the samples are visited from the last to the first, the order in which
/// [`nn::train()`] sums a parameter's gradient over the batch, so the two agree to the last
/// bit (`tests/bench.rs`).
///
/// Returns [`Error::Shape`] if `params` does not hold [`relu_net_parameters`] numbers.
pub fn wide_baseline(
    width: usize,
    params: &mut [f64],
    data: &Points,
    steps: usize,
) -> Result<Vec<f64>, Error> {
    let h = width;
    let expected = relu_net_parameters(h);
    if params.len() != expected {
        return Err(Error::Shape {
            what: "wide net parameters".into(),
            expected,
            got: params.len(),
        });
    }
    let l2_start = 3 * h;
    let l3_start = l2_start + (h + 1) * h;
    let n = data.x.len();
    let inv_n = 1.0 / n as f64;
    let mut grad = vec![0.0; params.len()];
    let (mut z1, mut h1, mut z2, mut h2) = (vec![0.0; h], vec![0.0; h], vec![0.0; h], vec![0.0; h]);
    let (mut d_z2, mut d_h1) = (vec![0.0; h], vec![0.0; h]);
    let mut margins = vec![0.0; n];
    let mut losses = Vec::with_capacity(steps);
    let (mut w2t, mut b2) = (vec![0.0; h * h], vec![0.0; h]);
    for k in 0..steps {
        grad.fill(0.0);
        // the second layer's weights by column (input q's weights into every neuron)
        for j in 0..h {
            let row = &params[l2_start + (h + 1) * j..l2_start + (h + 1) * (j + 1)];
            for (q, &w) in row[..h].iter().enumerate() {
                w2t[q * h + j] = w;
            }
            b2[j] = row[h];
        }
        for i in (0..n).rev() {
            let (x, y) = (data.x[i], data.y[i]);
            for j in 0..h {
                let p = &params[3 * j..3 * j + 3];
                z1[j] = p[2] + p[0] * x[0] + p[1] * x[1];
                h1[j] = z1[j].max(0.0);
            }
            // the second layer input by input, over the weights' columns: every neuron's sum
            // advances together (vectorised), each in its own order b + w_0 h_0 + w_1 h_1 + …
            z2.copy_from_slice(&b2);
            for (column, &a) in w2t.chunks_exact(h).zip(&h1) {
                for (z, &w) in z2.iter_mut().zip(column) {
                    *z += w * a;
                }
            }
            for (a, &z) in h2.iter_mut().zip(&z2) {
                *a = z.max(0.0);
            }
            let w3 = &params[l3_start..l3_start + h + 1];
            let mut score = w3[h];
            for (w, a) in w3[..h].iter().zip(&h2) {
                score += w * a;
            }
            let t = 1.0 - y * score;
            margins[i] = t.max(0.0);
            // backward, skipping what sends no gradient (a hinge or a relu that is off)
            if t <= 0.0 {
                continue;
            }
            let d_score = y * -inv_n;
            for j in 0..h {
                grad[l3_start + j] += h2[j] * d_score;
                d_z2[j] = w3[j] * d_score;
            }
            grad[l3_start + h] += d_score;
            d_h1.fill(0.0);
            for j in (0..h).rev() {
                if z2[j] <= 0.0 {
                    continue;
                }
                let base = l2_start + (h + 1) * j;
                let d = d_z2[j];
                let (g, p) = (&mut grad[base..base + h + 1], &params[base..base + h + 1]);
                for q in 0..h {
                    g[q] += h1[q] * d;
                    d_h1[q] += p[q] * d;
                }
                g[h] += d;
            }
            for j in 0..h {
                if z1[j] <= 0.0 {
                    continue;
                }
                let d = d_h1[j];
                grad[3 * j] += x[0] * d;
                grad[3 * j + 1] += x[1] * d;
                grad[3 * j + 2] += d;
            }
        }
        // the data loss summed from the first sample, as the trainer sums it
        let margin_sum = margins.iter().fold(0.0, |acc, m| acc + m);
        losses.push(margin_sum * inv_n + W1_L2 * sum_of_squares(params));
        let lr = w1_learning_rate(k, steps);
        for (p, g) in params.iter_mut().zip(&grad) {
            *p -= lr * (g + 2.0 * W1_L2 * *p);
        }
    }
    Ok(losses)
}

/// W1 through the nets library, as a user would train micrograd's demo: an
/// [`Mlp`] 2-16-16-1 (relu, linear output) starting from `params`, trained
/// by [`nn::train()`] with the hinge loss, L2 `1e-4`, SGD from lr 1.0 down
/// to 0.1. Returns the report: the loss before each update, and `seconds`, the wall time of
/// the training loop alone (the trainer builds its graphs before it starts the clock).
///
/// Returns [`Error::Shape`] if `params` does not hold [`W1_PARAMETERS`] numbers.
pub fn w1_nn(params: &[f64], data: &Points, steps: usize) -> Result<TrainReport, Error> {
    let (mut mlp, dataset, config) = w1_setup(params, data, steps)?;
    nn::train(&mut mlp, &dataset, &config, |_| {})
}

/// [`w1_nn`] on the recorded graphs ([`nn::train::train_on_graphs`]): the trainer as it was before
/// batched replay, the graph of the whole batch replayed every step. The same losses as
/// [`w1_nn`], bit for bit.
///
/// Returns [`Error::Shape`] if `params` does not hold [`W1_PARAMETERS`] numbers.
pub fn w1_nn_graphs(params: &[f64], data: &Points, steps: usize) -> Result<TrainReport, Error> {
    let (mut mlp, dataset, config) = w1_setup(params, data, steps)?;
    nn::train::train_on_graphs(&mut mlp, &dataset, &config, |_| {})
}

/// Hidden width of W1's MLP.
const H: usize = 16;
/// Where the second layer's parameters start.
const L2_START: usize = 3 * H;
/// Where the output neuron's parameters start.
const L3_START: usize = L2_START + (H + 1) * H;

/// W1's starting parameters in the canonical order (layer by layer, neuron by neuron, weights
/// then bias), as micrograd initialises them: weights uniform in `[-1, 1)`, biases 0.
pub fn w1_init(seed: u64) -> Vec<f64> {
    relu_net_init(H, seed)
}

/// micrograd's learning rate at step `k` of `steps`: `1 - 0.9·k/steps` (1.0 down to 0.1).
pub fn w1_learning_rate(k: usize, steps: usize) -> f64 {
    1.0 - 0.9 * k as f64 / steps as f64
}

/// `Σ p²` summed in order, as Python's `sum` does.
fn sum_of_squares(params: &[f64]) -> f64 {
    params.iter().fold(0.0, |acc, p| acc + p * p)
}

/// W1's baseline, one full batch: returns the loss
/// `(1/N) Σ relu(1 − y_i·score_i) + 1e-4 Σ p²` and writes its gradient into `grad`, by
/// backpropagation derived by hand for this exact net.
///
/// The arithmetic is the engine's, in the engine's order (one sample at a time, each node's
/// contributions summed from the last consumer to the first), so [`w1_engine`] gives the same
/// numbers.
///
/// Returns [`Error::Shape`] if `params` or `grad` does not hold [`W1_PARAMETERS`] numbers.
pub fn w1_baseline_loss(params: &[f64], data: &Points, grad: &mut [f64]) -> Result<f64, Error> {
    check_len("W1 parameters", params.len())?;
    check_len("W1 gradients", grad.len())?;
    grad.fill(0.0);
    let n = data.x.len();
    let inv_n = 1.0 / n as f64;
    let mut margin_sum = 0.0;
    for (x, &y) in data.x.iter().zip(&data.y) {
        // forward: z = b + Σ w·input (the weighted sum's order), h = relu(z)
        let mut z1 = [0.0; H];
        let mut h1 = [0.0; H];
        for j in 0..H {
            let p = &params[3 * j..3 * j + 3];
            z1[j] = p[2] + p[0] * x[0] + p[1] * x[1];
            h1[j] = z1[j].max(0.0);
        }
        let mut z2 = [0.0; H];
        let mut h2 = [0.0; H];
        for j in 0..H {
            let p = &params[L2_START + (H + 1) * j..L2_START + (H + 1) * (j + 1)];
            let mut z = p[H];
            for k in 0..H {
                z += p[k] * h1[k];
            }
            z2[j] = z;
            h2[j] = z.max(0.0);
        }
        let w3 = &params[L3_START..L3_START + H + 1];
        let mut score = w3[H];
        for k in 0..H {
            score += w3[k] * h2[k];
        }
        // the hinge: t = 1 - y·score, margin = relu(t), this sample's share of the loss
        let t = 1.0 - y * score;
        margin_sum += t.max(0.0);

        // backward, from d loss / d margin = 1/N:
        //   d/dt = relu'(t)/N,  d/dscore = -y · d/dt
        // Work whose gradient is zero is skipped, as a careful programmer writes it: a sample
        // whose hinge is off (t ≤ 0) sends nothing, and neither does a relu that is off. (The
        // skipped terms are all ±0 added to a gradient, so the numbers are the same.)
        if t <= 0.0 {
            continue;
        }
        let d_score = y * -inv_n;
        // output neuron: ∂score/∂w3_k = h2_k, ∂score/∂h2_k = w3_k, ∂score/∂b3 = 1
        let mut d_z2 = [0.0; H];
        for k in 0..H {
            grad[L3_START + k] += h2[k] * d_score;
            d_z2[k] = w3[k] * d_score;
        }
        grad[L3_START + H] += d_score;
        // second layer: h1_k feeds all 16 neurons; the engine collects them from the last
        // neuron to the first
        let mut d_h1 = [0.0; H];
        for j in (0..H).rev() {
            if z2[j] <= 0.0 {
                continue;
            }
            let base = L2_START + (H + 1) * j;
            let d = d_z2[j];
            let (g, p) = (&mut grad[base..base + H + 1], &params[base..base + H + 1]);
            for k in 0..H {
                g[k] += h1[k] * d;
                d_h1[k] += p[k] * d;
            }
            g[H] += d;
        }
        // first layer
        for j in 0..H {
            if z1[j] <= 0.0 {
                continue;
            }
            let d = d_h1[j];
            grad[3 * j] += x[0] * d;
            grad[3 * j + 1] += x[1] * d;
            grad[3 * j + 2] += d;
        }
    }
    // the L2 term: d(λ Σ p²)/dp = 2λp
    for (g, p) in grad.iter_mut().zip(params) {
        *g += 2.0 * W1_L2 * p;
    }
    Ok(margin_sum * inv_n + W1_L2 * sum_of_squares(params))
}

/// W1's baseline: `steps` full-batch SGD steps on `params` (updated in place); returns the
/// loss before each update.
///
/// Returns [`Error::Shape`] if `params` does not hold [`W1_PARAMETERS`] numbers.
pub fn w1_baseline(params: &mut [f64], data: &Points, steps: usize) -> Result<Vec<f64>, Error> {
    let mut grad = vec![0.0; params.len()];
    let mut losses = Vec::with_capacity(steps);
    for k in 0..steps {
        losses.push(w1_baseline_loss(params, data, &mut grad)?);
        let lr = w1_learning_rate(k, steps);
        for (p, g) in params.iter_mut().zip(&grad) {
            *p -= lr * g;
        }
    }
    Ok(losses)
}

/// W1 on the engine: the same training as [`w1_baseline`], with every gradient computed by
/// gradgraph. One sample's graph is built once (each neuron a
/// [`weighted_sum`](Graph::weighted_sum) node followed by a relu) and replayed for every
/// sample: set the inputs, [`Graph::forward`], [`Graph::backward`] from the sample's share of
/// the loss, `relu(1 − y·score) / N`. Backward accumulates, so after the last sample each
/// parameter holds the gradient of the whole batch's data loss.
///
/// The L2 term's gradient `2λp` is added by hand: inside the per-sample graph it would be
/// replayed 100 times per step.
///
/// Returns [`Error::Shape`] if `params` does not hold [`W1_PARAMETERS`] numbers.
pub fn w1_engine(params: &mut [f64], data: &Points, steps: usize) -> Result<Vec<f64>, Error> {
    check_len("W1 parameters", params.len())?;
    let g = Graph::with_capacity(512, 1024);
    let p: Vec<Value> = params.iter().map(|&v| g.parameter(v)).collect();
    let x = [g.constant(0.0), g.constant(0.0)];
    let y = g.constant(0.0);
    let h1 = relu_layer(&g, &p[..L2_START], &x)?;
    let h2 = relu_layer(&g, &p[L2_START..L3_START], &h1)?;
    let score = g.weighted_sum(&p[L3_START..L3_START + H], &h2, p[L3_START + H])?;
    let margin = (1.0 - y * score).relu();
    let inv_n = 1.0 / data.x.len() as f64;
    let share = margin * inv_n;

    let mut losses = Vec::with_capacity(steps);
    for k in 0..steps {
        g.zero_grad();
        let mut margin_sum = 0.0;
        for (xi, &yi) in data.x.iter().zip(&data.y) {
            x[0].set_data(xi[0]);
            x[1].set_data(xi[1]);
            y.set_data(yi);
            g.forward();
            g.backward(share);
            margin_sum += margin.data();
        }
        losses.push(margin_sum * inv_n + W1_L2 * sum_of_squares(params));
        let lr = w1_learning_rate(k, steps);
        for (value, v) in params.iter_mut().zip(&p) {
            *value -= lr * (v.grad() + 2.0 * W1_L2 * *value);
            v.set_data(*value);
        }
    }
    Ok(losses)
}

/// W1 on the engine with the whole batch in one graph, micrograd's formulation: for every
/// sample its own copy of the net's nodes over the shared parameters, then
/// `loss = (Σ_i relu(1 − y_i·score_i)) · (1/N) + 1e-4 · Σ p·p`. The graph is built once;
/// each step is one [`Graph::forward`], one [`Graph::zero_grad`] and one [`Graph::backward`],
/// so the parameters are visited once per step instead of once per sample.
///
/// The losses equal [`w1_baseline`]'s to rounding (about 1e-15): each parameter's gradient
/// is summed over the samples in the opposite order.
///
/// Returns [`Error::Shape`] if `params` does not hold [`W1_PARAMETERS`] numbers.
pub fn w1_engine_batch(params: &mut [f64], data: &Points, steps: usize) -> Result<Vec<f64>, Error> {
    check_len("W1 parameters", params.len())?;
    let n = data.x.len();
    let g = Graph::with_capacity(
        2 * W1_PARAMETERS + 80 * n + 8,
        2 * W1_PARAMETERS + 700 * n + 8,
    );
    let p: Vec<Value> = params.iter().map(|&v| g.parameter(v)).collect();
    let mut margins = Vec::with_capacity(n);
    for (xi, &yi) in data.x.iter().zip(&data.y) {
        let x = [g.constant(xi[0]), g.constant(xi[1])];
        let h1 = relu_layer(&g, &p[..L2_START], &x)?;
        let h2 = relu_layer(&g, &p[L2_START..L3_START], &h1)?;
        let score = g.weighted_sum(&p[L3_START..L3_START + H], &h2, p[L3_START + H])?;
        margins.push((1.0 - yi * score).relu());
    }
    let data_loss = g.sum(&margins) * (1.0 / n as f64);
    let squares: Vec<Value> = p.iter().map(|&v| v * v).collect();
    let loss = data_loss + g.sum(&squares) * W1_L2;
    let mut losses = Vec::with_capacity(steps);
    for k in 0..steps {
        g.forward();
        g.zero_grad();
        g.backward(loss);
        losses.push(loss.data());
        let lr = w1_learning_rate(k, steps);
        for (value, v) in params.iter_mut().zip(&p) {
            *value -= lr * v.grad();
            v.set_data(*value);
        }
    }
    Ok(losses)
}

/// A hidden layer of W1: neuron `j` is `relu(b_j + Σ_k w_jk·input_k)`, its parameters
/// `w_j0 … w_j(n-1), b_j` taken in order from `params`.
fn relu_layer<'g>(
    g: &'g Graph,
    params: &[Value<'g>],
    inputs: &[Value<'g>],
) -> Result<Vec<Value<'g>>, Error> {
    let n = inputs.len();
    params
        .chunks_exact(n + 1)
        .map(|neuron| Ok(g.weighted_sum(&neuron[..n], inputs, neuron[n])?.relu()))
        .collect()
}

fn check_len(what: &str, got: usize) -> Result<(), Error> {
    if got == W1_PARAMETERS {
        Ok(())
    } else {
        Err(Error::Shape {
            what: what.into(),
            expected: W1_PARAMETERS,
            got,
        })
    }
}

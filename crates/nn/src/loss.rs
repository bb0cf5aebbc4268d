//! Losses, built from the engine's scalar ops so that backward differentiates them too.
//!
//! Per sample (`ŷ` the model's output, `z` its raw score or logit, `y` the target):
//!
//! | loss | formula | for |
//! |---|---|---|
//! | [`mse`] | `Σ_k (ŷ_k − y_k)²` | regression; the course's `J = (1/N) Σ (ŷ − y)²` is its mean |
//! | [`bce_with_logits`] | `softplus(z) − y z` = `−y ln σ(z) − (1−y) ln(1 − σ(z))` | two classes, y ∈ {0, 1} |
//! | [`hinge`] | `relu(1 − y z)` | two classes, y ∈ {−1, 1} (micrograd's max-margin loss) |
//! | [`softmax_cross_entropy`] | `log Σ_j e^{z_j} − z_c` | several classes, c the true class |
//!
//! A batch's loss is the mean of its samples' losses ([`mean`]), plus an optional L2 penalty
//! `α Σ p²` over the parameters ([`l2`]).

use super::Output;
use crate::Error;
use crate::data::Task;
use gradgraph::{Graph, Value};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A per-sample loss; see the [module docs](self) for the formulas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// Squared error of the outputs (after the output function).
    Mse,
    /// Binary cross-entropy on the logit (one score; targets 0/1).
    Bce,
    /// Max-margin `relu(1 − y·score)` (one score; targets −1/1).
    Hinge,
    /// Softmax cross-entropy (one score per class; the target is a class index).
    CrossEntropy,
}

impl Loss {
    /// The names [`Loss::from_str`] accepts.
    pub const NAMES: &'static [&'static str] = &["mse", "bce", "hinge", "cross_entropy"];

    /// The loss to train with on `task` unless told otherwise: [`Loss::Mse`] for regression,
    /// [`Loss::Bce`] for two classes, [`Loss::CrossEntropy`] for more.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::data::Task;
    /// use gradgraph_nn::Loss;
    /// assert_eq!(Loss::default_for(Task::Regression), Loss::Mse);
    /// assert_eq!(Loss::default_for(Task::Binary), Loss::Bce);
    /// assert_eq!(Loss::default_for(Task::Classes(3)), Loss::CrossEntropy);
    /// ```
    pub fn default_for(task: Task) -> Loss {
        match task {
            Task::Regression => Loss::Mse,
            Task::Binary => Loss::Bce,
            Task::Classes(_) => Loss::CrossEntropy,
        }
    }

    /// The number of outputs a model needs to be trained with this loss on `task`: one per
    /// class for K classes, two for cross-entropy on two classes, else one.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::data::Task;
    /// use gradgraph_nn::Loss;
    /// assert_eq!(Loss::Bce.outputs_for(Task::Binary), 1);
    /// assert_eq!(Loss::CrossEntropy.outputs_for(Task::Binary), 2);
    /// assert_eq!(Loss::Mse.outputs_for(Task::Classes(3)), 3);
    /// assert_eq!(Loss::Mse.outputs_for(Task::Regression), 1);
    /// ```
    pub fn outputs_for(self, task: Task) -> usize {
        match (task, self) {
            (Task::Classes(k), _) => k,
            (Task::Binary, Loss::CrossEntropy) => 2,
            _ => 1,
        }
    }

    /// The loss of one sample from its raw scores `z` (the last layer's outputs; `output`
    /// turns them into the model's outputs for [`Loss::Mse`]) and its target values `t`:
    /// the target itself for MSE, 0/1 for BCE, −1/1 for hinge, one-hot for cross-entropy.
    ///
    /// Returns [`Error::Shape`] when `t` does not match the scores (and BCE or hinge are given
    /// more than one score).
    pub fn sample<'g>(
        self,
        g: &'g Graph,
        output: Output,
        z: &[Value<'g>],
        t: &[Value<'g>],
    ) -> Result<Value<'g>, Error> {
        let one = |what: &str| -> Result<(), Error> {
            super::mlp::check_len(what, 1, z.len())?;
            super::mlp::check_len("targets", 1, t.len())
        };
        match self {
            Loss::Mse => {
                super::mlp::check_len("targets", z.len(), t.len())?;
                Ok(mse(g, &output.apply(z), t))
            }
            Loss::Bce => {
                one("scores for binary cross-entropy")?;
                Ok(bce_with_logits(z[0], t[0]))
            }
            Loss::Hinge => {
                one("scores for the hinge loss")?;
                Ok(hinge(z[0], t[0]))
            }
            Loss::CrossEntropy => {
                super::mlp::check_len("one-hot targets", z.len(), t.len())?;
                Ok(softmax_cross_entropy(g, z, t))
            }
        }
    }
}

impl fmt::Display for Loss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Loss::Mse => "mse",
            Loss::Bce => "bce",
            Loss::Hinge => "hinge",
            Loss::CrossEntropy => "cross_entropy",
        })
    }
}

impl FromStr for Loss {
    type Err = Error;

    /// Parses `mse`, `bce` (also `binary_cross_entropy`, `logistic`), `hinge` (also
    /// `max_margin`, `svm`), `cross_entropy` (also `ce`, `softmax`).
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "mse" | "squared_error" => Ok(Loss::Mse),
            "bce" | "binary_cross_entropy" | "logistic" => Ok(Loss::Bce),
            "hinge" | "max_margin" | "svm" => Ok(Loss::Hinge),
            "cross_entropy" | "ce" | "softmax" | "softmax_cross_entropy" => Ok(Loss::CrossEntropy),
            _ => Err(Error::unknown("loss", s, Loss::NAMES)),
        }
    }
}

/// Squared error of one sample, `Σ_k (ŷ_k − y_k)²` (a single `(ŷ − y)²` for one output).
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let (yhat, y) = (g.input(0.75), g.constant(1.0));
/// let l = gradgraph_nn::loss::mse(&g, &[yhat], &[y]);
/// g.backward(l);
/// // (ŷ − y)² = 1/16, d/dŷ = 2(ŷ − y) = −0.5
/// assert_eq!((l.data(), yhat.grad()), (0.0625, -0.5));
/// ```
pub fn mse<'g>(g: &'g Graph, outputs: &[Value<'g>], targets: &[Value<'g>]) -> Value<'g> {
    let squares: Vec<Value<'g>> = outputs
        .iter()
        .zip(targets)
        .map(|(&o, &t)| (o - t).powf(2.0))
        .collect();
    match squares.as_slice() {
        [one] => *one,
        _ => g.sum(&squares),
    }
}

/// Binary cross-entropy on a logit `z`, for a target `y` ∈ {0, 1}:
/// `softplus(z) − y z`, which equals `−y ln σ(z) − (1 − y) ln(1 − σ(z))` and never overflows
/// (softplus is computed as `max(z, 0) + ln(1 + e^{−|z|})`). `d/dz = σ(z) − y`.
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let (z, y) = (g.input(2.0), g.constant(1.0));
/// let l = gradgraph_nn::loss::bce_with_logits(z, y);
/// g.backward(l);
/// let s = 1.0 / (1.0 + (-2.0f64).exp());
/// assert!((l.data() + s.ln()).abs() < 1e-15);
/// assert!((z.grad() - (s - 1.0)).abs() < 1e-15);
/// ```
pub fn bce_with_logits<'g>(z: Value<'g>, y: Value<'g>) -> Value<'g> {
    z.softplus() - y * z
}

/// micrograd's max-margin loss for a score `z` and a target `y` ∈ {−1, 1}:
/// `relu(1 − y z)`, zero once the sample is on the right side with margin 1.
/// `d/dz = −y` while `y z < 1`, else 0.
///
/// Computed as `1 − y z`, the same float as micrograd's `1 + (−y) z`.
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let (z, y) = (g.input(0.25), g.constant(-1.0));
/// let l = gradgraph_nn::loss::hinge(z, y);
/// g.backward(l);
/// assert_eq!((l.data(), z.grad()), (1.25, 1.0));
/// ```
pub fn hinge<'g>(z: Value<'g>, y: Value<'g>) -> Value<'g> {
    (1.0 - y * z).relu()
}

/// `max(z_1, …, z_n)` as graph values, `max(a, b) = a + relu(b − a)` (used only as the
/// stabilising shift of [`log_sum_exp`] and [`softmax`], whose results do not depend on it).
fn max_of<'g>(z: &[Value<'g>]) -> Value<'g> {
    let mut m = z[0];
    for &v in &z[1..] {
        m = m + (v - m).relu();
    }
    m
}

/// `log Σ_k e^{z_k}`, computed as `m + log Σ_k e^{z_k − m}` with `m = max z` so that no
/// exponential overflows. `d/dz_k = softmax(z)_k`.
///
/// **Panics** if `z` is empty.
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let z = [g.input(1000.0), g.input(1000.0)];
/// let l = gradgraph_nn::loss::log_sum_exp(&g, &z);
/// g.backward(l);
/// assert_eq!(l.data(), 1000.0 + 2f64.ln());
/// assert!((z[0].grad() - 0.5).abs() < 1e-15);
/// ```
pub fn log_sum_exp<'g>(g: &'g Graph, z: &[Value<'g>]) -> Value<'g> {
    let m = max_of(z);
    let exps: Vec<Value<'g>> = z.iter().map(|&v| (v - m).exp()).collect();
    m + g.sum(&exps).log()
}

/// `softmax(z)_k = e^{z_k − m} / Σ_j e^{z_j − m}`, `m = max z`.
///
/// **Panics** if `z` is empty.
pub fn softmax<'g>(z: &[Value<'g>]) -> Vec<Value<'g>> {
    let g = z[0].graph();
    let m = max_of(z);
    let exps: Vec<Value<'g>> = z.iter().map(|&v| (v - m).exp()).collect();
    let total = g.sum(&exps);
    exps.iter().map(|&e| e / total).collect()
}

/// Softmax cross-entropy for scores `z` and one-hot targets `t` (1 for the true class c, 0
/// elsewhere): `log Σ_j e^{z_j} − Σ_k t_k z_k = −ln softmax(z)_c`.
/// `d/dz_k = softmax(z)_k − t_k`.
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let z = [g.input(2.0), g.input(0.0), g.input(-1.0)];
/// let t = [g.constant(0.0), g.constant(1.0), g.constant(0.0)];
/// let l = gradgraph_nn::loss::softmax_cross_entropy(&g, &z, &t);
/// g.backward(l);
/// let total = 2f64.exp() + 1.0 + (-1f64).exp();
/// assert!((l.data() - total.ln()).abs() < 1e-14);        // −ln(e⁰ / total)
/// assert!((z[1].grad() - (1.0 / total - 1.0)).abs() < 1e-15);
/// ```
pub fn softmax_cross_entropy<'g>(g: &'g Graph, z: &[Value<'g>], t: &[Value<'g>]) -> Value<'g> {
    let lse = log_sum_exp(g, z);
    // Σ t_k z_k as one node (the bias is 0)
    match g.weighted_sum(t, z, g.constant(0.0)) {
        Ok(picked) => lse - picked,
        Err(_) => g.constant(f64::NAN),
    }
}

/// The mean of per-sample losses, as micrograd writes it: `(Σ l_i) · (1/N)`.
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let ls = [g.input(1.0), g.input(2.0)];
/// let m = gradgraph_nn::loss::mean(&g, &ls);
/// g.backward(m);
/// assert_eq!((m.data(), ls[0].grad()), (1.5, 0.5));
/// ```
pub fn mean<'g>(g: &'g Graph, losses: &[Value<'g>]) -> Value<'g> {
    g.sum(losses) * (1.0 / losses.len().max(1) as f64)
}

/// L2 regularisation `α Σ p²` over `params`, as micrograd writes it: `α · Σ (p · p)`.
/// `d/dp = 2 α p`.
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let p = [g.parameter(3.0), g.parameter(-1.0)];
/// let r = gradgraph_nn::loss::l2(&g, &p, 1e-4);
/// g.backward(r);
/// assert!((r.data() - 10.0 * 1e-4).abs() < 1e-18);
/// assert!((p[0].grad() - 2.0 * 1e-4 * 3.0).abs() < 1e-18); // 2 α p
/// ```
pub fn l2<'g>(g: &'g Graph, params: &[Value<'g>], alpha: f64) -> Value<'g> {
    let squares: Vec<Value<'g>> = params.iter().map(|&p| p * p).collect();
    g.sum(&squares) * alpha
}

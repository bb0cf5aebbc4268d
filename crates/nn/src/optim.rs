//! [`Optimizer`], [`Schedule`] and [`Clip`]: how a step moves the parameters.

use crate::Error;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How parameters move against their gradients `∇`: plain SGD, momentum or Adam.
///
/// Each one works on the parameters and gradients as flat `f64` slices in canonical order;
/// [`Schedule`] sets the learning rate step by step and [`Clip`] bounds the gradients.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Optimizer {
    /// Stochastic gradient descent with optional momentum μ (PyTorch's form):
    /// `v ← μ v + ∇`, `p ← p − lr · v`. With μ = 0 it is `p ← p − lr · ∇` exactly.
    Sgd {
        /// The momentum μ (0 for plain SGD).
        momentum: f64,
    },
    /// Adam (Kingma and Ba): `m ← β₁ m + (1 − β₁) ∇`, `v ← β₂ v + (1 − β₂) ∇²`,
    /// `p ← p − lr · m̂ / (√v̂ + ε)` with the bias corrections `m̂ = m / (1 − β₁^t)`,
    /// `v̂ = v / (1 − β₂^t)` at step t = 1, 2, …
    Adam {
        /// β₁ (0.9).
        beta1: f64,
        /// β₂ (0.999).
        beta2: f64,
        /// ε (1e-8).
        eps: f64,
    },
}

impl Optimizer {
    /// The names [`Optimizer::from_str`] accepts.
    pub const NAMES: &'static [&'static str] = &["sgd", "momentum", "momentum:MU", "adam"];

    /// Plain SGD: `p ← p − lr · ∇`.
    pub const fn sgd() -> Optimizer {
        Optimizer::Sgd { momentum: 0.0 }
    }

    /// SGD with momentum `mu` (PyTorch's form; `momentum(0.0)` is [`Optimizer::sgd`]).
    pub const fn momentum(mu: f64) -> Optimizer {
        Optimizer::Sgd { momentum: mu }
    }

    /// Adam with the usual β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    pub const fn adam() -> Optimizer {
        Optimizer::Adam {
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        }
    }

    /// The learning rate this optimiser trains with unless told otherwise: 0.01 for Adam,
    /// 0.1 for SGD with or without momentum. Used by `gradgraph train` (without `--lr`) and
    /// by [`TrainConfig::default`](crate::TrainConfig::default).
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::Optimizer;
    /// assert_eq!(Optimizer::adam().default_lr(), 0.01);
    /// assert_eq!(Optimizer::sgd().default_lr(), 0.1);
    /// assert_eq!(Optimizer::momentum(0.9).default_lr(), 0.1);
    /// ```
    pub fn default_lr(&self) -> f64 {
        match self {
            Optimizer::Adam { .. } => 0.01,
            Optimizer::Sgd { .. } => 0.1,
        }
    }

    /// A fresh state for `n` parameters.
    pub fn state(self, n: usize) -> OptimizerState {
        OptimizerState {
            optimizer: self,
            first: vec![0.0; n],
            second: vec![0.0; n],
            t: 0,
        }
    }
}

impl Default for Optimizer {
    /// [`Optimizer::adam`], as `gradgraph train` uses by default.
    fn default() -> Self {
        Optimizer::adam()
    }
}

impl fmt::Display for Optimizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Optimizer::Sgd { momentum } if *momentum == 0.0 => f.write_str("sgd"),
            Optimizer::Sgd { momentum } => write!(f, "momentum:{momentum}"),
            Optimizer::Adam { .. } => f.write_str("adam"),
        }
    }
}

impl FromStr for Optimizer {
    type Err = Error;

    /// Parses `sgd`, `momentum` (μ = 0.9), `momentum:0.5`, `adam`.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::Optimizer;
    /// assert_eq!("momentum:0.5".parse::<Optimizer>().unwrap(), Optimizer::Sgd { momentum: 0.5 });
    /// assert!("adamw".parse::<Optimizer>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        let lower = s.trim().to_ascii_lowercase();
        let (name, arg) = match lower.split_once(':') {
            Some((n, a)) => (n, Some(a)),
            None => (lower.as_str(), None),
        };
        match (name, arg) {
            ("sgd", None) => Ok(Optimizer::sgd()),
            ("momentum", None) => Ok(Optimizer::momentum(0.9)),
            ("momentum", Some(a)) => match a.trim().parse::<f64>() {
                Ok(m) if (0.0..1.0).contains(&m) => Ok(Optimizer::momentum(m)),
                _ => Err(Error::out_of_range(
                    "momentum",
                    format!("momentum {a:?} is not a number in [0, 1)"),
                )),
            },
            ("adam", None) => Ok(Optimizer::adam()),
            _ => Err(Error::unknown("optimizer", s, Optimizer::NAMES)),
        }
    }
}

/// The running state of an [`Optimizer`]: SGD's velocity, Adam's two moments.
#[derive(Clone, Debug, PartialEq)]
pub struct OptimizerState {
    optimizer: Optimizer,
    first: Vec<f64>,
    second: Vec<f64>,
    t: u64,
}

impl OptimizerState {
    /// One update of `params` against `grads` with learning rate `lr`.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::Optimizer;
    /// let mut p = [1.0, -2.0];
    /// let mut sgd = Optimizer::sgd().state(2);
    /// sgd.step(&mut p, &[0.5, -1.0], 0.1);
    /// assert_eq!(p, [1.0 - 0.1 * 0.5, -2.0 + 0.1 * 1.0]);
    /// ```
    #[inline(never)]
    pub fn step(&mut self, params: &mut [f64], grads: &[f64], lr: f64) {
        self.t += 1;
        match self.optimizer {
            Optimizer::Sgd { momentum: 0.0 } => {
                for (p, g) in params.iter_mut().zip(grads) {
                    // micrograd: p.data -= learning_rate * p.grad
                    *p -= lr * g;
                }
            }
            Optimizer::Sgd { momentum } => {
                for ((p, g), v) in params.iter_mut().zip(grads).zip(&mut self.first) {
                    *v = momentum * *v + g;
                    *p -= lr * *v;
                }
            }
            Optimizer::Adam { beta1, beta2, eps } => {
                let t = self.t as i32;
                let c1 = 1.0 - beta1.powi(t);
                let c2 = 1.0 - beta2.powi(t);
                for (((p, g), m), v) in params
                    .iter_mut()
                    .zip(grads)
                    .zip(&mut self.first)
                    .zip(&mut self.second)
                {
                    *m = beta1 * *m + (1.0 - beta1) * g;
                    *v = beta2 * *v + (1.0 - beta2) * g * g;
                    let m_hat = *m / c1;
                    let v_hat = *v / c2;
                    *p -= lr * m_hat / (v_hat.sqrt() + eps);
                }
            }
        }
    }
}

/// The learning rate at each step: constant, or decaying linearly from `lr` to `lr_end`:
/// `lr_k = lr − (lr − lr_end) · k / steps` for k = 0 … steps − 1.
///
/// micrograd's demo uses `learning_rate = 1.0 - 0.9*k/100`: `lr = 1`, `lr_end = 0.1`,
/// `steps = 100`, and this formula computes exactly the same floats.
///
/// # Examples
/// ```
/// use gradgraph_nn::Schedule;
/// let s = Schedule { lr: 1.0, lr_end: Some(0.1), steps: 100 };
/// for k in 0..100 {
///     assert_eq!(s.lr(k), 1.0 - 0.9 * k as f64 / 100.0);
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Schedule {
    /// The first learning rate.
    pub lr: f64,
    /// The learning rate the decay heads for (reached at k = steps), or `None` for constant.
    pub lr_end: Option<f64>,
    /// The number of steps.
    pub steps: usize,
}

impl Schedule {
    /// The learning rate at step `k` (counted from 0); from step `steps` on, `lr_end` (a
    /// run that goes on past its steps keeps the last rate).
    pub fn lr(&self, k: usize) -> f64 {
        match self.lr_end {
            Some(end) if self.steps > 0 => {
                self.lr - (self.lr - end) * k.min(self.steps) as f64 / self.steps as f64
            }
            _ => self.lr,
        }
    }
}

/// Gradient clipping, applied to the whole gradient before each update (the course's remedy
/// for exploding gradients).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Clip {
    /// Clip each component into `[−c, c]`.
    pub value: Option<f64>,
    /// Rescale the whole gradient so that its Euclidean norm is at most `c`.
    pub norm: Option<f64>,
}

impl Clip {
    /// Clips `grads` in place (by value first, then by norm) and returns the norm of the
    /// gradient before clipping.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::Clip;
    /// let mut g = [3.0, 4.0];
    /// let norm = Clip { value: None, norm: Some(1.0) }.apply(&mut g);
    /// assert_eq!(norm, 5.0);
    /// assert!((g[0] - 0.6).abs() < 1e-15 && (g[1] - 0.8).abs() < 1e-15);
    /// let mut g = [3.0, -4.0];
    /// Clip { value: Some(1.0), norm: None }.apply(&mut g);
    /// assert_eq!(g, [1.0, -1.0]);
    /// ```
    #[inline(never)]
    pub fn apply(&self, grads: &mut [f64]) -> f64 {
        let norm = grads.iter().map(|g| g * g).sum::<f64>().sqrt();
        if let Some(c) = self.value {
            for g in grads.iter_mut() {
                // min/max rather than clamp: never panics, whatever c is
                *g = g.max(-c).min(c);
            }
        }
        if let Some(c) = self.norm {
            let n = grads.iter().map(|g| g * g).sum::<f64>().sqrt();
            if n > c && n > 0.0 {
                let scale = c / n;
                for g in grads.iter_mut() {
                    *g *= scale;
                }
            }
        }
        norm
    }
}

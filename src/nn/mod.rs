//! Neural nets built from scalar neurons: [`Neuron`], [`Layer`], [`Mlp`], their
//! initialisation, losses, optimisers, batch normalisation, an Elman [`Rnn`] and a trainer.
//!
//! A model holds its parameters as plain `f64`s (so it can be saved as JSON). A forward pass
//! *binds* them into a [`Graph`](crate::Graph) as [`Graph::parameter`](crate::Graph::parameter)
//! leaves; each neuron's pre-activation is one node, `Σ w_i x_i + b`
//! ([`Graph::weighted_sum`](crate::Graph::weighted_sum)), and every neuron and layer is a
//! named group, drawn as a cluster.
//!
//! ## Canonical parameter order
//!
//! Everywhere a model's parameters appear as one list ([`Mlp::parameters`], an `--init`
//! file, [`Bound::parameters`]) they come in micrograd's order: layer by layer (first hidden
//! layer first, output layer last), neuron by neuron, and for each neuron its weights
//! `w_1 … w_n` (one per input, in input order) then its bias `b`. A PReLU neuron adds its
//! learned slope after its bias. A layer followed by batch normalisation is followed by that
//! normalisation's scale and shift, unit by unit: `γ_1, β_1, γ_2, β_2, …`.
//!
//! ## Training
//!
//! [`train()`] builds the graph of a batch once (micrograd's shape: one copy of the net per
//! sample, all sharing the parameter leaves) and replays it every step: it sets the input
//! leaves, runs [`Graph::forward`](crate::Graph::forward) and
//! [`Graph::backward`](crate::Graph::backward), and moves the parameters, without rebuilding
//! anything.
//!
//! ```
//! # fn main() -> Result<(), gradgraph::Error> {
//! use gradgraph::data::Dataset;
//! use gradgraph::nn::{Activation, Loss, Mlp, Optimizer, Output, TrainConfig, train};
//!
//! let data = Dataset::xor();
//! let mut net = Mlp::builder(&[2, 4, 1])
//!     .activation(Activation::Tanh) // weights: Glorot, the default for tanh
//!     .output(Output::Sigmoid)
//!     .seed(1)
//!     .build()?;
//! let config = TrainConfig {
//!     loss: Loss::Bce,
//!     optimizer: Optimizer::sgd(),
//!     lr: 0.5,
//!     steps: 300,
//!     ..TrainConfig::default()
//! };
//! let report = train(&mut net, &data, &config, |_| {})?;
//! assert!(report.final_loss < report.loss[0]);
//! # Ok(()) }
//! ```
//!
//! ## Defaults
//!
//! What `gradgraph train` does unless told otherwise is decided here, so a program trains
//! the same way: [`Init::default_for`] an activation, [`Loss::default_for`] a task,
//! [`Output::default_for`] a loss, [`Loss::outputs_for`] a task, [`Optimizer::default`] (Adam)
//! and its [`Optimizer::default_lr`], [`TrainConfig::default`] and [`TrainConfig::for_task`],
//! and the graph-size limit [`train::check_graph_size`].

pub mod batchnorm;
pub mod init;
pub mod layer;
pub mod loss;
pub mod mlp;
pub mod neuron;
pub mod optim;
pub mod rnn;
pub mod train;

pub use batchnorm::BatchNorm;
pub use init::Init;
pub use layer::Layer;
pub use loss::Loss;
pub use mlp::{Bound, Mlp, MlpBuilder};
pub use neuron::Neuron;
pub use optim::{Clip, Optimizer, Schedule};
pub use rnn::Rnn;
pub use train::{GraphSize, Metrics, Step, TrainConfig, TrainReport, evaluate, train};

use crate::data::Task;
use crate::{Error, Value};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The activation `f` a neuron applies to its weighted sum `g`: its output is `f(g)`.
///
/// Each one is a single op of the engine, with its exact local derivative.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    /// `f(g) = g`: no activation (output layers).
    Linear,
    /// `max(0, g)`; `f' = 1` for `g > 0`, else 0.
    Relu,
    /// `tanh g`; `f' = 1 − tanh² g`, at most 1.
    Tanh,
    /// Logistic `1 / (1 + e^−g)`; `f' = f (1 − f)`, at most 0.25.
    Sigmoid,
    /// `g` for `g > 0`, `slope · g` otherwise (slope 0.01 unless given).
    LeakyRelu(f64),
    /// Like leaky relu, with a slope learned per neuron (starting at 0.25, as PyTorch).
    Prelu,
    /// `g Φ(g)`, Φ the standard normal CDF.
    Gelu,
    /// `g` for `g > 0`, `e^g − 1` otherwise.
    Elu,
    /// `g σ(g)`.
    Silu,
    /// `ln(1 + e^g)`.
    Softplus,
    /// 0 for `g < 0`, 1 otherwise: its derivative is 0, so it cannot be trained.
    Step,
}

impl Activation {
    /// The names [`Activation::from_str`] accepts.
    pub const NAMES: &'static [&'static str] = &[
        "linear",
        "relu",
        "tanh",
        "sigmoid",
        "leaky_relu",
        "prelu",
        "gelu",
        "elu",
        "silu",
        "softplus",
        "step",
    ];

    /// True for the rectifier family (relu, leaky relu, prelu, gelu, elu, silu, softplus):
    /// activations that pass positive inputs through about unchanged and squash negative
    /// ones, so that about half of a layer's variance survives them. They start best from
    /// He's initialisation, the others from Glorot's (see [`Init::default_for`]).
    ///
    /// # Examples
    /// ```
    /// use gradgraph::nn::Activation;
    /// assert!(Activation::Relu.is_relu_like() && Activation::Softplus.is_relu_like());
    /// assert!(!Activation::Tanh.is_relu_like() && !Activation::Linear.is_relu_like());
    /// ```
    pub fn is_relu_like(&self) -> bool {
        match self {
            Activation::Relu
            | Activation::LeakyRelu(_)
            | Activation::Prelu
            | Activation::Gelu
            | Activation::Elu
            | Activation::Silu
            | Activation::Softplus => true,
            Activation::Linear | Activation::Tanh | Activation::Sigmoid | Activation::Step => false,
        }
    }

    /// Applies the activation to `g` (`slope` is the learned slope of a PReLU neuron and is
    /// ignored by every other activation). Adds one node, none for `Linear`.
    pub fn apply<'g>(self, g: Value<'g>, slope: Option<Value<'g>>) -> Value<'g> {
        match self {
            Activation::Linear => g,
            Activation::Relu => g.relu(),
            Activation::Tanh => g.tanh(),
            Activation::Sigmoid => g.sigmoid(),
            Activation::LeakyRelu(s) => g.leaky_relu(s),
            Activation::Prelu => match slope {
                Some(a) => g.prelu(a),
                None => g.leaky_relu(0.25),
            },
            Activation::Gelu => g.gelu(),
            Activation::Elu => g.elu(),
            Activation::Silu => g.silu(),
            Activation::Softplus => g.softplus(),
            Activation::Step => g.step(),
        }
    }
}

impl fmt::Display for Activation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Activation::Linear => f.write_str("linear"),
            Activation::Relu => f.write_str("relu"),
            Activation::Tanh => f.write_str("tanh"),
            Activation::Sigmoid => f.write_str("sigmoid"),
            Activation::LeakyRelu(s) => write!(f, "leaky_relu:{s}"),
            Activation::Prelu => f.write_str("prelu"),
            Activation::Gelu => f.write_str("gelu"),
            Activation::Elu => f.write_str("elu"),
            Activation::Silu => f.write_str("silu"),
            Activation::Softplus => f.write_str("softplus"),
            Activation::Step => f.write_str("step"),
        }
    }
}

impl FromStr for Activation {
    type Err = Error;

    /// Parses `relu`, `tanh`, ... (see [`Activation::NAMES`]); `leaky_relu:0.1` sets the
    /// leaky slope (0.01 without it).
    ///
    /// # Examples
    /// ```
    /// use gradgraph::nn::Activation;
    /// assert_eq!("tanh".parse::<Activation>().unwrap(), Activation::Tanh);
    /// assert_eq!("leaky_relu:0.1".parse::<Activation>().unwrap(), Activation::LeakyRelu(0.1));
    /// assert!("tan".parse::<Activation>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        let (name, arg) = match s.split_once(':') {
            Some((n, a)) => (n, Some(a)),
            None => (s, None),
        };
        let name = name.trim().to_ascii_lowercase().replace('-', "_");
        if name == "leaky_relu" {
            let slope = match arg {
                None => 0.01,
                Some(a) => a.trim().parse::<f64>().map_err(|_| {
                    Error::out_of_range(
                        "leaky_relu slope",
                        format!("leaky_relu slope {a:?} is not a number"),
                    )
                })?,
            };
            return Ok(Activation::LeakyRelu(slope));
        }
        if let Some(a) = arg {
            return Err(Error::out_of_range(
                "activation argument",
                format!("activation {name} takes no argument (got {a:?})"),
            ));
        }
        Ok(match name.as_str() {
            "linear" | "identity" | "none" => Activation::Linear,
            "relu" => Activation::Relu,
            "tanh" => Activation::Tanh,
            "sigmoid" | "logistic" => Activation::Sigmoid,
            "prelu" => Activation::Prelu,
            "gelu" => Activation::Gelu,
            "elu" => Activation::Elu,
            "silu" | "swish" => Activation::Silu,
            "softplus" => Activation::Softplus,
            "step" => Activation::Step,
            _ => return Err(Error::unknown("activation", s, Activation::NAMES)),
        })
    }
}

/// What the network's output layer reports, applied to its raw scores (logits) `z`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Output {
    /// The scores themselves (regression, micrograd's hinge loss).
    Linear,
    /// `σ(z)` of a single output: the probability of class 1.
    Sigmoid,
    /// `softmax(z)_k = e^{z_k − m} / Σ_j e^{z_j − m}` (m the largest score, for stability):
    /// one probability per class.
    Softmax,
}

impl Output {
    /// The names [`Output::from_str`] accepts.
    pub const NAMES: &'static [&'static str] = &["linear", "sigmoid", "softmax"];

    /// The output a model trained with `loss` on `task` reports by default: a probability
    /// for binary cross-entropy ([`Output::Sigmoid`]), one probability per class for
    /// cross-entropy, or for any loss when the model has several outputs
    /// ([`Output::Softmax`]; see [`Loss::outputs_for`]), else the raw score
    /// ([`Output::Linear`]: regression, the hinge loss).
    ///
    /// # Examples
    /// ```
    /// use gradgraph::data::Task;
    /// use gradgraph::nn::{Loss, Output};
    /// assert_eq!(Output::default_for(Loss::Bce, Task::Binary), Output::Sigmoid);
    /// assert_eq!(Output::default_for(Loss::CrossEntropy, Task::Classes(3)), Output::Softmax);
    /// assert_eq!(Output::default_for(Loss::Mse, Task::Classes(3)), Output::Softmax);
    /// assert_eq!(Output::default_for(Loss::Mse, Task::Regression), Output::Linear);
    /// assert_eq!(Output::default_for(Loss::Hinge, Task::Binary), Output::Linear);
    /// ```
    pub fn default_for(loss: Loss, task: Task) -> Output {
        match loss {
            Loss::Bce => Output::Sigmoid,
            Loss::CrossEntropy => Output::Softmax,
            _ if loss.outputs_for(task) > 1 => Output::Softmax,
            _ => Output::Linear,
        }
    }

    /// Applies the output function to the scores `z`.
    pub fn apply<'g>(self, z: &[Value<'g>]) -> Vec<Value<'g>> {
        match self {
            Output::Linear => z.to_vec(),
            Output::Sigmoid => z.iter().map(|v| v.sigmoid()).collect(),
            Output::Softmax => loss::softmax(z),
        }
    }
}

impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Output::Linear => "linear",
            Output::Sigmoid => "sigmoid",
            Output::Softmax => "softmax",
        })
    }
}

impl FromStr for Output {
    type Err = Error;

    /// Parses `linear`, `sigmoid` or `softmax`.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "linear" | "identity" | "none" => Ok(Output::Linear),
            "sigmoid" | "logistic" => Ok(Output::Sigmoid),
            "softmax" => Ok(Output::Softmax),
            _ => Err(Error::unknown("output", s, Output::NAMES)),
        }
    }
}

//! Neural nets built from scalar neurons: [`Neuron`], [`Layer`], [`Mlp`], their
//! initialisation, losses, optimisers, batch normalisation, an Elman [`Rnn`] and a trainer.
//!
//! A model holds its parameters as plain `f64`s (so it can be saved as JSON). A forward pass
//! *binds* them into a [`Graph`](gradgraph::Graph) as [`Graph::parameter`](gradgraph::Graph::parameter)
//! leaves; each neuron's pre-activation is one node, `Σ w_i x_i + b`
//! ([`Graph::weighted_sum`](gradgraph::Graph::weighted_sum)), and every neuron and layer is a
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
//! leaves, runs [`Graph::forward`](gradgraph::Graph::forward) and
//! [`Graph::backward`](gradgraph::Graph::backward), and moves the parameters, without rebuilding
//! anything.
//!
//! ```
//! # fn main() -> Result<(), gradgraph_nn::Error> {
//! use gradgraph_nn::data::Dataset;
//! use gradgraph_nn::{Activation, Loss, Mlp, Optimizer, Output, TrainConfig, train};
//!
//! let data = Dataset::xor();
//! let mut net = Mlp::builder(&[2, 4, 1])
//!     .activation(Activation::TANH) // weights: Glorot, the default for tanh
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

mod batchnorm;
pub mod data;
mod error;
pub mod init;
mod layer;
pub mod loss;
mod mlp;
mod neuron;
mod optim;
mod recipe;
pub mod replay;
mod rnn;
#[cfg(feature = "safetensors")]
#[cfg_attr(docsrs, doc(cfg(feature = "safetensors")))]
pub mod torch;
pub mod train;

pub use batchnorm::BatchNorm;
pub use error::Error;
pub use init::Init;
pub use layer::Layer;
pub use loss::Loss;
pub use mlp::{Bound, Mlp, MlpBuilder};
pub use neuron::Neuron;
pub use optim::{Clip, Optimizer, OptimizerState, Schedule};
pub use recipe::Recipe;
pub use rnn::{Rnn, RnnConfig, RnnReport, Unrolled};
pub use train::{GraphSize, Metrics, Step, TrainConfig, TrainReport, Trainer, evaluate, train};

use crate::data::Task;
use gradgraph::{Family, Kind as OpKind};
use gradgraph::{Op, Value};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The activation `f` a neuron applies to its weighted sum `g`: its output is `f(g)`.
///
/// It is built on the table of ops ([`OPS`](gradgraph::OPS)): every op of kind
/// [`Activation`](gradgraph::Kind::Activation) is one (relu, tanh, a leaky relu with its slope,
/// ...), with its exact local derivative, and [`Activation::LINEAR`] is none. A new
/// activation op of the table is available here, by its name, without an edit.
///
/// # Examples
/// ```
/// use gradgraph::Op;
/// use gradgraph_nn::Activation;
/// assert_eq!(Activation::TANH.op(), Some(Op::Tanh));
/// assert_eq!("leaky_relu:0.1".parse::<Activation>().unwrap(), Activation::leaky_relu(0.1));
/// assert!(Activation::new(Op::Add).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ActivationRepr", into = "ActivationRepr")]
pub struct Activation {
    /// The op, `None` for linear.
    op: Option<Op>,
}

impl Activation {
    /// `f(g) = g`: no activation (output layers).
    pub const LINEAR: Activation = Activation { op: None };
    /// `max(0, g)`; `f' = 1` for `g > 0`, else 0.
    pub const RELU: Activation = Activation::of(Op::Relu);
    /// `tanh g`; `f' = 1 − tanh² g`, at most 1.
    pub const TANH: Activation = Activation::of(Op::Tanh);
    /// Logistic `1 / (1 + e^−g)`; `f' = f (1 − f)`, at most 0.25.
    pub const SIGMOID: Activation = Activation::of(Op::Sigmoid);
    /// Like a leaky relu, with a slope learned per neuron (starting at 0.25, as PyTorch).
    pub const PRELU: Activation = Activation::of(Op::Prelu);
    /// `g Φ(g)`, Φ the standard normal CDF.
    pub const GELU: Activation = Activation::of(Op::Gelu);
    /// `g` for `g > 0`, `e^g − 1` otherwise.
    pub const ELU: Activation = Activation::of(Op::Elu);
    /// `g σ(g)`.
    pub const SILU: Activation = Activation::of(Op::Silu);
    /// `ln(1 + e^g)`.
    pub const SOFTPLUS: Activation = Activation::of(Op::Softplus);
    /// 0 for `g < 0`, 1 otherwise: its derivative is 0, so it cannot be trained.
    pub const STEP: Activation = Activation::of(Op::Step);

    const fn of(op: Op) -> Activation {
        Activation { op: Some(op) }
    }

    /// `g` for `g > 0`, `slope · g` otherwise.
    pub const fn leaky_relu(slope: f64) -> Activation {
        Activation::of(Op::LeakyRelu(slope))
    }

    /// The activation of `op`, an op of kind activation in the table of ops.
    ///
    /// Returns [`Error::OutOfRange`] for any other op.
    pub fn new(op: Op) -> Result<Activation, Error> {
        match op.kind() {
            OpKind::Activation(_) if op.arity() == 1 || op == Op::Prelu => Ok(Activation::of(op)),
            _ => Err(Error::out_of_range(
                "activation",
                format!("{} is not an activation", op.name()),
            )),
        }
    }

    /// The op this activation applies, `None` for [`Activation::LINEAR`].
    pub fn op(self) -> Option<Op> {
        self.op
    }

    /// The names [`Activation::from_str`] accepts: `linear`, then every activation of the
    /// table of ops.
    pub fn names() -> Vec<&'static str> {
        std::iter::once("linear")
            .chain(
                gradgraph::OPS
                    .iter()
                    .filter(|info| Activation::new(info.op).is_ok())
                    .map(|info| info.name),
            )
            .collect()
    }

    /// True for the rectifiers (relu and its leaky, parametric and smooth cousins: the
    /// [`Family::Rectifier`] of the table), whose default initialisation is He's; false for
    /// the saturating ones and for linear. See [`Init::default_for`].
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::Activation;
    /// assert!(Activation::RELU.is_relu_like() && Activation::SOFTPLUS.is_relu_like());
    /// assert!(!Activation::TANH.is_relu_like() && !Activation::LINEAR.is_relu_like());
    /// ```
    pub fn is_relu_like(&self) -> bool {
        self.op
            .is_some_and(|op| op.kind() == OpKind::Activation(Family::Rectifier))
    }

    /// Applies the activation to `g` (`slope` is the learned slope of a PReLU neuron and is
    /// ignored by every other activation). Adds one node, none for `Linear`.
    pub fn apply<'g>(self, g: Value<'g>, slope: Option<Value<'g>>) -> Value<'g> {
        let graph = g.graph();
        match self.op {
            None => g,
            Some(Op::Prelu) => match slope {
                Some(a) => g.prelu(a),
                None => g.leaky_relu(0.25),
            },
            // an activation of one operand, as `Activation::new` checked
            Some(op) => graph.apply(op, &[g]).unwrap_or(g),
        }
    }
}

impl fmt::Display for Activation {
    /// Its name, as [`Activation::from_str`] reads it: `tanh`, `leaky_relu:0.1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.op {
            None => f.write_str("linear"),
            Some(op) => match op.param() {
                Some(p) => write!(f, "{}:{p}", op.name()),
                None => f.write_str(op.name()),
            },
        }
    }
}

/// Other names people use for some activations.
const ACTIVATION_ALIASES: [(&str, &str); 4] = [
    ("identity", "linear"),
    ("none", "linear"),
    ("logistic", "sigmoid"),
    ("swish", "silu"),
];

impl FromStr for Activation {
    type Err = Error;

    /// Parses `relu`, `tanh`, ... (see [`Activation::names`]); `leaky_relu:0.1` sets the
    /// leaky slope (0.01 without it).
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::Activation;
    /// assert_eq!("tanh".parse::<Activation>().unwrap(), Activation::TANH);
    /// assert_eq!("leaky_relu:0.1".parse::<Activation>().unwrap(), Activation::leaky_relu(0.1));
    /// assert!("tan".parse::<Activation>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        let (name, arg) = match s.split_once(':') {
            Some((n, a)) => (n, Some(a)),
            None => (s, None),
        };
        let name = name.trim().to_ascii_lowercase().replace('-', "_");
        let name = ACTIVATION_ALIASES
            .iter()
            .find(|(alias, _)| *alias == name)
            .map_or(name.as_str(), |(_, real)| real);
        if name == "linear" && arg.is_none() {
            return Ok(Activation::LINEAR);
        }
        let info = gradgraph::OPS
            .iter()
            .find(|info| info.name == name && Activation::new(info.op).is_ok());
        match (info, info.and_then(|i| i.param), arg) {
            (None, _, None) => Err(Error::unknown("activation", s, Activation::names())),
            (Some(info), _, None) => Ok(Activation::of(info.op)),
            (Some(info), Some(param), Some(a)) => match a.trim().parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(Activation::of(info.op.with_param(v))),
                _ => Err(Error::out_of_range(
                    format!("{name} {param}"),
                    format!("{name} {param} {a:?} is not a finite number"),
                )),
            },
            // an argument to an activation without a parameter (or to an unknown name)
            (_, _, Some(a)) => Err(Error::out_of_range(
                "activation argument",
                format!("activation {name} takes no argument (got {a:?})"),
            )),
        }
    }
}

/// How an activation is saved in a model file: its name, or `{"leaky_relu": 0.1}` for one
/// with a parameter (the format of the first model files).
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum ActivationRepr {
    Name(String),
    WithParam(std::collections::BTreeMap<String, f64>),
}

impl From<Activation> for ActivationRepr {
    fn from(a: Activation) -> Self {
        match a.op {
            Some(op) => match op.param() {
                Some(p) => ActivationRepr::WithParam([(op.name().to_owned(), p)].into()),
                None => ActivationRepr::Name(op.name().to_owned()),
            },
            None => ActivationRepr::Name("linear".to_owned()),
        }
    }
}

impl TryFrom<ActivationRepr> for Activation {
    type Error = Error;
    fn try_from(r: ActivationRepr) -> Result<Self, Error> {
        match r {
            ActivationRepr::Name(name) => name.parse(),
            ActivationRepr::WithParam(map) => match map.into_iter().next() {
                Some((name, p)) => format!("{name}:{p:?}").parse(),
                None => Err(Error::format("activation", "an empty object")),
            },
        }
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
    /// use gradgraph_nn::data::Task;
    /// use gradgraph_nn::{Loss, Output};
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

    /// Whether a model that reports `self` can be trained with `loss` on `task`. Binary
    /// cross-entropy and cross-entropy apply their sigmoid or softmax to the raw scores
    /// themselves: their model reports that function (the default) or the raw scores
    /// ([`Output::Linear`], as PyTorch's `BCEWithLogitsLoss` takes them), nothing else; a
    /// softmax needs at least two outputs.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::data::Task;
    /// use gradgraph_nn::{Loss, Output, OutputMisfit};
    /// assert_eq!(Output::Linear.check_fits(Loss::Bce, Task::Binary), Ok(()));
    /// assert_eq!(
    ///     Output::Softmax.check_fits(Loss::Bce, Task::Binary),
    ///     Err(OutputMisfit::AppliedByLoss { applied: Output::Sigmoid })
    /// );
    /// assert_eq!(
    ///     Output::Softmax.check_fits(Loss::Mse, Task::Regression),
    ///     Err(OutputMisfit::SoftmaxOfOne { outputs: 1 })
    /// );
    /// ```
    pub fn check_fits(self, loss: Loss, task: Task) -> Result<(), OutputMisfit> {
        if matches!(loss, Loss::Bce | Loss::CrossEntropy) {
            let applied = Output::default_for(loss, task);
            if self != applied && self != Output::Linear {
                return Err(OutputMisfit::AppliedByLoss { applied });
            }
        }
        let outputs = loss.outputs_for(task);
        if self == Output::Softmax && outputs < 2 {
            return Err(OutputMisfit::SoftmaxOfOne { outputs });
        }
        Ok(())
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

/// Why an [`Output`] does not fit a loss and a task ([`Output::check_fits`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputMisfit {
    /// The loss applies `applied` to the raw scores itself, so another output function would
    /// be ignored.
    AppliedByLoss {
        /// What the loss applies: sigmoid for binary cross-entropy, softmax for
        /// cross-entropy.
        applied: Output,
    },
    /// A softmax over `outputs` (fewer than 2) outputs.
    SoftmaxOfOne {
        /// The model's outputs for the loss and the task.
        outputs: usize,
    },
}

impl fmt::Display for OutputMisfit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputMisfit::AppliedByLoss { applied } => write!(
                f,
                "the loss applies {applied} to the model's raw scores itself; choose the \
                 output {applied} (the default) or linear (the raw scores), or a loss that \
                 uses another (mse or hinge)"
            ),
            OutputMisfit::SoftmaxOfOne { outputs } => write!(
                f,
                "a softmax needs at least 2 outputs (one per class), and this task with this \
                 loss has {outputs}; choose sigmoid or linear"
            ),
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

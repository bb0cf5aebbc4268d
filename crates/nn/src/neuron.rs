//! [`Neuron`]: weights, a bias and an activation, `y = f(Σ w_i x_i + b)`.

use super::{Activation, Init};
use crate::Error;
use gradgraph::{Graph, Value};
use rand::Rng;
use serde::{Deserialize, Serialize};

/// One neuron: `y = f(g)` with `g = Σ_i w_i x_i + b`, the course's weighted sum with the bias
/// as the weight of a constant input 1.
///
/// Its parameters are plain numbers; [`Neuron::forward`] binds them into a graph as
/// parameter leaves, so that backward gives their gradients.
///
/// # Examples
/// ```
/// # fn main() -> Result<(), gradgraph_nn::Error> {
/// use gradgraph::Graph;
/// use gradgraph_nn::{Activation, Neuron};
/// let n = Neuron::with_weights(vec![0.5, -1.0], 0.25, Activation::TANH);
/// let g = Graph::new();
/// let x = [g.input(2.0), g.input(3.0)];
/// let y = n.forward(&g, &x)?;
/// g.backward(y);
/// // g = 0.25 + 0.5·2 − 1·3 = −1.75; dy/dw_0 = (1 − tanh²(g)) · x_0
/// let t = (-1.75f64).tanh();
/// assert_eq!(y.data(), t);
/// assert!((g.parameters()[0].grad() - (1.0 - t * t) * 2.0).abs() < 1e-15);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Neuron {
    /// One weight per input, `w_1 … w_n`.
    pub weights: Vec<f64>,
    /// The bias `b` (the weight of the constant input `x_0 = 1`).
    pub bias: f64,
    /// The activation `f`.
    pub activation: Activation,
    /// The learned slope of a PReLU neuron (`None` for every other activation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slope: Option<f64>,
}

impl Neuron {
    /// A neuron with `n_inputs` weights drawn by `init` (for a layer of `fan_out` neurons),
    /// bias 0, and slope 0.25 if the activation is PReLU.
    pub fn new(
        n_inputs: usize,
        activation: Activation,
        init: Init,
        fan_out: usize,
        rng: &mut impl Rng,
    ) -> Neuron {
        let weights = (0..n_inputs)
            .map(|_| init.draw(n_inputs, fan_out, rng))
            .collect();
        let mut n = Neuron::with_weights(weights, 0.0, activation);
        if activation == Activation::PRELU {
            n.slope = Some(0.25);
        }
        n
    }

    /// A neuron with the given weights and bias (a PReLU neuron starts with slope 0.25).
    pub fn with_weights(weights: Vec<f64>, bias: f64, activation: Activation) -> Neuron {
        let slope = (activation == Activation::PRELU).then_some(0.25);
        Neuron {
            weights,
            bias,
            activation,
            slope,
        }
    }

    /// The number of inputs.
    pub fn n_inputs(&self) -> usize {
        self.weights.len()
    }

    /// The number of parameters: the weights, the bias, and the slope of a PReLU neuron.
    pub fn parameter_count(&self) -> usize {
        self.weights.len() + 1 + usize::from(self.slope.is_some())
    }

    /// Appends the parameters in canonical order: `w_1 … w_n, b` (then the PReLU slope).
    pub fn parameters_into(&self, out: &mut Vec<f64>) {
        out.extend_from_slice(&self.weights);
        out.push(self.bias);
        if let Some(a) = self.slope {
            out.push(a);
        }
    }

    /// Takes this neuron's parameters from the front of `values` (canonical order) and
    /// returns the rest.
    pub(crate) fn take_parameters<'a>(&mut self, values: &'a [f64]) -> &'a [f64] {
        let n = self.weights.len();
        self.weights.copy_from_slice(&values[..n]);
        self.bias = values[n];
        let mut used = n + 1;
        if let Some(a) = self.slope.as_mut() {
            *a = values[used];
            used += 1;
        }
        &values[used..]
    }

    /// Creates this neuron's parameter leaves in `g`, in canonical order, labelled
    /// `w{name}.{i}`, `b{name}` (and `a{name}` for a PReLU slope).
    pub fn bind<'g>(&self, g: &'g Graph, name: &str) -> Vec<Value<'g>> {
        let mut params = Vec::with_capacity(self.parameter_count());
        for (i, &w) in self.weights.iter().enumerate() {
            params.push(g.parameter(w).with_label(&format!("w{name}.{}", i + 1)));
        }
        params.push(g.parameter(self.bias).with_label(&format!("b{name}")));
        if let Some(a) = self.slope {
            params.push(g.parameter(a).with_label(&format!("a{name}")));
        }
        params
    }

    /// The weighted sum `g = b + Σ w_i x_i` as one node, from bound parameters `params`
    /// (as [`Neuron::bind`] makes them) and inputs `x`.
    ///
    /// Returns [`Error::Shape`] if `x` does not have one value per weight.
    pub fn pre_activation<'g>(
        &self,
        g: &'g Graph,
        params: &[Value<'g>],
        x: &[Value<'g>],
    ) -> Result<Value<'g>, Error> {
        let n = self.weights.len();
        if x.len() != n {
            return Err(Error::Shape {
                what: "neuron inputs".into(),
                expected: n,
                got: x.len(),
            });
        }
        Ok(g.weighted_sum(&params[..n], x, params[n])?)
    }

    /// The activation applied to a pre-activation `z`, with the bound parameters `params`.
    pub fn activate<'g>(&self, params: &[Value<'g>], z: Value<'g>) -> Value<'g> {
        let slope = self.slope.map(|_| params[self.weights.len() + 1]);
        self.activation.apply(z, slope)
    }

    /// `f(Σ w_i x_i + b)` with parameters already bound (see [`Neuron::bind`]).
    pub fn forward_bound<'g>(
        &self,
        g: &'g Graph,
        params: &[Value<'g>],
        x: &[Value<'g>],
    ) -> Result<Value<'g>, Error> {
        let z = self.pre_activation(g, params, x)?;
        Ok(self.activate(params, z))
    }

    /// Binds the parameters into `g` (as fresh leaves, inside a group `"neuron"`) and
    /// returns `f(Σ w_i x_i + b)`.
    ///
    /// Returns [`Error::Shape`] if `x` does not have one value per weight.
    pub fn forward<'g>(&self, g: &'g Graph, x: &[Value<'g>]) -> Result<Value<'g>, Error> {
        if x.len() != self.weights.len() {
            return Err(Error::Shape {
                what: "neuron inputs".into(),
                expected: self.weights.len(),
                got: x.len(),
            });
        }
        g.group("neuron", || {
            let params = self.bind(g, "");
            self.forward_bound(g, &params, x)
        })
    }
}

//! [`Layer`]: neurons that all read the same inputs.

use super::{Activation, Init, Neuron};
use crate::Error;
use gradgraph::{Graph, Value};
use rand::Rng;
use serde::{Deserialize, Serialize};

/// A dense layer: every neuron reads every input. It always returns a `Vec<Value>`, one value
/// per neuron, even when it has one neuron.
///
/// # Examples
/// ```
/// # fn main() -> Result<(), gradgraph_nn::Error> {
/// use gradgraph::Graph;
/// use gradgraph_nn::{Activation, Init, Layer};
/// use rand::SeedableRng;
/// let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0);
/// let layer = Layer::new(3, 2, Activation::RELU, Init::HeUniform, &mut rng);
/// assert_eq!(layer.parameter_count(), 2 * (3 + 1));
/// let g = Graph::new();
/// let x: Vec<_> = [1.0, 2.0, 3.0].iter().map(|&v| g.input(v)).collect();
/// assert_eq!(layer.forward(&g, &x)?.len(), 2);
/// assert!(layer.forward(&g, &x[..2]).is_err()); // wrong number of inputs
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Layer {
    /// The neurons, in order.
    pub neurons: Vec<Neuron>,
}

impl Layer {
    /// `n_outputs` neurons of `n_inputs` inputs each, weights drawn by `init` in canonical
    /// order (neuron by neuron, weight by weight).
    pub fn new(
        n_inputs: usize,
        n_outputs: usize,
        activation: Activation,
        init: Init,
        rng: &mut impl Rng,
    ) -> Layer {
        Layer {
            neurons: (0..n_outputs)
                .map(|_| Neuron::new(n_inputs, activation, init, n_outputs, rng))
                .collect(),
        }
    }

    /// The number of inputs each neuron reads (0 for a layer without neurons).
    pub fn n_inputs(&self) -> usize {
        self.neurons.first().map_or(0, Neuron::n_inputs)
    }

    /// The number of neurons (outputs).
    pub fn n_outputs(&self) -> usize {
        self.neurons.len()
    }

    /// The activation of the first neuron (all of a layer's neurons share one, unless built
    /// by hand).
    pub fn activation(&self) -> Activation {
        self.neurons
            .first()
            .map_or(Activation::LINEAR, |n| n.activation)
    }

    /// The number of parameters of all neurons.
    pub fn parameter_count(&self) -> usize {
        self.neurons.iter().map(Neuron::parameter_count).sum()
    }

    /// Appends the parameters in canonical order, neuron by neuron.
    pub fn parameters_into(&self, out: &mut Vec<f64>) {
        for n in &self.neurons {
            n.parameters_into(out);
        }
    }

    /// Binds the parameters into `g` as fresh leaves (inside a group `"layer"`, one group
    /// `"neuron j"` per neuron) and returns the neurons' outputs.
    ///
    /// Returns [`Error::Shape`] if `x` does not have one value per input.
    pub fn forward<'g>(&self, g: &'g Graph, x: &[Value<'g>]) -> Result<Vec<Value<'g>>, Error> {
        if x.len() != self.n_inputs() {
            return Err(Error::Shape {
                what: "layer inputs".into(),
                expected: self.n_inputs(),
                got: x.len(),
            });
        }
        g.group("layer", || {
            self.neurons
                .iter()
                .enumerate()
                .map(|(j, n)| {
                    g.group(&format!("neuron {}", j + 1), || {
                        let params = n.bind(g, &format!("{}", j + 1));
                        n.forward_bound(g, &params, x)
                    })
                })
                .collect()
        })
    }
}

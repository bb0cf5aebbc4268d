//! [`Mlp`]: a multi-layer perceptron of scalar neurons, and [`Bound`], its parameters bound
//! into a graph so that one graph can be replayed for many samples.

use super::{Activation, BatchNorm, Init, Layer, Output};
use crate::Error;
use crate::replay::Program;
use gradgraph::{Graph, Value};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The samples [`Mlp::predict`] replays at a time.
const PREDICT_LANES: usize = 256;

/// A multi-layer perceptron: dense layers, each with its own activation, then an output
/// function ([`Output`]) over the last layer's scores.
///
/// The parameters are plain `f64`s in the layers (so a model saves as JSON); see the
/// [module docs](crate) for their canonical order. Hidden layers may be followed by
/// batch normalisation ([`Mlp::with_batch_norm`]), applied to each neuron's weighted sum
/// before its activation.
///
/// # Examples
/// micrograd's model for the moons demo: 2 inputs, two hidden layers of 16 relu neurons,
/// one linear output: `16·(2+1) + 16·(16+1) + 1·(16+1) = 337` parameters.
/// ```
/// # fn main() -> Result<(), gradgraph_nn::Error> {
/// use gradgraph::Graph;
/// use gradgraph_nn::{Activation, Init, Mlp};
/// let net = Mlp::builder(&[2, 16, 16, 1]).activation(Activation::RELU).init(Init::Uniform(1.0)).seed(42).build()?;
/// assert_eq!(net.parameter_count(), 337);
/// let g = Graph::new();
/// let x = [g.input(0.5), g.input(-1.0)];
/// let score = net.forward(&g, &x)?;
/// assert_eq!(score.len(), 1); // a layer always returns a Vec
/// assert!(net.forward(&g, &x[..1]).is_err()); // wrong input length: Error::Shape
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mlp {
    /// The number of inputs.
    pub n_inputs: usize,
    /// The layers, the output layer last.
    pub layers: Vec<Layer>,
    /// What the output layer reports.
    pub output: Output,
    /// Either empty, or one batch normalisation per hidden layer (every layer but the last).
    #[serde(default)]
    pub batch_norm: Vec<BatchNorm>,
}

impl Mlp {
    /// An MLP with the layer sizes `sizes` (inputs, hidden layers, outputs), its hidden
    /// layers of `activation` neurons, a linear output layer and no output function
    /// ([`Output::Linear`]), weights drawn by [`Init::default_for`] the activation from a
    /// [`ChaCha8Rng`] seeded with `seed`: the common case of [`Mlp::builder`].
    ///
    /// Returns [`Error::OutOfRange`] for fewer than 2 sizes or a size of 0.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph_nn::Error> {
    /// use gradgraph_nn::{Activation, Init, Mlp};
    /// let net = Mlp::new(&[2, 16, 16, 1], Activation::RELU, 42)?;
    /// let same = Mlp::builder(&[2, 16, 16, 1])
    ///     .activation(Activation::RELU)
    ///     .init(Init::HeUniform)
    ///     .seed(42)
    ///     .build()?;
    /// assert_eq!(net, same);
    /// # Ok(()) }
    /// ```
    pub fn new(sizes: &[usize], activation: Activation, seed: u64) -> Result<Mlp, Error> {
        Mlp::builder(sizes)
            .activation(activation)
            .seed(seed)
            .build()
    }

    /// A builder for an MLP with the layer sizes `sizes`: the number of inputs, the size of
    /// each hidden layer, the number of outputs (micrograd's `MLP(2, [16, 16, 1])` is
    /// `Mlp::builder(&[2, 16, 16, 1])`). See [`MlpBuilder`] for what can be set and the
    /// defaults.
    pub fn builder(sizes: &[usize]) -> MlpBuilder {
        MlpBuilder {
            sizes: sizes.to_vec(),
            activations: vec![Activation::RELU],
            output: Output::Linear,
            init: None,
            batch_norm: false,
            seed: 0,
        }
    }

    /// An MLP from layers built by hand (each with its own activation).
    ///
    /// Returns [`Error::Shape`] if a layer does not read as many inputs as the layer before
    /// gives, and [`Error::OutOfRange`] if there is no layer or a softmax output has one score.
    pub fn from_layers(n_inputs: usize, layers: Vec<Layer>, output: Output) -> Result<Mlp, Error> {
        let mlp = Mlp {
            n_inputs,
            layers,
            output,
            batch_norm: Vec::new(),
        };
        mlp.validate()?;
        Ok(mlp)
    }

    /// Adds batch normalisation after every hidden layer (γ = 1, β = 0).
    pub fn with_batch_norm(mut self) -> Mlp {
        self.batch_norm = self.layers[..self.layers.len().saturating_sub(1)]
            .iter()
            .map(|l| BatchNorm::new(l.n_outputs()))
            .collect();
        self
    }

    /// Checks that the shapes fit together: every layer reads what the one before gives,
    /// every neuron has as many weights as its layer has inputs, batch norms (if any) match
    /// the hidden layers. Used after loading a model from a file.
    pub fn validate(&self) -> Result<(), Error> {
        if self.layers.is_empty() {
            return Err(Error::out_of_range(
                "layers",
                "an MLP needs at least one layer",
            ));
        }
        let mut width = self.n_inputs;
        for (l, layer) in self.layers.iter().enumerate() {
            if layer.neurons.is_empty() {
                return Err(Error::out_of_range(
                    "neurons",
                    format!("layer {} has no neuron", l + 1),
                ));
            }
            for (j, n) in layer.neurons.iter().enumerate() {
                if n.n_inputs() != width {
                    return Err(Error::Shape {
                        what: format!("weights of neuron {}.{}", l + 1, j + 1),
                        expected: width,
                        got: n.n_inputs(),
                    });
                }
                if (n.activation == Activation::PRELU) != n.slope.is_some() {
                    return Err(Error::out_of_range(
                        "PReLU slope",
                        format!(
                            "neuron {}.{}: a PReLU neuron needs a slope, and only it has one",
                            l + 1,
                            j + 1
                        ),
                    ));
                }
            }
            width = layer.n_outputs();
        }
        if self.output == Output::Softmax && width < 2 {
            return Err(Error::out_of_range(
                "output",
                "a softmax output needs at least 2 output neurons (one per class)",
            ));
        }
        if !self.batch_norm.is_empty() {
            let hidden = self.layers.len() - 1;
            if self.batch_norm.len() != hidden {
                return Err(Error::Shape {
                    what: "batch norms (one per hidden layer)".into(),
                    expected: hidden,
                    got: self.batch_norm.len(),
                });
            }
            for (l, bn) in self.batch_norm.iter().enumerate() {
                let units = self.layers[l].n_outputs();
                for (what, len) in [
                    ("γ", bn.gamma.len()),
                    ("β", bn.beta.len()),
                    ("running means", bn.running_mean.len()),
                    ("running variances", bn.running_var.len()),
                ] {
                    if len != units {
                        return Err(Error::Shape {
                            what: format!("batch norm {} {what}", l + 1),
                            expected: units,
                            got: len,
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// The number of outputs (scores) of the last layer.
    pub fn n_outputs(&self) -> usize {
        self.layers.last().map_or(0, Layer::n_outputs)
    }

    /// The activation of each hidden layer (of its first neuron: see [`Layer::activation`]),
    /// the first hidden layer's first.
    pub fn activations(&self) -> Vec<Activation> {
        let hidden = self.layers.len().saturating_sub(1);
        self.layers[..hidden]
            .iter()
            .map(Layer::activation)
            .collect()
    }

    /// True when hidden layers are batch-normalised.
    pub fn has_batch_norm(&self) -> bool {
        !self.batch_norm.is_empty()
    }

    /// The number of learnable parameters (micrograd's 2-16-16-1 has 337).
    pub fn parameter_count(&self) -> usize {
        let bn: usize = self.batch_norm.iter().map(BatchNorm::parameter_count).sum();
        self.layers
            .iter()
            .map(Layer::parameter_count)
            .sum::<usize>()
            + bn
    }

    /// Every parameter in canonical order (see the [module docs](crate)): layer by
    /// layer, neuron by neuron, weights then bias; a layer's batch norm `γ_j, β_j` after its
    /// neurons.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph_nn::Error> {
    /// use gradgraph_nn::{Activation, Layer, Mlp, Neuron, Output};
    /// let hidden = Layer { neurons: vec![
    ///     Neuron::with_weights(vec![1.0, 2.0], 3.0, Activation::TANH),
    ///     Neuron::with_weights(vec![4.0, 5.0], 6.0, Activation::TANH),
    /// ] };
    /// let out = Layer { neurons: vec![Neuron::with_weights(vec![7.0, 8.0], 9.0, Activation::LINEAR)] };
    /// let net = Mlp::from_layers(2, vec![hidden, out], Output::Linear)?;
    /// assert_eq!(net.parameters(), (1..=9).map(f64::from).collect::<Vec<_>>());
    /// # Ok(()) }
    /// ```
    pub fn parameters(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.parameter_count());
        for (l, layer) in self.layers.iter().enumerate() {
            layer.parameters_into(&mut out);
            if let Some(bn) = self.batch_norm.get(l) {
                bn.parameters_into(&mut out);
            }
        }
        out
    }

    /// Sets every parameter from `values`, in canonical order.
    ///
    /// Returns [`Error::Shape`] (naming `what`, for example the file they came from) if
    /// there are not exactly [`Mlp::parameter_count`] values.
    pub fn set_parameters(&mut self, values: &[f64]) -> Result<(), Error> {
        self.set_parameters_named(values, "parameters")
    }

    /// [`Mlp::set_parameters`] with `what` naming the values in the error.
    pub fn set_parameters_named(&mut self, values: &[f64], what: &str) -> Result<(), Error> {
        if values.len() != self.parameter_count() {
            return Err(Error::Shape {
                what: what.to_owned(),
                expected: self.parameter_count(),
                got: values.len(),
            });
        }
        let mut rest = values;
        for (l, layer) in self.layers.iter_mut().enumerate() {
            for n in &mut layer.neurons {
                rest = n.take_parameters(rest);
            }
            if let Some(bn) = self.batch_norm.get_mut(l) {
                rest = bn.take_parameters(rest);
            }
        }
        Ok(())
    }

    /// The range of each layer's parameters in canonical order (its batch norm included).
    pub fn layer_parameter_ranges(&self) -> Vec<Range<usize>> {
        let mut start = 0;
        self.layers
            .iter()
            .enumerate()
            .map(|(l, layer)| {
                let n = layer.parameter_count()
                    + self.batch_norm.get(l).map_or(0, BatchNorm::parameter_count);
                start += n;
                start - n..start
            })
            .collect()
    }

    /// Binds the model into `g` (see [`Bound`]); no node is created until the first forward.
    pub fn bind<'g>(&self, g: &'g Graph) -> Bound<'g> {
        Bound::new(self, g)
    }

    /// Binds the parameters into `g` as fresh leaves and returns the outputs for the inputs
    /// `x` (after the [`Output`] function; batch norm uses its running statistics). Each
    /// layer is a group `"layer l"` holding one group `"neuron l.j"` per neuron.
    ///
    /// Returns [`Error::Shape`] if `x` does not have [`Mlp::n_inputs`] values.
    pub fn forward<'g>(&self, g: &'g Graph, x: &[Value<'g>]) -> Result<Vec<Value<'g>>, Error> {
        self.bind(g).forward(x)
    }

    /// The outputs for many inputs, evaluated by replaying one graph (batch norm in
    /// evaluation mode).
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph_nn::Error> {
    /// use gradgraph_nn::{Activation, Init, Mlp, Output};
    /// let net = Mlp::builder(&[1, 3, 1])
    ///     .activation(Activation::TANH)
    ///     .output(Output::Sigmoid)
    ///     .init(Init::Lecun)
    ///     .seed(7)
    ///     .build()?;
    /// let ys = net.predict(&[vec![0.0], vec![1.0]])?;
    /// assert!(ys.iter().all(|y| y[0] > 0.0 && y[0] < 1.0));
    /// # Ok(()) }
    /// ```
    pub fn predict(&self, xs: &[Vec<f64>]) -> Result<Vec<Vec<f64>>, Error> {
        for x in xs {
            check_len("inputs", self.n_inputs, x.len())?;
        }
        let g = Graph::new();
        let inputs: Vec<Value<'_>> = (0..self.n_inputs).map(|_| g.input(0.0)).collect();
        let mut bound = self.bind(&g);
        let out = bound.forward(&inputs)?;
        // one forward of the graph replayed over up to PREDICT_LANES samples at a time: the
        // same numbers as the graph's forward, sample by sample
        let root = g.sum(&out);
        let lanes = xs.len().clamp(1, PREDICT_LANES);
        let mut program = Program::compile(&g, root, &inputs, lanes)?;
        let mut ys = Vec::with_capacity(xs.len());
        for chunk in xs.chunks(lanes) {
            for (lane, x) in chunk.iter().enumerate() {
                for (v, &xi) in inputs.iter().zip(x) {
                    program.set(v.index(), lane, xi);
                }
            }
            program.forward(chunk.len());
            for lane in 0..chunk.len() {
                ys.push(out.iter().map(|v| program.data(v.index(), lane)).collect());
            }
        }
        Ok(ys)
    }

    /// The model as pretty-printed JSON, the text of a model file ([`Mlp::from_json`] reads
    /// it back, every `f64` bit for bit).
    ///
    /// Returns [`gradgraph::Error::NonFinite`] if a parameter is NaN or infinite (see
    /// [`Mlp::check_finite`]): JSON cannot hold it, and such a model could not be read again.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::{Activation, Mlp};
    /// let net = Mlp::new(&[2, 3, 1], Activation::TANH, 7).unwrap();
    /// let text = net.to_json().unwrap();
    /// assert_eq!(Mlp::from_json(&text, "net.json").unwrap(), net);
    /// ```
    pub fn to_json(&self) -> Result<String, Error> {
        self.check_finite()?;
        serde_json::to_string_pretty(self).map_err(|e| Error::format("model", e.to_string()))
    }

    /// A model from JSON, checked with [`Mlp::validate`].
    ///
    /// Returns [`Error::Format`] naming `source` if the text is not a model or its shapes do
    /// not fit.
    pub fn from_json(text: &str, source: &str) -> Result<Mlp, Error> {
        let mlp: Mlp = serde_json::from_str(text)
            .map_err(|e| Error::format(source, format!("not a gradgraph model: {e}")))?;
        mlp.validate()
            .map_err(|e| Error::format(source, format!("inconsistent model: {e}")))?;
        Ok(mlp)
    }

    /// [`gradgraph::Error::NonFinite`] naming the first parameter (in canonical order) that is NaN or
    /// infinite, if any: a diverged training run leaves such a model.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::Mlp;
    /// let mut net = Mlp::new(&[1, 1], gradgraph_nn::Activation::TANH, 0).unwrap();
    /// assert!(net.check_finite().is_ok());
    /// net.set_parameters(&[f64::NAN, 0.0]).unwrap();
    /// assert!(net.check_finite().unwrap_err().to_string().contains("parameter 1 of 2 is NaN"));
    /// ```
    pub fn check_finite(&self) -> Result<(), Error> {
        let parameters = self.parameters();
        match parameters.iter().position(|p| !p.is_finite()) {
            None => Ok(()),
            Some(k) => Err(gradgraph::Error::NonFinite {
                pass: gradgraph::Pass::Backward,
                node: k,
                detail: format!(
                    "parameter {} of {} is {}: a model whose parameters are not all finite \
                     is not saved",
                    k + 1,
                    parameters.len(),
                    parameters[k]
                ),
            }
            .into()),
        }
    }
}

/// The activation of each of `hidden` hidden layers from a list of one (for all) or one per
/// layer; the list has at least one entry (the first), even without a hidden layer. Without
/// a hidden layer, no activation is needed: an empty list stands for the linear one.
///
/// Returns [`Error::OutOfRange`] naming both counts for a list of another length.
pub(crate) fn per_layer(
    activations: &[Activation],
    hidden: usize,
) -> Result<Vec<Activation>, Error> {
    match activations {
        [one] => Ok(vec![*one; hidden.max(1)]),
        [] if hidden == 0 => Ok(vec![Activation::LINEAR]),
        list if list.len() == hidden && hidden > 0 => Ok(list.to_vec()),
        list => Err(Error::out_of_range(
            "activations",
            format!(
                "{} activation{} for {hidden} hidden layer{}: give one activation per hidden \
                 layer, or one for all",
                list.len(),
                if list.len() == 1 { "" } else { "s" },
                if hidden == 1 { "" } else { "s" },
            ),
        )),
    }
}

pub(crate) fn check_len(what: &str, expected: usize, got: usize) -> Result<(), Error> {
    if expected != got {
        return Err(Error::Shape {
            what: what.into(),
            expected,
            got,
        });
    }
    Ok(())
}

/// How to build an [`Mlp`] (from [`Mlp::builder`]): its layer sizes, then any of the
/// settings below, then [`MlpBuilder::build`].
///
/// | setting | default |
/// |---|---|
/// | [`activation`](MlpBuilder::activation) of the hidden layers, or one per layer ([`activations`](MlpBuilder::activations)) | [`Activation::RELU`] |
/// | [`output`](MlpBuilder::output) function | [`Output::Linear`] |
/// | weight [`init`](MlpBuilder::init) | [`Init::default_for`] each layer's activation |
/// | [`batch_norm`](MlpBuilder::batch_norm) after every hidden layer | no |
/// | [`seed`](MlpBuilder::seed) of the weights | 0 |
///
/// # Examples
/// micrograd's model for the moons demo, its weights drawn from U(−1, 1):
/// ```
/// # fn main() -> Result<(), gradgraph_nn::Error> {
/// use gradgraph_nn::{Activation, Init, Mlp, Output};
/// let net = Mlp::builder(&[2, 16, 16, 1])
///     .activation(Activation::RELU)
///     .init(Init::Uniform(1.0))
///     .seed(42)
///     .build()?;
/// assert_eq!((net.parameter_count(), net.output), (337, Output::Linear));
/// let classifier = Mlp::builder(&[2, 8, 3])
///     .activation(Activation::TANH)
///     .output(Output::Softmax)
///     .batch_norm(true)
///     .build()?;
/// assert!(classifier.has_batch_norm());
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use = "a builder does nothing until `build`"]
pub struct MlpBuilder {
    sizes: Vec<usize>,
    /// one for all hidden layers, or one per hidden layer
    activations: Vec<Activation>,
    output: Output,
    init: Option<Init>,
    batch_norm: bool,
    seed: u64,
}

impl MlpBuilder {
    /// The activation of every hidden layer (the output layer is linear).
    pub fn activation(mut self, activation: Activation) -> MlpBuilder {
        self.activations = vec![activation];
        self
    }

    /// The activation of each hidden layer, the first hidden layer's first (the output layer
    /// is linear); a list of one is the activation of all of them, as
    /// [`MlpBuilder::activation`]. [`MlpBuilder::build`] refuses a list of another length
    /// than the number of hidden layers.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph_nn::Error> {
    /// use gradgraph_nn::{Activation, Mlp};
    /// let net = Mlp::builder(&[2, 8, 4, 1])
    ///     .activations(&[Activation::RELU, Activation::TANH])
    ///     .build()?;
    /// assert_eq!(net.activations(), [Activation::RELU, Activation::TANH]);
    /// let err = Mlp::builder(&[2, 8, 1]).activations(&[Activation::RELU, Activation::TANH]).build();
    /// assert_eq!(
    ///     err.unwrap_err().to_string(),
    ///     "2 activations for 1 hidden layer: give one activation per hidden layer, or one for all"
    /// );
    /// # Ok(()) }
    /// ```
    pub fn activations(mut self, activations: &[Activation]) -> MlpBuilder {
        self.activations = activations.to_vec();
        self
    }

    /// The function applied to the output layer's scores.
    pub fn output(mut self, output: Output) -> MlpBuilder {
        self.output = output;
        self
    }

    /// How the weights are drawn (biases start at 0).
    pub fn init(mut self, init: Init) -> MlpBuilder {
        self.init = Some(init);
        self
    }

    /// Batch normalisation after every hidden layer (γ = 1, β = 0), or not.
    pub fn batch_norm(mut self, on: bool) -> MlpBuilder {
        self.batch_norm = on;
        self
    }

    /// The seed of the [`ChaCha8Rng`] the weights are drawn from, in canonical order.
    pub fn seed(mut self, seed: u64) -> MlpBuilder {
        self.seed = seed;
        self
    }

    /// The MLP.
    ///
    /// Returns [`Error::OutOfRange`] for fewer than 2 sizes, a size of 0, batch norm without
    /// a hidden layer, or a softmax output with one score.
    pub fn build(self) -> Result<Mlp, Error> {
        let sizes = &self.sizes;
        if sizes.len() < 2 {
            return Err(Error::out_of_range(
                "MLP sizes",
                format!(
                    "an MLP needs at least 2 sizes (inputs, then outputs), got {}",
                    sizes.len()
                ),
            ));
        }
        if let Some(i) = sizes.iter().position(|&s| s == 0) {
            let what = if i == 0 {
                "inputs".to_string()
            } else if i == sizes.len() - 1 {
                "outputs".to_string()
            } else {
                format!("neurons in hidden layer {i}")
            };
            return Err(Error::out_of_range(
                "MLP sizes",
                format!("an MLP needs at least one of everything: got 0 {what}"),
            ));
        }
        if self.batch_norm && sizes.len() < 3 {
            return Err(Error::out_of_range(
                "batch norm",
                "batch normalisation needs at least one hidden layer",
            ));
        }
        let last = sizes.len() - 2;
        let activations = per_layer(&self.activations, last)?;
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        let layers = (0..=last)
            .map(|l| {
                // the output layer is linear, its weights drawn as the last hidden layer's
                let (act, like) = if l == last {
                    (Activation::LINEAR, activations[l.saturating_sub(1)])
                } else {
                    (activations[l], activations[l])
                };
                let init = self.init.unwrap_or_else(|| Init::default_for(&like));
                Layer::new(sizes[l], sizes[l + 1], act, init, &mut rng)
            })
            .collect();
        let mlp = Mlp::from_layers(sizes[0], layers, self.output)?;
        Ok(if self.batch_norm {
            mlp.with_batch_norm()
        } else {
            mlp
        })
    }
}

/// An [`Mlp`] bound into a [`Graph`]: its parameters become parameter leaves, created once
/// (at the first forward, in canonical order) and shared by every later forward through the
/// same `Bound`. So one graph can hold many samples sharing one set of weights (micrograd's
/// full-batch graph), or one sample's graph can be built once and replayed with
/// [`Value::set_data`] and [`Graph::forward`].
///
/// `Bound` keeps its own copy of the model's numbers: update them in the graph with
/// [`Bound::set_parameters`].
///
/// # Examples
/// Two samples in one graph, sharing the weights: the gradients of both add up.
/// ```
/// # fn main() -> Result<(), gradgraph_nn::Error> {
/// use gradgraph::Graph;
/// use gradgraph_nn::{Activation, Mlp};
/// let net = Mlp::new(&[2, 3, 1], Activation::TANH, 3)?; // Glorot, the default for tanh
/// let g = Graph::new();
/// let mut bound = net.bind(&g);
/// let a = bound.forward(&[g.input(1.0), g.input(2.0)])?[0];
/// let b = bound.forward(&[g.input(-1.0), g.input(0.5)])?[0];
/// assert_eq!(g.parameters().len(), net.parameter_count()); // bound once
/// g.backward(a + b);
/// assert_eq!(bound.parameters().len(), 13);
/// # Ok(()) }
/// ```
pub struct Bound<'g> {
    g: &'g Graph,
    mlp: Mlp,
    params: Vec<Value<'g>>,
    /// where each neuron's parameters start in canonical order, per layer
    neuron_offsets: Vec<Vec<usize>>,
    /// where each hidden layer's batch norm parameters start
    bn_offsets: Vec<usize>,
    /// each hidden layer's `(μ, σ²)` nodes per unit from the last training forward
    stats: Vec<Vec<(Value<'g>, Value<'g>)>>,
}

impl<'g> Bound<'g> {
    fn new(mlp: &Mlp, g: &'g Graph) -> Bound<'g> {
        let mut neuron_offsets = Vec::with_capacity(mlp.layers.len());
        let mut bn_offsets = Vec::new();
        let mut at = 0;
        for (l, layer) in mlp.layers.iter().enumerate() {
            let mut offs = Vec::with_capacity(layer.neurons.len());
            for n in &layer.neurons {
                offs.push(at);
                at += n.parameter_count();
            }
            neuron_offsets.push(offs);
            if let Some(bn) = mlp.batch_norm.get(l) {
                bn_offsets.push(at);
                at += bn.parameter_count();
            }
        }
        Bound {
            g,
            mlp: mlp.clone(),
            params: Vec::with_capacity(at),
            neuron_offsets,
            bn_offsets,
            stats: Vec::new(),
        }
    }

    /// The graph.
    pub fn graph(&self) -> &'g Graph {
        self.g
    }

    /// The model's copy held by this binding (with the numbers last given to
    /// [`Bound::set_parameters`]).
    pub fn model(&self) -> &Mlp {
        &self.mlp
    }

    /// The parameter leaves in canonical order (empty before the first forward).
    pub fn parameters(&self) -> &[Value<'g>] {
        &self.params
    }

    /// Writes `values` (canonical order) into the parameter leaves and the model's copy.
    /// Follow with [`Graph::forward`] to recompute the graph.
    ///
    /// Returns [`Error::Shape`] for the wrong number of values.
    pub fn set_parameters(&mut self, values: &[f64]) -> Result<(), Error> {
        self.mlp.set_parameters(values)?;
        for (p, &v) in self.params.iter().zip(values) {
            p.set_data(v);
        }
        Ok(())
    }

    /// Adds each parameter leaf's gradient to `out` (canonical order).
    pub fn add_gradients(&self, out: &mut [f64]) {
        for (o, p) in out.iter_mut().zip(&self.params) {
            *o += p.grad();
        }
    }

    /// The `(μ, σ²)` nodes of every unit of every hidden layer from the last
    /// [`Bound::forward_batch_train`] (empty before).
    pub fn batch_stats(&self) -> &[Vec<(Value<'g>, Value<'g>)>] {
        &self.stats
    }

    /// The parameter leaves of neuron `j` of layer `l`, created if this is the first forward.
    fn neuron_params(&mut self, l: usize, j: usize) -> Range<usize> {
        let start = self.neuron_offsets[l][j];
        let neuron = &self.mlp.layers[l].neurons[j];
        if self.params.len() == start {
            let made = neuron.bind(self.g, &format!("{}.{}", l + 1, j + 1));
            self.params.extend(made);
        }
        start..start + neuron.parameter_count()
    }

    fn bn_params(&mut self, l: usize) -> Range<usize> {
        let start = self.bn_offsets[l];
        let bn = &self.mlp.batch_norm[l];
        if self.params.len() == start {
            let made = bn.bind(self.g, &format!("{}", l + 1));
            self.params.extend(made);
        }
        start..start + bn.parameter_count()
    }

    /// The outputs of every layer (after its activation, and batch norm in evaluation mode)
    /// for one sample: the hidden layers' outputs are what the course plots as each hidden
    /// node's response. The last entry holds the raw scores (before the [`Output`] function).
    ///
    /// Returns [`Error::Shape`] if `x` does not have one value per input.
    pub fn forward_layers(&mut self, x: &[Value<'g>]) -> Result<Vec<Vec<Value<'g>>>, Error> {
        check_len("MLP inputs", self.mlp.n_inputs, x.len())?;
        let g = self.g;
        let mut outs: Vec<Vec<Value<'g>>> = Vec::with_capacity(self.mlp.layers.len());
        for l in 0..self.mlp.layers.len() {
            let input = match outs.last() {
                Some(prev) => prev.clone(),
                None => x.to_vec(),
            };
            let out = g.group(&format!("layer {}", l + 1), || -> Result<_, Error> {
                let n = self.mlp.layers[l].neurons.len();
                let mut zs = Vec::with_capacity(n);
                let mut ranges = Vec::with_capacity(n);
                let normalised = l < self.mlp.batch_norm.len();
                for j in 0..n {
                    // the neuron's cluster holds its parameters, its sum and its activation
                    let (v, range) = g.group(&format!("neuron {}.{}", l + 1, j + 1), || {
                        let range = self.neuron_params(l, j);
                        let neuron = &self.mlp.layers[l].neurons[j];
                        let params = &self.params[range.clone()];
                        let z = neuron.pre_activation(g, params, &input)?;
                        // with batch norm the activation waits for the normalisation
                        let v = if normalised {
                            z
                        } else {
                            neuron.activate(params, z)
                        };
                        Ok::<_, Error>((v, range))
                    })?;
                    zs.push(v);
                    ranges.push(range);
                }
                if normalised {
                    let ys = g.group(&format!("batch norm {}", l + 1), || {
                        let r = self.bn_params(l);
                        let bn = &self.mlp.batch_norm[l];
                        bn.forward_eval(&self.params[r], &zs)
                    })?;
                    zs = self.activate_all(l, &ranges, &ys);
                }
                Ok(zs)
            })?;
            outs.push(out);
        }
        Ok(outs)
    }

    fn activate_all(&self, l: usize, ranges: &[Range<usize>], zs: &[Value<'g>]) -> Vec<Value<'g>> {
        self.mlp.layers[l]
            .neurons
            .iter()
            .zip(ranges)
            .zip(zs)
            .map(|((n, r), &z)| n.activate(&self.params[r.clone()], z))
            .collect()
    }

    /// The raw scores (logits) of the last layer for one sample, before the [`Output`]
    /// function.
    pub fn forward_logits(&mut self, x: &[Value<'g>]) -> Result<Vec<Value<'g>>, Error> {
        let mut layers = self.forward_layers(x)?;
        Ok(layers.pop().unwrap_or_default())
    }

    /// The outputs for one sample, after the [`Output`] function (batch norm in evaluation
    /// mode).
    pub fn forward(&mut self, x: &[Value<'g>]) -> Result<Vec<Value<'g>>, Error> {
        let z = self.forward_logits(x)?;
        let output = self.mlp.output;
        Ok(if output == Output::Linear {
            z
        } else {
            self.g.group("output", || output.apply(&z))
        })
    }

    /// The raw scores of a whole batch with batch normalisation in training mode: every
    /// hidden layer is computed for all samples, then normalised with the batch's mean and
    /// variance. (Without batch norm this is [`Bound::forward_logits`] per sample.) The
    /// `(μ, σ²)` nodes are kept in [`Bound::batch_stats`].
    ///
    /// Returns [`Error::Shape`] for a sample of the wrong length and [`Error::OutOfRange`] for a
    /// batch-normalised batch of fewer than 2 samples.
    pub fn forward_batch_train(
        &mut self,
        xs: &[Vec<Value<'g>>],
    ) -> Result<Vec<Vec<Value<'g>>>, Error> {
        if !self.mlp.has_batch_norm() {
            return xs.iter().map(|x| self.forward_logits(x)).collect();
        }
        for x in xs {
            check_len("MLP inputs", self.mlp.n_inputs, x.len())?;
        }
        if xs.len() < 2 {
            return Err(Error::out_of_range(
                "batch size",
                format!(
                    "batch normalisation needs at least 2 samples per batch while training, got {}",
                    xs.len()
                ),
            ));
        }
        self.forward_batch_over(xs, xs.len())
    }

    /// The raw scores of one sample with batch normalisation in training mode, its batch
    /// statistics the sums over a batch of `batch` samples divided by `batch`: the graph of
    /// one sample that batched replay runs over the batch's lanes, the sums being summed over
    /// the lanes (the `(μ, σ²)` nodes are in [`Bound::batch_stats`]; each is a sum divided by
    /// `batch`).
    ///
    /// Returns [`Error::Shape`] if `x` does not have one value per input.
    pub(crate) fn forward_lanes_train(
        &mut self,
        x: &[Value<'g>],
        batch: usize,
    ) -> Result<Vec<Value<'g>>, Error> {
        check_len("MLP inputs", self.mlp.n_inputs, x.len())?;
        let mut rows = self.forward_batch_over(&[x.to_vec()], batch)?;
        Ok(rows.pop().unwrap_or_default())
    }

    fn forward_batch_over(
        &mut self,
        xs: &[Vec<Value<'g>>],
        batch: usize,
    ) -> Result<Vec<Vec<Value<'g>>>, Error> {
        let g = self.g;
        let mut rows: Vec<Vec<Value<'g>>> = xs.to_vec();
        self.stats.clear();
        for l in 0..self.mlp.layers.len() {
            let normalised = l < self.mlp.batch_norm.len();
            rows = g.group(&format!("layer {}", l + 1), || -> Result<_, Error> {
                let n = self.mlp.layers[l].neurons.len();
                let mut zs: Vec<Vec<Value<'g>>> = vec![Vec::with_capacity(n); rows.len()];
                let mut ranges = Vec::with_capacity(n);
                for j in 0..n {
                    let range = g.group(&format!("neuron {}.{}", l + 1, j + 1), || {
                        let range = self.neuron_params(l, j);
                        let neuron = &self.mlp.layers[l].neurons[j];
                        let params = &self.params[range.clone()];
                        for (row, z) in rows.iter().zip(zs.iter_mut()) {
                            let pre = neuron.pre_activation(g, params, row)?;
                            z.push(if normalised {
                                pre
                            } else {
                                neuron.activate(params, pre)
                            });
                        }
                        Ok::<_, Error>(range)
                    })?;
                    ranges.push(range);
                }
                if normalised {
                    let (ys, stats) = g.group(&format!("batch norm {}", l + 1), || {
                        let r = self.bn_params(l);
                        let bn = &self.mlp.batch_norm[l];
                        bn.forward_train_over(g, &self.params[r], &zs, batch)
                    })?;
                    self.stats.push(stats);
                    zs = ys
                        .iter()
                        .map(|y| self.activate_all(l, &ranges, y))
                        .collect();
                }
                Ok(zs)
            })?;
        }
        Ok(rows)
    }

    /// Moves the model copy's running statistics towards the batch statistics of the last
    /// [`Bound::forward_batch_train`] (read from the graph: run it after [`Graph::forward`]).
    pub fn update_running_stats(&mut self, batch: usize) {
        for (bn, stats) in self.mlp.batch_norm.iter_mut().zip(&self.stats) {
            let means: Vec<f64> = stats.iter().map(|(m, _)| m.data()).collect();
            let vars: Vec<f64> = stats.iter().map(|(_, v)| v.data()).collect();
            bn.update_running(&means, &vars, batch);
        }
    }
}

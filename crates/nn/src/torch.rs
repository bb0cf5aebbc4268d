//! A bridge to PyTorch: an [`Mlp`] as a [safetensors] file that loads into a
//! `torch.nn.Sequential`, and such a file (written by gradgraph or by PyTorch) read back.
//!
//! ## The file
//!
//! The model is saved as the `state_dict` of a `torch.nn.Sequential` whose children are,
//! for each hidden layer, a `Linear`, a `BatchNorm1d` if the model has batch normalisation,
//! and the layer's activation (`torch.nn.Identity()` for a linear one), then the output
//! `Linear`. Sequential numbers its children from 0, so a 2-8-8-1 net is
//!
//! ```text
//! 0 Linear(2, 8)   1 Tanh   2 Linear(8, 8)   3 ReLU   4 Linear(8, 1)
//! ```
//!
//! and its tensors are `0.weight` (shape `[8, 2]`: one row per neuron, as PyTorch's
//! `[out, in]`), `0.bias`, `2.weight`, `2.bias`, `4.weight`, `4.bias`. With batch
//! normalisation every hidden layer takes three slots (Linear, BatchNorm1d, activation):
//! `1.weight` (γ), `1.bias` (β), `1.running_mean`, `1.running_var` and
//! `1.num_batches_tracked` (an int64 scalar; gradgraph does not count batches and writes
//! 0). A PReLU layer's learned slopes are its activation's `weight`, one per neuron
//! (`torch.nn.PReLU(8)`). Every number is float64, so nothing is rounded.
//!
//! The output function is applied after the last `Linear` and has no parameters: a
//! `torch.nn.Sigmoid()` or `torch.nn.Softmax(dim=-1)` appended to the Sequential gives
//! gradgraph's outputs; without it the Sequential gives the raw scores.
//!
//! The file's `__metadata__` describes the model, so gradgraph reads it back as it was:
//!
//! | key | value |
//! |---|---|
//! | `format` | `gradgraph.mlp` |
//! | `format_version` | `1` |
//! | `sizes` | the layer sizes, `2,8,8,1` |
//! | `activations` | one per hidden layer, `tanh,relu` (as `--activation` reads them; `leaky_relu:0.1`) |
//! | `output` | `linear`, `sigmoid` or `softmax` |
//! | `batch_norm` | `true` or `false`; when true, `batch_norm_eps` and `batch_norm_momentum` |
//! | `torch` | the PyTorch module, `torch.nn.Sequential(...).double().eval()`, output function included (left out when an activation has no PyTorch module: `step`) |
//!
//! ## Files written by PyTorch
//!
//! `safetensors.torch.save_file(model.state_dict(), "model.safetensors")` of a
//! `torch.nn.Sequential(Linear, activation, ..., Linear)` has no such metadata. Its layers
//! are read from the tensors' names and shapes: a `Linear` is a 2-D `weight` (and a `bias`;
//! without one the biases are 0), a `BatchNorm1d` has `running_mean` and `running_var`
//! (without `weight` and `bias`, γ = 1 and β = 0; its ε and momentum are PyTorch's defaults,
//! 1e-5 and 0.1), a `PReLU` is a lone 1-D `weight` (one slope for all neurons or one each).
//! What the tensors do not say is taken from [`Assume`]: the activation of the hidden
//! layers (the slots between two `Linear`s hold no parameters, so nothing tells a `ReLU`
//! from a `Tanh`), and the output function. A hidden layer whose `Linear` (or
//! `BatchNorm1d`) is directly followed by the next `Linear` has no activation; other
//! parameter-free modules in the gap (a `Dropout`, the identity when evaluating) are
//! allowed. Float32 tensors (PyTorch's default) are read too, widened to float64 exactly.
//!
//! Everything read is checked before it is used: the names, the dtypes, the shapes against
//! each other and the metadata, every number finite (and every running variance ≥ 0). A
//! file that does not fit is an [`Error::Format`] naming the file and what was wrong; none
//! is a panic. The file's size is bounded by whoever reads it (the command line's
//! `--max-input-mb`), and every tensor lies inside the file, so nothing larger than a few
//! times the file is ever allocated (a dimension of 0 is refused, so an empty tensor cannot
//! claim a million neurons).
//!
//! # Examples
//! ```
//! # fn main() -> Result<(), gradgraph_nn::Error> {
//! use gradgraph_nn::{Activation, Mlp, Output, torch};
//! let net = Mlp::builder(&[2, 8, 4, 1])
//!     .activations(&[Activation::TANH, Activation::RELU])
//!     .output(Output::Sigmoid)
//!     .seed(1)
//!     .build()?;
//! assert_eq!(
//!     torch::expression(&net)?.as_deref(),
//!     Some("torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 4), \
//!           torch.nn.ReLU(), torch.nn.Linear(4, 1), torch.nn.Sigmoid()).double().eval()")
//! );
//! let bytes = net.to_safetensors()?;
//! assert_eq!(Mlp::from_safetensors(&bytes, "net.safetensors")?, net);
//! # Ok(()) }
//! ```
//!
//! [safetensors]: https://huggingface.co/docs/safetensors

use super::{Activation, BatchNorm, Layer, Mlp, Neuron, Output};
use crate::Error;
use gradgraph::Op;
use safetensors::tensor::TensorView;
use safetensors::{Dtype, SafeTensors, View};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

/// The `format` of the metadata of a file written by gradgraph.
pub const FORMAT: &str = "gradgraph.mlp";

/// The `format_version` this gradgraph writes and reads.
pub const FORMAT_VERSION: &str = "1";

/// The file name extension of the format, `safetensors`.
pub const EXTENSION: &str = "safetensors";

/// True when `path` ends in `.safetensors` (in any case).
pub fn is_safetensors_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION))
}

/// True when `bytes` start as a safetensors file does: an 8-byte little-endian header
/// length, then a JSON object.
pub fn looks_like_safetensors(bytes: &[u8]) -> bool {
    bytes.len() > 8 && bytes[8] == b'{' && bytes[..8].iter().skip(6).all(|&b| b == 0)
}

/// What a file without gradgraph's metadata (a PyTorch `state_dict`) does not say.
#[derive(Clone, Debug, PartialEq)]
pub struct Assume {
    /// The activation of the hidden layers: one for all, or one per hidden layer. A layer
    /// with a `PReLU` module is PReLU whatever this says, and a layer directly followed by
    /// the next `Linear` is linear.
    pub activations: Vec<Activation>,
    /// The output function.
    pub output: Output,
}

impl Default for Assume {
    /// relu hidden layers (as `torch.nn.ReLU`, the usual choice, and `gradgraph train`'s
    /// default) and the raw scores ([`Output::Linear`]).
    fn default() -> Assume {
        Assume {
            activations: vec![Activation::RELU],
            output: Output::Linear,
        }
    }
}

/// Where a model read from a safetensors file got its architecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// gradgraph's metadata described it: the file is read back as it was written.
    Gradgraph,
    /// The file had no gradgraph metadata (a PyTorch `state_dict`): the layers come from
    /// the tensors, the activations and the output function from [`Assume`].
    Foreign,
}

/// A model read from a safetensors file, and where its architecture came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The model.
    pub mlp: Mlp,
    /// Whether gradgraph's metadata described it.
    pub origin: Origin,
}

/// One child of the `torch.nn.Sequential` a model is saved as.
#[derive(Clone, Debug, PartialEq)]
pub enum Module {
    /// `torch.nn.Linear(inputs, outputs)`: layer `layer` of the model (0 the first).
    Linear {
        /// The layer of the model.
        layer: usize,
        /// Its inputs.
        inputs: usize,
        /// Its neurons.
        outputs: usize,
    },
    /// `torch.nn.BatchNorm1d(features)` after the `Linear` of hidden layer `layer`.
    BatchNorm {
        /// The hidden layer.
        layer: usize,
        /// Its units.
        features: usize,
        /// ε.
        eps: f64,
        /// The momentum of the running statistics.
        momentum: f64,
    },
    /// The activation of hidden layer `layer`.
    Activation {
        /// The hidden layer.
        layer: usize,
        /// The activation.
        activation: Activation,
        /// Its units (a PReLU has one slope each).
        features: usize,
    },
}

impl Module {
    /// The PyTorch module, `torch.nn.Linear(2, 8)`; `None` for an activation PyTorch has no
    /// module for (`step`).
    pub fn torch(&self) -> Option<String> {
        Some(match *self {
            Module::Linear {
                inputs, outputs, ..
            } => format!("torch.nn.Linear({inputs}, {outputs})"),
            Module::BatchNorm {
                features,
                eps,
                momentum,
                ..
            } => {
                let defaults = BatchNorm::new(0);
                if eps == defaults.eps && momentum == defaults.momentum {
                    format!("torch.nn.BatchNorm1d({features})")
                } else {
                    format!("torch.nn.BatchNorm1d({features}, eps={eps:?}, momentum={momentum:?})")
                }
            }
            Module::Activation {
                activation,
                features,
                ..
            } => torch_activation(activation, features)?,
        })
    }
}

/// PyTorch's module for an activation of `features` units.
fn torch_activation(activation: Activation, features: usize) -> Option<String> {
    let module = match activation.op() {
        None => "Identity()".to_owned(),
        Some(Op::Relu) => "ReLU()".to_owned(),
        Some(Op::Tanh) => "Tanh()".to_owned(),
        Some(Op::Sigmoid) => "Sigmoid()".to_owned(),
        Some(Op::LeakyRelu(slope)) => format!("LeakyReLU({slope:?})"),
        Some(Op::Prelu) => format!("PReLU({features})"),
        Some(Op::Gelu) => "GELU()".to_owned(),
        Some(Op::Elu) => "ELU()".to_owned(),
        Some(Op::Silu) => "SiLU()".to_owned(),
        // PyTorch's threshold (x above 20) changes the value by less than 3e-9
        Some(Op::Softplus) => "Softplus()".to_owned(),
        _ => return None,
    };
    Some(format!("torch.nn.{module}"))
}

/// The children of the `torch.nn.Sequential` `mlp` is saved as, in order (a child's index
/// is its position).
///
/// Returns [`Error::OutOfRange`] for a model PyTorch's Sequential cannot hold: a layer
/// whose neurons have different activations, an output layer with an activation, batch
/// norms with different ε or momentum.
pub fn modules(mlp: &Mlp) -> Result<Vec<Module>, Error> {
    mlp.validate()?;
    let last = mlp.layers.len() - 1;
    let mut modules = Vec::with_capacity(3 * mlp.layers.len());
    for (l, layer) in mlp.layers.iter().enumerate() {
        let activation = layer.activation();
        if let Some(n) = layer.neurons.iter().find(|n| n.activation != activation) {
            return Err(Error::out_of_range(
                "activations",
                format!(
                    "layer {} mixes activations ({activation} and {}): a torch.nn.Sequential \
                     applies one activation to a whole layer",
                    l + 1,
                    n.activation
                ),
            ));
        }
        modules.push(Module::Linear {
            layer: l,
            inputs: layer.n_inputs(),
            outputs: layer.n_outputs(),
        });
        if l == last {
            if activation != Activation::LINEAR {
                return Err(Error::out_of_range(
                    "activations",
                    format!(
                        "the output layer has the activation {activation}: a model saved for \
                         PyTorch has a linear output layer, followed by its output function"
                    ),
                ));
            }
            break;
        }
        if let Some(bn) = mlp.batch_norm.get(l) {
            let first = &mlp.batch_norm[0];
            if (bn.eps, bn.momentum) != (first.eps, first.momentum) {
                return Err(Error::out_of_range(
                    "batch norm",
                    "the batch norms of a model saved as safetensors share one ε and momentum",
                ));
            }
            modules.push(Module::BatchNorm {
                layer: l,
                features: layer.n_outputs(),
                eps: bn.eps,
                momentum: bn.momentum,
            });
        }
        modules.push(Module::Activation {
            layer: l,
            activation,
            features: layer.n_outputs(),
        });
    }
    Ok(modules)
}

/// The PyTorch module that reproduces `mlp`'s outputs once the file's tensors are loaded
/// into it: `torch.nn.Sequential(...)` of [`modules`], then the output function
/// (`torch.nn.Sigmoid()`, `torch.nn.Softmax(dim=-1)`), in float64 (`.double()`) and evaluation
/// mode (`.eval()`: batch norm uses its running statistics).
/// `Ok(None)` when an activation has no PyTorch module (`step`).
///
/// Returns the errors of [`modules`].
pub fn expression(mlp: &Mlp) -> Result<Option<String>, Error> {
    let mut parts = Vec::new();
    for m in modules(mlp)? {
        match m.torch() {
            Some(p) => parts.push(p),
            None => return Ok(None),
        }
    }
    match mlp.output {
        Output::Linear => {}
        Output::Sigmoid => parts.push("torch.nn.Sigmoid()".into()),
        Output::Softmax => parts.push("torch.nn.Softmax(dim=-1)".into()),
    }
    Ok(Some(format!(
        "torch.nn.Sequential({}).double().eval()",
        parts.join(", ")
    )))
}

/// A tensor to write: float64 or int64 numbers, little-endian.
struct Tensor {
    dtype: Dtype,
    shape: Vec<usize>,
    bytes: Vec<u8>,
}

impl Tensor {
    fn f64(shape: Vec<usize>, values: impl IntoIterator<Item = f64>) -> Tensor {
        Tensor {
            dtype: Dtype::F64,
            shape,
            bytes: values.into_iter().flat_map(f64::to_le_bytes).collect(),
        }
    }
}

impl View for &Tensor {
    fn dtype(&self) -> Dtype {
        self.dtype
    }
    fn shape(&self) -> &[usize] {
        &self.shape
    }
    fn data(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.bytes)
    }
    fn data_len(&self) -> usize {
        self.bytes.len()
    }
}

/// The tensors of `mlp` by name, as [`modules`] numbers them.
fn tensors(mlp: &Mlp, modules: &[Module]) -> Vec<(String, Tensor)> {
    let mut out = Vec::new();
    for (i, m) in modules.iter().enumerate() {
        match *m {
            Module::Linear {
                layer,
                inputs,
                outputs,
            } => {
                let neurons = &mlp.layers[layer].neurons;
                out.push((
                    format!("{i}.weight"),
                    Tensor::f64(
                        vec![outputs, inputs],
                        neurons.iter().flat_map(|n| n.weights.iter().copied()),
                    ),
                ));
                out.push((
                    format!("{i}.bias"),
                    Tensor::f64(vec![outputs], neurons.iter().map(|n| n.bias)),
                ));
            }
            Module::BatchNorm {
                layer, features, ..
            } => {
                let bn = &mlp.batch_norm[layer];
                for (name, values) in [
                    ("weight", &bn.gamma),
                    ("bias", &bn.beta),
                    ("running_mean", &bn.running_mean),
                    ("running_var", &bn.running_var),
                ] {
                    out.push((
                        format!("{i}.{name}"),
                        Tensor::f64(vec![features], values.iter().copied()),
                    ));
                }
                out.push((
                    format!("{i}.num_batches_tracked"),
                    Tensor {
                        dtype: Dtype::I64,
                        shape: Vec::new(),
                        bytes: 0i64.to_le_bytes().to_vec(),
                    },
                ));
            }
            Module::Activation {
                layer,
                activation,
                features,
            } => {
                if activation == Activation::PRELU {
                    let slopes = mlp.layers[layer]
                        .neurons
                        .iter()
                        .map(|n| n.slope.unwrap_or(0.25));
                    out.push((format!("{i}.weight"), Tensor::f64(vec![features], slopes)));
                }
            }
        }
    }
    out
}

/// The metadata describing `mlp` (see the [module docs](self)).
fn metadata(mlp: &Mlp) -> Result<BTreeMap<String, String>, Error> {
    let mut sizes = vec![mlp.n_inputs.to_string()];
    sizes.extend(mlp.layers.iter().map(|l| l.n_outputs().to_string()));
    let activations: Vec<String> = mlp.activations().iter().map(|a| a.to_string()).collect();
    let mut meta = BTreeMap::from([
        ("format".to_owned(), FORMAT.to_owned()),
        ("format_version".to_owned(), FORMAT_VERSION.to_owned()),
        ("sizes".to_owned(), sizes.join(",")),
        ("activations".to_owned(), activations.join(",")),
        ("output".to_owned(), mlp.output.to_string()),
        ("batch_norm".to_owned(), mlp.has_batch_norm().to_string()),
    ]);
    if let Some(bn) = mlp.batch_norm.first() {
        meta.insert("batch_norm_eps".into(), format!("{:?}", bn.eps));
        meta.insert("batch_norm_momentum".into(), format!("{:?}", bn.momentum));
    }
    if let Some(torch) = expression(mlp)? {
        meta.insert("torch".into(), torch);
    }
    Ok(meta)
}

/// `mlp` as the bytes of a safetensors file (see the [module docs](self)). The same model
/// gives the same bytes.
///
/// Returns [`Error::OutOfRange`] for a model a Sequential cannot hold (see [`modules`]).
pub fn to_bytes(mlp: &Mlp) -> Result<Vec<u8>, Error> {
    let modules = modules(mlp)?;
    let tensors = tensors(mlp, &modules);
    let meta = metadata(mlp)?;
    let failed = |e: safetensors::SafeTensorError| Error::format("safetensors", e.to_string());
    let bytes = safetensors::serialize(
        tensors.iter().map(|(name, t)| (name.as_str(), t)),
        Some(meta.into_iter().collect()),
    )
    .map_err(failed)?;
    canonical_header(&bytes).ok_or_else(|| Error::format("safetensors", "unreadable header"))
}

/// The same file with its header's keys sorted, so that the same model gives the same bytes
/// (the safetensors crate writes the metadata in a hash map's order).
fn canonical_header(bytes: &[u8]) -> Option<Vec<u8>> {
    let len = usize::try_from(u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?)).ok()?;
    let header = bytes.get(8..8 + len)?;
    let data = bytes.get(8 + len..)?;
    let mut map: BTreeMap<String, serde_json::Value> = serde_json::from_slice(header).ok()?;
    if let Some(meta) = map.remove("__metadata__") {
        let sorted: BTreeMap<String, String> = serde_json::from_value(meta).ok()?;
        map.insert("__metadata__".into(), serde_json::to_value(sorted).ok()?);
    }
    let mut text = serde_json::to_vec(&map).ok()?;
    // the data starts 8-byte aligned, as the crate writes it
    text.resize(text.len().next_multiple_of(8), b' ');
    let mut out = Vec::with_capacity(8 + text.len() + data.len());
    out.extend_from_slice(&(text.len() as u64).to_le_bytes());
    out.extend_from_slice(&text);
    out.extend_from_slice(data);
    Some(out)
}

/// Which module a child of the Sequential is, from its tensors.
enum Found<'a> {
    Linear {
        weight: TensorView<'a>,
        bias: Option<TensorView<'a>>,
    },
    BatchNorm {
        weight: Option<TensorView<'a>>,
        bias: Option<TensorView<'a>>,
        mean: TensorView<'a>,
        var: TensorView<'a>,
    },
    Prelu {
        weight: TensorView<'a>,
    },
}

/// The field names a child of the Sequential may have.
const FIELDS: [&str; 5] = [
    "weight",
    "bias",
    "running_mean",
    "running_var",
    "num_batches_tracked",
];

/// Reads a model from the bytes of a safetensors file written by gradgraph ([`to_bytes`])
/// or by PyTorch (`safetensors.torch.save_file(model.state_dict(), ...)` of a
/// `torch.nn.Sequential`); `source` names it in errors; `assume` says what a file without
/// gradgraph's metadata does not (see the [module docs](self)).
///
/// Returns [`Error::Format`] naming `source` and what was wrong for anything that does not
/// fit, and [`Error::OutOfRange`] for a list of assumed activations of the wrong length.
pub fn from_bytes(bytes: &[u8], source: &str, assume: &Assume) -> Result<Loaded, Error> {
    let bad = |detail: String| Error::format(source, detail);
    let st =
        SafeTensors::deserialize(bytes).map_err(|e| bad(format!("not a safetensors file: {e}")))?;
    let (_, header) = SafeTensors::read_metadata(bytes)
        .map_err(|e| bad(format!("not a safetensors file: {e}")))?;
    // (the crate's map type depends on its features: read it into ours)
    let meta: Option<BTreeMap<String, String>> = header
        .metadata()
        .as_ref()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect());
    let ours = meta
        .as_ref()
        .is_some_and(|m| m.get("format").map(String::as_str) == Some(FORMAT));

    // the children of the Sequential: index -> field -> tensor
    let mut children: BTreeMap<usize, BTreeMap<&str, TensorView<'_>>> = BTreeMap::new();
    for (name, view) in st.iter() {
        let parsed = name.split_once('.').and_then(|(i, field)| {
            let i = i
                .parse::<usize>()
                .ok()
                .filter(|_| i.bytes().all(|b| b.is_ascii_digit()))?;
            let field = FIELDS.iter().find(|&&f| f == field)?;
            Some((i, *field))
        });
        let Some((i, field)) = parsed else {
            return Err(bad(format!(
                "tensor {name:?} is not a parameter of a torch.nn.Sequential of Linear, \
                 BatchNorm1d and activation modules (expected names like 0.weight, 0.bias, \
                 1.running_mean)"
            )));
        };
        if let Some(d) = view.shape().iter().position(|&d| d == 0) {
            return Err(bad(format!(
                "tensor {name} has shape {:?}: dimension {d} is 0",
                view.shape()
            )));
        }
        children.entry(i).or_default().insert(field, view);
    }
    if children.is_empty() {
        return Err(bad(
            "no tensors: expected at least 0.weight and 0.bias".into()
        ));
    }

    let mut found = Vec::with_capacity(children.len());
    for (&i, fields) in &children {
        found.push((i, classify(i, fields).map_err(bad)?));
    }

    // the layers: a Linear, maybe a BatchNorm1d right after it, maybe a PReLU, and how many
    // parameter-free children separate it from the next Linear
    struct Raw<'a> {
        linear: usize,
        weight: TensorView<'a>,
        bias: Option<TensorView<'a>>,
        bn: Option<(usize, [Option<TensorView<'a>>; 4])>,
        prelu: Option<(usize, TensorView<'a>)>,
        /// the children between this layer's last parameter and the next Linear
        gap: usize,
    }
    let mut raws: Vec<Raw<'_>> = Vec::new();
    let mut last_index = 0;
    for (i, f) in found {
        match f {
            Found::Linear { weight, bias } => {
                if let Some(prev) = raws.last_mut() {
                    prev.gap = i - last_index - 1;
                } else if i != 0 {
                    return Err(bad(format!(
                        "the first Linear is module {i}: expected a Sequential that starts with \
                         a Linear (module 0)"
                    )));
                }
                raws.push(Raw {
                    linear: i,
                    weight,
                    bias,
                    bn: None,
                    prelu: None,
                    gap: 0,
                });
            }
            Found::BatchNorm {
                weight,
                bias,
                mean,
                var,
            } => {
                let Some(layer) = raws.last_mut() else {
                    return Err(bad(format!(
                        "module {i} is a BatchNorm1d before the first Linear: gradgraph \
                         normalises the weighted sums of a hidden layer (Linear, BatchNorm1d, \
                         activation)"
                    )));
                };
                if i != layer.linear + 1 || layer.prelu.is_some() {
                    return Err(bad(format!(
                        "module {i} is a BatchNorm1d that does not follow its Linear (module {}) \
                         directly: gradgraph normalises a layer's weighted sums before its \
                         activation (Linear, BatchNorm1d, activation)",
                        layer.linear
                    )));
                }
                layer.bn = Some((i, [weight, bias, Some(mean), Some(var)]));
            }
            Found::Prelu { weight } => {
                let Some(layer) = raws.last_mut() else {
                    return Err(bad(format!(
                        "module {i} is a PReLU before the first Linear: expected a Sequential \
                         that starts with a Linear"
                    )));
                };
                if layer.prelu.is_some() {
                    return Err(bad(format!(
                        "module {i} is a second PReLU after the Linear of module {}",
                        layer.linear
                    )));
                }
                layer.prelu = Some((i, weight));
            }
        }
        last_index = i;
    }
    let Some(output) = raws.last() else {
        return Err(bad("no Linear module (a 2-D weight) in the file".into()));
    };
    if let Some((i, _)) = output.bn {
        return Err(bad(format!(
            "module {i} is a BatchNorm1d after the output Linear (module {}): gradgraph \
             normalises hidden layers only",
            output.linear
        )));
    }
    if let Some((i, _)) = output.prelu {
        return Err(bad(format!(
            "module {i} is a PReLU after the output Linear (module {}): the output layer of an \
             MLP is linear, followed by its output function",
            output.linear
        )));
    }
    let hidden = raws.len() - 1;
    let with_bn = raws[..hidden].iter().filter(|r| r.bn.is_some()).count();
    if with_bn != 0 && with_bn != hidden {
        return Err(bad(format!(
            "{with_bn} of the {hidden} hidden layers have a BatchNorm1d: gradgraph normalises \
             every hidden layer or none"
        )));
    }

    // the sizes, from the Linear weights
    let mut sizes = Vec::with_capacity(raws.len() + 1);
    for r in &raws {
        let shape = r.weight.shape();
        let (outputs, inputs) = (shape[0], shape[1]);
        match sizes.last() {
            None => sizes.push(inputs),
            Some(&width) if width != inputs => {
                return Err(bad(format!(
                    "{}.weight has shape [{outputs}, {inputs}]: the Linear reads {inputs} \
                     inputs, but the layer before gives {width}",
                    r.linear
                )));
            }
            Some(_) => {}
        }
        sizes.push(outputs);
    }

    // what the metadata says, or what is assumed
    let (activations, output_fn, bn_eps, bn_momentum, origin) = if ours {
        let meta = meta.unwrap_or_default();
        let described = read_metadata(&meta).map_err(bad)?;
        if described.sizes != sizes {
            return Err(bad(format!(
                "the metadata says sizes {}, the tensors {}",
                join(&described.sizes),
                join(&sizes)
            )));
        }
        if described.batch_norm != (with_bn > 0) {
            return Err(bad(format!(
                "the metadata says batch_norm {}, the tensors {}",
                described.batch_norm,
                with_bn > 0
            )));
        }
        (
            described.activations,
            described.output,
            described.eps,
            described.momentum,
            Origin::Gradgraph,
        )
    } else {
        let defaults = BatchNorm::new(0);
        let mut activations = super::mlp::per_layer(&assume.activations, hidden)?;
        activations.truncate(hidden);
        for (l, r) in raws[..hidden].iter().enumerate() {
            if r.prelu.is_some() {
                activations[l] = Activation::PRELU;
            } else if r.gap == 0 {
                activations[l] = Activation::LINEAR;
            } else if activations[l] == Activation::PRELU {
                return Err(bad(format!(
                    "hidden layer {} is taken as PReLU, but the file has no PReLU slopes \
                     after its Linear (module {})",
                    l + 1,
                    r.linear
                )));
            }
        }
        (
            activations,
            assume.output,
            defaults.eps,
            defaults.momentum,
            Origin::Foreign,
        )
    };

    // the model
    let mut layers = Vec::with_capacity(raws.len());
    let mut norms = Vec::new();
    for (l, r) in raws.iter().enumerate() {
        let (outputs, inputs) = (sizes[l + 1], sizes[l]);
        let name = |field: &str| format!("{}.{field}", r.linear);
        let weights = numbers(&name("weight"), &r.weight).map_err(bad)?;
        let biases = match &r.bias {
            Some(b) => vector(&name("bias"), b, outputs).map_err(bad)?,
            None => vec![0.0; outputs],
        };
        let activation = activations.get(l).copied().unwrap_or(Activation::LINEAR);
        if ours && (activation == Activation::PRELU) != r.prelu.is_some() {
            return Err(bad(format!(
                "the metadata says hidden layer {} is {activation}, but the file {} PReLU \
                 slopes for it",
                l + 1,
                if r.prelu.is_some() { "has" } else { "has no" }
            )));
        }
        let slopes = match &r.prelu {
            Some((i, w)) => {
                let name = format!("{i}.weight");
                let values = numbers(&name, w).map_err(bad)?;
                match values.len() {
                    1 => vec![values[0]; outputs],
                    n if n == outputs => values,
                    n => {
                        return Err(bad(format!(
                            "{name} holds {n} PReLU slopes for a layer of {outputs} neurons: \
                             expected 1 (shared) or {outputs}"
                        )));
                    }
                }
            }
            None => Vec::new(),
        };
        let neurons = (0..outputs)
            .map(|j| {
                let mut n = Neuron::with_weights(
                    weights[j * inputs..(j + 1) * inputs].to_vec(),
                    biases[j],
                    activation,
                );
                if let Some(&a) = slopes.get(j) {
                    n.slope = Some(a);
                }
                n
            })
            .collect();
        layers.push(Layer { neurons });
        if let Some((i, [weight, bias, mean, var])) = &r.bn {
            let name = |field: &str| format!("{i}.{field}");
            let read = |field: &str, t: &Option<TensorView<'_>>, default: f64| match t {
                Some(t) => vector(&name(field), t, outputs),
                None => Ok(vec![default; outputs]),
            };
            let mut bn = BatchNorm::new(outputs);
            bn.gamma = read("weight", weight, 1.0).map_err(bad)?;
            bn.beta = read("bias", bias, 0.0).map_err(bad)?;
            bn.running_mean = read("running_mean", mean, 0.0).map_err(bad)?;
            bn.running_var = read("running_var", var, 1.0).map_err(bad)?;
            if let Some(k) = bn.running_var.iter().position(|&v| v < 0.0) {
                return Err(bad(format!(
                    "{i}.running_var[{k}] is {}: a variance is not negative",
                    bn.running_var[k]
                )));
            }
            bn.eps = bn_eps;
            bn.momentum = bn_momentum;
            norms.push(bn);
        }
    }
    let mut mlp = Mlp::from_layers(sizes[0], layers, output_fn)
        .map_err(|e| bad(format!("inconsistent model: {e}")))?;
    mlp.batch_norm = norms;
    mlp.validate()
        .map_err(|e| bad(format!("inconsistent model: {e}")))?;

    // a file of gradgraph's holds exactly the tensors it writes
    if ours {
        let expected = tensors(&mlp, &modules(&mlp).map_err(|e| bad(e.to_string()))?);
        let expected: BTreeMap<&str, &Vec<usize>> = expected
            .iter()
            .map(|(name, t)| (name.as_str(), &t.shape))
            .collect();
        for (name, view) in st.iter() {
            match expected.get(name) {
                Some(shape) if shape.as_slice() == view.shape() => {}
                Some(shape) => {
                    return Err(bad(format!(
                        "tensor {name} has shape {:?}; the model the metadata describes has \
                         {shape:?}",
                        view.shape()
                    )));
                }
                None => {
                    return Err(bad(format!(
                        "tensor {name} is not part of the model the metadata describes"
                    )));
                }
            }
        }
        if let Some(missing) = expected.keys().find(|n| st.tensor(n).is_err()) {
            return Err(bad(format!(
                "tensor {missing} is missing: the model the metadata describes has it"
            )));
        }
    }
    Ok(Loaded { mlp, origin })
}

fn join(sizes: &[usize]) -> String {
    sizes
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join("-")
}

/// What a child of the Sequential is, from its fields' names and shapes.
fn classify<'a>(i: usize, fields: &BTreeMap<&str, TensorView<'a>>) -> Result<Found<'a>, String> {
    let get = |f: &str| fields.get(f).cloned();
    let dims = |f: &str| fields.get(f).map(|t| t.shape().len());
    let names = || {
        fields
            .keys()
            .map(|f| format!("{i}.{f}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let vector_or_missing = |f: &str| dims(f).is_none_or(|d| d == 1);
    if let (Some(mean), Some(var)) = (get("running_mean"), get("running_var")) {
        let ok = ["weight", "bias", "running_mean", "running_var"]
            .iter()
            .all(|f| vector_or_missing(f))
            && fields
                .get("num_batches_tracked")
                .is_none_or(|t| t.shape().iter().product::<usize>() == 1);
        if !ok {
            return Err(format!(
                "module {i} ({}) looks like a BatchNorm1d, but its tensors are not vectors",
                names()
            ));
        }
        return Ok(Found::BatchNorm {
            weight: get("weight"),
            bias: get("bias"),
            mean,
            var,
        });
    }
    let has = |f: &str| fields.contains_key(f);
    if has("running_mean") || has("running_var") || has("num_batches_tracked") {
        return Err(format!(
            "module {i} ({}) is an incomplete BatchNorm1d: it needs both running_mean and \
             running_var",
            names()
        ));
    }
    match (dims("weight"), dims("bias")) {
        (Some(2), None | Some(1)) => Ok(Found::Linear {
            weight: get("weight").ok_or_else(String::new)?,
            bias: get("bias"),
        }),
        (Some(1), None) => Ok(Found::Prelu {
            weight: get("weight").ok_or_else(String::new)?,
        }),
        (Some(1), Some(1)) => Err(format!(
            "module {i} ({}) looks like a BatchNorm1d without running statistics \
             (track_running_stats=False), which normalises with the statistics of each batch \
             even when evaluating: gradgraph needs running_mean and running_var",
            names()
        )),
        _ => Err(format!(
            "module {i} ({}) is none of Linear (a 2-D weight and a 1-D bias), BatchNorm1d \
             (running_mean, running_var) or PReLU (a 1-D weight); shapes: {}",
            names(),
            fields
                .iter()
                .map(|(f, t)| format!("{f} {:?}", t.shape()))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The numbers of a tensor, float64 or float32 widened, each finite.
fn numbers(name: &str, t: &TensorView<'_>) -> Result<Vec<f64>, String> {
    let data = t.data();
    let values: Vec<f64> = match t.dtype() {
        Dtype::F64 => data
            .chunks_exact(8)
            .map(|c| f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect(),
        Dtype::F32 => data
            .chunks_exact(4)
            .map(|c| f64::from(f32::from_le_bytes([c[0], c[1], c[2], c[3]])))
            .collect(),
        other => {
            return Err(format!(
                "tensor {name} is {other}: gradgraph reads F64 tensors (and F32, widened \
                 exactly); in PyTorch, model.double() before saving"
            ));
        }
    };
    if let Some(k) = values.iter().position(|v| !v.is_finite()) {
        return Err(format!(
            "tensor {name} holds {} (element {k}): a model's numbers are finite",
            values[k]
        ));
    }
    Ok(values)
}

/// The numbers of a 1-D tensor of `len` elements.
fn vector(name: &str, t: &TensorView<'_>, len: usize) -> Result<Vec<f64>, String> {
    if t.shape() != [len] {
        return Err(format!(
            "tensor {name} has shape {:?}: expected [{len}], one per neuron of its layer",
            t.shape()
        ));
    }
    numbers(name, t)
}

/// The architecture gradgraph's metadata describes.
struct Described {
    sizes: Vec<usize>,
    activations: Vec<Activation>,
    output: Output,
    batch_norm: bool,
    eps: f64,
    momentum: f64,
}

fn read_metadata(meta: &BTreeMap<String, String>) -> Result<Described, String> {
    let get = |key: &str| {
        meta.get(key)
            .map(String::as_str)
            .ok_or_else(|| format!("the metadata has no {key:?} (format {FORMAT})"))
    };
    let version = get("format_version")?;
    if version != FORMAT_VERSION {
        return Err(format!(
            "format_version {version:?}: this gradgraph reads version {FORMAT_VERSION} (a newer \
             gradgraph wrote the file?)"
        ));
    }
    let sizes = get("sizes")?
        .split(',')
        .map(|s| s.trim().parse::<usize>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| {
            format!(
                "metadata sizes {:?}: expected numbers like 2,8,1",
                meta["sizes"]
            )
        })?;
    if sizes.len() < 2 {
        return Err(format!(
            "metadata sizes {:?}: expected at least inputs and outputs",
            meta["sizes"]
        ));
    }
    let text = get("activations")?;
    let activations = if text.trim().is_empty() {
        Vec::new()
    } else {
        text.split(',')
            .map(|a| a.parse::<Activation>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("metadata activations {text:?}: {e}"))?
    };
    if activations.len() != sizes.len() - 2 {
        return Err(format!(
            "metadata activations {text:?}: {} for {} hidden layers",
            activations.len(),
            sizes.len() - 2
        ));
    }
    let output = get("output")?
        .parse::<Output>()
        .map_err(|e| format!("metadata output: {e}"))?;
    let batch_norm = match get("batch_norm")? {
        "true" => true,
        "false" => false,
        other => {
            return Err(format!(
                "metadata batch_norm {other:?}: expected true or false"
            ));
        }
    };
    let defaults = BatchNorm::new(0);
    let number = |key: &str, default: f64| -> Result<f64, String> {
        match meta.get(key) {
            None if !batch_norm => Ok(default),
            None => Err(format!("the metadata has no {key:?}")),
            Some(text) => match text.parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
                _ => Err(format!("metadata {key} {text:?}: expected a number ≥ 0")),
            },
        }
    };
    Ok(Described {
        sizes,
        activations,
        output,
        batch_norm,
        eps: number("batch_norm_eps", defaults.eps)?,
        momentum: number("batch_norm_momentum", defaults.momentum)?,
    })
}

impl Mlp {
    /// The model as the bytes of a safetensors file that PyTorch loads (see
    /// [`nn::torch`](self)).
    ///
    /// Returns [`gradgraph::Error::NonFinite`] if a parameter is NaN or infinite (a diverged model,
    /// which [`Mlp::from_safetensors`] would refuse), and [`Error::OutOfRange`] for a model a
    /// `torch.nn.Sequential` cannot hold (see [`modules`]).
    pub fn to_safetensors(&self) -> Result<Vec<u8>, Error> {
        self.check_finite()?;
        to_bytes(self)
    }

    /// A model from the bytes of a safetensors file; one without gradgraph's metadata (a
    /// PyTorch `state_dict`) is read with the [`Assume::default`] (relu, raw scores): see
    /// [`from_bytes`] to choose.
    pub fn from_safetensors(bytes: &[u8], source: &str) -> Result<Mlp, Error> {
        Ok(from_bytes(bytes, source, &Assume::default())?.mlp)
    }
}

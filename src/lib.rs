//! # gradgraph: backpropagation you can see
//!
//! Every scalar operation is recorded as a node of a [petgraph] DAG. [`Graph::backward`]
//! applies the chain rule in reverse topological order; neurons, layers and MLPs are built
//! from those scalars; the graph can be drawn with Graphviz, and every gradient can be
//! checked against finite differences.
//!
//! ## A first backward pass
//!
//! A neuron with one input: `y = tanh(x w + b)`.
//!
//! ```
//! use gradgraph::Graph;
//!
//! let g = Graph::new();
//! let x = g.input(1.0).with_label("x");
//! let w = g.parameter(0.5).with_label("w");
//! let b = g.parameter(-0.2).with_label("b");
//! let y = (x * w + b).tanh().with_label("y");
//! g.backward(y);
//!
//! // the chain rule by hand: dy/dw = tanh'(xw + b) · x = (1 - y²) · x
//! let local = 1.0 - y.data() * y.data();
//! assert_eq!(w.grad(), local * 1.0);
//! assert_eq!(b.grad(), local);
//! assert_eq!(x.grad(), local * 0.5);
//! ```
//!
//! [`Graph::backward_trace`] records the same pass step by step: for each node, the gradient
//! arriving from above, the local derivative and their product sent to each operand.
//! [`Graph::grad`] builds gradients as graph values, so they can be differentiated again.
//! [`gradcheck()`] compares every analytic gradient with central finite differences.
//!
//! ## Structuring your code around `Graph`'s lifetime
//!
//! A [`Value`] is a handle that borrows its [`Graph`] (`Value<'g>` lives no longer than
//! `&'g Graph`), which is what lets values be `Copy` and combine with plain operators. The
//! price: a function cannot create a graph and return it together with its values, as in
//! `fn build() -> (Graph, Value)`. Three shapes work:
//!
//! 1. **The caller owns the graph; functions take `&'g Graph` and return `Value<'g>`.** This
//!    is how the nets are built ([`nn::Mlp`] takes the graph it is built in).
//!
//!    ```
//!    use gradgraph::{Graph, Value};
//!
//!    fn neuron<'g>(g: &'g Graph, x: Value<'g>) -> Value<'g> {
//!        let w = g.parameter(0.5);
//!        let b = g.parameter(-0.2);
//!        (x * w + b).tanh()
//!    }
//!
//!    let g = Graph::new();
//!    let y = neuron(&g, g.input(1.0));
//!    y.backward();
//!    ```
//!
//! 2. **Keep the graph in a struct, and node indices instead of values.** A [`Value`]'s
//!    [`index`](Value::index) is a plain `usize`; [`Graph::get`] turns it back into a value.
//!
//!    ```
//!    use gradgraph::Graph;
//!
//!    struct Model {
//!        graph: Graph,
//!        output: usize,
//!    }
//!
//!    fn build() -> Model {
//!        let graph = Graph::new();
//!        let x = graph.input(2.0);
//!        let output = (x * x).index();
//!        Model { graph, output }
//!    }
//!
//!    let m = build();
//!    let y = m.graph.get(m.output).expect("a node of this graph");
//!    y.backward();
//!    assert_eq!(y.data(), 4.0);
//!    ```
//!
//! 3. **Pass a closure that receives the graph**, as [`gradcheck()`] does: the closure builds
//!    in a graph the callee owns, and returns numbers (or anything that does not borrow it).
//!
//!    ```
//!    use gradgraph::Graph;
//!
//!    fn with_graph<R>(f: impl FnOnce(&Graph) -> R) -> R {
//!        let g = Graph::new();
//!        f(&g)
//!    }
//!
//!    let grad = with_graph(|g| {
//!        let x = g.input(3.0);
//!        (x * x).backward();
//!        x.grad()
//!    });
//!    assert_eq!(grad, 6.0);
//!    ```
//!
//! To run a model on many inputs, build its graph once and replay it: change the inputs
//! with [`Value::set_data`], then [`Graph::forward`], [`Graph::zero_grad`] and backward.
//!
//! ## In a notebook
//!
//! In Jupyter with evcxr, the Rust kernel, a cell that ends in a [`Graph`] or a [`Value`]
//! draws it with every value's data and gradient, as micrograd's `draw_dot` does in Python:
//! with the `dot` feature, both have an `evcxr_display` method, which evcxr calls by name and
//! which prints the SVG (Graphviz's `dot` installed) or the DOT text. A `Value` borrows its
//! graph and evcxr keeps only variables that borrow nothing between cells, so build values
//! inside a block and keep their indices (the second shape above). The repository's
//! `examples/notebook.ipynb` is a short notebook, starting with
//!
//! ```text
//! :dep gradgraph = { version = "0.1", default-features = false, features = ["dot"] }
//! ```
//!
//! ## Features
//!
//! With `default-features = false` the crate is the engine ([`graph`], [`value`], [`ops`],
//! [`backward`], [`gradcheck`](mod@gradcheck), [`expr`]), the nets ([`nn`]) and the data sets
//! ([`data`]). Each feature adds one part:
//!
//! | feature | what it brings | extra dependencies |
//! |---|---|---|
//! | `dot` | `dot`: Graphviz DOT export, rendering with Graphviz's `dot` program, backward frames | graphviz-rust |
//! | `course` | `experiments` (the course's experiments, as the tour and the examples run them) and the README's gallery (`dot::gallery`, `dot::write_gallery`, the example graphs `dot::examples`); turns on `dot` | none |
//! | `bench` | `bench`: the benchmark workloads and their hand-written baselines | none |
//! | `plot` | `plot`: SVG line charts and heatmaps; with `course`, the experiments' `plot` methods | plotters |
//! | `safetensors` | `nn::torch`: models as safetensors files that PyTorch loads into a `torch.nn.Sequential`, and such files read back (`Mlp::save_safetensors`, `Mlp::load_safetensors`) | safetensors |
//! | `quiz` | `quiz`: exercises that check a hand-worked backward pass, random exercises, worksheets | none |
//! | `cli` (default) | everything above, and the `gradgraph` binary | clap, indicatif |
//!
//! An embedder who wants pictures of its graphs but nothing of the course depends on
//! `gradgraph = { version = "0.1", default-features = false, features = ["dot"] }`.

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod backward;
#[cfg(feature = "bench")]
#[cfg_attr(docsrs, doc(cfg(feature = "bench")))]
pub mod bench;
pub mod data;
#[cfg(feature = "dot")]
#[cfg_attr(docsrs, doc(cfg(feature = "dot")))]
pub mod dot;
pub mod error;
#[cfg(feature = "course")]
#[cfg_attr(docsrs, doc(cfg(feature = "course")))]
pub mod experiments;
pub mod expr;
pub mod files;
#[doc(hidden)]
pub mod fuzz;
pub mod gradcheck;
pub mod graph;
pub mod hessian;
mod higher_order;
mod labels;
pub mod latex;
pub mod nn;
pub mod notation;
mod op_table;
pub mod ops;
#[cfg(feature = "plot")]
#[cfg_attr(docsrs, doc(cfg(feature = "plot")))]
pub mod plot;
#[cfg(feature = "quiz")]
#[cfg_attr(docsrs, doc(cfg(feature = "quiz")))]
pub mod quiz;
pub mod replay;
pub mod scalar;
pub mod trace;
pub mod value;
mod value_traits;

pub use error::{Error, Pass};
pub use files::write_atomic;
pub use gradcheck::{GradCheck, Tolerance, gradcheck, gradcheck_with};
pub use graph::{Graph, Node};
pub use hessian::{GradientGraph, Hessian};
pub use labels::Group;
pub use ops::{OPS, Op};
pub use scalar::Scalar;
pub use trace::{Trace, TraceEdge, TraceStep};
pub use value::Value;

// The README's Rust examples are compiled and run as doctests, so they never rot (they draw
// the course's example graphs, so with the `course` feature, on by default).
#[cfg(all(doctest, feature = "course"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

// The same for the guide's chapters that have Rust code (`tests/readme.rs` checks that each
// such chapter is listed here).
#[cfg(all(doctest, feature = "course"))]
#[doc = include_str!("../book/src/library.md")]
pub struct BookLibraryDoctests;

#[cfg(all(doctest, feature = "course"))]
#[doc = include_str!("../book/src/draw.md")]
pub struct BookDrawDoctests;

#[cfg(all(doctest, feature = "course"))]
#[doc = include_str!("../book/src/train.md")]
pub struct BookTrainDoctests;

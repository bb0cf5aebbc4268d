//! # gradgraph: backpropagation you can see
//!
//! Every scalar operation is recorded as a node of a [petgraph] DAG. [`Graph::backward`]
//! applies the chain rule in reverse topological order, and every gradient can be checked
//! against finite differences. This crate is the engine, written to be read in one sitting;
//! the nets (`gradgraph-nn`), the pictures (`gradgraph-draw`), the course's experiments
//! (`gradgraph-course`) and the `gradgraph` command (`gradgraph-cli`) are crates beside it.
//!
//! ## Reading the engine
//!
//! Four files hold all of it, under 550 lines of code; read them in this order:
//!
//! 1. `graph.rs`: [`Graph`] owns the petgraph DAG. A node is its data, its grad and its op
//!    ([`Node`]); one edge runs from each operand to its result. Nodes are only appended, so
//!    their index order is a topological order.
//! 2. `value.rs`: [`Value`] is a `Copy` handle to one node. `x * w + b` and `y.tanh()` each
//!    add a node, computing its value right away (the forward pass happens as you build).
//! 3. `ops.rs`: the table of ops. For each op, side by side: its forward formula
//!    ([`Op::forward`]), its local derivative ([`Op::local_derivative`]), and how a person
//!    writes both ([`OPS`]).
//! 4. `backward.rs`: [`Graph::backward`], one reverse sweep that applies the chain rule
//!    `grad[operand] += local * grad[node]` at every node.
//!
//! Then, around them: `more_ops.rs` adds the ops micrograd does not have (powers with a
//! value exponent, leaky ReLU and PReLU, a condition) and the sums a neuron makes in one
//! node ([`Graph::sum`], [`Graph::weighted_sum`]); `trace.rs` records the same pass step by step
//! ([`Graph::backward_trace`]); `higher_order.rs` builds gradients as graph values, to
//! differentiate them again ([`Graph::grad`]); `notation.rs` writes ops and derivatives in
//! the student's own names ([`Graph::term`], [`Graph::local_derivative_texts`]);
//! [`gradcheck()`] compares every gradient with finite differences; [`expr`] parses
//! `tanh(x*w + b)` into a graph; [`GradientGraph`] and [`Hessian`] give second derivatives.
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
//!    is how the nets are built (`gradgraph_nn::Mlp` takes the graph it is built in).
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
//! draws it with every value's data and gradient, as micrograd's `draw_dot` does in Python,
//! with `gradgraph-draw`'s `EvcxrDisplay` in scope. A `Value` borrows its graph and evcxr
//! keeps only variables that borrow nothing between cells, so build values inside a block
//! and keep their indices (the second shape above). The repository's
//! `examples/notebook_rust.ipynb` is a short notebook.
//!
//! ## The crates
//!
//! | crate | what it is for |
//! |---|---|
//! | `gradgraph` | this engine: petgraph and pxfm only |
//! | `gradgraph-nn` | neurons, layers, MLPs, losses, optimisers, the data sets, the replay compiler that trains fast |
//! | `gradgraph-draw` | DOT, SVG, backward frames, the interactive page, TikZ and the LaTeX derivation |
//! | `gradgraph-quiz` | the quiz: exercises that check a backward pass worked by hand, and name the first mistake |
//! | `gradgraph-course` | the lecture's experiments, the quiz's worksheets, plots |
//! | `gradgraph-cli` | the `gradgraph` command |
//!
//! Each depends only on the ones above it.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod accurate;
mod backward;
mod error;
pub mod expr;
mod gradcheck;
mod graph;
mod hessian;
mod higher_order;
mod labels;
mod more_ops;
mod notation;
mod op_names;
mod op_table;
mod ops;
mod scalar;
mod trace;
mod value;
mod value_traits;

pub use error::{Error, ParseError, Pass};
pub use gradcheck::{GradCheck, Tolerance, gradcheck, gradcheck_with};
pub use graph::{Graph, Group, Node};
pub use hessian::{GradientGraph, Hessian, Variable};
pub use notation::{LocalDerivative, format_number};
pub use ops::{Family, Kind, OPS, Op, OpInfo};
pub use scalar::Scalar;
pub use trace::{StepText, StepWords, Trace, TraceEdge, TraceStep, node_name};
pub use value::Value;

// what the replay compiler of gradgraph-nn shares with the table of ops, bit for bit
#[doc(hidden)]
pub use ops::{normal_cdf, normal_pdf, weighted_sum};
#[doc(hidden)]
pub use scalar::sigmoid;

// The README's Rust examples are compiled and run as doctests, so they never rot (they draw
// the course's example graphs, so with the `course` feature, on by default).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

// The same for the guide's chapters that have Rust code (`tests/readme.rs` checks that each
// such chapter is listed here).
#[cfg(doctest)]
#[doc = include_str!("../book/src/library.md")]
pub struct BookLibraryDoctests;

#[cfg(doctest)]
#[doc = include_str!("../book/src/draw.md")]
pub struct BookDrawDoctests;

#[cfg(doctest)]
#[doc = include_str!("../book/src/train.md")]
pub struct BookTrainDoctests;

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
//! let x = g.value(1.0).with_label("x");
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

pub mod backward;
pub mod bench;
pub mod data;
pub mod dot;
pub mod error;
pub mod experiments;
pub mod expr;
mod files;
pub mod gradcheck;
pub mod graph;
pub mod nn;
pub mod ops;
#[cfg(feature = "plot")]
pub mod plot;
pub mod scalar;
pub mod value;

pub use backward::{Trace, TraceEdge, TraceStep};
pub use error::{Error, Pass};
pub use files::write_atomic;
pub use gradcheck::{GradCheck, Tolerance, gradcheck, gradcheck_with};
pub use graph::{Dag, Graph, Group, Node};
pub use ops::{OPS, Op};
pub use scalar::Scalar;
pub use value::Value;

// The README's Rust examples are compiled and run as doctests, so they never rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

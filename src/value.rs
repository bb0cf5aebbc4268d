//! [`Value`]: a `Copy` handle to one scalar of a [`Graph`], with the arithmetic operators and
//! the activation functions. Each one adds a node; its local derivative is in `ops.rs`.
//!
//! ```
//! let g = gradgraph::Graph::new();
//! let x = g.input(0.5);
//! // each function and its local derivative at x = 0.5, as backward computes it
//! let (t, s) = (0.5f64.tanh(), 1.0 / (1.0 + (-0.5f64).exp()));
//! let cases = [
//!     (x.exp(), 0.5f64.exp()),       // e^x
//!     (x.log(), 2.0),                // 1/x
//!     (x.sqrt(), 0.5 / 0.5f64.sqrt()), // 1/(2√x)
//!     (x.sin(), 0.5f64.cos()),       // cos x
//!     (x.tanh(), 1.0 - t * t),       // 1 − tanh² x
//!     (x.sigmoid(), s * (1.0 - s)),  // σ(x)(1 − σ(x))
//!     (x.relu(), 1.0),               // 1 for x > 0
//!     (x.step(), 0.0),               // flat: a step neuron cannot learn
//! ];
//! for (y, derivative) in cases {
//!     g.zero_grad();
//!     y.backward();
//!     assert!((x.grad() - derivative).abs() < 1e-15, "{y:?}");
//! }
//! ```

use crate::graph::{Graph, Node};
use crate::ops::Op;
use petgraph::graph::NodeIndex;
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

/// A scalar of a [`Graph`]: a cheap `Copy` handle (a reference to the graph and a node index).
///
/// Operators `+ - * /` and unary `-` work between values and between a value and an `f64`
/// on either side, so teaching code reads like the maths. Each one adds a node to the graph.
///
/// **Panics** if values of two different graphs are combined: the message names the node.
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let x = g.input(1.0).with_label("x");
/// let w = g.parameter(0.5).with_label("w");
/// let b = g.parameter(-0.2).with_label("b");
/// let y = (x * w + b).tanh();
/// g.backward(y);
/// // dy/dw = (1 - tanh²(xw + b)) · x
/// let t = 0.3f64.tanh();
/// assert!((w.grad() - (1.0 - t * t)).abs() < 1e-15);
/// ```
#[derive(Clone, Copy)]
pub struct Value<'g> {
    graph: &'g Graph,
    index: u32,
}

impl<'g> Value<'g> {
    /// Backpropagation from this value: the same as [`Graph::backward`]`(self)`.
    pub fn backward(self) {
        self.graph.backward(self)
    }

    pub(crate) fn new(graph: &'g Graph, index: u32) -> Self {
        Value { graph, index }
    }

    /// The graph this value lives in.
    pub fn graph(self) -> &'g Graph {
        self.graph
    }

    /// The node's index: its position in the topological order.
    pub fn index(self) -> usize {
        self.index as usize
    }

    /// The node's petgraph index in [`Graph::dag`].
    pub fn node_index(self) -> NodeIndex<u32> {
        NodeIndex::new(self.index as usize)
    }

    /// A copy of the node (value, gradient, and the op as the graph stores it: read it with
    /// [`Value::op`]).
    pub fn node(self) -> Node {
        self.graph.dag()[self.node_index()]
    }

    /// The value computed by the forward pass.
    pub fn data(self) -> f64 {
        self.graph.dag()[self.node_index()].data
    }

    /// The gradient accumulated by [`Graph::backward`]: `d output / d self`.
    pub fn grad(self) -> f64 {
        self.graph.dag()[self.node_index()].grad
    }

    /// The operation that produced this value.
    pub fn op(self) -> Op {
        self.graph.dag()[self.node_index()].op
    }

    /// Changes this value's data. Meant for leaves, followed by [`Graph::forward`] to
    /// recompute everything downstream.
    pub fn set_data(self, data: f64) {
        self.graph.dag_mut()[self.node_index()].data = data;
    }

    /// Changes this value's gradient (an optimiser may zero or clip it).
    pub fn set_grad(self, grad: f64) {
        self.graph.dag_mut()[self.node_index()].grad = grad;
    }

    /// Gives the value a label (`"x"`, `"w1"`) shown in pictures and traces, and returns it.
    pub fn with_label(self, label: &str) -> Self {
        self.graph.set_label(self.index, label);
        self
    }

    /// The label, if one was given.
    pub fn label(self) -> Option<String> {
        self.graph.label_of(self.index)
    }

    pub(crate) fn unary(self, op: Op) -> Self {
        self.graph.push(op, &[self])
    }

    pub(crate) fn binary(self, op: Op, other: Value<'g>) -> Self {
        self.graph.push(op, &[self, other])
    }
}

/// How values are made: the leaves, and the node of an op applied to values.
impl Graph {
    /// An input: a leaf that wants a gradient, such as `x` ([`Op::Input`]). Inputs are set
    /// from outside; [`Graph::parameter`] makes the leaves an optimiser learns, and
    /// [`Graph::constant`] those that want no gradient.
    ///
    /// Computes in amortised **O(1)** time.
    pub fn input(&self, data: f64) -> Value<'_> {
        self.leaf(Op::Input, data)
    }

    /// A learnable parameter (a weight or a bias): a leaf that wants a gradient, drawn apart
    /// from inputs in pictures, and returned by [`Graph::parameters`].
    pub fn parameter(&self, data: f64) -> Value<'_> {
        self.leaf(Op::Param, data)
    }

    /// A constant: a leaf that wants no gradient (its `grad` stays 0).
    pub fn constant(&self, data: f64) -> Value<'_> {
        self.leaf(Op::Const, data)
    }

    fn leaf(&self, op: Op, data: f64) -> Value<'_> {
        Value::new(self, self.add(op, data, []) as u32)
    }

    /// Adds the node `op(operands)`, computing its value now, with an edge from each operand.
    /// Every operator and function of [`Value`] comes here.
    pub(crate) fn push<'g>(&'g self, op: Op, operands: &[Value<'g>]) -> Value<'g> {
        for v in operands {
            self.check_same(*v);
        }
        // the forward pass, as the node is made
        let data = match operands {
            [a] => op.forward(&[a.data()]),
            [a, b] => op.forward(&[a.data(), b.data()]),
            _ => op.forward(&operands.iter().map(|v| v.data()).collect::<Vec<f64>>()),
        };
        let index = self.add(op, data, operands.iter().map(|v| v.index()));
        Value::new(self, index as u32)
    }

    /// **Panics** with a clear message if `v` belongs to another graph.
    #[inline]
    pub(crate) fn check_same(&self, v: Value<'_>) {
        assert!(
            std::ptr::eq(self, v.graph()),
            "gradgraph: values of two different graphs were combined (node {} belongs to another \
             Graph); build an expression from values of one Graph",
            v.index()
        );
    }

    /// The value handle of node `index`, or `None` if there is no such node.
    pub fn get(&self, index: usize) -> Option<Value<'_>> {
        (index < self.len()).then(|| Value::new(self, index as u32))
    }

    /// Every node as a value handle, in index (topological) order.
    pub fn values(&self) -> impl Iterator<Item = Value<'_>> + '_ {
        (0..self.len() as u32).map(move |i| Value::new(self, i))
    }

    /// Every learnable parameter ([`Graph::parameter`]), in creation order.
    pub fn parameters(&self) -> Vec<Value<'_>> {
        self.values().filter(|v| v.op() == Op::Param).collect()
    }

    /// The operands of `v`, in order (`[a, b]` for `a - b`).
    pub fn operands<'g>(&'g self, v: Value<'g>) -> Vec<Value<'g>> {
        self.check_same(v);
        let mut operands: Vec<Value<'g>> = (self.dag())
            .neighbors_directed(v.node_index(), petgraph::Direction::Incoming)
            .map(|n| Value::new(self, n.index() as u32))
            .collect();
        // petgraph lists a node's incoming edges newest first: reversed, the operands in order
        operands.reverse();
        operands
    }
}

/// Declares one method per entry, `name => op`: the function applied to this value.
macro_rules! functions {
    ($($(#[doc = $doc:literal])* $name:ident => $op:expr;)+) => {
        impl<'g> Value<'g> {
            $($(#[doc = $doc])* pub fn $name(self) -> Self {
                self.unary($op)
            })+
        }
    };
}

functions! {
    /// `e^x`. Local derivative: `e^x`.
    exp => Op::Exp;
    /// Natural logarithm `ln x`. Local derivative: `1/x`.
    log => Op::Log;
    /// `√x`. Local derivative: `1 / (2√x)`.
    sqrt => Op::Sqrt;
    /// `sin x`. Local derivative: `cos x`.
    sin => Op::Sin;
    /// `cos x`. Local derivative: `-sin x`.
    cos => Op::Cos;
    /// `|x|`. Local derivative: `sign(x)`, 0 at `x = 0` (as PyTorch).
    abs => Op::Abs;
    /// The error function `erf x`. Local derivative: `2/√π · e^(-x²)`.
    erf => Op::Erf;
    /// Heaviside step: 0 for `x < 0`, 1 for `x ≥ 0`. Local derivative: 0 everywhere, which is
    /// why a step neuron cannot be trained by gradient descent.
    step => Op::Step;
    /// Logistic sigmoid `σ(x) = 1 / (1 + e^-x)`. Local derivative: `σ(x)(1 - σ(x))`, at most
    /// 0.25 (at `x = 0`).
    sigmoid => Op::Sigmoid;
    /// Hyperbolic tangent. Local derivative: `1 - tanh²(x)`, at most 1 (at `x = 0`).
    tanh => Op::Tanh;
    /// `max(0, x)`. Local derivative: 1 for `x > 0`, else 0 (0 at the kink, as PyTorch).
    relu => Op::Relu;
    /// Exact GELU `x · Φ(x)`, Φ the standard normal CDF (from `erf`, not the tanh
    /// approximation). Local derivative: `Φ(x) + x φ(x)`.
    gelu => Op::Gelu;
    /// ELU with α = 1: `x` for `x > 0`, `e^x - 1` otherwise. Local derivative: 1 for `x > 0`,
    /// `e^x` otherwise.
    elu => Op::Elu;
    /// SiLU (swish) `x · σ(x)`. Local derivative: `σ(x) + x σ(x)(1 - σ(x))`.
    silu => Op::Silu;
    /// Softplus `ln(1 + e^x)`, computed without overflow. Local derivative: `σ(x)`.
    softplus => Op::Softplus;
}

/// Implements `value ∘ value`, `value ∘ f64` and `f64 ∘ value`, and `value ∘= rhs`.
macro_rules! binary_operator {
    ($trait:ident, $method:ident, $assign_trait:ident, $assign:ident, $op:expr,
     $with_scalar:expr, $scalar_with:expr) => {
        impl<'g> $trait for Value<'g> {
            type Output = Value<'g>;
            fn $method(self, rhs: Value<'g>) -> Value<'g> {
                self.binary($op, rhs)
            }
        }
        impl<'g> $trait<f64> for Value<'g> {
            type Output = Value<'g>;
            fn $method(self, c: f64) -> Value<'g> {
                self.unary($with_scalar(c))
            }
        }
        impl<'g> $trait<Value<'g>> for f64 {
            type Output = Value<'g>;
            fn $method(self, rhs: Value<'g>) -> Value<'g> {
                rhs.unary($scalar_with(self))
            }
        }
        impl<'g> $assign_trait for Value<'g> {
            fn $assign(&mut self, rhs: Value<'g>) {
                *self = $trait::$method(*self, rhs);
            }
        }
        impl $assign_trait<f64> for Value<'_> {
            fn $assign(&mut self, rhs: f64) {
                *self = $trait::$method(*self, rhs);
            }
        }
    };
}

// x + c and c + x are the same float: both are AddConst(c)
binary_operator! { Add, add, AddAssign, add_assign, Op::Add, Op::AddConst, Op::AddConst }
// x - c is exactly x + (-c); c - x has its own op
binary_operator! { Sub, sub, SubAssign, sub_assign, Op::Sub, |c: f64| Op::AddConst(-c), Op::ConstMinus }
binary_operator! { Mul, mul, MulAssign, mul_assign, Op::Mul, Op::MulConst, Op::MulConst }
binary_operator! { Div, div, DivAssign, div_assign, Op::Div, Op::DivConst, Op::ConstOver }

impl<'g> Neg for Value<'g> {
    type Output = Value<'g>;
    /// `-x`. Local derivative: -1.
    fn neg(self) -> Value<'g> {
        self.unary(Op::Neg)
    }
}

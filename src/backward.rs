//! Backward: the chain rule, applied in reverse topological order.
//!
//! Every node of a graph was added after its operands, so reading the nodes from the last
//! index down to the first visits each node after everything that uses it: by the time node
//! `v` is reached, every use of `v` has sent its share, and `d y / d v` is complete. Node
//! `v` then sends `local derivative × d y / d v` to each of its operands:
//!
//! ```text
//! grad[operand] += local * grad[node]
//! ```
//!
//! `+=` because a value may be used more than once (in `x * x`, `x` collects both uses).
//! There is no recursion, so the depth of a graph is limited only by memory.
//!
//! The same pass, step by step, is [`Graph::backward_trace`](crate::Graph::backward_trace)
//! (in `trace.rs`); gradients built as graph values, to differentiate again, are
//! [`Graph::grad`](crate::Graph::grad) (in `higher_order.rs`).

use crate::graph::{Graph, Operands};
use crate::ops::Op;
use crate::value::Value;
use petgraph::graph::NodeIndex;

/// `d y / d node` of a node that `y` has not (yet) been found to depend on. A gradient that
/// arrives starts a sum at 0, and a sum that starts at 0 is never −0 (`0 + (−0) = 0`), so
/// −0 tells "not reached" apart from every gradient, zero included, in 8 bytes a node.
pub(crate) const NOT_REACHED: f64 = -0.0;

/// Whether `grad` is a gradient that arrived, not [`NOT_REACHED`].
pub(crate) fn reached(grad: f64) -> bool {
    grad.to_bits() != NOT_REACHED.to_bits()
}

/// `sum += term`, where a sum that was [`NOT_REACHED`] starts at 0.
pub(crate) fn accumulate(sum: &mut f64, term: f64) {
    if !reached(*sum) {
        *sum = 0.0;
    }
    *sum += term;
}

impl Graph {
    /// Backpropagation: computes `d y / d v` for every value `v` that `y` depends on, and adds
    /// it to `v.grad()`.
    ///
    /// Only `y`'s ancestors are visited, in reverse topological order, without recursion.
    /// Gradients **accumulate**, as in PyTorch: running backward twice without
    /// [`Graph::zero_grad`] in between leaves every gradient exactly doubled (the output's own
    /// too: 2), and backward from two outputs sums their gradients. Constants keep a zero
    /// gradient.
    ///
    /// Computes in **O(n + e)** time for the `n` nodes and `e` edges up to `y`.
    ///
    /// **Panics** if `y` belongs to another graph.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let a = g.input(3.0);
    /// let b = a + a; // a used twice: its gradient collects both uses
    /// let c = b + b;
    /// g.backward(c);
    /// assert_eq!(a.grad(), 4.0);
    /// g.backward(c); // accumulates
    /// assert_eq!(a.grad(), 8.0);
    /// g.zero_grad();
    /// assert_eq!(a.grad(), 0.0);
    /// ```
    pub fn backward(&self, y: Value<'_>) {
        self.check_same(y);
        let mut dag = self.dag_mut();
        // grad[i] = d y / d node i, for this pass alone; d y / d y = 1
        let mut grad = vec![NOT_REACHED; y.index() + 1];
        grad[y.index()] = 1.0;
        let mut operands = Operands::default();
        for node in (0..=y.index()).rev() {
            if !reached(grad[node]) {
                continue; // y does not depend on this node
            }
            // every use of the node has sent its share: its gradient is complete
            let stored = &mut dag[NodeIndex::new(node)];
            if stored.op != Op::Const {
                stored.grad += grad[node];
            }
            let (op, out) = (stored.op, stored.data);
            let x = operands.read(&dag, node);
            for (k, &operand) in x.index.iter().enumerate() {
                // the chain rule: grad[operand] += local * grad[node]
                let local = op.local_derivative(&x.data, out, k);
                let product = local * grad[node];
                accumulate(&mut grad[operand], product);
            }
        }
    }

    /// Sets every gradient of the graph to 0 (backward passes accumulate).
    pub fn zero_grad(&self) {
        for node in self.dag_mut().node_weights_mut() {
            node.grad = 0.0;
        }
    }
}

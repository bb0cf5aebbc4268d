//! Gradients as values of the graph (PyTorch's `create_graph=True`), so that they can be
//! differentiated again: second derivatives, Hessians, a gradient's own picture.
//!
//! [`Graph::grad`] runs the chain rule of [`Graph::backward`], but with graph values instead
//! of numbers: each op's local derivative is built as nodes ([`Op::local_derivative`](crate::Op::local_derivative) is
//! written once, for any [`Scalar`](crate::Scalar)), so the result agrees with backward's
//! numbers to the last bit.

use crate::graph::Graph;
use crate::value::Value;

impl Graph {
    /// Gradients as values of the graph (PyTorch's `create_graph=True`): returns
    /// `d y / d v` for each `v` in `wrt`, built from graph operations, so it can be
    /// differentiated again (second derivatives), drawn, or replayed with [`Graph::forward`].
    /// A value that `y` does not depend on gets the constant 0.
    ///
    /// Stored gradients (`grad()`) are not changed.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(2.0);
    /// let y = x.powf(3.0); // y' = 3x², y'' = 6x
    /// let dy = g.grad(y, &[x])[0];
    /// assert_eq!(dy.data(), 12.0);
    /// g.backward(dy);
    /// assert_eq!(x.grad(), 12.0);
    /// ```
    pub fn grad<'g>(&'g self, y: Value<'g>, wrt: &[Value<'g>]) -> Vec<Value<'g>> {
        self.check_same(y);
        let n = y.index() + 1;
        let mut adjoint: Vec<Option<Value<'g>>> = vec![None; n];
        adjoint[y.index()] = Some(self.constant(1.0));
        for i in (0..n).rev() {
            let Some(upstream) = adjoint[i] else { continue };
            let out = Value::new(self, i as u32);
            let op = out.op();
            if op.is_leaf() {
                continue;
            }
            let operands = self.operands(out);
            for (k, x) in operands.iter().enumerate() {
                // the chain rule, built as graph values
                let term = op.local_derivative(&operands, out, k) * upstream;
                let j = x.index();
                adjoint[j] = Some(match adjoint[j] {
                    Some(acc) => acc + term,
                    None => term,
                });
            }
        }
        wrt.iter()
            .map(|v| {
                self.check_same(*v);
                adjoint
                    .get(v.index())
                    .copied()
                    .flatten()
                    .unwrap_or_else(|| self.constant(0.0))
            })
            .collect()
    }
}

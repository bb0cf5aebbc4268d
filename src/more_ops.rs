//! Beyond micrograd's ops: powers, the activations that take a parameter, a condition, and
//! the sums a neuron makes in one node. Each adds a node as the operators do (`value.rs`); its
//! local derivative is in the table of ops (`ops.rs`).

use crate::graph::Graph;
use crate::ops::Op;
use crate::value::Value;

impl<'g> Value<'g> {
    /// `x^n` for an integer exponent: the same node as [`Value::powf`]`(n as f64)`, which
    /// works for negative bases.
    pub fn powi(self, n: i32) -> Self {
        self.powf(f64::from(n))
    }

    /// `x^p` for a constant exponent. Negative bases work for integer `p`.
    /// Local derivative: `p · x^(p-1)`.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(-2.0);
    /// let y = x.powf(3.0); // dy/dx = 3x² = 12
    /// g.backward(y);
    /// assert_eq!((y.data(), x.grad()), (-8.0, 12.0));
    /// ```
    pub fn powf(self, p: f64) -> Self {
        self.unary(Op::PowConst(p))
    }

    /// `self^exponent` with a value as exponent (defined for `self > 0`).
    /// Local derivatives: `∂/∂a = b · a^(b-1)`, `∂/∂b = ln(a) · a^b`.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let (a, b) = (g.input(2.0), g.input(3.0));
    /// let y = a.pow(b);
    /// g.backward(y);
    /// assert_eq!((y.data(), a.grad()), (8.0, 12.0));
    /// assert!((b.grad() - 2f64.ln() * 8.0).abs() < 1e-15);
    /// ```
    pub fn pow(self, exponent: Value<'g>) -> Self {
        self.binary(Op::Pow, exponent)
    }

    /// `if_positive(c, a, b)`: `then` where `self > 0`, else `otherwise` (also where `self`
    /// is NaN). Its local derivatives are 0 for the condition, and 1 or 0 for the branches.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let (c, a, b) = (g.input(-1.0), g.input(2.0), g.input(3.0));
    /// let y = c.if_positive(a, b);
    /// g.backward(y);
    /// assert_eq!((y.data(), a.grad(), b.grad(), c.grad()), (3.0, 0.0, 1.0, 0.0));
    /// ```
    pub fn if_positive(self, then: Value<'g>, otherwise: Value<'g>) -> Self {
        self.graph().push(Op::IfPositive, &[self, then, otherwise])
    }

    /// Leaky ReLU: `x` for `x > 0`, `slope · x` otherwise (the usual slope is 0.01).
    /// Local derivative: 1 for `x > 0`, `slope` otherwise.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(-2.0);
    /// let y = x.leaky_relu(0.01);
    /// g.backward(y);
    /// assert_eq!((y.data(), x.grad()), (-0.02, 0.01));
    /// ```
    pub fn leaky_relu(self, slope: f64) -> Self {
        self.unary(Op::LeakyRelu(slope))
    }

    /// PReLU: `x` for `x > 0`, `a · x` otherwise, where the slope `a` is a value, so it is
    /// learned. Local derivatives: `∂/∂x = 1` for `x > 0`, `a` otherwise; `∂/∂a = min(0, x)`.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let (x, a) = (g.input(-2.0), g.parameter(0.25));
    /// let y = x.prelu(a);
    /// g.backward(y);
    /// assert_eq!((y.data(), x.grad(), a.grad()), (-0.5, 0.25, -2.0));
    /// ```
    pub fn prelu(self, slope: Value<'g>) -> Self {
        self.binary(Op::Prelu, slope)
    }
}

/// The sums of many values as one node each.
impl Graph {
    /// `Σ values`, as one node with an edge from each term.
    ///
    /// An empty sum is the constant 0.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let (a, b, c) = (g.input(1.0), g.input(2.0), g.input(3.0));
    /// let s = g.sum(&[a, b, c, a]); // ds/da = 2: a appears twice
    /// g.backward(s);
    /// assert_eq!((s.data(), a.grad(), b.grad()), (7.0, 2.0, 1.0));
    /// ```
    pub fn sum<'g>(&'g self, values: &[Value<'g>]) -> Value<'g> {
        if values.is_empty() {
            return self.constant(0.0);
        }
        self.push(Op::Sum(values.len() as u32), values)
    }

    /// A neuron's weighted sum `Σ w_i x_i + b` as one node with `2n + 1` inputs.
    ///
    /// It is summed as `b + w_0 x_0 + w_1 x_1 + …`, micrograd's order, so results agree with
    /// micrograd to the last digit. Its local derivatives are `∂/∂w_i = x_i`,
    /// `∂/∂x_i = w_i`, `∂/∂b = 1`.
    ///
    /// Returns [`Error::Shape`](crate::Error::Shape) if `weights` and `inputs` differ in length.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph::Error> {
    /// let g = gradgraph::Graph::new();
    /// let w = [g.parameter(0.5), g.parameter(-1.0)];
    /// let x = [g.input(2.0), g.input(3.0)];
    /// let b = g.parameter(0.25);
    /// let s = g.weighted_sum(&w, &x, b)?; // 0.25 + 0.5·2 - 1·3
    /// g.backward(s);
    /// assert_eq!(s.data(), -1.75);
    /// assert_eq!((w[1].grad(), x[1].grad(), b.grad()), (3.0, -1.0, 1.0));
    /// # Ok(()) }
    /// ```
    pub fn weighted_sum<'g>(
        &'g self,
        weights: &[Value<'g>],
        inputs: &[Value<'g>],
        bias: Value<'g>,
    ) -> Result<Value<'g>, crate::Error> {
        if weights.len() != inputs.len() {
            return Err(crate::Error::Shape {
                what: "weighted sum: inputs for the weights".into(),
                expected: weights.len(),
                got: inputs.len(),
            });
        }
        let mut operands = Vec::with_capacity(2 * weights.len() + 1);
        operands.extend_from_slice(weights);
        operands.extend_from_slice(inputs);
        operands.push(bias);
        Ok(self.push(Op::WeightedSum(weights.len() as u32), &operands))
    }
}

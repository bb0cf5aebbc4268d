//! The operations: for each one, its forward formula and its local derivatives, side by side.
//!
//! Every node of a [`Graph`](crate::Graph) records one [`Op`]. Three `match`es below hold
//! all the calculus of the engine, each in the same order:
//!
//! 1. [`Op::forward`]: the value of the node from the values of its operands;
//! 2. [`Op::local_derivative`]: `∂ out / ∂ operand[k]`, as a number, for backward;
//! 3. `Op::local_derivative_value`: the same derivative built as graph values, so that
//!    gradients can themselves be differentiated (second derivatives, see
//!    [`Graph::grad`](crate::Graph::grad)).
//!
//! The chain rule itself appears once, in backward:
//! `grad[operand] += local_derivative * grad[node]`.
//!
//! At kinks gradgraph follows PyTorch: `relu'(0) = 0`, `abs'(0) = 0`, `step'(x) = 0`,
//! `leaky_relu'(0) = slope`, and `d prelu / dx` at 0 is the learned slope.

use crate::Value;
use std::f64::consts::{FRAC_1_SQRT_2, PI};
use std::fmt;

/// The operation that produced a node. Operands are the node's incoming edges, in order.
///
/// Variants carrying an `f64` hold a constant that is part of the operation (`x * 2` is
/// `MulScalar(2.0)` with one operand), so that a constant costs no node of its own.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Op {
    /// A leaf that wants a gradient (an input, `x`). No operands.
    Leaf,
    /// A learnable parameter: a leaf that an optimiser updates (a weight, a bias). No operands.
    Param,
    /// A constant: a leaf that wants no gradient. No operands.
    Const,
    /// `a + b`.
    Add,
    /// `a - b`.
    Sub,
    /// `a * b`.
    Mul,
    /// `a / b`.
    Div,
    /// `-x`.
    Neg,
    /// `x + c` for a constant `c`.
    AddScalar(f64),
    /// `x * c` for a constant `c`.
    MulScalar(f64),
    /// `x / c` for a constant `c`.
    DivScalar(f64),
    /// `c - x` for a constant `c`.
    ScalarSub(f64),
    /// `c / x` for a constant `c`.
    ScalarDiv(f64),
    /// `x^p` for a constant exponent `p` (negative bases allowed for integer `p`).
    PowConst(f64),
    /// `a^b` with a value as exponent (defined for `a > 0`).
    Pow,
    /// `e^x`.
    Exp,
    /// Natural logarithm `ln x`.
    Log,
    /// `√x`.
    Sqrt,
    /// `sin x`.
    Sin,
    /// `cos x`.
    Cos,
    /// `|x|`.
    Abs,
    /// The error function `erf x`.
    Erf,
    /// Heaviside step: 0 for `x < 0`, 1 for `x ≥ 0`.
    Step,
    /// Logistic sigmoid `1 / (1 + e^-x)`.
    Sigmoid,
    /// `tanh x`.
    Tanh,
    /// `max(0, x)`.
    Relu,
    /// `x` for `x > 0`, `slope · x` otherwise.
    LeakyRelu(f64),
    /// `prelu(x, a)`: `x` for `x > 0`, `a · x` otherwise, with a learned slope `a`.
    Prelu,
    /// Exact GELU `x · Φ(x)`, Φ the standard normal CDF.
    Gelu,
    /// ELU with α = 1: `x` for `x > 0`, `e^x - 1` otherwise.
    Elu,
    /// SiLU (swish) `x · sigmoid(x)`.
    Silu,
    /// `ln(1 + e^x)`, computed without overflow.
    Softplus,
    /// `Σ x_i` over any number of operands.
    Sum(u32),
    /// `Σ w_i x_i + b` over `n` pairs: operands are `w_0 … w_{n-1}, x_0 … x_{n-1}, b`.
    WeightedSum(u32),
}

/// Standard normal density `φ(x) = e^{-x²/2} / √(2π)`.
fn normal_pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * PI).sqrt()
}

/// Standard normal CDF `Φ(x) = (1 + erf(x / √2)) / 2`.
fn normal_cdf(x: f64) -> f64 {
    0.5 * (1.0 + libm::erf(x * FRAC_1_SQRT_2))
}

/// Logistic sigmoid, written so that neither branch overflows.
fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// 1 for `x > 0`, else 0: the derivative of relu (0 at the kink, as PyTorch).
fn positive(x: f64) -> f64 {
    if x > 0.0 { 1.0 } else { 0.0 }
}

/// 1, 0 or -1: the derivative of `|x|` (0 at the kink, as PyTorch).
fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        0.0
    }
}

impl Op {
    /// How many operands this op takes.
    ///
    /// Computes in **O(1)** time.
    pub fn arity(self) -> usize {
        match self {
            Op::Leaf | Op::Param | Op::Const => 0,
            Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Pow | Op::Prelu => 2,
            Op::Sum(n) => n as usize,
            Op::WeightedSum(n) => 2 * n as usize + 1,
            _ => 1,
        }
    }

    /// True for the ops without operands: leaves, parameters and constants.
    pub fn is_leaf(self) -> bool {
        matches!(self, Op::Leaf | Op::Param | Op::Const)
    }

    /// The value of a node with this op, from the values `x` of its operands.
    ///
    /// Leaves have no formula: their value is set from outside, and this returns NaN.
    pub fn forward(self, x: &[f64]) -> f64 {
        match self {
            Op::Leaf | Op::Param | Op::Const => f64::NAN,
            Op::Add => x[0] + x[1],
            Op::Sub => x[0] - x[1],
            Op::Mul => x[0] * x[1],
            Op::Div => x[0] / x[1],
            Op::Neg => -x[0],
            Op::AddScalar(c) => x[0] + c,
            Op::MulScalar(c) => x[0] * c,
            Op::DivScalar(c) => x[0] / c,
            Op::ScalarSub(c) => c - x[0],
            Op::ScalarDiv(c) => c / x[0],
            Op::PowConst(p) => x[0].powf(p),
            Op::Pow => x[0].powf(x[1]),
            Op::Exp => x[0].exp(),
            Op::Log => x[0].ln(),
            Op::Sqrt => x[0].sqrt(),
            Op::Sin => x[0].sin(),
            Op::Cos => x[0].cos(),
            Op::Abs => x[0].abs(),
            Op::Erf => libm::erf(x[0]),
            Op::Step => {
                if x[0] >= 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Op::Sigmoid => sigmoid(x[0]),
            Op::Tanh => x[0].tanh(),
            // written so that NaN stays NaN (`f64::max` would turn it into 0)
            Op::Relu => {
                if x[0] <= 0.0 {
                    0.0
                } else {
                    x[0]
                }
            }
            Op::LeakyRelu(slope) => {
                if x[0] > 0.0 {
                    x[0]
                } else {
                    slope * x[0]
                }
            }
            Op::Prelu => {
                if x[0] > 0.0 {
                    x[0]
                } else {
                    x[1] * x[0]
                }
            }
            Op::Gelu => x[0] * normal_cdf(x[0]),
            Op::Elu => {
                if x[0] > 0.0 {
                    x[0]
                } else {
                    x[0].exp_m1()
                }
            }
            Op::Silu => x[0] * sigmoid(x[0]),
            // ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|): e^-|x| never overflows
            Op::Softplus => x[0].max(0.0) + (-x[0].abs()).exp().ln_1p(),
            // summed left to right, as Python's sum() does
            Op::Sum(_) => x.iter().fold(0.0, |acc, &v| acc + v),
            // b + w_0 x_0 + w_1 x_1 + ...: micrograd's order, so results match it exactly
            Op::WeightedSum(n) => {
                let n = n as usize;
                let (w, rest) = x.split_at(n);
                let (xs, b) = rest.split_at(n);
                let mut acc = b[0];
                for (wi, xi) in w.iter().zip(xs) {
                    acc += wi * xi;
                }
                acc
            }
        }
    }

    /// The local derivative `∂ out / ∂ x[k]` of a node whose operands have values `x` and
    /// whose own value is `out`.
    pub fn local_derivative(self, x: &[f64], out: f64, k: usize) -> f64 {
        match self {
            Op::Leaf | Op::Param | Op::Const => 0.0,
            // d(a + b)/da = 1, d(a + b)/db = 1
            Op::Add => 1.0,
            // d(a - b)/da = 1, d(a - b)/db = -1
            Op::Sub => [1.0, -1.0][k],
            // d(ab)/da = b, d(ab)/db = a
            Op::Mul => x[1 - k],
            // d(a/b)/da = 1/b, d(a/b)/db = -a/b²
            Op::Div => {
                if k == 0 {
                    1.0 / x[1]
                } else {
                    -x[0] / (x[1] * x[1])
                }
            }
            // d(-x)/dx = -1
            Op::Neg => -1.0,
            // d(x + c)/dx = 1
            Op::AddScalar(_) => 1.0,
            // d(cx)/dx = c
            Op::MulScalar(c) => c,
            // d(x/c)/dx = 1/c
            Op::DivScalar(c) => 1.0 / c,
            // d(c - x)/dx = -1
            Op::ScalarSub(_) => -1.0,
            // d(c/x)/dx = -c/x²
            Op::ScalarDiv(c) => -c / (x[0] * x[0]),
            // d(x^p)/dx = p x^(p-1)  (and 0 for p = 0, as PyTorch, even at x = 0)
            Op::PowConst(p) => {
                if p == 0.0 {
                    0.0
                } else {
                    p * x[0].powf(p - 1.0)
                }
            }
            // d(a^b)/da = b a^(b-1), d(a^b)/db = ln(a) a^b
            Op::Pow => {
                if k == 0 {
                    x[1] * x[0].powf(x[1] - 1.0)
                } else {
                    x[0].ln() * out
                }
            }
            // d(e^x)/dx = e^x
            Op::Exp => out,
            // d(ln x)/dx = 1/x
            Op::Log => 1.0 / x[0],
            // d(√x)/dx = 1/(2√x)
            Op::Sqrt => 0.5 / out,
            // d(sin x)/dx = cos x
            Op::Sin => x[0].cos(),
            // d(cos x)/dx = -sin x
            Op::Cos => -x[0].sin(),
            // d|x|/dx = sign(x), 0 at the kink
            Op::Abs => sign(x[0]),
            // d erf(x)/dx = 2/√π e^(-x²)
            Op::Erf => 2.0 / PI.sqrt() * (-x[0] * x[0]).exp(),
            // the step is flat on both sides: zero derivative (this is why it cannot train)
            Op::Step => 0.0,
            // σ'(x) = σ(x)(1 - σ(x)): at most 0.25, at x = 0
            Op::Sigmoid => out * (1.0 - out),
            // tanh'(x) = 1 - tanh²(x): at most 1, at x = 0
            Op::Tanh => 1.0 - out * out,
            // relu'(x) = 1 for x > 0, else 0 (0 at the kink, as PyTorch)
            Op::Relu => positive(x[0]),
            // leaky_relu'(x) = 1 for x > 0, slope otherwise
            Op::LeakyRelu(slope) => {
                if x[0] > 0.0 {
                    1.0
                } else {
                    slope
                }
            }
            // ∂prelu/∂x = 1 for x > 0, a otherwise; ∂prelu/∂a = min(0, x)
            Op::Prelu => {
                if k == 0 {
                    if x[0] > 0.0 { 1.0 } else { x[1] }
                } else if x[0] > 0.0 {
                    0.0
                } else {
                    x[0] // min(0, x), keeping NaN as NaN
                }
            }
            // gelu'(x) = Φ(x) + x φ(x)
            Op::Gelu => normal_cdf(x[0]) + x[0] * normal_pdf(x[0]),
            // elu'(x) = 1 for x > 0, e^x otherwise
            Op::Elu => {
                if x[0] > 0.0 {
                    1.0
                } else {
                    x[0].exp()
                }
            }
            // silu'(x) = σ(x) + x σ(x)(1 - σ(x))
            Op::Silu => {
                let s = sigmoid(x[0]);
                s * (1.0 + x[0] * (1.0 - s))
            }
            // softplus'(x) = σ(x)
            Op::Softplus => sigmoid(x[0]),
            // dΣ/dx_i = 1
            Op::Sum(_) => 1.0,
            // ∂/∂w_i = x_i, ∂/∂x_i = w_i, ∂/∂b = 1
            Op::WeightedSum(n) => {
                let n = n as usize;
                if k < n {
                    x[n + k]
                } else if k < 2 * n {
                    x[k - n]
                } else {
                    1.0
                }
            }
        }
    }

    /// The local derivative `∂ out / ∂ x[k]` built as a value of the graph (for
    /// [`Graph::grad`](crate::Graph::grad)), from the operands `x` and the node `out`.
    ///
    /// Piecewise-constant derivatives (relu, abs, leaky relu) are written with `step`, whose
    /// own derivative is 0, so they stay correct when the graph is replayed.
    pub(crate) fn local_derivative_value<'g>(
        self,
        x: &[Value<'g>],
        out: Value<'g>,
        k: usize,
    ) -> Value<'g> {
        let g = out.graph();
        let one = || g.constant(1.0);
        // 1 for x > 0, else 0, as `1 - step(-x)`
        let positive = |v: Value<'g>| 1.0 - (-v).step();
        match self {
            Op::Leaf | Op::Param | Op::Const => g.constant(0.0),
            Op::Add => one(),
            Op::Sub => g.constant([1.0, -1.0][k]),
            Op::Mul => x[1 - k],
            Op::Div => {
                if k == 0 {
                    1.0 / x[1]
                } else {
                    -x[0] / (x[1] * x[1])
                }
            }
            Op::Neg => g.constant(-1.0),
            Op::AddScalar(_) => one(),
            Op::MulScalar(c) => g.constant(c),
            Op::DivScalar(c) => g.constant(1.0 / c),
            Op::ScalarSub(_) => g.constant(-1.0),
            Op::ScalarDiv(c) => -c / (x[0] * x[0]),
            Op::PowConst(p) => {
                if p == 0.0 {
                    g.constant(0.0)
                } else {
                    p * x[0].powf(p - 1.0)
                }
            }
            Op::Pow => {
                if k == 0 {
                    x[1] * x[0].pow(x[1] - 1.0)
                } else {
                    x[0].log() * out
                }
            }
            Op::Exp => out,
            Op::Log => 1.0 / x[0],
            Op::Sqrt => 0.5 / out,
            Op::Sin => x[0].cos(),
            Op::Cos => -x[0].sin(),
            // sign(x) = step(x) - step(-x), which is 0 at 0
            Op::Abs => x[0].step() - (-x[0]).step(),
            Op::Erf => 2.0 / PI.sqrt() * (-(x[0] * x[0])).exp(),
            Op::Step => g.constant(0.0),
            Op::Sigmoid => out * (1.0 - out),
            Op::Tanh => 1.0 - out * out,
            Op::Relu => positive(x[0]),
            Op::LeakyRelu(slope) => slope + (1.0 - slope) * positive(x[0]),
            Op::Prelu => {
                let p = positive(x[0]);
                if k == 0 {
                    p + x[1] * (1.0 - p)
                } else {
                    x[0] * (1.0 - p)
                }
            }
            Op::Gelu => {
                let cdf = 0.5 * (1.0 + (x[0] * FRAC_1_SQRT_2).erf());
                let pdf = (-0.5 * (x[0] * x[0])).exp() / (2.0 * PI).sqrt();
                cdf + x[0] * pdf
            }
            Op::Elu => {
                let p = positive(x[0]);
                p + (1.0 - p) * x[0].exp()
            }
            Op::Silu => {
                let s = x[0].sigmoid();
                s * (1.0 + x[0] * (1.0 - s))
            }
            Op::Softplus => x[0].sigmoid(),
            Op::Sum(_) => one(),
            Op::WeightedSum(n) => {
                let n = n as usize;
                if k < n {
                    x[n + k]
                } else if k < 2 * n {
                    x[k - n]
                } else {
                    one()
                }
            }
        }
    }

    /// A short name for pictures and traces: `+`, `*`, `tanh`, `Σ`, `* 2`, `^2`, ...
    pub fn symbol(self) -> String {
        match self {
            Op::Leaf => "leaf".into(),
            Op::Param => "param".into(),
            Op::Const => "const".into(),
            Op::Add => "+".into(),
            Op::Sub => "-".into(),
            Op::Mul => "*".into(),
            Op::Div => "/".into(),
            Op::Neg => "neg".into(),
            Op::AddScalar(c) => format!("+ {c}"),
            Op::MulScalar(c) => format!("* {c}"),
            Op::DivScalar(c) => format!("/ {c}"),
            Op::ScalarSub(c) => format!("{c} -"),
            Op::ScalarDiv(c) => format!("{c} /"),
            Op::PowConst(p) => format!("^{p}"),
            Op::Pow => "^".into(),
            Op::Exp => "exp".into(),
            Op::Log => "log".into(),
            Op::Sqrt => "sqrt".into(),
            Op::Sin => "sin".into(),
            Op::Cos => "cos".into(),
            Op::Abs => "abs".into(),
            Op::Erf => "erf".into(),
            Op::Step => "step".into(),
            Op::Sigmoid => "sigmoid".into(),
            Op::Tanh => "tanh".into(),
            Op::Relu => "relu".into(),
            Op::LeakyRelu(s) => format!("leaky_relu({s})"),
            Op::Prelu => "prelu".into(),
            Op::Gelu => "gelu".into(),
            Op::Elu => "elu".into(),
            Op::Silu => "silu".into(),
            Op::Softplus => "softplus".into(),
            Op::Sum(_) => "Σ".into(),
            Op::WeightedSum(_) => "Σ w·x + b".into(),
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.symbol())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arity_matches_forward() {
        assert_eq!(Op::WeightedSum(3).arity(), 7);
        // b + w0 x0 + w1 x1 + w2 x2 = 0.5 + 1*4 + 2*5 + 3*6
        let x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 0.5];
        assert_eq!(Op::WeightedSum(3).forward(&x), 32.5);
        assert_eq!(Op::WeightedSum(3).local_derivative(&x, 32.5, 1), 5.0);
        assert_eq!(Op::WeightedSum(3).local_derivative(&x, 32.5, 4), 2.0);
        assert_eq!(Op::WeightedSum(3).local_derivative(&x, 32.5, 6), 1.0);
    }

    #[test]
    fn backward_sends_what_local_derivative_says() {
        // backward writes out the weighted sum and the n-ary sum; its local derivatives must
        // be the ones written here
        let g = crate::Graph::new();
        let v: Vec<_> = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 0.5]
            .iter()
            .map(|&x| g.value(x))
            .collect();
        let ws = g
            .weighted_sum(&v[..3], &v[3..6], v[6])
            .expect("3 weights, 3 inputs");
        let s = g.sum(&[ws, v[0], v[1], v[2]]);
        let trace = g.backward_trace(s);
        for step in trace.steps.iter().filter(|st| !st.inputs.is_empty()) {
            let node = g.get(step.node).expect("a node of the graph");
            let x: Vec<f64> = g.operands(node).iter().map(|o| o.data()).collect();
            for (k, e) in step.inputs.iter().enumerate() {
                assert_eq!(
                    e.local,
                    step.op.local_derivative(&x, step.data, k),
                    "{:?} {k}",
                    step.op
                );
            }
        }
    }

    #[test]
    fn softplus_does_not_overflow() {
        assert_eq!(Op::Softplus.forward(&[1000.0]), 1000.0);
        assert_eq!(Op::Softplus.forward(&[-1000.0]), 0.0);
        assert_eq!(Op::Sigmoid.forward(&[-1000.0]), 0.0);
    }
}

//! The operations: each op's forward formula and its local derivatives, side by side, in
//! one place.
//!
//! Every node of a [`Graph`](crate::Graph) records one [`Op`]. All the calculus of the
//! engine is in three places of this file, each in the same order of ops:
//!
//! 1. [`OPS`], the table of ops: each op's name, kind and symbol. It declares the [`Op`]
//!    enum itself, and drives everything that lists ops: the functions `gradgraph expr`
//!    understands and its `--help`, the activations of `gradgraph-nn`, the property tests
//!    and the pictures.
//! 2. [`Op::forward`]: the value of a node from the values of its operands.
//! 3. [`Op::local_derivative`]: `∂ out / ∂ operand[k]`, written **once**, generically over the
//!    [`Scalar`] it computes with. With `f64` it gives the numbers backward multiplies
//!    (no allocation); with [`Value`](crate::Value) it builds the same derivative as graph
//!    values, so that gradients can be differentiated again ([`Graph::grad`](crate::Graph::grad)).
//!    Both follow the same operations in the same order, so they agree to the last bit.
//!
//! The chain rule itself appears once, in backward:
//! `grad[operand] += local_derivative * grad[node]`.
//!
//! At kinks gradgraph follows PyTorch: `relu'(0) = 0`, `abs'(0) = 0`, `step'(x) = 0`,
//! `leaky_relu'(0) = slope`, and `d prelu / dx` at 0 is the learned slope. At NaN the
//! piecewise derivatives take their `x ≤ 0` branch (`relu'(NaN) = 0`, as PyTorch).
//!
//! # Adding an op
//!
//! A new one-operand function, say `softsign(x) = x / (1 + |x|)`, takes three edits, all in
//! this file:
//!
//! 1. an entry in the table below: its doc, its name, its kind, its symbol in pictures, and
//!    for people how it is written, its formula and its derivative, as templates over its
//!    operands (`$0`) that every picture, page, trace and worksheet fills in with the
//!    student's own names
//!    (`Softsign => "softsign", Kind::Activation(Family::Saturating), "softsign",
//!    "softsign($0)", "$0/(1 + |$0|)", &["1/(1 + |$0|)²"];`);
//! 2. its forward formula in [`Op::forward`] (`Op::Softsign => x[0] / (1.0 + x[0].abs())`);
//! 3. its local derivative in [`Op::local_derivative`]
//!    (`Op::Softsign => { let d = x[0].abs() + 1.0; c(1.0) / (d * d) }`), written with the
//!    [`Scalar`] methods (and `c(..)` for constants) so that it works on numbers and on
//!    graph values alike.
//!
//! It then shows up everywhere: `gradgraph expr 'softsign(x)'`, `gradgraph train
//! --activation softsign` (with the initialisation its family calls for), the tour's
//! gallery of activations, the pictures, and the tests that check every op of the table
//! against finite differences. An op with another number of operands also needs its
//! arity in [`Op::arity`] (one operand is the default).

use crate::op_table::op_table;
pub use crate::op_table::{Family, Kind};
use crate::scalar::Scalar;
#[doc(hidden)]
pub use crate::scalar::sigmoid;
use std::f64::consts::{FRAC_1_SQRT_2, PI};

op_table! {
    // variant (parameter: type = default) => name, kind, symbol, form, formula, derivatives
    /// An input: a leaf that wants a gradient (`x`). No operands.
    Input => "input", Kind::Leaf, "leaf",
        "x", "x", &[];
    /// A learnable parameter: a leaf that an optimiser updates (a weight, a bias). No operands.
    Param => "parameter", Kind::Leaf, "param",
        "w", "w", &[];
    /// A constant: a leaf that wants no gradient. No operands.
    Const => "constant", Kind::Leaf, "const",
        "c", "c", &[];
    /// `a + b`.
    Add => "add", Kind::Arithmetic, "+",
        "$0 + $1", "$0 + $1", &["1", "1"];
    /// `a - b`.
    Sub => "sub", Kind::Arithmetic, "-",
        "$0 − $1", "$0 − $1", &["1", "−1"];
    /// `a * b`.
    Mul => "mul", Kind::Arithmetic, "*",
        "$0·$1", "$0·$1", &["$1", "$0"];
    /// `a / b`.
    Div => "div", Kind::Arithmetic, "/",
        "$0/$1", "$0/$1", &["1/$1", "−$0/$1²"];
    /// `-x`.
    Neg => "neg", Kind::Arithmetic, "neg",
        "−$0", "−$0", &["−1"];
    /// `x + c` for a constant `c`.
    AddConst(c: f64 = 1.0) => "add_const", Kind::Arithmetic, "+ {}",
        "$0 + $c", "$0 + $c", &["1"];
    /// `x * c` for a constant `c`.
    MulConst(c: f64 = 2.0) => "mul_const", Kind::Arithmetic, "* {}",
        "$c·$0", "$c·$0", &["$c"];
    /// `x / c` for a constant `c`.
    DivConst(c: f64 = 2.0) => "div_const", Kind::Arithmetic, "/ {}",
        "$0/$c", "$0/$c", &["1/$c"];
    /// `c - x` for a constant `c`.
    ConstMinus(c: f64 = 1.0) => "const_minus", Kind::Arithmetic, "{} -",
        "$c − $0", "$c − $0", &["−1"];
    /// `c / x` for a constant `c`.
    ConstOver(c: f64 = 1.0) => "const_over", Kind::Arithmetic, "{} /",
        "$c/$0", "$c/$0", &["−$c/$0²"];
    /// `x^p` for a constant exponent `p` (negative bases allowed for integer `p`).
    PowConst(p: f64 = 2.0) => "pow_const", Kind::Arithmetic, "^{}",
        "$0^$c", "$0^$c", &["$c·$0^$d"];
    /// `a^b` with a value as exponent (defined for `a > 0`).
    Pow => "pow", Kind::Arithmetic, "^",
        "$0^$1", "$0^$1", &["$1·$0^($1 − 1)", "ln($0)·$0^$1"];
    /// `e^x`.
    Exp => "exp", Kind::Function, "exp",
        "exp($0)", "e^$0", &["e^$0"];
    /// Natural logarithm `ln x`.
    Log => "log", Kind::Function, "log",
        "log($0)", "ln($0)", &["1/$0"];
    /// `√x`.
    Sqrt => "sqrt", Kind::Function, "sqrt",
        "sqrt($0)", "√$0", &["1/(2√$0)"];
    /// `sin x`.
    Sin => "sin", Kind::Function, "sin",
        "sin($0)", "sin($0)", &["cos($0)"];
    /// `cos x`.
    Cos => "cos", Kind::Function, "cos",
        "cos($0)", "cos($0)", &["−sin($0)"];
    /// `|x|`.
    Abs => "abs", Kind::Function, "abs",
        "abs($0)", "|$0|", &["1 if $0 > 0, −1 if $0 < 0, else 0"];
    /// The error function `erf x`.
    Erf => "erf", Kind::Function, "erf",
        "erf($0)", "erf($0)", &["2/√π·e^(−$0²)"];
    /// `max(0, x)`.
    Relu => "relu", Kind::Activation(Family::Rectifier), "relu",
        "relu($0)", "max(0, $0)", &["1 if $0 > 0, else 0"];
    /// `tanh x`.
    Tanh => "tanh", Kind::Activation(Family::Saturating), "tanh",
        "tanh($0)", "tanh($0)", &["1 − tanh²($0)"];
    /// Logistic sigmoid `1 / (1 + e^-x)`.
    Sigmoid => "sigmoid", Kind::Activation(Family::Saturating), "sigmoid",
        "σ($0)", "1/(1 + e^(−$0))", &["σ($0)·(1 − σ($0))"];
    /// `x` for `x > 0`, `slope · x` otherwise.
    LeakyRelu(slope: f64 = 0.01) => "leaky_relu", Kind::Activation(Family::Rectifier), "leaky_relu({})",
        "leaky_relu($0, $c)", "$0 if $0 > 0, else $c·$0", &["1 if $0 > 0, else $c"];
    /// `prelu(x, a)`: `x` for `x > 0`, `a · x` otherwise, with a learned slope `a`.
    Prelu => "prelu", Kind::Activation(Family::Rectifier), "prelu",
        "prelu($0, $1)", "$0 if $0 > 0, else $1·$0", &["1 if $0 > 0, else $1", "0 if $0 > 0, else $0"];
    /// Exact GELU `x · Φ(x)`, Φ the standard normal CDF.
    Gelu => "gelu", Kind::Activation(Family::Rectifier), "gelu",
        "gelu($0)", "$0·Φ($0)", &["Φ($0) + $0·φ($0)"];
    /// ELU with α = 1: `x` for `x > 0`, `e^x - 1` otherwise.
    Elu => "elu", Kind::Activation(Family::Rectifier), "elu",
        "elu($0)", "$0 if $0 > 0, else e^$0 − 1", &["1 if $0 > 0, else e^$0"];
    /// SiLU (swish) `x · sigmoid(x)`.
    Silu => "silu", Kind::Activation(Family::Rectifier), "silu",
        "silu($0)", "$0·σ($0)", &["σ($0)·(1 + $0·(1 − σ($0)))"];
    /// `ln(1 + e^x)`, computed without overflow.
    Softplus => "softplus", Kind::Activation(Family::Rectifier), "softplus",
        "softplus($0)", "ln(1 + e^$0)", &["σ($0)"];
    /// Heaviside step: 0 for `x < 0`, 1 for `x ≥ 0`.
    Step => "step", Kind::Activation(Family::Saturating), "step",
        "step($0)", "1 if $0 ≥ 0, else 0", &["0"];
    /// `if_positive(c, a, b)`: `a` where `c > 0`, else `b` (also for a NaN `c`). The
    /// derivatives of the piecewise ops are built with it, so that they stay exact when
    /// differentiated again.
    IfPositive => "if_positive", Kind::Function, "if_positive",
        "if_positive($0, $1, $2)", "$1 if $0 > 0, else $2", &["0", "1 if $0 > 0, else 0", "0 if $0 > 0, else 1"];
    /// `Σ x_i` over any number of operands.
    Sum(n: u32 = 3) => "sum", Kind::Arithmetic, "Σ",
        "$0 + $1 + …", "$0 + $1 + …", &["1"];
    /// `Σ w_i x_i + b` over `n` pairs: operands are `w_0 … w_{n-1}, x_0 … x_{n-1}, b`.
    WeightedSum(n: u32 = 2) => "weighted_sum", Kind::Arithmetic, "Σ w·x + b",
        "$b + $w·$x + …", "$b + $w·$x + …", &["$p", "$p", "1"];
}

/// `then` if `condition`, else `otherwise`: the two sides of a piecewise op.
fn pick(condition: bool, then: f64, otherwise: f64) -> f64 {
    if condition { then } else { otherwise }
}

/// Standard normal density `φ(x) = e^{-x²/2} / √(2π)`.
#[doc(hidden)]
pub fn normal_pdf<S: Scalar>(x: S) -> S {
    (x * -0.5 * x).exp() / (2.0 * PI).sqrt()
}

/// Standard normal CDF `Φ(x) = (1 + erf(x / √2)) / 2`.
#[doc(hidden)]
pub fn normal_cdf<S: Scalar>(x: S) -> S {
    ((x * FRAC_1_SQRT_2).erf() + 1.0) * 0.5
}

/// `b + w_0 x_0 + w_1 x_1 + …`: the weighted sum's value, in micrograd's order so that
/// results match it exactly. [`Op::forward`] and the graph's replay both call it.
#[inline]
#[doc(hidden)]
pub fn weighted_sum(bias: f64, pairs: impl Iterator<Item = (f64, f64)>) -> f64 {
    let mut acc = bias;
    for (w, x) in pairs {
        acc += w * x;
    }
    acc
}

impl Op {
    /// How many operands this op takes.
    ///
    /// Computes in **O(1)** time.
    #[inline]
    pub fn arity(self) -> usize {
        match self {
            Op::Input | Op::Param | Op::Const => 0,
            Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Pow | Op::Prelu => 2,
            Op::IfPositive => 3,
            Op::Sum(n) => n as usize,
            Op::WeightedSum(n) => 2 * n as usize + 1,
            _ => 1,
        }
    }

    /// True for the ops without operands: inputs, parameters and constants.
    pub fn is_leaf(self) -> bool {
        matches!(self, Op::Input | Op::Param | Op::Const)
    }

    /// The value of a node with this op, from the values `x` of its operands.
    ///
    /// Leaves have no formula: their value is set from outside, and this returns NaN.
    #[inline]
    pub fn forward(self, x: &[f64]) -> f64 {
        match self {
            Op::Input | Op::Param | Op::Const => f64::NAN,
            Op::Add => x[0] + x[1],
            Op::Sub => x[0] - x[1],
            Op::Mul => x[0] * x[1],
            Op::Div => x[0] / x[1],
            Op::Neg => -x[0],
            Op::AddConst(c) => x[0] + c,
            Op::MulConst(c) => x[0] * c,
            Op::DivConst(c) => x[0] / c,
            Op::ConstMinus(c) => c - x[0],
            Op::ConstOver(c) => c / x[0],
            Op::PowConst(p) => crate::scalar::pow(x[0], p),
            Op::Pow => crate::scalar::pow(x[0], x[1]),
            Op::Exp => pxfm::f_exp(x[0]),
            Op::Log => pxfm::f_log(x[0]),
            Op::Sqrt => x[0].sqrt(),
            Op::Sin => pxfm::f_sin(x[0]),
            Op::Cos => pxfm::f_cos(x[0]),
            Op::Abs => x[0].abs(),
            Op::Erf => pxfm::f_erf(x[0]),
            Op::Step => pick(x[0] >= 0.0, 1.0, 0.0),
            Op::Sigmoid => sigmoid(x[0]),
            Op::Tanh => pxfm::f_tanh(x[0]),
            // written so that NaN stays NaN (`f64::max` would turn it into 0)
            Op::Relu => pick(x[0] <= 0.0, 0.0, x[0]),
            Op::LeakyRelu(slope) => pick(x[0] > 0.0, x[0], slope * x[0]),
            Op::Prelu => pick(x[0] > 0.0, x[0], x[1] * x[0]),
            Op::Gelu => crate::accurate::gelu(x[0]),
            Op::Elu => pick(x[0] > 0.0, x[0], pxfm::f_expm1(x[0])),
            Op::Silu => crate::accurate::silu(x[0]),
            // ln(1 + e^x); above 33, e^-x is below half an ulp of x and e^x would overflow
            Op::Softplus => pick(
                x[0] > 33.0,
                x[0] + pxfm::f_exp(-x[0]),
                pxfm::f_log1p(pxfm::f_exp(x[0])),
            ),
            Op::IfPositive => x[0].if_positive(x[1], x[2]),
            // summed left to right, as Python's sum() does
            Op::Sum(_) => x.iter().fold(0.0, |acc, &v| acc + v),
            Op::WeightedSum(n) => {
                let n = n as usize;
                let (w, rest) = x.split_at(n);
                let (xs, b) = rest.split_at(n);
                weighted_sum(b[0], w.iter().copied().zip(xs.iter().copied()))
            }
        }
    }

    /// The local derivative `∂ out / ∂ x[k]` of a node whose operands have values `x` and
    /// whose own value is `out`.
    ///
    /// It is written once, for any [`Scalar`]: with `f64` it is the number backward
    /// multiplies; with [`Value`](crate::Value) it builds the same derivative as nodes of
    /// the graph (for [`Graph::grad`](crate::Graph::grad)), operation for operation, so the
    /// two agree to the last bit. Piecewise derivatives are written with
    /// [`Scalar::if_positive`], whose own derivative is exact.
    ///
    /// # Examples
    /// ```
    /// use gradgraph::Op;
    /// // tanh'(x) = 1 - tanh²(x)
    /// let out = 0.5f64.tanh();
    /// assert_eq!(Op::Tanh.local_derivative(&[0.5], out, 0), 1.0 - out * out);
    /// // d(a / b)/db = -a / b²
    /// assert_eq!(Op::Div.local_derivative(&[3.0, 2.0], 1.5, 1), -0.75);
    /// ```
    #[inline]
    pub fn local_derivative<S: Scalar>(self, x: &[S], out: S, k: usize) -> S {
        // a constant: the number itself, or a constant node of the graph
        let c = |v: f64| out.lift(v);
        match self {
            Op::Input | Op::Param | Op::Const => c(0.0),
            // d(a + b)/da = 1, d(a + b)/db = 1
            Op::Add => c(1.0),
            // d(a - b)/da = 1, d(a - b)/db = -1
            Op::Sub => c(if k == 0 { 1.0 } else { -1.0 }),
            // d(ab)/da = b, d(ab)/db = a
            Op::Mul => x[1 - k],
            // d(a/b)/da = 1/b, d(a/b)/db = -a/b²
            Op::Div if k == 0 => c(1.0) / x[1],
            Op::Div => -x[0] / (x[1] * x[1]),
            // d(-x)/dx = -1
            Op::Neg => c(-1.0),
            // d(x + c)/dx = 1
            Op::AddConst(_) => c(1.0),
            // d(cx)/dx = c
            Op::MulConst(v) => c(v),
            // d(x/c)/dx = 1/c (the reciprocal is exactly 1.0 / c)
            Op::DivConst(v) => c(v.recip()),
            // d(c - x)/dx = -1
            Op::ConstMinus(_) => c(-1.0),
            // d(c/x)/dx = -c/x²
            Op::ConstOver(v) => c(-v) / (x[0] * x[0]),
            // d(x^p)/dx = p x^(p-1)  (and 0 for p = 0, as PyTorch, even at x = 0)
            Op::PowConst(0.0) => c(0.0),
            Op::PowConst(p) => x[0].powf(p - 1.0) * p,
            // d(a^b)/da = b a^(b-1), d(a^b)/db = ln(a) a^b; at a = 0, as PyTorch: 0 for
            // b = 0 (where b·0^(b−1) is 0·∞), and 0 for b ≥ 0 (where ln(0)·0^b is −∞·0 or
            // −∞·1), so that 0^0 = 1 and 0^2 = 0 send finite gradients
            Op::Pow if k == 0 => {
                let slope = x[1] * x[0].pow(x[1] - 1.0);
                x[0].abs()
                    .if_positive(slope, x[1].abs().if_positive(slope, c(0.0)))
            }
            Op::Pow => {
                let slope = x[0].ln() * out;
                x[0].abs()
                    .if_positive(slope, (-x[1]).if_positive(slope, c(0.0)))
            }
            // d(e^x)/dx = e^x
            Op::Exp => out,
            // d(ln x)/dx = 1/x
            Op::Log => c(1.0) / x[0],
            // d(√x)/dx = 1/(2√x)
            Op::Sqrt => c(0.5) / out,
            // d(sin x)/dx = cos x
            Op::Sin => x[0].cos(),
            // d(cos x)/dx = -sin x
            Op::Cos => -x[0].sin(),
            // d|x|/dx = sign(x): 1, -1, and 0 at the kink (as PyTorch)
            Op::Abs => x[0].if_positive(c(1.0), (-x[0]).if_positive(c(-1.0), c(0.0))),
            // d erf(x)/dx = 2/√π e^(-x²)
            Op::Erf => (-x[0] * x[0]).exp() * (2.0 / PI.sqrt()),
            // the step is flat on both sides: zero derivative (this is why it cannot train)
            Op::Step => c(0.0),
            // σ'(x) = σ(x)(1 - σ(x)): at most 0.25, at x = 0
            Op::Sigmoid => out * (c(1.0) - out),
            // tanh'(x) = 1 - tanh²(x): at most 1, at x = 0
            Op::Tanh => c(1.0) - out * out,
            // relu'(x) = 1 for x > 0, else 0 (0 at the kink, as PyTorch)
            Op::Relu => x[0].if_positive(c(1.0), c(0.0)),
            // leaky_relu'(x) = 1 for x > 0, slope otherwise
            Op::LeakyRelu(slope) => x[0].if_positive(c(1.0), c(slope)),
            // ∂prelu/∂x = 1 for x > 0, a otherwise; ∂prelu/∂a = 0 for x > 0, x otherwise
            Op::Prelu if k == 0 => x[0].if_positive(c(1.0), x[1]),
            Op::Prelu => x[0].if_positive(c(0.0), x[0]),
            // gelu'(x) = Φ(x) + x φ(x)
            Op::Gelu => normal_cdf(x[0]) + x[0] * normal_pdf(x[0]),
            // elu'(x) = 1 for x > 0, e^x otherwise
            Op::Elu => x[0].if_positive(c(1.0), x[0].exp()),
            // silu'(x) = σ(x) + x σ(x)(1 - σ(x)) = σ(x) (1 + x (1 - σ(x)))
            Op::Silu => {
                let s = x[0].sigmoid();
                s * (c(1.0) + x[0] * (c(1.0) - s))
            }
            // softplus'(x) = σ(x)
            Op::Softplus => x[0].sigmoid(),
            // ∂/∂c = 0 (flat on both sides), ∂/∂a = 1 where c > 0, ∂/∂b = 1 elsewhere
            Op::IfPositive if k == 0 => c(0.0),
            Op::IfPositive if k == 1 => x[0].if_positive(c(1.0), c(0.0)),
            Op::IfPositive => x[0].if_positive(c(0.0), c(1.0)),
            // dΣ/dx_i = 1
            Op::Sum(_) => c(1.0),
            // ∂/∂w_i = x_i, ∂/∂x_i = w_i, ∂/∂b = 1
            Op::WeightedSum(n) if k < n as usize => x[n as usize + k],
            Op::WeightedSum(n) if k < 2 * n as usize => x[k - n as usize],
            Op::WeightedSum(_) => c(1.0),
        }
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
            .map(|&x| g.input(x))
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

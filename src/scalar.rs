//! [`Scalar`]: what a local derivative computes with, numbers or graph values.
//!
//! Each op's local derivative is written once, in [`Op::local_derivative`](crate::Op::local_derivative),
//! generically over a `Scalar`. Backward instantiates it with `f64`, and gets plain numbers
//! without allocating; [`Graph::grad`](crate::Graph::grad) instantiates it with
//! [`Value`](crate::Value), and gets the same derivative built as nodes of the graph, which can be
//! differentiated again. Each method below does the same floating-point operation for both,
//! so the two results agree to the last bit.
//!
//! Teaching code can use it the same way: a function written for any `Scalar` runs on
//! numbers, and on graph values to be drawn and differentiated.
//!
//! ```
//! use gradgraph::{Graph, Scalar};
//!
//! // a sigmoid neuron, for numbers and for graph values alike
//! fn neuron<S: Scalar>(x: S, w: S, b: S) -> S {
//!     (x * w + b).sigmoid()
//! }
//!
//! let g = Graph::new();
//! let y = neuron(g.input(1.0), g.input(0.5), g.input(-0.2));
//! g.backward(y);
//! assert_eq!(y.data(), neuron(1.0, 0.5, -0.2));
//! ```

use std::ops::{Add, Div, Mul, Neg, Sub};

/// A number a derivative can be computed with: `f64`, or a [`Value`](crate::Value) of a graph.
///
/// Besides the arithmetic operators (with `f64` on either side), it has the few functions
/// the local derivatives of gradgraph's ops need.
pub trait Scalar:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + Add<f64, Output = Self>
    + Sub<f64, Output = Self>
    + Mul<f64, Output = Self>
    + Div<f64, Output = Self>
{
    /// The constant `c`, as a scalar of the same kind as `self`: `c` itself for `f64`, a
    /// constant node of `self`'s graph for a [`Value`](crate::Value).
    fn lift(self, c: f64) -> Self;
    /// `|x|`.
    fn abs(self) -> Self;
    /// `√x`.
    fn sqrt(self) -> Self;
    /// `e^x`.
    fn exp(self) -> Self;
    /// `ln x`.
    fn ln(self) -> Self;
    /// `sin x`.
    fn sin(self) -> Self;
    /// `cos x`.
    fn cos(self) -> Self;
    /// The error function.
    fn erf(self) -> Self;
    /// `tanh x`.
    fn tanh(self) -> Self;
    /// The logistic sigmoid `1 / (1 + e^-x)`.
    fn sigmoid(self) -> Self;
    /// `x^p` for a constant `p`.
    fn powf(self, p: f64) -> Self;
    /// `x^e`.
    fn pow(self, e: Self) -> Self;
    /// `then` where `self > 0`, else `otherwise` (also where `self` is NaN).
    fn if_positive(self, then: Self, otherwise: Self) -> Self;
}

impl Scalar for f64 {
    #[inline]
    fn lift(self, c: f64) -> f64 {
        c
    }
    #[inline]
    fn abs(self) -> f64 {
        f64::abs(self)
    }
    #[inline]
    fn sqrt(self) -> f64 {
        f64::sqrt(self)
    }
    #[inline]
    fn exp(self) -> f64 {
        pxfm::f_exp(self)
    }
    #[inline]
    fn ln(self) -> f64 {
        pxfm::f_log(self)
    }
    #[inline]
    fn sin(self) -> f64 {
        pxfm::f_sin(self)
    }
    #[inline]
    fn cos(self) -> f64 {
        pxfm::f_cos(self)
    }
    #[inline]
    fn erf(self) -> f64 {
        pxfm::f_erf(self)
    }
    #[inline]
    fn tanh(self) -> f64 {
        pxfm::f_tanh(self)
    }
    #[inline]
    fn sigmoid(self) -> f64 {
        sigmoid(self)
    }
    #[inline]
    fn powf(self, p: f64) -> f64 {
        pow(self, p)
    }
    #[inline]
    fn pow(self, e: f64) -> f64 {
        pow(self, e)
    }
    #[inline]
    fn if_positive(self, then: f64, otherwise: f64) -> f64 {
        if self > 0.0 { then } else { otherwise }
    }
}

/// `x^y`, correctly rounded (pxfm's pow), with IEEE 754's exact cases that pxfm leaves to
/// NaN: `x^0 = 1` for every `x` (NaN included) and `1^y = 1` for every `y`, as C's `pow`,
/// Rust's `powf` and PyTorch give them.
#[doc(hidden)]
#[inline]
pub fn pow(x: f64, y: f64) -> f64 {
    if y == 0.0 || x == 1.0 {
        1.0
    } else {
        pxfm::f_pow(x, y)
    }
}

/// Logistic sigmoid `1 / (1 + e^-x)`, correctly rounded (pxfm's logistic).
#[doc(hidden)]
#[inline]
pub fn sigmoid(x: f64) -> f64 {
    // pxfm 0.1.30 returns 1 below about -709, where e^-x overflows; there σ(x) = e^x to far
    // below half an ulp (e^x < 2^-1000)
    if x < -700.0 {
        pxfm::f_exp(x)
    } else {
        pxfm::f_logistic(x)
    }
}

//! Gradient check: every analytic gradient against central finite differences.

use crate::{Graph, Value};
use std::fmt;

/// Tolerances of [`gradcheck_with`]: an input passes when
/// `|analytic − numeric| ≤ atol + rtol · |numeric|` (torch.autograd.gradcheck's rule).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tolerance {
    /// Absolute tolerance (default 1e-5).
    pub atol: f64,
    /// Relative tolerance (default 1e-3).
    pub rtol: f64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            atol: 1e-5,
            rtol: 1e-3,
        }
    }
}

/// The outcome of a gradient check, with the worst input named.
#[derive(Clone, Debug, PartialEq)]
pub struct GradCheck {
    /// The function's value at the point.
    pub value: f64,
    /// The gradients from backward, one per input.
    pub analytic: Vec<f64>,
    /// The central finite differences, one per input.
    pub numeric: Vec<f64>,
    /// The input whose error is largest relative to its allowance (`None` without inputs).
    pub worst: Option<usize>,
    /// The tolerances used.
    pub tolerance: Tolerance,
}

impl GradCheck {
    /// `|analytic − numeric|` for input `i`.
    pub fn error(&self, i: usize) -> f64 {
        (self.analytic[i] - self.numeric[i]).abs()
    }

    /// `atol + rtol · |numeric|` for input `i`: the error allowed.
    pub fn allowed(&self, i: usize) -> f64 {
        self.tolerance.atol + self.tolerance.rtol * self.numeric[i].abs()
    }

    /// True when every input is within its allowance (NaN never is).
    pub fn passed(&self) -> bool {
        (0..self.analytic.len()).all(|i| self.error(i) <= self.allowed(i))
    }
}

impl fmt::Display for GradCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.passed() { "passed" } else { "FAILED" };
        match self.worst {
            None => write!(f, "gradcheck {verdict}: no inputs"),
            Some(i) => write!(
                f,
                "gradcheck {verdict}: worst input {i}: analytic {}, numeric {}, error {:e} \
                 (allowed {:e})",
                self.analytic[i],
                self.numeric[i],
                self.error(i),
                self.allowed(i)
            ),
        }
    }
}

/// [`gradcheck_with`] with the default tolerances (atol 1e-5, rtol 1e-3).
///
/// # Examples
/// ```
/// use gradgraph::gradcheck;
/// // f(x, y) = tanh(x y) + x / y
/// let check = gradcheck(|_, v| (v[0] * v[1]).tanh() + v[0] / v[1], &[0.3, -1.7]);
/// assert!(check.passed(), "{check}");
/// ```
pub fn gradcheck<F>(f: F, at: &[f64]) -> GradCheck
where
    F: for<'g> Fn(&'g Graph, &[Value<'g>]) -> Value<'g>,
{
    gradcheck_with(f, at, Tolerance::default())
}

/// Compares every analytic gradient of `f` at the point `at` with a central finite difference.
///
/// `f` receives a fresh graph and one leaf per input. The step for input `x` is
/// `h = ∛ε · max(1, |x|)` (ε the f64 machine epsilon), which balances truncation and
/// rounding error for a central difference; the difference quotient divides by the step
/// actually taken, `(x + h) − (x − h)`.
///
/// Costs one backward pass and `2n` forward passes for `n` inputs.
pub fn gradcheck_with<F>(f: F, at: &[f64], tolerance: Tolerance) -> GradCheck
where
    F: for<'g> Fn(&'g Graph, &[Value<'g>]) -> Value<'g>,
{
    let eval = |point: &[f64]| {
        let g = Graph::new();
        let inputs: Vec<Value<'_>> = point.iter().map(|&x| g.input(x)).collect();
        f(&g, &inputs).data()
    };
    let g = Graph::new();
    let inputs: Vec<Value<'_>> = at.iter().map(|&x| g.input(x)).collect();
    let y = f(&g, &inputs);
    g.backward(y);
    let analytic: Vec<f64> = inputs.iter().map(|v| v.grad()).collect();
    let mut point = at.to_vec();
    let numeric: Vec<f64> = (0..at.len())
        .map(|i| {
            let x = at[i];
            let h = pxfm::f_cbrt(f64::EPSILON) * x.abs().max(1.0);
            point[i] = x + h;
            let up = eval(&point);
            point[i] = x - h;
            let down = eval(&point);
            point[i] = x;
            (up - down) / ((x + h) - (x - h))
        })
        .collect();
    let mut check = GradCheck {
        value: y.data(),
        analytic,
        numeric,
        worst: None,
        tolerance,
    };
    let badness = |i: usize| {
        let r = check.error(i) / check.allowed(i);
        if r.is_nan() { f64::INFINITY } else { r }
    };
    check.worst = (0..at.len()).max_by(|&a, &b| badness(a).total_cmp(&badness(b)));
    check
}

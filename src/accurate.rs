//! The values of the ops whose plain formula loses digits in a tail: gelu and silu where
//! their results underflow, `Φ(x)` where `x/√2` would be rounded. `Op::forward` calls them;
//! each op's formula, as a student reads it, is in `ops.rs`.

use crate::scalar::sigmoid;
use std::f64::consts::{FRAC_1_SQRT_2, PI};

/// `x · σ(x)`. Below −700, σ(x) = e^x is subnormal and a product with it would lose the
/// digits of x: there `x · e^(x/2) · e^(x/2)` rounds once, where the result underflows.
pub(crate) fn silu(x: f64) -> f64 {
    if x < -700.0 {
        let h = pxfm::f_exp(0.5 * x);
        x * h * h
    } else {
        x * sigmoid(x)
    }
}

/// `x · Φ(x)`. Below −37, where `Φ(x)` underflows, `x Φ(x) = −φ(x)(1 − 1/x² + 3/x⁴ − 15/x⁶
/// + …)` (the terms below an ulp dropped), with `x²` carried exactly as a sum of two numbers
/// and `e^(−x²/2)` as two factors so that it rounds once.
pub(crate) fn gelu(x: f64) -> f64 {
    if x >= -37.0 {
        return x * normal_cdf_f64(x);
    }
    let r = 1.0 / (x * x);
    let mut series = 1.0;
    for k in [13.0, 11.0, 9.0, 7.0, 5.0, 3.0, 1.0] {
        series = 1.0 - k * r * series;
    }
    let (square, error) = (x * x, x.mul_add(x, -(x * x)));
    let h = pxfm::f_exp(-0.25 * square);
    -(series * (1.0 - 0.5 * error) / (2.0 * PI).sqrt()) * h * h
}

/// `Φ(x) = erfc(−x/√2) / 2` to within an ulp: `x/√2` is carried as a sum of two numbers,
/// and erfc corrected to first order for the smaller one (in the far left tail, where erfc
/// is steep, rounding `x/√2` alone would cost up to ~60 ulps).
fn normal_cdf_f64(x: f64) -> f64 {
    // 1/√2 = C_HI + C_LO, C_HI the nearest f64
    const C_HI: f64 = FRAC_1_SQRT_2;
    const C_LO: f64 = -4.833_646_656_726_457e-17;
    let z = -x * C_HI;
    let z_lo = (-x).mul_add(C_HI, -z) + -x * C_LO;
    // erfc(z + z_lo) ≈ erfc(z) − 2/√π · e^(−z²) · z_lo
    let slope = 2.0 / PI.sqrt() * pxfm::f_exp(-z * z);
    0.5 * (pxfm::f_erfc(z) - slope * z_lo)
}

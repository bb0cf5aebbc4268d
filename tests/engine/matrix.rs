//! Every op of the table, one matrix of checks (as Stan Math's `expect_ad` checks every
//! function): at random points inside each piece of its domain,
//!
//! - its value is the `f64` function's: the graph's node holds [`Op::forward`]'s bits, and
//!   the op's complex form (below) agrees with it to a few ulps;
//! - its first derivative, [`Op::local_derivative`], is the **complex step**
//!   `Im f(x + ih) / h` with `h = 1e-20`: no difference is taken, so there is no
//!   cancellation, and the reference is exact to rounding (finite differences stop at about
//!   1e-7);
//! - its second derivative, built by [`Graph::grad`] twice, is the central difference of
//!   the first;
//! - its third derivative, built by `Graph::grad` three times, is the central difference of
//!   the second (a spot check, one point per op).
//!
//! The complex form of each op is written here; a new op of the table fails this test, by
//! name, until it has one. A piecewise op is analytic inside each piece,
//! so its complex form picks the piece by the operand's real part, and the points keep away
//! from its kinks (which `ops.rs` checks exactly).
//!
//! `cargo test --test engine matrix -- --nocapture` prints the worst error of each op.

use gradgraph::{Graph, OPS, Op, Value};
use num_complex::Complex64 as C;

/// The step of the complex step: far below rounding, so `f(x + ih)` is `f(x) + ih f'(x)`
/// to the last bit of both parts.
const H: f64 = 1e-20;

/// The first derivative against the complex step: relative error at most this, plus an
/// absolute floor of `FLOOR` for derivatives near 0.
const FIRST_RTOL: f64 = 1e-14;
/// The floor of every comparison, for results near 0 (the sum of roundings of terms of
/// size about 1).
const FLOOR: f64 = 1e-14;
/// The second derivative against a central difference of the first (step 1e-5: the
/// difference's own error is about 1e-10 relative).
const SECOND_RTOL: f64 = 1e-7;
/// The third derivative against a central difference of the second.
const THIRD_RTOL: f64 = 1e-5;

/// The op applied to complex operands, the same formula as [`Op::forward`] continued
/// off the real line; for a piecewise op, the formula of the piece the real parts select.
fn complex_forward(op: Op, z: &[C]) -> C {
    let one = C::new(1.0, 0.0);
    let sigmoid = |z: C| one / (one + (-z).exp());
    match op {
        Op::Input | Op::Param | Op::Const => unreachable!("a leaf has no formula"),
        Op::Add => z[0] + z[1],
        Op::Sub => z[0] - z[1],
        Op::Mul => z[0] * z[1],
        Op::Div => z[0] / z[1],
        Op::Neg => -z[0],
        Op::AddConst(c) => z[0] + c,
        Op::MulConst(c) => z[0] * c,
        Op::DivConst(c) => z[0] / c,
        Op::ConstMinus(c) => c - z[0],
        Op::ConstOver(c) => C::new(c, 0.0) / z[0],
        Op::PowConst(p) if p.fract() == 0.0 && p.abs() < 64.0 => z[0].powi(p as i32),
        Op::PowConst(p) => (z[0].ln() * p).exp(),
        Op::Pow => (z[1] * z[0].ln()).exp(),
        Op::Exp => z[0].exp(),
        Op::Log => z[0].ln(),
        Op::Sqrt => z[0].sqrt(),
        Op::Sin => z[0].sin(),
        Op::Cos => z[0].cos(),
        Op::Abs => piece(z[0], z[0], -z[0]),
        Op::Erf => erf(z[0]),
        Op::Step => piece(z[0], one, C::new(0.0, 0.0)),
        Op::Sigmoid => sigmoid(z[0]),
        Op::Tanh => z[0].tanh(),
        Op::Relu => piece(z[0], z[0], C::new(0.0, 0.0)),
        Op::LeakyRelu(slope) => piece(z[0], z[0], z[0] * slope),
        Op::Prelu => piece(z[0], z[0], z[1] * z[0]),
        Op::Gelu => z[0] * (one + erf(z[0] / std::f64::consts::SQRT_2)) * 0.5,
        Op::Elu => piece(z[0], z[0], z[0].exp() - one),
        Op::Silu => z[0] * sigmoid(z[0]),
        Op::Softplus => (one + z[0].exp()).ln(),
        Op::IfPositive => piece(z[0], z[1], z[2]),
        Op::Sum(_) => z.iter().fold(C::new(0.0, 0.0), |acc, &v| acc + v),
        Op::WeightedSum(n) => {
            let n = n as usize;
            (0..n).fold(z[2 * n], |acc, k| acc + z[k] * z[n + k])
        }
        // `Op` is non-exhaustive: a new op fails here, by name, until it has its form
        _ => panic!("{op:?} has no complex form in tests/engine/matrix.rs: write one"),
    }
}

/// `above` when `x`'s real part is positive, else `below`: a piecewise op's piece.
fn piece(x: C, above: C, below: C) -> C {
    if x.re > 0.0 { above } else { below }
}

/// The error function of a complex number near the real line, by its Maclaurin series
/// `2/√π Σ (-1)^n z^(2n+1) / (n! (2n+1))` (the points keep `|x| ≤ 1.5`, where the terms
/// stay below 1 and the sum loses nothing to cancellation).
fn erf(z: C) -> C {
    let z2 = z * z;
    let mut power = z; // (-1)^n z^(2n+1) / n!
    let mut sum = C::new(0.0, 0.0);
    for n in 0..60 {
        let term = power / (2 * n + 1) as f64;
        sum += term;
        if term.norm() < 1e-18 * sum.norm() {
            break;
        }
        power = -power * z2 / (n + 1) as f64;
    }
    sum * (2.0 / std::f64::consts::PI.sqrt())
}

/// The ops checked, each with its parameter at the table's value and at others.
fn ops() -> Vec<Op> {
    let mut out = Vec::new();
    for info in OPS.iter().filter(|i| !i.op.is_leaf()) {
        out.push(info.op);
        let others: &[f64] = match info.op {
            Op::PowConst(_) => &[3.0, -1.0, 0.5, -1.5, 2.5],
            Op::Sum(_) => &[1.0, 5.0],
            Op::WeightedSum(_) => &[1.0, 4.0],
            Op::LeakyRelu(_) => &[0.2, -0.5, 1.5],
            _ if info.op.param().is_some() => &[-2.5, 0.3, 7.0],
            _ => &[],
        };
        out.extend(others.iter().map(|&p| info.op.with_param(p)));
    }
    out
}

/// Points inside the op's domain, each operand at least `margin` from the op's kinks and
/// singularities: random (a fixed-seed generator) in [-4, 4], moved into the domain.
fn points(op: Op, count: usize) -> Vec<Vec<f64>> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15 ^ op.arity() as u64;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 11) as f64 / (1u64 << 53) as f64) * 8.0 - 4.0
    };
    let away = |x: f64, from: f64| {
        if (x - from).abs() < 0.05 {
            from + 0.05
        } else {
            x
        }
    };
    let positive = |x: f64| x.abs() + 0.1;
    let non_integer_power = matches!(op, Op::PowConst(p) if p.fract() != 0.0);
    (0..count)
        .map(|_| {
            let mut x: Vec<f64> = (0..op.arity()).map(|_| next()).collect();
            match op {
                Op::Log | Op::Sqrt | Op::Pow => x[0] = positive(x[0]),
                Op::PowConst(_) if non_integer_power => x[0] = positive(x[0]),
                Op::PowConst(p) if p < 0.0 => x[0] = away(x[0], 0.0),
                Op::Div => x[1] = away(x[1], 0.0),
                Op::ConstOver(_) => x[0] = away(x[0], 0.0),
                // the series of the complex erf is exact near 0 (see `erf`)
                Op::Erf => x[0] = x[0].clamp(-1.5, 1.5),
                Op::Gelu => x[0] = x[0].clamp(-2.0, 2.0),
                _ if kinked_at_zero(op) => x[0] = away(x[0], 0.0),
                _ => {}
            }
            x
        })
        .collect()
}

/// True for the ops whose first operand has a kink at 0: their derivative jumps there.
pub fn kinked_at_zero(op: Op) -> bool {
    matches!(
        op,
        Op::Abs | Op::Step | Op::Relu | Op::LeakyRelu(_) | Op::Prelu | Op::Elu | Op::IfPositive
    )
}

/// `|a − b|` over `rtol·|b| + FLOOR·scale`: at most 1 when `a` is within the tolerance of
/// `b`.
fn error(a: f64, b: f64, rtol: f64, scale: f64) -> f64 {
    (a - b).abs() / (rtol * b.abs() + FLOOR * scale)
}

/// The relative error `|a − b| / |b|`, or the absolute one for `|b| < 1`: what the report
/// prints.
fn relative(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1.0)
}

/// The first derivative ∂f/∂x_k at `x`, by the complex step.
fn complex_step(op: Op, x: &[f64], k: usize) -> f64 {
    let z: Vec<C> = x
        .iter()
        .enumerate()
        .map(|(j, &v)| C::new(v, if j == k { H } else { 0.0 }))
        .collect();
    complex_forward(op, &z).im / H
}

/// The gradient of the op's node with respect to its operands, built as values of the graph
/// (`Graph::grad`), at `x`: the second and third derivatives come from building again.
fn built_grads(op: Op, x: &[f64], order: usize, path: &[usize]) -> f64 {
    let g = Graph::new();
    let leaves: Vec<Value> = x.iter().map(|&v| g.input(v)).collect();
    let mut y = g.apply(op, &leaves).expect("the op's arity");
    for &k in path.iter().take(order) {
        y = g.grad(y, &leaves)[k];
    }
    y.data()
}

/// The worst errors of one op, for the report.
#[derive(Default)]
struct Worst {
    value: f64,
    first: f64,
    second: f64,
    third: f64,
}

#[test]
fn every_op_matches_the_complex_step_and_its_higher_derivatives_their_differences() {
    let mut report = Vec::new();
    let mut checked = 0;
    for op in ops() {
        let mut worst = Worst::default();
        let n = op.arity();
        for (p, x) in points(op, 40).into_iter().enumerate() {
            // the value: the graph's, Op::forward's, and the complex form's real part
            let out = op.forward(&x);
            let g = Graph::new();
            let leaves: Vec<Value> = x.iter().map(|&v| g.input(v)).collect();
            let node = g.apply(op, &leaves).expect("the op's arity");
            assert_eq!(node.data().to_bits(), out.to_bits(), "{op:?} at {x:?}");
            let z: Vec<C> = x.iter().map(|&v| C::new(v, 0.0)).collect();
            let re = complex_forward(op, &z).re;
            assert!(
                error(re, out, 1e-14, 1.0) <= 1.0,
                "{op:?} at {x:?}: the complex form gives {re:e}, the op {out:e}"
            );
            worst.value = worst.value.max(relative(re, out));
            for k in 0..n {
                // first order: the local derivative backward uses, against the complex step
                let d = op.local_derivative(&x, out, k);
                let cs = complex_step(op, &x, k);
                assert!(
                    error(d, cs, FIRST_RTOL, 1.0) <= 1.0,
                    "{op:?} ∂/∂x{k} at {x:?}: {d:e}, the complex step {cs:e}"
                );
                worst.first = worst.first.max(relative(d, cs));
                checked += 1;
                // second order: ∂/∂x_j of the built gradient, against a central difference
                // of the first derivative
                for j in 0..n {
                    let second = built_grads(op, &x, 2, &[k, j]);
                    let h = 1e-5 * x[j].abs().max(1.0);
                    let at = |s: f64| {
                        let mut y = x.clone();
                        y[j] += s;
                        op.local_derivative(&y, op.forward(&y), k)
                    };
                    let diff = (at(h) - at(-h)) / (2.0 * h);
                    assert!(
                        error(second, diff, SECOND_RTOL, 1e5) <= 1.0,
                        "{op:?} ∂²/∂x{k}∂x{j} at {x:?}: built {second:e}, difference {diff:e}"
                    );
                    worst.second = worst.second.max(relative(second, diff));
                }
            }
            // third order, one point per op, along its first operand
            if p == 0 {
                let third = built_grads(op, &x, 3, &[0, 0, 0]);
                let h = 1e-4 * x[0].abs().max(1.0);
                let at = |s: f64| {
                    let mut y = x.clone();
                    y[0] += s;
                    built_grads(op, &y, 2, &[0, 0])
                };
                let diff = (at(h) - at(-h)) / (2.0 * h);
                assert!(
                    error(third, diff, THIRD_RTOL, 1e7) <= 1.0,
                    "{op:?} ∂³/∂x0³ at {x:?}: built {third:e}, difference {diff:e}"
                );
                worst.third = worst.third.max(relative(third, diff));
            }
        }
        report.push((op, worst));
    }
    println!("op: worst relative error of the value (complex form), the first derivative");
    println!("(complex step), the second and the third (central differences)");
    for (op, w) in &report {
        println!(
            "{:<22} {:9.1e} {:9.1e} {:9.1e} {:9.1e}",
            format!("{op:?}"),
            w.value,
            w.first,
            w.second,
            w.third
        );
    }
    assert!(checked > 3_000, "{checked} first derivatives checked");
}

/// The value and the gradients each op gives at its kinks and at the edges of its domain,
/// PyTorch's choice in each case (the guide's Correctness chapter lists them): `(op,
/// operands, value, gradient with respect to each operand)`.
const EDGES: &[(Op, &[f64], f64, &[f64])] = &[
    // relu'(0) = 0: PyTorch's threshold_backward passes the gradient only where x > 0
    (Op::Relu, &[0.0], 0.0, &[0.0]),
    (Op::Relu, &[-0.0], 0.0, &[0.0]),
    // abs'(0) = 0: PyTorch's sgn(0)
    (Op::Abs, &[0.0], 0.0, &[0.0]),
    // leaky_relu'(0) = the slope, prelu'(0) = a: PyTorch's x > 0 ? 1 : slope
    (Op::LeakyRelu(0.01), &[0.0], 0.0, &[0.01]),
    (Op::Prelu, &[0.0, 0.25], 0.0, &[0.25, 0.0]),
    // elu'(0) = 1 (PyTorch's elu_backward at 0, from either side)
    (Op::Elu, &[0.0], 0.0, &[1.0]),
    // step(0) = 1 (torch.heaviside(x, 1)), its derivative 0 everywhere
    (Op::Step, &[0.0], 1.0, &[0.0]),
    // √0 = 0 with an infinite slope; √−1 = NaN and so is its slope
    (Op::Sqrt, &[0.0], 0.0, &[f64::INFINITY]),
    (Op::Sqrt, &[-1.0], f64::NAN, &[f64::NAN]),
    // ln 0 = −∞, slope 1/0 = ∞; ln −1 = NaN, slope 1/x = −1 (PyTorch's grad / x)
    (Op::Log, &[0.0], f64::NEG_INFINITY, &[f64::INFINITY]),
    (Op::Log, &[-1.0], f64::NAN, &[-1.0]),
    // a negative base with a value exponent: NaN, as f64's powf
    (Op::Pow, &[-2.0, 0.5], f64::NAN, &[f64::NAN, f64::NAN]),
    // 0^0 = 1 and 0^2 = 0 with PyTorch's masks: no gradient to the base where the exponent
    // is 0, none to the exponent where the base is 0 and the exponent at least 0
    (Op::Pow, &[0.0, 0.0], 1.0, &[0.0, 0.0]),
    (Op::Pow, &[0.0, 2.0], 0.0, &[0.0, 0.0]),
    (Op::Pow, &[2.0, 0.0], 1.0, &[0.0, std::f64::consts::LN_2]),
    (Op::PowConst(0.0), &[0.0], 1.0, &[0.0]),
    (
        Op::PowConst(-1.0),
        &[0.0],
        f64::INFINITY,
        &[f64::NEG_INFINITY],
    ),
    // a/0 = ∞, 0/0 = NaN, with the slopes 1/b and −a/b²
    (
        Op::Div,
        &[1.0, 0.0],
        f64::INFINITY,
        &[f64::INFINITY, f64::NEG_INFINITY],
    ),
    (Op::Div, &[0.0, 0.0], f64::NAN, &[f64::INFINITY, f64::NAN]),
    // saturation: the value at its limit, the slope exactly 0
    (Op::Tanh, &[1000.0], 1.0, &[0.0]),
    (Op::Sigmoid, &[-1000.0], 0.0, &[0.0]),
    (Op::Softplus, &[1000.0], 1000.0, &[1.0]),
    (Op::Softplus, &[-1000.0], 0.0, &[0.0]),
    (Op::Exp, &[1000.0], f64::INFINITY, &[f64::INFINITY]),
    // subnormal arguments: √ and ln of the smallest double stay finite
    (
        Op::Sqrt,
        &[5e-324],
        2.2227587494850775e-162,
        &[2.2494568972715982e161],
    ),
    (Op::Log, &[5e-324], -744.4400719213812, &[f64::INFINITY]),
    // if_positive(0, a, b) is b: 0 is not positive
    (Op::IfPositive, &[0.0, 1.0, 2.0], 2.0, &[0.0, 0.0, 1.0]),
];

/// An op and the `f64` function it computes.
type Function = (Op, fn(f64) -> f64);

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()) || (a == 0.0 && b == 0.0)
}

#[test]
fn kinks_and_domain_edges_give_pytorchs_value_and_gradient() {
    for &(op, x, value, grads) in EDGES {
        let g = Graph::new();
        let leaves: Vec<Value> = x.iter().map(|&v| g.input(v)).collect();
        let y = g.apply(op, &leaves).expect("the op's arity");
        g.backward(y);
        assert!(
            same(y.data(), value),
            "{op:?} at {x:?}: {} not {value}",
            y.data()
        );
        for (k, (leaf, &want)) in leaves.iter().zip(grads).enumerate() {
            assert!(
                same(leaf.grad(), want),
                "{op:?} at {x:?}: ∂/∂x{k} is {}, PyTorch's is {want}",
                leaf.grad()
            );
        }
    }
}

#[test]
fn nan_and_infinity_appear_in_a_value_exactly_where_f64s_functions_give_them() {
    let specials = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.0,
        -0.0,
        -1.0,
        1.0,
        5e-324,
        1e300,
        -1e300,
        709.8,
        -745.2,
    ];
    let functions: [Function; 9] = [
        (Op::Exp, f64::exp),
        (Op::Log, f64::ln),
        (Op::Sqrt, f64::sqrt),
        (Op::Sin, f64::sin),
        (Op::Cos, f64::cos),
        (Op::Tanh, f64::tanh),
        (Op::Abs, f64::abs),
        (Op::Erf, libm::erf),
        (Op::PowConst(0.5), |x| x.powf(0.5)),
    ];
    for (op, f) in functions {
        for &x in &specials {
            let (mine, theirs) = (op.forward(&[x]), f(x));
            assert_eq!(
                (mine.is_nan(), mine.is_infinite()),
                (theirs.is_nan(), theirs.is_infinite()),
                "{op:?} at {x:e}: {mine:e}, f64's {theirs:e}"
            );
        }
    }
    for &a in &specials {
        for &b in &specials {
            let (mine, theirs) = (Op::Pow.forward(&[a, b]), a.powf(b));
            assert_eq!(
                (mine.is_nan(), mine.is_infinite()),
                (theirs.is_nan(), theirs.is_infinite()),
                "{a:e}^{b:e}: {mine:e}, f64's {theirs:e}"
            );
        }
    }
}

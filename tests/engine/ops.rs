//! One hand-worked test per op: its value, its first derivative and its second derivative
//! (through `Graph::grad`), each against the calculus written beside it.

use gradgraph::{Graph, Op, Value};
use std::f64::consts::PI;

/// Builds `f(x)` at `x`, and returns `(f, f', f'')` as computed by the engine.
fn derivatives(x0: f64, f: impl for<'g> Fn(Value<'g>) -> Value<'g>) -> (f64, f64, f64) {
    let g = Graph::new();
    let x = g.input(x0);
    let y = f(x);
    let dy = g.grad(y, &[x])[0];
    let d2y = g.grad(dy, &[x])[0];
    g.backward(y);
    // backward and the graph-built gradient agree to the last bit
    assert_eq!(
        x.grad().to_bits(),
        dy.data().to_bits(),
        "backward vs grad()"
    );
    (y.data(), dy.data(), d2y.data())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * (1.0 + b.abs())
}

macro_rules! check {
    ($got:expr, $want:expr) => {{
        let (got, want): ((f64, f64, f64), (f64, f64, f64)) = ($got, $want);
        assert!(
            close(got.0, want.0) && close(got.1, want.1) && close(got.2, want.2),
            "got (f, f', f'') = {got:?}, want {want:?}"
        );
    }};
}

#[test]
fn add_sub_mul_div_of_values() {
    let g = Graph::new();
    let (a, b) = (g.input(3.0), g.input(-2.0));
    // s = a + b - a b + a / b
    // ds/da = 1 - b + 1/b = 1 + 2 - 0.5 = 2.5
    // ds/db = 1 - a - a/b² = 1 - 3 - 0.75 = -2.75
    let s = a + b - a * b + a / b;
    g.backward(s);
    assert_eq!(s.data(), 3.0 - 2.0 + 6.0 - 1.5);
    assert_eq!(a.grad(), 2.5);
    assert_eq!(b.grad(), -2.75);
    assert_eq!(s.op(), Op::Add);
}

#[test]
fn scalar_operands_make_one_node() {
    let g = Graph::new();
    let x = g.input(4.0);
    // (x + 1) + (2 + x) + (x - 3) + (5 - x) + 2x + x2 + x/2 + 8/x
    // d/dx = 1 + 1 + 1 - 1 + 2 + 2 + 1/2 - 8/x² = 6.5 - 0.5 = 6
    let parts = [
        x + 1.0,
        2.0 + x,
        x - 3.0,
        5.0 - x,
        2.0 * x,
        x * 2.0,
        x / 2.0,
        8.0 / x,
    ];
    assert_eq!(g.len(), 9, "each scalar operation is a single node");
    let s = g.sum(&parts);
    g.backward(s);
    assert_eq!(s.data(), 5.0 + 6.0 + 1.0 + 1.0 + 8.0 + 8.0 + 2.0 + 2.0);
    assert_eq!(x.grad(), 6.0);
    assert_eq!(parts[3].op(), Op::ConstMinus(5.0));
    assert_eq!(parts[7].op(), Op::ConstOver(8.0));
}

#[test]
fn neg() {
    // (-x)' = -1, (-x)'' = 0
    check!(derivatives(1.5, |x| -x), (-1.5, -1.0, 0.0));
}

#[test]
fn powf_constant_exponent() {
    // (x³)' = 3x², (x³)'' = 6x, at x = -2 (negative base, integer exponent)
    check!(derivatives(-2.0, |x| x.powf(3.0)), (-8.0, 12.0, -12.0));
    // (x^0.5)' = 0.5 x^-0.5, (x^0.5)'' = -0.25 x^-1.5, at x = 4
    check!(
        derivatives(4.0, |x| x.powf(0.5)),
        (2.0, 0.25, -0.25 * 4f64.powf(-1.5))
    );
    // (x^-1)' = -x^-2, (x^-1)'' = 2 x^-3, at x = 2
    check!(derivatives(2.0, |x| x.powf(-1.0)), (0.5, -0.25, 0.25));
    // x^0 = 1 everywhere, even at 0: derivative 0 (as PyTorch), not 0·0^-1 = NaN
    check!(derivatives(0.0, |x| x.powf(0.0)), (1.0, 0.0, 0.0));
}

#[test]
fn pow_value_exponent() {
    let g = Graph::new();
    let (a, b) = (g.input(3.0), g.input(2.0));
    let y = a.pow(b);
    let [da, db] = g.grad(y, &[a, b])[..] else {
        panic!()
    };
    // ∂(a^b)/∂a = b a^(b-1) = 6, ∂(a^b)/∂b = ln(a) a^b = 9 ln 3
    assert_eq!(y.data(), 9.0);
    assert_eq!(da.data(), 6.0);
    assert!(close(db.data(), 9.0 * 3f64.ln()));
    // ∂²/∂a² = b(b-1) a^(b-2) = 2; ∂²/∂b² = ln²(a) a^b; ∂²/∂a∂b = a^(b-1)(1 + b ln a)
    let d2 = g.grad(da, &[a, b]);
    assert!(close(d2[0].data(), 2.0));
    assert!(close(d2[1].data(), 3.0 * (1.0 + 2.0 * 3f64.ln())));
    let d2b = g.grad(db, &[b])[0];
    assert!(close(d2b.data(), 3f64.ln().powi(2) * 9.0));
}

#[test]
fn exp_log_sqrt() {
    // (e^x)' = (e^x)'' = e^x
    let e = 0.7f64.exp();
    check!(derivatives(0.7, |x| x.exp()), (e, e, e));
    // (ln x)' = 1/x, (ln x)'' = -1/x², at x = 2
    check!(derivatives(2.0, |x| x.log()), (2f64.ln(), 0.5, -0.25));
    // (√x)' = 1/(2√x), (√x)'' = -1/(4 x^1.5), at x = 4
    check!(derivatives(4.0, |x| x.sqrt()), (2.0, 0.25, -1.0 / 32.0));
}

#[test]
fn sin_cos() {
    // sin' = cos, sin'' = -sin
    let x = 0.4f64;
    check!(derivatives(x, |v| v.sin()), (x.sin(), x.cos(), -x.sin()));
    // cos' = -sin, cos'' = -cos
    check!(derivatives(x, |v| v.cos()), (x.cos(), -x.sin(), -x.cos()));
}

#[test]
fn abs_and_its_kink() {
    // |x|' = sign(x), |x|'' = 0
    check!(derivatives(-2.5, |x| x.abs()), (2.5, -1.0, 0.0));
    check!(derivatives(2.5, |x| x.abs()), (2.5, 1.0, 0.0));
    // at the kink PyTorch's choice: 0
    check!(derivatives(0.0, |x| x.abs()), (0.0, 0.0, 0.0));
}

#[test]
fn erf() {
    // erf'(x) = 2/√π e^(-x²), erf''(x) = -4x/√π e^(-x²)
    let x = 0.3f64;
    let d = 2.0 / PI.sqrt() * (-x * x).exp();
    check!(derivatives(x, |v| v.erf()), (libm::erf(x), d, -2.0 * x * d));
}

#[test]
fn step_has_zero_derivative() {
    // step = 1 for x >= 0: flat on both sides, so it can't be trained
    check!(derivatives(0.0, |x| x.step()), (1.0, 0.0, 0.0));
    check!(derivatives(-0.1, |x| x.step()), (0.0, 0.0, 0.0));
}

#[test]
fn sigmoid() {
    // σ' = σ(1 - σ), at most 0.25 at 0; σ'' = σ(1 - σ)(1 - 2σ)
    check!(derivatives(0.0, |x| x.sigmoid()), (0.5, 0.25, 0.0));
    let s = 1.0 / (1.0 + (-1.2f64).exp());
    check!(
        derivatives(1.2, |x| x.sigmoid()),
        (s, s * (1.0 - s), s * (1.0 - s) * (1.0 - 2.0 * s))
    );
}

#[test]
fn tanh() {
    // tanh' = 1 - tanh², at most 1 at 0; tanh'' = -2 tanh (1 - tanh²)
    check!(derivatives(0.0, |x| x.tanh()), (0.0, 1.0, 0.0));
    let t = 0.8f64.tanh();
    check!(
        derivatives(0.8, |x| x.tanh()),
        (t, 1.0 - t * t, -2.0 * t * (1.0 - t * t))
    );
}

#[test]
fn relu_and_its_kink() {
    // relu' = 1 for x > 0, 0 otherwise; relu'(0) = 0 as PyTorch
    check!(derivatives(1.5, |x| x.relu()), (1.5, 1.0, 0.0));
    check!(derivatives(-1.5, |x| x.relu()), (0.0, 0.0, 0.0));
    check!(derivatives(0.0, |x| x.relu()), (0.0, 0.0, 0.0));
}

#[test]
fn leaky_relu() {
    // slope·x for x <= 0: derivative slope (also at 0, as PyTorch)
    check!(
        derivatives(-2.0, |x| x.leaky_relu(0.01)),
        (-0.02, 0.01, 0.0)
    );
    check!(derivatives(0.0, |x| x.leaky_relu(0.01)), (0.0, 0.01, 0.0));
    check!(derivatives(3.0, |x| x.leaky_relu(0.2)), (3.0, 1.0, 0.0));
}

#[test]
fn prelu_learns_its_slope() {
    let g = Graph::new();
    let (x, a) = (g.input(-3.0), g.parameter(0.1));
    let y = x.prelu(a);
    g.backward(y);
    // x <= 0: y = a x; ∂y/∂x = a, ∂y/∂a = min(0, x) = x
    assert_eq!(y.data(), 0.1 * -3.0);
    assert_eq!(x.grad(), 0.1);
    assert_eq!(a.grad(), -3.0);
    let g = Graph::new();
    let (x, a) = (g.input(2.0), g.parameter(0.1));
    let y = x.prelu(a);
    g.backward(y);
    // x > 0: y = x; ∂y/∂x = 1, ∂y/∂a = min(0, x) = 0
    assert_eq!((y.data(), x.grad(), a.grad()), (2.0, 1.0, 0.0));
    // ∂²y/∂x∂a = 1 for x < 0 (y = a x)
    let g = Graph::new();
    let (x, a) = (g.input(-1.0), g.parameter(0.3));
    let dx = g.grad(x.prelu(a), &[x])[0];
    assert_eq!(g.grad(dx, &[a])[0].data(), 1.0);
}

#[test]
fn gelu_exact() {
    // gelu = x Φ(x); gelu' = Φ(x) + x φ(x); gelu'' = φ(x)(2 - x²)
    let x = 0.6f64;
    let cdf = 0.5 * (1.0 + libm::erf(x / 2f64.sqrt()));
    let pdf = (-x * x / 2.0).exp() / (2.0 * PI).sqrt();
    check!(
        derivatives(x, |v| v.gelu()),
        (x * cdf, cdf + x * pdf, pdf * (2.0 - x * x))
    );
}

#[test]
fn elu() {
    // x <= 0: e^x - 1, derivative e^x, second derivative e^x
    let e = (-0.5f64).exp();
    check!(derivatives(-0.5, |x| x.elu()), (e - 1.0, e, e));
    check!(derivatives(0.5, |x| x.elu()), (0.5, 1.0, 0.0));
}

#[test]
fn silu() {
    // silu = x σ; silu' = σ + x σ (1 - σ); silu'' = σ(1-σ)(2 + x(1 - 2σ))
    let x = -0.7f64;
    let s = 1.0 / (1.0 + (-x).exp());
    check!(
        derivatives(x, |v| v.silu()),
        (
            x * s,
            s + x * s * (1.0 - s),
            s * (1.0 - s) * (2.0 + x * (1.0 - 2.0 * s))
        )
    );
}

#[test]
fn softplus() {
    // ln(1 + e^x)' = σ(x), '' = σ(1 - σ)
    let x = 0.9f64;
    let s = 1.0 / (1.0 + (-x).exp());
    check!(
        derivatives(x, |v| v.softplus()),
        ((1.0 + x.exp()).ln(), s, s * (1.0 - s))
    );
    // no overflow far out
    check!(derivatives(800.0, |v| v.softplus()), (800.0, 1.0, 0.0));
}

#[test]
fn sum_and_weighted_sum() {
    let g = Graph::new();
    let w = [g.parameter(0.5), g.parameter(-2.0)];
    let x = [g.input(3.0), g.input(0.25)];
    let b = g.parameter(1.0);
    let z = g.weighted_sum(&w, &x, b).unwrap();
    // z = b + w0 x0 + w1 x1 = 1 + 1.5 - 0.5 = 2
    assert_eq!(z.data(), 2.0);
    let s = g.sum(&[z, z, w[0]]);
    g.backward(s);
    // ds/dw0 = 2 x0 + 1, ds/dx1 = 2 w1, ds/db = 2
    assert_eq!(w[0].grad(), 7.0);
    assert_eq!(x[1].grad(), -4.0);
    assert_eq!(b.grad(), 2.0);
    assert_eq!(g.operands(z), vec![w[0], w[1], x[0], x[1], b]);
    // a mismatch is an error, not a panic
    let err = g.weighted_sum(&w, &x[..1], b).unwrap_err();
    assert!(err.to_string().contains("expected 2, got 1"), "{err}");
    // ∂²z/∂w0∂x0 = 1
    let dw0 = g.grad(z, &[w[0]])[0];
    assert_eq!(g.grad(dw0, &[x[0]])[0].data(), 1.0);
}

#[test]
fn empty_sum_is_zero() {
    let g = Graph::new();
    assert_eq!(g.sum(&[]).data(), 0.0);
}

#[test]
fn nan_stays_nan() {
    // NaN is a value: relu and prelu pass it on (as PyTorch), so anomalies stay visible
    let g = Graph::new();
    let x = g.input(f64::NAN);
    let a = g.parameter(0.2);
    let y = x.relu() + x.prelu(a);
    g.backward(y);
    assert!(y.data().is_nan());
    assert!(a.grad().is_nan(), "∂prelu/∂a = min(0, NaN) = NaN");
}

/// The parameters each op of the table is tried with (its default first).
fn with_params(op: Op) -> Vec<Op> {
    let Some(default) = op.param() else {
        return vec![op];
    };
    let mut params = vec![default];
    if matches!(op, Op::Sum(_) | Op::WeightedSum(_)) {
        params.extend([1.0, 2.0, 4.0]);
    } else {
        params.extend([
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            -3.0,
            0.2,
            3.0,
            f64::INFINITY,
            f64::NAN,
        ]);
    }
    params.into_iter().map(|p| op.with_param(p)).collect()
}

/// The numbers every operand is tried at: NaN, ±inf, ±0, the kinks, tiny and huge numbers.
const SPECIAL: [f64; 14] = [
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    -2.5,
    3.0,
    1e-300,
    -1e-300,
    1e300,
    f64::MIN_POSITIVE,
];

/// Operand values for an op of `arity` operands: every combination of special values for up
/// to two operands, and random points (a fixed-seed generator) for every arity.
fn points(arity: usize) -> Vec<Vec<f64>> {
    let mut out: Vec<Vec<f64>> = Vec::new();
    match arity {
        1 => out.extend(SPECIAL.iter().map(|&a| vec![a])),
        2 => {
            for &a in &SPECIAL {
                out.extend(SPECIAL.iter().map(|&b| vec![a, b]));
            }
        }
        _ => {
            let few = [f64::NAN, f64::INFINITY, -0.0, 0.0, 1.0, -2.0];
            for i in 0..few.len().pow(3) {
                let mut p: Vec<f64> = (0..arity).map(|j| few[(i + j * 7) % few.len()]).collect();
                p[0] = few[i % few.len()];
                out.push(p);
            }
        }
    }
    // random points, from a small linear congruential generator with a fixed seed
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 11) as f64 / (1u64 << 53) as f64) * 8.0 - 4.0
    };
    for _ in 0..200 {
        out.push((0..arity).map(|_| next()).collect());
    }
    out
}

fn same_bits(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

#[test]
fn numeric_and_graph_built_derivatives_agree_bit_for_bit_on_every_op() {
    let mut checked = 0;
    for info in gradgraph::OPS.iter().filter(|i| !i.op.is_leaf()) {
        for op in with_params(info.op) {
            let arity = op.arity();
            for xs in points(arity) {
                let out = op.forward(&xs);
                let g = Graph::new();
                let leaves: Vec<Value> = xs.iter().map(|&x| g.input(x)).collect();
                let node = g.apply(op, &leaves).expect("the op's arity");
                assert!(same_bits(node.data(), out), "{op:?} forward at {xs:?}");
                for k in 0..arity {
                    let number = op.local_derivative(&xs, out, k);
                    let built = op.local_derivative(&leaves, node, k).data();
                    assert!(
                        same_bits(number, built),
                        "{op:?}: ∂/∂x{k} at {xs:?}: backward uses {number:e}, the graph-built \
                         derivative is {built:e}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 10_000, "{checked} derivatives checked");
}

#[test]
fn backward_sends_the_local_derivative_of_the_table() {
    // backward's fast paths (the weighted sum, two-operand ops) must send exactly what
    // Op::local_derivative says, for every op
    for info in gradgraph::OPS.iter().filter(|i| !i.op.is_leaf()) {
        for op in with_params(info.op) {
            for xs in points(op.arity()).into_iter().step_by(7) {
                let g = Graph::new();
                let leaves: Vec<Value> = xs.iter().map(|&x| g.input(x)).collect();
                let y = g.apply(op, &leaves).expect("the op's arity");
                let trace = g.backward_trace(y);
                let step = trace.steps.first().expect("the output's step");
                assert_eq!(step.node, y.index());
                for (k, e) in step.inputs.iter().enumerate() {
                    let want = op.local_derivative(&xs, y.data(), k);
                    assert!(same_bits(e.local, want), "{op:?} ∂/∂x{k} at {xs:?}");
                }
            }
        }
    }
}

#[test]
fn the_table_lists_every_op_once_with_a_unique_name() {
    let mut names: Vec<&str> = gradgraph::OPS.iter().map(|i| i.name).collect();
    for info in gradgraph::OPS {
        assert_eq!(info.op.info(), info, "{}", info.name);
        assert!(!info.doc.trim().is_empty(), "{} has no doc", info.name);
        assert_eq!(
            info.op.param().is_some(),
            info.param.is_some(),
            "{}",
            info.name
        );
    }
    names.sort_unstable();
    let n = names.len();
    names.dedup();
    assert_eq!(names.len(), n, "names are unique");
}

#[test]
fn every_op_of_the_table_passes_the_gradient_check() {
    // away from kinks and singularities, at a point inside every op's domain
    for info in gradgraph::OPS.iter().filter(|i| !i.op.is_leaf()) {
        let op = info.op;
        let at: Vec<f64> = (0..op.arity()).map(|k| 0.7 + 0.3 * k as f64).collect();
        let check = gradgraph::gradcheck(|g, xs| g.apply(op, xs).expect("the op's arity"), &at);
        assert!(check.passed(), "{}: {check:?}", info.name);
    }
}

/// How each op of the table is written in the expression language: functions and
/// activations by their table name; arithmetic by its operator. The sums have no syntax of
/// their own (`a + b + c` is a chain of `+`): they are built by `Graph::sum` and
/// `Graph::weighted_sum`.
fn source_of(op: Op) -> Option<String> {
    let name = op.name();
    Some(match op {
        Op::Add => "x0 + x1".into(),
        Op::Sub => "x0 - x1".into(),
        Op::Mul => "x0 * x1".into(),
        Op::Div => "x0 / x1".into(),
        Op::Neg => "-x0".into(),
        Op::AddConst(_) => "x0 + 1".into(),
        Op::MulConst(_) => "x0 * 2".into(),
        Op::DivConst(_) => "x0 / 2".into(),
        Op::ConstMinus(_) => "1 - x0".into(),
        Op::ConstOver(_) => "1 / x0".into(),
        Op::PowConst(_) => "x0 ^ 2".into(),
        Op::Pow => "x0 ^ x1".into(),
        Op::Sum(_) | Op::WeightedSum(_) => return None,
        _ => {
            let args: Vec<String> = (0..op.arity()).map(|k| format!("x{k}")).collect();
            format!("{name}({})", args.join(", "))
        }
    })
}

#[test]
fn every_function_and_activation_of_the_table_parses_by_its_name() {
    use gradgraph::Kind;
    for info in gradgraph::OPS.iter().filter(|i| !i.op.is_leaf()) {
        let Some(src) = source_of(info.op) else {
            assert!(matches!(info.op, Op::Sum(_) | Op::WeightedSum(_)));
            continue;
        };
        if matches!(info.kind, Kind::Function | Kind::Activation(_)) {
            assert!(
                gradgraph::expr::is_function_name(info.name),
                "{} is not a function of the expression language",
                info.name
            );
        }
        let e = gradgraph::expr::parse(&src).unwrap_or_else(|err| panic!("{src}: {err}"));
        let at: std::collections::HashMap<String, f64> = (0..info.op.arity())
            .map(|k| (format!("x{k}"), 0.7 + 0.3 * k as f64))
            .collect();
        let g = Graph::new();
        let (y, _) = e.build(&g, &at).expect("every variable has a value");
        // the parsed expression's output is this op (expr makes number literals constant
        // nodes, so x * 2 is a `*` of a constant; the constant ops come from Value's
        // operators)
        let same = y.op() == info.op
            || matches!(
                (info.op, y.op()),
                (Op::AddConst(_), Op::Add)
                    | (Op::MulConst(_), Op::Mul)
                    | (Op::DivConst(_), Op::Div)
                    | (Op::ConstMinus(_), Op::Sub)
                    | (Op::ConstOver(_), Op::Div)
            );
        assert!(same, "{src} built {:?}, not {:?}", y.op(), info.op);
    }
}

#[test]
fn every_op_of_the_table_draws() {
    for info in gradgraph::OPS.iter().filter(|i| !i.op.is_leaf()) {
        let g = Graph::new();
        let xs: Vec<Value> = (0..info.op.arity())
            .map(|k| g.input(0.5 + k as f64).with_label(&format!("x{k}")))
            .collect();
        let y = g.apply(info.op, &xs).expect("the op's arity");
        g.backward(y);
        let dot = gradgraph_draw::to_dot(&g, &gradgraph_draw::DotOptions::new());
        let symbol = info.op.symbol();
        assert!(
            dot.contains(&symbol),
            "{}: no `{symbol}` in\n{dot}",
            info.name
        );
    }
}

#[test]
fn the_default_leaky_slope_is_the_tables() {
    let info = Op::LeakyRelu(0.5).info();
    assert_eq!(info.op.param(), Some(gradgraph::expr::DEFAULT_LEAKY_SLOPE));
}

#[test]
fn signed_zeros_and_softplus_above_its_switch_are_exact() {
    // PyTorch's `x > 0 ? x : slope·x` at −0 with a negative slope: slope·(−0) is +0
    let g = Graph::new();
    let z = g.input(-0.0);
    let leaky = g.apply(Op::LeakyRelu(-0.5), &[z]).expect("one operand");
    assert_eq!(leaky.data().to_bits(), 0f64.to_bits());
    let prelu = g
        .apply(Op::Prelu, &[z, g.input(-0.5)])
        .expect("two operands");
    assert_eq!(prelu.data().to_bits(), 0f64.to_bits());
    // above 33, softplus(x) = x + e^−x (e^x would overflow first): at the float after 33,
    // e^−x is 0.66 of an ulp, and the correctly rounded ln(1 + e^x) is two ulps above 33
    let x = 33f64.next_up();
    assert_eq!(Op::Softplus.forward(&[x]), x.next_up());
    assert_eq!(Op::Softplus.forward(&[33.0]), 33f64.next_up());
}

#[test]
fn a_function_written_for_any_scalar_gives_the_same_bits_on_numbers_and_on_values() {
    use gradgraph::Scalar;
    // every method of Scalar, once on f64 and once on a graph's values
    fn all<S: Scalar>(x: S, y: S) -> Vec<S> {
        vec![
            x.lift(0.25),
            x.abs(),
            x.sqrt(),
            x.exp(),
            x.ln(),
            x.sin(),
            x.cos(),
            x.erf(),
            x.tanh(),
            x.sigmoid(),
            x.powf(2.5),
            x.pow(y),
            x.if_positive(y, x),
            (x - 1.0).if_positive(y, x),
            x * y + y / x - x,
        ]
    }
    for (x, y) in [(0.7, 1.3), (2.5, -0.5), (1e-3, 3.0)] {
        let g = Graph::new();
        let numbers = all(x, y);
        let values = all(g.input(x), g.input(y));
        for (k, (n, v)) in numbers.iter().zip(&values).enumerate() {
            assert_eq!(n.to_bits(), v.data().to_bits(), "method {k} at ({x}, {y})");
        }
        // and each is the op's own value, as the forward pass computes it
        let ops = [
            Op::Abs,
            Op::Sqrt,
            Op::Exp,
            Op::Log,
            Op::Sin,
            Op::Cos,
            Op::Erf,
            Op::Tanh,
            Op::Sigmoid,
            Op::PowConst(2.5),
        ];
        for (op, n) in ops.iter().zip(&numbers[1..]) {
            assert_eq!(n.to_bits(), op.forward(&[x]).to_bits(), "{op:?} at {x}");
        }
        assert_eq!(numbers[11].to_bits(), Op::Pow.forward(&[x, y]).to_bits());
        assert_eq!(numbers[0], 0.25);
        assert_eq!(numbers[12], y, "{x} is positive");
        assert_eq!(numbers[13], if x > 1.0 { y } else { x });
    }
}

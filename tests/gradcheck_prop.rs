//! Property tests: random expression trees over every op, with every first and second
//! derivative compared against central finite differences.

use gradgraph::{Graph, Op, Value, gradcheck};
use proptest::prelude::*;

#[derive(Clone, Copy, Debug)]
enum Unary {
    Neg,
    PowConst(f64),
    Exp,
    Log,
    Sqrt,
    Sin,
    Cos,
    Abs,
    Erf,
    Step,
    Sigmoid,
    Tanh,
    Relu,
    LeakyRelu(f64),
    Gelu,
    Elu,
    Silu,
    Softplus,
    AddScalar(f64),
    MulScalar(f64),
    DivScalar(f64),
    ScalarSub(f64),
    ScalarDiv(f64),
}

#[derive(Clone, Copy, Debug)]
enum Binary {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Prelu,
}

#[derive(Clone, Debug)]
enum Expr {
    Var(usize),
    Const(f64),
    Unary(Unary, Box<Expr>),
    Binary(Binary, Box<Expr>, Box<Expr>),
    Sum(Vec<Expr>),
    WeightedSum(Vec<(Expr, Expr)>, Box<Expr>),
}

const INPUTS: usize = 3;

fn unary() -> impl Strategy<Value = Unary> {
    let c = -2.0..2.0f64;
    let nonzero = prop_oneof![-2.0..-0.5f64, 0.5..2.0f64];
    prop_oneof![
        Just(Unary::Neg),
        prop_oneof![Just(2.0), Just(3.0), Just(-1.0), Just(0.5), Just(1.5)]
            .prop_map(Unary::PowConst),
        Just(Unary::Exp),
        Just(Unary::Log),
        Just(Unary::Sqrt),
        Just(Unary::Sin),
        Just(Unary::Cos),
        Just(Unary::Abs),
        Just(Unary::Erf),
        Just(Unary::Step),
        Just(Unary::Sigmoid),
        Just(Unary::Tanh),
        Just(Unary::Relu),
        (0.01..0.5f64).prop_map(Unary::LeakyRelu),
        Just(Unary::Gelu),
        Just(Unary::Elu),
        Just(Unary::Silu),
        Just(Unary::Softplus),
        c.clone().prop_map(Unary::AddScalar),
        c.clone().prop_map(Unary::MulScalar),
        nonzero.clone().prop_map(Unary::DivScalar),
        c.prop_map(Unary::ScalarSub),
        nonzero.prop_map(Unary::ScalarDiv),
    ]
}

fn binary() -> impl Strategy<Value = Binary> {
    prop_oneof![
        Just(Binary::Add),
        Just(Binary::Sub),
        Just(Binary::Mul),
        Just(Binary::Div),
        Just(Binary::Pow),
        Just(Binary::Prelu),
    ]
}

fn expr() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        3 => (0..INPUTS).prop_map(Expr::Var),
        1 => (-2.0..2.0f64).prop_map(Expr::Const),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            4 => (unary(), inner.clone()).prop_map(|(op, e)| Expr::Unary(op, Box::new(e))),
            4 => (binary(), inner.clone(), inner.clone())
                .prop_map(|(op, a, b)| Expr::Binary(op, Box::new(a), Box::new(b))),
            1 => prop::collection::vec(inner.clone(), 1..4).prop_map(Expr::Sum),
            1 => (prop::collection::vec((inner.clone(), inner.clone()), 1..3), inner)
                .prop_map(|(pairs, b)| Expr::WeightedSum(pairs, Box::new(b))),
        ]
    })
}

fn build<'g>(e: &Expr, g: &'g Graph, x: &[Value<'g>]) -> Value<'g> {
    match e {
        Expr::Var(i) => x[*i],
        Expr::Const(c) => g.constant(*c),
        Expr::Unary(op, a) => {
            let a = build(a, g, x);
            match *op {
                Unary::Neg => -a,
                Unary::PowConst(p) => a.powf(p),
                Unary::Exp => a.exp(),
                Unary::Log => a.log(),
                Unary::Sqrt => a.sqrt(),
                Unary::Sin => a.sin(),
                Unary::Cos => a.cos(),
                Unary::Abs => a.abs(),
                Unary::Erf => a.erf(),
                Unary::Step => a.step(),
                Unary::Sigmoid => a.sigmoid(),
                Unary::Tanh => a.tanh(),
                Unary::Relu => a.relu(),
                Unary::LeakyRelu(s) => a.leaky_relu(s),
                Unary::Gelu => a.gelu(),
                Unary::Elu => a.elu(),
                Unary::Silu => a.silu(),
                Unary::Softplus => a.softplus(),
                Unary::AddScalar(c) => a + c,
                Unary::MulScalar(c) => c * a,
                Unary::DivScalar(c) => a / c,
                Unary::ScalarSub(c) => c - a,
                Unary::ScalarDiv(c) => c / a,
            }
        }
        Expr::Binary(op, a, b) => {
            let (a, b) = (build(a, g, x), build(b, g, x));
            match op {
                Binary::Add => a + b,
                Binary::Sub => a - b,
                Binary::Mul => a * b,
                Binary::Div => a / b,
                Binary::Pow => a.pow(b),
                Binary::Prelu => a.prelu(b),
            }
        }
        Expr::Sum(terms) => {
            let terms: Vec<_> = terms.iter().map(|t| build(t, g, x)).collect();
            g.sum(&terms)
        }
        Expr::WeightedSum(pairs, b) => {
            let w: Vec<_> = pairs.iter().map(|(w, _)| build(w, g, x)).collect();
            let xs: Vec<_> = pairs.iter().map(|(_, v)| build(v, g, x)).collect();
            let b = build(b, g, x);
            g.weighted_sum(&w, &xs, b)
                .expect("weights and inputs come in pairs")
        }
    }
}

/// True when no node sits near a singularity or a kink, and every value is moderate: there
/// finite differences are trustworthy. (Singular points are tested by hand in tests/ops.rs.)
fn well_conditioned(g: &Graph) -> bool {
    const KINK: f64 = 1e-2;
    const SINGULAR: f64 = 0.1;
    g.values().all(|v| {
        let xs: Vec<f64> = g.operands(v).iter().map(|o| o.data()).collect();
        let ok = match v.op() {
            Op::Log | Op::Sqrt => xs[0] > SINGULAR,
            Op::Div => xs[1].abs() > SINGULAR,
            Op::ScalarDiv(_) => xs[0].abs() > SINGULAR,
            Op::PowConst(p) => {
                if p.fract() == 0.0 && p > 0.0 {
                    true
                } else if p.fract() == 0.0 {
                    xs[0].abs() > SINGULAR
                } else {
                    xs[0] > SINGULAR
                }
            }
            Op::Pow => xs[0] > SINGULAR && xs[1].abs() < 4.0,
            Op::Abs | Op::Step | Op::Relu | Op::LeakyRelu(_) | Op::Prelu | Op::Elu => {
                xs[0].abs() > KINK
            }
            Op::Exp => xs[0] < 4.0,
            _ => true,
        };
        ok && v.data().is_finite() && v.data().abs() < 1e3
    })
}

fn conditioned_at(e: &Expr, at: &[f64]) -> bool {
    let g = Graph::new();
    let x: Vec<_> = at.iter().map(|&v| g.value(v)).collect();
    let y = build(e, &g, &x);
    // the first-derivative graph must be well conditioned too, for second derivatives
    let _ = g.grad(y, &x);
    well_conditioned(&g)
}

fn first_derivatives(e: &Expr, at: &[f64]) -> Vec<f64> {
    let g = Graph::new();
    let x: Vec<_> = at.iter().map(|&v| g.value(v)).collect();
    g.backward(build(e, &g, &x));
    x.iter().map(|v| v.grad()).collect()
}

fn point() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-2.0..2.0f64, INPUTS)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        max_global_rejects: 100_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn first_derivatives_match_finite_differences(e in expr(), at in point()) {
        prop_assume!(conditioned_at(&e, &at));
        let check = gradcheck(|g, x| build(&e, g, x), &at);
        prop_assert!(check.passed(), "{check}\nexpr: {e:?}\nat: {at:?}");
    }

    #[test]
    fn second_derivatives_match_finite_differences(e in expr(), at in point(), i in 0..INPUTS) {
        prop_assume!(conditioned_at(&e, &at));
        // analytic: backward through the graph-built ∂f/∂x_i gives the row ∂²f/∂x_i∂x_j
        let g = Graph::new();
        let x: Vec<_> = at.iter().map(|&v| g.value(v)).collect();
        let dfi = g.grad(build(&e, &g, &x), &[x[i]])[0];
        g.backward(dfi);
        // numeric: central differences of ∂f/∂x_i as computed by plain backward, which uses
        // the numeric local derivatives, not the graph-built ones
        for j in 0..INPUTS {
            let h = f64::EPSILON.cbrt() * at[j].abs().max(1.0);
            let (mut up, mut down) = (at.clone(), at.clone());
            up[j] += h;
            down[j] -= h;
            let numeric = (first_derivatives(&e, &up)[i] - first_derivatives(&e, &down)[i])
                / (up[j] - down[j]);
            let analytic = x[j].grad();
            prop_assert!(
                (analytic - numeric).abs() <= 1e-5 + 1e-3 * numeric.abs(),
                "d2f/dx{i}dx{j}: analytic {analytic}, numeric {numeric}\nexpr: {e:?}\nat: {at:?}"
            );
        }
    }

    #[test]
    fn backward_equals_graph_built_gradient(e in expr(), at in point()) {
        let g = Graph::new();
        let x: Vec<_> = at.iter().map(|&v| g.value(v)).collect();
        let y = build(&e, &g, &x);
        let built = g.grad(y, &x);
        g.backward(y);
        for (xi, gi) in x.iter().zip(&built) {
            let (a, b) = (xi.grad(), gi.data());
            prop_assert!(a == b || (a.is_nan() && b.is_nan()), "{a} vs {b}");
        }
    }
}

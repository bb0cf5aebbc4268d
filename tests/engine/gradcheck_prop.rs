//! Property tests: random expression trees over every op, with every first and second
//! derivative compared against central finite differences.

use gradgraph::{Graph, Op, Value, gradcheck};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Expr {
    Var(usize),
    Const(f64),
    /// Any op of the table with a fixed number of operands.
    Op(Op, Vec<Expr>),
    Sum(Vec<Expr>),
    WeightedSum(Vec<(Expr, Expr)>, Box<Expr>),
}

const INPUTS: usize = 3;

/// Every op of the table of ops with a fixed number of operands (the sums have their own
/// cases below), with a parameter drawn for those that have one: a new op of the table is
/// tested here without an edit.
fn op() -> impl Strategy<Value = Op> {
    let ops: Vec<Op> = gradgraph::OPS
        .iter()
        .map(|info| info.op)
        .filter(|op| !op.is_leaf() && !matches!(op, Op::Sum(_) | Op::WeightedSum(_)))
        .collect();
    let param = prop_oneof![-2.0..-0.5f64, 0.5..2.0f64];
    (prop::sample::select(ops), param).prop_map(|(op, p)| match op.param() {
        Some(_) => op.with_param(p),
        None => op,
    })
}

fn expr() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        3 => (0..INPUTS).prop_map(Expr::Var),
        1 => (-2.0..2.0f64).prop_map(Expr::Const),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        let args = inner.clone();
        prop_oneof![
            8 => op().prop_flat_map(move |op| {
                prop::collection::vec(args.clone(), op.arity())
                    .prop_map(move |args| Expr::Op(op, args))
            }),
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
        Expr::Op(op, args) => {
            let args: Vec<_> = args.iter().map(|a| build(a, g, x)).collect();
            g.apply(*op, &args)
                .expect("as many operands as the op's arity")
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
            Op::ConstOver(_) => xs[0].abs() > SINGULAR,
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
            op if crate::matrix::kinked_at_zero(op) => xs[0].abs() > KINK,
            Op::Exp => xs[0] < 4.0,
            Op::DivConst(c) => c.abs() > SINGULAR,
            _ => true,
        };
        ok && v.data().is_finite() && v.data().abs() < 1e3
    })
}

fn conditioned_at(e: &Expr, at: &[f64]) -> bool {
    let g = Graph::new();
    let x: Vec<_> = at.iter().map(|&v| g.input(v)).collect();
    let y = build(e, &g, &x);
    // the first-derivative graph must be well conditioned too, for second derivatives
    let _ = g.grad(y, &x);
    well_conditioned(&g)
}

fn first_derivatives(e: &Expr, at: &[f64]) -> Vec<f64> {
    let g = Graph::new();
    let x: Vec<_> = at.iter().map(|&v| g.input(v)).collect();
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
        let x: Vec<_> = at.iter().map(|&v| g.input(v)).collect();
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
        let x: Vec<_> = at.iter().map(|&v| g.input(v)).collect();
        let y = build(&e, &g, &x);
        // with a NaN or an infinity somewhere (log of a negative number, say) the two may
        // differ where a branch ignores a NaN operand (prelu's ∂/∂x is 1 for x > 0 whatever
        // the slope, as PyTorch); the property is about finite values
        prop_assume!(g.values().all(|v| v.data().is_finite()));
        let built = g.grad(y, &x);
        g.backward(y);
        for (xi, gi) in x.iter().zip(&built) {
            let (a, b) = (xi.grad(), gi.data());
            prop_assert!(a == b || (a.is_nan() && b.is_nan()), "{a} vs {b}");
        }
    }
}

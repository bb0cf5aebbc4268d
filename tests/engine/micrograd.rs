//! micrograd's two published test expressions, with the numbers PyTorch computes for them.

// The expressions are micrograd's, written as it writes them (`c += c + 1`).
#![allow(clippy::misrefactored_assign_op)]

use gradgraph::Graph;

#[test]
fn sanity_check() {
    let g = Graph::new();
    let x = g.input(-4.0);
    let z = 2.0 * x + 2.0 + x;
    let q = z.relu() + z * x;
    let h = (z * z).relu();
    let y = h + q + q * x;
    g.backward(y);
    // PyTorch: y = -20, dy/dx = 46
    assert_eq!(y.data(), -20.0);
    assert_eq!(x.grad(), 46.0);
}

#[test]
fn more_ops() {
    let g = Graph::new();
    let a = g.input(-4.0);
    let b = g.input(2.0);
    let mut c = a + b;
    let mut d = a * b + b.powf(3.0);
    c += c + 1.0;
    c += 1.0 + c + (-a);
    d += d * 2.0 + (b + a).relu();
    d += 3.0 * d + (b - a).relu();
    let e = c - d;
    let f = e.powf(2.0);
    let mut h = f / 2.0;
    h += 10.0 / f;
    g.backward(h);
    let tol = 1e-6;
    // PyTorch: g = 24.70408163265306, dg/da = 138.83381924198252, dg/db = 645.5772594752186
    assert!((h.data() - 24.70408163265306).abs() < tol);
    assert!((a.grad() - 138.83381924198252).abs() < tol);
    assert!((b.grad() - 645.5772594752186).abs() < tol);
}

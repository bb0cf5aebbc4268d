//! The course's small examples, ready to draw: each builds its expression in a graph, with
//! labels and groups, and returns the output (before backward: call it yourself).
//!
//! - [`neuron`]: one neuron `tanh(x w + b)`, micrograd's first picture.
//! - [`chain`]: three neurons h, g, f in a chain (the lecture's "backpropagation is the
//!   chain rule").
//! - [`two_neurons`]: two sigmoid neurons and a squared error (the lecture's worked example
//!   of the chain rule).

use gradgraph::Graph;
use gradgraph::Value;

/// One neuron `o = tanh(x w + b)` at `x = 1`, `w = 0.5`, `b = 0`: the same as
/// `gradgraph expr "tanh(x*w + b)" --at x=1 --at w=0.5 --at b=0`.
///
/// Labels: `x` (input), `w`, `b` (parameters), `x·w`, `x·w + b`, `o`; grouped as `neuron`.
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let o = gradgraph_course::examples::neuron(&g);
/// g.backward(o);
/// // do/dw = tanh'(x w + b) · x = (1 - o²) · 1
/// let w = g.parameters()[0];
/// assert!((w.grad() - (1.0 - o.data() * o.data())).abs() < 1e-15);
/// ```
pub fn neuron(g: &Graph) -> Value<'_> {
    let x = g.input(1.0).with_label("x");
    g.group("neuron", || {
        let w = g.parameter(0.5).with_label("w");
        let b = g.parameter(0.0).with_label("b");
        let xw = (x * w).with_label("x·w");
        let n = (xw + b).with_label("x·w + b");
        n.tanh().with_label("o")
    })
}

/// The course's chain `x = 1 → w → h → 1 → g → 1 → f → y`: three neurons h, g, f in a row,
/// with weights `w = 0.5`, `1`, `1`, so `y = f(g(h(w x)))`. All three activations are the
/// sigmoid `σ(a) = 1 / (1 + e^-a)`, whose derivative `σ' = σ (1 - σ)` is at most 0.25.
///
/// The chain rule gives `dy/dw = f'(g(h)) · 1 · g'(h) · 1 · h'(w x) · x`: a product of three
/// sigmoid derivatives, each at most 0.25, so the gradient reaching `w` is already below
/// `0.25³ ≈ 0.016` (the vanishing gradient of the lecture "Redes Neurais Artificiais,
/// Parte II", course T320 at Inatel). The weights 1 are fixed, not
/// learned: they are drawn as the ops `* 1`.
///
/// Labels: `x` (input), `w` (parameter), `w·x`, `h`, `1·h`, `g`, `1·g`, `y`; grouped as
/// `neuron h`, `neuron g`, `neuron f`.
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let y = gradgraph_course::examples::chain(&g);
/// g.backward(y);
/// let sigma = |a: f64| 1.0 / (1.0 + (-a).exp());
/// let (x, w) = (1.0, 0.5);
/// let h = sigma(w * x);
/// let gg = sigma(1.0 * h);
/// let f = sigma(1.0 * gg);
/// // dy/dw = f'(g) · 1 · g'(h) · 1 · h'(w x) · x, with σ' = σ (1 - σ)
/// let dy_dw = f * (1.0 - f) * gg * (1.0 - gg) * h * (1.0 - h) * x;
/// assert_eq!(y.data(), f);
/// assert!((g.parameters()[0].grad() - dy_dw).abs() < 1e-15);
/// ```
pub fn chain(g: &Graph) -> Value<'_> {
    let x = g.input(1.0).with_label("x");
    let h = g.group("neuron h", || {
        let w = g.parameter(0.5).with_label("w");
        let a = (w * x).with_label("w·x");
        a.sigmoid().with_label("h")
    });
    let gg = g.group("neuron g", || {
        let a = (h * 1.0).with_label("1·h");
        a.sigmoid().with_label("g")
    });
    g.group("neuron f", || {
        let a = (gg * 1.0).with_label("1·g");
        a.sigmoid().with_label("y")
    })
}

/// The course's two sigmoid neurons and their squared error, with one sample (`N = 1`):
/// `g1 = x w1`, `z1 = σ(g1)`, `g2 = z1 w2`, `ŷ = σ(g2)`, `J = (ŷ - y)² / N`, at
/// `x = 1`, `w1 = 0.5`, `w2 = 0.8` and target `y = 1` (a constant).
///
/// The chain rule of the course:
/// `dJ/dw2 = dJ/dŷ · dŷ/dg2 · dg2/dw2 = 2(ŷ - y)/N · ŷ(1 - ŷ) · z1` and
/// `dJ/dw1 = dJ/dŷ · dŷ/dg2 · dg2/dz1 · dz1/dg1 · dg1/dw1
///         = 2(ŷ - y)/N · ŷ(1 - ŷ) · w2 · z1(1 - z1) · x`.
///
/// Labels: `x`, `w1`, `g1`, `z1`, `w2`, `g2`, `ŷ`, `y`, `ŷ − y`, `(ŷ − y)²`, `J`; grouped
/// as `neuron 1`, `neuron 2`, `loss`.
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let j = gradgraph_course::examples::two_neurons(&g);
/// g.backward(j);
/// let sigma = |a: f64| 1.0 / (1.0 + (-a).exp());
/// let (x, w1, w2, y, n) = (1.0, 0.5, 0.8, 1.0, 1.0);
/// let z1 = sigma(x * w1);
/// let y_hat = sigma(z1 * w2);
/// let dj_dyhat = 2.0 * (y_hat - y) / n;
/// let dj_dw2 = dj_dyhat * y_hat * (1.0 - y_hat) * z1;
/// let dj_dw1 = dj_dyhat * y_hat * (1.0 - y_hat) * w2 * z1 * (1.0 - z1) * x;
/// let params = g.parameters();
/// assert!((j.data() - (y_hat - y).powi(2) / n).abs() < 1e-15);
/// assert!((params[0].grad() - dj_dw1).abs() < 1e-15);
/// assert!((params[1].grad() - dj_dw2).abs() < 1e-15);
/// ```
pub fn two_neurons(g: &Graph) -> Value<'_> {
    let n_samples = 1.0;
    let x = g.input(1.0).with_label("x");
    let z1 = g.group("neuron 1", || {
        let w1 = g.parameter(0.5).with_label("w1");
        let g1 = (x * w1).with_label("g1");
        g1.sigmoid().with_label("z1")
    });
    let y_hat = g.group("neuron 2", || {
        let w2 = g.parameter(0.8).with_label("w2");
        let g2 = (z1 * w2).with_label("g2");
        g2.sigmoid().with_label("ŷ")
    });
    g.group("loss", || {
        let y = g.constant(1.0).with_label("y");
        let error = (y_hat - y).with_label("ŷ − y");
        let squared = error.powf(2.0).with_label("(ŷ − y)²");
        (squared / n_samples).with_label("J")
    })
}

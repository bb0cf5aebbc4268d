//! The course's small examples, ready to draw: each builds its expression in a graph, with
//! labels and groups, and returns the output (before backward: call it yourself).
//!
//! - [`neuron`]: one neuron `tanh(x w + b)`, micrograd's first picture.
//! - [`chain`]: three nodes h = σ, g = tanh, f = σ in a chain (the lecture's
//!   "backpropagation is the chain rule").
//! - [`two_neurons`]: two sigmoid neurons and their mean squared error over two samples (the
//!   lecture's worked example of the chain rule).
//!
//! The tour's tables of the chain rule are worked out on these very graphs, and the gallery
//! draws them: every gradient the tour prints is in the picture beside it.

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

/// The chain's weight `w` and input `x`.
pub const CHAIN: (f64, f64) = (0.5, 1.0);
/// The two neurons' starting weights `(w1, w2)`.
pub const WEIGHTS: (f64, f64) = (0.8, -0.4);
/// The samples `(x(i), y(i))` of the two-neuron example.
pub const SAMPLES: [(f64, f64); 2] = [(1.0, 1.0), (-0.5, 0.0)];

/// The course's chain `y = f(g(h(w x)))` at `x = 1`, `w = 0.5` ([`CHAIN`]): three nodes h, g,
/// f in a row, with `h = σ`, `g = tanh` and `f = σ` (`σ(a) = 1 / (1 + e^-a)`). The tour's
/// chain-rule table (`gradgraph_course::experiments::chain_rule`) is worked out on this very
/// graph, and `graphs/chain.svg` draws it.
///
/// The chain rule gives `dy/dw = f'(g) · g'(h) · h'(w x) · x`, with `σ' = σ (1 - σ)` (at most
/// 0.25) and `tanh' = 1 - tanh²`.
///
/// Labels: `x` (input), `w` (parameter), `w·x`, `h`, `g`, `y`; grouped as `neuron h`,
/// `neuron g`, `neuron f`.
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let y = gradgraph_course::examples::chain(&g);
/// g.backward(y);
/// let sigma = |a: f64| 1.0 / (1.0 + (-a).exp());
/// let (x, w) = (1.0, 0.5);
/// let h = sigma(w * x);
/// let gg = h.tanh();
/// let f = sigma(gg);
/// // dy/dw = f'(g) · g'(h) · h'(w x) · x
/// let dy_dw = f * (1.0 - f) * (1.0 - gg * gg) * h * (1.0 - h) * x;
/// assert!((y.data() - f).abs() < 1e-15);
/// assert!((g.parameters()[0].grad() - dy_dw).abs() < 1e-15);
/// ```
pub fn chain(g: &Graph) -> Value<'_> {
    let (w0, x0) = CHAIN;
    let x = g.input(x0).with_label("x");
    let h = g.group("neuron h", || {
        let w = g.parameter(w0).with_label("w");
        let a = (w * x).with_label("w·x");
        a.sigmoid().with_label("h")
    });
    let gg = g.group("neuron g", || h.tanh().with_label("g"));
    g.group("neuron f", || gg.sigmoid().with_label("y"))
}

/// The course's two sigmoid neurons and their mean squared error over two samples
/// ([`SAMPLES`]: `(x, y) = (1, 1)` and `(-0.5, 0)`), with the weights `w1 = 0.8`,
/// `w2 = -0.4` ([`WEIGHTS`]) shared by both: for each sample `k`, `g1(k) = x(k) w1`,
/// `z1(k) = σ(g1(k))`, `g2(k) = z1(k) w2`, `ŷ(k) = σ(g2(k))`, and
/// `J = (1/N) Σ (ŷ(k) − y(k))²`. The tour's table of the chain rule
/// (`gradgraph_course::experiments::chain_rule`) is worked out on this very graph, and
/// `graphs/two_neurons.svg` and the live page `graphs/two_neurons.html` show it.
///
/// The chain rule of the course, summed over the samples:
/// `dJ/dw2 = Σ dJ/dŷ · dŷ/dg2 · dg2/dw2 = Σ 2(ŷ - y)/N · ŷ(1 - ŷ) · z1` and
/// `dJ/dw1 = Σ dJ/dŷ · dŷ/dg2 · dg2/dz1 · dz1/dg1 · dg1/dw1
///         = Σ 2(ŷ - y)/N · ŷ(1 - ŷ) · w2 · z1(1 - z1) · x`.
///
/// Labels: `w1`, `w2` (parameters), and for each sample `k`: `x(k)`, `g1(k)`, `z1(k)`,
/// `g2(k)`, `ŷ(k)`, `y(k)`, `ŷ(k) − y(k)`, `(ŷ(k) − y(k))²`; then `Σ` and `J`. Grouped as
/// `sample 1`, `sample 2` (each holding its `neuron 1` and `neuron 2`) and `loss`.
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let j = gradgraph_course::examples::two_neurons(&g);
/// g.backward(j);
/// let sigma = |a: f64| 1.0 / (1.0 + (-a).exp());
/// let (w1, w2) = gradgraph_course::examples::WEIGHTS;
/// let samples = gradgraph_course::examples::SAMPLES;
/// let n = samples.len() as f64;
/// let (mut loss, mut dj_dw1, mut dj_dw2) = (0.0, 0.0, 0.0);
/// for (x, y) in samples {
///     let z1 = sigma(x * w1);
///     let y_hat = sigma(z1 * w2);
///     let dj_dyhat = 2.0 * (y_hat - y) / n;
///     loss += (y_hat - y).powi(2) / n;
///     dj_dw2 += dj_dyhat * y_hat * (1.0 - y_hat) * z1;
///     dj_dw1 += dj_dyhat * y_hat * (1.0 - y_hat) * w2 * z1 * (1.0 - z1) * x;
/// }
/// let params = g.parameters();
/// assert!((j.data() - loss).abs() < 1e-15);
/// assert!((params[0].grad() - dj_dw1).abs() < 1e-15);
/// assert!((params[1].grad() - dj_dw2).abs() < 1e-15);
/// ```
pub fn two_neurons(g: &Graph) -> Value<'_> {
    let (w1_0, w2_0) = WEIGHTS;
    let n = SAMPLES.len() as f64;
    let w1 = g.parameter(w1_0).with_label("w1");
    let w2 = g.parameter(w2_0).with_label("w2");
    let mut squares = Vec::new();
    for (i, &(x, y)) in SAMPLES.iter().enumerate() {
        let k = i + 1;
        let square = g.group(&format!("sample {k}"), || {
            let x = g.input(x).with_label(&format!("x({k})"));
            let z1 = g.group("neuron 1", || {
                let g1 = (x * w1).with_label(&format!("g1({k})"));
                g1.sigmoid().with_label(&format!("z1({k})"))
            });
            let y_hat = g.group("neuron 2", || {
                let g2 = (z1 * w2).with_label(&format!("g2({k})"));
                g2.sigmoid().with_label(&format!("ŷ({k})"))
            });
            let y = g.constant(y).with_label(&format!("y({k})"));
            let error = (y_hat - y).with_label(&format!("ŷ({k}) − y({k})"));
            error.powf(2.0).with_label(&format!("(ŷ({k}) − y({k}))²"))
        });
        squares.push(square);
    }
    g.group("loss", || {
        let sum = g.sum(&squares).with_label("Σ");
        (sum / n).with_label("J")
    })
}

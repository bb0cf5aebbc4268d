//! W1 on the page's engine: micrograd's demo (an MLP 2-16-16-1 with ReLU, the hinge loss and
//! L2, 100 points of two moons, SGD), built once as a graph and run forward and backward per
//! sample, as `gradgraph_cli::bench::w1_engine` does natively; for timing the engine in
//! WebAssembly against the same code compiled natively (BENCHMARKS.md, "The live page").

use gradgraph::{Graph, Op, Value};

/// Hidden units per layer.
const H: usize = 16;

/// The final loss after `steps` SGD steps of W1 on the engine (its starting weights and the
/// moons are made the same way on every target, so the loss is the same bits everywhere).
#[doc(hidden)]
pub fn w1(steps: usize) -> f64 {
    // 100 points of two moons, noise-free: (cos t, sin t) labelled −1, (1 − cos t, 0.5 − sin t) +1
    let points: Vec<([f64; 2], f64)> = (0..100)
        .map(|i| {
            let t = std::f64::consts::PI * (i % 50) as f64 / 49.0;
            let (c, s) = (Op::Cos.forward(&[t]), Op::Sin.forward(&[t]));
            if i < 50 {
                ([c, s], -1.0)
            } else {
                ([1.0 - c, 0.5 - s], 1.0)
            }
        })
        .collect();
    // starting weights uniform in [−1, 1) from a fixed linear congruential sequence
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    };
    let sizes = [(2, H), (H, H), (H, 1)];
    let count: usize = sizes.iter().map(|&(n, m)| m * (n + 1)).sum();
    let mut params: Vec<f64> = (0..count).map(|_| next()).collect();
    let g = Graph::with_capacity(512, 1024);
    let p: Vec<Value<'_>> = params.iter().map(|&v| g.parameter(v)).collect();
    let x = [g.constant(0.0), g.constant(0.0)];
    let y = g.constant(0.0);
    let mut inputs: Vec<Value<'_>> = x.to_vec();
    let mut at = 0;
    for (k, &(n, m)) in sizes.iter().enumerate() {
        let mut outputs = Vec::with_capacity(m);
        for _ in 0..m {
            let w = &p[at..at + n];
            let b = p[at + n];
            at += n + 1;
            let Ok(s) = g.weighted_sum(w, &inputs, b) else {
                return f64::NAN;
            };
            outputs.push(if k + 1 < sizes.len() { s.relu() } else { s });
        }
        inputs = outputs;
    }
    let score = inputs[0];
    let margin = (1.0 - y * score).relu();
    let share = margin * (1.0 / points.len() as f64);
    let mut loss = f64::NAN;
    for step in 0..steps {
        g.zero_grad();
        let mut total = 0.0;
        for (xi, yi) in &points {
            x[0].set_data(xi[0]);
            x[1].set_data(xi[1]);
            y.set_data(*yi);
            g.forward();
            g.backward(share);
            total += margin.data();
        }
        let l2: f64 = params.iter().map(|v| v * v).sum();
        loss = total / points.len() as f64 + 1e-4 * l2;
        let lr = 1.0 - 0.9 * step as f64 / steps as f64;
        for (value, v) in params.iter_mut().zip(&p) {
            *value -= lr * (v.grad() + 2e-4 * *value);
            v.set_data(*value);
        }
    }
    loss
}

#[cfg(test)]
mod tests {
    #[test]
    fn w1_learns() {
        let first = super::w1(1);
        let later = super::w1(30);
        assert!(later < first, "{first} → {later}");
    }
}

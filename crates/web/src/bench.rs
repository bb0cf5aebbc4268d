//! W1 on the page's engine: micrograd's demo (an MLP 2-16-16-1 with ReLU, the hinge loss and
//! L2, SGD) on micrograd's own 100 moons and starting weights (`tests/fixtures`, the data the
//! reference baseline runs on), built once as a graph and run forward and backward per
//! sample, as `gradgraph_cli::bench::w1_engine` does natively; for timing the engine in
//! WebAssembly against the same code native and against the reference (BENCHMARKS.md, "The
//! live page").

use gradgraph::{Graph, Value};

/// Hidden units per layer.
const H: usize = 16;

/// micrograd's moons, `x1,x2,y`, and its starting weights, one a line, as the reference reads
/// them.
const MOONS: &str = include_str!("../../../tests/fixtures/moons.csv");
const INIT: &str = include_str!("../../../tests/fixtures/micrograd_init.txt");

/// The losses of the first and of the last of `steps` SGD steps of W1 on the engine (the
/// reference prints the first as `loss0`).
#[doc(hidden)]
pub fn w1(steps: usize) -> (f64, f64) {
    let number = |t: &str| t.trim().parse::<f64>().unwrap_or(f64::NAN);
    let points: Vec<([f64; 2], f64)> = MOONS
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut f = l.split(',').map(number);
            let mut next = || f.next().unwrap_or(f64::NAN);
            ([next(), next()], next())
        })
        .collect();
    let sizes = [(2, H), (H, H), (H, 1)];
    let mut params: Vec<f64> = INIT
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(number)
        .collect();
    if params.len() != sizes.iter().map(|&(n, m)| m * (n + 1)).sum::<usize>() {
        return (f64::NAN, f64::NAN);
    }
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
                return (f64::NAN, f64::NAN);
            };
            outputs.push(if k + 1 < sizes.len() { s.relu() } else { s });
        }
        inputs = outputs;
    }
    let score = inputs[0];
    let margin = (1.0 - y * score).relu();
    let inv_n = 1.0 / points.len() as f64;
    let share = margin * inv_n;
    let (mut first, mut loss) = (f64::NAN, f64::NAN);
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
        let l2 = params.iter().fold(0.0, |acc, p| acc + p * p);
        loss = total * inv_n + 1e-4 * l2;
        if step == 0 {
            first = loss;
        }
        let lr = 1.0 - 0.9 * step as f64 / steps as f64;
        for (value, v) in params.iter_mut().zip(&p) {
            *value -= lr * (v.grad() + 2e-4 * *value);
            v.set_data(*value);
        }
    }
    (first, loss)
}

#[cfg(test)]
mod tests {
    #[test]
    fn w1_is_micrograds_demo() {
        let (first, last) = super::w1(30);
        // micrograd's own first loss on these data and weights, as the reference prints it
        assert_eq!(format!("{first:.12}"), "1.185509894856");
        assert!(last < first, "{first} → {last}");
    }
}

//! Backpropagation is the chain rule.
//!
//! The course's two worked examples: the chain `y = f(g(h(w x)))` and two sigmoid neurons
//! under the mean squared error `J`. Every factor of every chain-rule product is derived by
//! hand and printed beside the number the engine's backward pass used, followed by the
//! engine's own step-by-step trace; then one gradient-descent step lowers `J`.
//!
//! Run it with `cargo run --release --example 01_chain_rule`.

// the check by hand below uses the platform's own math, independent of the engine's
#![allow(clippy::disallowed_methods)]

use gradgraph_course::experiments::chain_rule::{self, CHAIN, SAMPLES, WEIGHTS};

fn main() -> Result<(), gradgraph_course::Error> {
    let result = chain_rule::run()?;
    println!("{result}");

    // every factor derived by hand is the number the engine used, to the last digits
    for derivation in [&result.chain, &result.neurons] {
        for factor in &derivation.factors {
            assert!(
                factor.agrees(),
                "{}: by hand {} but the engine used {}",
                factor.name,
                factor.hand,
                factor.engine
            );
        }
    }

    // the chain: dy/dw = f'(g) g'(h) h'(wx) x, with h = σ, g = tanh, f = σ
    let (w, x) = CHAIN;
    let h = 1.0 / (1.0 + (-w * x).exp());
    let gv = h.tanh();
    let y = 1.0 / (1.0 + (-gv).exp());
    let dy_dw = y * (1.0 - y) * (1.0 - gv * gv) * h * (1.0 - h) * x;
    let engine = result.chain.factors.iter().find(|f| f.name == "dy/dw");
    assert!(engine.is_some_and(|f| (f.engine - dy_dw).abs() < 1e-15));

    // the trace lists each node once, output first, and the weight receives dy/dw
    let trace = &result.chain.trace;
    assert_eq!(trace.steps[0].label.as_deref(), Some("y"));
    assert_eq!(trace.steps[0].upstream, 1.0);
    let w_step = trace.steps.iter().find(|s| s.label.as_deref() == Some("w"));
    assert!(w_step.is_some_and(|s| (s.upstream - dy_dw).abs() < 1e-15));

    // two neurons: with w1 = 0.8, w2 = -0.4 both gradients are non-zero, and one step of
    // gradient descent lowers J
    assert_eq!(WEIGHTS, (0.8, -0.4));
    assert_eq!(SAMPLES.len(), 2);
    assert!(result.loss_after < result.loss_before);
    println!("all hand-derived factors agree with the engine's backward pass");
    Ok(())
}

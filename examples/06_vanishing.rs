//! Vanishing gradients: the gradient norm of each layer of an MLP at initialisation, for
//! depths up to 10 hidden layers, with sigmoid, tanh and ReLU, and with plain (uniform ±1),
//! Glorot and He initialisation and batch normalisation.
//!
//! Shows the course's claims: with sigmoid the first layer's gradient is orders of magnitude
//! below the last layer's (σ' ≤ 0.25 at every layer); with ReLU and He initialisation it stays
//! within an order of magnitude. Then trains a net of 10 hidden layers for 100 steps of plain
//! gradient descent: with sigmoid and plain initialisation the first layer keeps a tiny share
//! of the gradient and barely moves, while ReLU with He (and sigmoid with batch norm) train
//! their first layer and bring the loss down. Writes `graphs/vanishing_layers.svg`,
//! `graphs/vanishing_depth.svg` and `graphs/vanishing_training.svg` (log scale).
//!
//! Run it with `cargo run --release --example 06_vanishing`.

use gradgraph_course::experiments::vanishing::{self, Scheme};
use gradgraph_nn::Activation;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let result = vanishing::run(&vanishing::Config::default())?;
    println!("{result}");
    std::fs::create_dir_all("graphs").map_err(|e| format!("graphs: {e}"))?;
    for (name, svg) in result.plots()? {
        let path = std::path::Path::new("graphs").join(name);
        std::fs::write(&path, svg).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }

    let at = |activation, scheme| {
        result
            .get(activation, scheme, 10)
            .expect("depth 10 was measured")
            .ratio()
    };
    // sigmoid: the first layer gets orders of magnitude less gradient than the output layer,
    // whatever the initialisation
    for scheme in [Scheme::Plain, Scheme::Glorot, Scheme::He] {
        let r = at(Activation::SIGMOID, scheme);
        assert!(r < 1e-3, "sigmoid, {scheme}: first/last = {r:e}");
    }
    // and it gets worse with depth
    let shallow = result
        .get(Activation::SIGMOID, Scheme::Plain, 2)
        .expect("depth 2");
    assert!(at(Activation::SIGMOID, Scheme::Plain) < 1e-2 * shallow.ratio());
    // ReLU with He initialisation: within an order of magnitude at every depth
    for depth in &result.config.depths {
        let p = result
            .get(Activation::RELU, Scheme::He, *depth)
            .expect("measured");
        assert!(
            (0.1..=10.0).contains(&p.ratio()),
            "relu + He, {depth} layers: first/last = {:e}",
            p.ratio()
        );
    }

    // during training
    let trained = |activation, scheme| result.training_run(activation, scheme).expect("trained");
    let sigmoid = trained(Activation::SIGMOID, Scheme::Plain);
    let relu = trained(Activation::RELU, Scheme::He);
    let bn = trained(Activation::SIGMOID, Scheme::BatchNorm);
    // sigmoid + plain: the first layer's share stays below 1e-2 at every step, it hardly
    // moves, and the net ends predicting about 1/2 everywhere (loss ≈ ln 2)
    let worst = sigmoid.ratios().fold(0.0, f64::max);
    assert!(worst < 1e-2, "sigmoid + plain: first/last up to {worst:e}");
    assert!(sigmoid.first_moved < 1e-4, "{:e}", sigmoid.first_moved);
    assert!(sigmoid.final_loss > 0.69, "{}", sigmoid.final_loss);
    // relu + He: within about an order of magnitude at every step; it learns
    for (k, r) in relu.ratios().enumerate() {
        assert!((0.05..=20.0).contains(&r), "relu + He, step {k}: {r:e}");
    }
    assert!(relu.first_moved > 1e-2, "{:e}", relu.first_moved);
    assert!(relu.final_loss < 0.5 * relu.loss[0], "{}", relu.final_loss);
    // batch norm raises the sigmoid's ratio by orders of magnitude, and the net learns
    for (k, (b, s)) in bn.ratios().zip(sigmoid.ratios()).enumerate() {
        assert!(b > 10.0 * s, "step {k}: batch norm {b:e}, plain {s:e}");
    }
    let [_, middle, end] = bn.milestones();
    assert!(bn.ratio(middle) > 1e3 * sigmoid.ratio(middle));
    assert!(bn.ratio(end) > 1e2 * sigmoid.ratio(end));
    assert!(bn.final_loss < 0.5 * bn.loss[0], "{}", bn.final_loss);
    Ok(())
}

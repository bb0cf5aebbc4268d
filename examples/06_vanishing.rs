//! Vanishing gradients: the gradient norm of each layer of an MLP at initialisation, for
//! depths up to 10 hidden layers, with sigmoid, tanh and ReLU, and with plain (uniform ±1),
//! Glorot and He initialisation and batch normalisation.
//!
//! Shows the course's claims: with sigmoid the first layer's gradient is orders of magnitude
//! below the last layer's (σ' ≤ 0.25 at every layer); with ReLU and He initialisation it stays
//! within an order of magnitude. Writes `graphs/vanishing_layers.svg` and
//! `graphs/vanishing_depth.svg` (log scale).
//!
//! Run it with `cargo run --release --example 06_vanishing`.

use gradgraph::experiments::vanishing::{self, Scheme};
use gradgraph::nn::Activation;

fn main() -> Result<(), gradgraph::Error> {
    let result = vanishing::run(&vanishing::Config::default())?;
    println!("{result}");
    std::fs::create_dir_all("graphs").map_err(|e| gradgraph::Error::io("graphs", e))?;
    for path in result.plot("graphs".as_ref())? {
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
        let r = at(Activation::Sigmoid, scheme);
        assert!(r < 1e-3, "sigmoid, {scheme}: first/last = {r:e}");
    }
    // and it gets worse with depth
    let shallow = result
        .get(Activation::Sigmoid, Scheme::Plain, 2)
        .expect("depth 2");
    assert!(at(Activation::Sigmoid, Scheme::Plain) < 1e-2 * shallow.ratio());
    // ReLU with He initialisation: within an order of magnitude at every depth
    for depth in &result.config.depths {
        let p = result
            .get(Activation::Relu, Scheme::He, *depth)
            .expect("measured");
        assert!(
            (0.1..=10.0).contains(&p.ratio()),
            "relu + He, {depth} layers: first/last = {:e}",
            p.ratio()
        );
    }
    Ok(())
}

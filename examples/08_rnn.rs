//! A recurrent net (Elman) of scalar units, unrolled in time and trained by backpropagation
//! through time to predict the next value of a noisy sine.
//!
//! Prints the training curve and the gradient of the last prediction's error with respect to
//! the input at each time step of a window: it decays going back in time, the vanishing
//! gradient of recurrent nets. Writes `graphs/rnn.svg`.
//!
//! Run it with `cargo run --release --example 08_rnn`.

use gradgraph_course::experiments::rnn;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let result = rnn::run(&rnn::Config::default())?;
    println!("{result}");
    std::fs::create_dir_all("graphs").map_err(|e| format!("graphs: {e}"))?;
    for (name, svg) in result.plots()? {
        let path = std::path::Path::new("graphs").join(name);
        std::fs::write(&path, svg).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }

    // it learns: the loss falls by an order of magnitude
    assert!(result.final_loss() < 0.1 * result.initial_loss());
    // the gradient reaching the oldest input is a small fraction of the newest one's
    assert!(result.decay() < 0.1, "decay {}", result.decay());
    // and it falls going back in time: the newest half of the window gets more than the oldest
    let g = &result.input_gradients;
    let half = g.len() / 2;
    let (old, new): (f64, f64) = (g[..half].iter().sum(), g[half..].iter().sum());
    assert!(old < new);
    Ok(())
}

//! Exploding gradients: ReLU nets with initial weights too large (uniform ±2), whose
//! gradients grow with depth until plain gradient descent diverges; gradient clipping lets
//! the same net train.
//!
//! Writes `graphs/exploding.svg` (gradient norm against depth, loss with and without
//! clipping).
//!
//! Run it with `cargo run --release --example 07_exploding`.

use gradgraph_course::experiments::exploding;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let result = exploding::run(&exploding::Config::default())?;
    println!("{result}");
    std::fs::create_dir_all("graphs").map_err(|e| format!("graphs: {e}"))?;
    for (name, svg) in result.plots()? {
        let path = std::path::Path::new("graphs").join(name);
        std::fs::write(&path, svg).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }

    // the first layer's gradient grows with every added layer, by orders of magnitude in all
    let first = result.first_layer_norms();
    for pair in first.windows(2) {
        assert!(pair[1].1 > pair[0].1, "depth {} → {}", pair[0].0, pair[1].0);
    }
    let (shallow, deep) = (first[0].1, first[first.len() - 1].1);
    assert!(deep > 1e3 * shallow, "{shallow:e} → {deep:e}");
    // plain SGD diverges, clipped SGD trains
    assert!(result.diverged());
    assert!(result.clipped_trains());
    Ok(())
}

//! Universal approximation, regression: one hidden layer fits x² on [-1, 1], 1/x on
//! [1, 100] and sin x on [1, 2π].
//!
//! The input is scaled to [-1, 1] as a user would scale it; each fit is judged by its root
//! mean squared error on a dense grid of 1,000 points over the whole interval. Writes
//! `graphs/regression.svg` (the fitted curves over the data).
//!
//! Run it with `cargo run --release --example 05_regression`.

use gradgraph_course::experiments::regression;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let result = regression::run(&regression::Config::default())?;
    println!("{result}");
    std::fs::create_dir_all("graphs").map_err(|e| format!("graphs: {e}"))?;
    for (name, svg) in result.plots()? {
        let path = std::path::Path::new("graphs").join(name);
        std::fs::write(&path, svg).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }

    assert_eq!(result.fits.len(), 3);
    for fit in &result.fits {
        // one hidden layer
        assert_eq!(fit.net.layers.len(), 2);
        // within 0.02 of the true function everywhere on average, on points it never saw
        assert!(
            fit.test_rmse <= 0.02,
            "{}: RMSE {}",
            fit.formula,
            fit.test_rmse
        );
        assert_eq!(fit.grid.len(), 1000);
    }
    Ok(())
}

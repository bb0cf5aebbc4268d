//! Universal approximation, classification: concentric circles separated by ONE hidden
//! layer of 4 nodes.
//!
//! Each hidden node is a soft threshold; two opposite thresholds make a ridge, two
//! perpendicular ridges a bump, and the output node's sigmoid of the bump separates the
//! inner circle from the outer one. Prints the accuracy on held-out points and writes
//! `graphs/circles.svg` (the decision boundary) and `graphs/circles_hidden.svg` (each hidden
//! node's output and how they combine).
//!
//! Run it with `cargo run --release --example 04_circles`.

use gradgraph_course::experiments::circles;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let result = circles::run(&circles::Config::default())?;
    println!("{result}");
    std::fs::create_dir_all("graphs").map_err(|e| format!("graphs: {e}"))?;
    for (name, svg) in result.plots()? {
        let path = std::path::Path::new("graphs").join(name);
        std::fs::write(&path, svg).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }

    // one hidden layer of 4 nodes and 1 output node
    let sizes: Vec<usize> = result.net.layers.iter().map(|l| l.n_outputs()).collect();
    assert_eq!(sizes, vec![4, 1]);
    // it separates points it never saw
    assert!(result.test.len() >= 60);
    assert!(
        result.test_accuracy >= 0.97,
        "held-out accuracy {}",
        result.test_accuracy
    );
    assert!(result.train_accuracy >= 0.97);
    Ok(())
}

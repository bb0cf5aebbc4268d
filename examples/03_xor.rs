//! XOR with the course's 2-2-1 MLP: two hidden nodes draw two lines, the output node
//! combines them.
//!
//! Trains the net from a fixed seed (it classifies all four points), then from 50 seeds to
//! count how many starts solve XOR and how many get stuck in a flat region or a local
//! minimum. Writes `graphs/xor.svg` (each node's output over the plane) and
//! `graphs/xor_seeds.svg` (every seed's loss curve).
//!
//! Run it with `cargo run --release --example 03_xor`.

use gradgraph_course::experiments::xor;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let result = xor::run(&xor::Config::default())?;
    println!("{result}");
    std::fs::create_dir_all("graphs").map_err(|e| format!("graphs: {e}"))?;
    for (name, svg) in result.plots()? {
        let path = std::path::Path::new("graphs").join(name);
        std::fs::write(&path, svg).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }

    // the fixed seed solves XOR: every point on the right side of 0.5
    assert_eq!(result.accuracy, 1.0);
    for (out, &y) in result.outputs.iter().zip(&result.data.targets) {
        assert_eq!(*out > 0.5, y == 1.0);
    }
    // most of the 50 starts solve it, and some get stuck: a 2-2-1 net has no room to spare
    assert_eq!(result.seeds.len(), 50);
    let fraction = result.solved_fraction();
    assert!((0.5..1.0).contains(&fraction), "solved fraction {fraction}");
    // a stuck start is stuck for good: its loss has stopped falling well above a solved one's
    let stuck = result.seeds.iter().filter(|s| !s.solved());
    let best_stuck = stuck.map(|s| s.final_loss).fold(f64::INFINITY, f64::min);
    assert!(best_stuck > result.report.final_loss);
    Ok(())
}

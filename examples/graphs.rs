//! Regenerates the pictures of the README in `graphs/`: the one-neuron, chain and
//! two-sigmoid-neuron examples of the course, drawn after backward, and the frames of their
//! backward passes, as DOT files and (when Graphviz's `dot` is installed) SVGs.
//!
//! Run it from anywhere in the repository: `cargo run --example graphs`
//! (`tests/graphs_fresh.rs` fails when the committed DOT files are out of date).

use std::path::Path;

fn main() -> Result<(), gradgraph::Error> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs");
    let written = gradgraph_course::gallery::write_gallery(&dir)?;
    for path in &written {
        println!("wrote {}", path.display());
    }
    if !gradgraph_draw::graphviz_installed() {
        println!("Graphviz's `dot` is not installed: wrote the DOT files only, no SVG");
    }
    // Every picture was written, with an SVG beside each DOT file when Graphviz is there.
    let dots = written
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "dot"));
    for dot in dots {
        assert!(dot.exists());
        if gradgraph_draw::graphviz_installed() {
            assert!(
                dot.with_extension("svg").exists(),
                "no SVG for {}",
                dot.display()
            );
        }
    }
    Ok(())
}

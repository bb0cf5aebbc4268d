//! Regenerates the pictures of the README in `graphs/`: the one-neuron, chain and
//! two-sigmoid-neuron examples of the course, drawn after backward, and the frames of their
//! backward passes, as DOT files and (when Graphviz's `dot` is installed) SVGs.
//!
//! Run it from anywhere in the repository: `cargo run --example graphs`
//! (`tests/graphs_fresh.rs` fails when the committed DOT files are out of date).

use std::collections::BTreeSet;
use std::path::Path;

/// `path: what the operating system said`.
fn io(path: &Path, e: std::io::Error) -> String {
    format!("{}: {e}", path.display())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs");
    let svg = gradgraph_draw::graphviz_installed();
    // the library draws the files (a path inside graphs/ and the bytes); writing is ours
    let files = gradgraph_course::gallery::files(svg)?;
    let mut folders = BTreeSet::new();
    for (name, bytes) in &files {
        let path = dir.join(name);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| io(folder, e))?;
            folders.insert(folder.to_path_buf());
        }
        std::fs::write(&path, bytes).map_err(|e| io(&path, e))?;
        println!("wrote {}", path.display());
    }
    // A folder of frames holds one backward pass: the frames of an earlier, longer one go
    // (the SVG frames only when they were redrawn).
    for folder in folders.iter().filter(|f| **f != dir) {
        let entries = std::fs::read_dir(folder).map_err(|e| io(folder, e))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = files.iter().any(|(n, _)| dir.join(n) == entry.path());
            let redrawn = svg || name.ends_with(".dot");
            if gradgraph_draw::is_frame_file(&name) && redrawn && !ours {
                std::fs::remove_file(entry.path()).map_err(|e| io(&entry.path(), e))?;
                println!("removed {}", entry.path().display());
            }
        }
    }
    if !svg {
        println!("Graphviz's `dot` is not installed: wrote the DOT files only, no SVG");
    }
    // Every picture was written, with an SVG beside each DOT file when Graphviz is there.
    let dots = files.iter().filter(|(name, _)| name.ends_with(".dot"));
    for (name, _) in dots {
        let dot = dir.join(name);
        assert!(dot.exists());
        if svg {
            assert!(
                dot.with_extension("svg").exists(),
                "no SVG for {}",
                dot.display()
            );
        }
    }
    Ok(())
}

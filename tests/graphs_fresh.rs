//! The pictures committed in `graphs/` are what the code draws today: the gallery is
//! regenerated into a temporary directory and every DOT file compared byte for byte.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The DOT files under `dir`, as paths relative to it.
fn dot_files(dir: &Path) -> BTreeSet<PathBuf> {
    let mut found = BTreeSet::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "dot") {
                found.insert(path.strip_prefix(dir).expect("inside dir").to_path_buf());
            }
        }
    }
    found
}

#[test]
fn committed_pictures_are_fresh() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs");
    let fresh = std::env::temp_dir().join(format!("gradgraph-gallery-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fresh);
    let written = gradgraph::dot::write_gallery(&fresh).unwrap();
    assert!(written.len() >= 4 + 8 + 11);
    let rerun = format!(
        "the pictures in graphs/ are out of date: run `{}` and commit graphs/",
        gradgraph::dot::GALLERY_COMMAND
    );
    assert_eq!(dot_files(&committed), dot_files(&fresh), "{rerun}");
    for name in dot_files(&fresh) {
        let new = std::fs::read(fresh.join(&name)).unwrap();
        let old = std::fs::read(committed.join(&name)).unwrap();
        assert!(old == new, "{} differs: {rerun}", name.display());
    }
    if !gradgraph::dot::graphviz_installed() {
        skipped("SVGs of the gallery: Graphviz `dot` not installed (DOT checked)");
    }
    std::fs::remove_dir_all(&fresh).unwrap();
}

/// Says which check was skipped, on stderr past the test harness's capture (which only
/// catches `print!` and `eprint!`), so that `cargo test` shows it.
fn skipped(what: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {what}");
}

//! The committed WebAssembly is built from the sources as they are: the checksum
//! `crates/web/build.sh` recorded beside it matches the sources' (`crates/web/sources.py`
//! computes it the same way). After a change to the engine, to this crate or to the
//! catalogs (`crates/i18n`, compiled in), run
//! `bash crates/web/build.sh` and commit what it wrote.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Every file under `dir` whose name ends in `ext` (`rs`, `ftl`).
fn files_of(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a folder entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_of(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

#[test]
fn the_committed_webassembly_is_built_from_these_sources() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in [
        "src",
        "crates/nn/src",
        "crates/quiz/src",
        "crates/web/src",
        "crates/i18n/src",
    ] {
        files_of(&root.join(dir), "rs", &mut files);
    }
    // the catalogs are compiled into the page's engine, with the crate that reads them
    files_of(&root.join("crates/i18n/catalogs"), "ftl", &mut files);
    files.push(root.join("crates/i18n/build.rs"));
    files.push(root.join("crates/i18n/english_words.txt"));
    files.push(root.join("crates/i18n/Cargo.toml"));
    files.push(root.join("Cargo.toml"));
    files.push(root.join("crates/nn/Cargo.toml"));
    files.push(root.join("crates/quiz/Cargo.toml"));
    files.push(root.join("crates/web/Cargo.toml"));
    let relative = |p: &PathBuf| -> String {
        p.strip_prefix(&root)
            .expect("under the root")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    };
    let mut named: Vec<(String, PathBuf)> =
        files.iter().map(|p| (relative(p), p.clone())).collect();
    named.sort();
    let mut digest = Sha256::new();
    for (name, path) in &named {
        digest.update(name.as_bytes());
        digest.update([0]);
        digest.update(std::fs::read(path).expect("a source file"));
        digest.update([0]);
    }
    let now: String = digest
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        gradgraph_web::WASM_SOURCES.trim(),
        now,
        "crates/web/assets/gradgraph_web.wasm is stale: its sources changed since it was built; \
         run `bash crates/web/build.sh` (see crates/web/build.sh for the toolchain) and commit \
         what it writes"
    );
    assert!(gradgraph_web::WASM.starts_with(b"\0asm"), "not WebAssembly");
}

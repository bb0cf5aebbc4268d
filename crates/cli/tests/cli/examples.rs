//! Every example runs to the end and passes its own assertions, so the examples never rot.
//!
//! `cargo test` builds the examples before it runs the tests; this test runs those binaries,
//! each in a scratch folder (they write their plots into `graphs/` of the folder they run in).

use std::path::PathBuf;
use std::process::Command;

const EXAMPLES: [&str; 8] = [
    "01_chain_rule",
    "02_activations",
    "03_xor",
    "04_circles",
    "05_regression",
    "06_vanishing",
    "07_exploding",
    "08_rnn",
];

/// `target/<profile>/examples`, next to the `deps` folder this test runs from.
fn examples_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    exe.parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>/deps")
        .join("examples")
}

#[test]
fn every_example_passes_its_assertions() {
    let dir = examples_dir();
    let missing: Vec<_> = EXAMPLES
        .iter()
        .filter(|name| !dir.join(name).exists())
        .collect();
    if !missing.is_empty() {
        // only when this file is run alone (`cargo test --test examples`): cargo then does
        // not build the examples
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: examples {missing:?} are not built; run the whole `cargo test`"
        );
        return;
    }
    for name in EXAMPLES {
        let scratch =
            std::env::temp_dir().join(format!("gradgraph-example-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&scratch).unwrap();
        let out = Command::new(dir.join(name))
            .current_dir(&scratch)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "example {name} failed ({}):\n{}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "example {name} printed nothing");
        std::fs::remove_dir_all(&scratch).unwrap();
    }
}

//! The fuzz targets' bodies (`gradgraph_cli::fuzz`, run by `cargo +nightly fuzz run TARGET`
//! under `fuzz/`), run on stable Rust over the committed corpus (`fuzz/corpus/TARGET`), the
//! inputs the fuzzer once crashed on (`tests/fuzz_regressions/TARGET`), and random inputs:
//! random bytes and random edits of the corpus.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::Path;

fn inputs(target: &str) -> Vec<Vec<u8>> {
    let mut all = Vec::new();
    for dir in ["fuzz/corpus", "tests/fuzz_regressions"] {
        let dir = Path::new(crate::ROOT).join(dir).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            all.push(std::fs::read(entry.expect("test setup").path()).expect("test setup"));
        }
    }
    all
}

/// Runs `body` on every stored input of `target`, then on `random` random inputs.
fn run(target: &str, body: fn(&[u8]), random: usize) {
    let corpus = inputs(target);
    assert!(!corpus.is_empty(), "no corpus for {target}");
    for input in &corpus {
        body(input);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    // bytes that matter to the parsers, more often than chance would pick them
    let special = b"0123456789.,;\"\\\n\r(){}[]<>|:=+-*/^e xyzEINFnaNtanhlogexp\xef\xbb\xbf";
    for k in 0..random {
        let mut input = if k % 2 == 0 {
            corpus[rng.random_range(0..corpus.len())].clone()
        } else {
            Vec::new()
        };
        for _ in 0..rng.random_range(1..8) {
            let byte = if rng.random_bool(0.7) {
                special[rng.random_range(0..special.len())]
            } else {
                rng.random()
            };
            match rng.random_range(0..3) {
                0 if !input.is_empty() => {
                    let i = rng.random_range(0..input.len());
                    input[i] = byte;
                }
                1 if !input.is_empty() => {
                    input.remove(rng.random_range(0..input.len()));
                }
                _ => {
                    let i = rng.random_range(0..=input.len());
                    input.insert(i, byte);
                }
            }
        }
        body(&input);
    }
}

#[test]
fn expr_parse_build_backward() {
    run("expr", gradgraph_cli::fuzz::expr, 3000);
}

#[test]
fn csv_loader() {
    run("csv", gradgraph_cli::fuzz::csv, 3000);
}

#[test]
fn model_json_loader() {
    run("model_json", gradgraph_cli::fuzz::model_json, 1000);
}

#[test]
fn init_loader() {
    run("init", gradgraph_cli::fuzz::init, 3000);
}

#[test]
fn dot_writer_with_arbitrary_labels() {
    run("dot", gradgraph_cli::fuzz::dot, 100);
}

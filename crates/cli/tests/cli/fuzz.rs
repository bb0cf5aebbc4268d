//! The fuzz targets' bodies (`gradgraph_cli::fuzz`, run by `cargo +nightly fuzz run TARGET`
//! under `fuzz/`), run on stable Rust over the committed corpus (`fuzz/corpus/TARGET`), the
//! inputs the fuzzer once crashed on (`tests/fuzz_regressions/TARGET`), and random inputs:
//! random bytes and random edits of the corpus.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::Path;

/// The inputs stored for fuzz target `target`: its corpus and the inputs it once crashed on.
pub(crate) fn inputs(target: &str) -> Vec<Vec<u8>> {
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
    run("dot", gradgraph_cli::fuzz::dot, 1000);
}

#[test]
fn page_expression_mode() {
    run("page", gradgraph_cli::fuzz::page, 1000);
}

#[test]
fn page_net_mode() {
    run("playground", gradgraph_cli::fuzz::playground, 300);
}

/// The page's seeds reach the engine's answers, not only its refusals: values, gradients,
/// quiz verdicts, errors with a column.
#[test]
fn the_page_seeds_reach_every_kind_of_answer() {
    let answers: Vec<serde_json::Value> = inputs("page")
        .iter()
        .flat_map(|input| gradgraph_cli::fuzz::page_requests(input))
        .map(|r| serde_json::from_str(&gradgraph_web::compute_json(&r)).expect("JSON"))
        .collect();
    let count = |f: &dyn Fn(&serde_json::Value) -> bool| answers.iter().filter(|a| f(a)).count();
    assert!(count(&|a| a["value"].is_string()) >= 4);
    assert!(count(&|a| a["error"]["column"].is_number()) >= 1);
    assert!(count(&|a| a["quiz"].is_object()) >= 3);
    assert!(count(&|a| a["nodes"].as_array().is_some_and(|n| n.len() > 3)) >= 4);
}

/// The playground's seeds train, edit and open the chain rule of a sample, not only refuse.
#[test]
fn the_playground_seeds_train_and_edit() {
    let mut trained = 0;
    let mut samples = 0;
    let mut refused = 0;
    for input in inputs("playground") {
        for request in gradgraph_cli::fuzz::playground_requests(&input) {
            let answer: serde_json::Value =
                serde_json::from_str(&gradgraph_web::net_json(&request)).expect("JSON");
            if answer["error"].is_string() {
                refused += 1;
            } else if answer["graph"]["nodes"].is_array() {
                samples += 1;
            } else if answer["step"].as_u64().is_some_and(|n| n > 0) {
                trained += 1;
            }
        }
    }
    assert!(trained >= 10, "{trained} states after training");
    assert!(samples >= 3, "{samples} samples' graphs");
    assert!(refused >= 4, "{refused} refusals");
}

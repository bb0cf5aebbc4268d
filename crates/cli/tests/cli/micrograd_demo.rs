//! micrograd's demo, number for number: moons, MLP 2-16-16-1 relu, hinge loss + 1e-4 L2,
//! SGD with lr 1.0 decaying to 0.1 over 100 steps, from fixed starting weights.
//!
//! The reference losses in tests/fixtures/micrograd_losses.txt were computed by micrograd
//! itself (see tests/fixtures/micrograd_reference.py, not run by the tests): the loss before
//! each of the 100 updates, then the loss after the last one.

use gradgraph_nn::data::Dataset;
use gradgraph_nn::init::parse_numbers;
use gradgraph_nn::{Activation, Init, Loss, Mlp, Optimizer, Output, TrainConfig, train};
use std::path::Path;
use std::process::Command;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(crate::ROOT).join("tests/fixtures").join(name)
}

/// The text of the fixture `name`.
fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).expect("fixture")
}

/// A fixture of numbers, one per line.
fn read_numbers(name: &str) -> Vec<f64> {
    parse_numbers(&read(name), name).expect("numbers")
}

fn reference() -> Vec<f64> {
    let r = read_numbers("micrograd_losses.txt");
    assert_eq!(r.len(), 101);
    r
}

fn assert_matches(history: &[f64], final_loss: f64) {
    let want = reference();
    assert_eq!(history.len(), 100);
    for (k, (got, want)) in history.iter().chain([&final_loss]).zip(&want).enumerate() {
        assert!(
            (got - want).abs() < 1e-9,
            "step {k}: gradgraph {got}, micrograd {want}"
        );
    }
}

#[test]
fn the_library_reproduces_micrograds_loss_history() {
    let data = Dataset::parse_csv(&read("moons.csv"), "moons.csv").unwrap();
    let mut net = Mlp::builder(&[2, 16, 16, 1])
        .activation(Activation::RELU)
        .output(Output::Linear)
        .init(Init::Zeros)
        .seed(0)
        .build()
        .unwrap();
    net.set_parameters(&read_numbers("micrograd_init.txt"))
        .unwrap();
    let config = TrainConfig {
        optimizer: Optimizer::sgd(),
        loss: Loss::Hinge,
        l2: 1e-4,
        lr: 1.0,
        lr_end: Some(0.1),
        steps: 100,
        ..TrainConfig::default()
    };
    let report = train(&mut net, &data, &config, |_| {}).unwrap();
    // the very first loss involves no update at all: it must agree to the last digit
    assert_eq!(report.loss[0], reference()[0]);
    assert_matches(&report.loss, report.final_loss);
}

#[test]
fn the_command_line_reproduces_micrograds_loss_history() {
    let out = Command::new(env!("CARGO_BIN_EXE_gradgraph"))
        .args(["train", "--dataset"])
        .arg(fixture("moons.csv"))
        .args([
            "--hidden",
            "16,16",
            "--activation",
            "relu",
            "--output",
            "linear",
        ])
        .args(["--loss", "hinge", "--l2", "1e-4", "--optimizer", "sgd"])
        .args(["--lr", "1.0", "--lr-end", "0.1", "--steps", "100", "--init"])
        .arg(fixture("micrograd_init.txt"))
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let history: Vec<f64> = json["loss"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert_matches(&history, json["final_loss"].as_f64().unwrap());
    assert_eq!(json["parameters"], 337);
    // micrograd's demo reaches 99% on these moons
    assert!(json["accuracy"].as_f64().unwrap() >= 0.99);
}

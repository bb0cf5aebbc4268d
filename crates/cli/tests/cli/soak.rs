//! Memory stays flat over long runs: training for many steps, and many expressions through
//! the library in one process. Sizes are modest here; `GRADGRAPH_SOAK_STEPS=10000` runs the
//! full soak of the issue (RSS at step 1,000 and 10,000) and prints the figures.

#![cfg(target_os = "linux")]

use gradgraph_nn::data::Dataset;
use gradgraph_nn::{Activation, Mlp, TrainConfig, train};

/// The resident set size of this process, in kB (from /proc/self/status).
fn rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("test setup");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/self/status")
}

/// RSS is the whole process's: the tests take turns.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Generous: allocators keep some memory, but growth with the number of steps or runs would
/// be far above this.
fn flat(early: u64, late: u64) -> bool {
    late <= early + early / 10 + 4096
}

#[test]
fn training_memory_stays_flat() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let steps: usize = std::env::var("GRADGRAPH_SOAK_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1500);
    let early_step = steps / 10;
    let data = Dataset::circles(100, 0.05, 0);
    let mut mlp = Mlp::new(&[2, 16, 16, 1], Activation::RELU, 0).expect("test setup");
    let config = TrainConfig {
        steps,
        ..TrainConfig::for_task(data.task)
    };
    let (mut early, mut late) = (0, 0);
    train(&mut mlp, &data, &config, |step| {
        if step.k + 1 == early_step {
            early = rss_kb();
        }
        if step.k + 1 == steps {
            late = rss_kb();
        }
    })
    .expect("test setup");
    println!(
        "RSS at step {early_step}: {early} kB, at step {steps}: {late} kB ({:+.2}%)",
        100.0 * (late as f64 - early as f64) / early as f64
    );
    assert!(flat(early, late), "grew from {early} kB to {late} kB");
}

#[test]
fn a_thousand_expressions_leak_nothing() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let run = || {
        for k in 0..100 {
            let text = format!("tanh(x*w + b) * log(1 + exp(x)) / (x^2 + {k})");
            gradgraph_cli::fuzz::expr(text.as_bytes());
        }
    };
    run();
    let early = rss_kb();
    for _ in 0..9 {
        run();
    }
    let late = rss_kb();
    println!("RSS after 100 expr runs: {early} kB, after 1,000: {late} kB");
    assert!(flat(early, late), "grew from {early} kB to {late} kB");
}

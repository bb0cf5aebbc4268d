//! The project's own W1 and W2 baselines (`gradgraph_cli::bench`), W1 through `nn::train`
//! (`w1-nn`) and W2 on the engine (`w2-engine`), on the data of the reference baseline,
//! printing one `RESULT` line in its format, so that they can be timed alternately with it:
//!
//! ```sh
//! cargo run --release --example baselines -- w1 tests/fixtures/moons.csv tests/fixtures/micrograd_init.txt
//! cargo run --release --example baselines -- w1-nn tests/fixtures/moons.csv tests/fixtures/micrograd_init.txt
//! cargo run --release --example baselines -- w2 1000000
//! cargo run --release --example baselines -- w2-engine 1000000
//! cargo run --release --example baselines -- wide
//! ```
//!
//! W2's `fwd_bwd_s` is the region the reference times, build and backward; `with_drop_s` adds
//! the drop of what was built.
//!
//! `wide` trains a 2-64-64-1 relu net (hinge loss, SGD, micrograd's settings) on 1,000 moons
//! points for 100 steps, with `nn::train` (batched replay) and with
//! `nn::train::train_on_graphs` (the graph of the whole batch), and prints both times; it has
//! no hand-written baseline here (`benches/torch_w1.py` times PyTorch on it).
//!
//! (see BENCHMARKS.md, "The baselines against the reference").

use gradgraph_cli::bench::{self, Points};
use gradgraph_nn::data::Dataset;
use gradgraph_nn::init::parse_numbers;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [which @ ("w2" | "w2-engine"), rest @ ..] => {
            let ops = match rest.first().map(|n| n.parse::<usize>()) {
                None => 1_000_000,
                Some(Ok(n)) => n,
                Some(Err(e)) => {
                    eprintln!("baselines: the number of ops: {e}");
                    return ExitCode::from(2);
                }
            };
            let t0 = Instant::now();
            let (side, name) = if *which == "w2" {
                (bench::W2Side::Baseline, "w2-baseline")
            } else {
                (bench::W2Side::Engine, "w2-engine")
            };
            let (kept, (y, dx)) = side.build(ops);
            let (y, dx) = std::hint::black_box((y, dx));
            let dt = t0.elapsed().as_secs_f64();
            drop(kept);
            let with_drop = t0.elapsed().as_secs_f64();
            println!(
                "RESULT impl=gradgraph-{name} n={ops} fwd_bwd_s={dt:.6} with_drop_s={with_drop:.6} \
                 x={y:.12} dx0={dx:.12}"
            );
            ExitCode::SUCCESS
        }
        ["wide"] => match wide() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("baselines: {e}");
                ExitCode::from(2)
            }
        },
        [which @ ("w1" | "w1-nn"), data, init] => match w1(which, Path::new(data), Path::new(init))
        {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("baselines: {e}");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!(
                "usage: baselines w1|w1-nn DATA.csv INIT.txt | baselines w2|w2-engine [N] | \
                 baselines wide"
            );
            ExitCode::from(2)
        }
    }
}

fn w1(which: &str, data: &Path, init: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let read =
        |path: &Path| std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()));
    let set = Dataset::parse_csv(&read(data)?, &data.display().to_string())?;
    let points = Points {
        x: set.inputs.iter().map(|x| [x[0], x[1]]).collect(),
        // the CSV's labels are −1/1, read as classes 0/1
        y: set
            .targets
            .iter()
            .map(|&t| if t > 0.5 { 1.0 } else { -1.0 })
            .collect(),
    };
    let mut params = parse_numbers(&read(init)?, &init.display().to_string())?;
    if which == "w1-nn" {
        // gradgraph itself: nn::train, its own clock around the training loop
        let report = bench::w1_nn(&params, &points, 100)?;
        println!(
            "RESULT impl=gradgraph-nn loop_s={:.6} loss0={:.12} loss99={:.12}",
            report.seconds, report.loss[0], report.loss[99]
        );
        return Ok(());
    }
    let t0 = Instant::now();
    let losses = bench::w1_baseline(&mut params, &points, 100)?;
    let dt = t0.elapsed().as_secs_f64();
    println!(
        "RESULT impl=gradgraph-w1-baseline loop_s={dt:.6} step_ms={:.4} loss0={:.12} loss99={:.12}",
        dt * 10.0,
        losses[0],
        losses[99]
    );
    Ok(())
}

fn wide() -> Result<(), Box<dyn std::error::Error>> {
    use gradgraph_nn::{Activation, Init, Loss, Mlp, Optimizer, Output, TrainConfig, train};
    let points = bench::moons(1000, 0.1, 1);
    let data = Dataset {
        name: "moons".into(),
        inputs: points.x.iter().map(|p| p.to_vec()).collect(),
        targets: points
            .y
            .iter()
            .map(|&y| if y > 0.0 { 1.0 } else { 0.0 })
            .collect(),
        task: gradgraph_nn::data::Task::Binary,
    };
    let net = Mlp::builder(&[2, 64, 64, 1])
        .activation(Activation::RELU)
        .output(Output::Linear)
        .init(Init::Uniform(1.0))
        .seed(1)
        .build()?;
    let config = TrainConfig {
        loss: Loss::Hinge,
        l2: 1e-4,
        optimizer: Optimizer::sgd(),
        lr: 1.0,
        lr_end: Some(0.1),
        steps: 100,
        ..TrainConfig::default()
    };
    let replay = train(&mut net.clone(), &data, &config, |_| {})?;
    let graphs = gradgraph_nn::train::train_on_graphs(&mut net.clone(), &data, &config, |_| {})?;
    let same = replay.loss == graphs.loss;
    println!(
        "RESULT impl=gradgraph-wide replay_s={:.6} graphs_s={:.6} same_losses={same} loss99={:.12}",
        replay.seconds, graphs.seconds, replay.loss[99]
    );
    Ok(())
}

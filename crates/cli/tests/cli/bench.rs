//! The benchmark workloads: each hand-written baseline computes what the engine computes, its
//! hand-derived gradients agree with finite differences, and `gradgraph bench` runs every
//! workload at a tiny size. No timing is asserted here: the figures live in BENCHMARKS.md.

use crate::common::gradgraph;

use gradgraph::{Graph, Value};
use gradgraph_cli::bench::{self, CHAIN_C, CHAIN_D, Points, Tape, W1_L2, W1_PARAMETERS};
use gradgraph_nn::Error;

#[test]
fn chain_on_the_engine_equals_the_tape_bit_for_bit() {
    for ops in [0, 1, 2, 999, 1000] {
        assert_eq!(bench::w2_engine(ops), bench::w2_baseline(ops), "{ops} ops");
    }
}

#[test]
fn chain_matches_its_closed_form() {
    // m rounds of x ← x·c + d from x = 1: y = c^m + d (1 - c^m)/(1 - c), dy/dx = c^m
    let m = 500;
    let (y, dy) = bench::w2_engine(2 * m);
    let cm = CHAIN_C.powi(m as i32);
    assert!((y - (cm + CHAIN_D * (1.0 - cm) / (1.0 - CHAIN_C))).abs() < 1e-9);
    assert!((dy - cm).abs() < 1e-12);
}

#[test]
fn chain_is_one_node_per_op() {
    let g = Graph::new();
    let x = g.input(1.0);
    let y = bench::chain(x, 10);
    assert_eq!((g.len(), g.edge_count(), y.index()), (11, 10, 10));
}

#[test]
fn tape_gradient_matches_finite_differences() {
    // y is affine in x, so the central difference is exact up to rounding
    let ops = 101;
    let y_at = |x: f64| *Tape::chain(x, ops).data.last().expect("the leaf at least");
    let h = 1e-3;
    let numeric = (y_at(1.0 + h) - y_at(1.0 - h)) / (2.0 * h);
    let mut grad = Vec::new();
    Tape::chain(1.0, ops).backward(&mut grad);
    assert!((grad[0] - numeric).abs() < 1e-9, "{} vs {numeric}", grad[0]);
}

#[test]
fn tape_replay_equals_engine_replay() {
    let ops = 1000;
    let g = Graph::new();
    let x = g.input(1.0);
    let y = bench::chain(x, ops);
    let mut tape = Tape::chain(1.0, ops);
    x.set_data(-3.5);
    tape.data[0] = -3.5;
    g.forward();
    tape.forward();
    let engine: Vec<f64> = g.values().map(|v| v.data()).collect();
    assert_eq!(engine, tape.data);
    g.backward(y);
    let mut grad = Vec::new();
    tape.backward(&mut grad);
    let engine: Vec<f64> = g.values().map(|v| v.grad()).collect();
    assert_eq!(engine, grad);
}

#[test]
fn moons_are_two_labelled_half_circles() {
    let data = bench::moons(100, 0.0, 3);
    assert_eq!(data.x.len(), 100);
    // noiseless: the upper moon lies on the unit circle, the lower one on a shifted one
    for (p, &y) in data.x.iter().zip(&data.y) {
        let (cx, cy) = if y < 0.0 { (0.0, 0.0) } else { (1.0, 0.5) };
        assert!(((p[0] - cx).hypot(p[1] - cy) - 1.0).abs() < 1e-12);
    }
    assert_eq!(bench::moons(100, 0.1, 3), bench::moons(100, 0.1, 3));
    assert_ne!(bench::moons(100, 0.1, 3), bench::moons(100, 0.1, 4));
}

#[test]
fn w1_init_is_micrograds() {
    let p = bench::w1_init(7);
    assert_eq!(p.len(), W1_PARAMETERS);
    // the first neuron: two weights in [-1, 1), then a zero bias
    assert!(p[..2].iter().all(|w| (-1.0..1.0).contains(w)));
    assert_eq!((p[2], p[W1_PARAMETERS - 1]), (0.0, 0.0));
    assert_eq!(p, bench::w1_init(7));
}

/// The full-batch loss of W1 written directly from the definition, for finite differences.
fn w1_loss(params: &[f64], data: &Points) -> f64 {
    let mut grad = vec![0.0; W1_PARAMETERS];
    bench::w1_baseline_loss(params, data, &mut grad).expect("337 parameters")
}

/// Parameters a few steps into training, so that the hinge is active for some points and
/// not others, and many relus are off.
fn trained(steps: usize) -> (Vec<f64>, Points) {
    let data = bench::moons(100, 0.1, 1);
    let mut params = bench::w1_init(1);
    bench::w1_baseline(&mut params, &data, steps).expect("337 parameters");
    (params, data)
}

#[test]
fn w1_baseline_gradient_matches_finite_differences() {
    for steps in [0, 20] {
        let (params, data) = trained(steps);
        let mut grad = vec![0.0; W1_PARAMETERS];
        bench::w1_baseline_loss(&params, &data, &mut grad).expect("337 parameters");
        let mut worst = 0.0f64;
        for i in 0..W1_PARAMETERS {
            // central differences, the step as gradcheck's: cbrt(eps)·max(1, |p|)
            let h = f64::EPSILON.cbrt() * params[i].abs().max(1.0);
            let mut p = params.clone();
            p[i] = params[i] + h;
            let up = w1_loss(&p, &data);
            p[i] = params[i] - h;
            let down = w1_loss(&p, &data);
            let numeric = (up - down) / (2.0 * h);
            let err = (grad[i] - numeric).abs();
            assert!(
                err <= 1e-5 + 1e-3 * numeric.abs(),
                "after {steps} steps, parameter {i}: hand-derived {} vs numeric {numeric}",
                grad[i]
            );
            worst = worst.max(err);
        }
        assert!(worst < 1e-6, "worst error {worst}");
    }
}

#[test]
fn w1_baseline_gradient_equals_the_engine_on_micrograds_graph() {
    // micrograd's formulation: one graph over the whole batch,
    // loss = (Σ_i relu(1 - y_i score_i)) · (1/N) + 1e-4 Σ p², built from binary ops
    let (params, data) = trained(5);
    let g = Graph::new();
    let p: Vec<Value> = params.iter().map(|&v| g.parameter(v)).collect();
    // b + w_0 x_0 + w_1 x_1 + ... as a ladder of binary nodes
    fn neuron<'g>(w: &[Value<'g>], inputs: &[Value<'g>], relu: bool) -> Value<'g> {
        let n = inputs.len();
        let mut z = w[n];
        for k in 0..n {
            z += w[k] * inputs[k];
        }
        if relu { z.relu() } else { z }
    }
    let mut margins = Vec::new();
    for (xi, &yi) in data.x.iter().zip(&data.y) {
        let x = [g.constant(xi[0]), g.constant(xi[1])];
        let h1: Vec<Value> = p[..48].chunks(3).map(|w| neuron(w, &x, true)).collect();
        let h2: Vec<Value> = p[48..320]
            .chunks(17)
            .map(|w| neuron(w, &h1, true))
            .collect();
        let score = neuron(&p[320..], &h2, false);
        margins.push((1.0 - yi * score).relu());
    }
    let data_loss = g.sum(&margins) * (1.0 / data.x.len() as f64);
    let squares: Vec<Value> = p.iter().map(|&v| v * v).collect();
    let loss = data_loss + W1_L2 * g.sum(&squares);
    g.backward(loss);

    let mut grad = vec![0.0; W1_PARAMETERS];
    let value = bench::w1_baseline_loss(&params, &data, &mut grad).expect("337 parameters");
    assert!((value - loss.data()).abs() < 1e-12);
    for (i, (hand, v)) in grad.iter().zip(&p).enumerate() {
        // the same sums in a different order: equal to rounding
        assert!(
            (hand - v.grad()).abs() < 1e-12,
            "parameter {i}: {hand} vs {}",
            v.grad()
        );
    }
}

#[test]
fn w1_engine_trains_exactly_as_the_baseline() {
    let data = bench::moons(100, 0.1, 1);
    let mut by_engine = bench::w1_init(1);
    let mut by_hand = by_engine.clone();
    let steps = 10;
    let engine = bench::w1_engine(&mut by_engine, &data, steps).expect("337 parameters");
    let baseline = bench::w1_baseline(&mut by_hand, &data, steps).expect("337 parameters");
    assert_eq!(engine.len(), steps);
    // the same arithmetic in the same order: the same numbers
    assert_eq!(engine, baseline);
    assert_eq!(by_engine, by_hand);
}

#[test]
fn w1_batch_graph_trains_as_the_baseline_to_rounding() {
    let data = bench::moons(100, 0.1, 1);
    let mut by_graph = bench::w1_init(1);
    let mut by_hand = by_graph.clone();
    let steps = 10;
    let engine = bench::w1_engine_batch(&mut by_graph, &data, steps).expect("337 parameters");
    let baseline = bench::w1_baseline(&mut by_hand, &data, steps).expect("337 parameters");
    // the same first loss exactly: the same parameters, the same sums in the same order
    assert_eq!(engine[0], baseline[0]);
    for (a, b) in engine.iter().zip(&baseline) {
        assert!((a - b).abs() <= 1e-12, "{a} vs {b}");
    }
    for (a, b) in by_graph.iter().zip(&by_hand) {
        assert!((a - b).abs() <= 1e-12, "{a} vs {b}");
    }
}

#[test]
fn w1_through_the_nets_library_trains_as_the_baseline() {
    let data = bench::moons(100, 0.1, 1);
    let init = bench::w1_init(1);
    let mut by_hand = init.clone();
    let steps = 10;
    let report = bench::w1_nn(&init, &data, steps).expect("337 parameters");
    let baseline = bench::w1_baseline(&mut by_hand, &data, steps).expect("337 parameters");
    assert_eq!(report.loss.len(), steps);
    for (a, b) in report.loss.iter().zip(&baseline) {
        assert!((a - b).abs() <= 1e-12, "{a} vs {b}");
    }
    assert!(report.seconds > 0.0);
}

#[test]
fn w1_baseline_learns_the_moons() {
    let data = bench::moons(100, 0.1, 1);
    let mut params = bench::w1_init(1);
    let losses = bench::w1_baseline(&mut params, &data, 100).expect("337 parameters");
    assert!(
        losses[99] < losses[0] / 10.0,
        "{} then {}",
        losses[0],
        losses[99]
    );
    assert!(losses[99] < 0.05, "{}", losses[99]);
}

#[test]
fn w1_wrong_parameter_count_is_a_shape_error() {
    let data = bench::moons(10, 0.1, 1);
    let mut params = vec![0.0; 336];
    for result in [
        bench::w1_engine(&mut params, &data, 1),
        bench::w1_engine_batch(&mut params, &data, 1),
        bench::w1_baseline(&mut params, &data, 1),
    ] {
        match result {
            Err(Error::Shape { expected, got, .. }) => assert_eq!((expected, got), (337, 336)),
            other => panic!("expected a shape error, got {other:?}"),
        }
    }
}

#[test]
fn cli_bench_runs_every_workload_at_a_tiny_size() {
    let out = gradgraph(&[
        "bench",
        "w1",
        "w2",
        "sweep",
        "xor",
        "vanishing",
        "wide",
        "--quick",
        "--runs",
        "1",
        "--threads",
        "2",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON object");
    for name in ["xor", "vanishing"] {
        let t = report[name]["seconds"].as_f64().unwrap_or(f64::NAN);
        assert!(t.is_finite() && t > 0.0, "{name}: {}", report[name]);
    }
    // the wide net's 300 points are split between the 2 threads
    assert!(report["wide"]["threads_seconds"].as_f64() > Some(0.0));
    assert!(report["wide"]["threads_loss_difference_to_per_sample_code"].as_f64() <= Some(1e-12));
    assert_eq!(report["wide"]["loss_difference_to_per_sample_code"], 0.0);
    // no ratio for the wide net: its per-sample hand-written code is slower than the engine
    assert!(report["wide"]["ratio"].is_null());
    assert!(report["wide"]["per_sample_code_seconds"].as_f64() > Some(0.0));
    for name in ["w1", "w2", "sweep"] {
        let w = &report[name];
        for key in ["seconds", "baseline_seconds", "ratio"] {
            let x = w[key].as_f64().unwrap_or(f64::NAN);
            assert!(x.is_finite() && x > 0.0, "{name}.{key} = {}", w[key]);
        }
    }
    assert_eq!(report["w1"]["engine_loss_difference_to_baseline"], 0.0);
    assert!(report["w1"]["loss_difference_to_baseline"].as_f64() <= Some(1e-12));
    assert_eq!(report["sweep"]["sizes"].as_array().map(Vec::len), Some(3));
    if cfg!(target_os = "linux") {
        let bytes = report["w2"]["bytes_per_node"].as_f64().unwrap_or(f64::NAN);
        // petgraph's records of a node and an edge are 44 bytes; at this tiny size some of
        // them may sit in memory the process held before, so the bound is loose
        assert!(bytes > 20.0 && bytes < 1000.0, "{bytes} bytes per node");
        // timed cold, with the drop and without (the region the reference times)
        for key in ["cold_ratio", "cold_ratio_without_drop"] {
            let x = report["w2"][key].as_f64().unwrap_or(f64::NAN);
            assert!(x.is_finite() && x > 0.0, "w2.{key} = {}", report["w2"][key]);
        }
    }
}

#[test]
fn cli_bench_prints_a_table() {
    let out = gradgraph(&["bench", "w2", "--quick", "--runs", "1"]);
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("ratio") && table.contains("w2"), "{table}");
    assert!(!table.contains("w1"), "only the named workload: {table}");
}

#[test]
fn cli_bench_refuses_unknown_workloads_and_bad_runs() {
    let out = gradgraph(&["bench", "w2", "w9"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("'w9'")
            && err.contains("[possible values: w1, w2, w3, xor, vanishing, wide, sweep]"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    let out = gradgraph(&["bench", "--runs", "0"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_wide_baseline_trains_as_the_nets_library_bit_for_bit() {
    // the same arithmetic in the same order: nn::train sums each parameter's gradient from the
    // last sample to the first, and so does the hand-written backward pass
    for (width, points, steps) in [(bench::WIDE, 120, 8), (5, 50, 30)] {
        let data = bench::moons(points, 0.1, 3);
        let init = bench::relu_net_init(width, 2);
        assert_eq!(init.len(), bench::relu_net_parameters(width));
        let by_hand = bench::wide_baseline(width, &mut init.clone(), &data, steps).expect("trains");
        let by_nn = bench::wide_nn(width, &init, &data, steps, 1).expect("trains");
        assert_eq!(by_hand.len(), steps);
        for (k, (a, b)) in by_hand.iter().zip(&by_nn.loss).enumerate() {
            assert_eq!(
                a.to_bits(),
                b.to_bits(),
                "width {width}, step {k}: {a} vs {b}"
            );
        }
        assert!(by_hand[steps - 1] < by_hand[0], "it learns: {by_hand:?}");
    }
    let mut short = vec![0.0; 10];
    assert!(bench::wide_baseline(4, &mut short, &bench::moons(10, 0.1, 1), 1).is_err());
}

#[test]
fn the_wide_baseline_gradient_matches_finite_differences() {
    // one step of plain SGD at lr = 1 moves p by its gradient: (p₀ − p₁) is the gradient
    let width = 4;
    let data = bench::moons(30, 0.1, 4);
    let init = bench::relu_net_init(width, 5);
    let mut moved = init.clone();
    let losses = bench::wide_baseline(width, &mut moved, &data, 1).expect("a step");
    let loss = |p: &[f64]| {
        let mut q = p.to_vec();
        bench::wide_baseline(width, &mut q, &data, 1).expect("a step")[0]
    };
    assert_eq!(losses[0], loss(&init));
    for i in 0..init.len() {
        let grad = init[i] - moved[i];
        let h = 1e-6;
        let (mut up, mut down) = (init.clone(), init.clone());
        up[i] += h;
        down[i] -= h;
        let numeric = (loss(&up) - loss(&down)) / (2.0 * h);
        assert!(
            (grad - numeric).abs() <= 1e-6 * (1.0 + numeric.abs()),
            "parameter {i}: {grad} vs {numeric}"
        );
    }
}

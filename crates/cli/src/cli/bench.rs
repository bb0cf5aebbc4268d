//! `gradgraph bench [w1|w2|w3|sweep ...]`: times each workload beside its hand-written
//! baseline (see `gradgraph_cli::bench`), interleaved in the same run, and prints the medians and
//! their ratios as a table or, with `--json`, as one JSON object keyed by workload.

use super::{CliResult, Failure};
use gradgraph::Graph;
use gradgraph_cli::bench::{self, Tape};
use serde_json::{Value as Json, json};
use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::Instant;

/// A workload, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Workload {
    /// micrograd's demo.
    W1,
    /// A chain of 1,000,000 ops.
    W2,
    /// The tour.
    W3,
    /// The course's XOR from 50 seeds.
    Xor,
    /// The vanishing-gradient study.
    Vanishing,
    /// A 2-64-64-1 net on 1,000 moons points.
    Wide,
    /// Nanoseconds per node from 10³ to 10⁷ nodes.
    Sweep,
}

impl Workload {
    /// Its name, as the table and the JSON report show it.
    fn name(self) -> &'static str {
        match self {
            Workload::W1 => "w1",
            Workload::W2 => "w2",
            Workload::W3 => "w3",
            Workload::Xor => "xor",
            Workload::Vanishing => "vanishing",
            Workload::Wide => "wide",
            Workload::Sweep => "sweep",
        }
    }
}

/// The tour's time target (issue 10; issue 5 allowed 10 s): W3's figure is compared with it.
const TOUR_BUDGET_SECONDS: f64 = 1.0;

/// Arguments of `gradgraph bench`.
#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// Workloads to run: w1 (micrograd's demo), w2 (a chain of 1,000,000 ops), w3 (the tour),
    /// xor (the course's XOR from 50 seeds), vanishing (the vanishing-gradient study), wide
    /// (a 2-64-64-1 net on 1,000 moons points, 100 steps), sweep (ns per node from 10³ to 10⁷
    /// nodes). All of them when none is named.
    #[arg(value_enum, ignore_case = true)]
    pub workloads: Vec<Workload>,
    /// How many times each figure is measured; the median is reported.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub runs: u32,
    /// Print one JSON object keyed by workload instead of the table.
    #[arg(long)]
    pub json: bool,
    /// Small sizes, to check that every workload runs (W1 10 steps, W2 10⁴ ops, XOR 5 seeds of
    /// 200 steps, the vanishing study's quick configuration, the wide net on 300 points for 5
    /// steps, sweep up to 10⁵ nodes). The figures then mean little.
    #[arg(long)]
    pub quick: bool,
    /// Also time the wide net with this many threads (its batch is split between them), beside
    /// the one-thread figure.
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=gradgraph_nn::train::MAX_THREADS as i64))]
    pub threads: u32,
    /// Internal: run one W2 build in this process and print its peak memory in bytes and
    /// its time in seconds.
    #[arg(long, hide = true, value_name = "engine|growing|baseline:OPS",
          value_parser = probe_spec)]
    pub memory_probe: Option<(bench::W2Side, usize)>,
}

/// `--memory-probe KIND:OPS`: which side of W2 to build, and how many ops.
fn probe_spec(spec: &str) -> Result<(bench::W2Side, usize), String> {
    let bad = || format!("expected engine:OPS, growing:OPS or baseline:OPS, not {spec:?}");
    let (kind, ops) = spec.split_once(':').ok_or_else(bad)?;
    let ops: usize = ops.parse().map_err(|_| bad())?;
    let side = match kind {
        "engine" => bench::W2Side::Engine,
        "growing" => bench::W2Side::Growing,
        "baseline" => bench::W2Side::Baseline,
        _ => return Err(bad()),
    };
    Ok((side, ops))
}

/// Runs `gradgraph bench`: each workload chosen, timed in turn, then the table or the JSON
/// report.
pub fn run(args: BenchArgs) -> CliResult {
    if let Some((side, ops)) = args.memory_probe {
        return memory_probe(side, ops);
    }
    let chosen: Vec<Workload> = <Workload as clap::ValueEnum>::value_variants()
        .iter()
        .copied()
        .filter(|w| args.workloads.is_empty() || args.workloads.contains(w))
        .collect();
    let runs = args.runs as usize;
    let mut report = serde_json::Map::new();
    let mut rows = Vec::new();
    for workload in chosen {
        let (row, figure) = match workload {
            Workload::W1 => w1(runs, args.quick)?,
            Workload::W2 => w2(runs, args.quick)?,
            Workload::W3 => w3(runs)?,
            Workload::Xor => xor(runs, args.quick)?,
            Workload::Vanishing => vanishing(runs, args.quick)?,
            Workload::Wide => wide(runs, args.quick, args.threads as usize)?,
            Workload::Sweep => sweep(runs, args.quick),
        };
        rows.push(row);
        report.insert(workload.name().to_owned(), figure);
    }
    if args.json {
        println!("{}", Json::Object(report));
    } else {
        print_table(&rows, runs);
        if let Some(sizes) = report.get("sweep").and_then(|s| s.get("sizes")) {
            print_sweep(sizes);
        }
    }
    Ok(())
}

/// One line of the table.
struct Row {
    workload: &'static str,
    seconds: Option<f64>,
    baseline_seconds: Option<f64>,
    baseline: &'static str,
    target: &'static str,
    notes: String,
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

fn seconds<R>(f: impl FnOnce() -> R) -> (f64, R) {
    let start = Instant::now();
    let r = black_box(f());
    (start.elapsed().as_secs_f64(), r)
}

/// Times `engine` and `baseline` `runs` times each, alternating which goes first, and
/// returns the medians `(engine, baseline)` and the last results.
fn interleaved<A, B>(
    runs: usize,
    mut engine: impl FnMut() -> A,
    mut baseline: impl FnMut() -> B,
) -> (f64, f64, Option<(A, B)>) {
    let (mut te, mut tb) = (Vec::new(), Vec::new());
    let mut last = None;
    for r in 0..runs {
        let ((e, a), (b, c)) = if r % 2 == 0 {
            let b = seconds(&mut baseline);
            (seconds(&mut engine), b)
        } else {
            let e = seconds(&mut engine);
            (e, seconds(&mut baseline))
        };
        te.push(e);
        tb.push(b);
        last = Some((a, c));
    }
    (median(te), median(tb), last)
}

/// W1: micrograd's demo, the training loop alone: through the nets library (the figure),
/// through the engine directly (one sample's graph replayed per sample, and the whole batch in
/// one graph), and by hand (the baseline), in rotating order.
fn w1(runs: usize, quick: bool) -> Result<(Row, Json), Failure> {
    let data = bench::moons(100, 0.1, 1);
    let steps = if quick { 10 } else { 100 };
    let [nn, engine, hand, batch, graphs] = w1_runs(runs, &data, steps)?;
    // all of them must train the same net: a difference means one of them is wrong
    let worst = |a: &Timed| {
        a.losses
            .iter()
            .zip(&hand.losses)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max)
    };
    let (nn_diff, engine_diff, batch_diff) = (worst(&nn), worst(&engine), worst(&batch));
    let graphs_diff = worst(&graphs);
    let lengths_ok = [&nn, &engine, &batch, &graphs]
        .iter()
        .all(|h| h.losses.len() == steps);
    if !lengths_ok || nn_diff.max(engine_diff).max(batch_diff).max(graphs_diff) > 1e-12 {
        return Err(Failure::failed(format!(
            "W1: the loss histories differ from the baseline's (nets library by {nn_diff:e}, \
             engine by {engine_diff:e}, batch graph by {batch_diff:e})"
        )));
    }
    let (t, te, tg, tb, tgr) = (
        nn.median(),
        engine.median(),
        batch.median(),
        hand.median(),
        graphs.median(),
    );
    let final_loss = hand.losses.last().copied().unwrap_or(f64::NAN);
    let row = Row {
        workload: "w1",
        seconds: Some(t),
        baseline_seconds: Some(tb),
        baseline: "hand-derived backprop",
        target: "≤ 5x",
        notes: format!(
            "{steps} steps, {:.0} µs/step; nn on the graphs (no replay) {:.1}x; engine alone \
             {:.1}x, whole batch in one graph {:.1}x; last loss {final_loss:.4}",
            t / steps as f64 * 1e6,
            tgr / tb,
            te / tb,
            tg / tb
        ),
    };
    let json = json!({
        "seconds": t,
        "baseline_seconds": tb,
        "ratio": t / tb,
        "target_ratio": 5.0,
        "graphs_seconds": tgr,
        "graphs_ratio": tgr / tb,
        "graphs_loss_difference_to_baseline": graphs_diff,
        "engine_seconds": te,
        "engine_ratio": te / tb,
        "engine_batch_seconds": tg,
        "engine_batch_ratio": tg / tb,
        "steps": steps,
        "samples": data.x.len(),
        "parameters": bench::W1_PARAMETERS,
        "first_loss": hand.losses.first(),
        "final_loss": final_loss,
        "loss_difference_to_baseline": nn_diff,
        "engine_loss_difference_to_baseline": engine_diff,
        "engine_batch_loss_difference_to_baseline": batch_diff,
        "runs": runs,
    });
    Ok((row, json))
}

/// One way of running a workload: the time of each run, and the loss history of the last.
#[derive(Default)]
struct Timed {
    seconds: Vec<f64>,
    losses: Vec<f64>,
}

impl Timed {
    /// The median time.
    fn median(&self) -> f64 {
        median(self.seconds.clone())
    }

    /// Records one run.
    fn push(&mut self, seconds: f64, losses: Vec<f64>) {
        self.seconds.push(seconds);
        self.losses = losses;
    }
}

/// W1's five ways, `runs` times each in rotating order: the nets library, the engine
/// directly (one sample's graph replayed per sample), by hand, the engine with the whole
/// batch in one graph, and the nets library on graphs without the replay.
fn w1_runs(runs: usize, data: &bench::Points, steps: usize) -> Result<[Timed; 5], Failure> {
    let init = bench::w1_init(1);
    let failed = |e: gradgraph_nn::Error| Failure::failed(format!("W1: {e}"));
    let [mut nn, mut engine, mut hand, mut batch, mut graphs] = <[Timed; 5]>::default();
    for r in 0..runs {
        for k in 0..5 {
            match (r + k) % 5 {
                4 => {
                    let report = bench::w1_nn_graphs(&init, data, steps).map_err(failed)?;
                    graphs.push(report.seconds, report.loss);
                }
                0 => {
                    let report = bench::w1_nn(&init, data, steps).map_err(failed)?;
                    nn.push(report.seconds, report.loss);
                }
                1 => {
                    let (t, losses) = seconds(|| bench::w1_engine(&mut init.clone(), data, steps));
                    engine.push(t, losses.map_err(failed)?);
                }
                2 => {
                    let (t, losses) =
                        seconds(|| bench::w1_engine_batch(&mut init.clone(), data, steps));
                    batch.push(t, losses.map_err(failed)?);
                }
                _ => {
                    let (t, losses) =
                        seconds(|| bench::w1_baseline(&mut init.clone(), data, steps));
                    hand.push(t, losses.map_err(failed)?);
                }
            }
        }
    }
    Ok([nn, engine, hand, batch, graphs])
}

/// W2: a chain of 1,000,000 ops, built, differentiated and dropped.
fn w2(runs: usize, quick: bool) -> Result<(Row, Json), Failure> {
    let ops = if quick { 10_000 } else { 1_000_000 };
    let (t, tb, last) = interleaved(runs, || bench::w2_engine(ops), || bench::w2_baseline(ops));
    if let Some((engine, baseline)) = last
        && engine != baseline
    {
        return Err(Failure::failed(format!(
            "W2: the engine computed {engine:?}, the baseline {baseline:?}"
        )));
    }
    // the same chain on a graph that grows as it goes, without reserving room
    let (t_growing, _, _) = interleaved(
        runs,
        || bench::w2_engine_growing(ops),
        || bench::w2_baseline(ops),
    );
    let growing_bytes = peak_bytes("growing", ops);
    let per_node = |b: Option<u64>| b.map(|b| b as f64 / ops as f64);
    // the fresh processes that time the chain cold also measure its peak memory
    let probes = cold(runs, ops);
    let cold = probes.map(|(e, b)| (e.seconds, b.seconds));
    let cold_before_drop = probes.map(|(e, b)| (e.before_drop, b.before_drop));
    let (bytes, baseline_bytes) = (probes.map(|p| p.0.bytes), probes.map(|p| p.1.bytes));
    let notes = match (per_node(bytes), per_node(baseline_bytes)) {
        (Some(e), Some(b)) => format!(
            "{:.1} ns/node; {e:.1} bytes/node (baseline {b:.1}); a fresh process per run \
             (cold, as the reference is run) {:.2}x, {:.2}x without the drop; unreserved \
             graph {:.2}x, {:.1} bytes/node",
            t / ops as f64 * 1e9,
            cold.map_or(f64::NAN, |(e, b)| e / b),
            cold_before_drop.map_or(f64::NAN, |(e, b)| e / b),
            t_growing / tb,
            per_node(growing_bytes).unwrap_or(f64::NAN)
        ),
        _ => format!(
            "{:.1} ns/node; peak memory not measured (needs Linux /proc)",
            t / ops as f64 * 1e9
        ),
    };
    let row = Row {
        workload: "w2",
        seconds: Some(t),
        baseline_seconds: Some(tb),
        baseline: "two-vector tape",
        target: "≤ 5x, ≤ 64 B/node",
        notes,
    };
    let json = json!({
        "seconds": t,
        "baseline_seconds": tb,
        "ratio": t / tb,
        "target_ratio": 5.0,
        "ops": ops,
        "ns_per_node": t / ops as f64 * 1e9,
        "baseline_ns_per_node": tb / ops as f64 * 1e9,
        "bytes_per_node": per_node(bytes),
        "baseline_bytes_per_node": per_node(baseline_bytes),
        "cold_seconds": cold.map(|(e, _)| e),
        "cold_baseline_seconds": cold.map(|(_, b)| b),
        "cold_ratio": cold.map(|(e, b)| e / b),
        "cold_seconds_without_drop": cold_before_drop.map(|(e, _)| e),
        "cold_baseline_seconds_without_drop": cold_before_drop.map(|(_, b)| b),
        "cold_ratio_without_drop": cold_before_drop.map(|(e, b)| e / b),
        "unreserved_seconds": t_growing,
        "unreserved_ratio": t_growing / tb,
        "unreserved_bytes_per_node": per_node(growing_bytes),
        "target_bytes_per_node": 64.0,
        "runs": runs,
    });
    Ok((row, json))
}

/// The course's XOR experiment (`experiments::xor`): the 2-2-1 net trained from 50 seeds,
/// 2,000 full-batch steps each. No hand-written baseline: its absolute time.
fn xor(runs: usize, quick: bool) -> Result<(Row, Json), Failure> {
    use gradgraph_course::experiments::xor;
    let config = if quick {
        xor::Config {
            seeds: 5,
            steps: 200,
            ..xor::Config::default()
        }
    } else {
        xor::Config::default()
    };
    let mut times = Vec::new();
    let mut solved = 0.0;
    for _ in 0..runs {
        let (t, result) = seconds(|| xor::run(&config));
        let result = result.map_err(|e| Failure::failed(format!("xor: {e}")))?;
        solved = result.solved_fraction();
        times.push(t);
    }
    let t = median(times);
    let row = Row {
        workload: "xor",
        seconds: Some(t),
        baseline_seconds: None,
        baseline: "none (absolute time)",
        target: "—",
        notes: format!(
            "{} seeds x {} steps (and the first run), {:.0}% solved",
            config.seeds,
            config.steps,
            solved * 100.0
        ),
    };
    let json = json!({
        "seconds": t,
        "seeds": config.seeds,
        "steps": config.steps,
        "solved_fraction": solved,
        "runs": runs,
    });
    Ok((row, json))
}

/// The vanishing-gradient study (`experiments::vanishing`): every depth, activation and
/// initialisation's gradient profile, and its training runs. No hand-written baseline.
fn vanishing(runs: usize, quick: bool) -> Result<(Row, Json), Failure> {
    use gradgraph_course::experiments::vanishing;
    let config = if quick {
        vanishing::Config::quick()
    } else {
        vanishing::Config::default()
    };
    let mut times = Vec::new();
    for _ in 0..runs {
        let (t, result) = seconds(|| vanishing::run(&config));
        result.map_err(|e| Failure::failed(format!("vanishing: {e}")))?;
        times.push(t);
    }
    let t = median(times);
    let depths: Vec<String> = config.depths.iter().map(|d| d.to_string()).collect();
    let row = Row {
        workload: "vanishing",
        seconds: Some(t),
        baseline_seconds: None,
        baseline: "none (absolute time)",
        target: "—",
        notes: format!(
            "depths {}, {} seeds, batch {}; training {} steps",
            depths.join(","),
            config.seeds,
            config.batch,
            config.train_steps
        ),
    };
    let json = json!({
        "seconds": t,
        "depths": config.depths,
        "seeds": config.seeds,
        "runs": runs,
    });
    Ok((row, json))
}

/// The wide net: 2-64-64-1 (relu, 4,353 parameters) on 1,000 moons points, W1's loss and
/// schedule for 100 full-batch steps, through `nn::train` and by hand
/// (`bench::wide_baseline`), alternated; with `threads` > 1 also split over that many
/// threads.
fn wide(runs: usize, quick: bool, threads: usize) -> Result<(Row, Json), Failure> {
    let (points, steps) = if quick { (300, 5) } else { (1000, 100) };
    let width = bench::WIDE;
    let data = bench::moons(points, 0.1, 1);
    let [nn, hand, split] = wide_runs(runs, &data, steps, threads)?;
    let worst = |a: &Timed| {
        a.losses
            .iter()
            .zip(&hand.losses)
            .map(|(a, b)| (a - b).abs() / b.abs().max(f64::MIN_POSITIVE))
            .fold(0.0, f64::max)
    };
    let (nn_diff, threads_diff) = (worst(&nn), worst(&split));
    if nn.losses.len() != steps || nn_diff > 1e-12 || (threads > 1 && threads_diff > 1e-12) {
        return Err(Failure::failed(format!(
            "wide: the loss histories differ from the baseline's (nets library by {nn_diff:e} \
             relative, with {threads} threads by {threads_diff:e})"
        )));
    }
    let (t, tb) = (nn.median(), hand.median());
    let t2 = (threads > 1).then(|| split.median());
    // The per-sample hand-written code checks the losses, but it is no limit: the engine's
    // replay, lanes of samples blocked in registers, is faster than it, so a ratio to it would
    // flatter the engine. The figure is the absolute time (and PyTorch's, benches/torch_w1.py).
    let row = Row {
        workload: "wide",
        seconds: Some(t),
        baseline_seconds: None,
        baseline: "none (absolute time)",
        target: "—",
        notes: format!(
            "2-{width}-{width}-1 on {points} points, {steps} steps, {:.2} ms/step; per-sample \
             hand-written code {} (a check of the losses, not a limit){}",
            t / steps as f64 * 1e3,
            show_seconds(Some(tb)),
            match t2 {
                Some(t2) => format!("; {threads} threads {}", show_seconds(Some(t2))),
                None => String::new(),
            }
        ),
    };
    let json = json!({
        "seconds": t,
        "per_sample_code_seconds": tb,
        "threads": threads,
        "threads_seconds": t2,
        "threads_loss_difference_to_per_sample_code": (threads > 1).then_some(threads_diff),
        "loss_difference_to_per_sample_code": nn_diff,
        "points": points,
        "steps": steps,
        "parameters": bench::relu_net_parameters(width),
        "runs": runs,
    });
    Ok((row, json))
}

/// The wide net's ways, `runs` times each in rotating order: `nn::train` on one thread, by
/// hand, and `nn::train` on `threads` threads when that is more than one.
fn wide_runs(
    runs: usize,
    data: &bench::Points,
    steps: usize,
    threads: usize,
) -> Result<[Timed; 3], Failure> {
    let width = bench::WIDE;
    let init = bench::relu_net_init(width, 1);
    let failed = |e: gradgraph_nn::Error| Failure::failed(format!("wide: {e}"));
    let [mut nn, mut hand, mut split] = <[Timed; 3]>::default();
    for r in 0..runs {
        for k in 0..3 {
            match (r + k) % 3 {
                0 => {
                    let report = bench::wide_nn(width, &init, data, steps, 1).map_err(failed)?;
                    nn.push(report.seconds, report.loss);
                }
                1 => {
                    let (t, losses) =
                        seconds(|| bench::wide_baseline(width, &mut init.clone(), data, steps));
                    hand.push(t, losses.map_err(failed)?);
                }
                _ if threads > 1 => {
                    let report =
                        bench::wide_nn(width, &init, data, steps, threads).map_err(failed)?;
                    split.push(report.seconds, report.loss);
                }
                _ => {}
            }
        }
    }
    Ok([nn, hand, split])
}

/// One W2 build in a fresh process (`gradgraph bench --memory-probe`), every page of it
/// touched for the first time, as in a program that builds its chain once.
#[derive(Clone, Copy)]
struct Probe {
    /// The peak memory, in bytes.
    bytes: u64,
    /// Seconds to build, differentiate and drop.
    seconds: f64,
    /// Seconds to build and differentiate: the region the reference times.
    before_drop: f64,
}

fn probe(kind: &str, ops: usize) -> Option<Probe> {
    let exe = std::env::current_exe().ok()?;
    let out = Command::new(exe)
        .args(["bench", "--memory-probe", &format!("{kind}:{ops}")])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let mut fields = text.split_whitespace();
    Some(Probe {
        bytes: fields.next()?.parse().ok()?,
        seconds: fields.next()?.parse().ok()?,
        before_drop: fields.next()?.parse().ok()?,
    })
}

/// The peak memory of one W2 build in a fresh process.
fn peak_bytes(kind: &str, ops: usize) -> Option<u64> {
    probe(kind, ops).map(|p| p.bytes)
}

/// W2 cold: `runs` fresh processes each for the engine and the baseline, alternated. Returns
/// the medians of each, `(engine, baseline)` (the largest peak memory), or `None` where a
/// probe cannot run (no Linux /proc).
fn cold(runs: usize, ops: usize) -> Option<(Probe, Probe)> {
    let summary = |probes: &[Probe]| Probe {
        bytes: probes.iter().map(|p| p.bytes).max().unwrap_or(0),
        seconds: median(probes.iter().map(|p| p.seconds).collect()),
        before_drop: median(probes.iter().map(|p| p.before_drop).collect()),
    };
    let (mut engine, mut baseline) = (Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        engine.push(probe("engine", ops)?);
        baseline.push(probe("baseline", ops)?);
    }
    Some((summary(&engine), summary(&baseline)))
}

/// A field of /proc/self/status in bytes (`VmRSS`, `VmHWM`).
fn proc_status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Runs one W2 build and prints the rise of the peak resident set size above what the
/// process held before it (every byte the graph, its scratch space and the allocator
/// touched), the seconds it took with the drop, and without.
fn memory_probe(side: bench::W2Side, ops: usize) -> CliResult {
    let unavailable = || Failure::failed("peak memory needs Linux's /proc/self/status");
    let before = proc_status_bytes("VmRSS:").ok_or_else(unavailable)?;
    // start the high-water mark afresh at the current size (Linux 4.0 and later)
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let start = Instant::now();
    let (kept, result) = side.build(ops);
    black_box(result);
    let before_drop = start.elapsed().as_secs_f64();
    drop(kept);
    let time = start.elapsed().as_secs_f64();
    let peak = proc_status_bytes("VmHWM:").ok_or_else(unavailable)?;
    println!("{} {time:e} {before_drop:e}", peak.saturating_sub(before));
    Ok(())
}

/// W3: the tour (`gradgraph` with no arguments), end to end, in a fresh process whose working
/// directory is a temporary directory (the tour writes its plots into graphs/).
fn w3(runs: usize) -> Result<(Row, Json), Failure> {
    let exe = std::env::current_exe()
        .map_err(|e| Failure::failed(format!("W3: cannot find the gradgraph binary: {e}")))?;
    let dir = std::env::temp_dir().join(format!("gradgraph-bench-tour-{}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map_err(|e| Failure::failed(format!("W3: cannot create {}: {e}", dir.display())))?;
    let mut times = Vec::new();
    let mut outcome = Ok(());
    for _ in 0..runs {
        let start = Instant::now();
        let out = Command::new(&exe)
            .current_dir(&dir)
            .stdin(Stdio::null())
            .output();
        let elapsed = start.elapsed().as_secs_f64();
        match out {
            Ok(o) if o.status.success() && o.stdout.is_empty() => {
                outcome = Err("the tour is not in this build yet (it printed nothing)".to_owned());
                break;
            }
            Ok(o) if o.status.success() => times.push(elapsed),
            Ok(o) => {
                outcome = Err(format!(
                    "the tour failed ({}): {}",
                    o.status,
                    String::from_utf8_lossy(&o.stderr).trim()
                ));
                break;
            }
            Err(e) => {
                outcome = Err(format!("cannot run the tour: {e}"));
                break;
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(match outcome {
        Ok(()) => {
            let t = median(times);
            let row = Row {
                workload: "w3",
                seconds: Some(t),
                baseline_seconds: Some(TOUR_BUDGET_SECONDS),
                baseline: "the 1 s target",
                target: "≤ 1x (under 1 s)",
                notes: "the tour, end to end, in a fresh process".into(),
            };
            let json = json!({
                "seconds": t,
                "baseline_seconds": TOUR_BUDGET_SECONDS,
                "baseline": "budget",
                "ratio": t / TOUR_BUDGET_SECONDS,
                "target_ratio": 1.0,
                "runs": runs,
            });
            (row, json)
        }
        Err(why) => {
            let row = Row {
                workload: "w3",
                seconds: None,
                baseline_seconds: Some(TOUR_BUDGET_SECONDS),
                baseline: "the 1 s target",
                target: "≤ 1x (under 1 s)",
                notes: format!("not measured: {why}"),
            };
            let json = json!({
                "seconds": null,
                "baseline_seconds": TOUR_BUDGET_SECONDS,
                "baseline": "budget",
                "ratio": null,
                "target_ratio": 1.0,
                "unavailable": why,
            });
            (row, json)
        }
    })
}

/// The sweep: ns per node of a forward replay and of a backward pass over chains of 10³ to
/// 10⁷ nodes, beside the tape's.
fn sweep(runs: usize, quick: bool) -> (Row, Json) {
    let largest = if quick { 5 } else { 7 };
    // enough passes at each size to process about 10⁷ nodes per measurement
    let work = if quick { 100_000 } else { 10_000_000 };
    let mut sizes = Vec::new();
    let mut at_largest = (0.0, 0.0);
    for exponent in 3..=largest {
        let n = 10usize.pow(exponent);
        let reps = (work / n).max(1);
        let per_node = |d: f64| d / (reps * n) as f64 * 1e9;
        let [fe, be, fb, bb] = sweep_size(n, reps, runs);
        at_largest = ((fe + be) / reps as f64, (fb + bb) / reps as f64);
        sizes.push(json!({
            "nodes": n,
            "passes": reps,
            "forward_ns_per_node": per_node(fe),
            "backward_ns_per_node": per_node(be),
            "baseline_forward_ns_per_node": per_node(fb),
            "baseline_backward_ns_per_node": per_node(bb),
        }));
    }
    let spread = |key: &str| {
        let v: Vec<f64> = sizes.iter().filter_map(|s| s[key].as_f64()).collect();
        v.iter().copied().fold(0.0, f64::max) / v.iter().copied().fold(f64::INFINITY, f64::min)
    };
    let (forward_spread, backward_spread) = (
        spread("forward_ns_per_node"),
        spread("backward_ns_per_node"),
    );
    let (t, tb) = at_largest;
    let row = Row {
        workload: "sweep",
        seconds: Some(t),
        baseline_seconds: Some(tb),
        baseline: "plain Vec tape",
        target: "spread ≤ 1.5x",
        notes: format!(
            "forward+backward at 10^{largest} nodes; ns/node spread across sizes: \
             forward {forward_spread:.2}x, backward {backward_spread:.2}x"
        ),
    };
    let json = json!({
        "seconds": t,
        "baseline_seconds": tb,
        "ratio": t / tb,
        "nodes": 10usize.pow(largest),
        "forward_spread": forward_spread,
        "backward_spread": backward_spread,
        "target_spread": 1.5,
        "sizes": sizes,
        "runs": runs,
    });
    (row, json)
}

/// The medians, over `runs` runs, of `reps` forward passes and `reps` backward passes over a
/// chain of `n` nodes, the engine's then the tape's: `[forward, backward, tape forward, tape
/// backward]`, in seconds.
fn sweep_size(n: usize, reps: usize, runs: usize) -> [f64; 4] {
    let g = Graph::with_capacity(n + 1, n);
    let x = g.input(1.0);
    let y = bench::chain(x, n);
    let mut tape = Tape::chain(1.0, n);
    let mut grad = Vec::new();
    let (mut fe, mut be, mut fb, mut bb) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // one untimed pass of each first: caches, page faults of the scratch space
    g.forward();
    g.backward(y);
    tape.forward();
    tape.backward(&mut grad);
    for r in 0..runs {
        let engine = |fe: &mut Vec<f64>, be: &mut Vec<f64>| {
            fe.push(repeat(reps, || g.forward()));
            be.push(repeat(reps, || g.backward(y)));
        };
        let mut baseline = |fb: &mut Vec<f64>, bb: &mut Vec<f64>| {
            fb.push(repeat(reps, || tape.forward()));
            bb.push(repeat(reps, || tape.backward(&mut grad)));
        };
        if r % 2 == 0 {
            baseline(&mut fb, &mut bb);
            engine(&mut fe, &mut be);
        } else {
            engine(&mut fe, &mut be);
            baseline(&mut fb, &mut bb);
        }
    }
    [median(fe), median(be), median(fb), median(bb)]
}

/// Seconds taken by `reps` calls of `f`.
fn repeat(reps: usize, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..reps {
        f();
    }
    black_box(start.elapsed()).as_secs_f64()
}

fn show_seconds(s: Option<f64>) -> String {
    match s {
        None => "—".into(),
        Some(s) => {
            if s >= 1.0 {
                format!("{s:.2} s")
            } else if s >= 1e-3 {
                format!("{:.2} ms", s * 1e3)
            } else {
                format!("{:.1} µs", s * 1e6)
            }
        }
    }
}

fn print_table(rows: &[Row], runs: usize) {
    println!("medians of {runs} runs, gradgraph and baseline interleaved");
    println!(
        "{:<8} {:>11} {:>11} {:>8}  {:<24} {:<20} notes",
        "workload", "gradgraph", "baseline", "ratio", "baseline is", "target"
    );
    for r in rows {
        let ratio = match (r.seconds, r.baseline_seconds) {
            (Some(a), Some(b)) => format!("{:.2}x", a / b),
            _ => "—".into(),
        };
        println!(
            "{:<8} {:>11} {:>11} {:>8}  {:<24} {:<20} {}",
            r.workload,
            show_seconds(r.seconds),
            show_seconds(r.baseline_seconds),
            ratio,
            r.baseline,
            r.target,
            r.notes
        );
    }
}

fn print_sweep(sizes: &Json) {
    let Some(sizes) = sizes.as_array() else {
        return;
    };
    println!();
    println!("sweep: ns per node (chain x <- x*c + d)");
    println!(
        "{:>10} {:>8} {:>10} {:>10} {:>12} {:>12}",
        "nodes", "passes", "forward", "backward", "tape fwd", "tape bwd"
    );
    for s in sizes {
        let f = |k: &str| s[k].as_f64().unwrap_or(f64::NAN);
        println!(
            "{:>10} {:>8} {:>10.2} {:>10.2} {:>12.2} {:>12.2}",
            s["nodes"].as_u64().unwrap_or(0),
            s["passes"].as_u64().unwrap_or(0),
            f("forward_ns_per_node"),
            f("backward_ns_per_node"),
            f("baseline_forward_ns_per_node"),
            f("baseline_backward_ns_per_node")
        );
    }
}

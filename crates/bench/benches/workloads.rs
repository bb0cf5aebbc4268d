//! Criterion benchmarks of the workloads in `gradgraph_cli::bench`, each beside its hand-written
//! baseline, and of the course's experiments: `cargo bench --bench workloads`. `gradgraph bench` reports the same workloads as
//! ratios (and W2's peak memory); BENCHMARKS.md records the figures.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use gradgraph::Graph;
use gradgraph_cli::bench::{self, Tape};
use std::hint::black_box;

/// W1, micrograd's demo: 100 moons points, MLP 2-16-16-1, 100 SGD steps.
fn w1(c: &mut Criterion) {
    let data = bench::moons(100, 0.1, 1);
    let init = bench::w1_init(1);
    let mut group = c.benchmark_group("w1");
    group.sample_size(10);
    // the whole nn::train call: also builds its graphs and evaluates the trained net once
    group.bench_function("nn_train", |b| b.iter(|| bench::w1_nn(&init, &data, 100)));
    group.bench_function("engine", |b| {
        b.iter(|| bench::w1_engine(&mut init.clone(), &data, 100))
    });
    group.bench_function("baseline", |b| {
        b.iter(|| bench::w1_baseline(&mut init.clone(), &data, 100))
    });
    group.finish();
}

/// W2: a chain of 1,000,000 ops, built, differentiated and dropped.
fn w2(c: &mut Criterion) {
    let mut group = c.benchmark_group("w2");
    group.sample_size(10);
    group.bench_function("gradgraph", |b| {
        b.iter(|| bench::w2_engine(black_box(1_000_000)))
    });
    group.bench_function("baseline", |b| {
        b.iter(|| bench::w2_baseline(black_box(1_000_000)))
    });
    group.finish();
}

/// The sweep: one forward replay and one backward pass over chains of 10³ to 10⁶ nodes
/// (10⁷ is left to `gradgraph bench sweep`).
fn sweep(c: &mut Criterion) {
    let mut group = c.benchmark_group("sweep");
    group.sample_size(10);
    for n in [1_000, 10_000, 100_000, 1_000_000] {
        group.throughput(criterion::Throughput::Elements(n as u64));
        let g = Graph::with_capacity(n + 1, n);
        let y = bench::chain(g.input(1.0), n);
        let mut tape = Tape::chain(1.0, n);
        let mut grad = Vec::new();
        group.bench_with_input(BenchmarkId::new("forward", n), &n, |b, _| {
            b.iter(|| g.forward())
        });
        group.bench_with_input(BenchmarkId::new("backward", n), &n, |b, _| {
            b.iter(|| g.backward(y))
        });
        group.bench_with_input(BenchmarkId::new("tape forward", n), &n, |b, _| {
            b.iter(|| tape.forward())
        });
        group.bench_with_input(BenchmarkId::new("tape backward", n), &n, |b, _| {
            b.iter(|| tape.backward(&mut grad))
        });
    }
    group.finish();
}

/// The experiments that make the course come alive, as `gradgraph bench` times them: XOR from
/// 50 seeds, the vanishing-gradient study, and a 2-64-64-1 net on 1,000 moons points for 100
/// steps (beside its per-sample hand-written code, which checks its losses; it is slower than
/// the engine, so it is no baseline to take a ratio to).
fn experiments(c: &mut Criterion) {
    use gradgraph_course::experiments::{vanishing, xor};
    let mut group = c.benchmark_group("experiments");
    group.sample_size(10);
    group.bench_function("xor, 50 seeds", |b| {
        b.iter(|| xor::run(&xor::Config::default()))
    });
    group.bench_function("vanishing", |b| {
        b.iter(|| vanishing::run(&vanishing::Config::default()))
    });
    let data = bench::moons(1000, 0.1, 1);
    let init = bench::relu_net_init(bench::WIDE, 1);
    group.bench_function("wide", |b| {
        b.iter(|| bench::wide_nn(bench::WIDE, &init, &data, 100, 1))
    });
    group.bench_function("wide, per-sample code", |b| {
        b.iter(|| bench::wide_baseline(bench::WIDE, &mut init.clone(), &data, 100))
    });
    group.finish();
}

criterion_group!(benches, w1, w2, sweep, experiments);
criterion_main!(benches);

//! The interactive page (`dot::html`) of a 404-value graph, micrograd's MLP 2-16-16-1 on one
//! input, beside its baseline in the same run: Graphviz's layout of the same picture alone
//! (`dot::render` to SVG). Their difference is what the page costs beyond the layout (the
//! target: under 1 s). `cargo bench --bench html_page`; BENCHMARKS.md records the figures.
//! Needs Graphviz's `dot` program; without it the benchmark says so and measures nothing.

use criterion::{Criterion, criterion_group, criterion_main};
use gradgraph::Graph;
use gradgraph_draw::{self as dot, DotOptions, Format};
use gradgraph_nn::{Activation, Init, Mlp, Output};
use std::hint::black_box;

fn html_page(c: &mut Criterion) {
    if !dot::graphviz_installed() {
        eprintln!("skipped: Graphviz's `dot` is not installed");
        return;
    }
    let net = Mlp::builder(&[2, 16, 16, 1])
        .activation(Activation::RELU)
        .output(Output::Linear)
        .init(Init::Uniform(1.0))
        .seed(1)
        .build()
        .expect("a valid net");
    let g = Graph::new();
    let x = [
        g.input(0.5).with_label("x1"),
        g.input(-0.25).with_label("x2"),
    ];
    let y = net.forward(&g, &x).expect("a forward pass")[0];
    g.backward(y);
    assert_eq!(g.len(), 404);
    let options = DotOptions::new().ancestors_of(y);
    let mut group = c.benchmark_group("html_404_values");
    group.sample_size(10);
    group.bench_function("page", |b| {
        b.iter(|| dot::html(&g, y, &options).expect("a page"))
    });
    group.bench_function("baseline_layout_only", |b| {
        b.iter(|| dot::render(&g, black_box(&options), Format::Svg).expect("an SVG"))
    });
    group.finish();
}

criterion_group!(benches, html_page);
criterion_main!(benches);

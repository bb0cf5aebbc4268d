//! gradgraph's criterion benchmarks, in `benches/`: `cargo bench -p gradgraph-bench`. They
//! are a crate of their own so that `cargo test` does not build criterion.

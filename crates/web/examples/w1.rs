//! W1 on the page's engine, compiled natively, on micrograd's data and weights: the median
//! time of 9 runs of 100 steps, to set beside the same code in WebAssembly (`node
//! tests/browser/w1.mjs`) and the reference baseline's `handrolled w1` on the same data:
//!
//! ```sh
//! cargo run --release -p gradgraph-web --example w1
//! ```

fn main() {
    let mut times = Vec::new();
    let mut loss = 0.0;
    for _ in 0..9 {
        let start = std::time::Instant::now();
        loss = gradgraph_web::w1(100).1;
        times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "W1 native: median {:.2} ms of 9, final loss {loss}",
        times[4]
    );
}

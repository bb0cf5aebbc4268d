// W1 on the page's engine in WebAssembly under Node: the median time of 9 runs of 100 steps,
// beside `cargo run --release -p gradgraph-web --example w1` (the same code, native):
//   node tests/browser/w1.mjs crates/web/assets/gradgraph_web.wasm
import { readFileSync } from 'node:fs';

const { instance } = await WebAssembly.instantiate(readFileSync(process.argv[2]), {});
const times = [];
let loss = 0;
for (let k = 0; k < 9; k++) {
  const t = performance.now();
  loss = instance.exports.gg_w1(100);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(`W1 in WebAssembly: median ${times[4].toFixed(2)} ms of 9, final loss ${loss}`);

// The page's engine under Node, without a browser: `node engine.mjs ENGINE.wasm < REQUESTS`,
// one JSON request per line on standard input ({"expression": .., "values": {..}}), one JSON
// response per line on standard output, as the page gets them (crates/web's `compute`).
// Run by crates/cli/tests/cli/live_page.rs, which compares the bits with `gradgraph expr`.
// `node engine.mjs ENGINE.wasm --w1 STEPS` prints W1's final loss instead (crates/web's `w1`);
// `node engine.mjs ENGINE.wasm --net < REQUESTS` answers the net mode's requests instead
// (crates/web's `net_json`: one session, the requests in order).
import { readFileSync } from 'node:fs';

const bytes = readFileSync(process.argv[2]);
const { instance } = await WebAssembly.instantiate(bytes, {});
const w = instance.exports;
const net = process.argv[3] === '--net';
function compute(request) {
  const input = new TextEncoder().encode(request);
  const p = w.gg_alloc(input.length);
  new Uint8Array(w.memory.buffer, p, input.length).set(input);
  const packed = BigInt.asUintN(64, BigInt((net ? w.gg_net : w.gg_compute)(p, input.length)));
  const ptr = Number(packed >> 32n), len = Number(packed & 0xffffffffn);
  const out = new TextDecoder().decode(new Uint8Array(w.memory.buffer, ptr, len));
  w.gg_free(ptr, len);
  return out;
}
if (process.argv[3] === '--w1') {
  console.log(String(w.gg_w1(Number(process.argv[4]))));
  process.exit(0);
}
const lines = readFileSync(0, 'utf8').split('\n').filter((l) => l.length > 0);
const out = [];
let slowest = 0;
for (const line of lines) {
  const t = performance.now();
  out.push(compute(line));
  slowest = Math.max(slowest, performance.now() - t);
}
process.stdout.write(out.join('\n') + '\n');
process.stderr.write(`${lines.length} requests, the slowest in ${slowest.toFixed(2)} ms\n`);

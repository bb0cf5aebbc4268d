// The page's engine under Node, without a browser: `node engine.mjs ENGINE.wasm < REQUESTS`,
// one JSON request per line on standard input ({"expression": .., "values": {..}}), one JSON
// response per line on standard output, as the page gets them (crates/web's `compute`).
// Run by crates/cli/tests/cli/live_page.rs, which compares the bits with `gradgraph expr`.
// `node engine.mjs ENGINE.wasm --w1 STEPS` prints W1's final loss instead (crates/web's `w1`);
// `node engine.mjs ENGINE.wasm --net < REQUESTS` answers the net mode's requests instead
// (crates/web's `net_json`: one session, the requests in order).
// `node engine.mjs ENGINE.wasm --soak STEPS < NEW_REQUEST` trains one net-mode session for
// STEPS steps, 100 steps a request as the page's play button does, then ten times rewinds and
// trains STEPS/10 steps, and prints the WebAssembly memory's size and the process's RSS along
// the way, as JSON (run by crates/cli/tests/cli/live_page.rs).
import { readFileSync } from 'node:fs';

const bytes = readFileSync(process.argv[2]);
const { instance } = await WebAssembly.instantiate(bytes, {});
const w = instance.exports;
const net = process.argv[3] === '--net' || process.argv[3] === '--soak';
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
if (process.argv[3] === '--soak') {
  const steps = Number(process.argv[4]);
  const memory = () => ({ wasm: w.memory.buffer.byteLength, rss: process.memoryUsage().rss });
  const ask = (request) => {
    const answer = JSON.parse(compute(JSON.stringify(request)));
    if (answer.error) throw new Error(answer.error);
    return answer;
  };
  const chunk = 100;
  ask(JSON.parse(readFileSync(0, 'utf8')));
  const one = [];
  const t = performance.now();
  for (let done = 0; done < steps; done += chunk) {
    // as the page asks: only the losses since the last answer, no decision map
    ask({ cmd: 'train', steps: chunk, view: { since: done, map: 0 } });
    if ((done + chunk) % (steps / 10) === 0) one.push({ step: done + chunk, ...memory() });
  }
  const seconds = (performance.now() - t) / 1000;
  const cycles = [];
  for (let k = 1; k <= 10; k++) {
    ask({ cmd: 'rewind', view: { map: 0 } });
    for (let done = 0; done < steps / 10; done += chunk) {
      ask({ cmd: 'train', steps: chunk, view: { since: done, map: 0 } });
    }
    cycles.push({ cycle: k, ...memory() });
  }
  const last = ask({ cmd: 'state', view: { since: steps / 10 - 1, map: 0 } });
  console.log(JSON.stringify({ one, cycles, seconds, step: last.step, loss: last.losses.at(-1) }));
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

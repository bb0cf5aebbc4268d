// Drives the live page (`gradgraph page`, `expr --html`) in Chromium with playwright-core.
// Run by crates/cli/tests/cli/live_page.rs: `node live.test.mjs MANIFEST.json`. The manifest
// names the page and, for each expression the browser types, what `gradgraph expr --json
// --trace` printed. Checks: the value and every gradient exactly as the command line prints
// them, the steps against the trace, a node's derivation, bad input shown as an error with
// the page still working, no network request, no script error, the graph inside the view
// after "fit" at 1280×800 and 1024×768; the wheel: alone it zooms the page's graph, and in a
// frame (a notebook's output) it scrolls the page around it, Ctrl with it zooms; measures an
// edit and a step; writes screenshots.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, watched } from './launch.mjs';

const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const browser = await launch(manifest.chromium);

let failures = 0;
function check(ok, what) {
  if (!ok) {
    failures++;
    console.error('FAIL: ' + what);
  }
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function open(width, height) {
  const { page, problems } = await watched(browser, width, height);
  await page.goto('file://' + manifest.page);
  await page.evaluate(() => window.gg.ready);
  return { page, problems };
}

const text = (page, id) => page.textContent(`[data-testid="${id}"]`);

// types the expression, then each variable's value
async function enter(page, expression, values) {
  await page.fill('[data-testid="expr-input"]', expression);
  for (const [name, value] of values) {
    await page.fill(`[data-testid="var-${name}"]`, value);
  }
}

// the value and every gradient, as numbers, exactly the command line's
async function checkNumbers(page, c) {
  const value = await text(page, 'value');
  check(Number(value) === c.json.value, `${c.expression}: value ${value}, the CLI ${c.json.value}`);
  for (const [name, grad] of Object.entries(c.json.grads)) {
    const shown = await text(page, 'grad-' + name);
    check(Number(shown) === grad, `${c.expression}: ∂f/∂${name} ${shown}, the CLI ${grad}`);
  }
}

// every step: forward in index order, then backward in the trace's order
async function checkSteps(page, c) {
  const trace = c.json.trace;
  await page.click('[data-testid="last"]');
  const [, total] = (await text(page, 'step')).split(' / ').map(Number);
  const forward = total - trace.length;
  check(forward >= 0, `${c.expression}: ${total} steps, the trace has ${trace.length}`);
  await page.keyboard.press('Home');
  check((await text(page, 'step')) === `0 / ${total}`, `${c.expression}: Home goes to the start`);
  for (let k = 1; k <= total; k++) {
    await page.click('[data-testid="next"]');
    const phase = await text(page, 'phase');
    const node = Number(await page.getAttribute('[data-testid="current"]', 'data-node'));
    if (k <= forward) {
      check(phase === 'forward', `${c.expression}: step ${k} is forward, not ${phase}`);
    } else {
      const s = trace[k - forward - 1];
      check(phase === 'backward', `${c.expression}: step ${k} is backward, not ${phase}`);
      check(node === s.node, `${c.expression}: backward step ${k} at node ${node}, the trace's is ${s.node}`);
      const explain = await text(page, 'explain');
      for (const e of s.inputs) {
        // each operand's product, as the trace computed it, to 4 significant digits
        const p = Number(e.product.toPrecision(4));
        check(explain.includes('= ' + String(p)) || explain.includes(String(p)),
          `${c.expression}: backward step ${k} does not show the product ${p}: ${explain}`);
      }
    }
  }
  check((await text(page, 'step')) === `${total} / ${total}`, `${c.expression}: the last step`);
  await page.keyboard.press('ArrowLeft');
  check((await text(page, 'step')) === `${total - 1} / ${total}`, `${c.expression}: ← goes back`);
}

// the whole graph inside the view after "fit"
async function checkFit(page, what) {
  await page.click('[data-testid="fit"]');
  const [graph, view] = await page.evaluate(() => {
    const r = (e) => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
    return [r(document.querySelector('#graph svg g.graph')), r(document.querySelector('#graph'))];
  });
  const inside = graph[0] >= view[0] - 1 && graph[1] >= view[1] - 1 && graph[2] <= view[2] + 1 && graph[3] <= view[3] + 1;
  check(inside, `${what}: after fit the graph ${graph.map(Math.round)} is not inside the view ${view.map(Math.round)}`);
}

const { page, problems } = await open(1280, 800);

// the page opens on the neuron, at its values
check((await text(page, 'value')) === '0.2913126124515909', 'the opening value');
check((await page.title()).startsWith('f = tanh(x*w + b)'), 'the title is the expression');
await page.screenshot({ path: join(manifest.shots, 'open-1280.png') });

for (const [i, c] of manifest.cases.entries()) {
  await enter(page, c.expression, c.values);
  check((await text(page, 'error')) === '', `${c.expression}: an error shown: ${await text(page, 'error')}`);
  await checkNumbers(page, c);
  if (i < 4) await checkSteps(page, c);
}

// a node's derivation, on click
await enter(page, 'tanh(x*w + b)', [['x', '1'], ['w', '0.5'], ['b', '-0.2']]);
await page.click('[data-node="1"]');
const derivation = await text(page, 'derivation');
check(derivation.includes('∂f/∂w = Σ') && derivation.includes('check: (f(w + h) − f(w − h)) / 2h'),
  'clicking w shows its derivation: ' + derivation);
// the slider keeps the step
await page.click('[data-testid="last"]');
await page.keyboard.press('ArrowLeft');
const before = await text(page, 'step');
await page.fill('[data-testid="var-x"]', '2');
check((await text(page, 'step')) === before, 'a new value keeps the step');
check((await text(page, 'value')) === String(Math.tanh(0.8)) || Number(await text(page, 'value')) > 0.66,
  'a new value is computed at once');
await page.screenshot({ path: join(manifest.shots, 'step-1280.png') });

// bad input: an error, the last good graph kept, the page still working
const junk = ['tanh(x', 'foo(x)', 'x+'.repeat(5000) + 'x', '\u0000\u0001\u00ff\ud7ff', '', ')(', '1e999999*x'];
for (const j of junk) {
  await page.fill('[data-testid="expr-input"]', j);
  const error = await text(page, 'error');
  const big = j.length > 5000;
  check(error.length > 0 || big, `bad input ${JSON.stringify(j.slice(0, 20))} shows no error`);
  check(await page.$('#graph svg') !== null, 'a graph is still shown after bad input');
}
await enter(page, 'x*y', [['x', '3'], ['y', '4']]);
check((await text(page, 'value')) === '12', 'the page works after bad input');
check((await text(page, 'grad-x')) === '4', 'the page works after bad input (∂f/∂x)');

// timings: an edit of a 50-node expression; a step of a 2,000-value graph (the layered layout)
const fifty = Array.from({ length: 12 }, (_, k) => `tanh(w${k}*x + ${k + 1})`).join(' + ');
const edits = [];
for (let k = 0; k < 7; k++) {
  edits.push(await page.evaluate((src) => {
    const box = document.querySelector('[data-testid="expr-input"]');
    box.value = src;
    const t = performance.now();
    box.dispatchEvent(new Event('input'));
    return performance.now() - t;
  }, fifty + ' + ' + k));
}
const nodes50 = await page.evaluate(() => document.querySelectorAll('#graph g.node').length);
console.log(`an edit of a ${nodes50}-node expression (parse, compute, lay out, draw): median ${median(edits).toFixed(1)} ms of ${edits.length}`);
const big = Array.from({ length: 335 }, (_, k) => `tanh(w${k}*x + ${k + 1})`).join(' + ');
const t0 = Date.now();
await page.fill('[data-testid="expr-input"]', big);
const nodesBig = await page.evaluate(() => document.querySelectorAll('#graph g.node').length);
console.log(`a ${nodesBig}-node graph typed and laid out in ${Date.now() - t0} ms`);
const steps = await page.evaluate(() => {
  const times = [];
  for (let k = 0; k < 15; k++) {
    const t = performance.now();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
    times.push(performance.now() - t);
  }
  return times;
});
console.log(`a step of the ${nodesBig}-node graph: median ${median(steps).toFixed(2)} ms of ${steps.length}`);
await checkFit(page, `the ${nodesBig}-node graph at 1280×800`);

// fit, at both sizes, and screenshots
for (const [w, h] of [[1280, 800], [1024, 768]]) {
  await page.setViewportSize({ width: w, height: h });
  for (const [src, at] of [['x*y/z - x', [['x', '2'], ['y', '3'], ['z', '4']]], [manifest.cases[manifest.cases.length - 1].expression, []]]) {
    await enter(page, src, at);
    await checkFit(page, `${src.slice(0, 30)} at ${w}×${h}`);
  }
  await enter(page, 'tanh(x*w + b)', [['x', '1'], ['w', '0.5'], ['b', '-0.2']]);
  await page.click('[data-testid="last"]');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.screenshot({ path: join(manifest.shots, `neuron-${w}.png`) });
}
// a graph handed as data: the tour's two neurons, their names and the CLI's numbers
{
  const { page: g, problems: p } = await watched(browser, 1024, 768);
  await g.goto('file://' + manifest.graph_page);
  await g.evaluate(() => window.gg.ready);
  check((await g.title()).startsWith('f = J'), 'the two neurons\' page is titled by its output J');
  await checkNumbers(g, { expression: 'the two neurons', json: manifest.graph_json });
  await g.click('[data-testid="last"]');
  const names = await g.evaluate(() => [...document.querySelectorAll('#graph g.node text:first-of-type')].map((t) => t.textContent));
  for (const name of ['w1', 'z1(1)', 'ŷ(2)', 'J']) check(names.includes(name), `the two neurons' page names ${name}: ${names}`);
  await g.screenshot({ path: join(manifest.shots, 'two-neurons-1024.png') });
  check(p.length === 0, 'problems on the two neurons\' page: ' + p.join('; '));
}

// the wheel over the graph: the page alone zooms; in a frame, as a notebook shows the page
// (gradgraph's Python package), the wheel scrolls the notebook and Ctrl with it zooms
{
  const viewBox = (frame) => frame.evaluate(() => document.querySelector('#graph svg').getAttribute('viewBox'));
  const over = async (page, frame) => {
    const box = await (await frame.$('#graph')).boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  };
  const { page: alone, problems: p1 } = await watched(browser, 1280, 800);
  await alone.goto('file://' + manifest.page);
  await alone.evaluate(() => window.gg.ready);
  const start = await viewBox(alone.mainFrame());
  await over(alone, alone.mainFrame());
  await alone.mouse.wheel(0, 300);
  await alone.waitForTimeout(200);
  check(await viewBox(alone.mainFrame()) !== start, 'on the page alone, the wheel zooms the graph');
  check(p1.length === 0, 'problems on the page alone: ' + p1.join('; '));

  const html = readFileSync(manifest.page, 'utf8')
    .replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const host = join(manifest.shots, 'framed.html');
  writeFileSync(host, '<!DOCTYPE html><html><body style="margin:0"><p style="height:80px">a cell</p>'
    + `<iframe id="page" srcdoc="${html}" sandbox="allow-scripts allow-downloads" `
    + 'style="width:100%;height:650px;border:0"></iframe><p style="height:2000px">more cells</p></body></html>');
  const { page: h, problems: p2 } = await watched(browser, 1280, 800);
  await h.goto('file://' + host);
  const frame = await (await h.waitForSelector('#page')).contentFrame();
  await frame.waitForFunction(() => window.gg && document.querySelector('#graph svg'));
  await frame.evaluate(() => window.gg.ready);
  const framed = await viewBox(frame);
  await over(h, frame);
  await h.mouse.wheel(0, 300);
  await h.waitForTimeout(300);
  check(await h.evaluate(() => window.scrollY) > 0, 'in a frame, the wheel over the graph scrolls the page around it');
  check(await viewBox(frame) === framed, 'in a frame, the wheel alone leaves the graph\'s zoom');
  await over(h, frame);
  await h.keyboard.down('Control');
  await h.mouse.wheel(0, 300);
  await h.keyboard.up('Control');
  await h.waitForTimeout(300);
  check(await viewBox(frame) !== framed, 'in a frame, Ctrl with the wheel zooms the graph');
  await h.screenshot({ path: join(manifest.shots, 'framed-1280.png') });
  check(p2.length === 0, 'problems on the framed page: ' + p2.join('; '));
}

const size = readFileSync(manifest.page).length;
console.log(`the page: ${size} bytes`);
check(size <= 3_000_000, `the page is ${size} bytes, more than 3 MB`);

check(problems.length === 0, 'problems: ' + problems.join('; '));
await browser.close();
if (failures) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
console.log('all checks passed');

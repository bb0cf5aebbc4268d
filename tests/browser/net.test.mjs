// Drives the live page's net mode in Chromium with playwright-core. Run by
// crates/cli/tests/cli/live_page.rs: `node net.test.mjs MANIFEST.json`. Checks: every preset
// trains live to what it promises; rewind replays the same losses exactly; clicks add and
// delete points; a bad CSV file gets the command line's message and the page keeps working;
// a picked sample's graph through a picked neuron is stepped with the engine's trace; a weight
// set by hand; the quiz switch accepts a right answer and names a wrong one; `train --html`
// opens on the command's run with its final loss; everything fits the window at 1280×800 and
// 1024×768; no network request, no script error. Writes screenshots to the manifest's folder
// and prints the measured rates (steps a second, time to 95%, a click's redraw).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, watched } from './launch.mjs';

const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const browser = await launch(manifest.chromium);
let failures = 0;
function check(ok, what) {
  if (!ok) { failures++; console.error('FAIL: ' + what); }
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const text = (page, id) => page.textContent(`[data-testid="${id}"]`);

async function open(file, width, height) {
  const { page, problems } = await watched(browser, width, height);
  await page.goto('file://' + file);
  await page.evaluate(() => window.gg.netReady);
  return { page, problems };
}
async function netMode(page) {
  await page.click('[data-testid="mode"] button[value="net"]');
  await page.waitForFunction(() => window.gg.netState() !== null);
}
// plays until training pauses by itself (a stop rule, or the settings' steps)
async function trainToEnd(page, timeout = 120000) {
  await page.click('[data-testid="train-play"]');
  await page.waitForFunction(() => !window.gg.netPlaying(), null, { timeout });
}
// nothing outside the window: no scrolling, and the map, the net and the curves inside it
async function fits(page, what) {
  const r = await page.evaluate(() => {
    const box = (id) => { const b = document.getElementById(id).getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
    return {
      scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
      view: [window.innerWidth, window.innerHeight],
      parts: { map: box('map'), net: box('net-view'), loss: box('loss-chart'), norms: box('norm-chart'), play: box('train-play') },
    };
  });
  check(r.scroll[0] <= r.view[0] && r.scroll[1] <= r.view[1], `${what}: the page scrolls (${r.scroll} in ${r.view})`);
  for (const [name, [l, t, rt, b]] of Object.entries(r.parts)) {
    check(l >= 0 && t >= 0 && rt <= r.view[0] + 1 && b <= r.view[1] + 1,
      `${what}: ${name} at ${[l, t, rt, b].map(Math.round)} is not inside ${r.view}`);
    check(name === 'play' || (rt - l > 150 && b - t > 80), `${what}: ${name} is only ${Math.round(rt - l)}×${Math.round(b - t)}`);
  }
}

const { page, problems } = await open(manifest.page, 1280, 800);
await netMode(page);

// ---- every preset, live, to what it promises ----------------------------------------------
for (const preset of manifest.presets) {
  await page.selectOption('[data-testid="preset"]', preset.name);
  check((await text(page, 'train-steps')) === '0', `${preset.name}: opens at step 0`);
  const t0 = Date.now();
  await trainToEnd(page);
  const seconds = (Date.now() - t0) / 1000;
  const steps = Number(await text(page, 'train-steps'));
  check(steps === preset.settings.steps, `${preset.name}: paused at step ${steps}, not ${preset.settings.steps}`);
  const shown = await text(page, 'accuracy');
  const state = await page.evaluate(() => window.gg.netState());
  if (state.classes) {
    check(state.train.accuracy >= preset.reaches, `${preset.name}: accuracy ${shown}, below ${preset.reaches}`);
    check(shown === (100 * state.train.accuracy).toFixed(1) + '%', `${preset.name}: accuracy shown ${shown}`);
  } else {
    check(state.train.rmse <= preset.reaches, `${preset.name}: RMSE ${state.train.rmse} above ${preset.reaches}`);
  }
  check(Number(await text(page, 'loss')) === state.train.loss, `${preset.name}: the loss shown is not the engine's`);
  const note = await text(page, 'train-note');
  check(note.includes(`${steps} steps done`), `${preset.name}: no note after the last step: ${note}`);
  console.log(`${preset.name}: ${steps} steps in ${seconds.toFixed(2)} s, ${shown || ''} ${state.train.rmse !== null ? 'RMSE ' + state.train.rmse.toFixed(4) : ''}`);
  if (preset.name === 'vanishing') {
    // at the first step: layer 1's gradient orders of magnitude below the output's
    await page.click('[data-testid="train-reset"]');
    await page.click('[data-testid="train-step"]');
    const norms = (await page.evaluate(() => window.gg.netState().layer_norms))[0];
    check(norms[0] < 1e-4 * norms[norms.length - 1], `vanishing: layer 1's gradient ${norms[0]} is not far below the output's ${norms[norms.length - 1]}`);
    console.log(`vanishing: at the first step, layer 1's gradient norm is ${norms[0].toExponential(2)}, the output layer's ${norms[norms.length - 1].toExponential(2)}`);
  }
  if (preset.name === 'circles') {
    await page.screenshot({ path: join(manifest.shots, 'net-circles-1280.png') });
    await fits(page, 'circles at 1280×800');
  }
}

// ---- the circles preset: time to 95%, rewind, points, a weight ---------------------------
await page.selectOption('[data-testid="preset"]', 'circles');
{
  // from the press of train, at the page's default speed
  const times = [];
  let at = 0;
  for (let k = 0; k < 3; k++) {
    await page.click('[data-testid="train-reset"]');
    const t0 = await page.evaluate(() => performance.now());
    await page.click('[data-testid="train-play"]');
    const t1 = await page.evaluate(() => new Promise((done) => {
      const look = () => { const s = window.gg.netState(); if (s.train && s.train.accuracy >= 0.95) done([performance.now(), s.step]); else requestAnimationFrame(look); };
      look();
    }));
    times.push((t1[0] - t0) / 1000);
    at = t1[1];
    await page.waitForFunction(() => !window.gg.netPlaying(), null, { timeout: 60000 });
  }
  console.log(`circles: 95% of the training points right ${median(times).toFixed(2)} s after pressing train (median of 3; at step ${at}, 5 steps a frame)`);
  check(median(times) < 10, 'circles reaches 95%');
}
const history = await page.evaluate(() => window.gg.netHistory());
await page.click('[data-testid="train-reset"]');
check((await text(page, 'train-steps')) === '0', 'rewind: back to step 0');
await trainToEnd(page);
const again = await page.evaluate(() => window.gg.netHistory());
check(again.length === history.length && again.every((l, k) => Object.is(l, history[k])), 'rewind: the same losses, bit for bit');
// the page's circles run is the command line's
check(history.length === manifest.circles_cli.loss.length && history.every((l, k) => l === manifest.circles_cli.loss[k]),
  'circles: the loss history is not `gradgraph train --json`\'s');

// a click adds a point of the chosen class; a click on a point deletes it
{
  const before = (await page.evaluate(() => window.gg.netPoints())).length;
  const box = await page.locator('[data-testid="map"]').boundingBox();
  const at = await page.evaluate(() => window.gg.netPointAt(0));
  await page.selectOption('[data-testid="add-class"]', '1');
  const times = [];
  for (let k = 0; k < 5; k++) {
    const t0 = await page.evaluate(() => performance.now());
    await page.mouse.click(at.x + 25 + 3 * k, at.y + 25);
    times.push(await page.evaluate((t) => new Promise((done) => requestAnimationFrame(() => done(performance.now() - t))), t0));
  }
  const added = await page.evaluate(() => window.gg.netPoints());
  check(added.length === before + 5, `adding: ${added.length} points, not ${before + 5}`);
  check(added.filter((p) => !p.test).slice(-5).every((p) => p.y === 1), 'adding: the points are of class 1');
  console.log(`a click that adds a point: redrawn in ${median(times).toFixed(1)} ms (median of 5)`);
  check(box.width > 100, 'the map is drawn');
  await page.check('input[name="click"][value="delete"]');
  const target = await page.evaluate(() => window.gg.netPointAt(0));
  await page.mouse.click(target.x, target.y);
  check((await page.evaluate(() => window.gg.netPoints())).length === before + 4, 'deleting: one point fewer');
  await page.check('input[name="click"][value="add"]');
}

// a weight set by hand: the loss and the gradients are the new weight's at once
{
  // as a mouse does it: onto the edge (its hover text), then a click
  await page.hover('[data-param="w1.1.1"]');
  check((await text(page, 'weight-box')).startsWith('w1.1.1 = '), 'hovering an edge shows its weight');
  await page.click('[data-param="w1.1.1"]');
  await page.fill('[data-testid="weight-input"]', '2.5');
  await page.press('[data-testid="weight-input"]', 'Enter');
  const s = await page.evaluate(() => window.gg.netState());
  check(s.params[s.names.indexOf('w1.1.1')] === 2.5, 'a weight set by hand');
  check((await text(page, 'weight-box')).includes('w1.1.1 = 2.5'), 'the weight box shows the new weight');
}

// a bad CSV file: the command line's message, and the page still trains
{
  await page.setInputFiles('[data-testid="csv"]', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('x1,x2,y\n0.5,abc,1\n') });
  await page.waitForFunction(() => document.querySelector('[data-testid="net-error"]').textContent.length > 0);
  const error = await text(page, 'net-error');
  check(error === 'bad.csv: line 2, column 2 (x2): "abc" is not a number', `bad CSV: ${error}`);
  const steps = Number(await text(page, 'train-steps'));
  await page.click('[data-testid="train-step"]');
  check(Number(await text(page, 'train-steps')) === steps + 1, 'after a bad CSV file the page still trains');
  await page.setInputFiles('[data-testid="csv"]', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from('x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n') });
  check((await text(page, 'net-error')) === '', 'a good CSV file clears the error');
  check((await page.evaluate(() => window.gg.netPoints())).length === 4, 'the CSV file\'s points');
}

// ---- a picked sample through a picked neuron, stepped with the engine's trace -------------
{
  await page.selectOption('[data-testid="preset"]', 'circles');
  await page.selectOption('[data-testid="speed"]', '5');
  await trainToEnd(page);
  await page.check('input[name="click"][value="pick"]');
  const at = await page.evaluate((i) => window.gg.netPointAt(i), manifest.chain.index);
  await page.mouse.click(at.x, at.y);
  await page.click(`[data-neuron="${manifest.chain.neuron}"]`);
  await page.click('[data-testid="open-chain"]');
  await page.waitForFunction(() => !document.getElementById('expr-main').hidden);
  const title = await text(page, 'title');
  check(title === manifest.chain.title, `the chain's title: ${title}, not ${manifest.chain.title}`);
  await page.click('[data-testid="last"]');
  const [, total] = (await text(page, 'step')).split(' / ').map(Number);
  const trace = manifest.chain.trace;
  const forward = total - trace.length;
  check(forward > 0, `the chain: ${total} steps, the trace has ${trace.length}`);
  await page.keyboard.press('Home');
  for (let k = 0; k < forward; k++) await page.keyboard.press('ArrowRight');
  for (let k = 0; k < trace.length; k++) {
    await page.keyboard.press('ArrowRight');
    const node = Number(await page.getAttribute('[data-testid="current"]', 'data-node'));
    check(node === trace[k].node, `the chain: backward step ${k + 1} at node ${node}, the trace's is ${trace[k].node}`);
    const explain = await text(page, 'explain');
    for (const p of trace[k].products) {
      const shown = String(Number(p.toPrecision(4)));
      check(explain.includes(shown), `the chain: backward step ${k + 1} does not show the product ${shown}: ${explain}`);
    }
  }
  for (const [name, grad] of Object.entries(manifest.chain.grads)) {
    const shown = await text(page, 'grad-' + name);
    check(Number(shown) === grad, `the chain: ∂loss/∂${name} ${shown}, natively ${grad}`);
  }
  await page.screenshot({ path: join(manifest.shots, 'net-chain-1280.png') });
  await page.click('[data-testid="back"]');
  check(!(await page.isHidden('#net-main')), 'back to the net');
  check((await text(page, 'train-steps')) === String(manifest.chain.steps), 'back to the net: the training state is kept');
}
check(problems.length === 0, 'problems: ' + problems.join('; '));
await page.close();

// ---- the quiz switch in the expression mode ------------------------------------------------
{
  const { page: q, problems: p } = await watched(browser, 1280, 800);
  await q.goto('file://' + manifest.page);
  await q.evaluate(() => window.gg.ready);
  await q.check('[data-testid="quiz"]');
  const hidden = await q.evaluate(() => [...document.querySelectorAll('g.node text')].map((t) => t.textContent).filter((t) => t.startsWith('∂f = ') && t !== '∂f = ?' && t !== '∂f = —'));
  check(hidden.length === 0, `the quiz hides the gradients: ${hidden}`);
  for (const a of manifest.quiz) {
    await q.fill(`[data-testid="answer-${a.node}"]`, a.answer);
    await q.press(`[data-testid="answer-${a.node}"]`, 'Enter');
    const verdict = await text(q, 'verdict-' + a.node);
    check(verdict.includes(a.says), `the quiz: ${a.answer} for node ${a.node}: "${verdict}" does not say "${a.says}"`);
  }
  await q.screenshot({ path: join(manifest.shots, 'quiz-1280.png') });
  check(p.length === 0, 'problems in the quiz: ' + p.join('; '));
  await q.close();
}

// ---- `train --html`: the command's run, and the window at 1024×768 -------------------------
{
  const { page: t, problems: p } = await open(manifest.train_page, 1024, 768);
  await t.waitForFunction(() => window.gg.netState() !== null);
  check((await text(t, 'train-steps')) === String(manifest.train_cli.steps), `train --html opens at step ${await text(t, 'train-steps')}`);
  check(Number(await text(t, 'loss')) === manifest.train_cli.final_loss, `train --html: loss ${await text(t, 'loss')}, the command's ${manifest.train_cli.final_loss}`);
  const history = await t.evaluate(() => window.gg.netHistory());
  check(history.every((l, k) => l === manifest.train_cli.loss[k]), 'train --html: the loss history is the command\'s');
  await fits(t, 'train --html at 1024×768');
  await t.screenshot({ path: join(manifest.shots, 'net-train-1024.png') });
  check(p.length === 0, 'problems on the train --html page: ' + p.join('; '));
  await t.close();
}

// ---- the rate of live training: a 2-8-8-1 net on 200 points, one step a frame -------------
{
  const { page: r, problems: p } = await open(manifest.page, 1280, 800);
  await netMode(r);
  await r.fill('[data-testid="test-fraction"]', '0');
  await r.press('[data-testid="test-fraction"]', 'Tab');
  await r.fill('[data-testid="hidden"]', '8,8');
  await r.press('[data-testid="hidden"]', 'Tab');
  await r.selectOption('[data-testid="speed"]', '1');
  await r.fill('[data-testid="steps"]', '100000');
  await r.press('[data-testid="steps"]', 'Tab');
  const sizes = await r.evaluate(() => window.gg.netState().sizes.join('-'));
  const n = await r.evaluate(() => window.gg.netPoints().filter((x) => !x.test).length);
  await r.click('[data-testid="train-play"]');
  await r.waitForTimeout(500);
  const s0 = Number(await text(r, 'train-steps'));
  const t0 = Date.now();
  await r.waitForTimeout(3000);
  const s1 = Number(await text(r, 'train-steps'));
  const rate = (s1 - s0) / ((Date.now() - t0) / 1000);
  await r.click('[data-testid="train-play"]');
  console.log(`live training of a ${sizes} net on ${n} points: ${rate.toFixed(1)} steps a second, one step a frame, the map and the curves redrawn every frame`);
  check(sizes === '2-8-8-1', `the net is ${sizes}`);
  check(rate > 5, `live training runs at ${rate} steps a second`);
  check(p.length === 0, 'problems: ' + p.join('; '));
  await r.close();
}

await browser.close();
if (failures) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
console.log('the net mode: every check passed');

// The net mode's rates in Chromium, medians of repeated runs (a benchmark, not a test):
//   gradgraph page p.html && node tests/browser/net_bench.mjs "$PWD/p.html"
// 1. live training of a 2-8-8-1 net on 200 points (circles, none held out), one step a
//    frame, the map, the net and the curves redrawn every frame: steps a second (5 runs of
//    3 s), and its frames a second as a ratio to the frames an empty loop gets in the same
//    page (the baseline); and at 5 and 20 steps a frame;
// 2. the circles preset from the press of train to 95% of its training points right, at the
//    page's default speed (5 runs);
// 3. a click that adds a point: from the click to the next frame, redrawn (15 clicks).
import { launch, watched } from './launch.mjs';

const file = process.argv[2];
const browser = await launch(process.env.GRADGRAPH_CHROMIUM || '/usr/bin/chromium');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const { page, problems } = await watched(browser, 1280, 800);
await page.goto('file://' + file);
await page.evaluate(() => window.gg.ready);
await page.click('[data-testid="mode"] button[value="net"]');
await page.waitForFunction(() => window.gg.netState() !== null);
const text = (id) => page.textContent(`[data-testid="${id}"]`);

// 1. steps a second
await page.selectOption('[data-testid="preset"]', 'circles');
for (const [id, v] of [['test-fraction', '0'], ['hidden', '8,8'], ['steps', '1000000']]) {
  await page.fill(`[data-testid="${id}"]`, v);
  await page.press(`[data-testid="${id}"]`, 'Tab');
}
const sizes = await page.evaluate(() => window.gg.netState().sizes.join('-'));
const points = await page.evaluate(() => window.gg.netPoints().length);
// the baseline, in the same page and run: frames the browser draws a second doing nothing
const frames = [];
for (let k = 0; k < 5; k++) {
  frames.push(await page.evaluate(() => new Promise((done) => {
    let n = 0;
    const t0 = performance.now();
    const tick = () => { n++; if (performance.now() - t0 < 2000) requestAnimationFrame(tick); else done(n / ((performance.now() - t0) / 1000)); };
    requestAnimationFrame(tick);
  })));
}
const baseline = median(frames);
console.log(`baseline: ${baseline.toFixed(1)} empty frames a second (median of 5 runs of 2 s)`);
for (const per of ['1', '5', '20']) {
  await page.selectOption('[data-testid="speed"]', per);
  const rates = [];
  for (let k = 0; k < 5; k++) {
    await page.click('[data-testid="train-reset"]');
    await page.click('[data-testid="train-play"]');
    await page.waitForTimeout(300);
    const s0 = Number(await text('train-steps'));
    const t0 = Date.now();
    await page.waitForTimeout(3000);
    const s1 = Number(await text('train-steps'));
    rates.push((s1 - s0) / ((Date.now() - t0) / 1000));
    await page.click('[data-testid="train-play"]');
  }
  const frameRate = median(rates) / Number(per);
  console.log(`${sizes} net, ${points} points, ${per} step(s) a frame: ${median(rates).toFixed(1)} steps a second (median of 5; ${rates.map((r) => r.toFixed(0)).join(', ')}), ${frameRate.toFixed(1)} frames a second = ${(frameRate / baseline).toFixed(2)}x the empty frames`);
}

// 2. the circles preset to 95%
await page.selectOption('[data-testid="preset"]', 'circles');
const times = [];
let at = 0;
for (let k = 0; k < 5; k++) {
  await page.click('[data-testid="train-reset"]');
  const t0 = await page.evaluate(() => performance.now());
  await page.click('[data-testid="train-play"]');
  const [t1, step] = await page.evaluate(() => new Promise((done) => {
    const look = () => { const s = window.gg.netState(); if (s.train && s.train.accuracy >= 0.95) done([performance.now(), s.step]); else requestAnimationFrame(look); };
    look();
  }));
  times.push((t1 - t0) / 1000);
  at = step;
  await page.waitForFunction(() => !window.gg.netPlaying(), null, { timeout: 60000 });
}
console.log(`the circles preset: 95% of its training points right ${median(times).toFixed(2)} s after pressing train (median of 5, at step ${at}, 5 steps a frame)`);

// 3. a click that adds a point
const clicks = [];
const p0 = await page.evaluate(() => window.gg.netPointAt(0));
for (let k = 0; k < 15; k++) {
  const t0 = await page.evaluate(() => performance.now());
  await page.mouse.click(p0.x + 20 + 2 * k, p0.y + 20);
  clicks.push(await page.evaluate((t) => new Promise((done) => requestAnimationFrame(() => done(performance.now() - t))), t0));
}
console.log(`a click that adds a point, to the next frame drawn: ${median(clicks).toFixed(1)} ms (median of 15)`);
if (problems.length) console.log('problems: ' + problems.join('; '));
await browser.close();

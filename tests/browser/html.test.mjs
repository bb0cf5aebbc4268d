// Drives gradgraph's stepping page (`gradgraph_draw::html`, what `expr --grad-graph --html`
// writes) in Chromium with playwright-core. Run by tests/html_browser.rs: `node html.test.mjs
// MANIFEST.json`. The manifest lists expressions' pages with what `gradgraph expr --trace
// --json` and `--trace` printed for them, every step of each page checked against it, and big
// pages, on which the time of a step's update is measured. Exits non-zero on the first failure.
import { readFileSync } from 'node:fs';
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
const squash = (s) => s.replace(/\s+/g, ' ').trim();

async function open(file) {
  const { page, problems } = await watched(browser, 1280, 800);
  await page.goto('file://' + file);
  return { page, problems };
}

const text = (page, id) => page.textContent(`[data-testid="${id}"]`);
const currentNode = (page) => page.getAttribute('[data-testid="current"]', 'data-node');

async function state(page) {
  return {
    step: await text(page, 'step'),
    phase: await text(page, 'phase'),
    node: Number(await currentNode(page)),
    explain: await text(page, 'explain'),
  };
}

// One expression's page against its trace: every step, forward then backward.
async function checkExpression(entry) {
  const { page, problems } = await open(entry.file);
  const trace = entry.json.trace;
  const forward = trace.map((s) => s.node).sort((a, b) => a - b);
  const n = forward.length + trace.length;
  const expected = (k) => k < forward.length
    ? { phase: 'forward', node: forward[k] }
    : { phase: 'backward', node: trace[k - forward.length].node, line: entry.lines[k - forward.length] };
  async function expectStep(k, how) {
    const s = await state(page);
    const e = expected(k);
    const where = `${entry.name} step ${k + 1} (${how})`;
    check(s.step === `${k + 1} / ${n}`, `${where}: counter ${s.step}, expected ${k + 1} / ${n}`);
    check(s.phase === e.phase, `${where}: phase ${s.phase}, expected ${e.phase}`);
    check(s.node === e.node, `${where}: node ${s.node}, expected ${e.node}`);
    if (e.line !== undefined) {
      check(squash(s.explain) === squash(e.line), `${where}: explain ${JSON.stringify(s.explain)}, trace prints ${JSON.stringify(e.line)}`);
      // the edges sent along are labelled with local × upstream = product
      const labels = await page.$$eval('text.edge-label', (ts) => ts.map((t) => t.textContent));
      const step = trace[k - forward.length];
      check(labels.length === step.inputs.length, `${where}: ${labels.length} edge labels for ${step.inputs.length} operands`);
    } else {
      check(s.explain.startsWith(`#${e.node} `) && (s.explain.includes(' = ') || s.explain.includes('(')),
        `${where}: forward text ${JSON.stringify(s.explain)}`);
    }
  }
  await expectStep(0, 'opened');
  // forward by the keyboard, backward by the button, with screenshots on the way
  for (let k = 1; k < n; k++) {
    if (k < forward.length) await page.keyboard.press('ArrowRight');
    else await page.click('[data-testid="next"]');
    await expectStep(k, k < forward.length ? '→' : 'next');
    if (entry.shots && (k === forward.length - 1 || k === forward.length + 1 || k === n - 1)) {
      await page.screenshot({ path: `${entry.shots}-${k + 1}.png` });
    }
  }
  check(await page.isDisabled('[data-testid="next"]'), `${entry.name}: next enabled at the last step`);
  // back, the ends, the slider
  await page.keyboard.press('ArrowLeft');
  await expectStep(n - 2, '←');
  await page.click('[data-testid="prev"]');
  await expectStep(n - 3, 'prev');
  await page.keyboard.press('Home');
  await expectStep(0, 'Home');
  await page.keyboard.press('End');
  await expectStep(n - 1, 'End');
  await page.click('[data-testid="first"]');
  await expectStep(0, 'first');
  await page.click('[data-testid="last"]');
  await expectStep(n - 1, 'last');
  const middle = Math.floor(n / 2);
  await page.$eval('[data-testid="slider"]', (el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, middle + 1);
  await expectStep(middle, 'slider');
  // play runs on by itself, and pauses
  await page.keyboard.press('Home');
  await page.selectOption('[data-testid="speed"]', '80');
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="step"]').textContent.split(' / ')[0] !== '1');
  await page.keyboard.press(' ');
  const paused = await text(page, 'step');
  await page.waitForTimeout(300);
  check(paused === await text(page, 'step'), `${entry.name}: still running after pause (${paused})`);
  check(paused !== `1 / ${n}`, `${entry.name}: play did not move`);

  // clicking a node shows its derivation: every consumer's term, and finite differences
  for (const s of trace) {
    const leaf = s.inputs.length === 0;
    await page.click(`[data-node="${s.node}"]`);
    const d = await text(page, 'derivation');
    const where = `${entry.name} derivation of #${s.node}`;
    check(d.includes(`#${s.node}`), `${where}: ${JSON.stringify(d)}`);
    if (s.op === 'const') {
      check(d.includes('no gradient'), `${where}: constants keep no gradient: ${JSON.stringify(d)}`);
      continue;
    }
    const consumers = trace.filter((t) => t.inputs.some((e) => e.node === s.node))
      .reduce((count, t) => count + t.inputs.filter((e) => e.node === s.node).length, 0);
    const terms = (d.match(/\(from #/g) || []).length;
    if (s.node !== entry.json.trace[0].node) {
      check(d.includes('Σ over consumers') && terms === consumers, `${where}: ${terms} terms for ${consumers} consumers: ${JSON.stringify(d)}`);
    }
    if (leaf) {
      const m = d.match(/finite difference \(central\): (\S+)\s+analytic: (\S+)/);
      check(m !== null, `${where}: no finite difference: ${JSON.stringify(d)}`);
      if (m) {
        const fd = Number(m[1]), an = Number(m[2]);
        check(Math.abs(fd - an) <= 1e-3 * Math.max(1, Math.abs(an)), `${where}: finite difference ${fd} far from ${an}`);
      }
    }
  }
  if (entry.shots) await page.screenshot({ path: `${entry.shots}-derivation.png` });
  // the operands of non-commutative ops are told apart on their edges
  for (const role of entry.roles || []) {
    const found = await page.$$eval('g.edge text', (ts, r) => ts.some((t) => t.textContent === r), role);
    check(found, `${entry.name}: no edge labelled ${role}`);
  }
  check(problems.length === 0, `${entry.name}: ${problems.join('; ')}`);
  await page.close();
}

// The time of one step's update on a big page, measured in the browser.
async function measure(entry) {
  const { page, problems } = await open(entry.file);
  const times = await page.evaluate(() => {
    const out = [];
    const key = (k) => document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    const total = Number(document.querySelector('[data-testid="step"]').textContent.split(' / ')[1]);
    key('End');
    key('Home');
    for (let k = 0; k < total - 1; k++) {
      const t0 = performance.now();
      key('ArrowRight');
      void document.body.offsetHeight; // the layout the change needs
      out.push(performance.now() - t0);
    }
    key('End');
    for (let k = 0; k < 200; k++) {
      const t0 = performance.now();
      key('ArrowLeft');
      void document.body.offsetHeight;
      out.push(performance.now() - t0);
    }
    // the baseline in the same run: a key the page ignores, and the same forced layout
    const idle = [];
    for (let k = 0; k < out.length; k++) {
      const t0 = performance.now();
      key('x');
      void document.body.offsetHeight;
      idle.push(performance.now() - t0);
    }
    return { out, idle, total };
  });
  const sorted = times.out.slice().sort((a, b) => a - b);
  const idle = times.idle.slice().sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  console.log(`step update on ${entry.name} (${times.total} steps, ${sorted.length} measured): ` +
    `median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms; ` +
    `baseline (an ignored key) median ${idle[Math.floor(idle.length / 2)].toFixed(2)} ms, max ${idle[idle.length - 1].toFixed(2)} ms`);
  if (entry.shots) await page.screenshot({ path: `${entry.shots}.png` });
  check(problems.length === 0, `${entry.name}: ${problems.join('; ')}`);
  await page.close();
}

try {
  for (const entry of manifest.expressions) await checkExpression(entry);
  for (const entry of manifest.measure || []) await measure(entry);
} finally {
  await browser.close();
}
if (failures > 0) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
console.log('all browser checks passed');

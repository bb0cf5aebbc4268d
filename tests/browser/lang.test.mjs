// The live page's language switch, in Chromium with playwright-core. Run by
// crates/cli/tests/cli/live_page.rs: `node lang.test.mjs MANIFEST.json`. The manifest names
// the page `gradgraph page` wrote (English), the one `gradgraph page --lang pt-BR` wrote, the
// English words no Portuguese text contains (crates/i18n/english_words.txt), and a folder
// for screenshots. Checks: the page opens in English; switched to Portuguese, every text of
// the page's own (each element's text, title, placeholder and aria-label) changes, no English
// word is left on the page (its visible text, titles, placeholders, aria-labels, the
// document's title), numbers show decimal commas and a value box takes one, the learner's
// expression, values and step stay; switched back, the page is the English it was; the
// fragment remembers the language on reload, beside what it held before; the page of
// `--lang pt-BR` opens in Portuguese, its net mode and a sample's chain rule too; the
// Portuguese page fits 1280×800 and 1024×768 (screenshots pt-*.png, pt-net-*.png).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, watched } from './launch.mjs';

const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const browser = await launch(manifest.chromium);
const WORDS = new Set(readFileSync(manifest.words, 'utf8').split('\n')
  .map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
  .flatMap((l) => l.split(/\s+/)));

// Texts the page shows in Portuguese that may stay English, by where they are: none (the
// quiz's questions and diagnoses come from gradgraph-quiz, in the page's language).
const ENGLISH_ALLOWED_IN = [];

let failures = 0;
function check(ok, what) {
  if (!ok) {
    failures++;
    console.error('FAIL: ' + what);
  }
}

// the English words of a text, as gradgraph_i18n::english_left finds them
function englishLeft(text) {
  return text.split(/\s+/)
    .map((w) => w.replace(/^[,.:;!?"'()[\]«»“”…*`]+|[,.:;!?"'()[\]«»“”…*`]+$/g, ''))
    .filter((w) => w && /^\p{L}+$/u.test(w) && WORDS.has(w.toLowerCase()));
}

// the lines of `text` where the English words `left` are, to say where they are
const where = (text, left) => text.split('\n').filter((l) => englishLeft(l).some((w) => left.includes(w))).slice(0, 5).join(' | ');

// everything a reader sees or hears of the page: its visible text, the titles,
// placeholders and aria-labels of what is shown, the document's title
function everything(page) {
  return page.evaluate((allowed) => {
    const shown = (e) => !e.closest('[hidden]') && !allowed.some((s) => e.closest(s))
      && (e instanceof SVGElement || e.getClientRects().length > 0 || e.tagName === 'OPTION');
    const parts = [document.title];
    const clone = document.body.cloneNode(true);
    clone.querySelectorAll(allowed.join(',') || 'none').forEach((e) => e.remove());
    document.body.append(clone);
    clone.style.position = 'absolute';
    clone.style.left = '-99999px';
    parts.push(clone.innerText);
    clone.remove();
    for (const e of document.querySelectorAll('[title], [placeholder], [aria-label], title')) {
      if (!shown(e)) continue;
      if (e.tagName.toLowerCase() === 'title') { parts.push(e.textContent); continue; }
      for (const a of ['title', 'placeholder', 'aria-label']) if (e.getAttribute(a)) parts.push(e.getAttribute(a));
    }
    // the options of the shown menus
    for (const o of document.querySelectorAll('select option')) if (shown(o.parentElement)) parts.push(o.textContent);
    return parts.join('\n');
  }, ENGLISH_ALLOWED_IN);
}

// the page's own texts, element by element: [where, text] for each text, title,
// placeholder and aria-label of the elements its catalogs fill, and the step's texts
function ownTexts(page) {
  return page.evaluate(() => {
    const out = [];
    document.querySelectorAll('[data-i18n]').forEach((e) => out.push(['text ' + e.dataset.i18n, e.textContent]));
    document.querySelectorAll('[data-i18n-title]').forEach((e) => out.push(['title ' + e.dataset.i18nTitle, e.title]));
    document.querySelectorAll('[data-i18n-placeholder]').forEach((e) => out.push(['placeholder ' + e.dataset.i18nPlaceholder, e.placeholder]));
    document.querySelectorAll('[data-i18n-aria]').forEach((e) => out.push(['aria ' + e.dataset.i18nAria, e.getAttribute('aria-label')]));
    for (const id of ['phase', 'explain', 'derivation', 'play']) out.push(['#' + id, document.getElementById(id).textContent]);
    document.querySelectorAll('#vars input').forEach((e) => out.push(['aria ' + e.id, e.getAttribute('aria-label')]));
    return out;
  });
}

// texts the same in both languages: symbols, names, numbers
const SAME = new Set(['text page-speed-half', 'text net-l2']);

const text = (page, id) => page.textContent(`[data-testid="${id}"]`);
async function open(url, width, height) {
  const { page, problems } = await watched(browser, width, height);
  await page.goto(url);
  await page.evaluate(() => window.gg.ready);
  return { page, problems };
}
// to a backward step, with the derivation of node 1 (w) open
async function stepIn(page) {
  for (let k = 0; k < 5; k++) await page.click('[data-testid="next"]');
  await page.click('#graph [data-node="1"]');
}
const lang = (page) => page.evaluate(() => document.documentElement.lang);

// ---- English, then Portuguese, then English again ---------------------------------------
const url = 'file://' + manifest.page;
let { page, problems } = await open(url + '#keep=this', 1280, 800);
await stepIn(page);
check((await lang(page)) === 'en', 'the page opens in English');
check((await text(page, 'phase')) === 'backward', 'the phase is shown in English');
const english = await ownTexts(page);
const englishAll = await everything(page);
const step = await text(page, 'step');

await page.click('[data-testid="lang-pt-BR"]');
check((await lang(page)) === 'pt-BR', 'the switch turns the page to Portuguese');
const portuguese = await ownTexts(page);
const portugueseAll = await everything(page);
check(english.length === portuguese.length, 'the same elements in both languages');
english.forEach(([where, en], k) => {
  const [, pt] = portuguese[k];
  if (!SAME.has(where)) check(en !== pt, `${where} is the same in Portuguese: ${JSON.stringify(pt)}`);
});
const left = englishLeft(portugueseAll);
check(left.length === 0, `English left on the Portuguese page: ${where(portugueseAll, left)}`);
check((await text(page, 'phase')) === 'retropropagação', 'the phase in Portuguese');
check((await text(page, 'step')) === step, 'the switch keeps the step');
check((await page.inputValue('[data-testid="expr-input"]')) === 'tanh(x*w + b)', 'the switch keeps the expression');
check((await page.inputValue('[data-testid="var-w"]')) === '0,5', 'a value box writes 0,5');
check((await page.inputValue('[data-testid="var-b"]')) === '-0,2', 'a value box writes -0,2');
check((await text(page, 'value')) === '0,2913126124515909', `the value with a decimal comma: ${await text(page, 'value')}`);
check((await text(page, 'grad-w')) === '0,9151369618266292', `∂f/∂w with a decimal comma: ${await text(page, 'grad-w')}`);
const explain = await text(page, 'explain');
check(/\d,\d/.test(explain) && !/\d\.\d/.test(explain), `the step's numbers with decimal commas: ${explain}`);
const derivation = await text(page, 'derivation');
check(/\d,\d/.test(derivation) && derivation.includes('o gradiente de w'), `the derivation in Portuguese: ${derivation}`);
const labels = await page.evaluate(() => [...document.querySelectorAll('#graph svg text')].map((t) => t.textContent).join(' | '));
check(labels.includes('= 0,2913') && !/= -?\d+\.\d/.test(labels), `the graph's numbers with decimal commas: ${labels}`);
check((await page.evaluate(() => location.hash)).includes('lang=pt-BR'), 'the fragment says lang=pt-BR');
check((await page.evaluate(() => location.hash)).includes('keep=this'), 'the fragment keeps what it held');

await page.click('[data-testid="lang-en"]');
check((await lang(page)) === 'en', 'the switch turns the page back to English');
const again = await ownTexts(page);
check(JSON.stringify(again) === JSON.stringify(english), 'back in English, the page is as it was: '
  + JSON.stringify(again.filter(([w, t], k) => t !== english[k][1])));
check((await everything(page)) === englishAll, 'back in English, every visible text is as it was');
check((await page.inputValue('[data-testid="var-w"]')) === '0.5', 'back in English, the value box writes 0.5');

// a decimal comma typed in Portuguese; the language remembered on reload
await page.click('[data-testid="lang-pt-BR"]');
await page.fill('[data-testid="var-w"]', '0,25');
check((await text(page, 'error')) === '', `0,25 is a number in Portuguese: ${await text(page, 'error')}`);
const v = Number((await text(page, 'value')).replace(',', '.'));
check(Math.abs(v - Math.tanh(0.05)) < 1e-12, `w = 0,25 gives tanh(0.05): ${v}`);
await page.fill('[data-testid="var-w"]', 'abc');
const bad = await text(page, 'error');
check(bad.includes('não é um número') && englishLeft(bad).length === 0, `a bad value's error in Portuguese: ${bad}`);
await page.reload();
await page.evaluate(() => window.gg.ready);
check((await lang(page)) === 'pt-BR', 'the fragment brings the page back in Portuguese');
check((await text(page, 'phase')) === 'propagação direta', 'on reload, the phase in Portuguese');
// the quiz switch in Portuguese: its questions, a wrong answer typed with a decimal comma and
// its diagnosis
await page.click('[data-testid="quiz"]');
await page.fill('[data-testid="answer-4"]', '0,5');
await page.press('[data-testid="answer-4"]', 'Enter');
const quizText = await everything(page);
const quizLeft = englishLeft(quizText);
check(quizLeft.length === 0, `English left with the quiz on: ${where(quizText, quizLeft)}`);
check((await page.textContent('#quiz-box .hint')).includes('retropropagação à mão'), 'the quiz hint in Portuguese');
const verdict = await page.textContent('#quiz-box .verdict');
check(verdict.includes('errado: ∂f/∂#4') && verdict.includes('e não 0,5'), `the verdict in Portuguese: ${verdict}`);
await page.click('[data-testid="quiz"]');
check(problems.length === 0, 'problems: ' + problems.join('; '));
await page.close();

// ---- `gradgraph page --lang pt-BR`, at both sizes --------------------------------------
for (const [w, h] of [[1280, 800], [1024, 768]]) {
  ({ page, problems } = await open('file://' + manifest.page_pt, w, h));
  check((await lang(page)) === 'pt-BR', `--lang pt-BR opens in Portuguese (${w}×${h})`);
  await stepIn(page);
  const all = await everything(page);
  const l = englishLeft(all);
  check(l.length === 0, `English left on the --lang pt-BR page: ${where(all, l)}`);
  // nothing wider than the window, the switch inside it, the buttons' texts unclipped
  const fits = await page.evaluate(() => {
    const wide = [];
    if (document.documentElement.scrollWidth > window.innerWidth) wide.push('the page');
    const sw = document.getElementById('lang').getBoundingClientRect();
    if (sw.right > window.innerWidth || sw.left < 0) wide.push('the language switch');
    document.querySelectorAll('button, label, summary').forEach((e) => {
      if (e.getClientRects().length && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== 'visible') wide.push(e.id || e.textContent);
    });
    const p = document.getElementById('panel');
    if (p.scrollWidth > p.clientWidth + 1) wide.push('the panel');
    return wide;
  });
  check(fits.length === 0, `too wide at ${w}×${h}: ${fits.join(', ')}`);
  await page.screenshot({ path: join(manifest.shots, `pt-${w}.png`) });
  // the net mode, trained a little, a point picked
  await page.click('#mode button[value="net"]');
  await page.waitForFunction(() => window.gg.netState() && window.gg.netState().step === 0);
  await page.click('[data-testid="train-step"]');
  await page.click('input[name="click"][value="pick"]');
  const at = await page.evaluate(() => window.gg.netPointAt(0));
  await page.mouse.click(at.x, at.y);
  const net = await everything(page);
  const netLeft = englishLeft(net);
  check(netLeft.length === 0, `English left in the net mode (${w}×${h}): ${where(net, netLeft)}`);
  check(/\d,\d/.test(await text(page, 'loss')), `the loss with a decimal comma: ${await text(page, 'loss')}`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  check(!wide, `the net mode is wider than the window at ${w}×${h}`);
  await page.screenshot({ path: join(manifest.shots, `pt-net-${w}.png`) });
  // one sample's chain rule, stepped in the expression mode, in Portuguese
  await page.click('[data-testid="open-chain"]');
  const chain = await everything(page);
  const chainLeft = englishLeft(chain);
  check(chainLeft.length === 0, `English left in a sample's chain (${w}×${h}): ${where(chain, chainLeft)}`);
  check((await text(page, 'title')).startsWith('ponto de treino 1'), `the chain's title: ${await text(page, 'title')}`);
  // switched to English there, the chain's title follows
  await page.click('[data-testid="lang-en"]');
  check((await text(page, 'title')).startsWith('training point 1'), `the chain's title in English: ${await text(page, 'title')}`);
  await page.click('[data-testid="back"]');
  check(problems.length === 0, 'problems: ' + problems.join('; '));
  await page.close();
}

await browser.close();
if (failures) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
console.log('the language switch: all checks passed');

// A screenshot of a gradgraph page in headless Chromium (1280×800, or the size in
// GRADGRAPH_VIEWPORT, as 1024x768), after pressing keys and clicking:
// `node screenshot.mjs PAGE.html OUT.png [KEY | click:SELECTOR | wait:MS]...`.
// The README's screenshot of the live page (graphs/live_page.png) is made with:
//   gradgraph page p.html
//   node tests/browser/screenshot.mjs "$PWD/p.html" graphs/live_page.png \
//     End ArrowLeft ArrowLeft ArrowLeft 'click:[data-node="1"]'
// and the net mode's (graphs/net_mode.png) with:
//   gradgraph page p.html --preset circles
//   node tests/browser/screenshot.mjs "$PWD/p.html" graphs/net_mode.png \
//     'click:[data-testid="train-play"]' wait:4000
import { launch } from './launch.mjs';

const [file, out, ...actions] = process.argv.slice(2);
const browser = await launch(process.env.GRADGRAPH_CHROMIUM || '/usr/bin/chromium');
try {
  const [width, height] = (process.env.GRADGRAPH_VIEWPORT || '1280x800').split('x').map(Number);
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto('file://' + file);
  // the live page draws once its engine has started
  await page.evaluate(() => window.gg && window.gg.ready);
  await page.evaluate(() => window.gg && window.gg.netReady);
  for (const a of actions) {
    if (a.startsWith('click:')) await page.click(a.slice('click:'.length));
    else if (a.startsWith('wait:')) await page.waitForTimeout(Number(a.slice('wait:'.length)));
    else await page.keyboard.press(a);
  }
  await page.screenshot({ path: out });
} finally {
  await browser.close();
}

// A screenshot of a gradgraph page at 1280×800 in headless Chromium, after pressing keys and
// clicking: `node screenshot.mjs PAGE.html OUT.png [KEY | click:SELECTOR]...`.
// The README's screenshot (graphs/html_page.png) is made with:
//   gradgraph expr "tanh(x*w + b)" --at x=1 --at w=0.5 --at b=-0.2 --html p.html
//   node tests/browser/screenshot.mjs "$PWD/p.html" graphs/html_page.png \
//     End ArrowLeft ArrowLeft ArrowLeft 'click:[data-node="1"]'
import { chromium } from 'playwright-core';

const [file, out, ...actions] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.GRADGRAPH_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto('file://' + file);
  for (const a of actions) {
    if (a.startsWith('click:')) await page.click(a.slice('click:'.length));
    else await page.keyboard.press(a);
  }
  await page.screenshot({ path: out });
} finally {
  await browser.close();
}

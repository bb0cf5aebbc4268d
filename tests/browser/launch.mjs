// What the browser test scripts share: headless Chromium, and a page watched for what must
// not happen (a network request, a script error, a console error or warning).
import { chromium } from 'playwright-core';

export function launch(executablePath) {
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A new page of `browser`, and the list its problems are collected into.
export async function watched(browser, width, height) {
  const page = await browser.newPage({ viewport: { width, height } });
  const problems = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push('network request ' + r.url());
  });
  page.on('pageerror', (e) => problems.push('script error ' + e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push('console ' + m.type() + ': ' + m.text());
  });
  return { page, problems };
}

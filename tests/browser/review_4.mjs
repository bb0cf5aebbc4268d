import { launch } from './launch.mjs';
const browser = await launch('/usr/bin/chromium');
const errs=[];
for (const [W,H] of [[1280,800],[1024,768]]) {
const page = await browser.newPage({viewport:{width:W,height:H}});
page.on('pageerror', e=>errs.push('pageerror '+e.message));
page.on('console', m=>{ errs.push('console '+m.type()+' '+m.text())});
await page.goto('file:///tmp/review/p.html');
await page.evaluate(() => window.gg.ready);
for (const e of ["tanh(x*w + b)","x*x + x/y","sigmoid(w2*sigmoid(w1*x))","relu(x) - 3*exp(-x)","(a + b)^2","log(x)"]) {
  await page.fill('[data-testid="expr-input"]', e); await page.waitForTimeout(400);
  const r = await page.evaluate(()=>{ const hs=[...document.querySelectorAll('#graph svg text')].map(t=>t.getBoundingClientRect().height).filter(h=>h>0); return [Math.min(...hs).toFixed(1), Math.max(...hs).toFixed(1), hs.length]; });
  console.log(W, e, 'svg text heights min/max px', r);
}
await page.close();
}
console.log(errs);
await browser.close();

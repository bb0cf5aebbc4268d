import { launch } from './launch.mjs';
const browser = await launch('/usr/bin/chromium');
const page = await browser.newPage({viewport:{width:1280,height:800}});
const errs=[];
page.on('pageerror', e=>errs.push('pageerror '+e.message));
page.on('console', m=>{ if(m.type()!=='log') errs.push('console '+m.type()+' '+m.text())});
await page.goto('file:///tmp/review/p.html');
await page.evaluate(() => window.gg.ready);
const t = async id => (await page.locator(`[data-testid="${id}"]`).innerText()).trim();
const dump = async (label) => {
  console.log(`--- ${label}: step=${await t('step')} phase=${await t('phase')} current=${await t('current')}`);
  console.log('value:', await t('value'), '| results:', (await page.locator('#results').innerText()).replace(/\n/g,' ; '));
  console.log('EXPLAIN:', await t('explain'));
  const d = await t('derivation'); if (d) console.log('DERIV:', d);
};
await page.screenshot({path:'/tmp/review/n_initial.png'});
await dump('initial');
for (let i=0;i<20;i++){
  const before = await t('step');
  await page.click('[data-testid="next"]');
  const after = await t('step');
  await dump('after next '+i);
  if (i===3) await page.screenshot({path:'/tmp/review/n_step4.png'});
  if (before===after) break;
}
await page.screenshot({path:'/tmp/review/n_last.png'});
// nodes
const nodes = await page.$$eval("g[data-node]", els=>els.map(e=>e.getAttribute('data-node')));
console.log('nodes', nodes);
for (const n of nodes){
  await page.click(`g[data-node="${n}"]`);
  console.log(`=== click node ${n}`);
  console.log('DERIV:', await t('derivation'));
  console.log('svg text:', (await page.locator(`g[data-node="${n}"]`).textContent()));
}
await page.screenshot({path:'/tmp/review/n_clicked.png'});
console.log('ERRS', errs);
await browser.close();

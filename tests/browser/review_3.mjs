import { launch } from './launch.mjs';
const [W,H] = (process.env.VP||'1280x800').split('x').map(Number);
const browser = await launch('/usr/bin/chromium');
const page = await browser.newPage({viewport:{width:W,height:H}});
const errs=[];
page.on('pageerror', e=>errs.push('pageerror '+e.message));
page.on('console', m=>{ errs.push('console '+m.type()+' '+m.text())});
await page.goto('file:///tmp/review/p.html');
await page.evaluate(() => window.gg.ready);
const t = async id => (await page.locator(`[data-testid="${id}"]`).innerText()).trim();
const dump = async (label) => {
  console.log(`--- ${label}: step=${await t('step')} phase=${await t('phase')} current=${await t('current')}`);
  console.log('EXPLAIN:', (await t('explain')).replace(/\n/g,'\n    '));
};
const exprs = JSON.parse(process.env.EXPRS);
let i=0;
for (const [e, vals] of exprs) {
  i++;
  console.log(`\n################ "${e}" ${JSON.stringify(vals)}`);
  await page.fill('[data-testid="expr-input"]', e);
  await page.waitForTimeout(400);
  for (const [k,v] of Object.entries(vals||{})) {
    await page.fill(`[data-testid="var-${k}"]`, v); await page.waitForTimeout(300);
  }
  console.log('title:', await t('title'), '| error:', await t('error'));
  console.log('vars:', JSON.stringify(await page.$$eval('#vars .var', els=>els.map(e=>e.innerText.trim()+'='+(e.querySelector('input[type=text]')||{}).value))));
  console.log('results:', (await page.locator('#results').innerText()).replace(/\n/g,' ; '));
  await page.screenshot({path:`/tmp/review/${process.env.PFX||"e"}${i}_${W}_start.png`});
  await page.click('[data-testid="first"]').catch(x=>console.log('first click fail', x.message.split('\n')[0]));
  let prev='';
  for (let s=0;s<40;s++){
    const st = await t('step');
    await dump('step');
    if (st===prev) break; prev=st;
    if (s===3) await page.screenshot({path:`/tmp/review/${process.env.PFX||"e"}${i}_${W}_s3.png`});
    await page.click('[data-testid="next"]', {timeout:2000}).catch(x=>console.log('next fail', x.message.split('\n')[0]));
  }
  const nodes = await page.$$eval("g[data-node]", els=>els.map(e=>[e.getAttribute('data-node'), e.textContent.replace(/\s+/g,' ').trim()]));
  console.log('NODES', JSON.stringify(nodes));
  for (const [n] of nodes){
    await page.click(`g[data-node="${n}"]`).catch(x=>console.log('node click fail', n, x.message.split('\n')[0]));
    console.log(`=== node ${n} DERIV:`, (await t('derivation')).replace(/\n/g,'\n    '));
  }
  await page.screenshot({path:`/tmp/review/${process.env.PFX||"e"}${i}_${W}_end.png`});
  await page.screenshot({path:`/tmp/review/${process.env.PFX||"e"}${i}_${W}_full.png`, fullPage:true});
}
console.log('ERRS', errs);
await browser.close();

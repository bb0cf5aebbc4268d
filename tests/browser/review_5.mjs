import { launch } from './launch.mjs';
const browser = await launch('/usr/bin/chromium');
const page = await browser.newPage({viewport:{width:1280,height:800}});
const errs=[];
page.on('pageerror', e=>errs.push('pageerror '+e.message));
page.on('console', m=>{ errs.push('console '+m.type()+' '+m.text())});
await page.goto('file:///tmp/review/p.html');
await page.evaluate(() => window.gg.ready);
const t = async id => (await page.locator(`[data-testid="${id}"]`).innerText()).trim();
// value change at end of backward
await page.click('[data-testid="last"]');
console.log('at last:', await t('step'));
await page.fill('[data-testid="var-w"]', '0.6'); await page.waitForTimeout(300);
console.log('after w=0.6:', await t('step'), await t('phase'));
await page.click('[data-testid="last"]');
// slider drag at end
const box = await page.locator('#vars input[type=range]').nth(1).boundingBox();
await page.mouse.click(box.x+box.width*0.7, box.y+box.height/2);
await page.waitForTimeout(300);
console.log('after w slider click:', await t('step'), 'w=', await page.inputValue('[data-testid="var-w"]'));
// 1e400, empty, nan, inf
for (const v of ['1e400','','nan','inf','1,5','.5','-0','2e-3']) {
  await page.fill('[data-testid="var-x"]', v); await page.waitForTimeout(300);
  console.log(`x=${JSON.stringify(v)} -> error=${JSON.stringify(await t('error'))} value=${await t('value')} explain1=${(await t('explain')).split('\n')[1]}`);
}
await page.fill('[data-testid="var-x"]', '1'); await page.waitForTimeout(300);
// play at the end
await page.click('[data-testid="last"]');
await page.click('[data-testid="play"]'); await page.waitForTimeout(1500);
console.log('play pressed at end ->', await t('step'), await t('play'));
await page.click('[data-testid="play"]').catch(()=>{}); 
// next at end disabled?
console.log('buttons disabled:', JSON.stringify(await page.$$eval('#player button', b=>b.map(x=>[x.id,x.disabled]))));
// type char by char
await page.click('[data-testid="expr-input"]'); await page.fill('[data-testid="expr-input"]','');
await page.waitForTimeout(300);
console.log('empty expr: error=', JSON.stringify(await t('error')), 'title=', await t('title'));
await page.screenshot({path:'/tmp/review/m_empty.png'});
for (const ch of 'tanh(x*w + b)') {
  await page.keyboard.type(ch); await page.waitForTimeout(120);
  const vars = await page.$$eval('#vars .var label', els=>els.map(e=>e.textContent));
  console.log(JSON.stringify(await page.inputValue('[data-testid="expr-input"]')), '| title', await t('title'), '| vars', vars.join(','), '| err', (await t('error')).split('\n')[0]);
}
console.log('values:', JSON.stringify(await page.$$eval('#vars input[type=text]', els=>els.map(e=>e.id+'='+e.value))));
// keys while focus in expr box
await page.keyboard.press('End'); console.log('End in expr box -> step', await t('step'));
// Keys after clicking node
await page.click('g[data-node="3"]'); await page.keyboard.press('ArrowRight'); console.log('ArrowRight after node click ->', await t('step'));
// zoom and fit
const vb = async()=> page.$eval('#graph svg', s=>s.getAttribute('viewBox')+' | '+(s.querySelector('g')?.getAttribute('transform')));
console.log('vb', await vb());
await page.click('#zoom-in'); console.log('zoom in', await vb());
await page.click('[data-testid="fit"]'); console.log('fit', await vb());
// URL hash / reload persistence?
console.log('url', page.url());
// speed select
console.log('ERRS', errs);
await browser.close();

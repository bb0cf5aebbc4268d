import { launch } from './launch.mjs';
const browser = await launch('/usr/bin/chromium');
const page = await browser.newPage({viewport:{width:1280,height:800}});
const errs=[];
page.on('pageerror', e=>errs.push('pageerror '+e.message));
page.on('console', m=>{ errs.push('console '+m.type()+' '+m.text())});
await page.goto('file:///tmp/review/p.html');
await page.evaluate(() => window.gg.ready);
const t = async id => (await page.locator(`[data-testid="${id}"]`).innerText()).trim();
const dump = async (label) => {
  console.log(`--- ${label}: step=${await t('step')} phase=${await t('phase')} current=${await t('current')}`);
  console.log('results:', (await page.locator('#results').innerText()).replace(/\n/g,' ; '));
  console.log('EXPLAIN:', await t('explain'));
  const d = await t('derivation'); if (d) console.log('DERIV:', d);
};
// click node at step 0
await page.click('g[data-node="3"]');
await dump('step0 click node 3 (x*w)');
await page.screenshot({path:'/tmp/review/k_step0click.png'});
// keys: focus on graph/body
await page.click('#stage', {position:{x:600,y:150}});
for (const k of ['ArrowRight','ArrowRight','ArrowLeft','End','Home',' ']) {
  await page.keyboard.press(k);
  await page.waitForTimeout(100);
  console.log('key', JSON.stringify(k), '->', await t('step'), await t('phase'), '| play btn:', await t('play'));
}
await page.waitForTimeout(2500);
console.log('after 2.5s play ->', await t('step'), '| play btn:', await t('play'));
await page.keyboard.press(' ');
console.log('after space ->', await t('step'), '| play btn:', await t('play'));
// keys while focus in a var box
await page.click('[data-testid="var-x"]');
await page.keyboard.press('End');
console.log('End in var box ->', await t('step'));
// keys after slider focus
await page.click('[data-testid="slider"]');
console.log('slider click ->', await t('step'));
await page.keyboard.press('ArrowRight');
console.log('ArrowRight on slider ->', await t('step'));
// type new value
await page.keyboard.press('Home');
await page.fill('[data-testid="var-x"]', '2');
await page.waitForTimeout(300);
await dump('x=2 typed');
await page.fill('[data-testid="var-x"]', 'abc');
await page.waitForTimeout(300);
await dump('x=abc typed');
console.log('error box:', await t('error'));
await page.screenshot({path:'/tmp/review/k_xabc.png'});
await page.fill('[data-testid="var-x"]', '1e400');
await page.waitForTimeout(300);
await dump('x=1e400 typed');
await page.fill('[data-testid="var-x"]', '-3');
await page.waitForTimeout(300);
// slider info
const sl = await page.$$eval('#vars input[type=range]', els=>els.map(e=>({min:e.min,max:e.max,step:e.step,value:e.value, label:e.getAttribute('aria-label')})));
console.log('sliders', JSON.stringify(sl));
// drag slider x
const box = await page.locator('#vars input[type=range]').first().boundingBox();
await page.mouse.move(box.x+box.width*0.5, box.y+box.height/2);
await page.mouse.down();
await page.mouse.move(box.x+box.width*0.9, box.y+box.height/2, {steps:5});
await page.mouse.up();
await page.waitForTimeout(300);
console.log('x box after drag:', await page.inputValue('[data-testid="var-x"]'));
await dump('after dragging x slider');
const sl2 = await page.$$eval('#vars input[type=range]', els=>els.map(e=>({min:e.min,max:e.max,step:e.step,value:e.value})));
console.log('sliders', JSON.stringify(sl2));
await page.screenshot({path:'/tmp/review/k_drag.png'});
console.log('ERRS', errs);
await browser.close();

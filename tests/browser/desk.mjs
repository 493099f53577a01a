// desk.mjs: a browser test of the officer's desk (web/desk.html) in headless Debian chromium
// driven by playwright-core. It logs in, finds a person, opens the application, tries a
// photo that is not a portrait (refused, said on the page), takes the portrait and ten prints
// through the page's file inputs (each verdict shown), submits, and checks through the API
// that the unit's "in progress" figure moved by one. Screenshots of the pages go to OUT_DIR.
//
// usage: node tests/browser/desk.mjs BASE_URL USER PASSWORD PERSONAL_ID UNIT BIO_DIR OUT_DIR
//   BIO_DIR  what `cccd synth biometrics` wrote: portrait.jpg, finger-01.png .. finger-10.png
//   CHROMIUM (environment) the browser binary, default /usr/bin/chromium
// Prints one line per step and exits 0 when every step held, 1 otherwise.
import { check, done, launch } from './harness.mjs';

const [base, user, password, pid, unit, bio, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node desk.mjs BASE_URL USER PASSWORD PERSONAL_ID UNIT BIO_DIR OUT_DIR');
  process.exit(2);
}

const browser = await launch();

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'vi-VN' });
  page.setDefaultTimeout(20000);
  await page.goto(`${base}/desk.html`);
  await page.fill('#login input[name=username]', user);
  await page.fill('#login input[name=password]', password);
  await page.click('#login button');
  await page.waitForSelector('#desk', { state: 'visible' });
  check('logged in', (await page.textContent('#who')).includes(user));

  const inProgress = () => page.evaluate(async (u) => {
    const r = await fetch(`/api/v1/units/${u}/coverage`, {
      headers: { Authorization: 'Bearer ' + sessionStorage.getItem('cccd-token') },
    });
    return (await r.json()).in_progress;
  }, unit);
  const before = await inProgress();

  await page.fill('#find input[name=q]', pid);
  await page.click('#find button');
  await page.click('#found button');
  await page.waitForSelector('#app', { state: 'visible' });
  const facts = await page.textContent('#app-facts');
  check('application opened from the record', facts.includes(pid) && facts.includes('Đang lập'), facts);

  // a print is not a portrait: refused, and the page says why
  await page.setInputFiles('#photo', `${bio}/finger-01.png`);
  await page.waitForSelector('#photo-result[data-verdict]');
  check('a wrong photo is refused with the reason',
    (await page.getAttribute('#photo-result', 'data-verdict')) === 'refused',
    await page.textContent('#photo-result'));
  await page.setInputFiles('#photo', `${bio}/portrait.jpg`);
  await page.waitForSelector('#photo-result[data-verdict=accept]');
  check('portrait accepted', true, await page.textContent('#photo-result'));

  for (let n = 1; n <= 10; n++) {
    await page.setInputFiles(`#finger-${n}`, `${bio}/finger-${String(n).padStart(2, '0')}.png`);
    await page.waitForSelector(`#finger-${n}-result[data-decision]`);
    const d = await page.getAttribute(`#finger-${n}-result`, 'data-decision');
    check(`finger ${n} scored`, d === 'accept', await page.textContent(`#finger-${n}-result`));
  }
  await page.screenshot({ path: `${out}/desk.png`, fullPage: true });

  await page.click('#submit');
  await page.waitForFunction(() => document.querySelector('#submit-result').textContent.length > 0);
  check('submitted', (await page.textContent('#submit-result')).includes('Đã nộp'),
    await page.textContent('#submit-result'));
  const after = await inProgress();
  check('the unit\'s figures moved', after === before + 1, `in progress ${before} -> ${after}`);

  // in English, and back: the application's facts and the fingers' names follow
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const en = await page.textContent('#desk');
  check('the desk in English', en.includes('Submitted') && en.includes('Right thumb') &&
    en.includes('1. Find the citizen'), en.slice(0, 80));
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'vi');

  // the overview page with the same session
  await page.goto(`${base}/index.html`);
  await page.waitForSelector('#work', { state: 'visible' });
  await page.fill('#coverage input[name=code]', unit);
  await page.click('#coverage button');
  await page.waitForSelector('#coverage-table tr');
  await page.screenshot({ path: `${out}/overview.png`, fullPage: true });
  check('overview shows the unit', (await page.textContent('#coverage-table')).includes(unit));
} catch (e) {
  check('the browser session', false, e.message.split('\n')[0]);
} finally {
  await browser.close();
}
done('browser');

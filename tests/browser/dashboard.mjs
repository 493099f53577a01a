// dashboard.mjs: a browser test of the commander's dashboard (web/dashboard.html) in headless
// Debian chromium driven by playwright-core. It signs in as a commander, checks the page's
// figures against the API and their Vietnamese formatting, runs SUBMIT_CMD (an officer
// submitting one application: tests/cli/browser.t runs desk.mjs) and checks that the
// province's figure moved by one after a refresh, drills down to the officer's commune,
// computes resource advice and accepts a proposal (the kit must then be where it said),
// switches to English and back, and checks that an officer is refused the page's data.
// Screenshots go to OUT_DIR (dashboard.png, dashboard-en.png).
//
// usage: node tests/browser/dashboard.mjs BASE_URL USER PASSWORD UNIT SUBMIT_CMD OUT_DIR
//   UNIT        the commune where SUBMIT_CMD submits (a unit below the commander's)
//   CHROMIUM    (environment) the browser binary, default /usr/bin/chromium
//   OFFICER     (environment) "user:password" of an officer, to check the refusal
// Prints one line per step and exits 0 when every step held, 1 otherwise.
import { execSync } from 'node:child_process';
import { check, done, launch, num } from './harness.mjs';

const [base, user, password, unit, submit, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node dashboard.mjs BASE_URL USER PASSWORD UNIT SUBMIT_CMD OUT_DIR');
  process.exit(2);
}

const browser = await launch();

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'vi-VN' });
  page.setDefaultTimeout(20000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/dashboard.html`);
  await page.fill('#login input[name=username]', user);
  await page.fill('#login input[name=password]', password);
  await page.click('#login button');
  await page.waitForSelector('#received-total');
  check('signed in, the unit shown', (await page.textContent('#who')).includes(user));

  const progress = (code) => page.evaluate(async (c) => {
    const r = await fetch(`/api/v1/units/${c}/progress`, {
      headers: { Authorization: 'Bearer ' + sessionStorage.getItem('cccd-token') },
    });
    return r.json();
  }, code);
  const me = await page.evaluate(async () => (await fetch('/api/v1/me', {
    headers: { Authorization: 'Bearer ' + sessionStorage.getItem('cccd-token') },
  })).json());
  const top = me.unit.code;
  let p = await progress(top);
  const shown = await page.textContent('#received-total');
  check('the received figure is the API\'s', num(shown) === p.unit.received.total,
    `${shown} vs ${p.unit.received.total}`);
  if (p.unit.received.total >= 1000)
    check('thousands with a dot (Vietnamese)', /^\d{1,3}(\.\d{3})+$/.test(shown.trim()), shown);
  const summary = await page.textContent('#summary');
  if (p.unit.quota) {
    const [y, m, d] = p.unit.quota.deadline.split('-').map(Number);
    check('the deadline as d/m/yyyy', summary.includes(`${d}/${m}/${y}`), `${d}/${m}/${y}`);
  }
  const rows = await page.$$('#ranking tbody tr');
  check('a row for each unit below', rows.length === p.children.length,
    `${rows.length} ${await page.textContent('#dash-error')} ${errors.join('; ')}`);
  const risky = p.children.filter((c) => c.forecast.at_risk).length;
  check('the at-risk units listed', (await page.$$('#risk li a')).length === risky, `${risky}`);
  check('the chart drawn', (await page.$$('#chart canvas')).length === 1);
  const firstIssue = p.unit.received.by_type.first_issue;
  check('received by type, point and shift', !firstIssue ||
    (await page.textContent('#summary')).includes(`Cấp mới ${firstIssue.total.toLocaleString('de-DE')}`),
    JSON.stringify(p.unit.received.by_type));
  check('commendation candidates', (await page.$$('#honour-officers li')).length ===
    p.commendations.officers.length);
  await page.screenshot({ path: `${out}/dashboard.png`, fullPage: false });

  // an officer submits; the commander refreshes and sees it
  const before = p.unit.received.total, rowBefore = num(await page.textContent(
    `#ranking tr[data-code="${unit}"] td.received`));
  execSync(submit, { stdio: 'inherit', shell: '/bin/sh' });
  await page.click('#when button');
  await page.waitForFunction((want) => {
    const e = document.getElementById('received-total');
    return e && Number(e.textContent.replace(/[.,\s]/g, '')) === want;
  }, before + 1);
  check('the province moved by one after the submission', true, `${before} -> ${before + 1}`);
  const rowAfter = num(await page.textContent(`#ranking tr[data-code="${unit}"] td.received`));
  check('and so did the commune\'s row', rowAfter === rowBefore + 1, `${rowBefore} -> ${rowAfter}`);

  // drill down to the commune
  await page.click(`#ranking tr[data-code="${unit}"] a`);
  await page.waitForFunction((u) => document.getElementById('unit-name').textContent.includes(`(${u})`), unit);
  p = await progress(unit);
  check('drilled down to the commune', num(await page.textContent('#received-total')) === p.unit.received.total,
    await page.textContent('#unit-name'));
  check('the path in the address', page.url().endsWith(`#/${top}/${unit}`), page.url());
  check('the crumbs lead back', (await page.$$('#crumbs a')).length === 1);
  await page.click('#crumbs a');
  await page.waitForFunction((u) => document.getElementById('unit-name').textContent.includes(`(${u})`), top);

  // the daily report as a workbook, downloaded through the page
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('#reports button[data-kind="daily"][data-format="xlsx"]'),
  ]);
  const fs = await import('node:fs');
  const file = await download.path();
  const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
  check('the daily report downloads as a workbook', head === 'PK' && download.suggestedFilename().endsWith('.xlsx'),
    download.suggestedFilename());

  // resource advice: computed when asked, one proposal accepted, the kit moved (API)
  await page.click('#advice-go');
  await page.waitForSelector('#advice li:not(.hint)');
  const proposals = await page.$$('#advice li[data-id]');
  check('resource advice proposes a move', proposals.length >= 1,
    await page.textContent('#advice'));
  if (proposals.length) {
    const why = await proposals[0].textContent();
    check('its reason in Vietnamese and in numbers', /cần thêm [\d.]+ hồ sơ đến \d+\/\d+\/\d{4}/.test(why) &&
      /nâng lên [\d.]+\/ngày/.test(why), why);
    const id = await proposals[0].getAttribute('data-id');
    const serial = await proposals[0].getAttribute('data-serial');
    const to = await proposals[0].getAttribute('data-to');
    await page.click(`#advice li[data-id="${id}"] button`);
    await page.waitForSelector(`#advice li[data-id="${id}"] em`);
    check('the proposal accepted on the page', (await page.textContent(`#advice li[data-id="${id}"] em`)).length > 0);
    const kit = await page.evaluate(async (k) => (await fetch(`/api/v1/kits/${encodeURIComponent(k)}`, {
      headers: { Authorization: 'Bearer ' + sessionStorage.getItem('cccd-token') },
    })).json(), serial);
    check('the kit moved to the unit the advice named', kit.unit === to, `${serial} at ${kit.unit}, advice ${to}`);
  }

  // English, and back
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const en = await page.textContent('main');
  check('English texts', en.includes('Ranking of the units') && en.includes('Forecast finish'));
  const enTotal = await page.textContent('#received-total');
  if (before + 1 >= 1000) check('thousands with a comma (English)', /^\d{1,3}(,\d{3})+$/.test(enTotal.trim()), enTotal);
  await page.screenshot({ path: `${out}/dashboard-en.png`, fullPage: false });
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'vi');
  check('back to Vietnamese', (await page.textContent('main')).includes('Xếp hạng các đơn vị'));

  // an officer may not read progress: the page says so
  if (process.env.OFFICER) {
    const [ou, op] = process.env.OFFICER.split(':');
    await page.click('#logout');
    await page.fill('#login input[name=username]', ou);
    await page.fill('#login input[name=password]', op);
    await page.click('#login button');
    await page.waitForFunction(() => document.getElementById('dash-error').textContent !== '');
    check('an officer is refused the figures', true, await page.textContent('#dash-error'));
  }
  check('no script error on the page', errors.length === 0, errors.join('; '));
} catch (e) {
  check('the flow ran to the end', false, e.message);
} finally {
  await browser.close();
}
done('dashboard');

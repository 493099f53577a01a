// centre.mjs: a browser test of the card centre's page (web/centre.html) in headless Debian
// chromium driven by playwright-core. A supervisor approves one submitted application of UNIT
// through the API when none waits approved; then the centre signs in, makes a batch of UNIT
// through the page (its cards are the API's), is refused the dispatch of cards not yet made
// (the server's detail on the page), opens an older batch by its id (its manifests); then the
// commune's officer signs in, sees the manifests sent to the unit (as many as the API lists)
// and confirms one received, which the API then shows received by the officer. English and
// back, and nothing wider than a phone. Screenshots go to OUT_DIR (centre.png, centre-phone.png).
//
// usage: node tests/browser/centre.mjs BASE_URL CENTRE PASSWORD UNIT OFFICER SUPERVISOR OUT_DIR
//   CENTRE, OFFICER, SUPERVISOR   account names, all with PASSWORD (a cccd demo's)
//   UNIT        the officer's commune
//   CHROMIUM    (environment) the browser binary, default /usr/bin/chromium
// Prints one line per step and exits 0 when every step held, 1 otherwise.
import { check, done, launch, num } from './harness.mjs';

const [base, centre, password, unit, officer, supervisor, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node centre.mjs BASE_URL CENTRE PASSWORD UNIT OFFICER SUPERVISOR OUT_DIR');
  process.exit(2);
}

// the API from here, with a token of its own: {status, body}
async function login(u) {
  const r = await fetch(`${base}/api/v1/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: u, password }) });
  return (await r.json()).token;
}
async function call(tok, method, path, body) {
  const h = { Authorization: 'Bearer ' + tok };
  if (body) h['Content-Type'] = 'application/json';
  const r = await fetch(base + path, { method, headers: h, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

const browser = await launch();
try {
  // an approved application waits in the unit
  const sup = await login(supervisor), prod = await login(centre), off = await login(officer);
  let approved = (await call(prod, 'GET', `/api/v1/units/${unit}/applications?state=approved`)).body.applications;
  if (!approved.length) {
    const sub = (await call(sup, 'GET', `/api/v1/units/${unit}/applications?state=submitted`)).body.applications;
    const r = sub.length ? await call(sup, 'POST', `/api/v1/applications/${sub[0].id}/approve`) : { status: 0 };
    check('a submitted application approved through the API', r.status === 200, sub.length ? `#${sub[0].id}` : 'none submitted');
    approved = (await call(prod, 'GET', `/api/v1/units/${unit}/applications?state=approved`)).body.applications;
  }
  check('approved applications wait in the unit', approved.length > 0, `${approved.length}`);

  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'vi-VN' });
  page.setDefaultTimeout(20000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const signIn = async (u) => {
    await page.fill('#login input[name=username]', u);
    await page.fill('#login input[name=password]', password);
    await page.click('#login button');
    await page.waitForFunction(() => !document.getElementById('centre').hidden);
  };
  await page.goto(`${base}/centre.html`);
  await signIn(centre);
  check('the centre sees the batches', await page.isVisible('#production'));

  // a batch of the unit
  await page.fill('#new-batch input[name=code]', unit);
  await page.click('#new-batch button');
  await page.waitForSelector('#batch:not([hidden])');
  const title = await page.textContent('#batch-title');
  const id = Number((title.match(/(\d+)/) || [])[1]);
  const b = (await call(prod, 'GET', `/api/v1/batches/${id}`)).body;
  check('the batch made of the approved applications', b.cards === approved.length && b.state === 'open',
    `batch ${id}: ${b.cards} cards, ${b.state}`);
  check('its cards shown as the API\'s', num(await page.textContent('#batch-cards')) === b.cards &&
    (await page.textContent('#batch-produced')) === `${b.produced} / ${b.cards}`, await page.textContent('#batch-produced'));
  check('its state shown', (await page.getAttribute('#batch-state', 'data-state')) === 'open', await page.textContent('#batch-state'));
  const left = (await call(prod, 'GET', `/api/v1/units/${unit}/applications?state=approved`)).body.applications.length;
  check('no approved application left behind', left === 0, `${left}`);

  // its cards are not made yet: the dispatch is refused with the server's words
  await page.click('#dispatch');
  await page.waitForFunction(() => document.getElementById('ce-error').textContent !== '');
  const refused = await call(prod, 'POST', `/api/v1/batches/${id}/dispatch`);
  check('the dispatch refused with the server\'s detail', refused.status === 409 &&
    (await page.textContent('#ce-error')) === refused.body.detail, await page.textContent('#ce-error'));

  // an older batch by its id, with its manifests
  const old = (await call(prod, 'GET', '/api/v1/batches/1')).body;
  await page.fill('#find-batch input[name=id]', '1');
  await page.click('#find-batch button');
  await page.waitForFunction(() => /\b1\b/.test(document.getElementById('batch-title').textContent.split('·')[0]));
  const mrows = (await page.$$('#batch-manifests tbody tr')).length;
  check('an older batch opened with its manifests', mrows === old.manifests.length && old.manifests.length > 0 &&
    (await page.isHidden('#dispatch')) === (old.state !== 'open'), `${old.state}, ${mrows} manifests`);
  check('the batches seen are listed', (await page.$$('#recent li')).length === 2);
  await page.screenshot({ path: `${out}/centre.png`, fullPage: false });

  // the commune's officer: the manifests sent to the unit, one received
  await page.click('#logout');
  await signIn(officer);
  const list = (await call(off, 'GET', `/api/v1/units/${unit}/manifests`)).body.manifests;
  await page.waitForFunction((n) => document.querySelectorAll('#manifests tbody tr').length === n, list.length);
  check('the officer sees the unit\'s manifests', list.length > 0 && await page.isHidden('#production'), `${list.length}`);
  const waiting = list.filter((m) => m.received_at === undefined);
  const buttons = (await page.$$('#manifests button.receive')).length;
  check('a receive button for each manifest not yet received', buttons === waiting.length, `${buttons}`);
  if (waiting.length) {
    const m = waiting[0];
    await page.click(`#manifests tr[data-id="${m.id}"] button.receive`);
    await page.waitForSelector(`#manifests tr.received[data-id="${m.id}"]`);
    const after = (await call(off, 'GET', `/api/v1/units/${unit}/manifests`)).body.manifests.find((x) => x.id === m.id);
    check('received: the API shows it received by the officer', after.received_at !== undefined &&
      after.received_by === officer, `manifest ${m.id} by ${after.received_by}`);
    check('its row says so', (await page.textContent(`#manifests tr[data-id="${m.id}"] td.state`)) !== 'chưa nhận' &&
      (await page.$$(`#manifests tr[data-id="${m.id}"] button`)).length === 0);
    check('the page says what was done', (await page.textContent('#ce-result')).includes(String(m.id)));
  }

  // English, and back
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  check('English texts', (await page.textContent('main')).includes('Manifests sent to the unit'));
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'vi');
  check('back to Vietnamese', (await page.textContent('main')).includes('Phiếu giao thẻ đến đơn vị'));

  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check('fits a phone\'s width', wide <= 390, `${wide}px`);
  await page.screenshot({ path: `${out}/centre-phone.png`, fullPage: false });
  check('no script error on the page', errors.length === 0, errors.join('; '));
} catch (e) {
  check('the flow ran to the end', false, e.message);
} finally {
  await browser.close();
}
done('centre');

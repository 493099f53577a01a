// planner.mjs: a browser test of the planner's page (web/planner.html) in headless Debian
// chromium driven by playwright-core. It signs in as a commander, opens a commune over a few
// days and checks the page against the API: the points and their shifts' capacity, a dry
// run's counts, the plan written (the tickets appear, page by page), the lists of people, the
// printed tickets' PDF fetched with the token (the blob starts with %PDF), an API refusal's
// detail on the page, English and back, and that nothing overflows a phone's width. With
// OFFICER it also checks that an officer is refused the plan. Screenshots go to OUT_DIR
// (planner.png, planner-phone.png).
//
// usage: node tests/browser/planner.mjs BASE_URL USER PASSWORD UNIT DAYS OUT_DIR
//   UNIT        a unit with a point (a commune below the commander's unit)
//   DAYS        how many days to plan, from today
//   CHROMIUM    (environment) the browser binary, default /usr/bin/chromium
//   OFFICER     (environment) "user:password" of an officer, to check the refusal
// Prints one line per step and exits 0 when every step held, 1 otherwise.
import { check, done, launch, num } from './harness.mjs';

const [base, user, password, unit, days, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node planner.mjs BASE_URL USER PASSWORD UNIT DAYS OUT_DIR');
  process.exit(2);
}

const browser = await launch();
const addDays = (iso, n) => {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const COUNTS = ['remaining', 'ticketed', 'created', 'kept', 'moved', 'elsewhere', 'withdrawn',
  'home_visits', 'referred', 'referred_in', 'untraced', 'unplanned'];

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'vi-VN' });
  page.setDefaultTimeout(20000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // the API with the page's token: {status, body}
  const call = (method, path, body) => page.evaluate(async ([m, p, b]) => {
    const h = { Authorization: 'Bearer ' + sessionStorage.getItem('cccd-token') };
    if (b) h['Content-Type'] = 'application/json';
    const r = await fetch(p, { method: m, headers: h, body: b ? JSON.stringify(b) : undefined });
    return { status: r.status, body: await r.json() };
  }, [method, path, body]);
  const signIn = async (u, pw) => {
    await page.fill('#login input[name=username]', u);
    await page.fill('#login input[name=password]', pw);
    await page.click('#login button');
    await page.waitForFunction(() => !document.getElementById('planner').hidden);
  };

  await page.goto(`${base}/planner.html`);
  await signIn(user, password);
  const me = (await call('GET', '/api/v1/me')).body;
  await page.waitForFunction((c) => document.getElementById('unit-name').textContent.includes(`(${c})`), me.unit.code);
  check('signed in, the account\'s unit at first', (await page.inputValue('#pick input[name=code]')) === me.unit.code,
    await page.textContent('#unit-name'));

  // the commune over DAYS days
  const from = await page.inputValue('#pick input[name=from]');
  const to = addDays(from, Number(days) - 1);
  await page.fill('#pick input[name=code]', unit);
  await page.fill('#pick input[name=to]', to);
  await page.click('#pick button');
  await page.waitForFunction((c) => document.getElementById('unit-name').textContent.includes(`(${c})`), unit);
  await page.waitForFunction(() => document.getElementById('tickets').rows.length > 0 ||
    document.getElementById('tickets-total').textContent !== '');
  const pts = (await call('GET', `/api/v1/units/${unit}/points`)).body.points;
  check('a row for each of the unit\'s points', (await page.$$('#points details.point')).length === pts.length,
    `${pts.length} points`);
  let capOk = pts.length > 0, capText = '';
  for (const p of pts) {
    const s = (await call('GET', `/api/v1/points/${p.id}/shifts?from=${from}&to=${to}`)).body.shifts;
    const want = s.reduce((a, x) => a + x.capacity, 0);
    const shown = num(await page.textContent(`#points details[data-id="${p.id}"] .total-capacity`));
    const rows = (await page.$$(`#points details[data-id="${p.id}"] table.shifts tbody tr`)).length;
    capText += `${p.id}: ${shown}/${want} in ${rows}/${s.length} shifts `;
    if (shown !== want || rows !== s.length) capOk = false;
  }
  check('the shifts and their capacity are the API\'s', capOk, capText);
  const [fy, fm, fd] = from.split('-').map(Number);
  check('days as d/m/yyyy', (await page.textContent('#points')).includes(`${fd}/${fm}/${fy}`), `${fd}/${fm}/${fy}`);

  // a dry run: the counts are the API's
  await page.click('#plan-dry');
  await page.waitForSelector('#plan-counts');
  const dry = (await call('POST', `/api/v1/units/${unit}/plan`, { from, to, dry_run: true })).body;
  const shown = {};
  for (const k of COUNTS) shown[k] = num(await page.textContent(`#plan-counts dd[data-count="${k}"]`));
  const wrong = COUNTS.filter((k) => shown[k] !== dry[k]);
  check('the dry run\'s counts are the API\'s', wrong.length === 0,
    wrong.length ? wrong.map((k) => `${k} ${shown[k]} vs ${dry[k]}`).join(', ') : `ticketed ${dry.ticketed}, remaining ${dry.remaining}`);
  check('the dry run wrote no ticket', (await call('GET', `/api/v1/units/${unit}/tickets?limit=1`)).body.total === 0 ||
    dry.created === 0);
  check('a row for each day and point', (await page.$$('#plan-days tbody tr')).length === dry.shifts.length,
    `${dry.shifts.length}`);

  // the plan written: the tickets appear
  await page.click('#plan-run');
  await page.waitForFunction(() => /ghi phiếu hẹn/.test(document.querySelector('#plan .result')?.textContent || ''));
  const ticketedShown = num(await page.textContent('#plan-counts dd[data-count="ticketed"]'));
  check('the written plan ticketed as the dry run said', ticketedShown === dry.ticketed, `${ticketedShown}`);
  const tk = (await call('GET', `/api/v1/units/${unit}/tickets?limit=50`)).body;
  await page.waitForFunction((n) => document.querySelectorAll('#tickets tbody tr').length === n, Math.min(50, tk.total));
  check('the tickets listed', tk.total > 0 && (await page.textContent('#tickets-total')).includes(
    new Intl.NumberFormat('vi-VN').format(tk.total)), await page.textContent('#tickets-total'));
  check('the first ticket is the API\'s', (await page.getAttribute('#tickets tbody tr', 'data-ticket')) === tk.tickets[0].ticket,
    tk.tickets[0].ticket);
  if (tk.next_offset !== undefined) {
    await page.click('#tk-next');
    const tk2 = (await call('GET', `/api/v1/units/${unit}/tickets?offset=${tk.next_offset}&limit=1`)).body;
    await page.waitForFunction((t) => document.querySelector('#tickets tbody tr')?.dataset.ticket === t, tk2.tickets[0].ticket);
    check('the next page of tickets', true, tk2.tickets[0].ticket);
    await page.click('#tk-prev');
    await page.waitForFunction((t) => document.querySelector('#tickets tbody tr')?.dataset.ticket === t, tk.tickets[0].ticket);
  }

  // the printed tickets, fetched with the token
  await page.click('#pdf');
  await page.waitForSelector('#pdf-link:not([hidden])');
  const pdf = await page.evaluate(async () => {
    const a = document.getElementById('pdf-link');
    const b = new Uint8Array(await (await fetch(a.href)).arrayBuffer());
    return { head: String.fromCharCode(...b.slice(0, 5)), size: b.length, href: a.href, name: a.download };
  });
  check('the printed tickets download as a PDF', pdf.head === '%PDF-' && pdf.href.startsWith('blob:'),
    `${pdf.head} ${pdf.size} bytes ${pdf.name}`);

  // the lists of people: as many as the API names
  await page.click('#plan-lists');
  await page.waitForSelector('#list-home');
  const ls = (await call('POST', `/api/v1/units/${unit}/plan`, { from, to, dry_run: true, lists: true })).body;
  const rows = async (id) => (await page.$$(`#${id} tbody tr`)).length;
  const got = { home: await rows('list-home'), ref: await rows('list-referrals'), untraced: await rows('list-untraced'),
    unplanned: (await page.$$('#list-unplanned li')).length, moves: await rows('list-moves') };
  const want = { home: ls.home_visits_list.length, ref: ls.referrals.length, untraced: ls.untraced_list.length,
    unplanned: ls.unplanned_ids.length, moves: ls.moves.length };
  check('the lists have the API\'s people', JSON.stringify(got) === JSON.stringify(want), JSON.stringify(got));
  const someone = ls.referrals[0] || ls.home_visits_list[0] || ls.untraced_list[0];
  if (someone)
    check('a name on the lists as the server wrote it', (await page.textContent('#lists')).includes(someone.full_name), someone.full_name);

  await page.evaluate(() => document.getElementById('plan-h').scrollIntoView());
  await page.screenshot({ path: `${out}/planner.png`, fullPage: false });

  // on a phone the plan, its lists and the tickets fit the width (wide tables scroll in their box)
  await page.setViewportSize({ width: 390, height: 844 });
  const wideLists = await page.evaluate(() => document.documentElement.scrollWidth);
  check('the plan and its lists fit a phone\'s width', wideLists <= 390, `${wideLists}px`);
  await page.setViewportSize({ width: 1280, height: 1000 });

  // the tickets of one day only
  await page.fill('#tk input[name=on]', from);
  await page.click('#tk button');
  const day1 = (await call('GET', `/api/v1/units/${unit}/tickets?on=${from}&limit=50`)).body;
  await page.waitForFunction((n) => document.querySelectorAll('#tickets tbody tr').length === n &&
    [...document.querySelectorAll('#tickets tbody tr')].every((r) => r.cells[3].textContent === r.closest('table').rows[1].cells[3].textContent),
    day1.tickets.length);
  check('the tickets of one day', true, `${day1.total} on ${from}`);
  await page.fill('#tk input[name=on]', '');
  await page.click('#tk button');
  await page.waitForFunction((n) => document.querySelectorAll('#tickets tbody tr').length === n, Math.min(50, tk.total));

  // the API's refusal shows its detail (shifts over days that end before they start)
  await page.fill('#pick input[name=to]', addDays(from, -1));
  await page.click('#pick button');
  await page.waitForFunction(() => document.getElementById('pl-error').textContent !== '');
  const bad = (await call('GET', `/api/v1/points/${pts[0].id}/shifts?from=${from}&to=${addDays(from, -1)}`));
  check('a refusal shows the server\'s detail', bad.status >= 400 && (await page.textContent('#pl-error')) === bad.body.detail,
    await page.textContent('#pl-error'));
  await page.fill('#pick input[name=to]', to);
  await page.click('#pick button');
  await page.waitForFunction((c) => document.getElementById('unit-name').textContent.includes(`(${c})`), unit);
  check('the tickets wait to be asked for', (await page.$$('#tickets tbody tr')).length === 0);

  // English, and back
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const en = await page.textContent('main');
  const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  check('English texts and dates', en.includes('Points and their shifts') && en.includes(`${fd} ${MON[fm - 1]} ${fy}`));
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'vi');
  check('back to Vietnamese', (await page.textContent('main')).includes('Điểm tiếp nhận và ca làm việc'));

  // a phone: nothing wider than the screen (wide tables scroll inside their box)
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check('fits a phone\'s width', wide <= 390, `${wide}px`);
  await page.screenshot({ path: `${out}/planner-phone.png`, fullPage: false });
  await page.setViewportSize({ width: 1280, height: 1000 });

  // an officer may see the points but not plan
  if (process.env.OFFICER) {
    const [ou, op] = process.env.OFFICER.split(':');
    await page.click('#logout');
    await signIn(ou, op);
    await page.waitForFunction(() => document.getElementById('unit-name').textContent !== '');
    await page.click('#plan-dry');
    await page.waitForFunction(() => document.getElementById('pl-error').textContent !== '');
    check('an officer is refused the plan', true, await page.textContent('#pl-error'));
  }
  check('no script error on the page', errors.length === 0, errors.join('; '));
} catch (e) {
  check('the flow ran to the end', false, e.message);
} finally {
  await browser.close();
}
done('planner');

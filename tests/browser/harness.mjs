// harness.mjs: what the browser tests (desk.mjs, dashboard.mjs, planner.mjs, centre.mjs)
// share: Debian's chromium launched headless through playwright-core (CHROMIUM picks another
// binary), one printed line per check ("ok   ..." or "FAIL ..."), numbers read back from
// either language's format, and the run's last line and exit status.
import { chromium } from 'playwright-core';

let failedAny = false;

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
}

export function check(what, ok, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ': ' + detail : ''}`);
  if (!ok) failedAny = true;
}

// "1.597" (vi) or "1,597" (en) back to 1597
export const num = (s) => Number(String(s).replace(/[.,\s]/g, ''));

// Prints "NAME ok" or "NAME FAILED" and exits 0 when every check held, 1 otherwise.
export function done(name) {
  console.log(failedAny ? `${name} FAILED` : `${name} ok`);
  process.exit(failedAny ? 1 : 0);
}

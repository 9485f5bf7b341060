// Browser tests of jospar's pages: Debian's chromium driven by
// playwright-core, against a server the test starts on 127.0.0.1 and stops.
// Usage: node run.mjs JOSPAR_BINARY ARTEFACT_DIR
// Prints one line a check and ends with "N passed, N failed".
import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const binary = resolve(process.argv[2]);
const artefacts = resolve(process.argv[3] || 'artefacts');
mkdirSync(artefacts, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'jospar-browser-'));
const env = { ...process.env, JOSPAR_DB: join(dir, 'j.db'), HOME: dir, JOSPAR_TODAY: '2015-01-20' };
delete env.JOSPAR_PLAN;

let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) passed++; else { failed++; console.log('FAIL ' + what); }
}
function cli(args, input) {
  const r = spawnSync(binary, args, { env, cwd: dir, input, encoding: 'utf8' });
  check(r.status === 0, `jospar ${args.join(' ')}: ${r.stderr}`);
}

cli(['user', 'add', 'iim', '--role', 'executor', '--agency', 'ІІМ'], 'password-iim\n');
cli(['user', 'add', 'coord', '--role', 'coordinator'], 'password-coord\n');

const server = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--threads', '2'], { env, cwd: dir });
const base = await new Promise((ok, fail) => {
  let out = '';
  server.stdout.on('data', d => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) ok(`http://127.0.0.1:${m[1]}`);
  });
  server.on('exit', c => fail(new Error('server exited ' + c)));
  setTimeout(() => fail(new Error('server did not start')), 20000);
});

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function login(page, user, password) {
  await page.goto(base + '/login');
  await page.fill('input[name=login]', user);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit], form[action="/login"] input[type=submit]')]);
}

try {
  // 1. an executor logs in and files a report on its activity
  const ex = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const p = await ex.newPage();
  await login(p, 'iim', 'password-iim');
  check(p.url() === base + '/', 'after login the overview: ' + p.url());
  await p.goto(base + '/activities/6');
  const form = p.locator('form[action="/reports"]');
  check(await form.count() === 1, 'the report form is on the executor\'s activity');
  await form.locator('select[name=due]').selectOption('2014-06-30').catch(async () => {
    await form.locator('[name=due]').fill('2014-06-30');
  });
  await form.locator('[name=status]').selectOption('done');
  await form.locator('[name=text]').fill('Кешен әзірленді (browser)');
  await form.locator('[name=evidence]').fill('бұйрық № 77');
  await Promise.all([p.waitForNavigation(), form.locator('button[type=submit], input[type=submit]').first().click()]);
  const body = await p.textContent('body');
  check(body.includes('Кешен әзірленді (browser)'), 'the report shows on the activity page');
  await p.screenshot({ path: join(artefacts, 'executor-report.png'), fullPage: true });

  // 2. the executor cannot report on another agency's activity
  await p.goto(base + '/activities/1');
  check(await p.locator('form[action="/reports"]').count() === 0, 'no report form on a foreign activity');
  // the page's CSP forbids scripts from posting; post with the session as a browser would
  const csrf = await p.locator('input[name=csrf]').first().getAttribute('value');
  const forced = (await ex.request.post(base + '/reports', {
    form: { csrf, activity: '1', due: '2014-12-31', agency: 'БП', status: 'done' },
    maxRedirects: 0 })).status();
  check(forced === 403, 'a forced report on a foreign activity is refused: ' + forced);
  await p.screenshot({ path: join(artefacts, 'executor-foreign.png') });

  // 3. the coordinator sees it on the overview and accepts it
  const co = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const q = await co.newPage();
  await login(q, 'coord', 'password-coord');
  const overview = await q.textContent('body');
  check(/1\b/.test(overview), 'the overview counts the report');
  await q.screenshot({ path: join(artefacts, 'coordinator-overview.png'), fullPage: true });
  await q.goto(base + '/activities/6');
  const accept = q.locator('form[action$="/accept"]');
  check(await accept.count() >= 1, 'an accept form for the coordinator');
  await Promise.all([q.waitForNavigation(), accept.first().locator('button[type=submit], input[type=submit]').first().click()]);
  const audit = await (await q.goto(base + '/admin/audit')).text();
  check(audit.includes('report.accept') && audit.includes('report.submit'), 'the audit log shows submit and accept');

  // 4. the language switch
  await q.goto(base + '/');
  const kk = await q.locator('h1').first().textContent();
  await q.goto(base + '/?lang=ru');
  const ru = await q.locator('html').getAttribute('lang');
  check(ru === 'ru', 'the page is in Russian after the switch: ' + ru);
  check(kk !== await q.locator('h1').first().textContent(), 'the heading changed with the language');
  await q.goto(base + '/activities');
  check((await q.locator('html').getAttribute('lang')) === 'ru', 'the language is remembered');
  await q.screenshot({ path: join(artefacts, 'coordinator-ru.png') });

  // 5. on a phone
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const m = await phone.newPage();
  await login(m, 'iim', 'password-iim');
  const wide = await m.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 400, 'no horizontal scroll on a phone: ' + wide);
  await m.screenshot({ path: join(artefacts, 'phone-overview.png'), fullPage: true });
} catch (e) {
  check(false, 'exception: ' + e.stack);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || !passed ? 1 : 0);

// /admin in a real browser: sign in with the token, read the gap report, set a gap's status,
// see the article report, export CSV, and keep the console clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startKbServer, chromiumOptions } from './kb_server.mjs';

const TOKEN = 'browser-test-admin-token-42';
let server;
let browser;

before(async () => {
  server = await startKbServer({ adminToken: TOKEN });
  const search = async (q, session) => {
    const response = await fetch(`${server.url}/api/search?q=${encodeURIComponent(q)}&session=${session}`);
    assert.equal(response.status, 200);
    return (await response.json()).search_id;
  };
  const event = async (body) => {
    const response = await fetch(`${server.url}/api/events`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(response.status, 201);
  };
  // Two people find nothing for the same thing; two more find results for one need in two
  // wordings and open none; one says what was missing.
  await search('xylophone lessons', 'a');
  await search('xylophone lessons', 'b');
  await search('cancel subscription', 'c');
  const d = await search('cancel my subscription now', 'd');
  await event({ type: 'click', search_id: d, slug: 'cancel-subscription', session: 'd' });
  await event({ type: 'not_helpful', search_id: d, slug: 'cancel-subscription', session: 'd', reason: 'nothing on yearly plans' });
  // Two people miss with "pw reset" and find the article with "reset password".
  for (const session of ['e', 'f']) {
    await search('pw reset', session);
    const found = await search('reset password', session);
    await event({ type: 'click', search_id: found, slug: 'reset-password', session });
  }
  // The log writes in batches; wait until the report sees all three gaps.
  for (let i = 0; i < 50; i++) {
    const response = await fetch(`${server.url}/api/gaps`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    if ((await response.json()).gaps.length === 3) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  browser = await chromium.launch(chromiumOptions);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('content owner reads the gaps, plans one, and exports them', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  // The wrong token below is refused on each of the page's two requests; the second 401 may be
  // logged after the form shows the first. A 401 once the right token is in is a problem.
  let refusing = true;
  page.on('console', (message) => {
    if (refusing && /status of 401/.test(message.text())) return;
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto(`${server.url}/admin`);
  // A wrong token is refused and the form comes back with a message. (The 401 itself is logged by
  // the browser as a failed resource load; that is expected here, not a page error.)
  await page.fill('#token', 'not-the-right-token-at-all');
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#sign-in-error:has-text("not accepted")');
  problems.length = 0;

  await page.fill('#token', TOKEN);
  await page.click('#sign-in button[type=submit]');
  const xylophone = page.locator('#gaps tbody tr', { hasText: 'xylophone lessons' });
  await xylophone.waitFor();
  refusing = false;
  assert.equal(await page.isVisible('#sign-in'), false);
  assert.match(await xylophone.textContent(), /no article mentions 'lessons' or 'xylophone'/);
  assert.match(await xylophone.textContent(), /2 found nothing/);
  // One need in two wordings is one gap, with what its reader wrote and what it was shown.
  const cancel = page.locator('#gaps tbody tr', { hasText: 'cancel my subscription now' });
  assert.match(await cancel.textContent(), /said "not helpful"/);
  await cancel.locator('summary', { hasText: '2 wordings' }).click();
  assert.match(await cancel.locator('.wordings').textContent(), /cancel subscription ×1/);
  assert.match(await cancel.locator('.reasons').textContent(), /nothing on yearly plans/);
  assert.equal(await cancel.locator('.shown a').first().getAttribute('href'), '/articles/cancel-subscription');
  assert.match(await page.textContent('#gaps-summary'), /8 searches, 6 of them misses; 3 gaps/);

  // The reformulations suggest a synonym line; dismissing it takes it off the list for good.
  const suggestion = page.locator('#synonyms li', { hasText: 'pw: [password]' });
  await suggestion.waitFor();
  assert.match(await suggestion.textContent(), /2 sessions/);
  await suggestion.locator('button', { hasText: 'Dismiss' }).click();
  await suggestion.waitFor({ state: 'detached' });
  assert.equal(await page.isVisible('#emerging-section'), false); // nothing is surging here

  // Plan the xylophone gap, with a note; it is still planned after a reload.
  await xylophone.locator('select').selectOption('planned');
  await xylophone.locator('input[type=text]').fill('article in review');
  await xylophone.locator('button', { hasText: 'Save' }).click();
  await xylophone.locator('text=Saved').waitFor();
  await page.reload();
  const reloaded = page.locator('#gaps tbody tr', { hasText: 'xylophone lessons' });
  await reloaded.waitFor();
  assert.equal(await page.isVisible('#sign-in'), false);
  assert.equal(await reloaded.locator('select').inputValue(), 'planned');
  assert.equal(await reloaded.locator('input[type=text]').inputValue(), 'article in review');
  assert.equal(await page.isVisible('#synonyms-section'), false);  // dismissed stays dismissed

  // The article report lists every public and internal article of the fixture help center.
  assert.equal(await page.locator('#articles tbody tr').count(), 10);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  assert.equal(download.suggestedFilename(), 'kb-gaps.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^id,representative,searches,sessions,/);
  assert.match(csv, /xylophone lessons/);

  if (process.env.KB_SCREENSHOT) await page.screenshot({ path: process.env.KB_SCREENSHOT, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('emerging gaps come first, in a block of their own, with when they started', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  // The server's own report, with its second gap marked as detection marks a surge that began at
  // the start of this hour (a real surge needs days of log: the server tests make one).
  const hour = new Date();
  hour.setMinutes(0, 0, 0);
  await page.route('**/api/gaps?*', async (route) => {
    const response = await route.fetch();
    const report = await response.json();
    const surging = {
      ...report.gaps[1], emerging: true, emerging_since: hour.toISOString().replace(/\.\d+Z$/, 'Z'),
      emerging_window: 'hour', recent_misses: 23, baseline_rate: 0.5,
    };
    report.gaps = [surging, report.gaps[0]];
    await route.fulfill({ response, json: report });
  });
  await page.goto(`${server.url}/admin`);
  await page.fill('#token', TOKEN);
  await page.click('#sign-in button[type=submit]');
  const item = page.locator('#emerging li');
  await item.waitFor();
  assert.equal(await item.count(), 1);
  const clock = `${String(hour.getHours()).padStart(2, '0')}:00`;
  assert.match(await item.textContent(),
    new RegExp(`emerging since ${clock}, 23 misses in the last hour against 0\\.5/hour before`));
  // First in the table too, marked.
  const first = page.locator('#gaps tbody tr').first();
  assert.equal(await first.getAttribute('data-gap'), await item.getAttribute('data-gap'));
  assert.match(await first.textContent(), /emerging/);
  assert.doesNotMatch(await page.locator('#gaps tbody tr').nth(1).textContent(), /emerging/);
  if (process.env.KB_TEST_OUTPUT) {
    await page.screenshot({ path: `${process.env.KB_TEST_OUTPUT}/admin-emerging.png`, fullPage: true });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page holds no data without the token', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/admin`);
  assert.equal(await page.isVisible('#sign-in'), true);
  assert.equal(await page.isVisible('#report'), false);
  const html = await page.content();
  assert.doesNotMatch(html, /xylophone/);
  await page.close();
});

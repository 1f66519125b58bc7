// The agent console in a real browser: it needs the agent token, shows internal articles only
// with it, and copies an answer (the section as plain text, with its link) for a reply.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startKbServer, chromiumOptions } from './kb_server.mjs';

const TOKEN = 'browser-test-agent-token-77';
let server;
let browser;

before(async () => {
  server = await startKbServer({ agentToken: TOKEN });
  browser = await chromium.launch(chromiumOptions);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('customers never see internal articles', async () => {
  const response = await fetch(`${server.url}/api/search?q=backoffice`);
  assert.deepEqual((await response.json()).results, []);
  assert.equal((await fetch(`${server.url}/api/categories`)).status, 401);
});

test('an agent finds a runbook and copies the answer into a reply', async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));

  await page.goto(`${server.url}/agent`);
  await page.fill('#token', 'wrong-token-wrong-token-wrong');
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#sign-in-error:has-text("agent token")');
  problems.length = 0;  // the refused request is logged by the browser; expected here

  await page.fill('#token', TOKEN);
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#console:not([hidden])');
  assert.ok((await page.locator('#category option').allTextContents()).includes('internal'));

  await page.fill('#q', 'backoffice steps');
  const runbook = page.locator('#results li[data-slug="manual-refund"]');
  await runbook.waitFor();
  assert.match(await runbook.textContent(), /Issue a manual refund/);
  assert.match(await runbook.textContent(), /internal/);

  const copyAnswer = runbook.locator('button[data-label="Copy answer"]');
  await copyAnswer.click();
  await runbook.locator('button[data-label="Copy answer"]:has-text("Copied")').waitFor();
  const answer = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(answer, /Find the charge in the backoffice, click Refund/);
  assert.match(answer, new RegExp(`${server.url}/articles/manual-refund#steps$`));

  await runbook.locator('button[data-label="Copy link"]').click();
  await runbook.locator('button[data-label="Copy link"]:has-text("Copied")').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()),
    `${server.url}/articles/manual-refund#steps`);

  // Filters narrow the results.
  await page.selectOption('#category', 'billing');
  await page.waitForFunction(() => !document.querySelector('#results li[data-slug="manual-refund"]'));

  if (process.env.KB_TEST_OUTPUT) {
    await page.selectOption('#category', '');
    await runbook.waitFor();
    await page.screenshot({ path: `${process.env.KB_TEST_OUTPUT}/agent-console.png`, fullPage: true });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('facets narrow the results in one click, in every language', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}/agent`);
  await page.fill('#token', TOKEN);
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#console:not([hidden])');

  await page.fill('#q', 'billing settings');
  const billing = page.locator('#facets [data-facet=category] button', { hasText: /^billing \(\d+\)$/ });
  await billing.waitFor();
  assert.ok(await page.locator('#facets button').count() >= 2);
  await billing.click();
  await page.waitForFunction(() => {
    const items = [...document.querySelectorAll('#results li')];
    return items.length > 0 && items.every((li) => /billing/.test(li.textContent));
  });
  assert.equal(await page.inputValue('#category'), 'billing');

  // Agents search every locale: a German word finds the German article.
  await page.selectOption('#category', '');
  await page.fill('#q', 'kündigen');
  await page.locator('#results li[data-slug="abonnement-kuendigen"]').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

// Snippets go through the widget's snippet policy: only <mark> is kept as markup. An article that
// quotes HTML shows it as text, and so does HTML that the server should never send (a crafted
// answer here): no element is made from it, nothing loads, nothing runs, and the page's
// Content-Security-Policy has nothing to refuse.
test('snippets are text but for <mark>, whatever the article or the answer holds', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}/agent`);
  await page.fill('#token', TOKEN);
  await page.click('#sign-in button[type=submit]');
  await page.waitForSelector('#console:not([hidden])');
  const snippetOf = (slug) => page.locator(`#results li[data-slug="${slug}"] .snippet`);
  const elementsIn = (locator) => locator.evaluate((p) => [...p.querySelectorAll('*')].map((n) => n.nodeName));

  // The sync article says: If the page shows `<script>` tags or a "Sync failed" banner.
  await page.fill('#q', 'script tags banner');
  const quoted = snippetOf('sync');
  await quoted.waitFor();
  assert.match(await quoted.textContent(), /<script>/);
  assert.ok((await elementsIn(quoted)).every((name) => name === 'MARK'));

  // A query that is itself HTML is only ever text.
  await page.fill('#q', '<img src=x onerror=window.__queryRan=1> refund');
  await page.waitForFunction(() => /result/.test(document.querySelector('#status').textContent));
  assert.equal(await page.locator('#results img, #status img').count(), 0);

  // An answer with markup beyond <mark>.
  await page.route(`${server.url}/api/search?*`, (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({
      query: 'refund', total: 1, corrected: null, facets: {},
      results: [{
        slug: 'crafted', title: 'Crafted', section: 'Crafted', anchor: '', url: '/articles/crafted',
        category: 'billing', tags: [], audience: 'public',
        snippet: 'a <mark>refund</mark> <img src=x onerror="window.__snippetRan=1"><b>bold</b> ' +
          '&lt;img src=x onerror=alert(1)&gt; <script>window.__snippetRan=2</script>',
      }],
    }),
  }));
  await page.fill('#q', 'refund crafted');
  const crafted = snippetOf('crafted');
  await crafted.waitFor();
  assert.deepEqual(await elementsIn(crafted), ['MARK']);
  assert.equal(await crafted.locator('mark').textContent(), 'refund');
  assert.equal(await crafted.textContent(), 'a refund <img src=x onerror="window.__snippetRan=1"><b>bold</b> ' +
    '<img src=x onerror=alert(1)> <script>window.__snippetRan=2</script>');
  await page.waitForTimeout(200);  // time for an image to fail or a handler to run, were there one
  assert.equal(await page.evaluate(() => window.__snippetRan ?? window.__queryRan ?? null), null);
  await page.unrouteAll();
  assert.deepEqual(problems, []);
  await page.close();
});

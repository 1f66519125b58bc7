// An article page's "Was this helpful?" (article.js) in a real browser: Yes and No each send
// their event, No with its reason and the search the link came from, and the console stays empty.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startKbServer, chromiumOptions } from './kb_server.mjs';

let server;
let browser;

before(async () => {
  server = await startKbServer();
  browser = await chromium.launch(chromiumOptions);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openArticle(path) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}${path}`);
  return { page, problems };
}

const eventPosted = (page) => page.waitForResponse((response) =>
  response.url() === `${server.url}/api/events` && response.request().method() === 'POST');

test('"No" sends not_helpful with the reason and the search it came from', async () => {
  const { search_id: searchId } = await (await fetch(`${server.url}/api/search?q=refund`)).json();
  const { page, problems } = await openArticle(`/articles/refunds?sid=${searchId}`);
  await page.getByRole('button', { name: 'No' }).click();
  assert.equal(await page.getByRole('button', { name: 'Yes' }).isDisabled(), true);
  const reason = page.getByRole('textbox', { name: 'What was missing? (optional)' });
  await reason.fill('  How long it takes  ');
  const posted = eventPosted(page);
  await page.getByRole('button', { name: 'Send' }).click();
  const response = await posted;
  assert.equal(response.status(), 201);
  assert.deepEqual(JSON.parse(response.request().postData()),
    { type: 'not_helpful', slug: 'refunds', search_id: searchId, reason: 'How long it takes' });
  assert.equal(await page.locator('.feedback .thanks').textContent(), 'Thanks: we use this to improve the article.');
  assert.equal(await reason.isVisible(), false);
  assert.deepEqual(problems, []);
  await page.close();
});

test('"Yes" sends helpful, and a link without a valid search id sends none', async () => {
  const { page, problems } = await openArticle('/articles/refunds?sid=not-a-search-id');
  const posted = eventPosted(page);
  await page.getByRole('button', { name: 'Yes' }).click();
  const response = await posted;
  assert.equal(response.status(), 201);
  assert.deepEqual(JSON.parse(response.request().postData()), { type: 'helpful', slug: 'refunds' });
  assert.equal(await page.locator('.feedback .thanks').textContent(), 'Thanks for letting us know.');
  assert.equal(await page.getByRole('button', { name: 'No' }).isDisabled(), true);
  assert.deepEqual(problems, []);
  await page.close();
});

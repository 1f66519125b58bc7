// The widget embedded the way a customer's site does it: the page lives on another origin (a
// second HTTP server on another port), the widget and the API on kb-server, which allows that
// origin and no other. A "not helpful" vote must end up in the gap database.
import { createServer } from 'node:http';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startKbServer, chromiumOptions } from './kb_server.mjs';

const ADMIN = 'embedding-test-admin-token-1';
let server;
let browser;
let shop;
let other;

// A customer's site: serves a page that embeds the widget from kb-server, in German under /hilfe
// and in French (a language the help center has no articles in) under /aide.
function startSite() {
  const site = createServer((request, response) => {
    const lang = request.url.startsWith('/hilfe') ? 'de' : request.url.startsWith('/aide') ? 'fr' : 'en';
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="${lang}"><head><title>Shop</title></head><body><h1>Shop</h1>
      <script src="${server.url}/widget.js" data-kb-url="${server.url}" async></script></body></html>`);
  });
  return new Promise((resolve) => site.listen(0, '127.0.0.1', () => {
    site.origin = `http://127.0.0.1:${site.address().port}`;
    resolve(site);
  }));
}

before(async () => {
  shop = await startSite();
  other = await startSite();
  server = await startKbServer({ adminToken: ADMIN, extraArgs: ['--allow-origin', shop.origin] });
  browser = await chromium.launch(chromiumOptions);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  shop?.close();
  other?.close();
});

async function shopPage(origin, path = '/help') {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${origin}${path}`);
  return { page, problems };
}

test('a page on an allowed origin searches, reads and votes through CORS', async () => {
  const { page, problems } = await shopPage(shop.origin);
  await page.getByRole('button', { name: /help/i }).click();
  await page.keyboard.type('refund');
  const result = page.getByRole('option').first();
  await result.waitFor();
  assert.match(await result.textContent(), /Refund policy/);
  await result.click();
  await page.getByRole('button', { name: 'No' }).click();
  const voted = page.waitForResponse((r) => r.url().endsWith('/api/events') &&
    r.request().method() === 'POST' && r.request().postData().includes('not_helpful'));
  const reason = page.getByRole('textbox').last();
  await reason.fill('it does not say how long it takes');
  await page.getByRole('button', { name: 'Send' }).click();
  assert.equal((await voted).status(), 201);

  // The vote is in the gap database: the article report counts it.
  const report = await (await fetch(`${server.url}/api/articles-report`, {
    headers: { Authorization: `Bearer ${ADMIN}` },
  })).json();
  const refunds = report.articles.find((a) => a.slug === 'refunds');
  assert.equal(refunds.not_helpful, 1);
  assert.equal(refunds.views, 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the widget searches in the language of the page it is on', async () => {
  const { page, problems } = await shopPage(shop.origin, '/hilfe');
  await page.getByRole('button', { name: /help/i }).click();
  const searched = page.waitForResponse((r) => r.url().includes('/api/search'));
  await page.keyboard.type('rechnung ');
  assert.match((await searched).url(), /locale=de/);
  const result = page.getByRole('option').first();
  await result.waitFor();
  assert.match(await result.textContent(), /Rechnungen/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('on a page in a language without articles, the widget says it shows another one', async () => {
  const { page, problems } = await shopPage(shop.origin, '/aide');
  await page.getByRole('button', { name: /help/i }).click();
  await page.keyboard.type('refund ');
  const result = page.getByRole('option').first();
  await result.waitFor();
  assert.match(await result.textContent(), /Refund policy/);
  const notice = page.getByText(/No articles in your language yet: these are in English/);
  await notice.waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('a page on another origin is refused by the browser', async () => {
  const { page, problems } = await shopPage(other.origin);
  await page.getByRole('button', { name: /help/i }).click();
  await page.keyboard.type('refund');
  await page.waitForTimeout(1000);
  assert.equal(await page.getByRole('option').count(), 0);
  assert.ok(problems.some((p) => /CORS|Access-Control-Allow-Origin/.test(p)), problems.join('\n'));
  await page.close();
});

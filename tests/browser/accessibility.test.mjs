// axe-core over kb's pages in a real browser: the demo page with the widget showing results (its
// Shadow DOM included), an article page, and the sign-in of the admin page and agent console. No
// serious or critical violation may appear.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startKbServer, chromiumOptions } from './kb_server.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let server;
let browser;

before(async () => {
  server = await startKbServer({ adminToken: 'axe-test-admin-token-000', agentToken: 'axe-test-agent-token-000' });
  browser = await chromium.launch(chromiumOptions);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Runs axe on the page as it is now; returns the serious and critical violations, readable.
async function seriousViolations(page) {
  await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

async function newPage() {
  // bypassCSP lets the test inject axe into pages whose policy forbids foreign scripts.
  const context = await browser.newContext({ bypassCSP: true });
  return context.newPage();
}

test('demo page with widget results', async () => {
  const page = await newPage();
  await page.goto(`${server.url}/`);
  await page.click('#hero-search');
  await page.keyboard.type('refund');
  await page.waitForFunction(() => {
    const host = document.querySelector('#hero-search');
    const root = host && (host.shadowRoot || host.querySelector('*')?.shadowRoot);
    return root && root.querySelectorAll('[role=option]').length > 0;
  });
  assert.deepEqual(await seriousViolations(page), []);
});

test('article page', async () => {
  const page = await newPage();
  await page.goto(`${server.url}/articles/refunds`);
  if (process.env.KB_TEST_OUTPUT) {
    await page.screenshot({ path: `${process.env.KB_TEST_OUTPUT}/article-page.png`, fullPage: true });
  }
  assert.deepEqual(await seriousViolations(page), []);
});

test('admin and agent sign-in', async () => {
  for (const path of ['/admin', '/agent']) {
    const page = await newPage();
    await page.goto(`${server.url}${path}`);
    assert.deepEqual(await seriousViolations(page), [], path);
  }
});

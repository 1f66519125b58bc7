// The embeddable help widget (widget/) in a real browser, against the real kb-server on the
// fixture articles: search as you type, the combobox keyboard pattern and its announcements,
// spelling corrections, articles scrolled to their section, feedback and contact events, inline
// mode with a contact callback, a page with hostile CSS, a clean console and a single global.
// It prints the gzipped size of the widget and how long each search took from the last keystroke
// to the painted results (median and p95).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startKbServer, chromiumOptions } from './kb_server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const WIDGET_DIR = join(here, '..', '..', 'widget');
const WIDGET_FILE = join(WIDGET_DIR, 'dist', 'widget.js');
// Where the host pages load the widget from, on the kb-server's origin. Until kb-server serves
// the built file itself, the test answers this path with widget/dist/widget.js; once it does,
// set this to '/widget.js' and the route below steps aside.
const WIDGET_PATH = '/widget.js';  // served by kb-server, built into it
const OUT = process.env.KB_TEST_OUTPUT || '/tmp';
const TYPING_DELAY_MS = 40; // between keystrokes: quicker than the widget's 120 ms debounce

let server;
let browser;
const timings = []; // kbw:rendered details of every search in every test

before(async () => {
  execFileSync(process.execPath, [join(WIDGET_DIR, 'build.mjs')], { cwd: here, stdio: 'inherit' });
  server = await startKbServer({ adminToken: 'widget-test-admin-token-0001' });
  browser = await chromium.launch(chromiumOptions);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  const gzipped = gzipSync(readFileSync(WIDGET_FILE), { level: 9 }).length;
  console.log(`widget.js: ${gzipped} bytes gzipped (${(gzipped / 1024).toFixed(1)} KB)`);
  if (timings.length) {
    const sorted = (values) => [...values].sort((a, b) => a - b);
    const pick = (values, q) => values[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)];
    const total = sorted(timings.map((t) => t.ms));
    const fetches = sorted(timings.map((t) => t.fetchMs));
    console.log(`keystroke to painted results over ${timings.length} searches: median ${pick(total, 0.5).toFixed(1)} ms, ` +
      `p95 ${pick(total, 0.95).toFixed(1)} ms (120 ms of it is the debounce; request alone: ` +
      `median ${pick(fetches, 0.5).toFixed(1)} ms, p95 ${pick(fetches, 0.95).toFixed(1)} ms)`);
  }
});

// A host page on the kb-server's origin. The first script notes the globals before the widget
// loads and collects the widget's kbw:rendered timings.
function hostPage({ head = '', body = '', script = `<script src="${WIDGET_PATH}" data-kb-url="${server.url}" async></script>` } = {}) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Quillpad</title>
<script>
window.__kbwTest = { before: Object.keys(window), timings: [], contacts: [] };
document.addEventListener('kbw:rendered', (event) => window.__kbwTest.timings.push(event.detail));
</script>
${head}
</head><body>
${body}
${script}
</body></html>`;
}

// A fresh browser context (its own sessionStorage) showing `html`; problems collects console
// errors and warnings and page errors.
async function open(html, viewport = { width: 1100, height: 760 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  if (WIDGET_PATH !== '/widget.js') {
    await page.route(`${server.url}${WIDGET_PATH}`, (route) =>
      route.fulfill({ path: WIDGET_FILE, contentType: 'text/javascript; charset=utf-8' }));
  }
  await page.route(`${server.url}/widget-test*`, (route) =>
    route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
  await page.goto(`${server.url}/widget-test`);
  await page.waitForFunction(() => document.querySelector('kb-widget'));
  // Playwright's routes intercept every request of the page, which would add a round trip
  // through this process to each search being timed: drop them once the widget has loaded.
  await page.unrouteAll();
  return {
    page,
    problems,
    async close({ timed = true } = {}) {
      if (timed) timings.push(...await page.evaluate(() => window.__kbwTest.timings));
      await context.close();
    },
  };
}

// Types a query the way a person does and waits until the widget has painted the answer to all
// of it. (On a busy machine a gap between two keystrokes can outlast the debounce; the widget then
// searches for the part typed so far too, as it should.)
async function search(page, text, { replace = true } = {}) {
  const input = page.getByRole('combobox');
  const before = await page.evaluate(() => window.__kbwTest.timings.length);
  if (replace) await input.fill('');
  await input.pressSequentially(text, { delay: TYPING_DELAY_MS });
  const query = await input.inputValue();
  const done = await page.waitForFunction(({ n, query }) =>
    window.__kbwTest.timings.slice(n).find((t) => t.query === query), { n: before, query });
  return done.jsonValue();
}

const eventPosted = (page, type) => page.waitForResponse((response) =>
  response.url() === `${server.url}/api/events` && response.request().method() === 'POST' &&
  JSON.parse(response.request().postData()).type === type);

const shadowActive = (page) => page.evaluate(() => {
  const active = document.querySelector('kb-widget').shadowRoot.activeElement;
  return active && (active.id || active.className || active.tagName);
});

test('launcher: search as you type, results, count, announcement, Escape', async () => {
  const { page, problems, close } = await open(hostPage({
    // Light-DOM elements that share the widget's class names and tags: its CSS must not reach them.
    body: '<main><h1>Quillpad</h1><p>Welcome. <span class="kbw-title" id="outside">outside</span> <mark id="outside-mark">mark</mark></p></main>',
  }));
  await page.waitForFunction(() => window.KbWidget);
  const globals = await page.evaluate(() =>
    Object.keys(window).filter((key) => !window.__kbwTest.before.includes(key) && key !== '__kbwTest'));
  assert.deepEqual(globals, ['KbWidget']);

  const launcher = page.getByRole('button', { name: 'Help', exact: true });
  assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
  await launcher.click();
  const dialog = page.getByRole('dialog', { name: 'Help center' });
  await dialog.waitFor();
  assert.equal(await launcher.getAttribute('aria-expanded'), 'true');
  assert.equal(await shadowActive(page), 'kbw-input');

  const input = page.getByRole('combobox');
  const rendered = await search(page, 'settings');
  assert.equal(rendered.query, 'settings');
  assert.equal(rendered.total, 4);
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  const listId = await input.getAttribute('aria-controls');
  const listbox = page.getByRole('listbox');
  assert.equal(await listbox.getAttribute('id'), listId);
  const options = listbox.getByRole('option');
  assert.equal(await options.count(), 4);
  assert.match(await options.first().textContent(), /Cancel your subscription/);
  // The second result is a section of its article: its heading is shown after the title.
  assert.match(await options.nth(1).textContent(), /Download invoices and receipts\s*›\s*Where to find them/);
  assert.equal(await options.first().locator('mark').first().textContent(), 'Settings');
  assert.match(await dialog.locator('.kbw-meta').textContent(), /^4 results$/);
  const live = dialog.locator('[aria-live=polite]');
  assert.equal((await live.textContent()).trim(), '4 results');
  await page.keyboard.press('ArrowDown');
  await page.screenshot({ path: join(OUT, 'widget-results.png') });

  await search(page, 'refund');
  assert.equal(await options.count(), 1);
  assert.equal((await live.textContent()).trim(), '1 result');
  assert.equal(await input.getAttribute('aria-activedescendant'), null);

  // The widget's styles stay in its shadow root.
  const outside = await page.evaluate(() => ({
    weight: getComputedStyle(document.getElementById('outside')).fontWeight,
    display: getComputedStyle(document.getElementById('outside')).display,
    mark: getComputedStyle(document.getElementById('outside-mark')).backgroundColor,
  }));
  assert.deepEqual(outside, { weight: '400', display: 'inline', mark: 'rgb(255, 255, 0)' });

  // Escape closes the panel and gives focus back to the launcher.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
  assert.equal(await shadowActive(page), 'kbw-launcher');
  // Reopening keeps the search.
  await launcher.click();
  assert.equal(await input.inputValue(), 'refund');
  assert.equal(await options.count(), 1);

  assert.deepEqual(problems, []);
  await close();
});

test('keyboard: ArrowDown twice and Enter open the second result at its section', async () => {
  // A short window, so that the panel has to scroll to the section.
  const { page, problems, close } = await open(hostPage(), { width: 1000, height: 560 });
  await page.getByRole('button', { name: 'Help', exact: true }).click();
  const input = page.getByRole('combobox');
  await search(page, 'app');
  const options = page.getByRole('option');
  assert.equal(await options.count(), 3);
  assert.equal(await input.getAttribute('aria-activedescendant'), null);

  await page.keyboard.press('ArrowDown');
  const first = await options.first().getAttribute('id');
  assert.equal(await input.getAttribute('aria-activedescendant'), first);
  assert.equal(await options.first().getAttribute('aria-selected'), 'true');
  await page.keyboard.press('ArrowDown');
  const second = options.nth(1);
  assert.equal(await input.getAttribute('aria-activedescendant'), await second.getAttribute('id'));
  assert.equal(await second.getAttribute('aria-selected'), 'true');
  assert.equal(await options.first().getAttribute('aria-selected'), 'false');
  assert.match(await second.textContent(), /Fix sync problems/);

  const click = eventPosted(page, 'click');
  await page.keyboard.press('Enter');
  const clicked = await click;
  assert.equal(clicked.status(), 201);
  const body = JSON.parse(clicked.request().postData());
  assert.equal(body.slug, 'sync');
  assert.match(body.search_id, /^[0-9a-f]{16}$/);
  assert.match(body.session, /^[A-Za-z0-9_-]{16,64}$/);
  assert.equal(body.session, await page.evaluate(() => sessionStorage.getItem('kbw-session')));

  const title = page.locator('kb-widget .kbw-article-title');
  await page.locator('kb-widget .kbw-content #desktop').waitFor();
  assert.equal(await title.textContent(), 'Fix sync problems');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  assert.equal(await shadowActive(page), 'kbw-article-title');
  // Article HTML stays inert text where the article says <script>.
  assert.equal(await page.locator('kb-widget .kbw-content code').first().textContent(), '<script>');
  // The section the result pointed at is at the top of the panel's scrolling body.
  const placement = await page.evaluate(() => {
    const root = document.querySelector('kb-widget').shadowRoot;
    const body = root.querySelector('.kbw-body').getBoundingClientRect();
    const target = root.getElementById('desktop').getBoundingClientRect();
    const scroller = root.querySelector('.kbw-body');
    return { offset: target.top - body.top, scrolled: scroller.scrollTop };
  });
  assert.ok(placement.scrolled > 0 && placement.offset >= 0 && placement.offset < 40, `section at the top: ${JSON.stringify(placement)}`);
  await page.screenshot({ path: join(OUT, 'widget-article.png') });

  // Back returns to the same results, focus in the box, the second result still active.
  await page.getByRole('button', { name: 'Back to results' }).click();
  assert.equal(await options.count(), 3);
  assert.equal(await shadowActive(page), 'kbw-input');
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  assert.equal(await input.getAttribute('aria-activedescendant'), await second.getAttribute('id'));
  await page.keyboard.press('ArrowUp');
  assert.equal(await input.getAttribute('aria-activedescendant'), first);

  assert.deepEqual(problems, []);
  await close();
});

test('a typo shows "Showing results for" the correction', async () => {
  const { page, problems, close } = await open(hostPage());
  await page.getByRole('button', { name: 'Help', exact: true }).click();
  const rendered = await search(page, 'subscripton cancle');
  assert.ok(rendered.total >= 1);
  const meta = page.locator('kb-widget .kbw-meta');
  assert.match(await meta.textContent(), /^Showing results for subscription \w+\. \d+ results?$/);
  assert.match(await page.getByRole('option').first().textContent(), /Cancel your subscription/);
  assert.match(await page.locator('kb-widget [aria-live=polite]').textContent(), /^Showing results for subscription/);
  assert.deepEqual(problems, []);
  await close();
});

test('article feedback: No with a reason is recorded, and support is offered', async () => {
  const contactUrl = 'https://support.example.com/new?src=widget';
  const { page, problems, close } = await open(hostPage({
    script: `<script src="${WIDGET_PATH}" data-kb-url="${server.url}" data-contact="${contactUrl}" async></script>`,
  }));
  await page.getByRole('button', { name: 'Help', exact: true }).click();
  await search(page, 'refund');
  const click = eventPosted(page, 'click');
  await page.getByRole('option', { name: /Refund policy/ }).click();
  assert.equal((await click).status(), 201);
  await page.locator('kb-widget .kbw-content #how-to-request-a-refund').waitFor();

  const question = page.getByRole('group', { name: 'Was this helpful?' });
  await question.getByRole('button', { name: 'No' }).click();
  const reason = page.getByRole('textbox', { name: 'What was missing? (optional)' });
  assert.equal(await shadowActive(page), 'kbw-reason');
  await reason.fill('How long for a monthly plan?');
  // Support is offered after No, with the searches in the link.
  const contact = page.getByRole('link', { name: 'Contact support' });
  assert.equal(await contact.getAttribute('href'), `${contactUrl}&queries=refund`);
  assert.equal(await contact.getAttribute('target'), '_blank');

  const vote = eventPosted(page, 'not_helpful');
  await page.getByRole('button', { name: 'Send' }).click();
  const voted = await vote;
  assert.equal(voted.status(), 201);
  const body = JSON.parse(voted.request().postData());
  assert.equal(body.slug, 'refunds');
  assert.equal(body.reason, 'How long for a monthly plan?');
  assert.match(body.search_id, /^[0-9a-f]{16}$/);
  await page.locator('kb-widget .kbw-thanks').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Contact support' }).count(), 1);
  await page.screenshot({ path: join(OUT, 'widget-feedback.png') });

  // Another article, a Yes this time.
  await page.getByRole('button', { name: 'Back to results' }).click();
  await search(page, 'password');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('kb-widget .kbw-content #steps').waitFor();
  const helpful = eventPosted(page, 'helpful');
  await page.getByRole('button', { name: 'Yes' }).click();
  assert.equal((await helpful).status(), 201);
  assert.equal(JSON.parse((await helpful).request().postData()).slug, 'reset-password');

  // A No left without Send is still sent when the person goes back.
  await page.getByRole('button', { name: 'Back to results' }).click();
  await search(page, 'invoice');
  await page.getByRole('option').first().click();
  await page.locator('kb-widget .kbw-content #where-to-find-them').waitFor();
  await page.getByRole('button', { name: 'No' }).click();
  const unsent = eventPosted(page, 'not_helpful');
  await page.getByRole('button', { name: 'Back to results' }).click();
  const left = JSON.parse((await unsent).request().postData());
  assert.deepEqual([left.slug, left.reason], ['invoices', '']);

  assert.deepEqual(problems, []);
  await close();
});

test('inline: nothing found offers support, and the contact callback gets the recent searches', async () => {
  const { page, problems, close } = await open(hostPage({
    body: '<main style="max-width:640px;margin:40px auto;font:16px serif"><h1>How can we help?</h1><div id="help"></div></main>',
    script: `<script src="${WIDGET_PATH}"></script>
<script>
KbWidget.mount(document.getElementById('help'), {
  mode: 'inline',
  placeholder: 'Search Quillpad help',
  contact: (context) => window.__kbwTest.contacts.push(context),
});
</script>`,
  }));
  assert.equal(await page.getByRole('button', { name: 'Help', exact: true }).count(), 0);
  assert.equal(await page.getByRole('dialog').count(), 0);
  const input = page.getByRole('combobox');
  assert.equal(await input.getAttribute('placeholder'), 'Search Quillpad help');

  await search(page, 'refund');
  await search(page, 'password');
  await search(page, 'xylo');
  const nothing = await search(page, 'phone', { replace: false });
  assert.equal(nothing.query, 'xylophone');
  assert.equal(nothing.total, 0);
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByRole('option').count(), 0);
  assert.match(await page.locator('kb-widget .kbw-empty').textContent(), /No results for “xylophone”/);
  assert.equal((await page.locator('kb-widget [aria-live=polite]').textContent()).trim(), 'No results');
  await page.screenshot({ path: join(OUT, 'widget-inline-empty.png') });

  const contact = eventPosted(page, 'contact');
  await page.getByRole('button', { name: 'Contact support' }).click();
  const posted = await contact;
  assert.equal(posted.status(), 201);
  assert.equal(JSON.parse(posted.request().postData()).search_id, nothing.searchId);
  const contacts = await page.evaluate(() => window.__kbwTest.contacts);
  assert.deepEqual(contacts, [{ queries: ['refund', 'password', 'xylophone'], searchId: nothing.searchId, slug: null }]);

  // Escape folds the results away, a second Escape clears the box.
  await search(page, 'refund');
  await input.focus();
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('kb-widget .kbw-body').isVisible(), false);
  assert.equal(await input.inputValue(), 'refund');
  await page.keyboard.press('Escape');
  assert.equal(await input.inputValue(), '');
  // So does the clear button, which is there only while there is something to clear.
  const clear = page.getByRole('button', { name: 'Clear search' });
  assert.equal(await clear.isVisible(), false);
  await search(page, 'refund');
  await clear.click();
  assert.equal(await input.inputValue(), '');
  assert.equal(await shadowActive(page), 'kbw-input');
  assert.equal(await page.locator('kb-widget .kbw-body').isVisible(), false);
  assert.equal(await clear.isVisible(), false);

  assert.deepEqual(problems, []);
  await close();
});

test('a page with hostile CSS cannot break or restyle the widget', async () => {
  const hostile = `<style>
* { all: unset !important; font-size: 40px !important; color: red !important; font-family: fantasy !important; }
html { font-size: 40px !important; }
button, input, li, ul, mark, svg, [role], [hidden], [class*=kbw] { display: none !important; }
div, span, p, h2, article { display: inline !important; padding: 30px !important; border: 5px dashed lime !important; line-height: 3 !important; }
.cookie-banner { display: block !important; position: fixed !important; left: 0 !important; right: 0 !important; bottom: 0 !important; height: 110px !important; background: #222 !important; z-index: 99999 !important; }
:root { --a: red; --t: red; --b: black; }
</style>`;
  const { page, problems, close } = await open(hostPage({
    head: hostile,
    body: '<p>Hostile page</p><div class="cookie-banner">We use cookies</div>',
    script: `<script src="${WIDGET_PATH}" data-kb-url="${server.url}" data-accent="#0f766e" async></script>`,
  }));
  const launcher = page.getByRole('button', { name: 'Help', exact: true });
  const box = await launcher.boundingBox();
  assert.ok(box && box.height === 48 && box.width < 160, `launcher keeps its size: ${JSON.stringify(box)}`);
  // On top of the page's own fixed banner.
  assert.equal(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y).tagName,
    { x: box.x + box.width / 2, y: box.y + box.height / 2 }), 'KB-WIDGET');
  assert.equal(await launcher.evaluate((node) => getComputedStyle(node).backgroundColor), 'rgb(15, 118, 110)');
  await launcher.click();
  await search(page, 'refund');
  const option = page.getByRole('option').first();
  assert.ok(await option.isVisible());
  const style = await option.locator('.kbw-title').evaluate((node) => {
    const s = getComputedStyle(node);
    return { fontSize: s.fontSize, color: s.color, display: s.display };
  });
  assert.deepEqual(style, { fontSize: '14.5px', color: 'rgb(31, 41, 55)', display: 'block' });
  const inputBox = await page.getByRole('combobox').boundingBox();
  assert.equal(inputBox.height, 44);
  await page.screenshot({ path: join(OUT, 'widget-hostile-css.png') });

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('kb-widget .kbw-content #annual-plans').waitFor();
  assert.ok(await page.getByRole('button', { name: 'Yes' }).isVisible());
  assert.deepEqual(problems, []);
  await close();
});

test('the widget keeps working when the events endpoint fails', async () => {
  const { page, problems, close } = await open(hostPage());
  let failed = 0;
  await page.route(`${server.url}/api/events`, (route) => {
    failed++;
    return failed % 2 ? route.abort('connectionrefused') : route.fulfill({ status: 500, body: '{}' });
  });
  await page.getByRole('button', { name: 'Help', exact: true }).click();
  await search(page, 'refund');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('kb-widget .kbw-content #annual-plans').waitFor();
  await page.getByRole('button', { name: 'Yes' }).click();
  await page.locator('kb-widget .kbw-thanks').waitFor();
  await page.getByRole('button', { name: 'Back to results' }).click();
  await search(page, 'password');
  assert.match(await page.getByRole('option').first().textContent(), /Reset your password/);
  assert.equal(failed, 2);
  // The browser itself logs the failed loads; nothing else may appear.
  assert.deepEqual(problems.filter((p) => !/Failed to load resource|^500 POST .*\/api\/events$/.test(p)), []);
  await close({ timed: false }); // its route on /api/events intercepts every request
});

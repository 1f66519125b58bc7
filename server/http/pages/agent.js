// The agent console: search with internal articles included (the agent token is sent with every
// request), filter by category and tag, and copy an answer or a link into a ticket reply. What the
// API sends is set as text; a snippet goes through the widget's snippet policy (only its <mark>
// elements are kept).
import { $, el } from '../../../widget/src/shared/dom.js';
import { snippetNodes } from '../../../widget/src/shared/snippet.js';

const TOKEN_KEY = 'kb-agent-token';

function say(message) {
  $('#status').textContent = message;
}

function showSignIn(message = '') {
  sessionStorage.removeItem(TOKEN_KEY);
  $('#console').hidden = true;
  $('#sign-in').hidden = false;
  $('#sign-in-error').textContent = message;
  $('#token').focus();
}

async function api(path) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY)}` } });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(body.error ? body.error.message : `HTTP ${response.status}`);
  }
  return response.json();
}

// The text of one section of an article's HTML: from its heading to the next heading of the
// same or a higher level (the whole introduction when `anchor` is empty), as plain text with
// list items and paragraphs on their own lines, ready to paste into a reply.
function sectionText(html, anchor) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const nodes = [];
  let start = anchor ? doc.getElementById(anchor) : null;
  const level = start ? Number(start.tagName.slice(1)) : 0;
  let node = start ? start.nextElementSibling : doc.body.firstElementChild;
  while (node) {
    if (/^H[1-6]$/.test(node.tagName) && (!start || Number(node.tagName.slice(1)) <= level)) break;
    nodes.push(node);
    node = node.nextElementSibling;
  }
  const lines = [];
  for (const n of nodes) {
    if (n.tagName === 'OL' || n.tagName === 'UL') {
      [...n.children].forEach((li, i) => lines.push(`${n.tagName === 'OL' ? `${i + 1}.` : '-'} ${li.textContent.trim().replace(/\s+/g, ' ')}`));
    } else {
      lines.push(n.textContent.trim().replace(/[ \t]+/g, ' '));
    }
  }
  return lines.filter(Boolean).join('\n\n');
}

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Copy failed';
  }
  setTimeout(() => { button.textContent = button.dataset.label; }, 1500);
}

function resultItem(hit) {
  const link = new URL(hit.url, location.origin).href;
  const copyAnswer = el('button', { type: 'button', class: 'secondary', 'data-label': 'Copy answer' }, 'Copy answer');
  copyAnswer.addEventListener('click', async () => {
    try {
      const article = await api(`/api/articles/${encodeURIComponent(hit.slug)}`);
      await copy(`${sectionText(article.html, hit.anchor)}\n\n${link}`, copyAnswer);
    } catch (error) {
      say(`Could not copy: ${error.message}`);
    }
  });
  const copyLink = el('button', { type: 'button', class: 'secondary', 'data-label': 'Copy link' }, 'Copy link');
  copyLink.addEventListener('click', () => copy(link, copyLink));
  return el('li', { 'data-slug': hit.slug },
    el('h2', {}, el('a', { href: link, target: '_blank', rel: 'noopener' }, hit.title),
      hit.section && hit.section !== hit.title ? el('span', { class: 'muted' }, ` › ${hit.section}`) : null,
      hit.audience === 'internal' ? el('span', { class: 'badge' }, 'internal') : null),
    el('p', { class: 'snippet' }, snippetNodes(hit.snippet || '')),
    el('p', { class: 'muted' }, `${hit.category}${hit.tags.length ? ' · ' + hit.tags.join(', ') : ''}`),
    el('div', { class: 'actions' }, copyAnswer, copyLink));
}

// The categories and tags of the matches, with counts: one click narrows to them.
function showFacets(facets) {
  const groups = [];
  const chooseCategory = (value) => { $('#category').value = value; search(); };
  const chooseTag = (value) => { $('#tag').value = value; search(); };
  for (const [name, values, choose] of [['Category', facets?.category, chooseCategory],
    ['Tag', facets?.tag, chooseTag]]) {
    if (!values || values.length < 2) continue;  // one value narrows nothing
    const buttons = values.slice(0, 8).map(({ value, count }) => {
      const button = el('button', { type: 'button', class: 'facet' }, `${value} (${count})`);
      button.addEventListener('click', () => choose(value));
      return button;
    });
    groups.push(el('p', { class: 'facets', 'data-facet': name.toLowerCase() }, `${name}: `, ...buttons));
  }
  $('#facets').replaceChildren(...groups);
}

let seq = 0;
let timer = null;
async function search() {
  const q = $('#q').value;
  const mine = ++seq;
  if (!q.trim()) {
    $('#results').replaceChildren();
    say('');
    return;
  }
  // Agents answer customers in any language: every locale, each with its own stemmer.
  const params = new URLSearchParams({ q, limit: '20', locale: 'all', facets: 'true' });
  if ($('#category').value) params.set('category', $('#category').value);
  if ($('#tag').value.trim()) params.set('tag', $('#tag').value.trim());
  try {
    const data = await api(`/api/search?${params}`);
    if (mine !== seq) return;  // a newer search is under way
    $('#results').replaceChildren(...data.results.map(resultItem));
    showFacets(data.facets);
    say(`${data.total} result${data.total === 1 ? '' : 's'}${data.corrected ? ` for “${data.corrected}”` : ''}`);
  } catch (error) {
    if (mine === seq) say(`Search failed: ${error.message}`);
  }
}

async function loadCategories() {
  const data = await api('/api/categories');
  $('#category').replaceChildren(el('option', { value: '' }, 'All'),
    ...data.categories.map((c) => el('option', { value: c }, c)));
}

async function start() {
  try {
    await loadCategories();  // also checks the token
    $('#sign-in').hidden = true;
    $('#console').hidden = false;
    $('#q').focus();
  } catch (error) {
    showSignIn(error.message);
  }
}

$('#sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('#token').value.trim());
  $('#token').value = '';
  start();
});
$('#q').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 150); });
$('#category').addEventListener('change', search);
$('#tag').addEventListener('change', search);
$('#search').addEventListener('submit', (event) => { event.preventDefault(); search(); });
$('#sign-out').addEventListener('click', () => showSignIn());
if (sessionStorage.getItem(TOKEN_KEY)) start(); else showSignIn();

// The content owners' page: the knowledge-gap report and the article report, read from the
// token-protected admin API. The page itself holds no data. Everything shown from the API is set
// as text, never as HTML.
import { $, el } from '../../../widget/src/shared/dom.js';

const TOKEN_KEY = 'kb-admin-token';

function say(message, isError = false) {
  const status = $('#status');
  status.textContent = message;
  status.className = isError ? 'error' : '';
}

function showSignIn(message = '') {
  sessionStorage.removeItem(TOKEN_KEY);
  $('#report').hidden = true;
  $('#sign-in').hidden = false;
  $('#sign-in-error').textContent = message;
  $('#token').focus();
}

async function api(path, options = {}) {
  const headers = { ...(options.headers || {}), Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY)}` };
  const response = await fetch(path, { ...options, headers });
  if (response.status === 401) {
    showSignIn('That token was not accepted.');
    throw new Error('unauthorized');
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(body.error ? body.error.message : `HTTP ${response.status}`);
  }
  return response;
}

function periodQuery(extra = {}) {
  const days = Number($('#period').value);
  const since = new Date(Date.now() - days * 864e5).toISOString().slice(0, 10);
  return new URLSearchParams({ since, audience: $('#audience').value, ...extra }).toString();
}

function trendCell(gap) {
  if (gap.trend_percent === 'new') return el('td', {}, el('span', { class: 'badge' }, 'new'));
  const value = gap.trend_percent;
  const text = `${value > 0 ? '+' : ''}${value}%`;
  return el('td', { class: value > 0 ? 'trend-up num' : 'trend-down num', title: `${gap.previous_searches} searches in the period before` }, text);
}

function missesText(m) {
  const parts = [];
  if (m.no_results) parts.push(`${m.no_results} found nothing`);
  if (m.no_click) parts.push(`${m.no_click} no click`);
  if (m.not_helpful) parts.push(`${m.not_helpful} not helpful`);
  if (m.contact) parts.push(`${m.contact} contacted support`);
  return parts.join(', ');
}

// "14:00" today, "Sep 21 14:00" another day, in the reader's time zone.
function sinceText(iso) {
  const d = new Date(iso);
  const time = d.toTimeString().slice(0, 5);
  return d.toDateString() === new Date().toDateString() ? time : `${d.toDateString().slice(4, 10)} ${time}`;
}

function emergingText(gap) {
  const unit = gap.emerging_window;
  return `emerging since ${sinceText(gap.emerging_since)}, ${gap.recent_misses} misses in the last ${unit} against ${gap.baseline_rate}/${unit} before`;
}

function statusCell(gap) {
  const select = el('select', { 'aria-label': `Status of “${gap.representative}”` },
    ['open', 'planned', 'dismissed'].map((s) => el('option', { value: s, selected: s === gap.status }, s)));
  const note = el('input', { type: 'text', placeholder: 'Note', maxlength: '1000', value: gap.note || '', 'aria-label': `Note on “${gap.representative}”` });
  const saved = el('span', { class: 'muted', role: 'status' });
  const save = el('button', {
    type: 'button',
    class: 'secondary',
    onclick: async () => {
      try {
        await api(`/api/gaps/${encodeURIComponent(gap.id)}/status`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ status: select.value, note: note.value }),
        });
        saved.textContent = 'Saved';
      } catch (error) {
        if (error.message !== 'unauthorized') saved.textContent = `Not saved: ${error.message}`;
      }
    },
  }, 'Save');
  return el('td', {}, el('div', { class: 'status-cell' }, select, note, save, saved,
    gap.answered_by ? el('span', { class: 'badge answered' }, `answered by ${gap.answered_by}`) : null));
}

function articleLink(slug) {
  return el('a', { href: `/articles/${encodeURIComponent(slug)}` }, slug);
}

// What a gap is made of: every wording customers typed, what they wrote was missing, and what
// their searches were shown.
function gapDetails(gap) {
  const parts = [];
  if (gap.queries.length > 1) {
    parts.push(el('details', { class: 'wordings' },
      el('summary', {}, `${gap.queries.length} wordings`),
      el('ul', {}, gap.queries.map((q) => el('li', {}, `${q.text} `, el('span', { class: 'muted' }, `×${q.searches}`))))));
  }
  if (gap.reasons.length) {
    parts.push(el('div', { class: 'reasons' }, el('span', { class: 'muted' }, 'Readers wrote: '),
      el('ul', {}, gap.reasons.map((r) => el('li', {}, `“${r}”`)))));
  }
  if (gap.shown_slugs.length) {
    const links = [];
    gap.shown_slugs.forEach((slug, i) => links.push(i ? ', ' : '', articleLink(slug)));
    parts.push(el('div', { class: 'shown muted' }, 'Shown: ', ...links));
  }
  return parts;
}

function renderGaps(report) {
  $('#gaps-summary').textContent =
    `${report.searches} searches, ${report.missed_searches} of them misses; ` +
    `${report.gaps.length} gaps hit by at least ${report.min_sessions} sessions` +
    (report.dismissed ? `, ${report.dismissed} dismissed.` : '.');
  // The report lists emerging gaps first; they also get a block of their own, above the table.
  const emerging = report.gaps.filter((gap) => gap.emerging);
  $('#emerging-section').hidden = emerging.length === 0;
  $('#emerging').replaceChildren(...emerging.map((gap) =>
    el('li', { 'data-gap': gap.id }, el('strong', {}, gap.representative), `: ${emergingText(gap)}`)));
  const body = $('#gaps tbody');
  body.replaceChildren(...report.gaps.map((gap) => el('tr', { 'data-gap': gap.id },
    el('td', {}, el('strong', {}, gap.representative),
      gap.emerging ? el('span', { class: 'badge emerging', title: emergingText(gap) }, ' emerging') : null,
      ...gapDetails(gap)),
    el('td', { class: 'num' }, gap.sessions),
    el('td', { class: 'num' }, gap.searches),
    el('td', {}, missesText(gap.misses)),
    trendCell(gap),
    el('td', {}, gap.diagnosis.text,
      gap.answered_by ? el('div', { class: 'muted' }, `Answered by ${gap.answered_by}, yet missed ${gap.misses_since_answer} times since`) : null),
    statusCell(gap))));
  if (report.gaps.length === 0) {
    body.append(el('tr', {}, el('td', { colspan: '7', class: 'muted' }, 'No gaps in this period.')));
  }
  const answered = report.answered_by_last_reindex;
  $('#answered-section').hidden = answered.length === 0;
  $('#answered').replaceChildren(...answered.map((a) =>
    el('li', {}, `“${a.representative}” (${a.sessions} sessions) → `, articleLink(a.answered_by))));
  $('#watching-section').hidden = report.watching.length === 0;
  $('#watching').replaceChildren(...report.watching.map((g) =>
    el('li', { 'data-gap': g.id }, `“${g.representative}” → `, articleLink(g.answered_by),
      el('span', { class: 'muted' }, ` since ${g.answered_at.slice(0, 10)}; ${g.misses_since_answer} misses since`))));
  renderSynonyms(report.synonym_suggestions);
}

// Lines for _synonyms.yaml that customers' reformulations suggest, to copy or dismiss.
function renderSynonyms(suggestions) {
  $('#synonyms-section').hidden = suggestions.length === 0;
  $('#synonyms').replaceChildren(...suggestions.map((s) => {
    const done = el('span', { class: 'muted', role: 'status' });
    return el('li', { 'data-line': s.line }, el('code', {}, s.line),
      el('span', { class: 'muted' }, ` ${s.sessions} sessions, e.g. “${s.examples[0].from}” then “${s.examples[0].to}” `),
      el('button', { type: 'button', class: 'secondary', onclick: async () => {
        await navigator.clipboard.writeText(s.line).then(() => { done.textContent = 'Copied'; }, () => { done.textContent = 'Select the line to copy it'; });
      } }, 'Copy'),
      el('button', { type: 'button', class: 'secondary', onclick: async (event) => {
        try {
          await api('/api/synonym-suggestions/dismiss', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ line: s.line }) });
          event.target.closest('li').remove();
        } catch (error) {
          if (error.message !== 'unauthorized') done.textContent = `Not dismissed: ${error.message}`;
        }
      } }, 'Dismiss'), done);
  }));
}

function renderArticles(report) {
  const staleBefore = new Date(Date.now() - 365 * 864e5).toISOString().slice(0, 10);
  $('#articles tbody').replaceChildren(...report.articles.map((a) => el('tr', {},
    el('td', {}, el('a', { href: `/articles/${encodeURIComponent(a.slug)}` }, a.title),
      a.audience === 'internal' ? el('span', { class: 'badge' }, ' internal') : null),
    el('td', {}, a.category),
    el('td', {}, a.updated, a.updated < staleBefore ? el('span', { class: 'badge stale' }, ' stale') : null),
    el('td', { class: 'num' }, a.views),
    el('td', { class: 'num' }, a.helpful),
    el('td', { class: 'num' }, a.not_helpful),
    el('td', { class: 'num' }, a.contacts))));
}

async function load() {
  say('Loading…');
  try {
    const [gaps, articles] = await Promise.all([
      api(`/api/gaps?${periodQuery()}`).then((r) => r.json()),
      api(`/api/articles-report?${periodQuery()}`).then((r) => r.json()),
    ]);
    renderGaps(gaps);
    renderArticles(articles);
    say(`Updated ${new Date().toLocaleTimeString()}`);
  } catch (error) {
    if (error.message !== 'unauthorized') say(`Could not load the report: ${error.message}`, true);
  }
}

async function exportCsv() {
  try {
    const blob = await (await api(`/api/gaps?${periodQuery({ format: 'csv' })}`)).blob();
    const link = el('a', { href: URL.createObjectURL(blob), download: 'kb-gaps.csv' });
    document.body.append(link);
    link.click();
    link.remove();
  } catch (error) {
    if (error.message !== 'unauthorized') say(`Export failed: ${error.message}`, true);
  }
}

function start() {
  $('#sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('#token').value.trim());
    $('#token').value = '';
    $('#sign-in').hidden = true;
    $('#report').hidden = false;
    load();
  });
  $('#period').addEventListener('change', load);
  $('#audience').addEventListener('change', load);
  $('#export-csv').addEventListener('click', exportCsv);
  $('#sign-out').addEventListener('click', () => showSignIn());
  if (sessionStorage.getItem(TOKEN_KEY)) {
    $('#report').hidden = false;
    load();
  } else {
    showSignIn();
  }
}

start();

// One widget: a host element with an open shadow root, holding either a launcher button and its
// panel (mode "launcher") or a search box in the page (mode "inline"), the results, the article
// view, feedback and contact. Searches are debounced by the search box; here each keystroke aborts
// the request in flight and a sequence number makes sure only the newest query's answer is shown.
import { el } from './shared/dom.js';
import { icon, ICONS } from './icons.js';
import { clipBytes } from './text.js';
import { createApi } from './api.js';
import { sessionId } from './session.js';
import { STRINGS } from './strings.js';
import { SearchBox } from './search_box.js';
import { Results, countText } from './results.js';
import { ArticleView } from './article_view.js';
import { Feedback } from './feedback.js';
import { Contact, normalizeContact } from './contact.js';
import CSS_TEXT from './styles.js';

const LIMIT = 8;
const RECENT = 5;
const LIST_ID = 'kbw-list';

export function createWidget(parent, options) {
  const strings = { ...STRINGS, ...options.strings };
  const launcherMode = options.mode !== 'inline';
  const kbUrl = options.kbUrl;
  const api = createApi(kbUrl, sessionId);
  const contact = normalizeContact(options.contact);

  const host = document.createElement('kb-widget');
  if (options.accent) host.style.setProperty('--kbw-accent', options.accent);
  const shadow = host.attachShadow({ mode: 'open' });

  let lastData = null; // the last search answer shown
  let recent = []; // the last distinct settled queries, newest last
  let typedAt = 0; // timeStamp of the last keystroke
  let seq = 0;
  let inflight = null;
  let sentQuery = null; // the query of the search in flight or last answered
  let articleSeq = 0;
  let articleRequest = null;
  let reading = null; // {slug, searchId} of the article shown
  let resultsScroll = 0;
  let collapsed = false; // inline: the list and article are folded away (Escape, empty box)
  const articles = new Map(); // slug -> article, for going back and forth without refetching

  const live = el('div', { class: 'kbw-sr', 'aria-live': 'polite', 'aria-atomic': 'true' });
  function announce(text) {
    // The same words twice in a row would not be announced again; a no-break space makes it new.
    live.textContent = live.textContent === text ? `${text}\u00a0` : text;
  }

  const offerContact = Contact({
    strings,
    contact,
    context: () => ({ queries: [...recent], searchId: reading?.searchId || lastData?.search_id || null, slug: reading ? reading.slug : null }),
    report: ({ searchId, slug }) => {
      if (searchId) api.event({ type: 'contact', search_id: searchId, ...(slug ? { slug } : {}) });
    },
  });

  const box = SearchBox({
    strings,
    placeholder: options.placeholder,
    listId: LIST_ID,
    onType(value, timeStamp) {
      typedAt = timeStamp;
      abortSearch();
      if (!value.trim()) showHint();
    },
    onSearch: search,
    onKey: key,
  });

  const results = Results({
    strings,
    listId: LIST_ID,
    onOpen: openResult,
    onActive: (id) => box.active(id),
  });

  const feedback = Feedback({
    strings,
    contactOffer: offerContact,
    send(type, reason) {
      if (!reading?.searchId) return;
      api.event({ type, search_id: reading.searchId, slug: reading.slug, ...(type === 'not_helpful' ? { reason } : {}) });
    },
  });

  const article = ArticleView({
    strings,
    kbUrl,
    onBack: back,
    onLink: (slug, anchor) => (slug ? openArticle(slug, anchor, '', reading?.searchId) : reveal(article.target(anchor))),
  });
  article.foot.append(feedback.root);

  const body = el('div', { class: 'kbw-body' }, results.root, article.root);
  const root = el('div', { class: `kbw-root ${launcherMode ? 'kbw-floating' : 'kbw-inline'}`, lang: strings.lang, onkeydown: escape });
  let launcher = null;
  let panel = null;

  if (launcherMode) {
    launcher = el('button', {
      type: 'button',
      class: 'kbw-launcher',
      'aria-expanded': 'false',
      'aria-controls': 'kbw-panel',
      onclick: () => (panel.hidden ? open() : close()),
    }, icon(ICONS.help), icon(ICONS.down), el('span', {}, strings.launcher));
    panel = el('div', { id: 'kbw-panel', class: 'kbw-panel', role: 'dialog', 'aria-label': strings.title, hidden: true },
      el('div', { class: 'kbw-head' },
        el('h2', {}, strings.title),
        el('button', { type: 'button', class: 'kbw-icon-btn', 'aria-label': strings.close, title: strings.close, onclick: () => close() }, icon(ICONS.close))),
      box.root, body, live);
    root.append(launcher, panel);
  } else {
    root.append(box.root, body, live);
  }
  // A constructed stylesheet is not an inline <style>, so a host page whose Content-Security-Policy
  // forbids inline styles still gets a styled widget. Older browsers fall back to <style>.
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS_TEXT);
    shadow.adoptedStyleSheets = [sheet];
    shadow.append(root);
  } else {
    shadow.append(el('style', {}, CSS_TEXT), root);
  }
  parent.append(host);
  showHint();

  function abortSearch() {
    seq++;
    inflight?.abort();
    inflight = null;
    sentQuery = null;
    box.busy(false);
  }

  function search(raw) {
    abortSearch();
    const q = clipBytes(raw.trimStart(), 256);
    if (!q.trim()) return showHint();
    const mine = seq;
    sentQuery = q;
    const controller = (inflight = new AbortController());
    box.busy(true);
    const started = performance.now();
    api.search({ q, limit: LIMIT, locale: options.locale, category: options.category }, controller.signal).then((data) => {
      if (mine !== seq) return;
      inflight = null;
      box.busy(false);
      const fetchMs = performance.now() - started;
      lastData = data;
      remember(q.trim());
      showResultsView();
      unfold(true);
      results.show(data, q, data.results.length ? null : offerContact());
      box.expanded(data.results.length > 0);
      const count = countText(strings, data.total);
      announce(data.corrected ? `${strings.corrected} ${data.corrected}. ${count}` : count);
      // Measured from the keystroke to the frame that shows the results (a task queued from
      // requestAnimationFrame runs after that frame is painted).
      const from = typedAt;
      requestAnimationFrame(() => setTimeout(() => {
        host.dispatchEvent(new CustomEvent('kbw:rendered', {
          bubbles: true,
          detail: { query: q, total: data.total, searchId: data.search_id, ms: performance.now() - from, fetchMs },
        }));
      }));
    }, (error) => {
      if (mine !== seq || error.name === 'AbortError') return;
      inflight = null;
      sentQuery = null; // Enter tries again
      box.busy(false);
      showResultsView();
      unfold(true);
      results.message(strings.error, offerContact());
      box.expanded(false);
      announce(strings.error);
    });
  }

  // Typing "ref", "refu", "refund" settles as one query, the last: a query that extends or
  // shortens the one before replaces it.
  function remember(q) {
    const last = recent[recent.length - 1];
    if (last !== undefined && (q.startsWith(last) || last.startsWith(q))) recent.pop();
    recent = recent.filter((r) => r !== q).concat(q).slice(-RECENT);
  }

  function showHint() {
    abortSearch();
    lastData = null;
    showResultsView();
    results.message(strings.hint);
    box.expanded(false);
    unfold(false);
  }

  // Inline, the space under the box is shown only when it holds something (the hint is left to
  // the placeholder). The floating panel always shows it.
  function unfold(on) {
    collapsed = !on;
    if (!launcherMode) body.hidden = collapsed;
  }

  function showResultsView() {
    if (!article.root.hidden) {
      feedback.flush();
      articleRequest?.abort();
      article.root.hidden = true;
      results.root.hidden = false;
      reading = null;
    }
  }

  function openResult(result) {
    const searchId = lastData?.search_id;
    if (searchId) api.event({ type: 'click', search_id: searchId, slug: result.slug });
    openArticle(result.slug, result.anchor, result.title, searchId);
  }

  function openArticle(slug, anchor, title, searchId) {
    feedback.flush();
    if (!results.root.hidden) resultsScroll = body.scrollTop;
    reading = { slug, searchId };
    results.root.hidden = true;
    article.root.hidden = false;
    unfold(true);
    box.expanded(false);
    article.loading(title);
    body.scrollTop = 0;
    article.title.focus({ preventScroll: true });
    articleRequest?.abort();
    const mine = ++articleSeq;
    const controller = (articleRequest = new AbortController());
    const cached = articles.get(slug);
    (cached ? Promise.resolve(cached) : api.article(slug, controller.signal)).then((data) => {
      if (mine !== articleSeq) return;
      articles.set(slug, data);
      article.show(data);
      feedback.reset();
      reveal(article.target(anchor) || (launcherMode ? null : article.title));
    }, (error) => {
      if (mine === articleSeq && error.name !== 'AbortError') article.fail();
    });
  }

  // Scrolls an element of the article to the top of the view and marks it for a moment.
  function reveal(node) {
    if (!node) return;
    if (launcherMode) body.scrollTop += node.getBoundingClientRect().top - body.getBoundingClientRect().top - 8;
    else node.scrollIntoView({ block: node === article.title ? 'nearest' : 'start' });
    if (node !== article.title) {
      node.classList.remove('kbw-target');
      void node.offsetWidth;
      node.classList.add('kbw-target');
    }
  }

  function back() {
    showResultsView();
    unfold(true);
    box.expanded(results.count > 0);
    box.active(results.activeId());
    body.scrollTop = resultsScroll;
    box.input.focus();
  }

  function key(event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!results.count) return;
      event.preventDefault();
      if (!article.root.hidden) back();
      unfold(true);
      box.expanded(true);
      results.move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const result = article.root.hidden && box.input.getAttribute('aria-expanded') === 'true' && results.current();
      if (result) openResult(result);
      // Enter before the debounce searches at once; on the results of what is typed, it does nothing.
      else if (clipBytes(box.input.value.trimStart(), 256) !== sentQuery || !article.root.hidden) box.flush();
    }
  }

  // Escape: the panel closes and focus goes back to the launcher. Inline, it closes the article,
  // then the list, then clears the box; with nothing left to close it is left to the page (a
  // dialog of the page around an inline widget closes as usual).
  function escape(event) {
    if (event.key !== 'Escape') return;
    if (launcherMode) {
      if (panel.hidden) return;
      close();
    } else if (!article.root.hidden) back();
    else if (!collapsed && lastData) {
      box.expanded(false);
      unfold(false);
    } else if (box.input.value) {
      box.set('');
      showHint();
    } else return;
    event.preventDefault();
  }

  function open() {
    if (!panel) return box.input.focus();
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    box.input.focus();
  }

  function close() {
    if (!panel) return;
    feedback.flush();
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  const onPageHide = () => feedback.flush();
  addEventListener('pagehide', onPageHide);

  return {
    element: host,
    open,
    close,
    // Opens the widget on a query, as if typed (a host page's "Search help for …" link).
    search(q) {
      open();
      box.set(q);
      typedAt = performance.now();
      box.flush();
    },
    destroy() {
      abortSearch();
      articleRequest?.abort();
      box.cancel();
      feedback.flush();
      removeEventListener('pagehide', onPageHide);
      host.remove();
    },
  };
}

// One widget: a <kb-widget> host element with an open shadow root, holding either a launcher
// button and its panel (mode "launcher") or a search box in the page (mode "inline"), the results,
// the article view, feedback and contact. This file puts the parts together and returns the
// widget's handle; what happens when is in the steps beside it:
//
//   search_flow.js  typing, searching, showing an answer or a failure (search_requests.js)
//   reading.js      results and articles, back and forth (article_loader.js)
//   keys.js         arrows, Enter and Escape
//
// and the parts themselves are one component per file: host.js, launcher.js, search_box.js,
// results.js, article_view.js, feedback.js, contact.js, announcer.js, recent_queries.js.
import { createApi } from './api.js';
import { Announcer } from './announcer.js';
import { ArticleLoader } from './article_loader.js';
import { ArticleView } from './article_view.js';
import { Contact, normalizeContact } from './contact.js';
import { Feedback } from './feedback.js';
import { Host } from './host.js';
import { onEscape, onInputKey } from './keys.js';
import { Launcher } from './launcher.js';
import { back, followLink, openResult } from './reading.js';
import { RecentQueries } from './recent_queries.js';
import { Results } from './results.js';
import { SearchBox } from './search_box.js';
import { search, showHint, typed } from './search_flow.js';
import { SearchRequests } from './search_requests.js';
import { sessionId } from './session.js';
import { el } from './shared/dom.js';
import { STRINGS } from './strings.js';

const RECENT = 5;
const LIST_ID = 'kbw-list';

// options: {kbUrl, mode, locale, category, placeholder, contact, accent, strings}, as index.js
// has checked them. Returns {element, open(), close(), search(q), destroy()}.
export function createWidget(parent, options) {
  const w = parts(options);
  w.host = Host({
    accent: options.accent,
    root: el('div', {
      class: `kbw-root ${w.launcherMode ? 'kbw-floating' : 'kbw-inline'}`,
      lang: w.strings.lang,
      onkeydown: (event) => onEscape(w, event),
    }, w.launcher ? w.launcher.nodes : w.content),
  });
  parent.append(w.host);
  showHint(w);

  const open = () => (w.launcher ? w.launcher.open() : w.box.input.focus());
  const close = () => w.launcher?.close();
  const onPageHide = () => w.feedback.flush();
  addEventListener('pagehide', onPageHide);

  return {
    element: w.host,
    open,
    close,
    // Opens the widget on a query, as if typed (a host page's "Search help for …" link).
    search(q) {
      open();
      w.box.set(q);
      w.typedAt = performance.now();
      w.box.flush();
    },
    destroy() {
      w.requests.abort();
      w.loader.abort();
      w.box.cancel();
      w.feedback.flush();
      removeEventListener('pagehide', onPageHide);
      w.host.remove();
    },
  };
}

// The widget's parts and state, which the steps (search_flow.js, reading.js, keys.js) share as
// `w`. The parts' callbacks lead into those steps.
function parts(options) {
  const strings = { ...STRINGS, ...options.strings };
  const api = createApi(options.kbUrl, sessionId);
  const w = {
    options,
    strings,
    api,
    launcherMode: options.mode !== 'inline',
    host: null, // the <kb-widget> element, once built
    lastData: null, // the last search answer shown
    typedAt: 0, // timeStamp of the last keystroke
    reading: null, // {slug, searchId} of the article shown
    resultsScroll: 0, // where the results list was when an article replaced it
    collapsed: false, // inline: the list and article are folded away (Escape, empty box)
    recent: RecentQueries(RECENT),
    announcer: Announcer(),
    loader: ArticleLoader(api),
  };

  w.offerContact = Contact({
    strings,
    contact: normalizeContact(options.contact),
    context: () => ({
      queries: w.recent.list(),
      searchId: w.reading?.searchId || w.lastData?.search_id || null,
      slug: w.reading ? w.reading.slug : null,
    }),
    report: ({ searchId, slug }) => {
      if (searchId) api.event({ type: 'contact', search_id: searchId, ...(slug ? { slug } : {}) });
    },
  });

  w.box = SearchBox({
    strings,
    placeholder: options.placeholder,
    listId: LIST_ID,
    onType: (value, timeStamp) => typed(w, value, timeStamp),
    onSearch: (raw) => search(w, raw),
    onKey: (event) => onInputKey(w, event),
  });
  w.requests = SearchRequests(api, (on) => w.box.busy(on));

  w.results = Results({
    strings,
    listId: LIST_ID,
    onOpen: (result) => openResult(w, result),
    onActive: (id) => w.box.active(id),
  });

  w.feedback = Feedback({
    strings,
    contactOffer: w.offerContact,
    send(type, reason) {
      if (!w.reading?.searchId) return;
      api.event({ type, search_id: w.reading.searchId, slug: w.reading.slug, ...(type === 'not_helpful' ? { reason } : {}) });
    },
  });

  w.article = ArticleView({
    strings,
    kbUrl: options.kbUrl,
    onBack: () => back(w),
    onLink: (slug, anchor) => followLink(w, slug, anchor),
  });
  w.article.foot.append(w.feedback.root);

  w.body = el('div', { class: 'kbw-body' }, w.results.root, w.article.root);
  w.content = [w.box.root, w.body, w.announcer.root];
  w.launcher = w.launcherMode
    ? Launcher({ strings, content: w.content, onOpen: () => w.box.input.focus(), onClose: () => w.feedback.flush() })
    : null;
  return w;
}

// The results list: a role=listbox of role=option rows (title, section heading, snippet), the
// "Showing results for" correction, the count, and the empty and error states. The snippet is
// the only server HTML shown here, through the snippet policy (shared/snippet.js): only its <mark>
// elements survive, everything else in it becomes text.
import { el, replace } from './shared/dom.js';
import { snippetNodes } from './shared/snippet.js';
import { fill } from './text.js';

// "English" for "en", in the widget's own language; the code itself where the browser cannot say.
function languageName(code, inLanguage) {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(code) || code;
  } catch {
    return code;
  }
}

export function countText(strings, total) {
  if (total === 0) return strings.none;
  return total === 1 ? strings.one : fill(strings.many, { n: total });
}

export function Results({ strings, listId, onOpen, onActive }) {
  const meta = el('p', { class: 'kbw-meta' });
  const list = el('ul', { id: listId, class: 'kbw-list', role: 'listbox', 'aria-label': strings.resultsLabel });
  const empty = el('div', { class: 'kbw-empty', hidden: true });
  const root = el('div', { class: 'kbw-results' }, meta, list, empty);
  let results = [];
  let active = -1;

  function setActive(index) {
    const options = list.children;
    if (options[active]) options[active].setAttribute('aria-selected', 'false');
    active = index;
    const option = options[active];
    if (option) {
      option.setAttribute('aria-selected', 'true');
      option.scrollIntoView({ block: 'nearest' });
    }
    onActive(option ? option.id : null);
  }

  return {
    root,
    get count() {
      return results.length;
    },
    current() {
      return results[active];
    },
    activeId() {
      return active < 0 ? null : list.children[active].id;
    },

    // Moves the active option by delta, wrapping around; from none, down is the first and up
    // the last.
    move(delta) {
      if (!results.length) return;
      const n = results.length;
      setActive(active < 0 ? (delta > 0 ? 0 : n - 1) : (active + delta + n) % n);
    },

    // Shows a search's answer. `extra` is shown after "no results" (the contact offer).
    show(data, query, extra) {
      results = data.results;
      active = -1;
      onActive(null);
      replace(meta,
        data.locale_fallback ? el('span', { class: 'kbw-fallback' }, `${strings.otherLanguage.replace('{lang}', languageName(data.locale, strings.lang))} `) : null,
        data.corrected ? el('span', { class: 'kbw-corrected' }, `${strings.corrected} `, el('strong', {}, data.corrected), '. ') : null,
        results.length ? countText(strings, data.total) : null);
      meta.hidden = !meta.firstChild;
      replace(list, ...results.map((result, i) => {
        const id = `kbw-opt-${i}`;
        const heading = result.section && result.section !== result.title ? result.section : '';
        return el('li', {
          id,
          class: 'kbw-option',
          role: 'option',
          lang: result.locale,
          'aria-selected': 'false',
          'aria-labelledby': `${id}-t`,
          'aria-describedby': `${id}-s`,
          onclick: () => onOpen(result),
        },
        el('span', { class: 'kbw-title', id: `${id}-t` }, result.title,
          heading ? el('span', { class: 'kbw-section' }, ' ', el('span', { 'aria-hidden': 'true' }, '›'), ' ', heading) : null),
        el('span', { class: 'kbw-snippet', id: `${id}-s` }, snippetNodes(result.snippet || '')));
      }));
      replace(empty,
        el('p', { class: 'kbw-empty-title' }, fill(strings.noneFor, { q: query.trim() })),
        el('p', { class: 'kbw-muted' }, strings.noneHint),
        extra);
      empty.hidden = results.length > 0;
    },

    // A message instead of results (the hint before typing, a failed search).
    message(text, extra) {
      results = [];
      active = -1;
      onActive(null);
      meta.hidden = true;
      replace(list);
      replace(empty, el('p', { class: 'kbw-muted' }, text), extra);
      empty.hidden = false;
    },
  };
}

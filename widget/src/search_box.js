// The search input: a WAI-ARIA combobox (role=combobox, aria-expanded, aria-controls,
// aria-activedescendant) over the results listbox. It debounces typing and hands the query on;
// the widget does the fetching. Keys it does not handle itself go to onKey.
import { el } from './shared/dom.js';
import { icon, ICONS } from './icons.js';

export const DEBOUNCE_MS = 120;

export function SearchBox({ strings, placeholder, listId, onType, onSearch, onKey }) {
  let timer = 0;
  const input = el('input', {
    id: 'kbw-input',
    class: 'kbw-input',
    type: 'search',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
    enterkeyhint: 'search',
    maxlength: '256',
    placeholder: placeholder || strings.placeholder,
    oninput(event) {
      clear.hidden = !input.value;
      clearTimeout(timer);
      onType(input.value, event.timeStamp);
      timer = setTimeout(() => onSearch(input.value), DEBOUNCE_MS);
    },
    onkeydown(event) {
      if (!event.isComposing) onKey(event);
    },
  });
  // Our own clear button rather than the browser's: the same everywhere, themed, and labelled.
  const clear = el('button', {
    type: 'button',
    class: 'kbw-clear',
    'aria-label': strings.clear,
    title: strings.clear,
    hidden: true,
    onclick() {
      input.value = '';
      input.focus();
      input.dispatchEvent(new Event('input'));
    },
  }, icon(ICONS.close));
  const root = el('div', { class: 'kbw-search', role: 'search' },
    el('label', { class: 'kbw-sr', for: 'kbw-input' }, strings.label),
    icon(ICONS.search),
    input,
    clear);

  return {
    root,
    input,
    // Sets the text without typing it (a cleared box, KbWidget's search()).
    set(value) {
      clearTimeout(timer);
      input.value = value;
      clear.hidden = !value;
    },
    // Run the pending search now (Enter before the debounce fired).
    flush() {
      clearTimeout(timer);
      onSearch(input.value);
    },
    cancel() {
      clearTimeout(timer);
    },
    expanded(open) {
      input.setAttribute('aria-expanded', String(open));
      if (!open) input.removeAttribute('aria-activedescendant');
    },
    active(id) {
      if (id) input.setAttribute('aria-activedescendant', id);
      else input.removeAttribute('aria-activedescendant');
    },
    busy(on) {
      root.classList.toggle('kbw-busy', on);
    },
  };
}

// The polite live region through which the widget tells screen readers what a search found
// ("5 results", "No results", a spelling correction).
import { el } from './shared/dom.js';

export function Announcer() {
  const root = el('div', { class: 'kbw-sr', 'aria-live': 'polite', 'aria-atomic': 'true' });
  return {
    root,
    say(text) {
      // The same words twice in a row would not be announced again; a no-break space makes them new.
      root.textContent = root.textContent === text ? `${text}\u00a0` : text;
    },
  };
}

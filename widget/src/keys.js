// The keyboard, beyond what the search box and buttons do by themselves: in the search box,
// ArrowUp/ArrowDown move through the results and Enter opens the active one (or searches at
// once); anywhere in the widget, Escape closes what is open. `w` is the widget's parts and state
// (widget.js).
import { back, openResult, unfold } from './reading.js';
import { queryOf, showHint } from './search_flow.js';

export function onInputKey(w, event) {
  const { article, box, results } = w;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    if (!results.count) return;
    event.preventDefault();
    if (!article.root.hidden) back(w);
    unfold(w, true);
    box.expanded(true);
    results.move(event.key === 'ArrowDown' ? 1 : -1);
  } else if (event.key === 'Enter') {
    event.preventDefault();
    const result = article.root.hidden && box.input.getAttribute('aria-expanded') === 'true' && results.current();
    if (result) openResult(w, result);
    // Enter before the debounce searches at once; on the results of what is typed, it does nothing.
    else if (queryOf(box.input.value) !== w.requests.sent || !article.root.hidden) box.flush();
  }
}

// Escape: the panel closes and focus goes back to the launcher. Inline, it closes the article,
// then the list, then clears the box; with nothing left to close it is left to the page (a
// dialog of the page around an inline widget closes as usual).
export function onEscape(w, event) {
  if (event.key !== 'Escape') return;
  const { article, box } = w;
  if (w.launcherMode) {
    if (!w.launcher.isOpen) return;
    w.launcher.close();
  } else if (!article.root.hidden) back(w);
  else if (!w.collapsed && w.lastData) {
    box.expanded(false);
    unfold(w, false);
  } else if (box.input.value) {
    box.set('');
    showHint(w);
  } else return;
  event.preventDefault();
}

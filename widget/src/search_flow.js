// From typing to painted results. A keystroke makes the search in flight stale; the query the
// search box settles on (it debounces) is searched, and its answer, or the failure, is shown and
// announced. Each painted answer dispatches kbw:rendered with the time since the last keystroke.
// `w` is the widget's parts and state (widget.js).
import { countText } from './results.js';
import { showResults, unfold } from './reading.js';
import { clipBytes } from './text.js';

const LIMIT = 8;

// What is searched for what is typed: no leading spaces, at most the server's 256 bytes.
export function queryOf(raw) {
  return clipBytes(raw.trimStart(), 256);
}

// A keystroke: the answer to what was typed before is no longer wanted; an emptied box shows the
// hint.
export function typed(w, value, timeStamp) {
  w.typedAt = timeStamp;
  w.requests.abort();
  if (!value.trim()) showHint(w);
}

export function search(w, raw) {
  const q = queryOf(raw);
  if (!q.trim()) return showHint(w);
  w.requests.run({ q, limit: LIMIT, locale: w.options.locale, category: w.options.category }, {
    answer: (data, fetchMs) => showAnswer(w, q, data, fetchMs),
    fail: () => showFailure(w),
  });
}

// Before anything is typed, and whenever the box is emptied.
export function showHint(w) {
  w.requests.abort();
  w.lastData = null;
  showResults(w);
  w.results.message(w.strings.hint);
  w.box.expanded(false);
  unfold(w, false);
}

function showAnswer(w, q, data, fetchMs) {
  const { strings } = w;
  w.lastData = data;
  w.recent.remember(q.trim());
  showResults(w);
  unfold(w, true);
  w.results.show(data, q, data.results.length ? null : w.offerContact());
  w.box.expanded(data.results.length > 0);
  const count = countText(strings, data.total);
  w.announcer.say(data.corrected ? `${strings.corrected} ${data.corrected}. ${count}` : count);
  reportRendered(w, q, data, fetchMs);
}

// Measured from the keystroke to the frame that shows the results (a task queued from
// requestAnimationFrame runs after that frame is painted).
function reportRendered(w, q, data, fetchMs) {
  const from = w.typedAt;
  requestAnimationFrame(() => setTimeout(() => {
    w.host.dispatchEvent(new CustomEvent('kbw:rendered', {
      bubbles: true,
      detail: { query: q, total: data.total, searchId: data.search_id, ms: performance.now() - from, fetchMs },
    }));
  }));
}

// The search failed (the server is down, or refused it): say so, and offer support.
function showFailure(w) {
  showResults(w);
  unfold(w, true);
  w.results.message(w.strings.error, w.offerContact());
  w.box.expanded(false);
  w.announcer.say(w.strings.error);
}

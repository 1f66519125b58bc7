// "Was this helpful?" under an article. Yes sends `helpful` at once; No opens an optional reason
// and a Send button, and offers support. A No that is left without pressing Send is still sent
// (without a reason, or with what was typed) when the person leaves the article: flush().
import { el, clipBytes } from './dom.js';

export function Feedback({ strings, send, contactOffer }) {
  const root = el('div', { class: 'kbw-feedback' });
  let pending = null;

  // The button that was pressed goes away: focus moves to the thanks, not to the page.
  function thanks(extra) {
    const note = el('p', { class: 'kbw-thanks', tabindex: '-1' }, strings.thanks);
    root.replaceChildren(note, extra);
    note.focus();
  }

  function sendNo(reason) {
    pending = null;
    send('not_helpful', clipBytes(reason.trim(), 500));
  }

  function ask() {
    pending = null;
    const question = el('p', { class: 'kbw-question', id: 'kbw-helpful' }, strings.helpful);
    root.replaceChildren(question, el('div', { class: 'kbw-row', role: 'group', 'aria-labelledby': 'kbw-helpful' },
      el('button', {
        type: 'button',
        class: 'kbw-btn',
        onclick() {
          send('helpful', '');
          thanks();
        },
      }, strings.yes),
      el('button', { type: 'button', class: 'kbw-btn', onclick: no }, strings.no)));
  }

  function no() {
    const reason = el('textarea', { id: 'kbw-reason', class: 'kbw-textarea', rows: '3', maxlength: '500' });
    pending = reason;
    const offer = contactOffer();
    root.replaceChildren(
      el('label', { class: 'kbw-question', for: 'kbw-reason' }, strings.reason),
      reason,
      el('div', { class: 'kbw-row' },
        el('button', {
          type: 'button',
          class: 'kbw-btn kbw-primary',
          onclick() {
            sendNo(reason.value);
            thanks(contactOffer());
          },
        }, strings.send)),
      offer);
    // A contact request after No carries the No with it.
    offer?.addEventListener('click', () => flush(), true);
    reason.focus();
  }

  function flush() {
    if (pending) sendNo(pending.value);
  }

  return { root, reset: ask, flush };
}

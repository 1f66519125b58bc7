// "Was this helpful?" under an article. Yes sends `helpful` at once; No opens an optional reason
// and a Send button, and offers support. A No that is left without pressing Send is still sent
// (without a reason, or with what was typed) when the person leaves the article: flush().
import { el, replace } from './shared/dom.js';
import { clipBytes } from './text.js';

export function Feedback({ strings, send, contactOffer }) {
  const root = el('div', { class: 'kbw-feedback' });
  let pending = null; // {reason, form} while a No waits for its Send

  const thanks = () => el('p', { class: 'kbw-thanks', tabindex: '-1' }, strings.thanks);

  function ask() {
    pending = null;
    const question = el('p', { class: 'kbw-question', id: 'kbw-helpful' }, strings.helpful);
    replace(root, question, el('div', { class: 'kbw-row', role: 'group', 'aria-labelledby': 'kbw-helpful' },
      el('button', {
        type: 'button',
        class: 'kbw-btn',
        onclick() {
          send('helpful', '');
          // The pressed button goes away: focus moves to the thanks, not to the page.
          const note = thanks();
          replace(root, note);
          note.focus();
        },
      }, strings.yes),
      el('button', { type: 'button', class: 'kbw-btn', onclick: no }, strings.no)));
  }

  function no() {
    const reason = el('textarea', { id: 'kbw-reason', class: 'kbw-textarea', rows: '3', maxlength: '500' });
    const form = el('div', {},
      el('label', { class: 'kbw-question', for: 'kbw-reason' }, strings.reason),
      reason,
      el('div', { class: 'kbw-row' },
        el('button', { type: 'button', class: 'kbw-btn kbw-primary', onclick: () => flush(true) }, strings.send)));
    const offer = contactOffer();
    replace(root, form, offer);
    pending = { reason, form };
    // A contact request after No carries the No with it (sent first). The offer itself stays in
    // place: a link taken out of the page while it is being clicked would not navigate.
    offer?.addEventListener('click', () => flush(false), true);
    reason.focus();
  }

  // Sends a pending No with whatever reason was typed, and thanks in place of the form.
  function flush(focus) {
    if (!pending) return;
    const { reason, form } = pending;
    pending = null;
    send('not_helpful', clipBytes(reason.value.trim(), 500));
    const note = thanks();
    form.replaceWith(note);
    if (focus) note.focus();
  }

  return { root, reset: ask, flush };
}

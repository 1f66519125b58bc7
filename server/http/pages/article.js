// The feedback control of an article page: "Was this helpful?" sends a helpful / not_helpful
// event, with the search it came from when the link carried one (?sid=). The page's HTML comes
// from the server (article_page.cc); this only wires up its buttons and form.
import { $ } from '../../../widget/src/shared/dom.js';

function send(slug, type, reason = '') {
  const searchId = new URLSearchParams(location.search).get('sid') || '';
  const session = sessionStorage.getItem('kbw-session') || '';  // the widget's, when it ran here
  const event = { type, slug };
  if (/^[0-9a-f]{16}$/.test(searchId)) event.search_id = searchId;
  if (/^[A-Za-z0-9_-]{1,64}$/.test(session)) event.session = session;
  if (reason) event.reason = reason;
  return fetch('/api/events', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(event),
  }).catch(() => {});  // feedback must never break the page
}

function wireFeedback(slug, feedback) {
  const thanks = feedback.querySelector('.thanks');
  const reasonForm = feedback.querySelector('.reason');
  feedback.querySelectorAll('[data-vote]').forEach((button) => {
    button.addEventListener('click', () => {
      const type = button.dataset.vote;
      feedback.querySelectorAll('[data-vote]').forEach((b) => { b.disabled = true; });
      if (type === 'helpful') {
        send(slug, 'helpful');
        thanks.textContent = 'Thanks for letting us know.';
      } else {
        reasonForm.hidden = false;
        reasonForm.querySelector('textarea').focus();
      }
    });
  });
  reasonForm.addEventListener('submit', (event) => {
    event.preventDefault();
    send(slug, 'not_helpful', reasonForm.querySelector('textarea').value.trim());
    reasonForm.hidden = true;
    thanks.textContent = 'Thanks: we use this to improve the article.';
  });
}

const article = $('article[data-slug]');
const feedback = $('.feedback');
if (article && feedback) wireFeedback(article.dataset.slug, feedback);

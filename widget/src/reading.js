// Results and articles, back and forth, in the space under the search box (w.body): a result, or
// a link to another article inside one, shows the article in place of the list, scrolled to the
// section that answers; Back returns to the list where it was left. `w` is the widget's parts and
// state (widget.js).

// Inline, the space under the box is shown only when it holds something (the hint is left to
// the placeholder). The floating panel always shows it.
export function unfold(w, on) {
  w.collapsed = !on;
  if (!w.launcherMode) w.body.hidden = w.collapsed;
}

// Leaves the article, if one is shown, for the results; a "No" it was waiting on is sent.
export function showResults(w) {
  if (w.article.root.hidden) return;
  w.feedback.flush();
  w.loader.abort();
  w.article.root.hidden = true;
  w.results.root.hidden = false;
  w.reading = null;
}

// A result chosen from the list; the click is reported with the search it came from.
export function openResult(w, result) {
  const searchId = w.lastData?.search_id;
  if (searchId) w.api.event({ type: 'click', search_id: searchId, slug: result.slug });
  openArticle(w, result.slug, result.anchor, result.title, searchId);
}

// A link inside the article: another article opens in its place (still counted as read from the
// same search); an '#anchor' scrolls within it.
export function followLink(w, slug, anchor) {
  if (slug) openArticle(w, slug, anchor, '', w.reading?.searchId);
  else reveal(w, w.article.target(anchor));
}

// Shows the article view at once (with the title when it is known), then the article scrolled to
// `anchor`. Inline, without an anchor, the title is brought into view instead.
function openArticle(w, slug, anchor, title, searchId) {
  const { article, body, feedback } = w;
  feedback.flush();
  if (!w.results.root.hidden) w.resultsScroll = body.scrollTop;
  w.reading = { slug, searchId };
  w.results.root.hidden = true;
  article.root.hidden = false;
  unfold(w, true);
  w.box.expanded(false);
  article.loading(title);
  body.scrollTop = 0;
  article.title.focus({ preventScroll: true });
  w.loader.load(slug, {
    show(data) {
      article.show(data);
      feedback.reset();
      reveal(w, article.target(anchor) || (w.launcherMode ? null : article.title));
    },
    fail: () => article.fail(),
  });
}

// Scrolls an element of the article to the top of the view and marks it for a moment.
export function reveal(w, node) {
  if (!node) return;
  const { body, article } = w;
  if (w.launcherMode) body.scrollTop += node.getBoundingClientRect().top - body.getBoundingClientRect().top - 8;
  else node.scrollIntoView({ block: node === article.title ? 'nearest' : 'start' });
  if (node !== article.title) {
    node.classList.remove('kbw-target');
    void node.offsetWidth; // restarts the animation when the same section is revealed again
    node.classList.add('kbw-target');
  }
}

// From the article back to the results, scrolled and focused as they were left.
export function back(w) {
  const { box, results } = w;
  showResults(w);
  unfold(w, true);
  box.expanded(results.count > 0);
  box.active(results.activeId());
  w.body.scrollTop = w.resultsScroll;
  box.input.focus();
}

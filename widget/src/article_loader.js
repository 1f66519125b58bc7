// Fetches articles for the article view, one at a time: opening another article aborts the
// request in flight and drops a late answer. Articles already read are kept, so going back and
// forth between them does not fetch them again.
export function ArticleLoader(api) {
  const articles = new Map(); // slug -> article
  let seq = 0;
  let request = null;

  return {
    // Calls show(article) or fail(), unless another load comes first; an aborted load calls
    // neither.
    load(slug, { show, fail }) {
      request?.abort();
      const mine = ++seq;
      const controller = (request = new AbortController());
      const cached = articles.get(slug);
      (cached ? Promise.resolve(cached) : api.article(slug, controller.signal)).then((data) => {
        if (mine !== seq) return;
        articles.set(slug, data);
        show(data);
      }, (error) => {
        if (mine === seq && error.name !== 'AbortError') fail();
      });
    },
    abort() {
      request?.abort();
    },
  };
}

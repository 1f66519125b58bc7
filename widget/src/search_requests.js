// The search requests of one widget, one at a time: a new search (or a keystroke, through abort())
// aborts the one in flight, and a sequence number drops an answer that still arrives for an older
// query, so an older answer never replaces a newer one.
export function SearchRequests(api, busy) {
  let seq = 0;
  let inflight = null;
  let sent = null; // the query of the search in flight or last answered

  function abort() {
    seq++;
    inflight?.abort();
    inflight = null;
    sent = null;
    busy(false);
  }

  return {
    get sent() {
      return sent;
    },
    abort,

    // Searches `params` ({q, limit, locale, category}) and calls answer(data, fetchMs) or fail(),
    // unless another search or abort() comes first.
    run(params, { answer, fail }) {
      abort();
      const mine = seq;
      sent = params.q;
      const controller = (inflight = new AbortController());
      busy(true);
      const started = performance.now();
      api.search(params, controller.signal).then((data) => {
        if (mine !== seq) return;
        inflight = null;
        busy(false);
        answer(data, performance.now() - started);
      }, (error) => {
        if (mine !== seq || error.name === 'AbortError') return;
        inflight = null;
        sent = null; // Enter tries again
        busy(false);
        fail();
      });
    },
  };
}

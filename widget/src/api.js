// Talks to kb-server: search and articles (GET, abortable), and events (POST, fire and forget).
// No cookies are sent (credentials: 'omit'), so the widget needs no credentialed CORS. `session`
// is called for each request, so no id is made (nor stored) for a visitor who never searches.
export function createApi(kbUrl, session) {
  async function getJson(path, signal) {
    const response = await fetch(kbUrl + path, { signal, credentials: 'omit' });
    if (!response.ok) {
      const error = new Error(`HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  return {
    // params: {q, limit, locale, category}; unset values are left out.
    search(params, signal) {
      const query = Object.entries({ ...params, session: session() })
        .filter(([, value]) => value !== undefined && value !== null && value !== '')
        .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
        .join('&');
      return getJson(`/api/search?${query}`, signal);
    },

    article(slug, signal) {
      return getJson(`/api/articles/${encodeURIComponent(slug)}`, signal);
    },

    // Resolves to true when the server recorded the event, false on any failure: an unreachable
    // or failing events endpoint must never break the widget. keepalive lets an event sent just
    // before the page unloads (a contact link, a closed tab) still arrive.
    event(body) {
      return fetch(`${kbUrl}/api/events`, {
        method: 'POST',
        credentials: 'omit',
        keepalive: true,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...body, session: session() }),
      }).then((response) => response.ok, () => false);
    },
  };
}

// The last few queries a person settled on, newest last, which "Contact support" passes on.
// Typing "ref", "refu", "refund" settles as one query, the last: a query that extends or shortens
// the one before replaces it.
export function RecentQueries(max) {
  let queries = [];
  return {
    remember(q) {
      const last = queries[queries.length - 1];
      if (last !== undefined && (q.startsWith(last) || last.startsWith(q))) queries.pop();
      queries = queries.filter((r) => r !== q).concat(q).slice(-max);
    },
    // A copy: what a contact carries does not change after it is sent.
    list() {
      return [...queries];
    },
  };
}

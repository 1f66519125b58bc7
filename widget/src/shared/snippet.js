// The snippet policy, one for the widget and the agent console. A search snippet is text that the
// server has HTML-escaped, with <mark> around the words that matched. Only those exact <mark> and
// </mark> tags become elements; everything else is unescaped and shown as text, markup included.
// The snippet is never handed to an HTML parser, so markup that should never be in one (a server
// bug, a proxy that rewrote the answer) reads as what it is and makes no element: nothing loads,
// nothing runs, and a page's Content-Security-Policy has nothing to refuse.
import { el } from './dom.js';

const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

// Undoes the server's escaping: the named entities above and numeric ones (&#39;, &#x27;).
// Anything else that looks like an entity is left as written.
function unescape(text) {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (entity, name) => {
    if (name[0] !== '#') return NAMED[name] ?? entity;
    const code = /x/i.test(name[1]) ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

// The snippet as strings and <mark> elements, ready for el() or replace().
export function snippetNodes(snippet) {
  const nodes = [];
  let marked = false;
  for (const [i, piece] of snippet.split(/(<\/?mark>)/).entries()) {
    if (i % 2) marked = piece === '<mark>'; // the tags split() kept
    else if (piece) nodes.push(marked ? el('mark', {}, unescape(piece)) : unescape(piece));
  }
  return nodes;
}

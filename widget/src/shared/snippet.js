// The snippet policy, one for the widget and the agent console. A search snippet is
// server-escaped text whose only markup is <mark>. It is parsed inert (inside a <template>
// nothing loads and nothing runs), each <mark> is rebuilt from its text, and any other element is
// replaced by the text inside it: markup that should never be in a snippet (a server bug, a proxy
// that rewrote the answer) can change how a snippet reads, never what the page does.
import { el } from './dom.js';

// The snippet as nodes and strings, ready for el() or replace().
export function snippetNodes(html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  return Array.from(template.content.childNodes, (node) =>
    node.nodeName === 'MARK' ? el('mark', {}, node.textContent) : node.textContent);
}

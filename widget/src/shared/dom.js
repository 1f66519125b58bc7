// The element builder the widget and kb's own pages (/admin, /agent, article pages) share:
// el('li', {class: 'kbw-option'}, 'text', node). Values are set as attributes and text nodes,
// never parsed as HTML, so what the server sends can be passed in as it is.
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  return put(node, children);
}

// Replaces a node's children; like el(), it skips null, undefined and false (where the DOM's own
// replaceChildren would write "null").
export function replace(node, ...children) {
  node.replaceChildren();
  return put(node, children);
}

function put(node, children) {
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
  return node;
}

// The first element of the page that matches: kb's pages look up their fixed elements this way.
// (The widget never does: it lives in a shadow root and must not reach into the host page.)
export const $ = (selector) => document.querySelector(selector);

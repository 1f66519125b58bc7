// One article: a Back button, the title, the server-rendered HTML, and a footer for the
// feedback. The HTML comes from kb's safe Markdown renderer; it is still parsed inert (a
// <template>, so nothing loads or runs while it is checked), stripped of anything active as a
// second line of defence, and its relative links and images are pointed at the kb server rather
// than the host page. Links to other articles open here in the widget.
import { el } from './shared/dom.js';
import { icon, ICONS } from './icons.js';

const ACTIVE = /^(SCRIPT|STYLE|IFRAME|FRAME|OBJECT|EMBED|LINK|META|BASE|FORM|INPUT|BUTTON|TEXTAREA|SELECT)$/;
const URL_ATTRS = ['href', 'src'];

function articleFragment(html, kbUrl) {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const node of template.content.querySelectorAll('*')) {
    if (ACTIVE.test(node.nodeName)) {
      node.remove();
      continue;
    }
    for (const { name } of [...node.attributes]) {
      if (/^on/i.test(name) || name === 'style' || name === 'srcset') node.removeAttribute(name);
    }
    for (const name of URL_ATTRS) {
      const value = node.getAttribute(name);
      if (value === null || value.startsWith('#')) continue;
      let url;
      try {
        url = new URL(value, `${kbUrl}/`);
      } catch {
        url = null;
      }
      if (!url || !/^(https?|mailto|tel):$/.test(url.protocol)) node.removeAttribute(name);
      else node.setAttribute(name, url.href);
    }
    if (node.nodeName === 'A' && /^https?:/.test(node.href)) {
      node.target = '_blank';
      node.rel = 'noopener noreferrer';
    }
    if (node.nodeName === 'IMG') node.loading = 'lazy';
  }
  return template.content;
}

function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function ArticleView({ strings, kbUrl, onBack, onLink }) {
  const title = el('h2', { class: 'kbw-article-title', tabindex: '-1' });
  const status = el('p', { class: 'kbw-muted', role: 'status' });
  const content = el('div', { class: 'kbw-content' });
  const foot = el('div', { class: 'kbw-article-foot' });
  const root = el('article', { class: 'kbw-article', hidden: true },
    el('button', { type: 'button', class: 'kbw-back', onclick: onBack }, icon(ICONS.back), strings.back),
    title, status, content, foot);

  // Links inside the article: '#anchor' jumps within it, kb article links open in the widget.
  const articlePath = new RegExp(`^${kbUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/articles/([^/?#]+)(?:#(.*))?$`);
  content.addEventListener('click', (event) => {
    const link = event.target.closest('a[href]');
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const raw = link.getAttribute('href');
    const match = raw.startsWith('#') ? [null, null, raw.slice(1)] : link.href.match(articlePath);
    if (!match) return;
    event.preventDefault();
    onLink(match[1] && decode(match[1]), match[2] ? decode(match[2]) : '');
  });

  return {
    root,
    title,
    foot,

    // The title is known from the result before the article arrives: show it at once.
    loading(titleText) {
      title.textContent = titleText || '';
      status.textContent = strings.loading;
      status.hidden = false;
      content.replaceChildren();
      foot.hidden = true;
    },

    show(article) {
      title.textContent = article.title;
      status.hidden = true;
      for (const node of [title, content]) {
        if (article.locale) node.lang = article.locale;
        else node.removeAttribute('lang');
      }
      content.replaceChildren(articleFragment(article.html || '', kbUrl));
      foot.hidden = false;
    },

    fail() {
      status.textContent = strings.articleError;
      status.hidden = false;
    },

    // The element an anchor names, looked up inside this article only.
    target(anchor) {
      return anchor ? content.querySelector(`[id="${CSS.escape(anchor)}"]`) : null;
    },
  };
}

// The frame of mode "launcher": a "Help" button at the bottom right of the page and the dialog
// panel it opens, which holds `content` (the search box, the results or article, the live
// region). Inline mode has no frame: its content sits in the page.
import { el } from './shared/dom.js';
import { icon, ICONS } from './icons.js';

// onOpen runs once the panel shows (to focus the search box); onClose runs before it hides,
// while what it may need (an article's pending feedback) is still there.
export function Launcher({ strings, content, onOpen, onClose }) {
  const button = el('button', {
    type: 'button',
    class: 'kbw-launcher',
    'aria-expanded': 'false',
    'aria-controls': 'kbw-panel',
    onclick: () => (panel.hidden ? open() : close()),
  }, icon(ICONS.help), icon(ICONS.down), el('span', {}, strings.launcher));
  const panel = el('div', { id: 'kbw-panel', class: 'kbw-panel', role: 'dialog', 'aria-label': strings.title, hidden: true },
    el('div', { class: 'kbw-head' },
      el('h2', {}, strings.title),
      el('button', { type: 'button', class: 'kbw-icon-btn', 'aria-label': strings.close, title: strings.close, onclick: () => close() }, icon(ICONS.close))),
    content);

  function open() {
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    onOpen();
  }

  // Focus goes back to the button, not to the page.
  function close() {
    onClose();
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }

  return {
    nodes: [button, panel],
    open,
    close,
    get isOpen() {
      return !panel.hidden;
    },
  };
}

// kb help widget: the entry point. Defines the one global, window.KbWidget, and mounts itself when
// its script tag carries data-kb-url (empty means the server the script came from):
//
//   <script src="https://kb.example.com/widget.js" data-kb-url="https://kb.example.com" async></script>
//
// Options (data-* attributes or KbWidget.mount(element, options)): kbUrl, mode ("launcher" or
// "inline"), target (a selector, for inline), locale (default: the page's lang), category,
// placeholder, contact (a URL, a mailto: address, or through mount() a function), accent; through
// mount() also strings.
import { createWidget } from './widget.js';

const script = document.currentScript;
const scriptOrigin = script && script.src ? new URL(script.src, location.href).origin : location.origin;
let launcher = null;

function fail(message) {
  console.error(`kb widget: ${message}`);
  return null;
}

function mount(element, options = {}) {
  let kbUrl;
  try {
    const url = new URL(options.kbUrl || scriptOrigin, location.href);
    kbUrl = (url.origin + url.pathname).replace(/\/+$/, '');
  } catch {
    return fail(`kbUrl "${options.kbUrl}" is not a URL`);
  }
  const mode = (options.mode || 'launcher') === 'inline' ? 'inline' : 'launcher';
  if (typeof element === 'string') {
    const found = document.querySelector(element);
    if (!found) return fail(`"${element}" matches no element`);
    element = found;
  }
  if (mode === 'inline' && !element) return fail('inline mode needs an element (data-target or mount(element))');
  // One floating launcher per page, however often the script is included.
  if (mode === 'launcher' && launcher && launcher.element.isConnected) return launcher;
  // The page's own language unless told otherwise: a German page gets German answers (the server
  // falls back to its default language, and says so, when it has no articles in this one).
  const locale = options.locale || document.documentElement.lang || undefined;
  const widget = createWidget(element || document.body, { ...options, kbUrl, mode, locale });
  if (mode === 'launcher') launcher = widget;
  return widget;
}

function optionsFrom(tag) {
  const d = tag.dataset;
  return {
    kbUrl: d.kbUrl, mode: d.mode, locale: d.locale, category: d.category,
    placeholder: d.placeholder, contact: d.contact, accent: d.accent,
  };
}

if (!window.KbWidget) window.KbWidget = Object.freeze({ version: __VERSION__, mount });

if (script && script.hasAttribute('data-kb-url')) {
  const start = () => window.KbWidget.mount(script.dataset.target || null, optionsFrom(script));
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

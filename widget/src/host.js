// The <kb-widget> element: an open shadow root holding the widget and its stylesheet, so the
// page's CSS cannot restyle the widget and the widget's CSS cannot leak into the page.
import { el } from './shared/dom.js';
import CSS_TEXT from './styles.js';

// Returns the host element, not yet in the page, with `root` inside its shadow root.
export function Host({ accent, root }) {
  const host = document.createElement('kb-widget');
  if (accent) host.style.setProperty('--kbw-accent', accent);
  const shadow = host.attachShadow({ mode: 'open' });
  // A constructed stylesheet is not an inline <style>, so a host page whose Content-Security-Policy
  // forbids inline styles still gets a styled widget. Older browsers fall back to <style>.
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS_TEXT);
    shadow.adoptedStyleSheets = [sheet];
    shadow.append(root);
  } else {
    shadow.append(el('style', {}, CSS_TEXT), root);
  }
  return host;
}

// "Contact support": hands the person's recent searches to whatever the site uses for support.
// `contact` is a URL (it gets ?queries=a | b | c), a mailto: address (the searches go in the
// body), or, through KbWidget.mount(), a function called with {queries, searchId, slug}.
import { el } from './shared/dom.js';

export function contactHref(contact, queries, strings) {
  if (/^mailto:/i.test(contact)) {
    const body = `${strings.mailBody}\r\n${queries.map((q) => `- ${q}`).join('\r\n')}\r\n\r\n`;
    return `${contact}${contact.includes('?') ? '&' : '?'}body=${encodeURIComponent(body)}`;
  }
  const hash = contact.indexOf('#');
  const base = hash < 0 ? contact : contact.slice(0, hash);
  const rest = hash < 0 ? '' : contact.slice(hash);
  return `${base}${base.includes('?') ? '&' : '?'}queries=${encodeURIComponent(queries.join(' | '))}${rest}`;
}

// A plain address becomes mailto:; script URLs are refused.
export function normalizeContact(contact) {
  if (typeof contact === 'function') return contact;
  if (typeof contact !== 'string' || !contact.trim() || /^\s*(javascript|data|vbscript):/i.test(contact)) return null;
  contact = contact.trim();
  return /^[^\s@/:?#]+@[^\s@/?#]+$/.test(contact) ? `mailto:${contact}` : contact;
}

// Returns a maker of contact offers (one per place it is shown), or a maker of nothing when the
// site configured no contact.
export function Contact({ strings, contact, context, report }) {
  return function offer() {
    if (!contact) return null;
    const label = strings.contact;
    if (typeof contact === 'function') {
      return el('p', { class: 'kbw-contact' }, `${strings.stillNeed} `,
        el('button', {
          type: 'button',
          class: 'kbw-btn kbw-primary',
          onclick() {
            const ctx = context();
            report(ctx);
            contact(ctx);
          },
        }, label));
    }
    const mail = /^mailto:/i.test(contact);
    const link = el('a', {
      class: 'kbw-btn kbw-primary',
      href: contactHref(contact, context().queries, strings),
      target: mail ? null : '_blank',
      rel: mail ? null : 'noopener',
      // Activation reads href after this handler: the link carries the searches of this moment.
      onclick() {
        const ctx = context();
        link.href = contactHref(contact, ctx.queries, strings);
        report(ctx);
      },
    }, label);
    return el('p', { class: 'kbw-contact' }, `${strings.stillNeed} `, link);
  };
}

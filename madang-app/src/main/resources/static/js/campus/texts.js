// The campus pages' texts in their language, rendered by the server from i18n/messages*.properties (keys
// campus.js.*), and small helpers shared by the campus modules: elements built without HTML, numbers and dates.
import { el } from '../dom.js';

const element = document.getElementById('campus-texts');
const texts = element ? JSON.parse(element.textContent) : {};

export { el };

export const english = document.documentElement.lang === 'en';

/** The text for a key with {0}, {1}... replaced; the key itself when missing, so a gap shows rather than breaks. */
export function t(key, ...args) {
  const text = texts['campus.js.' + key] ?? key;
  return text.replace(/\{(\d+)\}/g, (m, i) => (args[i] ?? ''));
}

/** The text for a key, or {fallback} when the page has none (for names that come from the server, such as rules). */
export function tOr(key, fallback) {
  return texts['campus.js.' + key] === undefined ? fallback : t(key);
}

const numbers = new Intl.NumberFormat(english ? 'en' : 'ko', { maximumFractionDigits: 4 });

export function number(n) {
  return typeof n === 'number' ? numbers.format(n) : String(n);
}

/** A date and time as the city reads it. */
export function dateTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(english ? 'en' : 'ko', {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Seoul',
  });
}


/** A status word with its glyph (statuses never rely on colour alone). */
export function statusBadge(status) {
  const glyphs = { proposed: '…', approved: '✔', active: '▶', completed: '■', expired: '⌛', rejected: '✖', pending: '…',
    revoked: '⊘', blocked: '⛔', published: '★' };
  return el('span', { class: `status status-${status}`, dataset: { status } }, `${glyphs[status] || ''} ${tOr('status.' + status, status)}`.trim());
}

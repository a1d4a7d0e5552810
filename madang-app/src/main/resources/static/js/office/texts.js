// The page's texts in its language, rendered by the server from i18n/messages*.properties (keys office.js.*).
const element = document.getElementById('office-texts');
const texts = element ? JSON.parse(element.textContent) : {};

export const lang = document.documentElement.lang === 'en' ? 'en' : 'ko';
export const english = lang === 'en';

/** The text for a key with {0}, {1}... replaced; the key itself when missing, so a gap shows rather than breaks. */
export function t(key, ...args) {
  const text = texts['office.js.' + key] ?? key;
  return text.replace(/\{(\d+)\}/g, (m, i) => (args[i] ?? ''));
}

/** A bilingual record's name in the page's language: name_en when English and present, else name. */
export function localName(o, field = 'name') {
  return (english && o[field + '_en']) || o[field] || '';
}

const numbers = new Intl.NumberFormat(english ? 'en' : 'ko', { maximumFractionDigits: 1 });
export function number(n, digits) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return digits === undefined ? numbers.format(n) : new Intl.NumberFormat(english ? 'en' : 'ko', { maximumFractionDigits: digits }).format(n);
}

export function time(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleTimeString(english ? 'en' : 'ko', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Seoul' });
}

export function date(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleDateString(english ? 'en' : 'ko', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'Asia/Seoul' });
}

/** Budget in won as 억원 (ko) or billion won (en). */
export function won(krw) {
  if (krw === null || krw === undefined) return '–';
  return english ? numbers.format(krw / 1e9) + ' bn ₩' : numbers.format(krw / 1e8) + '억 원';
}

export { el } from '../dom.js';

// The directives' texts in the page's language (keys directives.js.* of i18n/messages*.properties, served by
// /directives/texts), and calls of the directives API from the signed-in session (/directives/api, CSRF header).
export { el } from '../dom.js';

export const english = document.documentElement.lang === 'en';
const texts = await fetch(`/directives/texts?lang=${english ? 'en' : 'ko'}`, { headers: { Accept: 'application/json' } })
  .then((r) => (r.ok ? r.json() : {})).catch(() => ({}));

/** The text for a key with {0}, {1}... replaced; the key itself when missing, so a gap shows rather than breaks. */
export function t(key, ...args) {
  return (texts[key] ?? key).replace(/\{(\d+)\}/g, (m, i) => (args[i] ?? ''));
}

export function when(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(english ? 'en' : 'ko', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Seoul' });
}

export function departmentName(d) {
  return (english && d.department_title_en) || d.department_title || d.department;
}

/** A problem+json answer as an error: its sentence and the field it names. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.field = problem.field;
  }
}

function csrf() {
  const holder = document.querySelector('[data-csrf-header]');
  return holder ? { [holder.dataset.csrfHeader]: holder.dataset.csrfToken } : {};
}

/** A call of /directives/api; {@code body} is JSON or FormData. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json', ...(method === 'GET' ? {} : csrf()) };
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const response = await fetch(`/directives/api${path}`, { method, headers, credentials: 'same-origin', body: payload });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

// An output request as a card: what was asked (SQL, dimensions, measures, restricted datasets in scope), its status,
// each organization's review, and the automatic disclosure check: its rules, findings (blocking ones marked), counts
// of suppressed cells and the table with every suppressed cell marked by a glyph and a word. Members see suppressed
// cells empty; reviewers see the value, the records behind each cell and why it was suppressed. Used by the project
// page and the review page.
import { english, t, tOr, el, number, dateTime, statusBadge } from './texts.js';

function measureName(m) {
  return m.statistic === 'count' ? t('outputs.count') : `${tOr('outputs.' + m.statistic, m.statistic)}(${m.column})`;
}

function ruleValue(v) {
  if (typeof v === 'number' && v > 0 && v < 1) return `${number(Math.round(v * 1000) / 10)}%`;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function renderCheck(check, dimensions) {
  if (!check) return el('p', { class: 'muted' }, t('check.none'));
  const steward = check.view === 'steward';
  const rules = Object.entries(check.rules || {}).map(([k, v]) => `${tOr('check.rule.' + k, k)} ${ruleValue(v)}`);
  const suppressed = Object.entries(check.suppressed || {}).filter(([, n]) => n > 0).map(([k, n]) => `${tOr('check.rule.' + k, k)} ${number(n)}`);
  const findings = check.findings || [];
  const columns = check.columns || [];
  const rows = check.rows || [];
  const withRecords = rows.some((r) => r._records !== undefined);
  const table = el('table', { class: 'data-table check-table' },
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: dimensions.includes(c) ? null : 'num' }, c)),
      withRecords ? el('th', { scope: 'col', class: 'num' }, t('check.records')) : null,
      el('th', { scope: 'col' }, t('check.cellStatus')))),
    el('tbody', {}, rows.slice(0, 1000).map((row) => {
      const status = row._status || 'published';
      const hidden = status !== 'published';
      return el('tr', { class: hidden ? 'suppressed-row' : null, dataset: { status } },
        columns.map((c) => {
          const value = row[c];
          if (dimensions.includes(c)) return el('th', { scope: 'row' }, value === null || value === undefined ? t('check.noValue') : String(value));
          if (hidden) {
            return el('td', { class: 'num suppressed', dataset: { reason: status } },
              el('span', { 'aria-hidden': 'true' }, '✖ '), value === null || value === undefined ? '' : number(value) + ' ',
              el('span', { class: 'suppressed-word' }, t('check.suppressedCell')));
          }
          return el('td', { class: 'num' }, value === null || value === undefined ? '' : number(value));
        }),
        withRecords ? el('td', { class: 'num' }, number(row._records)) : null,
        el('td', {}, tOr('check.status.' + status, status)));
    })));
  return el('div', { class: 'check-report', dataset: { passed: String(!!check.passed), view: check.view || '' } },
    el('p', { class: check.passed ? 'check-passed' : 'check-failed' }, check.passed ? `✔ ${t('check.passed')}` : `✖ ${t('check.failed')}`),
    rules.length ? el('p', { class: 'muted' }, t('check.rules', rules.join(', '))) : null,
    el('p', { class: 'check-suppressed' }, t('check.suppressed', suppressed.length ? suppressed.join(' · ') : t('check.suppressedNone'))),
    findings.length ? el('ul', { class: 'findings' }, findings.map((f) => el('li', { dataset: { rule: f.rule, blocking: String(!!f.blocking) } },
      f.blocking ? el('strong', { class: 'check-failed' }, `⛔ ${t('check.blocking')} `) : null,
      el('strong', {}, tOr('check.rule.' + f.rule, f.rule)), ': ', english ? f.message : (f.message_ko || f.message)))) : null,
    steward ? el('p', { class: 'notice' }, t('check.stewardView')) : null,
    el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('check.table') }, table));
}

function renderReviews(o) {
  const reviews = o.reviews || [];
  const reviewed = new Set(reviews.map((r) => r.organization));
  const waiting = (o.organizations || []).filter((org) => !reviewed.has(org));
  if (reviews.length === 0 && (waiting.length === 0 || o.status !== 'pending')) return null;
  return el('ul', { class: 'reviews plain-list' },
    reviews.map((r) => el('li', { dataset: { organization: r.organization, approve: String(r.approve) } },
      el('strong', {}, r.approve ? `✔ ${t('review.approved')}` : `✖ ${t('review.rejected')}`), ' ',
      t('outputs.reviewedBy', r.organization, r.decided_by, dateTime(r.decided_at)), ' ', r.reason)),
    o.status === 'pending' ? waiting.map((org) => el('li', { class: 'muted', dataset: { organization: org } }, t('outputs.awaiting', org))) : null);
}

/** The card of one output request; {actions} is appended (download, publish or decision controls). */
export function renderOutput(o, actions) {
  const dimensions = o.dimensions || [];
  return el('article', { class: 'output', dataset: { id: o.id, status: o.status } },
    el('h3', {}, `#${o.id} ${o.title || ''} `, statusBadge(o.status)),
    el('p', { class: 'muted' }, t('outputs.requested', o.requested_by, dateTime(o.requested_at)), o.project ? ` · ${t('outputs.project', o.project)}` : ''),
    el('p', {}, t('outputs.shape', dimensions.join(', ') || '—', (o.measures || []).map(measureName).join(', '))),
    o.datasets && o.datasets.length ? el('p', {}, t('outputs.datasets', o.datasets.join(', '))) : null,
    o.status === 'blocked' ? el('p', { class: 'notice notice-error' }, t('outputs.blocked')) : null,
    el('details', {}, el('summary', {}, t('outputs.sql')), el('pre', { class: 'sql-preview' }, o.sql || '')),
    renderCheck(o.check, dimensions),
    renderReviews(o),
    actions);
}

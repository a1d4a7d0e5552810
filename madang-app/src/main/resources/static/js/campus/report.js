// An output request as a card: what was asked (SQL, dimensions, measures, restricted datasets read), its status and
// the automatic disclosure check (rules, findings, counts of suppressed cells, and the table with every suppressed
// cell marked by a glyph and a word; a null dimension value is a total). Used by the project page and the review page.
import { t, tOr, el, number, dateTime, statusBadge } from './texts.js';

function measureName(m) {
  return m.statistic === 'count' ? t('outputs.count') : `${t('outputs.' + m.statistic)}(${m.column})`;
}

function renderCheck(check, dimensions) {
  if (!check) return el('p', { class: 'muted' }, t('check.none'));
  const suppressed = check.suppressed || {};
  const rules = Object.entries(check.rules || {}).map(([k, v]) => `${tOr('check.rule.' + k, k)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
  const findings = check.findings || [];
  const columns = check.columns || [];
  const rows = check.rows || [];
  const table = el('table', { class: 'data-table check-table' },
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c)), el('th', { scope: 'col' }, t('check.cellStatus')))),
    el('tbody', {}, rows.slice(0, 1000).map((row) => {
      const status = row._status || 'published';
      const hidden = status !== 'published';
      return el('tr', { class: hidden ? 'suppressed-row' : null, dataset: { status } },
        columns.map((c) => {
          const value = row[c];
          if (dimensions.includes(c)) return el('th', { scope: 'row' }, value === null || value === undefined ? t('check.total') : String(value));
          if (hidden) {
            return el('td', { class: 'num suppressed', dataset: { reason: status } },
              el('span', { 'aria-hidden': 'true' }, '✖ '), value === null || value === undefined ? '' : number(value) + ' ',
              el('span', { class: 'suppressed-word' }, t('check.suppressedCell')));
          }
          return el('td', { class: 'num' }, value === null || value === undefined ? '' : number(value));
        }),
        el('td', {}, hidden ? tOr('check.status.' + status, status) : t('check.status.published')));
    })));
  return el('div', { class: 'check-report', dataset: { passed: String(!!check.passed) } },
    el('p', { class: check.passed ? 'check-passed' : 'check-failed' }, check.passed ? `✔ ${t('check.passed')}` : `✖ ${t('check.failed')}`),
    rules.length ? el('p', { class: 'muted' }, t('check.rules', rules.join(', '))) : null,
    el('p', { class: 'check-suppressed' }, t('check.suppressed', number(suppressed.threshold || 0), number(suppressed.dominance || 0), number(suppressed.secondary || 0))),
    findings.length ? el('ul', { class: 'findings' }, findings.map((f) => el('li', { dataset: { rule: f.rule } }, el('strong', {}, tOr('check.rule.' + f.rule, f.rule)), ': ', f.message))) : null,
    el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('check.table') }, table));
}

/** The card of one output request; {actions} is appended (download, publish or decision controls). */
export function renderOutput(o, actions) {
  const dimensions = o.dimensions || [];
  return el('article', { class: 'output card-inner', dataset: { id: o.id, status: o.status } },
    el('h3', {}, `#${o.id} ${o.title || ''} `, statusBadge(o.status)),
    el('p', { class: 'muted' }, t('outputs.requested', o.requested_by, dateTime(o.requested_at)), o.project ? ` · ${t('outputs.project', o.project)}` : ''),
    el('p', {}, t('outputs.shape', dimensions.join(', ') || '—', (o.measures || []).map(measureName).join(', '))),
    o.datasets && o.datasets.length ? el('p', {}, t('outputs.datasets', o.datasets.join(', '))) : null,
    el('details', {}, el('summary', {}, t('outputs.sql')), el('pre', { class: 'sql-preview' }, o.sql || '')),
    renderCheck(o.check, dimensions),
    o.decided_by ? el('p', { class: 'decision' }, t('outputs.decided', o.decided_by, dateTime(o.decided_at)), ' ', o.decision || '') : null,
    actions);
}

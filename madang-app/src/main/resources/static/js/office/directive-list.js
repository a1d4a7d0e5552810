// The directives page (/directives): the user's departments' directives and those they issued, newest first, kept
// live over /directives/api/stream (SSE; EventSource reconnects by itself). Selecting one shows its detail: place,
// department contact with call buttons, the next step for the department's members (done takes a report and an
// optional photo or file), comments, files, calls and history. A ringing call about a directive shows a banner with
// a link to answer it. Each list item carries data-id, data-status and data-overdue for tests and styles.
import { t, el, when, departmentName, api } from './directive-texts.js';
import { contactCard } from './directive-dialog.js';

const root = document.getElementById('directives');
const list = document.getElementById('directive-list');
const detail = document.getElementById('directive-detail');
const live = document.getElementById('directives-live');
const ringing = document.getElementById('ringing');
const me = root.dataset.user;
const directives = new Map();
let selected = Number(location.hash.slice(1)) || null;

const NEXT = { issued: 'acknowledged', acknowledged: 'in_progress', in_progress: 'done' };

function badge(d) {
  return [
    el('span', { class: `status status-${d.status}`, text: t(`status.${d.status}`) }),
    d.overdue ? el('span', { class: 'overdue-badge', text: `⏰ ${t('overdue')}` }) : null,
    el('span', { class: `priority priority-${d.priority}`, text: t(`priority.${d.priority}`) }),
  ];
}

function renderList() {
  const items = [...directives.values()].sort((a, b) => b.id - a.id);
  if (!items.length) {
    list.replaceChildren(el('li', { class: 'muted', text: t('none') }));
    return;
  }
  list.replaceChildren(...items.map((d) => el('li', {
    class: `directive-item${d.id === selected ? ' selected' : ''}${d.overdue ? ' is-overdue' : ''}`,
    dataset: { id: String(d.id), status: d.status, overdue: String(d.overdue) },
  }, el('button', { type: 'button', class: 'directive-open', onclick: () => select(d.id) },
    el('strong', { text: d.title }), el('span', { class: 'muted', text: ` · ${departmentName(d)} · ${when(d.issued_at)}` })), ...badge(d))));
}

async function select(id) {
  selected = id;
  history.replaceState(null, '', `#${id}`);
  renderList();
  detail.hidden = false;
  detail.dataset.id = String(id);
  detail.dataset.state = 'loading';
  let d;
  try {
    d = await api('GET', `/${id}`);
  } catch (e) {
    detail.replaceChildren(el('p', { text: e.message }));
    detail.dataset.state = 'failed';
    return;
  }
  directives.set(d.id, { ...directives.get(d.id), ...d });
  renderList();
  const next = NEXT[d.status];
  const error = el('p', { class: 'form-error', role: 'alert', id: 'directive-error' });
  const actions = [];
  if (d.may_act && next) {
    if (next === 'done') {
      const report = el('textarea', { id: 'directive-report', rows: '3', required: true });
      const file = el('input', { type: 'file', id: 'directive-file', accept: 'image/jpeg,image/png,application/pdf' });
      actions.push(el('form', { class: 'directive-done', onsubmit: async (e) => {
        e.preventDefault();
        try {
          if (file.files.length) {
            const form = new FormData();
            form.append('file', file.files[0]);
            await api('POST', `/${id}/attachments`, form);
          }
          await api('POST', `/${id}/status`, { status: 'done', report: report.value });
          select(id);
        } catch (err) { error.textContent = err.message; }
      } }, el('label', { for: 'directive-report', text: t('report') }), report,
      el('label', { for: 'directive-file', text: t('file') }), file,
      el('button', { type: 'submit', class: 'button', id: 'directive-next', dataset: { next }, text: t(`next.${next}`) })));
    } else {
      actions.push(el('button', { type: 'button', class: 'button', id: 'directive-next', dataset: { next }, text: t(`next.${next}`), onclick: async () => {
        try { await api('POST', `/${id}/status`, { status: next }); select(id); } catch (err) { error.textContent = err.message; }
      } }));
    }
  }
  const comment = el('textarea', { id: 'comment-body', rows: '2' });
  detail.replaceChildren(
    el('h2', { text: d.title }),
    el('p', {}, ...badge(d)),
    el('dl', { class: 'directive-facts' },
      el('dt', { text: t('department') }), el('dd', { text: departmentName(d) }),
      el('dt', { text: t('due') }), el('dd', { text: d.due_at ? when(d.due_at) : '–' }),
      el('dt', { text: t('issuedBy') }), el('dd', { text: `${d.issued_by} · ${when(d.issued_at)}` }),
      el('dt', { text: t(`target.${d.target.kind}`) }), el('dd', { text: d.target.ref || (d.lat ? `${d.lat.toFixed(5)}, ${d.lon.toFixed(5)}` : '–') })),
    d.body ? el('p', { class: 'directive-body', text: d.body }) : null,
    d.report ? el('p', { class: 'directive-report' }, el('strong', { text: `${t('report')}: ` }), d.report) : null,
    contactCard(d.contact, { directive: d.id, department: d.department }),
    ...actions, error,
    el('h3', { text: t('files') }),
    el('ul', { class: 'plain-list', id: 'directive-files' }, d.attachments.map((a) => el('li', {},
      el('a', { href: `/directives/api/${id}/attachments/${a.id}`, text: a.file_name }), ` · ${a.uploaded_by}`))),
    el('h3', { text: t('comments') }),
    el('ul', { class: 'plain-list', id: 'directive-comments' }, d.comments.map((c) => el('li', {},
      el('strong', { text: c.author }), ` · ${when(c.at)}: `, c.body))),
    el('form', { class: 'comment-form', onsubmit: async (e) => {
      e.preventDefault();
      try { await api('POST', `/${id}/comments`, { body: comment.value }); comment.value = ''; select(id); } catch (err) { error.textContent = err.message; }
    } }, el('label', { for: 'comment-body', text: t('comment') }), comment, el('button', { type: 'submit', class: 'button button-quiet', id: 'comment-send', text: t('send') })),
    el('h3', { text: t('calls') }),
    el('ul', { class: 'plain-list', id: 'directive-calls' }, d.calls.map((c) => el('li', { dataset: { duration: String(c.duration_s ?? '') } },
      `${when(c.started_at)} · `, t('callSeconds', c.caller, c.callee || '–', c.duration_s ?? '–')))),
    el('h3', { text: t('history') }),
    el('ol', { class: 'plain-list', id: 'directive-history' }, d.history.map((h) => el('li', { dataset: { kind: h.kind } },
      `${when(h.at)} · ${h.actor} · ${t(`history.${h.kind}`)}`, h.from || h.to ? ` ${h.from ? t(`status.${h.from}`) : ''} → ${h.to ? t(`status.${h.to}`) : ''}` : '',
      h.detail && h.kind !== 'issued' ? ` (${h.detail})` : ''))),
  );
  detail.dataset.state = 'ready';
  detail.dataset.status = d.status;
}

function take(d) {
  directives.set(d.id, { ...directives.get(d.id), ...d });
  renderList();
  if (d.id === selected) select(d.id);
}

function follow() {
  const source = new EventSource('/directives/api/stream');
  source.onopen = () => { live.textContent = t('live'); live.dataset.state = 'open'; };
  source.onerror = () => { live.textContent = t('reconnecting'); live.dataset.state = 'reconnecting'; };
  for (const kind of ['issued', 'status', 'overdue', 'comment', 'attachment', 'call']) {
    source.addEventListener(kind, (e) => take(JSON.parse(e.data)));
  }
  source.addEventListener('ringing', (e) => {
    const d = JSON.parse(e.data);
    if (d.actor === me) return;
    // a call about a directive carries the directive; a call with the department only the department's code
    const href = d.id ? `/calls?directive=${d.id}` : `/calls?department=${encodeURIComponent(d.department)}`;
    ringing.replaceChildren(el('p', { class: 'notice ringing-call', dataset: d.id ? { directive: String(d.id) } : { department: d.department } },
      `📞 ${t('ringing', d.actor, d.title)} `, el('a', { class: 'button', id: 'answer-call', href, text: t('join') })));
  });
}

async function start() {
  const answer = await api('GET', '');
  for (const d of answer.directives) directives.set(d.id, d);
  renderList();
  follow();
  if (selected && directives.has(selected)) await select(selected);
  root.dataset.state = 'ready';
}

start().catch((e) => { root.dataset.state = 'failed'; list.replaceChildren(el('li', { text: `${t('failed')} ${e.message}` })); });

// /campus/review: projects awaiting a decision (officials and admins), access requests to data the viewer stewards and
// output requests awaiting review, each with a reason and approve/reject buttons that post the decision to
// /campus/api and reload the list.
import { api } from './api.js';
import { t, el, dateTime, statusBadge } from './texts.js';
import { renderOutput } from './report.js';

const root = document.getElementById('campus-review');

/** A reason field and two buttons; {decide(approve, reason)} is awaited and its error shown beside them. */
function decision(kind, id, decide) {
  const fieldId = `${kind}-${id}-reason`;
  const status = el('p', { class: 'run-status', role: 'status', 'aria-live': 'polite' });
  const reason = el('textarea', { id: fieldId, rows: '2', maxlength: '2000', required: true });
  async function send(approve) {
    status.classList.remove('run-status-failed');
    reason.removeAttribute('aria-invalid');
    try {
      await decide(approve, reason.value.trim());
    } catch (error) {
      status.textContent = error.message;
      status.classList.add('run-status-failed');
      if (error.field === 'reason') {
        reason.setAttribute('aria-invalid', 'true');
        reason.focus();
      }
    }
  }
  return el('div', { class: 'decision-form' },
    el('label', { for: fieldId }, t('review.reason')), reason,
    el('div', { class: 'form-actions' },
      el('button', { type: 'button', class: 'button', dataset: { decision: 'approve' }, onclick: () => send(true) }, t('review.approve')),
      el('button', { type: 'button', class: 'button button-quiet', dataset: { decision: 'reject' }, onclick: () => send(false) }, t('review.reject'))),
    status);
}

function announce(container, text) {
  container.prepend(el('p', { class: 'notice review-done', role: 'status' }, text));
}

async function fill(container, load, render, emptyText) {
  try {
    const items = await load();
    container.textContent = '';
    if (items.length === 0) container.append(el('p', { class: 'muted' }, emptyText));
    for (const item of items) container.append(render(item));
    container.dataset.state = 'ready';
  } catch (error) {
    container.textContent = '';
    container.append(el('p', { class: error.status === 404 ? 'muted' : 'run-status-failed' }, error.status === 404 ? t('outputs.unavailable') : error.message));
    container.dataset.state = error.status === 404 ? 'unavailable' : 'failed';
  }
}

// ---------- projects ----------
const projects = document.getElementById('review-projects');

function loadProjects() {
  return fill(projects, async () => (await api('GET', '/campus/api/projects')).projects.filter((p) => p.status === 'proposed'), (p) =>
    el('article', { class: 'review-item', dataset: { id: p.id, kind: 'project' } },
      el('h3', {}, el('a', { href: `/campus/projects/${p.id}` }, p.title), ' ', statusBadge(p.status)),
      el('p', { class: 'muted' }, t('review.proposed', p.proposed_by, dateTime(p.created_at), p.start_date, p.end_date)),
      el('p', {}, p.purpose),
      el('p', {}, t('review.members', p.members.map((m) => m.username).join(', '))),
      el('p', {}, t('review.datasets', p.requested_datasets.join(', ') || '—')),
      decision('project', p.id, async (approve, reason) => {
        const decided = await api('POST', `/campus/api/projects/${p.id}/decision`, { approve, reason });
        await loadProjects();
        announce(projects, t('review.projectDecided', p.title, t('status.' + decided.status)));
      })), t('review.noProjects'));
}

// ---------- access requests ----------
const access = document.getElementById('review-access');

function loadAccess() {
  return fill(access, async () => (await api('GET', '/campus/api/access-requests?status=pending')).access_requests, (r) =>
    el('article', { class: 'review-item', dataset: { id: r.id, kind: 'access', dataset: r.dataset, project: r.project } },
      el('h3', {}, el('code', {}, r.dataset), ' ', statusBadge(r.status)),
      el('p', { class: 'muted' }, t('review.accessAsked', r.requested_by, r.project, dateTime(r.requested_at))),
      el('p', {}, r.reason),
      decision('access', r.id, async (approve, reason) => {
        const decided = await api('POST', `/campus/api/access-requests/${r.id}/decision`, { approve, reason });
        await loadAccess();
        announce(access, t('review.accessDecided', r.dataset, r.project, t('status.' + decided.status)));
      })), t('review.noAccess'));
}

// ---------- output requests ----------
const outputs = document.getElementById('review-outputs');

function loadOutputs() {
  return fill(outputs, async () => (await api('GET', '/campus/api/outputs?status=pending')).outputs, (o) =>
    renderOutput(o, decision('output', o.id, async (approve, reason) => {
      const decided = await api('POST', `/campus/api/outputs/${o.id}/decision`, { approve, reason });
      await loadOutputs();
      announce(outputs, t('review.outputDecided', o.title || `#${o.id}`, t('status.' + decided.status)));
    })), t('review.noOutputs'));
}

if (root.dataset.decidesProjects === 'true') loadProjects();
loadAccess();
loadOutputs();

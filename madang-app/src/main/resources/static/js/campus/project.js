// A campus project's page (/campus/projects/{id}): for its members the access requests and output requests
// (outputs.js), and, while the project is open, the workspace (workspace.js).
import { api } from './api.js';
import { t, el, dateTime, statusBadge } from './texts.js';

const root = document.getElementById('campus-project');
const project = root.dataset.project;

// ---------- access requests to restricted datasets ----------
const list = document.getElementById('access-requests');
const form = document.getElementById('access-form');

async function listRequests() {
  try {
    const answer = await api('GET', `/campus/api/projects/${project}/access-requests`);
    list.textContent = '';
    if (answer.access_requests.length === 0) list.append(el('li', { class: 'muted' }, t('access.none')));
    for (const r of answer.access_requests) {
      list.append(el('li', { dataset: { id: r.id, dataset: r.dataset, status: r.status } },
        el('code', {}, r.dataset), ' ', statusBadge(r.status),
        el('div', { class: 'muted' }, t('access.asked', r.requested_by, dateTime(r.requested_at)), ' ', r.reason),
        r.decided_by ? el('div', { class: 'muted' }, t('access.decided', r.decided_by, dateTime(r.decided_at)), ' ', r.decision || '') : null));
    }
    offerOnlyWhatIsNotAsked(answer.access_requests);
  } catch (error) {
    list.textContent = '';
    list.append(el('li', { class: 'run-status-failed' }, error.message));
  }
}

/** A dataset with a pending or approved request is not asked for again (the server would refuse it). */
function offerOnlyWhatIsNotAsked(requests) {
  if (!form) return;
  const open = new Set(requests.filter((r) => r.status === 'pending' || r.status === 'approved').map((r) => r.dataset));
  const select = document.getElementById('access-dataset');
  for (const option of select.options) option.disabled = open.has(option.value);
  const free = [...select.options].find((o) => !o.disabled);
  if (free && select.selectedOptions[0]?.disabled) select.value = free.value;
  form.hidden = !free;
}

if (list) listRequests();

form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const status = document.getElementById('access-status');
  const reason = document.getElementById('access-reason');
  status.classList.remove('run-status-failed');
  reason.removeAttribute('aria-invalid');
  try {
    await api('POST', `/campus/api/projects/${project}/access-requests`, {
      dataset: document.getElementById('access-dataset').value, reason: reason.value.trim(),
    });
    reason.value = '';
    status.textContent = t('access.sent');
    await listRequests();
  } catch (error) {
    status.textContent = error.message;
    status.classList.add('run-status-failed');
    if (error.field === 'reason') {
      reason.setAttribute('aria-invalid', 'true');
      reason.focus();
    }
  }
});

// approved outputs outlive the workspace: members list, download and publish them after the project ended too
if (root.dataset.open === 'true') {
  const { startWorkspace } = await import('./workspace.js');
  startWorkspace(root);
}
if (document.getElementById('outputs')) {
  const { startOutputs } = await import('./outputs.js');
  startOutputs(root);
}

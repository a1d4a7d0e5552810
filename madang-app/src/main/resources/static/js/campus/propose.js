// /campus: the form that proposes a project (POST /campus/api/projects); on success the browser goes to the new
// project's page. A refused field is marked (aria-invalid) and focused, with the server's sentence in the status line.
import { api } from './api.js';
import { t } from './texts.js';

const form = document.getElementById('propose-form');
const status = document.getElementById('propose-status');
const FIELDS = { title: 'project-title', purpose: 'project-purpose', start_date: 'project-start', end_date: 'project-end',
  datasets: 'project-restricted', username: 'project-members', members: 'project-members' };

function names(id) {
  return document.getElementById(id).value.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  status.classList.remove('run-status-failed');
  status.textContent = t('propose.sending');
  const datasets = [...form.querySelectorAll('input[name="datasets"]:checked')].map((c) => c.value);
  const body = {
    title: document.getElementById('project-title').value.trim(),
    purpose: document.getElementById('project-purpose').value.trim(),
    start_date: document.getElementById('project-start').value || null,
    end_date: document.getElementById('project-end').value || null,
    datasets: [...new Set([...datasets, ...names('project-restricted')])],
    members: names('project-members'),
  };
  const button = document.getElementById('propose');
  button.disabled = true;
  try {
    const project = await api('POST', '/campus/api/projects', body);
    status.textContent = t('propose.done');
    location.assign(`/campus/projects/${project.id}`);
  } catch (error) {
    button.disabled = false;
    status.textContent = error.message;
    status.classList.add('run-status-failed');
    const control = document.getElementById(FIELDS[error.field]);
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      control.focus();
    }
  }
});

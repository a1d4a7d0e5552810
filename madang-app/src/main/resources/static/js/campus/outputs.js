// Output requests of a project: a form built from the last result's columns (the SQL is the run's row-level query;
// dimensions and measures: count, or the sum or mean of a numeric column) sent to POST /campus/api/projects/{id}/outputs,
// and the project's requests with their check reports; approved ones can be downloaded (CSV, XLSX) and published to
// the catalog.
import { api } from './api.js';
import { t, el } from './texts.js';
import { isNumericType } from './chart.js';
import { renderOutput } from './report.js';

export function startOutputs(root) {
  const $ = (id) => document.getElementById(id);
  const base = `/campus/api/projects/${root.dataset.project}`;
  const list = $('outputs');
  const status = $('output-status');
  let source = null;

  function say(text, failed) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('run-status-failed', !!failed);
  }

  // ---------- the request form, from the last result ----------
  root.addEventListener('campus:result', (event) => {
    source = event.detail;
    const { columns } = source.result;
    $('output-needs-result').hidden = true;
    $('output-fields').hidden = false;
    $('output-sql').textContent = source.sql;
    const dims = $('output-dimensions').querySelector('.choices');
    dims.textContent = '';
    columns.forEach((c, i) => dims.append(el('label', { class: 'checkbox' },
      el('input', { type: 'checkbox', id: `dimension-${i}`, value: c.name, name: 'dimension' }), ` ${c.name} `, el('span', { class: 'muted' }, c.type))));
    const body = $('output-measures').querySelector('tbody');
    body.textContent = '';
    columns.filter((c) => isNumericType(c.type)).forEach((c) => body.append(el('tr', { dataset: { column: c.name } },
      el('th', { scope: 'row' }, c.name),
      ['sum', 'mean'].map((s) => el('td', {}, el('input', { type: 'checkbox', value: s, dataset: { column: c.name, statistic: s },
        'aria-label': t('outputs.measureLabel', t('outputs.' + s), c.name) }))))));
    if (body.children.length === 0) body.append(el('tr', {}, el('td', { colspan: '3', class: 'muted' }, t('outputs.noNumbers'))));
  });

  $('output-form')?.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!source) return;
    const title = $('output-title');
    title.removeAttribute('aria-invalid');
    const measures = [];
    if ($('measure-count').checked) measures.push({ statistic: 'count' });
    $('output-measures').querySelectorAll('tbody input:checked').forEach((c) => measures.push({ column: c.dataset.column, statistic: c.dataset.statistic }));
    const body = {
      title: title.value.trim(),
      sql: source.sql,
      dimensions: [...$('output-dimensions').querySelectorAll('input:checked')].map((c) => c.value),
      measures,
    };
    say(t('outputs.sending'));
    $('request-output').disabled = true;
    try {
      const output = await api('POST', `${base}/outputs`, body);
      say(t('outputs.sent', output.id, t('status.' + output.status)));
      await load();
      list.querySelector(`[data-id="${output.id}"]`)?.scrollIntoView({ block: 'nearest' });
    } catch (error) {
      say(error.status === 404 ? t('outputs.unavailable') : error.message, true);
      if (error.field === 'title') {
        title.setAttribute('aria-invalid', 'true');
        title.focus();
      }
    } finally {
      $('request-output').disabled = false;
    }
  });

  // ---------- the project's requests ----------
  function actions(o) {
    if (o.status === 'published' && o.published_dataset) {
      return el('p', {}, el('a', { href: `/datasets/${encodeURIComponent(o.published_dataset)}`, class: 'published-link' }, t('outputs.publishedAt', o.published_dataset)));
    }
    if (o.status !== 'approved') return null;
    const download = el('p', { class: 'download-links' },
      el('a', { class: 'button button-quiet', href: `/campus/api/outputs/${o.id}/download?format=csv`, download: '', dataset: { format: 'csv' } }, t('outputs.downloadCsv')), ' ',
      el('a', { class: 'button button-quiet', href: `/campus/api/outputs/${o.id}/download?format=xlsx`, download: '', dataset: { format: 'xlsx' } }, t('outputs.downloadXlsx')));
    const id = (f) => `publish-${o.id}-${f}`;
    const publishStatus = el('p', { class: 'run-status', role: 'status', 'aria-live': 'polite' });
    const field = (name, label, control) => el('div', { class: 'field' }, el('label', { for: id(name) }, label), control);
    const form = el('form', { class: 'publish-form', dataset: { output: o.id } },
      el('h4', {}, t('publish.title')),
      el('div', { class: 'publish-fields' },
        field('name', t('publish.name'),
          el('input', { id: id('name'), name: 'name', type: 'text', required: true, pattern: '[a-z][a-z0-9_\\-]{1,62}', autocapitalize: 'none', spellcheck: 'false' })),
        field('title', t('publish.datasetTitle'), el('input', { id: id('title'), name: 'title', type: 'text', required: true, maxlength: '300', value: o.title || '' })),
        field('title_en', t('publish.datasetTitleEn'), el('input', { id: id('title_en'), name: 'title_en', type: 'text', maxlength: '300' })),
        field('access', t('publish.access'), el('select', { id: id('access'), name: 'access' },
          el('option', { value: 'public' }, t('access.public')), el('option', { value: 'registered' }, t('access.registered'))))),
      el('button', { type: 'submit', class: 'button' }, t('publish.submit')),
      publishStatus);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      publishStatus.classList.remove('run-status-failed');
      try {
        const answer = await api('POST', `/campus/api/outputs/${o.id}/publication`, {
          name: form.elements.name.value.trim(), title: form.elements.title.value.trim(),
          title_en: form.elements.title_en.value.trim() || null, access: form.elements.access.value,
        });
        say(t('publish.done', answer.dataset));
        await load();
      } catch (error) {
        publishStatus.textContent = error.message;
        publishStatus.classList.add('run-status-failed');
        if (error.field && form.elements[error.field]) form.elements[error.field].focus();
      }
    });
    return el('div', { class: 'output-actions' }, download, form);
  }

  async function load() {
    try {
      const { outputs } = await api('GET', `${base}/outputs`);
      list.textContent = '';
      if (outputs.length === 0) list.append(el('p', { class: 'muted' }, t('outputs.none')));
      for (const o of outputs) list.append(renderOutput(o, actions(o)));
      list.dataset.state = 'ready';
    } catch (error) {
      list.textContent = '';
      list.append(el('p', { class: 'muted' }, error.status === 404 ? t('outputs.unavailable') : error.message));
      list.dataset.state = error.status === 404 ? 'unavailable' : 'failed';
    }
  }

  load();
}

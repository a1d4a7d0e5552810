// A project's workspace: the SQL editor (CodeMirror 5, SQL highlighting, completion of the tables and columns the
// project may read), the schema browser (GET /campus/api/projects/{id}/schema), runs (POST /campus/api/sql; Ctrl- or
// Cmd-Enter), the result grid with its CSV download (only for results that read no restricted data), charts of the
// result, saved queries and working tables. Each successful run is announced to the page as a 'campus:result' event
// on the root element ({sql, result}); window.madangWorkspace holds the editor and the last result for tests.
import { api } from './api.js';
import { t, el, number, dateTime } from './texts.js';
import { drawChart, isNumericType } from './chart.js';

const GRID_ROWS = 1000;

export function startWorkspace(root) {
  const project = Number(root.dataset.project);
  const base = `/campus/api/projects/${project}`;
  const state = { schema: null, last: null, columnsByTable: {} };
  const $ = (id) => document.getElementById(id);

  // ---------- the editor ----------
  const textarea = $('sql-editor');
  const editor = CodeMirror.fromTextArea(textarea, {
    mode: 'text/x-sql',
    lineNumbers: true,
    matchBrackets: true,
    indentUnit: 2,
    tabSize: 2,
    inputStyle: 'contenteditable',
    screenReaderLabel: t('editor.label'),
    // Tab and Shift-Tab move the focus as everywhere else on the page (no keyboard trap)
    extraKeys: { 'Ctrl-Enter': () => run(), 'Cmd-Enter': () => run(), 'Ctrl-Space': 'autocomplete', Tab: false, 'Shift-Tab': false },
    hintOptions: { hint: completions, completeSingle: false, tables: {} },
  });
  editor.getWrapperElement().setAttribute('aria-describedby', 'editor-help');
  editor.on('inputRead', (cm, change) => {
    if (change.origin !== '+input' || cm.state.completionActive) return;
    const token = cm.getTokenAt(cm.getCursor());
    if (change.text.join('') === '.' || /^[\w$]{2,}$/.test(token.string)) cm.showHint({ completeSingle: false });
  });
  document.getElementById('editor-label').addEventListener('click', () => editor.focus());
  window.madangWorkspace = { editor, state };

  /** sql-hint's tables, keywords and table.column, and also the columns of the tables the query names, unqualified. */
  function completions(cm, options) {
    const answer = CodeMirror.hint.sql(cm, options);
    const cursor = cm.getCursor();
    const token = cm.getTokenAt(cursor);
    const word = /^[\w$]+$/.test(token.string) ? token.string.slice(0, cursor.ch - token.start).toLowerCase() : '';
    if (!word) return answer;
    const text = cm.getValue().toLowerCase();
    const seen = new Set(answer.list.map((w) => (typeof w === 'string' ? w : w.text)));
    const columns = [];
    for (const [table, names] of Object.entries(state.columnsByTable)) {
      if (!new RegExp(`\\b${table}\\b`).test(text)) continue;
      for (const name of names) {
        if (name.startsWith(word) && !seen.has(name)) {
          seen.add(name);
          columns.push({ text: name, displayText: `${name} · ${table}`, className: 'CodeMirror-hint-column' });
        }
      }
    }
    answer.list = [...columns, ...answer.list];
    return answer;
  }

  function insert(text) {
    editor.replaceSelection(text);
    editor.focus();
  }

  // ---------- the schema browser ----------
  const tree = $('schema-tree');
  const filter = $('schema-filter');

  async function loadSchema() {
    try {
      state.schema = await api('GET', `${base}/schema`);
    } catch (error) {
      tree.textContent = error.message;
      tree.dataset.state = 'failed';
      return;
    }
    const tables = {};
    state.columnsByTable = {};
    for (const d of state.schema.datasets) {
      tables[d.sql_name] = d.columns.map((c) => c.name);
      state.columnsByTable[d.sql_name] = tables[d.sql_name];
    }
    for (const w of state.schema.tables) {
      tables[w.name] = w.columns.map((c) => c.name);
      state.columnsByTable[w.name] = tables[w.name];
    }
    editor.setOption('hintOptions', { ...editor.getOption('hintOptions'), tables });
    renderSchema();
  }

  function columnList(columns) {
    return el('ul', { class: 'schema-columns' }, columns.map((c) => el('li', { dataset: { column: c.name } },
      el('button', { type: 'button', class: 'link-button', title: t('schema.insert', c.name), onclick: () => insert(c.name) }, c.name),
      c.label && c.label !== c.name ? el('span', { class: 'column-label' }, ` ${c.label}`) : null,
      el('span', { class: 'column-type muted' }, ` ${c.type}`))));
  }

  function entry(name, title, badge, columns, kind) {
    return el('details', { class: 'schema-entry', dataset: { table: name, kind } },
      el('summary', {}, el('code', {}, name), title ? el('span', { class: 'schema-title' }, ` ${title}`) : null, badge ? ' ' : null, badge),
      el('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => insert(name) }, t('schema.insert', name)),
      columnList(columns));
  }

  function renderSchema() {
    const q = filter.value.trim().toLowerCase();
    const matches = (...texts) => !q || texts.some((s) => s && s.toLowerCase().includes(q));
    tree.textContent = '';
    const datasets = state.schema.datasets.filter((d) => matches(d.sql_name, d.title, d.title_en, ...d.columns.flatMap((c) => [c.name, c.label])));
    tree.append(el('h4', {}, t('schema.datasets', datasets.length)));
    for (const d of datasets) {
      const title = document.documentElement.lang === 'en' && d.title_en ? d.title_en : d.title;
      const badge = el('span', { class: `badge badge-${d.access}` }, t('access.' + d.access));
      tree.append(entry(d.sql_name, title, badge, d.columns, 'dataset'));
    }
    const tables = state.schema.tables.filter((w) => matches(w.name, ...w.columns.map((c) => c.name)));
    tree.append(el('h4', {}, t('schema.tables', tables.length)));
    if (state.schema.tables.length === 0) tree.append(el('p', { class: 'muted' }, t('tables.none')));
    for (const w of tables) tree.append(entry(w.name, t('tables.rows', number(w.row_count)), null, w.columns, 'table'));
    tree.dataset.state = 'ready';
  }

  filter.addEventListener('input', () => state.schema && renderSchema());

  // ---------- running ----------
  const runButton = $('run-sql');
  const runStatus = $('run-status');
  const resultSection = $('result');
  const errorBox = $('result-error');
  let errorLine = null;
  let running = false;

  function say(element, text, failed) {
    element.textContent = text;
    element.classList.toggle('run-status-failed', !!failed);
  }

  async function run() {
    const sql = editor.getValue();
    if (running || !sql.trim()) return;
    running = true;
    runButton.disabled = true;
    clearError();
    say(runStatus, t('run.running'));
    resultSection.dataset.state = 'running';
    try {
      const result = await api('POST', '/campus/api/sql', { sql, project });
      state.last = { sql, result };
      renderResult(result);
      say(runStatus, result.table ? t('tables.created', result.table.name, number(result.table.row_count)) : t('run.done', number(result.row_count)));
      if (result.table) {
        loadTables();
        loadSchema();
      } else {
        root.dispatchEvent(new CustomEvent('campus:result', { detail: state.last }));
      }
    } catch (error) {
      showError(error);
      say(runStatus, t('run.failed'), true);
    } finally {
      running = false;
      runButton.disabled = false;
    }
  }

  runButton.addEventListener('click', run);

  function clearError() {
    errorBox.hidden = true;
    errorBox.textContent = '';
    delete resultSection.dataset.errorLine;
    delete resultSection.dataset.errorColumn;
    if (errorLine !== null) {
      editor.removeLineClass(errorLine, 'background', 'cm-error-line');
      errorLine = null;
    }
  }

  /** A refusal or error: its sentence with line and column, the line marked and the cursor put where the problem is. */
  function showError(error) {
    resultSection.dataset.state = 'failed';
    errorBox.hidden = false;
    const line = Number.isInteger(error.line) ? error.line : null;
    const column = Number.isInteger(error.column) ? error.column : null;
    errorBox.textContent = line !== null ? t('result.errorAt', line, column ?? 1, error.message) : error.message;
    if (line !== null && line >= 1 && line <= editor.lineCount()) {
      resultSection.dataset.errorLine = String(line);
      resultSection.dataset.errorColumn = String(column ?? 1);
      errorLine = line - 1;
      editor.addLineClass(errorLine, 'background', 'cm-error-line');
      editor.setCursor({ line: line - 1, ch: Math.max(0, (column ?? 1) - 1) });
      editor.focus();
    }
  }

  // ---------- the result ----------
  function cell(value) {
    if (value === null || value === undefined) return el('td', { class: 'null' }, 'NULL');
    if (typeof value === 'number') return el('td', { class: 'num' }, number(value));
    if (typeof value === 'object') return el('td', {}, JSON.stringify(value));
    return el('td', {}, String(value));
  }

  function renderResult(result) {
    const grid = $('result-grid');
    const head = grid.tHead;
    const body = grid.tBodies[0];
    head.textContent = '';
    body.textContent = '';
    head.append(el('tr', {}, result.columns.map((c) => el('th', { scope: 'col', class: isNumericType(c.type) ? 'num' : null, dataset: { type: c.type } },
      c.name, el('span', { class: 'column-type' }, c.type)))));
    for (const row of result.rows.slice(0, GRID_ROWS)) body.append(el('tr', {}, result.columns.map((c) => cell(row[c.name]))));
    const shown = Math.min(result.rows.length, GRID_ROWS);
    $('result-meta').textContent = t('result.meta', number(result.row_count), number(result.elapsed_ms))
      + (shown < result.rows.length ? ' ' + t('result.gridLimit', number(shown)) : '');
    const truncated = $('result-truncated');
    truncated.hidden = !result.truncated;
    truncated.textContent = result.truncated ? t('result.truncated', number(result.row_count)) : '';
    const restricted = result.restricted === true;
    $('download-csv').hidden = restricted || result.columns.length === 0;
    const note = $('restricted-note');
    note.hidden = !restricted;
    note.textContent = '';
    if (restricted) {
      note.append(t('result.restricted', (result.restricted_datasets || result.datasets_read || []).join(', ')), ' ',
        el('a', { href: '#outputs-section' }, t('result.toOutputs')));
    }
    resultSection.dataset.state = 'ready';
    resultSection.dataset.rows = String(result.row_count);
    resultSection.dataset.restricted = String(restricted);
    fillChartChoices(result);
  }

  function csvValue(v) {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }

  $('download-csv').addEventListener('click', () => {
    const result = state.last?.result;
    if (!result || result.restricted === true) return;
    const lines = [result.columns.map((c) => csvValue(c.name)).join(',')];
    for (const row of result.rows) lines.push(result.columns.map((c) => csvValue(row[c.name])).join(','));
    // a byte order mark, so spreadsheet programs read the Korean text as UTF-8
    const blob = new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
    const link = el('a', { href: URL.createObjectURL(blob), download: `project-${project}-result.csv` });
    document.body.append(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  });

  // ---------- charts ----------
  const chartForm = $('chart-form');
  const chartX = $('chart-x');
  const chartY = $('chart-y');

  function fillChartChoices(result) {
    const keep = (select) => select.value;
    const x = keep(chartX);
    const y = keep(chartY);
    chartX.textContent = '';
    chartY.textContent = '';
    for (const c of result.columns) chartX.append(el('option', { value: c.name }, `${c.name} (${c.type})`));
    const numeric = result.columns.filter((c) => isNumericType(c.type));
    for (const c of numeric) chartY.append(el('option', { value: c.name }, `${c.name} (${c.type})`));
    if (x && result.columns.some((c) => c.name === x)) chartX.value = x;
    else if (numeric.length && result.columns.length > 1) chartX.value = (result.columns.find((c) => !isNumericType(c.type)) || result.columns[0]).name;
    if (y && numeric.some((c) => c.name === y)) chartY.value = y;
    else if (numeric.length) chartY.value = (numeric.find((c) => c.name !== chartX.value) || numeric[0]).name;
    $('draw-chart').disabled = numeric.length === 0 || result.rows.length === 0;
    say($('chart-status'), numeric.length === 0 ? t('chart.noNumbers') : '');
  }

  chartForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = state.last?.result;
    if (!result) return;
    try {
      const drawn = await drawChart($('chart'), result, $('chart-type').value, chartX.value, chartY.value);
      say($('chart-status'), t('chart.drawn', number(drawn.points), t('chart.' + drawn.type), chartX.value, chartY.value)
        + (drawn.points < result.rows.length ? ' ' + t('chart.limited', number(drawn.points)) : ''));
    } catch (error) {
      say($('chart-status'), error.message, true);
    }
  });

  // ---------- saved queries ----------
  const savedList = $('saved-queries');

  function renderQueries(queries) {
    savedList.textContent = '';
    if (queries.length === 0) savedList.append(el('li', { class: 'muted' }, t('queries.none')));
    for (const q of queries) {
      savedList.append(el('li', { dataset: { name: q.name } },
        el('span', { class: 'item-name' }, q.name),
        el('span', { class: 'muted' }, ` ${t('queries.savedBy', q.saved_by, dateTime(q.saved_at))}`),
        el('span', { class: 'item-actions' },
          el('button', { type: 'button', class: 'button button-quiet button-small', dataset: { action: 'open' }, 'aria-label': t('queries.openNamed', q.name),
            onclick: () => { editor.setValue(q.sql); editor.focus(); say($('queries-status'), t('queries.opened', q.name)); $('query-name').value = q.name; } }, t('queries.open')),
          el('button', { type: 'button', class: 'button button-quiet button-small', dataset: { action: 'delete' }, 'aria-label': t('queries.deleteNamed', q.name),
            onclick: () => deleteQuery(q.name) }, t('queries.delete')))));
    }
  }

  async function loadQueries() {
    try {
      renderQueries((await api('GET', `${base}/queries`)).queries);
    } catch (error) {
      say($('queries-status'), error.message, true);
    }
  }

  async function deleteQuery(name) {
    if (!confirm(t('queries.confirmDelete', name))) return;
    try {
      await api('DELETE', `${base}/queries/${encodeURIComponent(name)}`);
      say($('queries-status'), t('queries.deleted', name));
      loadQueries();
    } catch (error) {
      say($('queries-status'), error.message, true);
    }
  }

  $('save-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('query-name').value.trim();
    try {
      renderQueries((await api('POST', `${base}/queries`, { name, sql: editor.getValue() })).queries);
      say($('queries-status'), t('queries.saved', name));
    } catch (error) {
      say($('queries-status'), error.message, true);
      $('query-name').focus();
    }
  });

  // ---------- working tables ----------
  const tableList = $('working-tables');

  async function loadTables() {
    try {
      const { tables } = await api('GET', `${base}/tables`);
      tableList.textContent = '';
      if (tables.length === 0) tableList.append(el('li', { class: 'muted' }, t('tables.none')));
      for (const w of tables) {
        tableList.append(el('li', { dataset: { name: w.name } },
          el('code', { class: 'item-name' }, w.name),
          el('span', { class: 'muted' }, ` ${t('tables.size', number(w.row_count), number(w.columns))}`),
          el('span', { class: 'item-actions' },
            el('button', { type: 'button', class: 'button button-quiet button-small', dataset: { action: 'query' }, 'aria-label': t('tables.queryNamed', w.name),
              onclick: () => { editor.setValue(`SELECT *\nFROM ${w.name}\nLIMIT 100`); editor.focus(); } }, t('tables.query')),
            el('button', { type: 'button', class: 'button button-quiet button-small', dataset: { action: 'drop' }, 'aria-label': t('tables.dropNamed', w.name),
              onclick: () => dropTable(w.name) }, t('tables.drop')))));
      }
    } catch (error) {
      say($('tables-status'), error.message, true);
    }
  }

  async function dropTable(name) {
    if (!confirm(t('tables.confirmDrop', name))) return;
    try {
      await api('DELETE', `${base}/tables/${encodeURIComponent(name)}`);
      say($('tables-status'), t('tables.dropped', name));
      loadTables();
      loadSchema();
    } catch (error) {
      say($('tables-status'), error.message, true);
    }
  }

  $('table-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('table-name');
    name.removeAttribute('aria-invalid');
    clearError();
    say($('tables-status'), t('tables.creating', name.value));
    try {
      const answer = await api('POST', `${base}/tables`, { name: name.value.trim(), sql: editor.getValue(), replace: $('table-replace').checked });
      say($('tables-status'), t('tables.created', answer.table.name, number(answer.table.row_count)));
      loadTables();
      loadSchema();
    } catch (error) {
      say($('tables-status'), error.message, true);
      if (error.field === 'name') {
        name.setAttribute('aria-invalid', 'true');
        name.focus();
      } else if (error.line) {
        showError(error);
      }
    }
  });

  loadSchema();
  loadQueries();
  loadTables();
  return { editor, state };
}

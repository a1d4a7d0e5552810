// Directives on the Mayor's Office dashboard (/office) and the citizens' view (/public).
// Office: open directives as map markers (a pin; overdue ones a double-bordered ⏰ with the word in their tooltip, so
// they stand out without colour), a panel of open and overdue counts per department with a call button each, kept
// live over /directives/api/stream; "issue a directive" buttons on the district drill-down (the district and each of
// its open alerts), on the selected indicator, and on the map (right-click or long-press: a map point).
// Public: the configured subset (/directives/api/public: done directives on public matters) as ✔ markers and a list.
// Mounted by office.html once the dashboard is ready (event madang:office-ready); installs window.madangDirectives.
import { t, el, api, departmentName, when, english } from './directive-texts.js';
import './directive-dialog.js';

const office = document.getElementById('office');
const audience = office.dataset.audience;
const panel = document.getElementById('directive-panel');

function marker(map, d, glyph, overdue) {
  const label = `${d.title} · ${departmentName(d)} · ${t(`status.${d.status}`)}${overdue ? ` · ${t('overdue')}` : ''}`;
  return L.marker([d.lat, d.lon], {
    icon: L.divIcon({ className: `directive-marker${overdue ? ' is-overdue' : ''}`, html: `<span aria-hidden="true">${glyph}</span>`, iconSize: [22, 22] }),
    title: label, alt: label, keyboard: false,
  }).bindTooltip(label.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`));
}

async function mountOffice(districtMap) {
  const layer = L.layerGroup().addTo(districtMap.map);
  const refresh = async () => {
    const summary = await api('GET', '/summary');
    layer.clearLayers();
    for (const d of summary.open) {
      if (d.lat === null || d.lat === undefined) continue;
      marker(districtMap, d, d.overdue ? '⏰' : '📌', d.overdue).on('click', () => { location.href = `/directives#${d.id}`; }).addTo(layer);
    }
    const rows = Object.entries(summary.departments);
    panel.dataset.open = String(summary.open.length);
    panel.querySelector('.directive-counts-body').replaceChildren(rows.length
      ? el('ul', { class: 'directive-counts' }, rows.map(([code, n]) => el('li', { dataset: { department: code, open: String(n.open), overdue: String(n.overdue) } },
        el('strong', { text: departmentName(summary.open.find((d) => d.department === code) || { department: code }) }), ' ',
        t('countLine', n.open, n.overdue), n.overdue ? el('span', { class: 'overdue-badge', text: ` ⏰ ${t('overdue')}` }) : null, ' ',
        el('button', { type: 'button', class: 'link-button directive-call', onclick: () => window.madangDirectives.call(code), text: `☎ ${t('contact')}` }))))
      : el('p', { class: 'muted', text: t('none') }));
    panel.dataset.state = 'ready';
  };
  let queued = null;
  const later = () => { clearTimeout(queued); queued = setTimeout(() => refresh().catch(() => {}), 300); };
  const source = new EventSource('/directives/api/stream');
  for (const kind of ['issued', 'status', 'overdue']) source.addEventListener(kind, later);
  document.addEventListener('madang:directive-issued', later);
  await refresh();

  // the district drill-down: about the district, and about each of its open alerts
  const districtPanel = document.getElementById('district-panel');
  const decorate = () => {
    const code = districtPanel.dataset.code;
    const head = districtPanel.querySelector('.district-head');
    head.querySelector('.directive-issue-buttons')?.remove();
    if (districtPanel.hidden || !code) return;
    const name = districtPanel.querySelector('.district-title').textContent;
    const alerts = (window.madangOffice.state.alerts || []).filter((a) => a.district_code === code);
    // the district's major projects (a project placed in it), each a subject of its own
    const projects = (window.madangOffice.state.projects || []).filter((p) => p.district_code === code);
    const projectName = (p) => (english && p.name_en) || p.name;
    head.append(el('div', { class: 'directive-issue-buttons' },
      el('button', { type: 'button', class: 'button directive-issue', dataset: { kind: 'district' }, text: `📌 ${t('issue')}`,
        onclick: () => window.madangDirectives.issue({ kind: 'district', ref: code, label: name }) }),
      alerts.map((a) => el('button', { type: 'button', class: 'button button-quiet directive-issue', dataset: { kind: 'alert', ref: String(a.id) },
        text: `⚠ ${a.title}`, onclick: () => window.madangDirectives.issue({ kind: 'alert', ref: a.id, label: `${a.title} · ${a.station}`, district: code }) })),
      projects.map((p) => el('button', { type: 'button', class: 'button button-quiet directive-issue', dataset: { kind: 'project', ref: String(p.id) },
        text: `▣ ${projectName(p)}`, onclick: () => window.madangDirectives.issue({ kind: 'project', ref: p.id, label: projectName(p), district: code,
          geometry: p.lat !== null && p.lat !== undefined ? { type: 'Point', coordinates: [p.lon, p.lat] } : null }) }))));
  };
  new MutationObserver(decorate).observe(districtPanel, { attributes: true, attributeFilter: ['hidden', 'data-code'] });
  new MutationObserver(decorate).observe(districtPanel.querySelector('.district-title'), { childList: true, characterData: true, subtree: true });
  decorate(); // a drill-down opened before this module was mounted (a permanent link) gets its buttons now

  // the selected indicator
  const indicators = document.getElementById('indicator-list');
  const decorateIndicator = () => {
    const selected = indicators.querySelector('.indicator.selected');
    if (!selected || selected.querySelector('.directive-issue')) return;
    selected.append(el('button', { type: 'button', class: 'link-button directive-issue', dataset: { kind: 'indicator' }, text: `📌 ${t('issue')}`,
      onclick: (e) => { e.stopPropagation(); window.madangDirectives.issue({ kind: 'indicator', ref: selected.dataset.code, label: selected.querySelector('.indicator-name')?.textContent }); } }));
  };
  new MutationObserver(decorateIndicator).observe(indicators, { subtree: true, attributes: true, attributeFilter: ['class'], childList: true });
  decorateIndicator();

  // a point of the map
  districtMap.map.on('contextmenu', (e) => window.madangDirectives.issue({
    kind: 'point', label: `${t('mapPoint')} ${e.latlng.lat.toFixed(5)}, ${e.latlng.lng.toFixed(5)}`,
    geometry: { type: 'Point', coordinates: [Number(e.latlng.lng.toFixed(6)), Number(e.latlng.lat.toFixed(6))] },
  }));
  office.dataset.directives = 'ready';
}

async function mountPublic(districtMap) {
  const layer = L.layerGroup().addTo(districtMap.map);
  const answer = await fetch('/directives/api/public', { headers: { Accept: 'application/json' } }).then((r) => r.json());
  for (const d of answer.directives) if (d.lat !== null && d.lat !== undefined) marker(districtMap, d, '✔', false).addTo(layer);
  panel.querySelector('.directive-counts-body').replaceChildren(answer.directives.length
    ? el('ul', { class: 'plain-list directive-public' }, answer.directives.map((d) => el('li', { dataset: { id: String(d.id) } },
      `✔ ${d.title} · ${departmentName(d)} · ${when(d.done_on)}`)))
    : el('p', { class: 'muted', text: t('none') }));
  panel.dataset.state = 'ready';
  office.dataset.directives = 'ready';
}

function mount() {
  const districtMap = window.madangOffice && window.madangOffice.map;
  if (!districtMap) return false;
  (audience === 'public' ? mountPublic(districtMap) : mountOffice(districtMap)).catch((e) => { panel.dataset.state = 'failed'; console.error(e); });
  return true;
}

if (!mount()) document.addEventListener('madang:office-ready', mount, { once: true });

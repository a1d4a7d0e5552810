// The district drill-down: its air, open alerts, indicators with a district breakdown, projects and datasets.
import { t, localName, number, won, el, english } from './texts.js';
import { GRADE_GLYPHS, gradeName } from './air.js';
import { STATUS_GLYPHS, statusText } from './indicators-panel.js';
import { milestoneList } from './projects-panel.js';

export async function renderDistrict(panel, code, { audience, air, alerts, indicators }) {
  const body = panel.querySelector('.district-body');
  const title = panel.querySelector('.district-title');
  panel.hidden = false;
  panel.dataset.code = code;
  body.replaceChildren(el('p', { class: 'muted', text: t('loading') }));
  // the office asks on its page path, where the official's session counts; the citizens' view asks as anyone would
  const response = await fetch(audience === 'public' ? `/api/office/districts/${encodeURIComponent(code)}?audience=public`
    : `/office/data/districts/${encodeURIComponent(code)}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    body.replaceChildren(el('p', { text: t('district.failed') }));
    return;
  }
  const d = await response.json();
  title.textContent = localName(d);
  const a = air || d.air || {};
  const mine = alerts.filter((x) => x.district_code === code);
  const withBreakdown = indicators.filter((i) => i.districts && i.districts[code] !== undefined);
  body.replaceChildren(
    el('section', {}, el('h3', { text: t('district.air') }),
      el('p', { class: `grade-line grade-${a.grade || 0}` }, el('span', { class: 'glyph', 'aria-hidden': 'true', text: GRADE_GLYPHS[a.grade || 0] }),
        ` ${gradeName(a.grade)} · PM10 ${number(a.pm10, 0)} · PM2.5 ${number(a.pm25, 0)} µg/m³`)),
    el('section', {}, el('h3', { text: `${t('district.alerts')} (${mine.length})` }),
      mine.length ? el('ul', { class: 'plain-list' }, mine.map((x) => el('li', { text: `⚠ ${localName(x, 'title')} · ${x.station} · ${number(x.raised_value)}` })))
        : el('p', { class: 'muted', text: t('alerts.none') })),
    el('section', {}, el('h3', { text: `${t('district.indicators')} (${withBreakdown.length})` }),
      withBreakdown.length ? el('ul', { class: 'plain-list' }, withBreakdown.map((i) => el('li', {},
        el('span', { 'aria-hidden': 'true', text: STATUS_GLYPHS[i.status] + ' ' }), `${localName(i)}: `, el('strong', { text: number(i.districts[code]) }), ` ${i.unit}`,
        el('span', { class: 'muted', text: ` (${t('district.cityValue')} ${number(i.value)}, ${statusText(i.status)})` }))))
        : el('p', { class: 'muted', text: t('district.noIndicators') })),
    el('section', {}, el('h3', { text: `${t('district.projects')} (${d.projects.length})` }),
      d.projects.length ? el('ul', { class: 'plain-list' }, d.projects.map((p) => el('li', {},
        el('strong', { text: localName(p) }), ` · ${localName(p, 'department')} · ${won(p.budget_krw)} · ${Math.round((p.progress || 0) * 100)}%`,
        p.demo ? el('span', { class: 'demo-badge', text: t('demo') }) : null, milestoneList(p))))
        : el('p', { class: 'muted', text: t('district.noProjects') })),
    el('section', {}, el('h3', { text: `${t('district.datasets')} (${d.datasets.length})` }),
      d.datasets.length ? el('ul', { class: 'plain-list dataset-list' }, d.datasets.map((s) => el('li', {},
        el('a', { href: `/datasets/${encodeURIComponent(s.name)}`, text: english ? (s.title_en || s.title) : s.title }),
        el('span', { class: 'muted', text: s.rows_in_district === null ? ` · ${t('district.rowsSignIn')}` : ` · ${t('district.rows', number(s.rows_in_district, 0))}` }))))
        : el('p', { class: 'muted', text: t('district.noDatasets') })));
  panel.querySelector('.district-close').focus({ preventScroll: true });
}

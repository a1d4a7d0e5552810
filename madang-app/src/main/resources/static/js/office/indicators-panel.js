// The indicators panel: the master plan's themes, each indicator with value, target, achievement gauge, status
// (glyph + word + pattern, never colour alone) and a trend sparkline (ECharts).
import { t, localName, number, el, english } from './texts.js';

export const STATUS_GLYPHS = { achieved: '✔', on_track: '↗', at_risk: '!', off_track: '✖', no_target: '–', no_data: '∅' };

/** One indicator of /api/indicators (org.madang.indicators.IndicatorJson) in the shape this panel uses. */
export function normalise(raw) {
  const status = String(raw.status || 'no_data').toLowerCase().replace(/[-\s]/g, '_');
  return {
    code: raw.code,
    name: raw.name || raw.code,
    name_en: raw.name_en,
    theme: raw.theme || 'other',
    theme_name: raw.theme_title || raw.theme,
    theme_name_en: raw.theme_title_en,
    unit: raw.unit || '',
    polarity: raw.polarity,
    value: raw.value,
    year: raw.year,
    target: raw.target,
    target_year: raw.target_year,
    achievement: raw.achievement ?? null,
    status: STATUS_GLYPHS[status] ? status : 'no_data',
    manual: raw.method === 'manual',
    source: raw.organization_title || '',
    districts: null, // from the history: the latest year's value of each district
    history: null, // from the history: the city's value by year
  };
}

/** Takes /api/indicators/{code}/history into the indicator: the sparkline's points and the latest district values. */
export function takeHistory(indicator, h) {
  indicator.history = (h.values || []).filter((v) => v.value !== null).sort((a, b) => a.year - b.year).map((v) => ({ label: String(v.year), value: v.value }));
  const latest = new Map();
  for (const d of h.districts || []) {
    const seen = latest.get(d.district_code);
    if (!seen || d.year > seen.year) latest.set(d.district_code, d);
  }
  if (latest.size) {
    indicator.districts = Object.fromEntries([...latest].map(([code, d]) => [code, d.value]));
    indicator.districts_year = Math.max(...[...latest.values()].map((d) => d.year));
  }
}

export function statusText(status) {
  return t('status.' + status);
}

/** Renders all indicators grouped by theme, in the API's order; returns the rows' sparkline holders by code. */
export function renderIndicators(container, indicators, { onSelect, onGuess, selected }) {
  const themes = new Map();
  for (const i of indicators) {
    if (!themes.has(i.theme)) themes.set(i.theme, { name: english ? (i.theme_name_en || i.theme_name) : i.theme_name, items: [] });
    themes.get(i.theme).items.push(i);
  }
  const sparks = new Map();
  container.replaceChildren(...[...themes.entries()].map(([code, theme]) => el('section', { class: 'theme', 'data-theme': code },
    el('h3', { class: 'theme-title' }, theme.name, el('span', { class: 'muted', text: ` ${theme.items.length}` })),
    el('ul', { class: 'indicator-list' }, theme.items.map((i) => {
      const spark = el('span', { class: 'sparkline', 'aria-hidden': 'true' });
      sparks.set(i.code, spark);
      const pct = i.achievement === null ? null : Math.round(i.achievement * 100);
      const describe = `${localName(i)}: ${number(i.value)} ${i.unit}, ${t('target')} ${number(i.target)} ${i.unit}, ` +
        `${t('achievement')} ${pct === null ? '–' : pct + '%'}, ${statusText(i.status)}${i.districts ? ', ' + t('indicator.hasMap') : ''}`;
      return el('li', { class: `indicator status-${i.status}${selected === i.code ? ' selected' : ''}`, 'data-code': i.code },
        el('button', { type: 'button', class: 'indicator-main', 'aria-label': describe, title: i.source || '', onclick: () => onSelect(i) },
          el('span', { class: 'status-badge', 'aria-hidden': 'true', text: STATUS_GLYPHS[i.status] }),
          el('span', { class: 'indicator-name', text: localName(i) }),
          i.districts ? el('span', { class: 'map-mark', 'aria-hidden': 'true', text: '▦' }) : null,
          el('span', { class: 'indicator-value' }, el('strong', { text: number(i.value) }), ` ${i.unit}`,
            el('span', { class: 'muted', text: ` / ${number(i.target)}` })),
          el('span', { class: 'gauge', 'aria-hidden': 'true' },
            el('span', { class: 'gauge-fill', style: `width:${Math.max(0, Math.min(100, pct ?? 0))}%` })),
          el('span', { class: 'gauge-text', 'aria-hidden': 'true', text: pct === null ? '–' : pct + '%' }),
          spark,
          el('span', { class: 'status-text', 'aria-hidden': 'true', text: statusText(i.status) })),
        onGuess ? el('button', { type: 'button', class: 'guess-button', 'aria-label': t('guess.open', localName(i)), onclick: () => onGuess(i), text: t('guess.short') }) : null);
    })))));
  return sparks;
}

/** Draws a sparkline of the indicator's history into its holder with ECharts (SVG renderer: crisp and light). */
export function drawSparkline(holder, history) {
  const points = (history || []).filter((h) => h.value !== null && h.value !== undefined);
  if (points.length < 2 || !window.echarts) {
    holder.classList.add('empty');
    return null;
  }
  const chart = echarts.init(holder, null, { renderer: 'svg', width: holder.clientWidth || 64, height: holder.clientHeight || 20 });
  chart.setOption({
    animation: false,
    grid: { left: 1, right: 1, top: 2, bottom: 2 },
    xAxis: { type: 'category', show: false, data: points.map((p) => p.label) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [{ type: 'line', data: points.map((p) => p.value), showSymbol: false, lineStyle: { width: 1.5, color: '#0b5f6a' },
      areaStyle: { color: 'rgba(11,95,106,0.12)' } }],
  });
  holder.dataset.points = String(points.length);
  return chart;
}

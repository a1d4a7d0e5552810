// The real-time status panel: air by district with Korean grades, traffic, crowding and open alerts.
import { t, localName, number, time, el } from './texts.js';
import { GRADE_GLYPHS, gradeName, gradeNameShort } from './air.js';

export function renderAir(container, districts, onSelect) {
  const counts = [0, 0, 0, 0, 0];
  districts.forEach((d) => counts[d.grade || 0]++);
  const summary = document.getElementById('air-summary');
  summary.replaceChildren(...[1, 2, 3, 4].map((g) => el('span', { class: `grade-count grade-${g}` },
    el('span', { class: 'glyph', 'aria-hidden': 'true', text: GRADE_GLYPHS[g] }), `${gradeNameShort(g)} ${counts[g]}`)));
  // tiles are updated in place: a keyboard user's focus stays on its tile while the readings move every few seconds
  const tiles = new Map([...container.querySelectorAll('.air-tile')].map((b) => [b.dataset.code, b]));
  if (tiles.size === districts.length && districts.every((d) => tiles.has(d.code))) {
    for (const d of districts) {
      const b = tiles.get(d.code);
      const label = airLabel(d);
      if (b.getAttribute('aria-label') === label) continue;
      b.className = `air-tile grade-${d.grade || 0}`;
      b.dataset.grade = String(d.grade || 0);
      b.setAttribute('aria-label', label);
      b.querySelector('.air-grade').replaceChildren(el('span', { class: 'glyph', 'aria-hidden': 'true', text: GRADE_GLYPHS[d.grade || 0] }), ` ${gradeNameShort(d.grade)}`);
      b.querySelector('.air-values').textContent = `${number(d.pm10, 0)} / ${number(d.pm25, 0)}`;
    }
    return;
  }
  container.replaceChildren(...districts.map((d) => el('li', {},
    el('button', {
      type: 'button', class: `air-tile grade-${d.grade || 0}`, 'data-code': d.code, 'data-grade': d.grade || 0,
      'aria-label': airLabel(d),
      onclick: () => onSelect(d.code),
    },
    el('span', { class: 'air-name', text: localName(d).replace(/(구|-gu)$/, '') }),
    el('span', { class: 'air-grade' }, el('span', { class: 'glyph', 'aria-hidden': 'true', text: GRADE_GLYPHS[d.grade || 0] }), ` ${gradeNameShort(d.grade)}`),
    el('span', { class: 'air-values', text: `${number(d.pm10, 0)} / ${number(d.pm25, 0)}` })))));
}

function airLabel(d) {
  return `${localName(d)}: ${gradeName(d.grade)}, PM10 ${number(d.pm10, 0)}, PM2.5 ${number(d.pm25, 0)} µg/m³`;
}

/** True when the container already shows this content (redrawing it would only take a keyboard user's focus away). */
function unchanged(container, content) {
  const signature = JSON.stringify(content);
  if (container.dataset.signature === signature) return true;
  container.dataset.signature = signature;
  return false;
}

export function renderTraffic(container, traffic) {
  if (unchanged(container, traffic)) return;
  if (!traffic || !traffic.links || traffic.links.length === 0) {
    container.replaceChildren(el('p', { class: 'muted', text: t('traffic.none') }));
    return;
  }
  container.replaceChildren(el('p', { class: 'big-number' }, number(traffic.mean_speed, 1), el('small', { text: ' km/h' })),
    el('p', { class: 'muted', text: t('traffic.links', traffic.links.length) }));
}

export function renderCrowding(container, crowding) {
  if (unchanged(container, crowding)) return;
  const places = (crowding && crowding.places) || [];
  if (places.length === 0) {
    container.replaceChildren(el('p', { class: 'muted', text: t('crowding.none') }));
    return;
  }
  const sorted = [...places].sort((a, b) => (b.rank || 0) - (a.rank || 0));
  container.replaceChildren(el('ul', { class: 'plain-list' }, sorted.slice(0, 6).map((p) =>
    el('li', { class: `crowd crowd-${p.rank || 0}` }, el('span', { class: 'glyph', 'aria-hidden': 'true', text: GRADE_GLYPHS[p.rank || 0] }),
      ` ${p.station}: `, el('strong', { text: p.level })))));
}

export function renderAlerts(container, alerts, onSelect) {
  const count = document.getElementById('alert-count');
  count.textContent = String(alerts.length);
  if (unchanged(container, alerts)) return;
  if (alerts.length === 0) {
    container.replaceChildren(el('p', { class: 'muted', text: t('alerts.none') }));
    return;
  }
  container.replaceChildren(el('ul', { class: 'plain-list alert-list' }, alerts.slice(0, 6).map((a) =>
    el('li', { class: `alert-item ${a.status}` },
      el('button', { type: 'button', class: 'link-button', onclick: () => a.district_code && onSelect(a.district_code) },
        el('span', { class: 'glyph', 'aria-hidden': 'true', text: '⚠' }), ` ${localName(a, 'title')} · ${a.station}`),
      el('span', { class: 'muted', text: ` ${number(a.raised_value)} · ${time(a.raised_at)}${a.status === 'acknowledged' ? ' · ' + t('alerts.acknowledged') : ''}` })))));
}

export function renderUpdated(iso) {
  const e = document.getElementById('status-updated');
  if (e) e.textContent = t('updated', time(iso));
}

// The simplified district map: the city's own boundaries (/api/districts) drawn by Leaflet with no tiles, a choropleth
// of the chosen layer (colour AND pattern per class, so it reads without colour vision), markers for hot spots,
// projects and alerts, and a table of the same values as the map's text alternative.
import { t, localName, number, el } from './texts.js';
import { GRADE_GLYPHS, gradeNameShort } from './air.js';

const PALETTES = {
  grade: ['#2b6cb0', '#2f855a', '#dd8a12', '#9b1c1c'],
  sequence: ['#d6e6f2', '#92bfdc', '#4a8fc1', '#1b4f7a'],
};

export class DistrictMap {
  constructor(container, districts, onSelect) {
    this.container = container;
    this.onSelect = onSelect;
    this.map = L.map(container, { zoomSnap: 0.25, attributionControl: false, keyboard: true, zoomControl: true, preferCanvas: false });
    this.layers = new Map(); // district code → Leaflet layer
    this.names = new Map();
    this.classes = new Map();
    this.geo = L.geoJSON(districts, {
      style: () => ({ color: '#ffffff', weight: 1.2, fillColor: '#e7ecee', fillOpacity: 1 }),
      onEachFeature: (feature, layer) => {
        const code = feature.properties.code;
        this.layers.set(code, layer);
        this.names.set(code, feature.properties);
        layer.options.className = 'district district-' + code;
        layer.on('click', () => this.onSelect(code));
        layer.bindTooltip(() => this.tooltip(code), { sticky: true, direction: 'top' });
      },
    }).addTo(this.map);
    this.bounds = this.geo.getBounds();
    this.map.fitBounds(this.bounds, { padding: [6, 6] });
    this.markers = L.layerGroup().addTo(this.map);
    this.projectMarkers = L.layerGroup().addTo(this.map);
    this.alertMarkers = L.layerGroup().addTo(this.map);
    this.installPatterns();
    new ResizeObserver(() => {
      this.map.invalidateSize();
      this.map.fitBounds(this.bounds, { padding: [6, 6], animate: false });
    }).observe(container);
    this.current = { values: new Map(), classOf: () => 0, palette: 'grade', describe: () => '' };
    this.selected = null;
  }

  /** SVG patterns per palette and class: class 1 plain, 2 dots, 3 diagonal lines, 4 cross-hatch. */
  installPatterns() {
    const svg = this.container.querySelector('.leaflet-overlay-pane svg');
    if (!svg) return;
    const ns = 'http://www.w3.org/2000/svg';
    const defs = document.createElementNS(ns, 'defs');
    for (const [palette, colours] of Object.entries(PALETTES)) {
      colours.forEach((colour, i) => {
        const p = document.createElementNS(ns, 'pattern');
        p.setAttribute('id', `office-fill-${palette}-${i + 1}`);
        p.setAttribute('patternUnits', 'userSpaceOnUse');
        p.setAttribute('width', '8');
        p.setAttribute('height', '8');
        const ink = palette === 'sequence' && i < 2 ? '#1b4f7a' : '#ffffff';
        p.innerHTML = `<rect width="8" height="8" fill="${colour}"/>` + [
          '',
          `<circle cx="4" cy="4" r="1.1" fill="${ink}" fill-opacity="0.75"/>`,
          `<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="${ink}" stroke-width="1.2" stroke-opacity="0.7"/>`,
          `<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4 M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="${ink}" stroke-width="1.2" stroke-opacity="0.75"/>`,
        ][i];
        defs.append(p);
      });
    }
    svg.prepend(defs);
  }

  /**
   * Shows a layer: values per district code, a class (1..4, 0 = no data) per value, a palette, and how to say a
   * district's value in words (tooltip and table).
   */
  show(layer) {
    this.current = layer;
    for (const [code, l] of this.layers) {
      const value = layer.values.get(code);
      const cls = value === undefined || value === null ? 0 : layer.classOf(value);
      this.classes.set(code, cls);
      l.setStyle({ fillColor: cls ? `url(#office-fill-${layer.palette}-${cls})` : '#e7ecee' });
      const path = l.getElement();
      if (path) {
        path.dataset.class = String(cls);
        path.dataset.value = value === undefined || value === null ? '' : String(value);
        path.classList.toggle('selected', code === this.selected);
      }
    }
    this.renderLegend();
    this.renderTable();
  }

  tooltip(code) {
    const d = this.names.get(code);
    return `<strong>${escapeHtml(localName(d))}</strong><br>${escapeHtml(this.current.describe(code, this.current.values.get(code)))}`;
  }

  select(code) {
    this.selected = code;
    for (const [c, l] of this.layers) {
      l.getElement()?.classList.toggle('selected', c === code);
      if (c === code) l.bringToFront();
    }
  }

  renderLegend() {
    const legend = document.getElementById('map-legend');
    if (!legend) return;
    const swatch = (fill) => {
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('class', 'legend-swatch');
      svg.setAttribute('viewBox', '0 0 16 16');
      svg.innerHTML = `<rect width="16" height="16" fill="${fill}" stroke="#777" stroke-width="1"/>`;
      return svg;
    };
    legend.replaceChildren(el('span', { class: 'legend-title', text: this.current.title }),
      ...this.current.legend.map((label, i) => el('span', { class: 'legend-item' }, swatch(`url(#office-fill-${this.current.palette}-${i + 1})`), label)),
      el('span', { class: 'legend-item' }, swatch('#e7ecee'), t('noData')));
  }

  /** The text alternative: one row per district with the layer's value and class in words; the name opens the drill-down. */
  renderTable() {
    const body = document.querySelector('#map-table tbody');
    const head = document.querySelector('#map-table-value');
    if (!body) return;
    if (head) head.textContent = this.current.title;
    const rows = [...this.names.entries()].sort((a, b) => localName(a[1]).localeCompare(localName(b[1]), 'ko'));
    body.replaceChildren(...rows.map(([code, d]) => {
      const cls = this.classes.get(code) || 0;
      return el('tr', { 'data-code': code },
        el('th', { scope: 'row' }, el('button', { type: 'button', class: 'link-button', onclick: () => this.onSelect(code) }, localName(d))),
        el('td', { text: this.current.describe(code, this.current.values.get(code)) }),
        el('td', { text: cls ? `${cls}/4 · ${this.current.legend[cls - 1]}` : t('noData') }));
    }));
  }

  centreOf(code) {
    const l = this.layers.get(code);
    return l ? l.getBounds().getCenter() : null;
  }

  /** Hot spots (crowding places): circle markers with their level in words. */
  showPlaces(places) {
    this.markers.clearLayers();
    for (const p of places) {
      if (p.lat === null || p.lon === null || p.lat === undefined) continue;
      const rank = p.rank || 0;
      L.circleMarker([p.lat, p.lon], {
        radius: 5 + rank * 1.5, color: '#1b2a30', weight: 1.5, fillColor: rank ? PALETTES.grade[rank - 1] : '#999', fillOpacity: 0.9,
        className: 'hotspot-marker',
      }).bindTooltip(`${escapeHtml(p.station)}: ${escapeHtml(p.level)}`).addTo(this.markers);
    }
  }

  showProjects(projects, onClick) {
    this.projectMarkers.clearLayers();
    for (const p of projects) {
      L.marker([p.lat, p.lon], {
        icon: L.divIcon({ className: 'project-marker', html: '<span aria-hidden="true">▣</span>', iconSize: [18, 18] }),
        title: localName(p), alt: localName(p), keyboard: false,
      }).on('click', () => onClick(p)).addTo(this.projectMarkers);
    }
  }

  /** Open alerts as pulsing markers at their district (several in one district share one marker with a count). */
  showAlerts(alerts) {
    this.alertMarkers.clearLayers();
    const byDistrict = new Map();
    for (const a of alerts) {
      if (!a.district_code) continue;
      byDistrict.set(a.district_code, [...(byDistrict.get(a.district_code) || []), a]);
    }
    for (const [code, list] of byDistrict) {
      const centre = this.centreOf(code);
      if (!centre) continue;
      const label = list.map((a) => localName(a, 'title')).join(', ');
      L.marker(centre, {
        icon: L.divIcon({ className: 'alert-marker', html: `<span class="pulse" aria-hidden="true"></span><span class="alert-count">!${list.length > 1 ? list.length : ''}</span>`, iconSize: [26, 26] }),
        title: label, alt: label, keyboard: false,
      }).bindTooltip(escapeHtml(label)).on('click', () => this.onSelect(code)).addTo(this.alertMarkers);
    }
  }

  flyTo(lat, lon) {
    this.map.flyTo([lat, lon], Math.max(this.map.getZoom(), 12), { duration: 0.6 });
  }

  reset() {
    this.map.fitBounds(this.bounds, { padding: [6, 6] });
  }
}

export function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export { GRADE_GLYPHS, gradeNameShort };

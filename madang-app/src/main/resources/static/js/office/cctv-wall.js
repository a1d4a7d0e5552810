// Integrated CCTV on the dashboard: camera markers on the map (status by glyph and label, not colour alone), a camera
// wall of the cameras an official picks, and, when an alert is raised, the cameras nearest its place beside it. Video
// comes only through the platform's signed links (POST .../views with a reason, audited); stream addresses never
// reach this page. On the citizens' view only locations, and only when the server makes them public.
import { el } from '../dom.js';

const root = document.getElementById('office');
const audience = root ? root.dataset.audience : 'public';
const panel = document.getElementById('cctv-panel');
const textsTemplate = document.getElementById('cctv-texts');
const texts = new Map(textsTemplate ? [...textsTemplate.content.querySelectorAll('[data-key]')].map((s) => [s.dataset.key, s.textContent]) : []);
const english = document.documentElement.lang === 'en';

function t(key, ...args) {
  return (texts.get(key) ?? key).replace(/\{(\d+)\}/g, (m, i) => (args[i] ?? ''));
}
function nameOf(c) { return (english && c.name_en) || c.name; }

const GLYPHS = { online: '●', stale: '◐', unreachable: '✖', unknown: '?', 'no-stream': '○' };
const cameras = new Map(); // id → camera (as /office/cctv/cameras gives it)
const wall = new Map(); // id → tile on the wall
let layer = null;

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

function csrfHeaders() {
  const h = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (panel && panel.dataset.csrfHeader) h[panel.dataset.csrfHeader] = panel.dataset.csrfToken;
  return h;
}

/** Signed links for one camera, given a reason (the server records the view). */
async function view(id, reason) {
  const response = await fetch(`/office/cctv/cameras/${encodeURIComponent(id)}/views`, {
    method: 'POST', headers: csrfHeaders(), credentials: 'same-origin', body: JSON.stringify({ reason }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || `HTTP ${response.status}`);
  return body;
}

function statusText(c) { return `${GLYPHS[c.status] || '?'} ${t('status.' + c.status)}`; }

function describe(c) {
  const parts = [nameOf(c), t('purpose.' + c.purpose), t('status.' + c.status)];
  if (c.synthetic) parts.push(t('synthetic'));
  if (c.test_pattern) parts.push(t('testPattern'));
  return parts.join(' · ');
}

// ---------- the map layer ----------
function drawMarkers(map) {
  if (!layer) layer = L.layerGroup().addTo(map);
  layer.clearLayers();
  // the wall screen is read from afar and touched: cameras without video would bury the districts under markers
  const wallScreen = document.getElementById('office')?.classList.contains('wall');
  for (const c of cameras.values()) {
    const status = c.status || 'unknown';
    if (wallScreen && status === 'no-stream') continue;
    const label = c.status ? describe(c) : `${nameOf(c)}${c.synthetic ? ' · ' + t('synthetic') : ''}`;
    const marker = L.marker([c.lat, c.lon], {
      icon: L.divIcon({
        className: `cctv-marker cctv-${status}`,
        html: `<span class="cctv-glyph" aria-hidden="true">${GLYPHS[status] || '?'}</span>`,
        // cameras without video stay small so that hundreds of them do not hide the map's layer
        iconSize: status === 'no-stream' ? [9, 9] : [15, 15],
      }),
      // not in the tab order (hundreds of markers): keyboard users pick cameras from the panel's list
      title: label, alt: label, keyboard: false,
    });
    marker.on('add', () => {
      const e = marker.getElement();
      if (e) { e.dataset.camera = c.id; e.dataset.status = status; e.setAttribute('aria-label', label); }
    });
    if (audience === 'office') marker.on('click', () => addToWall(c.id));
    marker.addTo(layer);
  }
  const count = document.getElementById('cctv-count');
  if (count) count.textContent = t('count', cameras.size);
}

// ---------- tiles ----------
/** A button that tasks a department about what the tile shows, through the directives' hook (officials only). */
function issueButton(target) {
  if (!window.madangDirectives) return null;
  return el('button', { type: 'button', class: 'button button-quiet cctv-issue', text: t('issue'),
    onclick: () => window.madangDirectives.issue(target) });
}

function tile(c, extra) {
  const figure = el('figure', { class: 'cctv-tile', dataset: { camera: c.id } });
  const caption = el('figcaption', {},
    el('strong', { text: nameOf(c) }), ' ',
    el('span', { class: `cctv-status cctv-${c.status}`, text: statusText(c) }),
    c.synthetic ? el('span', { class: 'cctv-badge', text: t('synthetic') }) : null,
    c.test_pattern ? el('span', { class: 'cctv-badge', text: t('testPattern') }) : null,
    extra || null,
    issueButton({ kind: 'camera', ref: c.id, label: nameOf(c), district: c.district_code,
      geometry: { type: 'Point', coordinates: [c.lon, c.lat] } }));
  const picture = el('div', { class: 'cctv-picture' });
  figure.append(picture, caption);
  return { figure, picture };
}

/** Fills a tile's picture from signed links; a snapshot refreshes every 2 s until its link expires. */
async function show(c, picture, reason) {
  if (c.stream_kind === 'none') { picture.replaceChildren(el('p', { class: 'muted', text: t('noStream') })); return; }
  let links;
  try {
    links = await view(c.id, reason);
  } catch (e) {
    picture.replaceChildren(el('p', { class: 'muted', role: 'status', text: `${t('failed')}: ${e.message}` }));
    return;
  }
  if (links.snapshot) {
    const img = el('img', { class: 'cctv-snapshot', alt: describe(c), src: links.snapshot });
    img.addEventListener('error', () => { img.dataset.failed = 'true'; });
    img.addEventListener('load', () => { img.dataset.loaded = 'true'; delete img.dataset.failed; });
    picture.replaceChildren(img);
    const until = Date.parse(links.expires_at);
    const timer = setInterval(() => {
      if (!img.isConnected) { clearInterval(timer); return; }
      if (Date.now() > until - 2000) {
        clearInterval(timer);
        picture.append(el('button', { type: 'button', class: 'button button-quiet', text: t('expired'), onclick: () => show(c, picture, reason) }));
        return;
      }
      img.src = `${links.snapshot}&t=${Date.now()}`;
    }, 2000);
  } else if (links.hls) {
    picture.replaceChildren(el('video', { class: 'cctv-video', src: links.hls, muted: true, autoplay: true, controls: true, playsinline: true, 'aria-label': describe(c) }));
  }
}

function addToWall(id) {
  const c = cameras.get(id);
  if (!c || wall.has(id)) return;
  const input = document.getElementById('cctv-reason');
  const reason = input.value.trim();
  const message = document.getElementById('cctv-message');
  if (!reason) {
    message.textContent = t('reason.needed');
    input.focus();
    openPanel(true);
    return;
  }
  message.textContent = '';
  const remove = el('button', { type: 'button', class: 'button button-quiet cctv-remove', text: t('remove') });
  const { figure, picture } = tile(c, remove);
  remove.addEventListener('click', () => { figure.remove(); wall.delete(id); emptyNote(); });
  wall.set(id, figure);
  document.getElementById('cctv-wall').append(figure);
  emptyNote();
  openPanel(true);
  show(c, picture, reason);
}

function openPanel(open) {
  panel.hidden = !open;
  document.getElementById('cctv-toggle')?.setAttribute('aria-expanded', String(open));
}

function emptyNote() {
  document.getElementById('cctv-wall-empty').hidden = wall.size > 0;
}

/** The cameras with a picture, by district, for choosing by keyboard. */
function fillPicker() {
  const select = document.getElementById('cctv-pick');
  const names = window.madangOffice.state ? window.madangOffice.state.names : new Map();
  const byDistrict = new Map();
  for (const c of cameras.values()) {
    if (c.stream_kind === 'none') continue;
    byDistrict.set(c.district_code, [...(byDistrict.get(c.district_code) || []), c]);
  }
  select.replaceChildren(...[...byDistrict].map(([code, list]) => {
    const d = names.get(code);
    return el('optgroup', { label: d ? ((english && d.name_en) || d.name) : (code || '–') },
      list.map((c) => el('option', { value: c.id, text: `${nameOf(c)} · ${t('status.' + c.status)}` })));
  }));
}

// ---------- an alert: the nearest cameras beside it ----------
async function nearAlert(alert) {
  const params = new URLSearchParams();
  if (alert.feed) params.set('feed', alert.feed);
  if (alert.station) params.set('station', alert.station);
  if (alert.district_code) params.set('district', alert.district_code);
  let near;
  try {
    near = await getJson(`/office/cctv/nearest?${params}`);
  } catch (e) {
    console.warn('cctv: no cameras for the alert', e);
    return;
  }
  const box = document.getElementById('cctv-alert');
  const title = (english && alert.title_en) || alert.title || '';
  box.querySelector('.cctv-alert-title').textContent = `#${alert.id} ${title}`;
  box.querySelector('.cctv-alert-issue')?.remove();
  const about = issueButton({ kind: 'alert', ref: alert.id, label: `#${alert.id} ${title}`, district: alert.district_code });
  if (about) {
    about.classList.add('cctv-alert-issue');
    box.querySelector('h3').after(about);
  }
  box.dataset.alert = String(alert.id);
  const tiles = box.querySelector('.cctv-tiles');
  tiles.replaceChildren();
  const reason = t('alertReason', alert.id, title);
  for (const c of near.cameras) {
    const extra = el('span', { class: 'muted' }, ` ${t('distance', c.distance_m)}`, c.in_district ? ` · ${t('inDistrict')}` : '');
    const { figure, picture } = tile(c, extra);
    tiles.append(figure);
    show(c, picture, reason);
  }
  box.hidden = false;
  openPanel(true);
}

// ---------- start ----------
function whenReady() {
  return new Promise((resolve) => {
    if (root.dataset.ready === 'true') { resolve(); return; }
    const seen = new MutationObserver(() => { if (root.dataset.ready === 'true') { seen.disconnect(); resolve(); } });
    seen.observe(root, { attributes: true, attributeFilter: ['data-ready'] });
  });
}

async function start() {
  await whenReady();
  const map = window.madangOffice && window.madangOffice.map && window.madangOffice.map.map;
  if (!map) return;
  let list;
  try {
    list = audience === 'office' ? (await getJson('/office/cctv/cameras')).cameras : (await getJson('/public/cctv/cameras')).features.map((f) => f.properties);
  } catch (e) {
    return; // locations are not public here, or the registry is unavailable: no layer
  }
  for (const c of list) cameras.set(c.id, c);
  drawMarkers(map);
  if (audience !== 'office') return;
  const toggle = document.getElementById('cctv-toggle');
  document.getElementById('cctv-close').addEventListener('click', () => { openPanel(false); toggle?.focus(); });
  toggle?.addEventListener('click', () => openPanel(panel.hidden));
  fillPicker();
  document.getElementById('cctv-add').addEventListener('click', () => addToWall(document.getElementById('cctv-pick').value));
  // statuses change with the health checks: redraw the markers now and then, and at once when a camera's alert comes
  const refresh = () => getJson('/office/cctv/cameras').then((b) => {
    for (const c of b.cameras) cameras.set(c.id, c);
    drawMarkers(map);
  }).catch(() => {});
  document.addEventListener('madang:alert-raised', (e) => {
    if (e.detail.feed === 'cctv') refresh();
    nearAlert(e.detail);
  });
  setInterval(refresh, 60000);
  root.dataset.cctv = 'ready';
  window.madangOffice.cctv = { cameras, nearAlert, addToWall };
}

start().catch((e) => console.error('cctv', e));

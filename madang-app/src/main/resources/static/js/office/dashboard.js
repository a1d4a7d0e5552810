// The Mayor's Office dashboard (/office) and the citizens' view (/public): loads everything in parallel, draws the
// panels, follows the feeds and alerts over Server-Sent Events (EventSource resumes with Last-Event-ID by itself),
// keeps the layer/district/indicator in the URL's hash for permanent links, and cycles layers on the wall screen.
import { t, localName, number, time, el, english } from './texts.js';
import { useScale, grade, gradeName } from './air.js';
import { DistrictMap } from './district-map.js';
import { renderAir, renderTraffic, renderCrowding, renderAlerts, renderUpdated } from './status-panel.js';
import { normalise, takeHistory, renderIndicators, drawSparkline } from './indicators-panel.js';
import { renderNews } from './news-panel.js';
import { renderProjects } from './projects-panel.js';
import { renderDistrict } from './district-panel.js';
import { openGuess } from './guess-dialog.js';
import { startCommandBar } from './command-bar.js';
import { startTouch } from './command-touch.js';

const root = document.getElementById('office');
const audience = root.dataset.audience;
const wall = root.dataset.wall === 'true';
const wallCycleMs = Number(root.dataset.wallCycleMs) || 20000;

const state = {
  names: new Map(), // district code → {name, name_en}
  stations: new Map(), // air station → {district_code, pm10, pm25, observed_at}
  air: new Map(), // district code → {code, name, name_en, pm10, pm25, grade}
  crowding: { places: [] },
  traffic: { links: [] },
  alerts: [],
  indicators: [],
  projects: [],
  layer: 'air',
  district: null,
  indicator: null,
  updatedAt: null,
  feeds: {},
};
window.madangOffice = { state };

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json, application/geo+json;q=0.9' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

// ---------- permanent links: #layer=air&district=11110&indicator=CODE ----------
function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  return { layer: p.get('layer'), district: p.get('district'), indicator: p.get('indicator') };
}

function writeHash() {
  const p = new URLSearchParams();
  if (state.layer) p.set('layer', state.layer);
  if (state.district) p.set('district', state.district);
  if (state.indicator) p.set('indicator', state.indicator);
  history.replaceState(null, '', `${location.pathname}${location.search}#${p}`);
  const link = document.getElementById('permalink');
  if (link) link.href = location.href;
}

// ---------- air: stations → districts, graded on Korea's scale ----------
function takeStations(rows) {
  for (const r of rows) {
    const values = r.values || r;
    const previous = state.stations.get(r.station) || {};
    const pm10 = values.pm10 ?? (r.values ? previous.pm10 : null);
    const pm25 = values.pm25 ?? (r.values ? previous.pm25 : null);
    if ((pm10 === null || pm10 === undefined) && (pm25 === null || pm25 === undefined)) continue;
    state.stations.set(r.station, { district_code: r.district_code, pm10, pm25, observed_at: r.observed_at });
  }
  computeAir();
}

/** District values are the mean over its stations, as the server computes them (CityStatus). */
function computeAir() {
  const sums = new Map();
  for (const s of state.stations.values()) {
    if (!s.district_code) continue;
    const sum = sums.get(s.district_code) || { pm10: 0, n10: 0, pm25: 0, n25: 0 };
    if (s.pm10 !== null && s.pm10 !== undefined) { sum.pm10 += s.pm10; sum.n10++; }
    if (s.pm25 !== null && s.pm25 !== undefined) { sum.pm25 += s.pm25; sum.n25++; }
    sums.set(s.district_code, sum);
  }
  for (const [code, names] of state.names) {
    const sum = sums.get(code);
    const pm10 = sum && sum.n10 ? sum.pm10 / sum.n10 : null;
    const pm25 = sum && sum.n25 ? sum.pm25 / sum.n25 : null;
    state.air.set(code, { code, name: names.name, name_en: names.name_en, pm10, pm25, grade: grade(pm10, pm25) });
  }
}

// ---------- map layers ----------
const TRAFFIC_WORDS = english ? ['Free ≥ 30', 'Normal 20–30', 'Slow 15–20', 'Jammed < 15'] : ['원활 30 이상', '보통 20–30', '서행 15–20', '정체 15 미만'];

function layerSpec(name) {
  if (name === 'air') {
    const values = new Map([...state.air].map(([c, a]) => [c, a.grade]));
    return {
      title: t('layer.air'), palette: 'grade', values, classOf: (v) => v,
      legend: [1, 2, 3, 4].map((g) => gradeName(g)),
      describe: (code) => { const a = state.air.get(code); return a && a.grade ? `${gradeName(a.grade)} · PM10 ${number(a.pm10, 0)} · PM2.5 ${number(a.pm25, 0)} µg/m³` : t('noData'); },
    };
  }
  if (name === 'crowding') {
    const values = new Map();
    for (const p of state.crowding.places || []) if (p.district_code && p.rank) values.set(p.district_code, Math.max(values.get(p.district_code) || 0, p.rank));
    const levels = state.crowding.levels || ['여유', '보통', '약간 붐빔', '붐빔'];
    return { title: t('layer.crowding'), palette: 'grade', values, classOf: (v) => v, legend: levels,
      describe: (code, v) => (v ? levels[v - 1] : t('noData')) };
  }
  if (name === 'traffic') {
    const sums = new Map();
    for (const l of state.traffic.links || []) if (l.district_code) { const s = sums.get(l.district_code) || [0, 0]; s[0] += l.speed; s[1]++; sums.set(l.district_code, s); }
    const values = new Map([...sums].map(([c, s]) => [c, s[0] / s[1]]));
    return { title: t('layer.traffic'), palette: 'grade', values, legend: TRAFFIC_WORDS,
      classOf: (v) => (v >= 30 ? 1 : v >= 20 ? 2 : v >= 15 ? 3 : 4), describe: (code, v) => (v === undefined ? t('noData') : `${number(v, 1)} km/h`) };
  }
  const code = name.slice('indicator:'.length);
  const indicator = state.indicators.find((i) => i.code === code);
  const values = new Map(Object.entries(indicator?.districts || {}).filter(([, v]) => v !== null && v !== undefined).map(([c, v]) => [c, Number(v)]));
  const sorted = [...values.values()].sort((a, b) => a - b);
  const q = [0.25, 0.5, 0.75].map((f) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))]);
  return {
    title: indicator ? `${localName(indicator)} (${indicator.unit})` : code, palette: 'sequence', values,
    classOf: (v) => (v <= q[0] ? 1 : v <= q[1] ? 2 : v <= q[2] ? 3 : 4),
    legend: sorted.length ? [`≤ ${number(q[0])}`, `≤ ${number(q[1])}`, `≤ ${number(q[2])}`, `> ${number(q[2])}`] : ['', '', '', ''],
    describe: (c, v) => (v === undefined ? t('noData') : `${number(v)} ${indicator?.unit || ''}`),
  };
}

function availableLayers() {
  const layers = ['air', 'crowding', 'traffic'];
  for (const i of state.indicators) if (i.districts) layers.push('indicator:' + i.code);
  return layers;
}

let map;
function showLayer(name, { fromUser = true } = {}) {
  if (!availableLayers().includes(name)) name = 'air';
  state.layer = name;
  state.indicator = name.startsWith('indicator:') ? name.slice(10) : (fromUser ? null : state.indicator);
  map.show(layerSpec(name));
  document.querySelectorAll('[data-layer]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.layer === name)));
  const select = document.getElementById('indicator-layer');
  if (select) select.value = name.startsWith('indicator:') ? name : '';
  document.getElementById('map-title-layer').textContent = layerSpec(name).title;
  document.querySelectorAll('.indicator').forEach((li) => li.classList.toggle('selected', li.dataset.code === state.indicator));
  writeHash();
}

// ---------- panels ----------
let renderQueued = false;
function renderLive() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    renderAir(document.getElementById('air-list'), [...state.air.values()], selectDistrict);
    renderCrowding(document.getElementById('crowding-status'), state.crowding);
    renderTraffic(document.getElementById('traffic-status'), state.traffic);
    renderAlerts(document.getElementById('alert-list'), state.alerts, selectDistrict);
    renderUpdated(state.updatedAt);
    map.showPlaces(state.crowding.places || []);
    map.showAlerts(state.alerts);
    if (['air', 'crowding', 'traffic'].includes(state.layer)) map.show(layerSpec(state.layer));
  });
}

function selectDistrict(code) {
  state.district = code;
  map.select(code);
  writeHash();
  const panel = document.getElementById('district-panel');
  renderDistrict(panel, code, { audience, air: state.air.get(code), alerts: state.alerts, indicators: state.indicators });
}

function closeDistrict() {
  state.district = null;
  map.select(null);
  document.getElementById('district-panel').hidden = true;
  writeHash();
}

function selectIndicator(i) {
  if (i.districts) showLayer('indicator:' + i.code);
  else {
    state.indicator = i.code;
    document.querySelectorAll('.indicator').forEach((li) => li.classList.toggle('selected', li.dataset.code === i.code));
    writeHash();
  }
}

/** Opens an indicator by code (its map layer when it has values by district) and shows its row; null when unknown. */
function openIndicator(code) {
  const i = state.indicators.find((x) => x.code === code);
  if (!i) return null;
  selectIndicator(i);
  document.querySelector(`.indicator[data-code="${CSS.escape(code)}"]`)?.scrollIntoView({ block: 'nearest' });
  return i;
}

/** Brings a panel's part into view and gives it the focus, marked for a moment so the eye finds it. */
function bringToView(element) {
  if (!element) return false;
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.scrollIntoView({ block: 'nearest' });
  element.focus({ preventScroll: true });
  element.classList.remove('command-target');
  void element.offsetWidth;
  element.classList.add('command-target');
  return true;
}

/** The entry points of the command bar (command-bar.js). */
function commandActions() {
  return {
    audience, wall,
    // on the wall screen the layer asked for stays a whole cycle before the screen moves on
    showLayer: (name) => { showLayer(name); restartWallCycle(); },
    layerTitle: (name) => layerSpec(name).title,
    selectDistrict, closeDistrict, openIndicator,
    showTheme: (code) => bringToView(document.querySelector(`#indicator-list .theme[data-theme="${CSS.escape(code)}"] .theme-title`)),
    openAlerts: () => { bringToView(document.getElementById('alert-count').closest('h3')); return state.alerts.length; },
    step: stepLayer,
    zoom: (delta) => (delta > 0 ? map.map.zoomIn() : map.map.zoomOut()),
    resetMap: () => map.reset(),
  };
}

function selectProject(p) {
  map.flyTo(p.lat, p.lon);
  if (p.district_code) selectDistrict(p.district_code);
}

// ---------- live: Server-Sent Events ----------
function follow(url, handlers) {
  const source = new EventSource(url);
  state.feeds[url] = 'connecting';
  const showLive = () => {
    const states = Object.values(state.feeds);
    const live = document.getElementById('live-state');
    const ok = states.every((s) => s === 'open');
    live.textContent = ok ? t('live.on') : t('live.reconnecting');
    live.dataset.state = ok ? 'open' : 'reconnecting';
  };
  source.onopen = () => { state.feeds[url] = 'open'; showLive(); };
  source.onerror = () => { state.feeds[url] = source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'; showLive(); };
  for (const [name, handle] of Object.entries(handlers)) {
    source.addEventListener(name, (e) => handle(JSON.parse(e.data)));
  }
  return source;
}

async function reloadStatus() {
  const status = await getJson('/api/office/status');
  takeStatus(status);
  renderLive();
}

async function reloadAlerts() {
  state.alerts = (await getJson('/api/alerts?status=open')).alerts || [];
  renderLive();
}

function takeStatus(status) {
  useScale(status.air.scale);
  state.stations.clear();
  takeStations(status.air.stations || []);
  state.crowding = status.crowding || { places: [] };
  state.traffic = status.traffic || { links: [] };
  state.updatedAt = status.generated_at;
  state.airFeed = status.air.feed;
}

function mergeLatest(list, observations, toRow) {
  const byStation = new Map(list.map((x) => [x.station, x]));
  for (const o of observations) {
    const row = toRow(o, byStation.get(o.station));
    if (row) byStation.set(o.station, row);
  }
  return [...byStation.values()];
}

function startLive(status) {
  follow(`/api/feeds/${encodeURIComponent(status.air.feed)}/stream`, {
    observations: (e) => { takeStations(e.observations); state.updatedAt = new Date().toISOString(); renderLive(); },
    reset: reloadStatus,
  });
  follow(`/api/feeds/${encodeURIComponent(status.crowding.feed)}/stream`, {
    observations: (e) => {
      const levels = state.crowding.levels || [];
      state.crowding.places = mergeLatest(state.crowding.places || [], e.observations, (o, old) => {
        const level = o.labels && o.labels.congestion;
        if (!level) return old;
        return { ...(old || {}), station: o.station, lat: o.lat, lon: o.lon, district_code: o.district_code, observed_at: o.observed_at, level, rank: levels.indexOf(level) + 1 };
      });
      renderLive();
    },
    reset: reloadStatus,
  });
  follow(`/api/feeds/${encodeURIComponent(status.traffic.feed)}/stream`, {
    observations: (e) => {
      state.traffic.links = mergeLatest(state.traffic.links || [], e.observations, (o, old) => (o.values && o.values.speed !== undefined
        ? { station: o.station, lat: o.lat, lon: o.lon, district_code: o.district_code, observed_at: o.observed_at, speed: o.values.speed } : old));
      const links = state.traffic.links;
      state.traffic.mean_speed = links.length ? links.reduce((s, l) => s + l.speed, 0) / links.length : null;
      renderLive();
    },
    reset: reloadStatus,
  });
  const upsert = (alert) => {
    state.alerts = [alert, ...state.alerts.filter((a) => a.id !== alert.id)];
    renderLive();
  };
  follow('/api/alerts/stream', {
    // other parts of the page (the cameras beside an alert, cctv-wall.js) follow new alerts through this DOM event
    raised: (alert) => { upsert(alert); document.dispatchEvent(new CustomEvent('madang:alert-raised', { detail: alert })); },
    acknowledged: upsert,
    resolved: (alert) => { state.alerts = state.alerts.filter((a) => a.id !== alert.id); renderLive(); },
    reset: reloadAlerts,
  });
}

// ---------- wall screen: layers cycle by themselves; keys and swipes move on ----------
/** The layers the wall screen shows in turn: air, then every layer that has values now. */
function wallLayers() {
  return availableLayers().filter((l) => l === 'air' || layerSpec(l).values.size > 0);
}
window.madangOffice.wallLayers = wallLayers;

let restartWallCycle = () => {};
/** Moves to the next (+1) or previous (-1) layer that has values; on the wall screen the cycle starts over from it. */
function stepLayer(delta) {
  const layers = wallLayers();
  const at = layers.indexOf(state.layer);
  showLayer(layers[(at + delta + layers.length) % layers.length]);
  restartWallCycle();
  return layerSpec(state.layer).title;
}

function startWall() {
  let timer;
  const step = (delta) => stepLayer(delta);
  const restart = () => { clearInterval(timer); timer = setInterval(() => step(1), wallCycleMs); };
  restartWallCycle = restart;
  restart();
  document.addEventListener('keydown', (e) => {
    if (e.target.closest('input, select, textarea, dialog')) return;
    if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') { step(1); restart(); e.preventDefault(); }
    if (e.key === 'ArrowLeft' || e.key === 'PageUp') { step(-1); restart(); e.preventDefault(); }
    if (e.key === 'Escape') closeDistrict();
  });
  startTouch(root, map.map, step);
  root.dataset.cycling = 'true';
}

function startClock() {
  const clock = document.getElementById('office-clock');
  const tick = () => { clock.textContent = new Date().toLocaleString(english ? 'en' : 'ko', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Asia/Seoul' }); };
  tick();
  setInterval(tick, 1000);
}

// ---------- start ----------
const echartsLoaded = new Promise((resolve) => {
  if (window.echarts) resolve();
  else document.getElementById('echarts-script').addEventListener('load', resolve);
});

function drawIndicators() {
  const list = document.getElementById('indicator-list');
  const sparks = renderIndicators(list, state.indicators, {
    onSelect: selectIndicator, onGuess: audience === 'public' ? openGuess : null, selected: state.indicator,
  });
  const select = document.getElementById('indicator-layer');
  select.replaceChildren(select.options[0], ...state.indicators.filter((i) => i.districts).map((i) => el('option', { value: 'indicator:' + i.code, text: localName(i) })));
  return sparks;
}

/** The data calls the page started before the scripts loaded (office.html), or new ones. */
function early(name, url) {
  const started = window.madangOfficeData && window.madangOfficeData[name];
  return started ? started.then((r) => { if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`); return r.json(); }) : getJson(url);
}

async function start() {
  const indicatorsAnswer = early('indicators', '/api/indicators?include=history').catch(() => null);
  // one call carries each indicator's history (its sparkline and, where the data allow, its values by district)
  const histories = indicatorsAnswer.then((list) => ((list && list.indicators) || []).map((raw) => {
    const i = normalise(raw);
    if (raw.history) takeHistory(i, raw.history);
    return i;
  }));
  const [districts, summary, indicatorList, alertList] = await Promise.all([
    early('districts', '/api/districts'),
    early('summary', '/api/office/summary'),
    indicatorsAnswer,
    early('alerts', '/api/alerts?status=open').catch(() => ({ alerts: [] })),
  ]);
  for (const f of districts.features) state.names.set(f.properties.code, f.properties);
  takeStatus(summary);
  state.alerts = alertList.alerts || [];
  state.projects = summary.projects || [];
  state.indicators = ((indicatorList && indicatorList.indicators) || []).map(normalise);

  map = new DistrictMap(document.getElementById('office-map'), districts, selectDistrict);
  window.madangOffice.map = map;
  map.showProjects(state.projects, selectProject);

  const select = document.getElementById('indicator-layer');
  select.addEventListener('change', () => showLayer(select.value || 'air'));
  document.querySelectorAll('[data-layer]').forEach((b) => b.addEventListener('click', () => showLayer(b.dataset.layer)));
  document.querySelector('#district-panel .district-close').addEventListener('click', closeDistrict);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !document.getElementById('district-panel').hidden) closeDistrict(); });

  document.getElementById('indicator-count').textContent = String(state.indicators.length);
  if (indicatorList === null) document.getElementById('indicator-list').replaceChildren(el('p', { class: 'muted', text: t('indicators.unavailable') }));
  else drawIndicators();
  renderNews(document.getElementById('news-list'), summary.news);
  renderProjects(document.getElementById('project-list'), state.projects, selectProject);
  renderLive();
  const wanted = readHash();
  showLayer(wanted.layer && !wanted.layer.startsWith('indicator:') ? wanted.layer : 'air', { fromUser: false });
  if (wanted.district && state.names.has(wanted.district)) selectDistrict(wanted.district);
  window.madangOffice.commandBar = startCommandBar(commandActions());

  state.indicators = await histories;
  await echartsLoaded;
  if (indicatorList !== null) {
    const sparks = drawIndicators();
    for (const i of state.indicators) drawSparkline(sparks.get(i.code), i.history);
  }
  state.indicator = wanted.indicator;
  const indicatorLayer = wanted.layer && wanted.layer.startsWith('indicator:') ? wanted.layer
    : wanted.indicator && state.indicators.some((i) => i.code === wanted.indicator && i.districts) ? 'indicator:' + wanted.indicator : null;
  if (indicatorLayer) showLayer(indicatorLayer, { fromUser: false });
  // a drill-down opened before the histories were in gets the indicators' district values now
  if (state.district) selectDistrict(state.district);
  if (wanted.indicator) {
    const row = document.querySelector(`.indicator[data-code="${CSS.escape(wanted.indicator)}"]`);
    row?.classList.add('selected');
    row?.scrollIntoView({ block: 'nearest' });
  }

  startLive(summary);
  startClock();
  if (wall) startWall();
  setInterval(() => getJson('/api/office/summary').then((s) => {
    takeStatus(s);
    renderNews(document.getElementById('news-list'), s.news);
    renderLive();
  }).catch(() => {}), 60000);

  root.dataset.ready = 'true';
  document.dispatchEvent(new CustomEvent('madang:office-ready'));
  performance.mark('office-ready');
  window.madangOffice.readyMs = performance.now();
}

start().catch((e) => {
  root.dataset.ready = 'failed';
  const status = document.getElementById('live-state');
  status.textContent = t('failed');
  console.error(e);
});

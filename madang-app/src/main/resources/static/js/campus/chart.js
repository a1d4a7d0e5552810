// Simple charts of a query result with ECharts from the WebJar (the 'common' build: bar, line, scatter), loaded the
// first time a chart is drawn. The container gets data-state="ready", data-type and data-points when drawn.
import { t } from './texts.js';

const MAX_POINTS = 5000;
const NUMERIC = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|DOUBLE|FLOAT|REAL|DECIMAL.*|NUMERIC.*)$/i;

export function isNumericType(type) {
  return NUMERIC.test(String(type || ''));
}

let loading = null;

function loadECharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/webjars/echarts/dist/echarts.common.min.js';
    script.onload = () => resolve(window.echarts);
    script.onerror = () => { loading = null; reject(new Error(t('chart.unavailable'))); };
    document.head.append(script);
  });
  return loading;
}

let chart = null;

/** Draws y against x of the result's rows (the first MAX_POINTS) as a bar, line or scatter chart. */
export async function drawChart(container, result, type, x, y) {
  const echarts = await loadECharts();
  const xColumn = result.columns.find((c) => c.name === x);
  const rows = result.rows.slice(0, MAX_POINTS).filter((r) => typeof r[y] === 'number');
  const numericX = xColumn && isNumericType(xColumn.type) && type !== 'bar';
  let series;
  let xAxis;
  if (numericX) {
    const points = rows.filter((r) => typeof r[x] === 'number').map((r) => [r[x], r[y]]);
    if (type === 'line') points.sort((a, b) => a[0] - b[0]);
    series = { type, data: points, symbolSize: type === 'scatter' ? 7 : 4 };
    xAxis = { type: 'value', name: x, scale: true };
  } else {
    const label = (v) => (v === null || v === undefined ? 'NULL' : String(v));
    series = { type, data: rows.map((r) => [label(r[x]), r[y]]), symbolSize: type === 'scatter' ? 7 : 4 };
    xAxis = { type: 'category', name: x, data: rows.map((r) => label(r[x])), axisLabel: { hideOverlap: true } };
  }
  chart?.dispose();
  chart = echarts.init(container, null, { renderer: 'canvas' });
  chart.setOption({
    aria: { enabled: true, label: { description: t('chart.aria', t('chart.' + type), y, x, series.data.length) } },
    animation: false,
    color: ['#0b5f6a'],
    tooltip: { trigger: type === 'scatter' ? 'item' : 'axis' },
    grid: { left: 64, right: 24, top: 36, bottom: 56 },
    xAxis,
    yAxis: { type: 'value', name: y, scale: type !== 'bar' },
    dataZoom: series.data.length > 60 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : [],
    series: [{ ...series, name: y }],
  });
  container.dataset.state = 'ready';
  container.dataset.type = type;
  container.dataset.points = String(series.data.length);
  return { type, points: series.data.length };
}

addEventListener('resize', () => chart?.resize());

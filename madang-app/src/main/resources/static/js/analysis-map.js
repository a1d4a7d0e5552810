/*
 * The analyses page: a form that builds the parameters of POST /analyses/jobs/{kind} (the page-URL twin of
 * /api/analyses, known to the signed-in session; changes carry the CSRF token), polls the job for its progress, can
 * cancel it, and draws the result dataset (its GeoJSON download) over the district boundaries from /api/districts (no
 * tile server), coloured by the analysis' class column: hot spot class, density class, cluster, facility role or bus
 * route (routes are strokes; of compared designs the one with the most routes is solid, the others dashed). The
 * datasets the viewer may analyse come from the JSON in #analysis-datasets. When a result is drawn, #analysis-map gets
 * data-state="ready" and data-drawn (features drawn); window.madangAnalysisMap holds the Leaflet map.
 */
(function () {
  'use strict';

  var form = document.getElementById('analysis-form');
  var mapElement = document.getElementById('analysis-map');
  if (!form || !mapElement || typeof L === 'undefined') {
    return;
  }
  var choices = JSON.parse(document.getElementById('analysis-datasets').textContent);
  var byName = {};
  choices.forEach(function (d) { byName[d.name] = d; });
  var english = mapElement.dataset.lang === 'en';
  var statusLine = document.getElementById('run-status');
  var runState = document.getElementById('run-state');
  var progress = document.getElementById('run-progress');
  var phase = document.getElementById('run-phase');
  var runButton = document.getElementById('run');
  var cancelButton = document.getElementById('cancel');
  var resultLink = document.getElementById('result-link');
  var numberFormat = new Intl.NumberFormat(english ? 'en' : 'ko', { maximumFractionDigits: 3 });

  function field(id) {
    return document.getElementById(id);
  }

  // ---- the form

  var KINDS_OF_INPUT = {
    hotspot: ['points', 'geometries', 'districts'],
    kde: ['points'], dbscan: ['points'], pmedian: ['points'], mclp: ['points'], setcover: ['points'], transit: []
  };

  function option(select, value, text) {
    var o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    select.appendChild(o);
  }

  function fillDatasets(select, located, blank) {
    var previous = select.value;
    select.textContent = '';
    if (blank !== undefined) {
      option(select, '', blank);
    }
    choices.filter(function (d) { return located.indexOf(d.located) >= 0; }).forEach(function (d) {
      option(select, d.name, d.title + ' (' + d.name + ')');
    });
    if (previous && Array.prototype.some.call(select.options, function (o) { return o.value === previous; })) {
      select.value = previous;
    }
  }

  function fillColumns(select, dataset, blank) {
    var previous = select.value;
    select.textContent = '';
    if (blank !== undefined) {
      option(select, '', blank);
    }
    (dataset ? dataset.numbers : []).forEach(function (c) {
      option(select, c.name, c.label === c.name ? c.name : c.label + ' (' + c.name + ')');
    });
    if (previous && Array.prototype.some.call(select.options, function (o) { return o.value === previous; })) {
      select.value = previous;
    }
  }

  var sameDataset = english ? 'this dataset' : '이 데이터';
  var none = english ? '(none)' : '(없음)';

  function kind() {
    return field('analysis-kind').value;
  }

  function refresh() {
    var k = kind();
    document.querySelectorAll('[data-kinds]').forEach(function (el) {
      el.hidden = el.getAttribute('data-kinds').split(' ').indexOf(k) < 0;
    });
    var grid = field('grid').value;
    document.querySelectorAll('[data-grid]').forEach(function (el) {
      el.hidden = el.getAttribute('data-grid') !== grid;
    });
    fillDatasets(field('input'), KINDS_OF_INPUT[k]);
    // route design reads a scenario's three tables, not one input
    field('input').required = k !== 'transit';
    var input = byName[field('input').value];
    fillDatasets(field('value-from'), ['districts'], sameDataset);
    fillDatasets(field('per-from'), ['districts'], sameDataset);
    fillColumns(field('value'), byName[field('value-from').value] || input);
    fillColumns(field('per'), byName[field('per-from').value] || input, none);
    fillColumns(field('weight'), input, none);
    fillDatasets(field('candidates'), ['points'], english ? 'the demand points' : '수요 지점');
    fillDatasets(field('existing'), ['points'], none);
  }

  ['analysis-kind', 'input', 'value-from', 'per-from', 'grid'].forEach(function (id) {
    field(id).addEventListener('change', refresh);
  });
  refresh();

  function number(id) {
    var v = field(id).value;
    return v === '' ? null : Number(v);
  }

  function column(dataset, name) {
    return dataset ? { dataset: dataset, column: name } : name;
  }

  /** The parameters of the chosen kind, as POST /api/analyses/{kind} takes them. */
  function parameters() {
    var k = kind();
    var input = field('input').value;
    var p = {};
    if (k === 'hotspot') {
      p.input = input;
      p.value = column(field('value-from').value, field('value').value);
      if (field('per').value) {
        p.per = column(field('per-from').value, field('per').value);
        p.scale = number('scale') || 1;
      }
      if (field('weights').value) {
        p.weights = field('weights').value;
      }
      p.statistic = field('statistic').value;
      p.permutations = number('permutations') || 0;
    } else if (k === 'kde') {
      p.input = input;
      p.kernel = field('kernel').value;
      if (number('bandwidth') !== null) {
        p.bandwidth_m = number('bandwidth');
      }
      if (field('grid').value === 'h3') {
        p.h3_resolution = number('h3-resolution');
      } else {
        p.cell_m = number('cell');
      }
    } else if (k === 'transit') {
      p.scenario = field('scenario').value;
      var routes = field('routes').value.split(',').map(function (r) { return Number(r.trim()); })
        .filter(function (r) { return r > 0; });
      p.routes = routes.length === 1 ? routes[0] : routes;
      if (number('max-stops') !== null) {
        p.max_stops = number('max-stops');
      }
      if (number('transfer-penalty') !== null) {
        p.transfer_penalty = number('transfer-penalty');
      }
      if (number('transit-time-limit') !== null) {
        p.time_limit_s = number('transit-time-limit');
      }
      return withOutput(p);
    } else if (k === 'dbscan') {
      p.input = input;
      p.eps_m = number('eps');
      p.min_points = number('min-points');
    } else {
      p.demand = input;
      if (field('candidates').value) {
        p.candidates = field('candidates').value;
      }
      if (field('existing').value) {
        p.existing = field('existing').value;
      }
      if (k !== 'setcover') {
        p.p = number('p');
      }
      if (k !== 'pmedian') {
        p.coverage_m = number('coverage');
      }
      p.time_limit_s = number('time-limit');
      if (number('demand-cells') !== null) {
        p.demand_h3_resolution = number('demand-cells');
      }
    }
    if ((k === 'kde' || p.demand) && field('weight').value) {
      p.weight = field('weight').value;
    }
    return withOutput(p);
  }

  /** The output title and the engine, common to every kind. */
  function withOutput(p) {
    if (field('output-title').value.trim()) {
      p.output = { title: field('output-title').value.trim() };
    }
    var engine = document.getElementById('engine');
    if (engine && engine.value === 'spark' && kind() !== 'transit') {
      p.engine = 'spark';
    }
    return p;
  }

  // ---- talking to the server

  function request(method, url, body) {
    var headers = { Accept: 'application/json' };
    if (method !== 'GET') {
      headers[form.dataset.csrfHeader] = form.dataset.csrfToken;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    return fetch(url, { method: method, headers: headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (json) {
          if (!response.ok) {
            var error = new Error(json.detail || (url + ' answered ' + response.status));
            error.field = json.field;
            throw error;
          }
          return json;
        });
      });
  }

  var current = null;

  function say(text, failed) {
    statusLine.textContent = text;
    statusLine.classList.toggle('run-status-failed', !!failed);
  }

  function busy(running) {
    runButton.disabled = running;
    cancelButton.hidden = !running;
    runState.hidden = !running;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    resultLink.hidden = true;
    form.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
    busy(true);
    progress.value = 0;
    say(statusLine.dataset.queued);
    request('POST', '/analyses/jobs/' + kind(), parameters())
      .then(function (job) {
        current = job.id;
        form.dataset.job = String(job.id);
        poll(job);
      })
      .catch(function (error) {
        busy(false);
        markInvalid(error.field);
        say(error.message, true);
      });
  });

  /** Marks the form control of a parameter the server refused (its name, or the first part of a dotted one). */
  function markInvalid(name) {
    if (!name) {
      return;
    }
    var control = form.querySelector('[name="' + name.split('.')[0] + '"]');
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      control.focus();
    }
  }

  cancelButton.addEventListener('click', function () {
    if (current !== null) {
      request('DELETE', '/analyses/jobs/' + current).catch(function (error) { say(error.message, true); });
    }
  });

  function poll(job) {
    progress.value = job.progress || 0;
    phase.textContent = job.phase || '';
    if (job.status === 'succeeded') {
      busy(false);
      say(statusLine.dataset.succeeded);
      resultLink.href = job.output.page;
      resultLink.hidden = false;
      draw(job);
      listJobs();
      return;
    }
    if (job.status === 'failed' || job.status === 'cancelled') {
      busy(false);
      say(job.status === 'failed' ? statusLine.dataset.failed + ' ' + (job.error || '') : statusLine.dataset.cancelled, job.status === 'failed');
      listJobs();
      return;
    }
    say(statusLine.dataset.running);
    setTimeout(function () {
      request('GET', '/analyses/jobs/' + job.id).then(poll).catch(function (error) {
        busy(false);
        say(error.message, true);
      });
    }, 400);
  }

  // ---- the map

  var renderer = L.canvas({ padding: 0.2 });
  var map = L.map(mapElement, { preferCanvas: true, renderer: renderer, zoomSnap: 0.25, minZoom: 8, maxZoom: 18 });
  map.attributionControl.setPrefix('Leaflet');
  map.attributionControl.addAttribution('southkorea/seoul-maps');
  window.madangAnalysisMap = map;

  // ColorBrewer RdBu for hot and cold spots, as ArcGIS and GeoDa draw them; YlGnBu for densities
  var classColours = {
    'hot-99': '#b2182b', 'hot-95': '#ef8a62', 'hot-90': '#fddbc7', 'not-significant': '#f4f4f4',
    'cold-90': '#d1e5f0', 'cold-95': '#67a9cf', 'cold-99': '#2166ac',
    'high-high': '#d7191c', 'low-low': '#2c7bb6', 'high-low': '#fdae61', 'low-high': '#abd9e9',
    'existing': '#1b7837', 'added': '#d6604d', 'demand': '#8c96a0',
    '1': '#ffffcc', '2': '#a1dab4', '3': '#41b6c4', '4': '#2c7fb8', '5': '#253494', '-1': '#c9ced2'
  };
  var categorical = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#1f78b4', '#b2df8a', '#fb9a99'];
  var STYLE_COLUMNS = { hotspot: 'hotspot_class', kde: 'density_class', dbscan: 'cluster', pmedian: 'facility_role', mclp: 'facility_role',
    setcover: 'facility_role', transit: 'bus_route' };
  var DETAIL_COLUMNS = { hotspot: ['z', 'p', 'value'], kde: ['density_per_km2', 'h3_address'], dbscan: ['cluster', 'core'],
    pmedian: ['distance_m', 'served_weight'], mclp: ['distance_m', 'served_weight', 'covered'], setcover: ['distance_m', 'served_weight', 'covered'],
    transit: ['routes', 'stops', 'minutes', 'km', 'direct_trips', 'att', 'dun'] };

  /** Route numbers are categories from 1, not density classes. */
  function routeColour(value) {
    var n = parseInt(value, 10);
    return isFinite(n) ? categorical[Math.abs(n - 1) % categorical.length] : '#12a4b5';
  }

  function colour(value) {
    if (classColours[value]) {
      return classColours[value];
    }
    var n = parseInt(value, 10);
    return isFinite(n) ? categorical[Math.abs(n) % categorical.length] : '#12a4b5';
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  var resultLayer = null;
  var legend = null;

  fetch(mapElement.dataset.districtsUrl, { headers: { Accept: 'application/geo+json' } })
    .then(function (r) { return r.json(); })
    .then(function (districts) {
      var base = L.geoJSON(districts, {
        renderer: renderer,
        style: function () { return { color: '#5b6b73', weight: 1, opacity: 0.9, fillColor: '#e8eef0', fillOpacity: 1 }; },
        onEachFeature: function (feature, layer) {
          var p = feature.properties || {};
          layer.bindTooltip(english && p.name_en ? p.name_en : p.name, { sticky: true });
        }
      }).addTo(map);
      map.fitBounds(base.getBounds(), { padding: [8, 8] });
      mapElement.dataset.base = 'ready';
    });

  function draw(job) {
    var styleColumn = STYLE_COLUMNS[job.kind];
    var details = DETAIL_COLUMNS[job.kind];
    var colourOf = job.kind === 'transit' ? routeColour : colour;
    mapElement.dataset.state = 'loading';
    fetch('/datasets/' + encodeURIComponent(job.output.dataset) + '/download?format=geojson', { credentials: 'same-origin' })
      .then(function (r) {
        if (!r.ok) {
          throw new Error('the result answered ' + r.status);
        }
        return r.json();
      })
      .then(function (collection) {
        if (resultLayer) {
          map.removeLayer(resultLayer);
        }
        if (legend) {
          map.removeControl(legend);
        }
        var counts = {};
        var drawn = 0;
        var most = null;
        (collection.features || []).forEach(function (f) {
          var r = (f.properties || {}).routes;
          if (typeof r === 'number' && (most === null || r > most)) {
            most = r;
          }
        });
        function styleOf(feature) {
          var p = feature.properties || {};
          var value = String(p[styleColumn]);
          var type = feature.geometry && feature.geometry.type;
          if (type === 'Point' || type === 'MultiPoint') {
            var big = value === 'added' || value === 'existing';
            return { renderer: renderer, radius: value === 'added' ? 7 : big ? 4.5 : 3, weight: big ? 1.5 : 0.6,
              color: big ? '#222' : '#06434b', fillColor: colourOf(value), fillOpacity: 0.9 };
          }
          if (type === 'LineString' || type === 'MultiLineString') {
            return { renderer: renderer, color: colourOf(value), weight: 4, opacity: 0.85,
              dashArray: most !== null && typeof p.routes === 'number' && p.routes < most ? '8 6' : null };
          }
          return { renderer: renderer, color: '#4d4d4d', weight: 0.6, fillColor: colourOf(value), fillOpacity: 0.8 };
        }
        resultLayer = L.geoJSON(collection, {
          renderer: renderer,
          style: styleOf,
          pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, styleOf(feature)); },
          onEachFeature: function (feature, layer) {
            var p = feature.properties || {};
            var value = String(p[styleColumn]);
            counts[value] = (counts[value] || 0) + 1;
            layer.madangClass = value;
            drawn++;
            var lines = [(p.name ? escapeHtml(p.name) + ': ' : '') + escapeHtml(value)];
            details.forEach(function (d) {
              if (p[d] !== undefined && p[d] !== null && p[d] !== '') {
                lines.push(escapeHtml(d) + ' ' + escapeHtml(typeof p[d] === 'number' ? numberFormat.format(p[d]) : p[d]));
              }
            });
            layer.bindTooltip(lines.join('<br>'), { sticky: true });
          }
        }).addTo(map);
        legend = L.control({ position: 'bottomright' });
        legend.onAdd = function () {
          var box = L.DomUtil.create('div', 'map-legend');
          L.DomUtil.create('div', 'map-legend-title', box).textContent = styleColumn;
          var list = L.DomUtil.create('ul', '', box);
          var order = Object.keys(classColours);
          Object.keys(counts).sort(function (a, b) {
            var ia = order.indexOf(a);
            var ib = order.indexOf(b);
            return ia >= 0 && ib >= 0 ? ia - ib : ia >= 0 ? -1 : ib >= 0 ? 1 : parseInt(a, 10) - parseInt(b, 10);
          }).forEach(function (value) {
            var item = L.DomUtil.create('li', '', list);
            item.setAttribute('data-value', value);
            L.DomUtil.create('span', 'map-legend-swatch', item).style.background = colourOf(value);
            item.appendChild(document.createTextNode(value + ' (' + numberFormat.format(counts[value]) + ')'));
          });
          return box;
        };
        legend.addTo(map);
        if (resultLayer.getBounds().isValid()) {
          map.fitBounds(resultLayer.getBounds(), { padding: [8, 8], maxZoom: 14 });
        }
        say(statusLine.dataset.drawn.replace('{0}', numberFormat.format(drawn)));
        mapElement.dataset.drawn = String(drawn);
        mapElement.dataset.dataset = job.output.dataset;
        mapElement.dataset.state = 'ready';
      })
      .catch(function (error) {
        mapElement.dataset.state = 'failed';
        say(error.message, true);
      });
  }

  // ---- recent jobs

  var jobsTable = document.getElementById('jobs');

  function listJobs() {
    request('GET', '/analyses/jobs').then(function (list) {
      var body = jobsTable.tBodies[0];
      body.textContent = '';
      if (list.analyses.length === 0) {
        var empty = body.insertRow();
        var cell = empty.insertCell();
        cell.colSpan = 5;
        cell.className = 'muted';
        cell.textContent = jobsTable.dataset.none;
      }
      list.analyses.forEach(function (job) {
        var row = body.insertRow();
        row.setAttribute('data-id', job.id);
        [job.id, job.kind, job.status, job.submitted_at].forEach(function (v) { row.insertCell().textContent = v; });
        var result = row.insertCell();
        if (job.status === 'succeeded') {
          var link = document.createElement('a');
          link.href = job.output.page;
          link.textContent = job.output.dataset;
          result.appendChild(link);
          result.appendChild(document.createTextNode(' '));
          var show = document.createElement('button');
          show.type = 'button';
          show.className = 'button button-quiet button-small';
          show.textContent = jobsTable.dataset.show;
          show.addEventListener('click', function () { draw(job); });
          result.appendChild(show);
        }
      });
    }).catch(function () { /* the list stays as rendered */ });
  }
  listJobs();
})();

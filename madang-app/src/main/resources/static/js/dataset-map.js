/*
 * The dataset page's map: the city's districts (from /api/districts) as the base map, no tile server, and on top of
 * them the dataset's points (circle markers on one canvas), geometries (GeoJSON) or rows per district (colours).
 * Analysis results carry a class column (data-style: hot spot class, facility role, cluster, density class, bus route):
 * their features are coloured by it and a legend lists the classes drawn. Lines (bus routes, network links) are drawn
 * as strokes in their class colour; where a result compares designs (a routes column), the design with the most routes
 * is drawn solid and the others dashed. Reads its settings from the data-* attributes of
 * #dataset-map; says what it drew in #map-status. When done it sets data-state="ready" (or "failed") on #dataset-map,
 * and window.madangDatasetMap holds the Leaflet map.
 */
(function () {
  'use strict';

  var element = document.getElementById('dataset-map');
  var status = document.getElementById('map-status');
  if (!element || typeof L === 'undefined') {
    return;
  }
  var settings = element.dataset;
  var english = settings.lang === 'en';
  var renderer = L.canvas({ padding: 0.2 });
  var map = L.map(element, { preferCanvas: true, renderer: renderer, zoomSnap: 0.25, minZoom: 8, maxZoom: 18, attributionControl: true });
  map.attributionControl.setPrefix('Leaflet');
  map.attributionControl.addAttribution('southkorea/seoul-maps');
  window.madangDatasetMap = map;

  var numberFormat = new Intl.NumberFormat(english ? 'en' : 'ko');
  var pointStyle = { renderer: renderer, radius: 2.5, weight: 0.6, color: '#06434b', fillColor: '#12a4b5', fillOpacity: 0.75 };

  // colours of the classes analyses write (ColorBrewer RdBu for hot and cold spots, as ArcGIS and GeoDa draw them)
  var classColours = {
    'hot-99': '#b2182b', 'hot-95': '#ef8a62', 'hot-90': '#fddbc7', 'not-significant': '#f4f4f4',
    'cold-90': '#d1e5f0', 'cold-95': '#67a9cf', 'cold-99': '#2166ac',
    'high-high': '#d7191c', 'low-low': '#2c7bb6', 'high-low': '#fdae61', 'low-high': '#abd9e9',
    'existing': '#1b7837', 'added': '#d6604d', 'demand': '#8c96a0',
    '1': '#ffffcc', '2': '#a1dab4', '3': '#41b6c4', '4': '#2c7fb8', '5': '#253494', '-1': '#c9ced2'
  };
  var categorical = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#1f78b4', '#b2df8a', '#fb9a99'];
  var classCounts = {};

  function classValue(value) {
    if (value === null || value === undefined || value === '') {
      return null;
    }
    return String(value);
  }

  function classColour(value) {
    if (settings.style === 'bus_route') {
      // route numbers are categories from 1, not the density classes 1-5
      var route = parseInt(value, 10);
      return isFinite(route) ? categorical[Math.abs(route - 1) % categorical.length] : '#12a4b5';
    }
    if (classColours[value]) {
      return classColours[value];
    }
    var n = parseInt(value, 10);
    return isFinite(n) ? categorical[Math.abs(n) % categorical.length] : '#12a4b5';
  }

  function isLine(type) {
    return type === 'LineString' || type === 'MultiLineString';
  }

  /** The largest value of the routes column among the features, or null when they have none. */
  function mostRoutes(collection) {
    var most = null;
    (collection.features || []).forEach(function (f) {
      var r = number((f.properties || {}).routes);
      if (isFinite(r) && (most === null || r > most)) {
        most = r;
      }
    });
    return most;
  }

  function countClass(value) {
    if (value !== null) {
      classCounts[value] = (classCounts[value] || 0) + 1;
    }
  }

  function styledPoint(value) {
    if (!settings.style || value === null) {
      return pointStyle;
    }
    var big = value === 'added' || value === 'existing';
    return { renderer: renderer, radius: value === 'added' ? 7 : big ? 4.5 : 3, weight: big ? 1.5 : 0.6, color: big ? '#222' : '#06434b',
      fillColor: classColour(value), fillOpacity: 0.9 };
  }

  function drawLegend() {
    var values = Object.keys(classCounts);
    if (!settings.style || values.length === 0) {
      return;
    }
    var order = Object.keys(classColours);
    values.sort(function (a, b) {
      var ia = order.indexOf(a);
      var ib = order.indexOf(b);
      if (ia >= 0 && ib >= 0) {
        return ia - ib;
      }
      return ia >= 0 ? -1 : ib >= 0 ? 1 : parseInt(a, 10) - parseInt(b, 10);
    });
    var legend = L.control({ position: 'bottomright' });
    legend.onAdd = function () {
      var box = L.DomUtil.create('div', 'map-legend');
      var title = L.DomUtil.create('div', 'map-legend-title', box);
      title.textContent = settings.style;
      var list = L.DomUtil.create('ul', '', box);
      values.forEach(function (value) {
        var item = L.DomUtil.create('li', '', list);
        item.setAttribute('data-value', value);
        var swatch = L.DomUtil.create('span', 'map-legend-swatch', item);
        swatch.style.background = classColour(value);
        item.appendChild(document.createTextNode(value + ' (' + numberFormat.format(classCounts[value]) + ')'));
      });
      return box;
    };
    legend.addTo(map);
  }

  function say(template) {
    var args = Array.prototype.slice.call(arguments, 1);
    status.textContent = template.replace(/\{(\d+)\}/g, function (match, i) {
      return numberFormat.format(args[Number(i)]);
    });
  }

  function fetchJson(url) {
    return fetch(url, { headers: { Accept: 'application/json, application/geo+json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(url + ' answered ' + response.status);
        }
        return response.json();
      });
  }

  function districtName(feature) {
    var p = feature.properties || {};
    return english && p.name_en ? p.name_en : p.name;
  }

  function drawDistricts(districts, fillFor) {
    var layer = L.geoJSON(districts, {
      renderer: renderer,
      style: function (feature) {
        return {
          color: '#5b6b73',
          weight: 1,
          opacity: 0.9,
          fillColor: fillFor ? fillFor(feature) : '#e8eef0',
          fillOpacity: fillFor ? 0.85 : 1
        };
      },
      onEachFeature: function (feature, l) {
        l.bindTooltip(districtName(feature), { sticky: true, direction: 'top' });
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    return layer;
  }

  function number(value) {
    if (value === null || value === undefined || value === '') {
      return NaN;
    }
    return typeof value === 'number' ? value : parseFloat(value);
  }

  function drawPoints(page) {
    var group = L.featureGroup();
    var drawn = 0;
    page.rows.forEach(function (row) {
      var lat = number(row[settings.lat]);
      var lon = number(row[settings.lon]);
      if (!isFinite(lat) || !isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
        return;
      }
      var value = settings.style ? classValue(row[settings.style]) : null;
      countClass(value);
      var marker = L.circleMarker([lat, lon], styledPoint(value));
      marker.madangLabel = settings.label ? row[settings.label] : null;
      group.addLayer(marker);
      drawn++;
    });
    group.on('click', function (event) {
      var label = event.layer.madangLabel;
      if (label !== null && label !== undefined && label !== '') {
        L.popup().setLatLng(event.latlng).setContent(escapeHtml(String(label))).openOn(map);
      }
    });
    group.addTo(map);
    if (page.total > page.rows.length) {
      say(status.dataset.truncated, drawn, page.total);
    } else {
      say(status.dataset.points, drawn);
    }
    return drawn;
  }

  function drawGeometries(collection) {
    var drawn = 0;
    var most = mostRoutes(collection);
    L.geoJSON(collection, {
      renderer: renderer,
      style: function (feature) {
        var type = feature.geometry && feature.geometry.type;
        var value = settings.style ? classValue((feature.properties || {})[settings.style]) : null;
        if (type === 'Point' || type === 'MultiPoint') {
          return styledPoint(value);
        }
        if (isLine(type)) {
          var routes = number((feature.properties || {}).routes);
          return { color: value !== null ? classColour(value) : '#0b5f6a', weight: value !== null ? 4 : 2, opacity: 0.85,
            dashArray: most !== null && isFinite(routes) && routes < most ? '8 6' : null };
        }
        if (value !== null) {
          return { color: '#4d4d4d', weight: 1, fillColor: classColour(value), fillOpacity: 0.8 };
        }
        return { color: '#0b5f6a', weight: 2, fillColor: '#12a4b5', fillOpacity: 0.25 };
      },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, styledPoint(settings.style ? classValue((feature.properties || {})[settings.style]) : null));
      },
      onEachFeature: function (feature, layer) {
        drawn++;
        if (settings.style) {
          var p = feature.properties || {};
          var value = classValue(p[settings.style]);
          countClass(value);
          layer.madangClass = value;
          var name = p.name || p.district_code || '';
          if (value !== null) {
            var design = p.routes !== undefined && p.routes !== null ? ' (' + escapeHtml(String(p.routes)) + ' routes)' : '';
            layer.bindTooltip(escapeHtml(String(name)) + (name ? ': ' : '') + escapeHtml(value) + design, { sticky: true });
          }
        }
      }
    }).addTo(map);
    say(status.dataset.geometries, drawn);
    return drawn;
  }

  function districtColours(page) {
    var counts = {};
    var max = 0;
    page.rows.forEach(function (row) {
      var code = row[settings.district];
      if (code !== null && code !== undefined) {
        counts[code] = (counts[code] || 0) + 1;
        max = Math.max(max, counts[code]);
      }
    });
    var shades = ['#d6eef1', '#a3d9df', '#6cc0ca', '#2f9dab', '#0b6f7c'];
    return {
      districts: Object.keys(counts).length,
      fill: function (feature) {
        var count = counts[feature.id] || counts[(feature.properties || {}).code] || 0;
        if (!count) {
          return '#f4f6f7';
        }
        return shades[Math.min(shades.length - 1, Math.floor((count / max) * (shades.length - 1) + 0.0001))];
      }
    };
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function done(count) {
    element.dataset.drawn = String(count);
    element.dataset.state = 'ready';
  }

  function failed(error) {
    element.dataset.state = 'failed';
    status.textContent = status.dataset.failed;
    status.classList.add('map-status-failed');
    if (window.console) {
      console.error('map preview:', error);
    }
  }

  Promise.all([fetchJson(settings.districtsUrl), fetchJson(settings.url)])
    .then(function (loaded) {
      var districts = loaded[0];
      var data = loaded[1];
      if (settings.kind === 'districts') {
        var colours = districtColours(data);
        drawDistricts(districts, colours.fill);
        say(status.dataset.districts, colours.districts);
        done(colours.districts);
      } else {
        drawDistricts(districts, null);
        var drawn = settings.kind === 'points' ? drawPoints(data) : drawGeometries(data);
        drawLegend();
        done(drawn);
      }
    })
    .catch(failed);
})();

// Incident map: Leaflet with an offline base (country and governorate outlines from a packaged GeoJSON),
// no tile server. Markers are circles coloured by ACLED event type and sized by the best fatality figure.
// All text from the data goes into the page through textContent, never innerHTML.
(function () {
  "use strict";
  var COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d"
  };
  var OTHER = "#34495e";

  function radius(killed) {
    // Logarithmic: a massacre must not hide every other marker under one disc.
    var k = typeof killed === "number" && killed > 0 ? killed : 0;
    return 5 + 4 * Math.log(1 + k);
  }

  function popup(props) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "/incidents/" + encodeURIComponent(props.id);
    link.textContent = (props.event_type || "Incident") + (props.place ? " — " + props.place : "");
    box.appendChild(link);
    var meta = document.createElement("div");
    meta.className = "small muted";
    meta.textContent = (props.date || "date unknown") + " · killed " +
      (props.killed_best === null || props.killed_best === undefined ? "?" : props.killed_best) +
      " · " + (props.grade || "ungraded");
    box.appendChild(meta);
    return box;
  }

  function legend(map) {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "legend");
      Object.keys(COLOURS).forEach(function (name) {
        var row = document.createElement("div");
        var dot = document.createElement("i");
        dot.style.background = COLOURS[name];
        row.appendChild(dot);
        row.appendChild(document.createTextNode(name));
        div.appendChild(row);
      });
      var note = document.createElement("div");
      note.className = "muted";
      note.textContent = "circle size: best fatality figure (log scale)";
      div.appendChild(note);
      return div;
    };
    control.addTo(map);
  }

  function init() {
    var el = document.getElementById("map");
    if (!el) { return; }
    var map = L.map(el, { attributionControl: true, zoomSnap: 0.25, maxBounds: [[27, 29], [42, 49]] })
      .setView([35.0, 38.5], 6.5);
    map.attributionControl.setPrefix(false);
    fetch(el.dataset.basemap).then(function (r) { return r.json(); }).then(function (base) {
      L.geoJSON(base, {
        style: function (f) {
          if (f.properties.kind === "admin1") {
            return { color: "#6d7f8f", weight: 1, fillColor: "#f4f1e8", fillOpacity: 1, dashArray: "3 3" };
          }
          return f.properties.name === "Syria"
            ? { color: "#3b4a57", weight: 2, fillColor: "#f4f1e8", fillOpacity: 1 }
            : { color: "#9aa7b2", weight: 1, fillColor: "#e7e9e4", fillOpacity: 1 };
        },
        onEachFeature: function (f, layer) {
          if (f.properties.kind === "admin1") { layer.bindTooltip(f.properties.name, { sticky: true }); }
        }
      }).addTo(map);
      base.features.forEach(function (f) {
        if (f.properties.kind === "country" && f.properties.name === "Syria") {
          map.fitBounds(L.geoJSON(f).getBounds(), { padding: [10, 10] });
        }
      });
      map.attributionControl.addAttribution(base.attribution || "");
      return fetch(el.dataset.source, { credentials: "same-origin" });
    }).then(function (r) { return r.json(); }).then(function (data) {
      var layer = L.featureGroup();
      data.features.forEach(function (f) {
        var c = f.geometry.coordinates;
        var colour = COLOURS[f.properties.event_type] || OTHER;
        L.circleMarker([c[1], c[0]], {
          radius: radius(f.properties.killed_best), color: "#222", weight: 1,
          fillColor: colour, fillOpacity: 0.75, className: "incident-marker"
        }).bindPopup(popup(f.properties)).addTo(layer);
      });
      layer.addTo(map);
      var count = document.getElementById("map-count");
      if (count) { count.textContent = String(data.features.length); }
      el.dataset.markers = String(data.features.length);
    });
    legend(map);
  }

  document.addEventListener("DOMContentLoaded", init);
})();

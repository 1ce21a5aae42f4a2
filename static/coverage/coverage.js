// The coverage map: communes as circles at their centre (area ∝ population), coloured by distance band,
// the places on top. All data comes from the map element's data attributes; the page reads without it.
(function () {
  "use strict";

  // Leaflet writes a string tooltip as HTML: names typed by people are given as text.
  function textElement(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function radius(population) {
    return Math.min(25, 3 + Math.sqrt(population) / 15);
  }

  function init() {
    var element = document.getElementById("coverage-map");
    if (!element || !window.L) {
      return;
    }
    var communes = JSON.parse(element.dataset.communes || "[]");
    var places = JSON.parse(element.dataset.places || "[]");
    var map = L.map(element, { preferCanvas: false });
    L.tileLayer(element.dataset.tilesUrl, {
      attribution: element.dataset.tilesAttribution,
      maxZoom: 19,
    }).addTo(map);
    var bounds = [];
    // Largest first, so that small communes stay visible (and clickable) above big ones.
    communes.sort(function (a, b) { return b[4] - a[4]; });
    communes.forEach(function (row) {
      var nearest = row[5] === null ? "> 50 km" : row[5].toLocaleString("fr-FR") + " km";
      L.circleMarker([row[2], row[3]], {
        radius: radius(row[4]),
        className: "coverage-commune coverage-band-" + row[6],
      }).bindTooltip(textElement(row[1] + " : " + nearest)).addTo(map);
      bounds.push([row[2], row[3]]);
    });
    map.createPane("places").style.zIndex = 450;
    places.forEach(function (row) {
      L.circleMarker([row[0], row[1]], {
        pane: "places",
        radius: 3,
        className: "coverage-place",
      }).bindTooltip(textElement(row[2])).addTo(map);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [10, 10] });
    } else {
      map.setView([46.6, 2.4], 5);
    }
    element.dataset.ready = String(communes.length);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* The map page: Leaflet map fed per view by /carte/points.json, list and filters kept in sync, suggestions,
   "Autour de moi". The page works without this script: the form submits by GET and the list is HTML. */
(function () {
  "use strict";
  var mapElement = document.getElementById("map");
  var form = document.getElementById("search-form");
  if (!mapElement || !form || !window.L) return;

  var map = L.map(mapElement, { minZoom: 3, maxZoom: 18, zoomControl: false }).setView([50.0, 2.8], 8);
  L.control.zoom({ zoomInTitle: mapElement.dataset.zoomIn, zoomOutTitle: mapElement.dataset.zoomOut }).addTo(map);
  L.tileLayer(mapElement.dataset.tiles, { attribution: mapElement.dataset.attribution, maxZoom: 19 }).addTo(map);
  var markers = L.layerGroup().addTo(map);
  // The point whose popup is open: kept when the points are drawn again, so that the pan a popup makes to fit
  // in the view (which reloads the points) does not close it under the reader.
  var openMarker = null;
  var searchMarker = null;
  var pending = null;

  function filterParams() {
    var params = new URLSearchParams(new FormData(form));
    Array.from(params.keys()).forEach(function (key) { if (!params.get(key)) params.delete(key); });
    return params;
  }

  function bboxString() {
    var b = map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(4); }).join(",");
  }

  function clusterIcon(count) {
    var size = count < 10 ? 32 : count < 100 ? 40 : count < 1000 ? 48 : 56;
    return L.divIcon({ className: "cluster", html: "<span>" + count + "</span>", iconSize: [size, size] });
  }

  var pointIcon = L.divIcon({ className: "point", iconSize: [24, 24] });  // 24 px: a target a finger can hit (WCAG 2.2, 2.5.8)

  function openPopup(marker, id, fromKeyboard) {
    fetch(mapElement.dataset.popupUrl.replace("/0/", "/" + id + "/"))
      .then(function (r) { return r.ok ? r.text() : null; })  // a place gone meanwhile: no popup, not a 404 page
      .then(function (html) {
        if (!html) return;
        marker.bindPopup(html).openPopup();
        openMarker = marker;
        marker.once("popupclose", function () { if (openMarker === marker) openMarker = null; });
        // From the keyboard, the reader goes on in the popup (its link to the place), as after a click it sees it.
        var link = fromKeyboard && marker.getPopup().getElement().querySelector("a");
        if (!link) return;
        link.focus();
        marker.once("popupclose", function () { if (marker.getElement()) marker.getElement().focus(); });
      });
  }

  // Escape closes a popup from inside it too (Leaflet's own Escape works only while the map itself has the focus).
  mapElement.addEventListener("keydown", function (e) { if (e.key === "Escape") map.closePopup(); });

  // Markers are buttons: Enter or Space does what a click does.
  function onActivate(marker, action) {
    marker.on("click", function () { action(false); });
    marker.on("keydown", function (e) {
      var key = e.originalEvent.key;
      if (key !== "Enter" && key !== " ") return;
      e.originalEvent.preventDefault();
      action(true);
    });
  }

  function draw(data) {
    markers.eachLayer(function (layer) { if (layer !== openMarker) markers.removeLayer(layer); });
    (data.clusters || []).forEach(function (c) {
      var label = c[2] + " " + mapElement.dataset.clusterLabel;
      var m = L.marker([c[0], c[1]], { icon: clusterIcon(c[2]), title: label, alt: label, keyboard: true });
      onActivate(m, function () { map.setView([c[0], c[1]], Math.min(map.getZoom() + 2, 18)); });
      markers.addLayer(m);
    });
    (data.points || []).forEach(function (p) {
      if (openMarker && openMarker.placeId === p[0]) return;
      var label = mapElement.dataset.pointLabel.replace("%(name)s", function () { return p[3]; });  // "$&" stays
      var m = L.marker([p[1], p[2]], { icon: pointIcon, title: label, alt: label, keyboard: true });
      m.placeId = p[0];
      onActivate(m, function (fromKeyboard) { openPopup(m, p[0], fromKeyboard); });
      markers.addLayer(m);
    });
    mapElement.dataset.loaded = String(Date.now());
    mapElement.dataset.clusters = String((data.clusters || []).length);
    mapElement.dataset.points = String((data.points || []).length);
  }

  function loadPoints() {
    var params = filterParams();
    ["q", "lat", "lon", "page"].forEach(function (k) { params.delete(k); });
    params.set("bbox", bboxString());
    params.set("zoom", String(map.getZoom()));
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(mapElement.dataset.pointsUrl + "?" + params.toString(), { signal: pending.signal })
      .then(function (r) { return r.json(); })
      .then(draw)
      .catch(function (e) { if (e.name !== "AbortError") throw e; });
  }

  function resultsElement() { return document.getElementById("results"); }

  function showSearchPoint() {
    var results = resultsElement();
    if (searchMarker) { map.removeLayer(searchMarker); searchMarker = null; }
    if (!results || !results.dataset.located) return false;
    var lat = parseFloat(results.dataset.lat), lon = parseFloat(results.dataset.lon);
    var radius = parseFloat(results.dataset.radius) * 1000;
    searchMarker = L.circle([lat, lon], { radius: radius, interactive: false, fill: false, weight: 2 }).addTo(map);
    map.fitBounds(searchMarker.getBounds(), { animate: false });
    return true;
  }

  function refreshResults(withBbox) {
    var params = filterParams();
    if (withBbox && !params.get("q") && !params.get("lat")) params.set("bbox", bboxString());
    params.set("fragment", "results");
    return fetch(window.location.pathname + "?" + params.toString())
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("#results");
        resultsElement().replaceWith(fresh);
        var counts = holder.querySelector("#filter-counts");
        if (counts) updateCounts(JSON.parse(counts.textContent));
        // Said by screen readers: how many places the list now holds.
        var status = document.getElementById("results-status");
        var title = fresh.querySelector(".results-title");
        if (status && title) status.textContent = title.textContent.trim().replace(/\s+/g, " ");
      });
  }

  // The number beside each filter: how many places the list would keep with it ticked.
  function updateCounts(counts) {
    form.querySelectorAll("[data-count]").forEach(function (span) {
      var key = span.dataset.count.split(":");
      var group = counts[key[0]] || {};
      span.textContent = "(" + (group[key[1]] || 0) + ")";
    });
  }

  function isSearch() { var p = filterParams(); return Boolean(p.get("q") || p.get("lat")); }

  function onFiltersChanged() {
    var params = filterParams();
    history.replaceState(null, "", window.location.pathname + (params.toString() ? "?" + params.toString() : ""));
    refreshResults(true).then(function () { if (!showSearchPoint()) loadPoints(); });
  }

  form.addEventListener("change", function (event) {
    if (event.target.type === "checkbox") onFiltersChanged();
  });

  // The list follows the map's view, unless it lists the results of a search around a point.
  map.on("moveend", function () {
    loadPoints();
    if (!isSearch()) refreshResults(true);
  });

  // Suggestions as the person types, in the input's <datalist> (debounced).
  var input = document.getElementById("id_q");
  var list = document.getElementById("q-suggestions");
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 3) return;
    timer = setTimeout(function () {
      fetch(form.dataset.suggestionsUrl + "?q=" + encodeURIComponent(text))
        .then(function (r) { return r.json(); })
        .then(function (data) {
          list.replaceChildren.apply(list, data.suggestions.map(function (label) {
            var option = document.createElement("option");
            option.value = label;
            return option;
          }));
        });
    }, 250);
  });
  // A typed address replaces a former position.
  input.addEventListener("input", function () { form.elements.lat.value = ""; form.elements.lon.value = ""; });

  // "Autour de moi": the browser's position, submitted like a search.
  var nearMe = form.querySelector(".near-me");
  if (navigator.geolocation) {
    nearMe.hidden = false;
    nearMe.addEventListener("click", function () {
      var error = form.querySelector(".near-me-error");
      error.hidden = true;
      navigator.geolocation.getCurrentPosition(function (position) {
        form.elements.q.value = "";
        form.elements.lat.value = position.coords.latitude.toFixed(5);
        form.elements.lon.value = position.coords.longitude.toFixed(5);
        form.submit();
      }, function () { error.hidden = false; }, { timeout: 15000 });
    });
  }

  // An embed fits its territory: the first answer, for the whole world, gives its extent.
  function fitToPlaces() {
    var params = filterParams();
    ["q", "lat", "lon", "page"].forEach(function (k) { params.delete(k); });
    params.set("zoom", "6");
    fetch(mapElement.dataset.pointsUrl + "?" + params.toString())
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var coords = (data.clusters || []).map(function (c) { return [c[0], c[1]]; })
          .concat((data.points || []).map(function (p) { return [p[1], p[2]]; }));
        if (coords.length) map.fitBounds(L.latLngBounds(coords).pad(0.1), { maxZoom: 13, animate: false });
        else loadPoints();
      });
  }

  if (!showSearchPoint()) {
    if (mapElement.dataset.fit) fitToPlaces();
    else loadPoints();
  }
})();

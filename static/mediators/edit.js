// The pin of a listing's position: dragged or placed by a click, it fills the hidden latitude/longitude
// inputs and tells the server not to geocode the address again.
(function () {
  "use strict";
  var element = document.getElementById("pin-map");
  if (!element || typeof L === "undefined") return;
  var lat = document.getElementById(element.dataset.latInput);
  var lon = document.getElementById(element.dataset.lonInput);
  var moved = document.getElementById(element.dataset.movedInput);
  var hasPosition = lat.value !== "" && lon.value !== "";
  var center = hasPosition ? [parseFloat(lat.value), parseFloat(lon.value)] : [46.6, 2.4];
  var map = L.map(element).setView(center, hasPosition ? 17 : 5);
  L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution, maxZoom: 19 }).addTo(map);
  var marker = null;

  // One kind of pin, however it got there: draggable, and focusable (Leaflet's keyboard option).
  function addMarker(latlng) {
    marker = L.marker(latlng, { draggable: true, keyboard: true, alt: element.dataset.pinLabel || "" });
    marker.addTo(map).on("dragend", function () { place(marker.getLatLng()); });
  }
  function place(latlng) {
    if (!marker) addMarker(latlng);
    marker.setLatLng(latlng);
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
    moved.value = "True";
  }
  if (hasPosition) addMarker(center);
  map.on("click", function (event) { place(event.latlng); });
  // Without a mouse: move the map with the arrow keys, then put the pin at its centre.
  var centre = document.createElement("button");
  centre.type = "button";
  centre.textContent = element.dataset.centreLabel;
  centre.addEventListener("click", function () { place(map.getCenter()); });
  element.parentNode.insertBefore(centre, element.nextSibling);
})();

// A closure's own hours only matter for "exceptional hours": the field shows only then.
(function () {
  "use strict";
  document.querySelectorAll("fieldset.closure").forEach(function (closure) {
    var kind = closure.querySelector("select[name$='-kind']");
    var hours = closure.querySelector("input[name$='-hours']");
    if (!kind || !hours) return;
    var wrapper = hours.closest("div") || hours;
    function sync() { wrapper.hidden = kind.value !== "hours"; }
    kind.addEventListener("change", sync);
    sync();
  });
})();

// The week editor: one button copies Monday's ranges to Tuesday–Friday (added only when scripts run).
(function () {
  "use strict";
  var editor = document.querySelector(".week-editor[data-copy-label]");
  if (!editor) return;
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = editor.dataset.copyLabel;
  button.addEventListener("click", function () {
    editor.querySelectorAll("input[name*='-mo_']").forEach(function (source) {
      ["tu", "we", "th", "fr"].forEach(function (day) {
        var target = editor.querySelector("input[name='" + source.name.replace("-mo_", "-" + day + "_") + "']");
        if (target) target.value = source.value;
      });
    });
  });
  var firstDay = editor.querySelector(".day");
  firstDay.parentNode.insertBefore(button, firstDay.nextSibling);
})();

// After a refused save, the error summary takes the focus, so that it is read first (RGAA 11.10). Without
// scripts, sending the form again lands on it (the form's action then points to it).
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();

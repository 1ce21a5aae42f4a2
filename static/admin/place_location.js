// Shows a place's pin on the small map of its admin page (django-leaflet calls this back).
window.placeLocationMap = function (map) {
  var box = document.querySelector(".place-location");
  var latLng = [parseFloat(box.dataset.lat), parseFloat(box.dataset.lon)];
  map.setView(latLng, 15);
  L.marker(latLng).addTo(map);
};

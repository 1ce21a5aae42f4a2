"""Geocoding of the address a mediator edits, with the national address base (BAN): stricter than the
search's (places.geocoding), since the answer becomes the place's stored position."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from geopy.exc import GeopyError

from places.communes import find_commune
from places.geo import haversine_km
from places.geocoding import ban_geocoder
from places.models import Commune

MIN_SCORE = 0.5  # below this the BAN's best answer is a guess, not the address
# A pin placed by hand farther than this from its commune's centre is a slip (the map's default view is the
# centre of France), not the place. A vast commune (Arles, Guyane's) gets twice its equivalent radius instead.
MAX_PIN_DISTANCE_KM = 30


class GeocodingError(Exception):
    """The address could not be placed; the message says why, in French, for the person editing."""


@dataclass(frozen=True)
class GeocodedAddress:
    latitude: float
    longitude: float
    insee_code: str
    departement: str


def geocode_address(*, address: str, postal_code: str, commune: str) -> GeocodedAddress:
    """The position of an address, or GeocodingError with a message for the form."""
    try:
        location = ban_geocoder().geocode(f"{address} {postal_code} {commune}", exactly_one=True, limit=1)
    except GeopyError:  # down, slow, or an answer that is not the expected JSON (GeocoderParseError)
        raise GeocodingError(
            _(
                "Le service d'adresses ne répond pas : réessayez dans un moment, ou placez l'épingle sur la carte."
            )
        ) from None
    properties = (location.raw.get("properties", {}) if location else {}) or {}
    try:
        score = float(properties.get("score", 0))
        latitude, longitude = float(location.latitude), float(location.longitude)
    except (AttributeError, TypeError, ValueError):
        score = 0
    if not location or score < MIN_SCORE or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise GeocodingError(
            _(
                "Adresse introuvable : vérifiez l'adresse, le code postal et la commune, ou placez l'épingle sur la carte."
            )
        )
    citycode = str(properties.get("citycode", ""))
    departement = str(properties.get("context", "")).split(",")[0].strip()
    return GeocodedAddress(latitude, longitude, citycode, departement)


def check_pin(*, latitude: float, longitude: float, postal_code: str, commune: str) -> Commune | None:
    """The commune of the address, or GeocodingError if a pin placed by hand lies far from it.

    Without a commune of that postal code and name, nothing to compare with: the pin is trusted (None).
    """
    found = find_commune(postal_code=postal_code, name=commune)
    if found is None:
        return None
    distance = haversine_km(latitude, longitude, found.latitude, found.longitude)
    if distance > max(MAX_PIN_DISTANCE_KM, 2 * found.radius_km):
        raise GeocodingError(
            _(
                "L'épingle est à %(distance)s km de la commune indiquée (%(commune)s) : "
                "placez-la sur le lieu lui-même."
            )
            % {"distance": round(distance), "commune": found.name}
        )
    return found

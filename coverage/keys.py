"""What a coverage figure is about: every place ("all"), a kind of help (an Offer code) or a service."""

from django.utils.translation import gettext_lazy as _

from places.choices import Offer, Service

ALL = "all"
KEYS: list[str] = [ALL, *Offer.values, *Service.values]
KEY_INDEX: dict[str, int] = {key: index for index, key in enumerate(KEYS)}


def key_label(key: str) -> str:
    """The French label of a key, for headings and the filter."""
    if key == ALL:
        return str(_("tous les types d'aide"))
    if key in Offer.values:
        return str(Offer(key).label)
    return str(Service(key).label)


def key_for(*, offer: str = "", service: str = "") -> str:
    """The key of a filter; a service is more precise than a kind of help, so it wins when both are given."""
    return service or offer or ALL


def place_keys(offers: list[str], services: list[str]) -> tuple[int, ...]:
    """The indexes (in KEYS) of everything a place counts for."""
    return (0, *(KEY_INDEX[code] for code in offers), *(KEY_INDEX[code] for code in services))


def places_for_key(places, key: str):
    """The places a key counts: those offering the kind of help, or the service (every place for "all")."""
    if key in Offer.values:
        return places.offering(key)
    if key in Service.values:
        return places.filter(services__any=[key])
    return places


def api_params(key: str) -> dict[str, str]:
    """The API's query parameters for a key (the reverse of key_for)."""
    if key in Offer.values:
        return {"offer": key}
    if key in Service.values:
        return {"service": key}
    return {}

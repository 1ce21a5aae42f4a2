"""Turning what a person types (an address, a commune, a postal code) into a point, with the national address
base (BAN, through geopy's BANFrance) and the local communes table when the BAN is down or finds nothing."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from geopy.exc import GeopyError
from geopy.geocoders import BANFrance

from places.models import Commune

logger = logging.getLogger(__name__)
BAN_MIN_LENGTH = 3  # the BAN answers 400 to shorter queries


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float
    label: str
    notice: str = ""  # said to the person when the answer comes from the fallback


def ban_geocoder() -> BANFrance:
    """The BAN through geopy, on the configured host (a local stand-in in the tests)."""
    return BANFrance(
        domain=settings.BAN_DOMAIN, scheme=settings.BAN_SCHEME, timeout=settings.BAN_TIMEOUT, proxies={}
    )


def _ban(text: str, *, limit: int) -> list | None:
    """The BAN's answers, [] when it finds nothing, None when it cannot be asked or fails."""
    if len(text) < BAN_MIN_LENGTH:
        return None
    try:
        return ban_geocoder().geocode(text, exactly_one=False, limit=limit) or []
    except GeopyError as error:
        logger.warning("BAN geocoder failed for %r: %s", text, error)
        return None
    except ValueError as error:  # an answer that is not the expected JSON
        logger.warning("BAN geocoder answered garbage for %r: %s", text, error)
        return None


def _commune_location(commune: Commune, notice: str) -> Location:
    return Location(commune.latitude, commune.longitude, f"{commune.name} ({commune.departement})", notice)


def geocode(*, text: str) -> Location | None:
    """The point of an address, a commune or a postal code; None when neither the BAN nor the communes know it."""
    text = text.strip()
    if not text:
        return None
    answers = _ban(text, limit=1)
    if answers:
        return Location(answers[0].latitude, answers[0].longitude, answers[0].address)
    commune = Commune.objects.named_in(text)
    if commune is None:
        return None
    if len(text) < BAN_MIN_LENGTH:
        notice = ""
    elif answers is None:
        notice = _(
            "Le service national des adresses ne répond pas : la recherche se fait autour du centre de la commune."
        )
    else:
        notice = _("Adresse introuvable : la recherche se fait autour du centre de la commune.")
    return _commune_location(commune, notice)


def suggest(*, text: str, limit: int = 5) -> list[str]:
    """Labels to propose as the person types: addresses from the BAN, communes when it cannot answer."""
    text = text.strip()
    if not text:
        return []
    answers = _ban(text, limit=limit)
    if answers:
        return [answer.address for answer in answers]
    return [f"{commune.name} ({commune.departement})" for commune in Commune.objects.search(text)[:limit]]

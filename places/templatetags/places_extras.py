"""Template helpers of the residents' pages: kinds of help in plain words, with their pictograms."""

from django import template
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from unidecode import unidecode

from places import choices
from places.models import ChangeSource

register = template.Library()

EASY_SENTENCES = {
    choices.Offer.ASSISTANCE: _("On fait la démarche avec vous."),
    choices.Offer.MEDIATION: _("On vous aide à faire seul."),
    choices.Offer.TRAINING: _("On vous apprend, en cours ou en atelier."),
    choices.Offer.FREE_ACCESS: _("Un ordinateur et internet pour vous."),
}


@register.simple_tag
def kinds_of_help(place) -> list[dict]:
    """The place's kinds of help: code, label, easy-to-read sentence and pictogram URL."""
    return [
        {
            "code": code,
            "label": choices.Offer(code).label,
            "sentence": EASY_SENTENCES[code],
            "picto": static(f"places/pictos/{code}.svg"),
        }
        for code in place.offers
    ]


@register.simple_tag
def labels(enum_name: str, codes) -> list[str]:
    """The French labels of a multi-valued field's codes (enum_name: a class of places.choices)."""
    enum = getattr(choices, enum_name)
    return [enum(code).label for code in codes]


@register.filter
def get(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def change_source(reason: str | None) -> str:
    """A version's source (its change reason) in words: "import <source>" (places.importers.run) keeps the
    import's name after the label; an unknown value shows as written."""
    if not reason:
        return ""
    if reason in ChangeSource.values:
        return ChangeSource(reason).label
    kind, _space, name = reason.partition(" ")
    if kind == ChangeSource.IMPORT and name:
        return f"{ChangeSource.IMPORT.label} {name}"
    return reason


@register.filter
def elides(text: str) -> bool:
    """Whether French writes "d'" rather than "de" before this name: "d'Amiens", "d'Ailly-sur-Noye", but "de
    Lille" and, before an h, "de Hazebrouck" (most place names of the north start with an aspirated h)."""
    first = unidecode(str(text or "")[:1]).lower()
    return first in {"a", "e", "i", "o", "u", "y"}

"""Finding the same place in another source, and merging two descriptions of it.

Two records describe the same place when they have the same normalised name, address and postal code, or
when they stand within a few tens of metres of each other with similar names.
"""

from difflib import SequenceMatcher

from places.choices import normalize_label
from places.fields import ChoiceSetField
from places.models import Place

NEARBY_KM = 0.06
STOP_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur"}


def name_key(name: str) -> str:
    return " ".join(word for word in normalize_label(name).split() if word not in STOP_WORDS)


def names_similar(a: str, b: str) -> bool:
    """Similar enough to be one place: one name contains the other, or they share most of their words."""
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return False
    if key_a in key_b or key_b in key_a:
        return True
    words_a, words_b = set(key_a.split()), set(key_b.split())
    jaccard = len(words_a & words_b) / len(words_a | words_b)
    return jaccard >= 0.5 or SequenceMatcher(None, key_a, key_b).ratio() >= 0.85


def find_duplicate(fields: dict) -> Place | None:
    """A place already known (from any source, this one included: aggregated files repeat places) that these
    fields describe, or None."""
    others = Place.objects.all()
    identity = (name_key(fields["name"]), name_key(fields["address"]))
    same_postal_code = others.filter(postal_code=fields["postal_code"]).only("name", "address")
    for place in same_postal_code.iterator():
        if (name_key(place.name), name_key(place.address)) == identity:
            return place
    if fields.get("latitude") is None or fields.get("location_is_approximate"):
        return None
    for place in others.near(fields["latitude"], fields["longitude"], NEARBY_KM).filter(
        location_is_approximate=False
    )[:20]:
        if names_similar(place.name, fields["name"]):
            return place
    return None


def merge_fields(place: Place, fields: dict) -> dict:
    """What a second description adds to a place: blanks filled, lists and sets united, the latest date."""
    merged = {}
    for name, value in fields.items():
        current = getattr(place, name)
        model_field = Place._meta.get_field(name)
        if isinstance(model_field, ChoiceSetField):
            merged[name] = [code for code in model_field.codes if code in set(current) | set(value)]
        elif isinstance(current, list):
            merged[name] = current + [item for item in value if item not in current]
        elif name == "updated_on":
            merged[name] = max(current, value) if current else value
        elif name == "pass_numerique":
            merged[name] = current or value
        elif current in ("", None) and value not in ("", None):
            merged[name] = value
    if place.location_is_approximate and not fields.get("location_is_approximate", True):
        merged.update(
            latitude=fields["latitude"], longitude=fields["longitude"], location_is_approximate=False
        )
    return merged

"""Distance bands of the coverage map and its legend (colours in static/coverage/coverage.css)."""

from django.utils.translation import gettext_lazy as _

# (upper bound in km or None for "no place within the search radius", label); index = CSS class suffix
BANDS = [
    (5, _("5 km ou moins")),
    (10, _("de 5 à 10 km")),
    (20, _("de 10 à 20 km")),
    (50, _("de 20 à 50 km")),
    (None, _("aucun lieu à moins de 50 km")),
]


def band_of(nearest_km: float | None) -> int:
    """The band index of a distance to the nearest place."""
    if nearest_km is None:
        return len(BANDS) - 1
    return next(i for i, (upper, _label) in enumerate(BANDS) if upper is None or nearest_km <= upper)

"""What every page's template needs, kept light: it runs for each render (no import of the views)."""

from django.conf import settings
from django.utils.html import escape
from django.utils.translation import gettext as _

EASY_READ_COOKIE = "facile"


def easy_read(request) -> dict:
    """`easy_read`: whether the visitor switched the easy-to-read mode on (a cookie)."""
    return {"easy_read": request.COOKIES.get(EASY_READ_COOKIE) == "1"}


def map_tiles(request) -> dict:
    """The tile server of every map (read at each render: tests and deployments point it elsewhere), and its
    attribution: OpenStreetMap's in the page's language unless MAP_TILES_ATTRIBUTION says otherwise."""
    # Plain text, not marked safe: templates put it in an HTML attribute, escaped, for map.js to read.
    contributors = escape(_("les contributeurs OpenStreetMap"))
    attribution = settings.MAP_TILES_ATTRIBUTION or (
        f'&copy; <a href="https://www.openstreetmap.org/copyright">{contributors}</a>'
    )
    return {"map_tiles_url": settings.MAP_TILES_URL, "map_tiles_attribution": attribution}

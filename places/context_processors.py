"""What every page's template needs, kept light: it runs for each render (no import of the views)."""

from django.conf import settings

EASY_READ_COOKIE = "facile"


def easy_read(request) -> dict:
    """`easy_read`: whether the visitor switched the easy-to-read mode on (a cookie)."""
    return {"easy_read": request.COOKIES.get(EASY_READ_COOKIE) == "1"}


def map_tiles(request) -> dict:
    """The tile server of every map (read at each render: tests and deployments point it elsewhere)."""
    return {"map_tiles_url": settings.MAP_TILES_URL, "map_tiles_attribution": settings.MAP_TILES_ATTRIBUTION}

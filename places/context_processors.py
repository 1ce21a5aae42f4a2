"""What every page's template needs, kept light: it runs for each render (no import of the views)."""

EASY_READ_COOKIE = "facile"


def easy_read(request) -> dict:
    """`easy_read`: whether the visitor switched the easy-to-read mode on (a cookie)."""
    return {"easy_read": request.COOKIES.get(EASY_READ_COOKIE) == "1"}

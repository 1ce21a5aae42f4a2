from places.views import EASY_READ_COOKIE


def easy_read(request) -> dict:
    """`easy_read`: whether the visitor switched the easy-to-read mode on (a cookie)."""
    return {"easy_read": request.COOKIES.get(EASY_READ_COOKIE) == "1"}

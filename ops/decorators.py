"""Exceptions to the security headers that a view asks for by name."""

from collections.abc import Callable

from csp.decorators import csp_replace
from django.conf import settings
from django.views.decorators.clickjacking import xframe_options_exempt


def embeddable(view: Callable) -> Callable:
    """A page other sites may show in an iframe (the map's embed): no X-Frame-Options, and the policy's
    frame-ancestors from EMBED_FRAME_ANCESTORS instead of 'none'. Everything else of the policy stays."""
    return xframe_options_exempt(csp_replace({"frame-ancestors": settings.EMBED_FRAME_ANCESTORS})(view))

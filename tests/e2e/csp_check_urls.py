"""Test-only pages for tests/e2e/test_security_headers.py: a django-leaflet map under the real policy, and
pages that break the rules on purpose, to show that the test catches them."""

from csp.decorators import csp_exempt
from django.http import HttpResponse
from django.template import engines
from django.urls import path

MAP_PAGE = """{% load leaflet_tags %}<!DOCTYPE html><html lang="fr"><head><title>carte</title>
{% leaflet_js %}{% leaflet_css %}</head><body>{% leaflet_map "m" %}</body></html>"""


def leaflet_map(request):
    return HttpResponse(engines["django"].from_string(MAP_PAGE).render({}, request))


def inline_script(request):
    return HttpResponse("<!DOCTYPE html><title>x</title><script>document.title = 'inline';</script>")


@csp_exempt()
def foreign_script(request):
    return HttpResponse(
        '<!DOCTYPE html><title>x</title><script src="https://cdn.example.net/tracker.js"></script>'
    )


urlpatterns = [
    path("map/", leaflet_map),
    path("bad-inline/", inline_script),
    path("bad-foreign/", foreign_script),
]

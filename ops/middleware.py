"""Every request gets an id (the caller's X-Request-ID or a new one), returned in the response and logged
with its status and duration (also returned, as Server-Timing); a body larger than MAX_REQUEST_BODY_SIZE is
refused before it is read; every response says which browser features the pages may use."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from ops.logs import request_id

logger = logging.getLogger("ops.requests")
# A caller's id is kept only if it is short and plain, so it cannot forge log lines or headers.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._\-]{1,128}")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        current = given if VALID_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        # Cleared when the response is closed (ops.apps), so Django's own error lines after this still get it.
        request_id.set(current)
        response = self.refuse_large_body(request) or self.get_response(request)
        response["X-Request-ID"] = current
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        # The time the app spent, for the caller's tools (browsers' network panel, partners' clients, benchmarks).
        response["Server-Timing"] = f"app;dur={duration_ms}"
        # The URL pattern rather than the path: some paths carry signed tokens (confirmation, password reset).
        match = getattr(request, "resolver_match", None)
        path = "/" + match.route if match and match.route else request.path
        logger.info(
            "%s %s %s",
            request.method,
            path,
            response.status_code,
            extra={
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response

    @staticmethod
    def refuse_large_body(request) -> HttpResponse | None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(_("En-tête Content-Length invalide."), status=400, content_type="text/plain")
        if length > settings.MAX_REQUEST_BODY_SIZE:
            return HttpResponse(_("Requête trop volumineuse."), status=413, content_type="text/plain")
        return None


# Geolocation for "near me" on the app's own pages; nothing else a directory needs.
PERMISSIONS_POLICY = "geolocation=(self), camera=(), microphone=(), payment=(), usb=()"


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

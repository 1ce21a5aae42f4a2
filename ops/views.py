"""Probes for the load balancer, and the error page that turns a database outage into a fast 503."""

import json
import logging
import sys

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_request, override
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

logger = logging.getLogger(__name__)
csp_logger = logging.getLogger("ops.csp")
MAX_CSP_REPORT_SIZE = 8192
CSP_REPORT_FIELDS = (
    "document-uri",
    "violated-directive",
    "effective-directive",
    "blocked-uri",
    "source-file",
    "line-number",
)
RETRY_AFTER_SECONDS = 5
ERROR_MESSAGES = {
    400: _("Requête incorrecte."),
    403: _("Vous n'avez pas le droit d'accéder à cette page."),
    404: _("Introuvable."),
    500: _("Erreur du serveur : l'équipe technique est prévenue."),
    503: _("Service momentanément indisponible : réessayez dans quelques secondes."),
}
# The same errors as pages (title, text), for browsers.
ERROR_PAGES = {
    500: (
        _("Erreur du serveur"),
        _("Une erreur inattendue est survenue. L’équipe technique en est prévenue."),
    ),
    503: (
        _("Service momentanément indisponible"),
        _("Le service ne peut pas répondre pour le moment. Réessayez dans quelques secondes."),
    ),
}
_migrations_checked = False  # once applied, they stay applied for the life of this process's code


@never_cache
@require_safe
def healthz(request):
    """The process answers: no database involved."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    """200 when the database answers and every migration is applied, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not migrations_applied():
            return unavailable("migrations")
    except DatabaseError as error:
        logger.warning("readiness: database unreachable: %s", error)
        return unavailable("database")
    return JsonResponse({"status": "ok"})


def migrations_applied() -> bool:
    global _migrations_checked
    if not _migrations_checked:
        executor = MigrationExecutor(connection)
        _migrations_checked = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrations_checked


def unavailable(reason: str) -> JsonResponse:
    response = JsonResponse({"status": "unavailable", "reason": reason}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@csrf_exempt  # browsers send these reports without a token, by design
@require_POST
def csp_report(request):
    """Logs a Content-Security-Policy violation a browser reports (report-uri): what a page tried to load."""
    if len(request.body) > MAX_CSP_REPORT_SIZE:
        return HttpResponse(status=413)
    try:
        report = json.loads(request.body)["csp-report"]
        fields = {key.replace("-", "_"): str(report.get(key, ""))[:500] for key in CSP_REPORT_FIELDS}
    except (ValueError, KeyError, TypeError, AttributeError):
        return HttpResponse(status=400)
    csp_logger.warning(
        "CSP violation: %s %s", fields["violated_directive"], fields["blocked_uri"], extra=fields
    )
    return HttpResponse(status=204)


def server_error(request):
    """handler500: a database error is an outage (503, retry soon), anything else a plain 500.

    Rendered without the request's context, so that it makes no database query of its own."""
    error = sys.exc_info()[1]
    status = 503 if isinstance(error, DatabaseError) else 500
    title, message = ERROR_PAGES[status]
    response = error_response(
        request,
        status,
        lambda: loader.render_to_string("ops/error.html", {"title": title, "message": message}),
    )
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request, exception=None):
    """handler400. A bad Host header can be refused before LocaleMiddleware has chosen the language: choose it
    here."""
    with override(get_language_from_request(request)):
        return _page(request, 400, "400.html")


def permission_denied(request, exception=None):
    """handler403 (DRF answers its own views' 403s)."""
    return _page(request, 403, "403.html")


def page_not_found(request, exception=None):
    """handler404."""
    return _page(request, 404, "404.html")


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the form's page expired (or cookies are blocked); offer to go back and reload."""
    referer = request.META.get("HTTP_REFERER", "")
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return _page(request, 403, "csrf_failure.html", {"back_url": referer if safe else ""})


def _page(request, status: int, template_name: str, context: dict | None = None) -> HttpResponse:
    return error_response(
        request, status, lambda: loader.render_to_string(template_name, context, request=request)
    )


def error_response(request, status: int, render) -> HttpResponse:
    """Every error answer: JSON under /api/, else the page render() gives, or its plain message if rendering
    fails in turn (an error page must never fail)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": ERROR_MESSAGES[status]}, status=status)
    try:
        html = render()
    except Exception:
        logger.exception("the %s error page failed to render", status)
        html = str(ERROR_MESSAGES[status])
    return HttpResponse(html, status=status)

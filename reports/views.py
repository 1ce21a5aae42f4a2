"""Receiving an error report from a place's page."""

import math

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from ops.network import client_ip
from ops.ratelimit import count_in_window
from places.models import Place
from reports.forms import ErrorReportForm


def _minutes_to_wait(ip: str) -> int:
    """Counts this address's report; beyond REPORTS_PER_HOUR within the (clock) hour, the minutes until the
    next hour; else 0."""
    count, wait = count_in_window(f"reports:{ip}", 3600)
    return math.ceil(wait / 60) if count > settings.REPORTS_PER_HOUR else 0


@require_http_methods(["GET", "HEAD", "POST"])
def report_error(request, slug):
    """Store a visitor's report for the moderators, then thank them on the place's page. The address opened
    as a page (a link copied, a reload) leads to the form on the place's page, not to a blank 405."""
    place = get_object_or_404(Place.objects.published(), slug=slug)
    if request.method != "POST":
        return redirect(place.get_absolute_url() + "#signaler")
    form = ErrorReportForm(request.POST)
    ip = client_ip(request)
    if form.is_valid():
        minutes = _minutes_to_wait(ip) if ip else 0
        if minutes:
            form.add_error(
                None,
                ngettext(
                    "Trop de signalements envoyés depuis votre connexion : réessayez dans %(minutes)s minute.",
                    "Trop de signalements envoyés depuis votre connexion : réessayez dans %(minutes)s minutes.",
                    minutes,
                )
                % {"minutes": minutes},
            )
        else:
            report = form.save(commit=False)
            report.place, report.ip_address = place, ip
            report.save()
            return redirect(place.get_absolute_url() + "?signalement=merci#signaler")
    return render(request, "reports/report_form.html", {"place": place, "form": form}, status=400)

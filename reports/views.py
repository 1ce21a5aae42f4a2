"""Receiving an error report from a place's page."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ops.network import client_ip
from ops.ratelimit import count_in_window
from places.models import Place
from reports.forms import ErrorReportForm


def _too_many(ip: str) -> bool:
    """Counts this address's reports; True beyond REPORTS_PER_HOUR within the (clock) hour."""
    count, _wait = count_in_window(f"reports:{ip}", 3600)
    return count > settings.REPORTS_PER_HOUR


@require_POST
def report_error(request, slug):
    """Store a visitor's report for the moderators, then thank them on the place's page."""
    place = get_object_or_404(Place.objects.published(), slug=slug)
    form = ErrorReportForm(request.POST)
    ip = client_ip(request)
    if form.is_valid():
        if ip and _too_many(ip):
            form.add_error(
                None, _("Trop de signalements envoyés depuis votre connexion : réessayez dans une heure.")
            )
        else:
            report = form.save(commit=False)
            report.place, report.ip_address = place, ip
            report.save()
            return redirect(place.get_absolute_url() + "?signalement=merci#signaler")
    return render(request, "reports/report_form.html", {"place": place, "form": form}, status=400)

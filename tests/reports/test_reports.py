import datetime
import html
import re
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reports.forms import SIGNING_SALT
from reports.models import ErrorReport
from tests.factories import make_place


@pytest.fixture(autouse=True)
def no_delay(settings):
    settings.REPORTS_MIN_SECONDS = 0
    cache.clear()


def post(client, place, **fields):
    data = {"message": "Le lieu a déménagé.", "email": "", "website": ""}
    data["started"] = signing.dumps(timezone.now().timestamp() - 10, salt=SIGNING_SALT)
    data.update(fields)
    return client.post(reverse("reports:report", args=[place.slug]), data)


def test_a_report_is_stored_for_the_moderators(client, db):
    place = make_place()

    response = post(client, place, email="a@example.org")

    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert (report.place, report.message, report.email, report.status) == (
        place,
        "Le lieu a déménagé.",
        "a@example.org",
        "open",
    )
    assert report.ip_address == "127.0.0.1"


def test_the_report_address_opened_as_a_page_leads_to_the_form_on_the_place_page(client, db):
    place = make_place()
    url = reverse("reports:report", args=[place.slug])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == place.get_absolute_url() + "#signaler"
    assert client.put(url).status_code == 405
    assert not ErrorReport.objects.exists()


def test_a_filled_trap_field_is_refused(client, db):
    response = post(client, make_place(), website="http://spam.example")

    assert response.status_code == 400
    assert ErrorReport.objects.count() == 0


def test_a_form_sent_too_fast_is_refused(client, db, settings):
    settings.REPORTS_MIN_SECONDS = 60

    response = post(client, make_place())

    assert response.status_code == 400
    assert "trop rapide" in response.content.decode()


def test_a_forged_start_time_is_refused(client, db):
    response = post(client, make_place(), started="123")

    assert response.status_code == 400
    assert ErrorReport.objects.count() == 0


def test_reports_are_limited_per_address(client, db, settings, monkeypatch):
    settings.REPORTS_PER_HOUR = 2
    place = make_place()
    # The counts run by clock hour: frozen at 20 minutes 30 past an hour, 39 minutes 30 are left.
    monkeypatch.setattr("ops.ratelimit.time", SimpleNamespace(time=lambda: 1_800_000_000 + 20 * 60 + 30))

    responses = [post(client, place) for _ in range(3)]

    assert [response.status_code for response in responses] == [302, 302, 400]
    assert ErrorReport.objects.count() == 2
    refused = html.unescape(responses[2].content.decode())
    minutes = int(re.search(r"réessayez dans (\d+) minutes?\.", refused).group(1))
    assert minutes == 40  # until the next hour (39 min 30 s, rounded up), when the count starts again


def test_an_empty_message_is_refused_with_a_message(client, db):
    response = post(client, make_place(), message="")

    assert response.status_code == 400
    assert ErrorReport.objects.count() == 0


def test_personal_data_is_purged_after_the_retention(db, settings):
    settings.REPORTS_RETENTION_MONTHS = 12
    place = make_place()
    old = ErrorReport.objects.create(
        place=place, message="vieux", email="a@example.org", ip_address="10.0.0.1"
    )
    recent = ErrorReport.objects.create(
        place=place, message="récent", email="b@example.org", ip_address="10.0.0.2"
    )
    ErrorReport.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))

    call_command("purge_report_personal_data")

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.email, old.ip_address, old.message) == ("", None, "vieux")
    assert (recent.email, recent.ip_address) == ("b@example.org", "10.0.0.2")


def test_the_error_page_of_the_form_hides_the_trap_and_styles_the_errors(client, db):
    response = post(client, make_place(), email="pas-une-adresse")

    content = response.content.decode()
    assert response.status_code == 400
    assert '<link rel="stylesheet" href="/static/places/place.css">' in content
    assert '<p class="trap" aria-hidden="true">' in content
    assert '<span class="field-error" id="email-error">' in content
    stylesheet = (settings.BASE_DIR / "static/places/place.css").read_text()
    assert re.search(r"^\.trap \{[^}]*left: -10000px", stylesheet, re.M)
    assert re.search(r"^\.field-error \{[^}]*color:", stylesheet, re.M)

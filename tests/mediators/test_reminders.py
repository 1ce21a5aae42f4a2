import datetime
import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse

from places.models import PlaceManager
from tests.clients import client_for
from tests.factories import make_place, make_user

TODAY = datetime.date.today()


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def listings(db):
    """A stale listing with two managers, a fresh one, a stale one without managers, a stale closed one."""
    stale = make_place(name="Ancienne fiche", updated_on=days_ago(400))
    fresh = make_place(name="Fiche récente", updated_on=days_ago(400), verified_on=days_ago(30))
    orphan = make_place(name="Sans gestionnaire", updated_on=days_ago(400))
    closed = make_place(name="Fermée", updated_on=days_ago(400), status="closed")
    alice, bob, carol = make_user("alice@ex.fr"), make_user("bob@ex.fr"), make_user("carol@ex.fr")
    for place, user in [(stale, alice), (stale, bob), (fresh, carol), (closed, carol)]:
        PlaceManager.objects.create(place=place, user=user)
    return {"stale": stale, "fresh": fresh, "orphan": orphan}


def reminder_link(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/espace/verifier/[^/\s]+/)", message.body).group(1)


def test_reminders_go_to_the_managers_of_stale_published_listings_only(listings):
    call_command("send_verification_reminders")
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@ex.fr", "bob@ex.fr"]
    assert all("Ancienne fiche" in m.subject for m in mail.outbox)


def test_a_manager_is_not_reminded_again_the_next_day(listings):
    call_command("send_verification_reminders")
    mail.outbox.clear()
    call_command("send_verification_reminders")
    assert mail.outbox == []


def test_the_signed_link_confirms_the_listing_in_one_click_without_logging_in(listings):
    call_command("send_verification_reminders")
    path = reminder_link(mail.outbox[0])
    anonymous = client_for(None)
    assert anonymous.get(path).status_code == 200
    response = anonymous.post(path)
    assert response.status_code == 200
    listings["stale"].refresh_from_db()
    assert listings["stale"].verified_on == TODAY
    assert listings["stale"].history.first().history_user.email == mail.outbox[0].to[0]


def test_the_signed_link_expires(listings, settings, monkeypatch):
    call_command("send_verification_reminders")
    path = reminder_link(mail.outbox[0])
    settings.VERIFICATION_LINK_MAX_AGE_DAYS = 30
    later = signing.time.time() + 31 * 86400
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client_for(None).post(path)
    assert response.status_code == 400
    listings["stale"].refresh_from_db()
    assert listings["stale"].verified_on is None


def test_a_tampered_link_or_a_former_manager_s_link_is_refused(listings):
    call_command("send_verification_reminders")
    path = reminder_link(mail.outbox[0])
    assert client_for(None).post(path[:-3] + "xx/").status_code == 400
    PlaceManager.objects.filter(user__email=mail.outbox[0].to[0]).delete()
    assert client_for(None).post(path).status_code == 400
    listings["stale"].refresh_from_db()
    assert listings["stale"].verified_on is None


def test_the_threshold_comes_from_the_command_or_the_settings(listings, settings):
    settings.PLACE_REMINDER_DAYS = 10
    call_command("send_verification_reminders")
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@ex.fr", "bob@ex.fr", "carol@ex.fr"]


def test_still_correct_from_the_dashboard_of_a_stale_listing(listings):
    alice = listings["stale"].managers.get(email="alice@ex.fr")
    response = client_for(alice).post(reverse("mediators:verify", args=[listings["stale"].slug]))
    assert response.status_code == 302
    listings["stale"].refresh_from_db()
    assert not listings["stale"].possibly_outdated

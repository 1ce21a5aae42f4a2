import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from places.models import Closure
from tests.clients import client_for
from tests.factories import make_place

TUESDAY_10H = datetime.datetime(2026, 7, 21, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: TUESDAY_10H)


def test_a_temporary_closure_makes_open_now_false_on_the_public_page(db, frozen_now):
    place = make_place(opening_hours="Mo-Fr 09:00-12:00")
    content = client_for(None).get(place.get_absolute_url()).content.decode()
    assert "Ouvert maintenant, ferme à 12 h" in content
    Closure.objects.create(
        place=place,
        start_date=datetime.date(2026, 7, 14),
        end_date=datetime.date(2026, 8, 16),
        label="Congés d'été",
    )
    content = client_for(None).get(place.get_absolute_url()).content.decode()
    assert "Fermé exceptionnellement jusqu&#x27;au 16 août 2026 (Congés d&#x27;été)" in content
    assert "Ouvert maintenant" not in content
    assert "Du 14 juillet 2026 au 16 août 2026" in content and "Congés d&#x27;été" in content


def test_the_public_page_shows_the_week_in_words(db):
    place = make_place(opening_hours="Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00")
    content = client_for(None).get(place.get_absolute_url()).content.decode()
    assert '<th scope="row">Lundi</th><td>de 9 h à 12 h, de 14 h à 17 h</td>' in content
    assert '<th scope="row">Dimanche</th><td>fermé</td>' in content


def test_exceptional_hours_of_the_day_replace_the_usual_ones_on_the_public_page(db, frozen_now):
    place = make_place(opening_hours="Mo-Fr 09:00-12:00")
    Closure.objects.create(
        place=place,
        kind="hours",
        hours="Tu 14:00-16:00",
        start_date=datetime.date(2026, 7, 20),
        end_date=datetime.date(2026, 7, 24),
    )
    content = client_for(None).get(place.get_absolute_url()).content.decode()
    assert "Horaires exceptionnels : Fermé, ouvre aujourd&#x27;hui à 14 h" in content


def test_a_listing_past_the_second_threshold_is_marked_possibly_outdated_not_removed(db, settings):
    settings.PLACE_OUTDATED_DAYS = 365
    old = make_place(updated_on=datetime.date.today() - datetime.timedelta(days=400))
    recent = make_place(updated_on=datetime.date.today() - datetime.timedelta(days=100))
    response = client_for(None).get(old.get_absolute_url())
    assert response.status_code == 200
    assert "elles sont peut-être obsolètes" in response.content.decode()
    assert "peut-être obsolètes" not in client_for(None).get(recent.get_absolute_url()).content.decode()

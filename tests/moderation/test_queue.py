import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from moderation.models import Territory
from places.models import Claim, Place
from reports.models import ErrorReport
from tests.clients import client_for
from tests.factories import make_moderator, make_place, make_user
from tests.fake_ban import feature

OLD = datetime.date.today() - datetime.timedelta(days=800)
TODAY = datetime.date.today()


def test_the_queue_shows_claims_proposals_and_stale_listings_of_the_territory_only(db):
    somme = make_place(departement="80", name="Lieu de la Somme", updated_on=TODAY)
    nord = make_place(departement="59", name="Lieu du Nord", updated_on=TODAY)
    mediator = make_user("x@association.fr")
    Claim.objects.create(place=somme, user=mediator)
    Claim.objects.create(place=nord, user=mediator)
    make_place(departement="80", name="Proposé dans la Somme", status="draft", updated_on=TODAY)
    make_place(departement="59", name="Proposé dans le Nord", status="draft", updated_on=TODAY)
    make_place(departement="80", name="Vieille fiche de la Somme", updated_on=OLD)
    make_place(departement="59", name="Vieille fiche du Nord", updated_on=OLD)
    ErrorReport.objects.create(place=somme, message="Le téléphone a changé")
    ErrorReport.objects.create(place=nord, message="Fermé depuis un an")
    ErrorReport.objects.create(place=somme, message="Déjà corrigé", status="handled")
    response = client_for(make_moderator(departements=["80"])).get(reverse("moderation:queue"))
    sections = {
        entry["section"].key: [str(row) for row in entry["rows"]] for entry in response.context["sections"]
    }
    assert sections == {
        "claims": [f"{mediator} → Lieu de la Somme (Amiens) (pending)"],
        "proposals": ["Proposé dans la Somme (Amiens)"],
        "reports": [f"Lieu de la Somme (Amiens) — {TODAY:%Y-%m-%d}"],
        "stale": ["Vieille fiche de la Somme (Amiens)"],
    }


def test_a_moderator_marks_an_error_report_of_the_territory_as_handled(db):
    somme = make_place(departement="80", updated_on=TODAY)
    nord = make_place(departement="59", updated_on=TODAY)
    here = ErrorReport.objects.create(place=somme, message="Le téléphone a changé")
    elsewhere = ErrorReport.objects.create(place=nord, message="Fermé depuis un an")
    moderator = client_for(make_moderator(departements=["80"]))
    url = reverse("moderation:report_handled", args=[here.pk])
    assert moderator.post(url).status_code == 302
    assert moderator.post(reverse("moderation:report_handled", args=[elsewhere.pk])).status_code == 403
    assert client_for(make_user("autre@association.fr")).post(url).status_code in (403, 404)
    here.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (here.status, elsewhere.status) == ("handled", "open")


def test_a_mediator_proposes_a_place_that_waits_for_a_moderator(db, fake_ban):
    fake_ban.add("5 rue des Lilas 80000 Amiens", feature("5 rue des Lilas", 49.89, 2.30))
    mediator = make_user("x@association.fr")
    data = {
        "place-name": "Atelier numérique du quartier",
        "place-address": "5 rue des Lilas",
        "place-postal_code": "80000",
        "place-commune": "Amiens",
        "place-services": ["demarches"],
        "hours-we_0_opens": "14:00",
        "hours-we_0_closes": "17:00",
    }
    response = client_for(mediator).post(reverse("mediators:propose"), data)
    assert response.status_code == 302
    place = Place.objects.get(name="Atelier numérique du quartier")
    assert (place.status, place.departement, place.opening_hours, place.latitude) == (
        "draft",
        "80",
        "We 14:00-17:00",
        49.89,
    )
    assert place.is_managed_by(mediator)
    assert client_for(None).get(place.get_absolute_url()).status_code == 404
    moderator = make_moderator(departements=["80"])
    client_for(moderator).post(
        reverse("moderation:proposal_decision", args=[place.slug]),
        {"decision": "accept", "message": "Bienvenue"},
    )
    place.refresh_from_db()
    assert place.status == "published"
    assert mail.outbox[-1].to == ["x@association.fr"] and "Bienvenue" in mail.outbox[-1].body
    assert place.history.first().history_change_reason == "moderator"


def test_a_moderator_creates_a_place_published_at_once_in_their_territory(db, fake_ban):
    fake_ban.add("1 rue Haute 80100 Abbeville", feature("1 rue Haute", 50.105, 1.835, citycode="80001"))
    moderator = make_moderator(departements=["80"])
    data = {
        "place-name": "France Services",
        "place-address": "1 rue Haute",
        "place-postal_code": "80100",
        "place-commune": "Abbeville",
    }
    assert client_for(moderator).post(reverse("mediators:propose"), data).status_code == 302
    place = Place.objects.get(name="France Services")
    assert (place.status, place.insee_code, place.latitude) == ("published", "80001", 50.105)


@pytest.mark.parametrize(
    ("departements", "insee_codes", "wrong"),
    [
        (["80", "2A", "974"], ["80021", "2B033"], set()),
        (["800"], [], {"departements"}),
        (["8"], [], {"departements"}),
        ([80], [], {"departements"}),
        (["80"], ["ABCDE"], {"insee_codes"}),
        (["99A"], ["8002"], {"departements", "insee_codes"}),
    ],
)
def test_territory_codes_are_validated(db, departements, insee_codes, wrong):
    territory = Territory(user=make_user(), name="Zone", departements=departements, insee_codes=insee_codes)
    if not wrong:
        territory.full_clean()
        return
    with pytest.raises(ValidationError) as error:
        territory.full_clean()
    assert set(error.value.message_dict) == wrong


def test_stale_listings_come_longest_unchecked_first_verified_or_not(db):
    from moderation.queue import stale_places

    old = datetime.date.today() - datetime.timedelta(days=900)
    verified_long_ago = make_place(verified_on=old + datetime.timedelta(days=10), updated_on=old)
    never_verified = make_place(verified_on=None, updated_on=old)  # checked (updated) 10 days earlier
    assert list(stale_places(Place.objects.all())) == [never_verified, verified_long_ago]


def test_each_decision_button_names_what_it_decides(db):
    """Screen readers list buttons out of context: "Accepter" alone, ten times, says nothing."""
    import re

    place = make_place(departement="80", name="Café & numérique", updated_on=TODAY)
    Claim.objects.create(place=place, user=make_user("x@association.fr"))
    make_place(departement="80", name="Proposé <ici>", status="draft", updated_on=TODAY)
    content = (
        client_for(make_moderator(departements=["80"])).get(reverse("moderation:queue")).content.decode()
    )

    buttons = [re.sub(r"<[^>]+>", "", b).strip() for b in re.findall(r"<button[^>]*>(.*?)</button>", content)]
    assert "Accepter : x@association.fr pour Café &amp; numérique" in buttons
    assert "Refuser : Proposé &lt;ici&gt;" in buttons


def test_a_long_section_is_paged_and_says_how_many_pages(db, monkeypatch):
    monkeypatch.setattr("moderation.queue.SECTION_LIMIT", 2)
    stale = [make_place(departement="80", name=f"Vieille fiche {n}", updated_on=OLD) for n in range(5)]
    client = client_for(make_moderator(departements=["80"]))

    first = client.get(reverse("moderation:queue"))
    third = client.get(reverse("moderation:queue"), {"stale_page": "3"})
    wrong = client.get(reverse("moderation:queue"), {"stale_page": "x"})

    def rows(response):
        return next(
            entry["rows"] for entry in response.context["sections"] if entry["section"].key == "stale"
        )

    assert list(rows(first)) == stale[:2]
    assert list(rows(third)) == stale[4:]
    assert list(rows(wrong)) == stale[:2]  # a wrong number gives the first page
    content = first.content.decode()
    assert "Fiches peut-être obsolètes (5)" in content
    assert "Page 1 sur 3" in content
    assert 'href="?stale_page=2#section-stale"' in content

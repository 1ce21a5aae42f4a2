from django.core import mail
from django.urls import reverse

from moderation.queue import pending_claims
from places.models import Claim, Place
from tests.clients import client_for
from tests.factories import make_moderator, make_user


def claim(user, place, message=""):
    return client_for(user).post(reverse("mediators:claim", args=[place.slug]), {"message": message})


def test_a_claim_is_granted_at_once_by_the_place_s_email_domain(place):
    mediator = make_user("a.martin@mairie-amiens.fr")
    response = claim(mediator, place)
    assert response.status_code == 302 and response["Location"] == reverse(
        "mediators:edit", args=[place.slug]
    )
    assert place.is_managed_by(mediator)
    assert Claim.objects.get(user=mediator).status == "granted"


def test_a_claim_from_a_public_webmail_waits_for_a_moderator_even_if_the_place_uses_it(db):
    from tests.factories import make_place

    place = make_place(emails=["espace.numerique@orange.fr"])
    stranger = make_user("quelquun@orange.fr")
    claim(stranger, place)
    assert not place.is_managed_by(stranger)
    assert Claim.objects.get(user=stranger).status == "pending"
    owner = make_user("espace.numerique@orange.fr")
    claim(owner, place)  # the exact address is the place's own: granted
    assert place.is_managed_by(owner)


def test_a_claim_left_to_a_moderator_is_decided_with_a_mailed_message(place):
    mediator = make_user("benevole@association-picarde.fr")
    claim(mediator, place, "Je suis la médiatrice du mardi.")
    pending = Claim.objects.get(user=mediator)
    assert pending.status == "pending" and not place.is_managed_by(mediator)
    moderator = make_moderator(departements=["80"])
    elsewhere = make_moderator(departements=["59"])
    assert list(pending_claims(Place.objects.moderated_by(moderator))) == [pending]
    assert list(pending_claims(Place.objects.moderated_by(elsewhere))) == []
    response = client_for(moderator).post(
        reverse("moderation:claim_decision", args=[pending.pk]),
        {"decision": "refuse", "message": "Merci de passer par la mairie."},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.decided_by, pending.decision_message) == (
        "refused",
        moderator,
        "Merci de passer par la mairie.",
    )
    assert not place.is_managed_by(mediator)
    assert mail.outbox[-1].to == [mediator.email]
    assert "refusée" in mail.outbox[-1].body and "Merci de passer par la mairie." in mail.outbox[-1].body


def test_a_moderator_of_the_commune_only_sees_claims_of_that_commune(place):
    mediator = make_user("x@association.fr")
    claim(mediator, place)
    of_amiens = make_moderator(insee_codes=["80021"])
    of_abbeville = make_moderator(insee_codes=["80001"])
    assert pending_claims(Place.objects.moderated_by(of_amiens)).count() == 1
    assert pending_claims(Place.objects.moderated_by(of_abbeville)).count() == 0


def test_a_manager_invites_a_colleague_who_gets_an_account_to_confirm(place, manager):
    response = client_for(manager).post(
        reverse("mediators:invite", args=[place.slug]), {"email": "Collegue@Mairie-Amiens.fr"}
    )
    assert response.status_code == 302
    role = place.place_managers.get(user__email="collegue@mairie-amiens.fr")
    assert role.invited_by == manager and not role.user.is_active
    assert mail.outbox[-1].to == ["collegue@mairie-amiens.fr"]
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/compte/confirmer/" in line)
    path = link.split("127.0.0.1:8000", 1)[1]
    response = client_for(None).post(
        path, {"new_password1": "Un-mot-de-passe-long-99", "new_password2": "Un-mot-de-passe-long-99"}
    )
    assert response.status_code == 302
    role.user.refresh_from_db()
    assert (
        role.user.is_active
        and role.user.email_confirmed
        and role.user.check_password("Un-mot-de-passe-long-99")
    )


def test_a_network_domain_shared_by_many_places_does_not_grant_a_claim(db, settings):
    from tests.factories import make_place

    settings.CLAIM_DOMAIN_MAX_PLACES = 2
    places = [make_place(emails=[f"site{n}@france-services.gouv.fr"]) for n in range(3)]
    agent = make_user("agent@france-services.gouv.fr")
    claim(agent, places[0])
    assert not places[0].is_managed_by(agent)
    assert Claim.objects.get(user=agent).status == "pending"


def test_closures_prefetched_with_a_list_answer_open_now_without_a_query_per_place(
    db, django_assert_num_queries
):
    import datetime

    from places.models import Closure, Place
    from tests.factories import make_place

    for _ in range(3):
        place = make_place(opening_hours="Mo-Fr 09:00-17:00")
        Closure.objects.create(
            place=place, start_date=datetime.date(2026, 7, 1), end_date=datetime.date(2026, 7, 31)
        )
    moment = datetime.datetime(2026, 7, 21, 10, tzinfo=datetime.UTC)
    with django_assert_num_queries(2):
        assert [p.is_open_at(moment) for p in Place.objects.prefetch_related("closures")] == [
            False,
            False,
            False,
        ]

"""Inviting a colleague from the history page: a wrong address keeps what was typed, with its error beside the
field; someone who manages the place already gets no mail; an account never confirmed gets a new link."""

import re

from django.core import mail
from django.urls import reverse

from tests.clients import client_for
from tests.factories import make_user


def invite(user, place, email: str):
    return client_for(user).post(
        reverse("mediators:invite", args=[place.slug]), {"email": email}, follow=True
    )


def test_a_wrong_address_is_kept_and_its_error_tied_to_the_field(place, manager):
    response = invite(manager, place, "collegue@mairie")
    content = response.content.decode()

    assert response.redirect_chain == []  # the page itself, not a redirect that loses the address
    assert 'value="collegue@mairie"' in content
    field = re.search(r'<input[^>]*name="email"[^>]*>', content).group()
    assert 'aria-invalid="true"' in field
    error_id = re.search(r'aria-describedby="([^"]+)"', field).group(1)
    assert re.search(rf'id="{error_id}"[^>]*>[^<]*(<[^>]+>)*[^<]*adresse', content, re.IGNORECASE)
    assert mail.outbox == []
    assert not place.place_managers.filter(user__email="collegue@mairie").exists()


def test_inviting_someone_who_manages_the_place_already_says_so_and_mails_nothing(place, manager):
    response = invite(manager, place, manager.email.upper())

    assert "gère déjà cette fiche" in response.content.decode()
    assert mail.outbox == []
    assert place.place_managers.count() == 1


def test_an_account_never_confirmed_gets_a_new_confirmation_link(place, manager):
    invite(manager, place, "collegue@mairie-amiens.fr")
    place.place_managers.filter(user__email="collegue@mairie-amiens.fr").delete()  # removed meanwhile
    mail.outbox.clear()

    invite(manager, place, "collegue@mairie-amiens.fr")

    assert mail.outbox[-1].to == ["collegue@mairie-amiens.fr"]
    assert "/compte/confirmer/" in mail.outbox[-1].body


def test_a_confirmed_colleague_is_told_without_a_new_link(place, manager):
    colleague = make_user("collegue@mairie-amiens.fr")

    response = invite(manager, place, colleague.email)

    assert "gère désormais cette fiche" in response.content.decode()
    assert place.is_managed_by(colleague)
    assert "/compte/confirmer/" not in mail.outbox[-1].body

"""Inviting a colleague from the history page: a wrong address keeps what was typed, with its error beside the
field; someone who manages the place already gets no mail; an account never confirmed gets a new link."""

import html
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


def test_the_invitation_of_a_new_account_says_what_it_is_and_who_invites(place, manager):
    manager.first_name, manager.last_name = "Marie", "Durand"
    manager.save()

    invite(manager, place, "nouvelle@mairie-amiens.fr")

    sent = mail.outbox[-1]
    assert sent.subject == f"Invitation à gérer la fiche « {place.name} »"
    assert f"Marie Durand vous invite à gérer avec lui ou elle la fiche « {place.name} »" in sent.body


def test_a_manager_reading_the_public_page_gets_an_edit_link_not_a_claim_link(place, manager):
    edit = reverse("mediators:edit", args=[place.slug])
    claim = reverse("mediators:claim", args=[place.slug])
    for user, link, text, absent in (
        (manager, edit, "Modifier cette fiche", claim),
        (None, claim, "Vous travaillez dans ce lieu ? Gérez sa fiche", edit),
    ):
        content = html.unescape(client_for(user).get(place.get_absolute_url()).content.decode())
        assert f'<a href="{link}">{text}</a>' in content
        assert f'href="{absent}"' not in content

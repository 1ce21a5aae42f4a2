import html
import json
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from places.models import PlaceManager
from tests.factories import make_place, make_user

PASSWORD = "Un-mot-de-passe-long-99"


def link_in(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/\S+)", message.body).group(1)


def sign_up(client, email="nouvelle@mairie-amiens.fr", **changes):
    data = {
        "email": email,
        "first_name": "Lou",
        "last_name": "Petit",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return client.post(reverse("accounts:signup"), {**data, **changes})


def test_sign_up_mails_a_link_and_the_account_is_inactive_until_confirmed(db):
    client = Client()
    response = sign_up(client)
    assert response.status_code == 200 and "nouvelle@mairie-amiens.fr" in response.content.decode()
    user = User.objects.get(email="nouvelle@mairie-amiens.fr")
    assert not user.is_active and not user.email_confirmed
    assert (
        client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD}).status_code
        == 200
    )
    path = link_in(mail.outbox[-1])
    assert client.post(path).status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.email_confirmed
    assert client.get(reverse("mediators:dashboard")).status_code == 200


def test_sign_up_errors_are_in_french_and_keep_what_was_typed(db):
    make_user("deja@exemple.fr")
    response = sign_up(Client(), email="Deja@Exemple.fr", password2="autre chose")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["email"] == [
        "Un compte existe déjà avec cette adresse. Connectez-vous ou réinitialisez votre mot de passe."
    ]
    assert form.errors["password2"] == ["Les deux mots de passe ne correspondent pas."]
    assert 'value="Lou"' in response.content.decode()
    assert User.objects.count() == 1


def test_a_forged_confirmation_link_is_refused(db):
    sign_up(Client())
    path = link_in(mail.outbox[-1])
    assert Client().post(path[:-4] + "abc/").status_code == 400
    assert not User.objects.get(email="nouvelle@mairie-amiens.fr").is_active


def test_log_in_by_email_whatever_its_case_and_log_out(db):
    make_user("lea@mairie-amiens.fr", password=PASSWORD)
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": "LEA@mairie-amiens.fr", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("mediators:dashboard")
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("mediators:dashboard")).status_code == 302


def test_login_attempts_are_limited(db, settings):
    settings.AXES_FAILURE_LIMIT = 3
    make_user("lea@mairie-amiens.fr", password=PASSWORD)
    client = Client()
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "lea@mairie-amiens.fr", "password": "faux"})
    response = client.post(
        reverse("accounts:login"), {"username": "lea@mairie-amiens.fr", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_by_mail(db):
    user = make_user("lea@mairie-amiens.fr", password="ancien-mot-de-passe-1")
    client = Client()
    assert (
        client.post(reverse("accounts:password_reset"), {"email": "lea@mairie-amiens.fr"}).status_code == 302
    )
    path = re.search(r"http://testserver(/compte/mot-de-passe/\S+)", mail.outbox[-1].body).group(1)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_account_data_download_lists_what_is_stored(db):
    user = make_user("lea@mairie-amiens.fr")
    place = make_place(name="Médiathèque")
    PlaceManager.objects.create(place=place, user=user)
    client = Client()
    client.force_login(user)
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email"] == "lea@mairie-amiens.fr"
    assert [p["name"] for p in data["managed_places"]] == ["Médiathèque"]


@pytest.mark.parametrize("password, deleted", [("motdepasse-solide-42", True), ("faux", False)])
def test_account_deletion_asks_for_the_password_and_keeps_the_places(db, password, deleted):
    user = make_user("lea@mairie-amiens.fr")
    place = make_place()
    PlaceManager.objects.create(place=place, user=user)
    place.save_change(user=user, source="mediator")
    client = Client()
    client.force_login(user)
    response = client.post(reverse("accounts:delete"), {"confirm": "on", "password": password}, follow=True)
    assert User.objects.filter(pk=user.pk).exists() is not deleted
    # Told on the page it lands on (the map), or the form again with its error.
    page = html.unescape(response.content.decode())
    assert ("Votre compte a été supprimé." in page) is deleted
    assert ("Mot de passe incorrect." in page) is not deleted
    place.refresh_from_db()
    assert place.history.count() == 2


def test_signing_up_again_with_an_unconfirmed_address_sends_a_new_link_and_changes_nothing(db):
    sign_up(Client())
    response = sign_up(
        Client(), first_name="Intrus", password1="Autre-mot-de-passe-77", password2="Autre-mot-de-passe-77"
    )
    assert response.status_code == 200
    assert User.objects.filter(email="nouvelle@mairie-amiens.fr").count() == 1
    assert len(mail.outbox) == 2
    user = User.objects.get(email="nouvelle@mairie-amiens.fr")
    # A stranger's password never opens the account: its owner chooses one when confirming.
    assert (user.first_name, user.has_usable_password()) == ("Lou", False)
    client = Client()
    path = link_in(mail.outbox[-1])
    assert (
        client.post(
            path, {"new_password1": "Mon-choix-solide-88", "new_password2": "Mon-choix-solide-88"}
        ).status_code
        == 302
    )
    user.refresh_from_db()
    assert user.is_active and user.check_password("Mon-choix-solide-88")
    assert not user.check_password("Autre-mot-de-passe-77")


def test_a_confirmation_link_works_once_and_never_reactivates_an_account(db):
    sign_up(Client())
    path = link_in(mail.outbox[-1])
    assert Client().post(path).status_code == 302
    user = User.objects.get(email="nouvelle@mairie-amiens.fr")
    again = Client()
    assert again.post(path).status_code == 400
    assert again.get(reverse("mediators:dashboard")).status_code == 302  # not logged in
    user.is_active = False
    user.save()
    assert Client().post(path).status_code == 400
    user.refresh_from_db()
    assert not user.is_active


def test_the_test_client_s_login_works_beside_the_login_attempts_limit(db):
    make_user("lea@mairie-amiens.fr", password=PASSWORD)
    client = Client()
    assert client.login(username="lea@mairie-amiens.fr", password=PASSWORD) is True
    assert client.get(reverse("mediators:dashboard")).status_code == 200

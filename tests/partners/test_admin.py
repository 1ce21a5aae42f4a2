"""Partners' API tokens in the admin: the key shown once at creation, only its hash stored, revocation."""

import pytest

from accounts.models import User
from partners.models import PartnerToken, hash_key

ADD_URL = "/admin/partners/partnertoken/add/"


@pytest.fixture
def admin_client(client, db):
    admin = User.objects.create_superuser(username="admin", email="admin@example.org")
    client.force_login(admin)
    return client


@pytest.fixture
def partner(db):
    return User.objects.create_user(username="cd80", email="numerique@somme.example.org")


def test_a_new_token_shows_its_key_once_and_stores_only_its_hash(admin_client, partner):
    response = admin_client.post(
        ADD_URL,
        {"user": partner.pk, "name": "Département de la Somme", "departements": "80, 02"},
        follow=True,
    )
    assert response.status_code == 200
    [message] = [str(m) for m in response.context["messages"] if "copiez-la" in str(m)]
    token = PartnerToken.objects.get()
    key = message.split(" est ")[1].split(" :")[0]
    assert token.key_hash == hash_key(key)
    assert key.startswith(token.key_prefix)
    assert token.departements == ["80", "02"]
    assert key not in admin_client.get(f"/admin/partners/partnertoken/{token.pk}/change/").content.decode()


def test_unknown_departements_are_refused(admin_client, partner):
    response = admin_client.post(ADD_URL, {"user": partner.pk, "name": "X", "departements": "80, 999"})
    assert response.status_code == 200
    assert "Départements inconnus : 999." in response.content.decode()
    assert not PartnerToken.objects.exists()


def test_the_revoke_action_revokes(admin_client, partner):
    token = PartnerToken(user=partner, name="X", departements=["80"])
    token.set_new_key()
    token.save()
    admin_client.post(
        "/admin/partners/partnertoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert not PartnerToken.objects.active().exists()

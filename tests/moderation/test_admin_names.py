"""The admin speaks French: the territory's moderator, and plurals written as in French."""

from django.urls import reverse

from tests.clients import client_for
from tests.factories import make_user


def test_the_admin_names_the_territorys_moderator_and_the_claims_in_french(db):
    admin = client_for(make_user("equipe@anct.fr", is_staff=True, is_superuser=True))

    form = admin.get(reverse("admin:moderation_territory_add")).content.decode()
    index = admin.get(reverse("admin:index")).content.decode()

    assert '<label class="required" for="id_user">Modérateur\u00a0:</label>' in form
    assert ">Demandes de gestion</a>" in index and ">Lieux</a>" in index
    assert "gestions" not in index and "Lieus" not in index

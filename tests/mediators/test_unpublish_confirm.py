"""Taking a place off the directory asks for a confirmation first (a <details>: no JavaScript needed)."""

import re

from django.urls import reverse

from tests.clients import client_for


def test_the_unpublish_button_sits_behind_a_confirmation(place, manager):
    content = client_for(manager).get(reverse("mediators:edit", args=[place.slug])).content.decode()

    details = re.search(r'<details class="confirm danger-zone">(.*?)</details>', content, re.S).group(1)
    assert "<summary>Retirer ce lieu de l'annuaire (fermé définitivement)</summary>" in details
    assert f'action="{reverse("mediators:unpublish", args=[place.slug])}"' in details
    assert "Confirmer le retrait" in details
    assert content.count(reverse("mediators:unpublish", args=[place.slug])) == 1  # no button outside it

"""Restoring a version asks for a confirmation first, naming the version (a <details>, as for unpublishing)."""

import re

from django.urls import reverse
from django.utils import timezone

from places.dates import long_date
from tests.clients import client_for


def _renamed(place, manager):
    original = place.history.get()
    place.name = "Mauvais nom"
    place.save_change(user=manager, source="mediator")
    return original


def test_the_history_page_asks_to_confirm_a_restore_naming_the_version(place, manager, personas):
    place.name = "Renommé par le modérateur"
    place.save_change(user=personas["moderator_here"], source="moderator")
    older = place.history.order_by("history_id").last()
    place.name = "Mauvais nom"
    place.save_change(user=manager, source="mediator")
    url = reverse("mediators:restore", args=[place.slug, older.history_id])

    content = client_for(manager).get(reverse("mediators:history", args=[place.slug])).content.decode()

    when = long_date(timezone.localtime(older.history_date), "j F Y H:i")
    form = re.search(
        rf'<details class="confirm">((?:(?!</details>).)*action="{url}".*?)</details>', content, re.S
    )
    assert form is not None
    assert f'<summary>Rétablir<span class="visually-hidden"> la version du {when}</span></summary>' in form[1]
    assert (
        f"La fiche reprendra la version du {when}, enregistrée par {personas['moderator_here'].email}. "
        "La version actuelle restera dans l'historique."
    ) in form[1]
    assert "Confirmer le rétablissement" in form[1]
    assert content.count(f'action="{url}"') == 1  # no button outside the confirmation


def test_a_version_without_author_is_named_by_its_date(place, manager):
    original = _renamed(place, manager)  # the fixture's place was created without an author

    content = client_for(manager).get(reverse("mediators:history", args=[place.slug])).content.decode()

    when = long_date(timezone.localtime(original.history_date), "j F Y H:i")
    assert f"La fiche reprendra la version du {when}. La version actuelle" in content


def test_the_confirmation_restores_the_version(place, manager):
    original = _renamed(place, manager)
    client = client_for(manager)
    page = client.get(reverse("mediators:history", args=[place.slug])).content.decode()
    # The form the confirmation holds, as the browser would send it.
    confirm = re.search(
        r'<details class="confirm"><summary>Rétablir.*?<form method="post" action="([^"]+)"', page, re.S
    )

    assert confirm.group(1) == reverse("mediators:restore", args=[place.slug, original.history_id])
    response = client.post(confirm.group(1))

    assert response.status_code == 302
    place.refresh_from_db()
    assert place.name == "Espace numérique d'Amiens"
    assert place.history.count() == 3


def test_opening_the_restore_address_restores_nothing(place, manager):
    original = _renamed(place, manager)

    response = client_for(manager).get(reverse("mediators:restore", args=[place.slug, original.history_id]))

    assert response.status_code == 405
    place.refresh_from_db()
    assert place.name == "Mauvais nom"
    assert place.history.count() == 2


def test_the_versions_table_is_in_its_own_named_focusable_region(place, manager):
    _renamed(place, manager)

    content = client_for(manager).get(reverse("mediators:history", args=[place.slug])).content.decode()

    assert (
        '<h2>Versions</h2>\n<div class="table-scroll" role="region" aria-label="Versions" tabindex="0">\n'
        '<table class="history">'
    ) in content
    assert '<link rel="stylesheet" href="/static/mediators/history.css">' in content

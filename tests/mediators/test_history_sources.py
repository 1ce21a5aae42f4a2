"""The history page names each version's source in French, as ChangeSource labels them."""

import pytest
from django.urls import reverse

from places.models import ChangeSource
from places.templatetags.places_extras import change_source
from tests.clients import client_for


@pytest.mark.parametrize(
    "reason, shown",
    [
        ("mediator", "Médiateur"),
        ("moderator", "Modérateur"),
        ("api partner", "Partenaire (API)"),
        ("staff", "Équipe"),
        ("import", "Import"),
        ("import france-services-hdf", "Import france-services-hdf"),
        ("something else", "something else"),
        (None, ""),
    ],
)
def test_a_change_source_reads_as_its_french_label(reason, shown):
    assert change_source(reason) == shown


def test_the_history_page_shows_the_sources_in_french(place, manager):
    place.name = "Importé"
    place.save_change(user=None, source=f"{ChangeSource.IMPORT} france-services-hdf")
    place.name = "Par le médiateur"
    place.save_change(user=manager, source=ChangeSource.MEDIATOR)

    content = client_for(manager).get(reverse("mediators:history", args=[place.slug])).content.decode()

    assert "<td>Médiateur</td>" in content
    assert "<td>Import france-services-hdf</td>" in content
    assert "<td>mediator</td>" not in content and "<td>import france-services-hdf</td>" not in content

"""A pin placed by hand must be near the commune of the address (the map opens on the centre of France)."""

from places.models import Place
from tests.mediators.forms_data import edit_data, post_edit

AVION = {
    "place-address": "12 rue Jean Jaurès",
    "place-postal_code": "62210",
    "place-commune": "Avion",
}


def test_a_pin_at_the_centre_of_france_for_an_address_in_avion_is_refused(place, manager, fake_ban):
    fake_ban.down = True
    data = edit_data(
        place, **AVION, **{"place-latitude": "46.6", "place-longitude": "2.4", "place-pin_moved": "True"}
    )
    response = post_edit(manager, place, data)
    assert response.status_code == 200
    assert response.context["form"].errors["address"] == [
        "L'épingle est à 424 km de la commune indiquée (Avion) : placez-la sur le lieu lui-même."
    ]
    assert Place.objects.get(pk=place.pk).commune == "Amiens"


def test_a_pin_in_avion_is_accepted_without_the_ban(place, manager, fake_ban):
    fake_ban.down = True
    data = edit_data(
        place, **AVION, **{"place-latitude": "50.41", "place-longitude": "2.83", "place-pin_moved": "True"}
    )
    assert post_edit(manager, place, data).status_code == 302
    place.refresh_from_db()
    assert (place.commune, place.latitude, place.insee_code, place.departement) == (
        "Avion",
        50.41,
        "62065",
        "62",
    )


def test_a_pin_is_not_checked_when_the_commune_is_unknown(place, manager, fake_ban):
    data = edit_data(
        place,
        **{
            "place-postal_code": "80999",
            "place-latitude": "46.6",
            "place-longitude": "2.4",
            "place-pin_moved": "True",
        },
    )
    assert post_edit(manager, place, data).status_code == 302
    place.refresh_from_db()
    assert (place.latitude, place.longitude) == (46.6, 2.4)

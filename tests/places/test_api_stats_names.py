"""/api/v1/stats/: communes named from INSEE's reference table, places without an INSEE code counted apart."""

import pytest

from tests.factories import make_place

pytestmark = pytest.mark.django_db

URL = "/api/v1/stats/"


def communes(api_client, **params) -> list[dict]:
    return api_client.get(URL, params).json()["communes"]


def test_a_commune_is_named_by_the_reference_table_not_by_its_places(api_client):
    make_place(commune="Saint-Pol-sur-Mer", insee_code="59183", postal_code="59430", departement="59")
    make_place(commune="DUNKERQUE CEDEX", insee_code="59183", postal_code="59140", departement="59")
    make_place(commune="lille", insee_code="59350", postal_code="59000", departement="59")
    assert communes(api_client) == [
        {"insee_code": "59183", "name": "Dunkerque", "count": 2},
        {"insee_code": "59350", "name": "Lille", "count": 1},
    ]


def test_places_without_an_insee_code_are_counted_apart(api_client):
    make_place(commune="SANGATTE BLÉRIOT-PLAGE", insee_code="", postal_code="62231", departement="62")
    make_place(commune="Calais", insee_code="", postal_code="62100", departement="62")
    make_place()
    body = api_client.get(URL).json()
    assert body["communes"] == [{"insee_code": "80021", "name": "Amiens", "count": 1}]
    assert body["without_insee_code"] == 2
    assert body["count"] == 3


def test_none_without_an_insee_code_is_zero(api_client):
    make_place()
    assert api_client.get(URL).json()["without_insee_code"] == 0


def test_an_arrondissement_and_a_whole_city_have_their_official_names(api_client):
    paris = {"postal_code": "75001", "departement": "75", "latitude": 48.86, "longitude": 2.34}
    make_place(commune="Paris", insee_code="75101", **paris)
    make_place(commune="PARIS", insee_code="75056", **paris)
    assert communes(api_client) == [
        {"insee_code": "75056", "name": "Paris", "count": 1},
        {"insee_code": "75101", "name": "Paris 1er Arrondissement", "count": 1},
    ]


def test_a_code_missing_from_the_reference_table_has_no_name(api_client):
    make_place(commune="Ancienne commune", insee_code="80999")
    assert communes(api_client) == [{"insee_code": "80999", "name": None, "count": 1}]


def test_the_filters_apply_to_the_count_without_an_insee_code(api_client):
    make_place(insee_code="", departement="62", postal_code="62100", commune="Calais")
    make_place(insee_code="", departement="80")
    assert api_client.get(URL, {"departement": "62"}).json()["without_insee_code"] == 1

"""PlaceQuerySet.in_commune: the commune's own places, and those around it within a radius of its size."""

import pytest

from places.models import Commune, Place
from tests.factories import make_place


@pytest.mark.django_db
def test_in_commune_covers_its_insee_code_and_a_radius_following_its_size():
    amiens = Commune.objects.get(code="80021")  # about 50 km²: a radius of about 4 km
    assert 3.9 < amiens.radius_km < 4.1
    far_but_in_amiens = make_place(name="Étouvie", latitude=49.86, longitude=2.24)
    next_door = make_place(
        name="Rivery", insee_code="80674", commune="Rivery", latitude=49.905, longitude=2.31
    )
    make_place(name="Camon", insee_code="80164", commune="Camon", latitude=49.9032, longitude=2.3607)
    make_place(name="Sans position", insee_code="80164", commune="Camon", latitude=None, longitude=None)
    found = set(Place.objects.in_commune(amiens))
    assert found == {far_but_in_amiens, next_door}


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "name"), [("75056", "Paris"), ("69123", "Lyon"), ("13055", "Marseille")])
def test_paris_lyon_and_marseille_are_found_by_their_own_code(code, name):
    """Their table rows are their arrondissements; partners and the national data use the city's code too."""
    city = Commune.objects.for_code(code)
    assert city.name == name
    assert city.population == sum(
        Commune.objects.filter(parent_code=code).values_list("population", flat=True)
    )
    assert len(city.arrondissement_codes) >= 9 and all(
        c.startswith(code[:2]) for c in city.arrondissement_codes
    )
    assert city.area_km2 == pytest.approx(
        sum(Commune.objects.filter(parent_code=code).values_list("area_km2", flat=True))
    )


@pytest.mark.django_db
def test_a_search_in_paris_covers_its_arrondissements_and_the_city_code(api_client):
    in_11e = make_place(name="Paris 11", insee_code="75111", commune="Paris", postal_code="75011",
                        departement="75", latitude=48.859, longitude=2.38)  # fmt: skip
    coded_as_city = make_place(name="Paris ville", insee_code="75056", commune="Paris", postal_code="75001",
                               departement="75", latitude=48.86, longitude=2.34)  # fmt: skip
    make_place(name="Versailles", insee_code="78646", commune="Versailles", postal_code="78000",
               departement="78", latitude=48.80, longitude=2.13)  # fmt: skip

    response = api_client.get("/api/v1/places/", {"commune": "75056"})

    assert response.status_code == 200, response.content
    assert {row["id"] for row in response.json()["results"]} == {in_11e.pk, coded_as_city.pk}
    assert api_client.get("/api/v1/places/", {"commune": "75000"}).status_code == 400


@pytest.mark.django_db
def test_a_territory_of_paris_covers_its_arrondissements(client):
    """The embed's territory (75056) and the API's commune filter agree on what "Paris" is."""
    in_11e = make_place(name="Paris 11", insee_code="75111", commune="Paris", postal_code="75011",
                        departement="75", latitude=48.859, longitude=2.38)  # fmt: skip
    make_place(name="Versailles", insee_code="78646", commune="Versailles", postal_code="78000",
               departement="78", latitude=48.80, longitude=2.13)  # fmt: skip

    assert list(Place.objects.in_territory(["75056"])) == [in_11e]
    embedded = client.get("/embed/", {"territory": "75056"}).context["page"]
    assert [place.pk for place in embedded] == [in_11e.pk]

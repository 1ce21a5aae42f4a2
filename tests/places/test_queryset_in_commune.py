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

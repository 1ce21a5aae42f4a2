"""Near-me search: exact great-circle distances, nearest first, answered from the index."""

import math

import pytest
from django.db import connection
from django.db.models import Count, Window

from places.models import Place
from tests.factories import make_place
from tests.places.query_plans import query_plan

pytestmark = pytest.mark.django_db
AMIENS = (49.8942, 2.2957)


def independent_distance_km(lat1, lon1, lat2, lon2):
    """Spherical law of cosines: another formula than the code's haversine."""
    phi1, phi2, dlon = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    cosine = math.sin(phi1) * math.sin(phi2) + math.cos(phi1) * math.cos(phi2) * math.cos(dlon)
    return 6371.0088 * math.acos(max(-1.0, min(1.0, cosine)))


@pytest.fixture
def grid():
    """Places every 0.05° around Amiens, over ±0.4° of latitude and longitude."""
    places = []
    for i in range(-8, 9):
        for j in range(-8, 9):
            places.append(
                Place(
                    name=f"P {i} {j}",
                    slug=f"p-{i}-{j}",
                    address="rue",
                    postal_code="80000",
                    commune="Amiens",
                    latitude=AMIENS[0] + i * 0.05,
                    longitude=AMIENS[1] + j * 0.05,
                )
            )
    return Place.objects.bulk_create(places)


def test_near_returns_exactly_the_places_within_the_radius_nearest_first(grid):
    found = list(Place.objects.near(*AMIENS, 12))
    expected = {p.pk: independent_distance_km(*AMIENS, p.latitude, p.longitude) for p in grid}
    assert {p.pk for p in found} == {pk for pk, distance in expected.items() if distance <= 12}
    for place in found:
        assert place.distance_km == pytest.approx(expected[place.pk], abs=1e-6)
    distances = [place.distance_km for place in found]
    assert distances == sorted(distances)
    # Hand count: rows 5.56 km apart, columns 3.58 km: 7 on the middle row, 5 on each next, 3 on the two after.
    assert len(found) == 23


def test_near_excludes_a_place_just_outside_the_radius():
    inside = make_place(latitude=AMIENS[0] + 0.0898, longitude=AMIENS[1])  # 9.985 km north
    make_place(latitude=AMIENS[0] + 0.0901, longitude=AMIENS[1])  # 10.018 km north
    assert [p.pk for p in Place.objects.near(*AMIENS, 10)] == [inside.pk]


def test_near_finds_places_east_and_west_at_the_edge_of_the_bounding_box():
    # At 50° N a degree of longitude is ~71.5 km: 0.139° is just under 10 km.
    east = make_place(latitude=AMIENS[0], longitude=AMIENS[1] + 0.139)
    west = make_place(latitude=AMIENS[0], longitude=AMIENS[1] - 0.139)
    assert {p.pk for p in Place.objects.near(*AMIENS, 10)} == {east.pk, west.pk}


def test_near_combines_with_other_filters(grid):
    Place.objects.filter(pk=grid[0].pk).update(latitude=AMIENS[0], longitude=AMIENS[1], status="draft")
    nearest = Place.objects.published().near(*AMIENS, 5).first()
    assert (nearest.latitude, nearest.longitude) == AMIENS
    assert nearest.pk != grid[0].pk


def test_in_bbox_returns_the_places_inside_the_box(grid):
    found = Place.objects.in_bbox(AMIENS[1] - 0.06, AMIENS[0] - 0.06, AMIENS[1] + 0.06, AMIENS[0] + 0.06)
    assert found.count() == 9


def test_near_reads_the_latitude_longitude_index(grid):
    plan = query_plan(Place.objects.near(*AMIENS, 10)[:20])
    assert "place_lat_lon_idx" in plan


def test_in_bbox_reads_the_latitude_longitude_index(grid):
    plan = query_plan(Place.objects.in_bbox(2.2, 49.8, 2.4, 50.0))
    assert "place_lat_lon_idx" in plan


def test_nearest_returns_the_n_nearest_within_the_radius(grid):
    everything = list(Place.objects.near(*AMIENS, 100))
    found = Place.objects.nearest(*AMIENS, limit=10, max_radius_km=100)
    assert [p.pk for p in found] == [p.pk for p in everything[:10]]


def test_nearest_widens_its_search_but_never_past_the_maximum(grid):
    far = make_place(latitude=AMIENS[0] + 2, longitude=AMIENS[1])  # 222 km north
    found = Place.objects.nearest(AMIENS[0] + 2, AMIENS[1] + 0.001, limit=3, max_radius_km=30)
    assert [p.pk for p in found] == [far.pk]


def test_near_ranks_and_counts_published_places_from_the_index_alone(grid):
    """What the API's near-me pages rank by (places.api.PlacePagination): ids, status and coordinates, all in
    the location index, so that a dense city's places are ranked without reading their rows."""
    ranked = Place.objects.published().near(*AMIENS, 10).annotate(total_count=Window(Count("pk")))
    plan = query_plan(ranked.values_list("pk", "total_count")[:20], index_only=True)
    if connection.vendor == "postgresql":
        assert "Index Only Scan using place_lat_lon_idx" in plan
    else:
        assert "COVERING INDEX place_lat_lon_idx" in plan

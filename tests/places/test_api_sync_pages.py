"""A partner's sync pages through `updated_since` and `/removed/` in id order, following the `next` links
(`after=<last id>`): a place that leaves or joins the set meanwhile shifts no other from one page to the next,
as it would with page numbers, so none is skipped."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import make_place
from tests.places.sync import change, get, query_of

pytestmark = pytest.mark.django_db
LIST = "/api/v1/places/"
REMOVED = "/api/v1/places/removed/"


@pytest.fixture
def since():
    return (timezone.now() - datetime.timedelta(seconds=1)).isoformat()


def test_a_place_leaving_during_a_sync_skips_no_other(api_client, since):
    places = [
        make_place(name=f"Lieu {letter}") for letter in "EDCBA"
    ]  # names against ids: the order is the ids'
    first = get(api_client, LIST, {"updated_since": since, "page_size": 2})
    assert [row["id"] for row in first["results"]] == [places[0].pk, places[1].pk]
    assert first["count"] == 5 and first["previous"] is None
    assert query_of(first["next"]) == {
        "updated_since": [since],
        "page_size": ["2"],
        "after": [str(places[1].pk)],
    }

    change(places[0], status="draft")  # leaves the set while the partner pages through it
    second = get(api_client, first["next"])
    third = get(api_client, second["next"])

    assert [row["id"] for row in second["results"] + third["results"]] == [place.pk for place in places[2:]]
    assert third["next"] is None
    assert second["count"] == 4  # the set as it is now


def test_with_page_numbers_the_same_sync_would_have_skipped_one(api_client, since):
    """Why the links carry ids: the offset of page 2 moves when a place of page 1 leaves."""
    places = [make_place(name=f"Lieu {n}") for n in range(5)]
    get(api_client, LIST, {"updated_since": since, "page_size": 2})
    change(places[0], status="draft")
    page_2 = get(api_client, LIST, {"updated_since": since, "page_size": 2, "page": 2})
    assert [row["id"] for row in page_2["results"]] == [places[3].pk, places[4].pk]  # places[2] skipped
    # its links carry ids all the same: from there on, nothing shifts
    assert query_of(page_2["previous"])["before"] == [str(places[3].pk)]


def test_a_place_joining_during_a_sync_comes_at_the_end(api_client, since):
    places = [make_place(name=f"Lieu {n}") for n in range(3)]
    first = get(api_client, LIST, {"updated_since": since, "page_size": 2})
    newcomer = make_place(name="Lieu nouveau")
    rest = get(api_client, first["next"])
    assert [row["id"] for row in first["results"] + rest["results"]] == [*(p.pk for p in places), newcomer.pk]


def test_previous_links_go_back_page_by_page(api_client, since):
    places = [make_place(name=f"Lieu {n}") for n in range(5)]
    ids = [place.pk for place in places]
    first = get(api_client, LIST, {"updated_since": since, "page_size": 2})
    second = get(api_client, first["next"])
    third = get(api_client, second["next"])
    assert [row["id"] for row in third["results"]] == ids[4:] and third["next"] is None
    back = get(api_client, third["previous"])
    assert [row["id"] for row in back["results"]] == ids[2:4]
    start = get(api_client, back["previous"])
    assert [row["id"] for row in start["results"]] == ids[:2]
    assert start["previous"] is None
    assert query_of(start["next"])["after"] == [str(ids[1])]


def test_after_past_the_end_is_an_empty_page_that_links_back(api_client, since):
    places = [make_place(name=f"Lieu {n}") for n in range(3)]
    data = get(api_client, LIST, {"updated_since": since, "after": places[-1].pk, "page_size": 2})
    assert (data["count"], data["next"], data["results"]) == (3, None, [])
    back = get(api_client, data["previous"])
    assert [row["id"] for row in back["results"]] == [places[1].pk, places[2].pk]
    # and from before the first, forward again
    empty = get(api_client, LIST, {"updated_since": since, "before": places[0].pk})
    assert (empty["previous"], empty["results"]) == (None, [])
    assert [row["id"] for row in get(api_client, empty["next"])["results"]] == [place.pk for place in places]


def test_an_empty_removed_list_past_its_end_links_back_too(api_client, since):
    places = [make_place(name=f"Lieu {n}") for n in range(2)]
    for place in places:
        change(place, status="draft")
    data = get(api_client, REMOVED, {"since": since, "after": places[-1].pk})
    assert data["results"] == [] and data["next"] is None
    assert [row["id"] for row in get(api_client, data["previous"])["results"]] == [
        place.pk for place in places
    ]


def test_page_last_still_gives_the_last_page_of_a_plain_list(api_client, db):
    places = [make_place(name=f"Lieu {n}") for n in range(3)]
    data = get(api_client, LIST, {"page": "last", "page_size": 2})
    assert [row["id"] for row in data["results"]] == [places[2].pk] and data["next"] is None
    assert query_of(data["previous"]).get("page") is None  # back to the first page


def test_after_without_updated_since_pages_the_whole_list_in_id_order(api_client):
    places = [make_place(name=f"Lieu {letter}") for letter in "CBA"]
    data = get(api_client, LIST, {"after": places[0].pk})
    assert [row["id"] for row in data["results"]] == [places[1].pk, places[2].pk]
    assert query_of(data["previous"])["before"] == [str(places[1].pk)]


def test_other_filters_and_geojson_keep_the_id_order_and_links(api_client, since):
    amiens = [make_place(name=f"Amiens {n}", departement="80") for n in range(3)]
    make_place(name="Lille", departement="59", postal_code="59000", insee_code="59350")
    first = get(
        api_client, LIST, {"updated_since": since, "departement": "80", "page_size": 2, "format": "geojson"}
    )
    assert first["count"] == 3
    assert [feature["properties"]["id"] for feature in first["features"]] == [amiens[0].pk, amiens[1].pk]
    assert query_of(first["next"])["departement"] == ["80"] and query_of(first["next"])["format"] == [
        "geojson"
    ]
    rest = get(api_client, first["next"])
    assert [feature["properties"]["id"] for feature in rest["features"]] == [amiens[2].pk]


def test_removals_are_paged_by_id_too(api_client, since):
    places = [make_place(name=f"Lieu {n}") for n in range(5)]
    for place in places:
        change(place, status="draft")
    first = get(api_client, REMOVED, {"since": since, "page_size": 2})
    assert [row["id"] for row in first["results"]] == [places[0].pk, places[1].pk]
    change(places[0], status="published")  # back in the directory: no longer a removal
    second = get(api_client, first["next"])
    third = get(api_client, second["next"])
    assert [row["id"] for row in second["results"] + third["results"]] == [place.pk for place in places[2:]]
    assert third["next"] is None
    back = get(api_client, third["previous"])
    assert [row["id"] for row in back["results"]] == [places[2].pk, places[3].pk]


def test_a_sync_page_costs_a_fixed_number_of_queries(api_client, since, django_assert_num_queries):
    places = [make_place(name=f"Lieu {n}") for n in range(30)]
    # the data version (ETag), the count, the rows, whether any come before
    with django_assert_num_queries(4):
        data = get(api_client, LIST, {"updated_since": since, "after": places[4].pk, "page_size": 100})
    assert len(data["results"]) == 25


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"after": "abc"}, "after"),
        ({"after": "-1"}, "after"),
        ({"before": "1.5"}, "before"),
        ({"after": "1" * 19}, "after"),
        ({"after": "1", "before": "9"}, "before"),
        ({"after": "1", "page": "2"}, "page"),
        ({"after": "1", "lat": "49.89", "lon": "2.29"}, "after"),
        ({"before": "1", "lat": "49.89", "lon": "2.29"}, "before"),
    ],
)
def test_a_bad_id_parameter_is_a_400_naming_it(api_client, db, params, parameter):
    for url, extra in ((LIST, {}), (REMOVED, {"since": "2026-01-01T00:00:00Z"})):
        if url == REMOVED and "lat" in params:
            continue  # the removals have no search around a point
        response = api_client.get(url, {**params, **extra})
        assert response.status_code == 400, (url, response.content)
        assert list(response.json()) == [parameter]

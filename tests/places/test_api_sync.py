"""GET /api/v1/places/removed/?since=…: what a partner's copy synced with updated_since must drop."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import make_place
from tests.places.sync import change, get

pytestmark = pytest.mark.django_db
URL = "/api/v1/places/removed/"


def removed(api_client, since: datetime.datetime, **params) -> dict:
    return get(api_client, URL, {"since": since.isoformat(), **params})


def test_places_that_left_the_directory_since_the_moment_are_listed_with_the_reason(api_client):
    unpublished, closed, deleted, edited, back = (make_place(name=f"Lieu {n}") for n in range(5))
    never_public = make_place(name="Brouillon", status="draft")
    gone_before = make_place(name="Parti avant")
    change(gone_before, status="draft")
    since = timezone.now()
    change(unpublished, status="draft")
    change(closed, status="closed")
    deleted_id = deleted.pk
    deleted.delete()
    change(edited, phone="+33322000000")  # still published: the list's updated_since gives it
    change(back, status="draft")
    change(back, status="published")  # left and came back: nothing to drop
    change(never_public, name="Brouillon modifié")  # never public: nobody's copy holds it

    data = removed(api_client, since)

    assert data["count"] == 3
    assert [(row["id"], row["reason"]) for row in data["results"]] == [
        (unpublished.pk, "unpublished"),
        (closed.pk, "closed"),
        (deleted_id, "deleted"),
    ]
    for row in data["results"]:
        assert datetime.datetime.fromisoformat(row["removed_at"]) >= since


def test_a_moment_after_the_changes_lists_nothing(api_client):
    place = make_place()
    before = timezone.now()
    change(place, status="draft")
    assert [row["id"] for row in removed(api_client, before)["results"]] == [place.pk]
    assert removed(api_client, timezone.now() + datetime.timedelta(seconds=1))["results"] == []


def test_the_list_is_paginated(api_client):
    places = [make_place(name=f"Lieu {n}") for n in range(3)]
    since = timezone.now()
    for place in places:
        change(place, status="draft")
    first = removed(api_client, since, page_size=2)
    second = api_client.get(first["next"]).json()
    assert first["count"] == 3 and len(first["results"]) == 2
    assert [row["id"] for row in first["results"] + second["results"]] == [place.pk for place in places]


@pytest.mark.parametrize(
    "params", [{}, {"since": "hier"}, {"since": "2026-13-40T00:00"}, {"since": "0001-01-01"}]
)
def test_a_missing_or_unreadable_moment_is_a_400_naming_it(api_client, params):
    response = api_client.get(URL, params)
    assert response.status_code == 400
    assert list(response.json()) == ["since"]


def test_the_number_of_queries_does_not_grow_with_the_removals(api_client, django_assert_num_queries):
    since = timezone.now()
    for n in range(30):
        place = make_place(name=f"Lieu {n}")
        change(place, status="draft")
    # the data version (ETag), then the changes since of the places once public and no longer published
    with django_assert_num_queries(2):
        assert removed(api_client, since, page_size=50)["count"] == 30


def test_an_unchanged_answer_costs_a_304_and_a_removal_changes_it(api_client):
    place = make_place()
    since = timezone.now()
    params = {"since": since.isoformat()}
    first = api_client.get(URL, params)
    assert first.status_code == 200 and first.json()["count"] == 0
    assert api_client.get(URL, params, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    place.delete()
    after = api_client.get(URL, params, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200 and after["ETag"] != first["ETag"]
    assert [row["reason"] for row in after.json()["results"]] == ["deleted"]


def test_map_parameters_on_the_removed_list_are_ignored_not_a_500(api_client):
    since = timezone.now()
    change(make_place(), status="draft")
    for extra in ({"bbox": "1,2,3,4"}, {"lat": "49.9", "lon": "2.3"}, {"commune": "80021"}):
        assert removed(api_client, since, **extra)["count"] == 1, extra

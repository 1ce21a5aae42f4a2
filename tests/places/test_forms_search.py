import datetime

import pytest

from places.forms import SearchForm
from places.models import Closure, Place
from tests.factories import make_place
from tests.fake_ban import feature

MONDAY_10H = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)  # 10:00 in Paris


def search(**params):
    form = SearchForm(params)
    assert form.is_valid(), form.errors
    return form.search(now=MONDAY_10H)


@pytest.fixture
def amiens(fake_ban):
    fake_ban.add("Gare Amiens", feature("Place Alphonse Fiquet 80000 Amiens", 49.8906, 2.3077))


def test_a_searched_address_lists_the_nearest_places_first(db, amiens):
    farther = make_place(name="Plus loin", latitude=49.96, longitude=2.35)
    far = make_place(name="Loin", latitude=49.95, longitude=2.35)
    near = make_place(name="Près", latitude=49.891, longitude=2.308)

    result = search(q="Gare Amiens")

    assert list(result.places) == [near, far, farther]
    assert result.radius_km == 10  # 5 km held fewer than 3 places: the radius widened
    assert result.places[0].distance_km < 0.1


def test_a_rural_search_widens_the_radius_until_it_finds_places(db, fake_ban):
    three = {make_place(latitude=49.8942, longitude=2.2957) for _ in range(3)}

    result = search(lat="50.5", lon="1.6")  # about 90 km away

    assert set(result.places) == three
    assert result.radius_km == 100


def test_kinds_of_help_combine_with_or_and_groups_with_and(db, fake_ban):
    training = make_place(offers=["training"], services=["demarches"])
    make_place(offers=["training"], services=["loisirs"])
    free_access = make_place(offers=["free_access"], services=["demarches"])
    make_place(offers=["assistance"], services=["demarches"])

    result = search(offers=["training", "free_access"], services=["demarches"])

    assert set(result.places) == {training, free_access}


def test_open_now_and_open_on_saturday_filters(db, fake_ban):
    weekdays = make_place(opening_hours="Mo-Fr 09:00-12:00")
    saturday = make_place(opening_hours="Sa 09:00-12:00")

    assert list(search(open_now="on").places) == [weekdays]
    assert list(search(saturday="on").places) == [saturday]


def test_open_on_saturday_considers_the_closures_of_that_saturday(db, fake_ban):
    next_saturday = datetime.date(2026, 11, 28)
    on_holiday = make_place(opening_hours="Sa 09:00-12:00")
    on_holiday.closures.create(start_date=next_saturday, end_date=datetime.date(2026, 12, 6))
    exceptionally = make_place(opening_hours="Mo-Fr 09:00-12:00")
    exceptionally.closures.create(
        kind=Closure.Kind.EXCEPTIONAL_HOURS,
        start_date=next_saturday,
        end_date=next_saturday,
        hours="Sa 10:00-12:00",
    )
    closed_the_saturday_after = make_place(opening_hours="Sa 09:00-12:00")
    closed_the_saturday_after.closures.create(
        start_date=datetime.date(2026, 12, 5), end_date=datetime.date(2026, 12, 5)
    )

    assert set(search(saturday="on").places) == {exceptionally, closed_the_saturday_after}


def test_free_and_pass_numerique_filters(db, fake_ban):
    free = make_place(fees=["gratuit"])
    pass_place = make_place(pass_numerique=True)

    assert list(search(free="on").places) == [free]
    assert list(search(pass_numerique="on").places) == [pass_place]


def test_a_territory_keeps_only_its_communes_and_departements(db, fake_ban):
    amiens = make_place(insee_code="80021", departement="80")
    lille = make_place(insee_code="59350", departement="59", postal_code="59000", commune="Lille")
    make_place(insee_code="60057", departement="60", postal_code="60000", commune="Beauvais")

    assert set(search(territory="80,59350").places) == {amiens, lille}


def test_each_filter_value_counts_the_places_it_would_leave(db, fake_ban):
    make_place(offers=["training"], services=["demarches"])
    make_place(offers=["training", "assistance"], services=["loisirs"])
    make_place(offers=["assistance"], services=["loisirs"])
    form = SearchForm({"services": ["loisirs"]})
    assert form.is_valid()

    counts = form.counts(form.search(now=MONDAY_10H).places.model.objects.published(), now=MONDAY_10H)

    assert counts["offers"] == {"assistance": 2, "mediation": 0, "training": 1, "free_access": 0}
    assert counts["services"]["demarches"] == 1  # its own group's other filters are not applied
    assert counts["services"]["loisirs"] == 2


def test_each_yes_no_filter_counts_the_places_it_would_leave(db, fake_ban):
    make_place(fees=["gratuit"], opening_hours="Mo-Fr 09:00-12:00")
    make_place(fees=["gratuit"], opening_hours="Sa 09:00-12:00", pass_numerique=True)
    make_place(fees=["payant"])
    form = SearchForm({"free": "on"})
    assert form.is_valid()

    counts = form.counts(Place.objects.published(), now=MONDAY_10H)["conditions"]

    assert counts == {"free": 2, "pass_numerique": 1, "open_now": 1, "saturday": 1}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"territory": "80,<script>"}, "territory"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"lat": "91", "lon": "2"}, "lat"),
    ],
)
def test_wrong_parameters_are_reported(params, field):
    form = SearchForm(params)

    assert not form.is_valid()
    assert field in form.errors


def test_counts_with_open_now_ticked_read_the_opening_hours_once_and_agree_with_the_search(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_place(services=["demarches"], opening_hours="Mo-Fr 09:00-12:00", fees=["gratuit"])
    make_place(services=["loisirs"], opening_hours="Mo-Fr 09:00-12:00")
    make_place(services=["loisirs"], opening_hours="Mo 14:00-18:00; Sa 10:00-12:00")
    closed = make_place(services=["demarches"], opening_hours="Mo-Fr 09:00-12:00")
    Closure.objects.create(place=closed, start_date=MONDAY_10H.date(), end_date=MONDAY_10H.date())
    form = SearchForm({"open_now": "on", "services": ["loisirs"]})
    assert form.is_valid()

    with CaptureQueriesContext(connection) as queries:
        counts = form.counts(Place.objects.published(), now=MONDAY_10H)

    hours_reads = [
        q["sql"] for q in queries.captured_queries if "DISTINCT" in q["sql"] and "opening_hours" in q["sql"]
    ]
    assert len(hours_reads) == 1  # once for "open now" and "open on Saturday", whatever the number of counts
    # Each count is what the search would show with that value ticked (its own group's ticks left out).
    assert counts["services"]["demarches"] == 1  # the closed one is not open now
    assert counts["services"]["loisirs"] == 1
    assert counts["conditions"]["open_now"] == 1
    assert counts["conditions"]["free"] == 0
    for service, expected in [("demarches", 1), ("loisirs", 1)]:
        shown = SearchForm({"open_now": "on", "services": [service]})
        assert shown.is_valid()
        assert shown.search(now=MONDAY_10H).places.count() == expected


def test_a_departement_named_in_full_lists_its_places(db, fake_ban):
    somme = make_place(name="Dans la Somme", departement="80")
    make_place(name="Dans le Nord", departement="59", postal_code="59000", commune="Lille")

    result = search(q="Somme")

    assert list(result.places) == [somme]
    assert list(result.unfiltered()) == [somme]  # the filters' counts count the same places
    assert result.notice == "Les lieux de tout le département : Somme (80)."
    assert not result.is_located

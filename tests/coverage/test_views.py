import datetime
import html
import json
import re

import pytest

from coverage.statistics import months_before, territory_statistics
from places.models import Departement
from tests.coverage.territory import lon, make_territory
from tests.factories import make_place

pytestmark = pytest.mark.django_db


def test_the_coverage_page_shows_the_headline_and_the_least_covered_communes(client):
    make_territory()
    response = client.get("/couverture/99/", {"aide": "training"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>41,2 %</strong>" in page
    table = page[page.index('<table class="coverage-table"') :]
    assert re.findall(r'<th scope="row">(\w+) ', table) == ["Gamma", "Beta", "Alpha"]
    assert "<td>plus de 50 km</td>" in table


def test_the_coverage_page_ignores_an_unknown_filter_and_says_so(client):
    make_territory()
    page = client.get("/couverture/99/", {"aide": "cooking"}).content.decode()
    assert "Ce choix n&#x27;existe pas" in page or "Ce choix n'existe pas" in page
    assert "<strong>11,8 %</strong>" in page  # every place: only Gamma (200 of 1,700) is far


def test_an_unknown_departement_is_not_found(client):
    assert client.get("/couverture/XX/").status_code == 404


def test_the_index_links_to_each_departement(client):
    make_territory()
    page = client.get("/couverture/").content.decode()
    assert 'href="/couverture/80/"' in page
    assert 'href="/couverture/99/"' in page


def test_the_statistics_count_places_by_kind_of_help_and_commune_size(client):
    make_territory()
    today = datetime.date(2026, 11, 22)
    make_place(
        departement="99",
        insee_code="99002",
        postal_code="99000",
        latitude=0.0,
        longitude=0.2,
        programmes=["france_services"],
        structure_types=["MUNI"],
        verified_on=datetime.date(2026, 6, 1),
    )
    make_place(
        departement="99", insee_code="99002", postal_code="99000", verified_on=datetime.date(2026, 5, 21)
    )
    make_place(  # never verified, but updated since 22 May: its data was confirmed then
        departement="99", insee_code="99002", postal_code="99000", updated_on=datetime.date(2026, 5, 22)
    )
    stats = territory_statistics(Departement.objects.get(code="99"), today=today)
    assert stats.places == 8  # P1–P4, P6 and these three; the draft P5 is not counted
    assert dict(stats.by_offer) == {"Assistance": 2, "Médiation": 1, "Formation": 2, "Accès libre": 1}
    assert dict(stats.by_programme)["France Services"] == 1
    # 1 June and 22 May count, 21 May does not (nor P1–P6, updated in 2024)
    assert (stats.checked_recently, stats.checked_share) == (2, 25.0)
    # Alpha (1,000 inhabitants) has P1–P3; Beta and Gamma (< 1,000) have P4 and the three new places.
    bands = [(b.communes, b.population, b.places, b.places_per_10000) for b in stats.bands]
    assert bands[:2] == [(2, 700, 4, 57.14), (1, 1000, 3, 30.0)]
    page = client.get("/couverture/99/statistiques/").content.decode()
    assert "Lieux pour 10 000 habitants" in page


@pytest.mark.parametrize(
    "day, expected",
    [((2026, 11, 22), (2026, 5, 22)), ((2026, 8, 31), (2026, 2, 28)), ((2026, 3, 15), (2025, 9, 15))],
)
def test_six_months_before_clamps_to_the_end_of_the_month(day, expected):
    assert months_before(datetime.date(*day), 6) == datetime.date(*expected)


def test_the_map_shows_the_published_places_of_the_kind_in_and_around_the_departement(client):
    make_territory()
    make_place(name="Across", latitude=0.0, longitude=lon(105), departement="98", offers=["training"])
    page = client.get("/couverture/99/", {"aide": "training"}).content.decode()
    places = json.loads(html.unescape(re.search(r'data-places="([^"]*)"', page).group(1)))
    # P1 and P3 offer training; the draft P5 is hidden; "Across" is 5 km beyond the last commune
    assert sorted(name for _lat, _lon, name in places) == ["Across", "P1", "P3"]
    assert "2 lieux dans le département" in page  # P1 and P3: the département's own, counted first
    assert "3 lieux sur la carte, qui montre aussi les environs du département" in page

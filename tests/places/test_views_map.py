import html
import re

import pytest
from django.urls import reverse

from tests.factories import make_place
from tests.fake_ban import feature


@pytest.fixture
def places(db):
    return [
        make_place(name=f"Lieu {n}", latitude=49.89 + n / 1000, longitude=2.29, offers=["training"])
        for n in range(3)
    ]


def test_the_map_page_lists_places_without_javascript(client, places, fake_ban):
    response = client.get("/")

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 3
    assert b'href="/lieux/lieu-0-amiens/"' in response.content


def test_a_search_by_q_lists_places_near_the_address_with_distances(client, places, fake_ban):
    fake_ban.add("Amiens", feature("Amiens", 49.89, 2.29, kind="municipality"))

    response = client.get("/", {"q": "Amiens"})

    assert [place.name for place in response.context["page"]] == ["Lieu 0", "Lieu 1", "Lieu 2"]
    assert "à 0,1 km".encode() in response.content


@pytest.mark.parametrize(
    "page, shown, names",
    [("2", 2, [f"Loin {n}" for n in range(20, 25)]), ("9", 2, [f"Loin {n}" for n in range(20, 25)]),
     ("9" * 25, 2, [f"Loin {n}" for n in range(20, 25)]), ("x", 1, [f"Loin {n}" for n in range(20)]),
     ("-1", 1, [f"Loin {n}" for n in range(20)])],
)  # fmt: skip
def test_pages_around_a_point_go_nearest_first_and_any_page_number_lands(client, db, page, shown, names):
    for n in range(25):
        make_place(name=f"Loin {n}", latitude=49.89 + n / 1000, longitude=2.29)

    response = client.get("/", {"lat": "49.89", "lon": "2.29", "page": page})

    assert response.context["page"].number == shown
    assert response.context["page"].paginator.count == 25
    assert [place.name for place in response.context["page"]] == names


def test_the_results_fragment_is_only_the_list(client, places, fake_ban):
    response = client.get("/", {"fragment": "results", "offers": "assistance"})

    assert response.content.decode().lstrip().startswith('<div id="results"')
    assert response.context["page"].paginator.count == 0


def test_points_are_sent_one_by_one_when_few(client, places):
    response = client.get(reverse("places:points"), {"bbox": "2,49,3,50", "zoom": "12"})

    assert response.status_code == 200
    assert sorted(point[0] for point in response.json()["points"]) == sorted(place.pk for place in places)


def test_each_point_carries_its_place_name_for_its_marker(client, places):
    response = client.get(reverse("places:points"), {"bbox": "2,49,3,50", "zoom": "12"})

    named = {pk: (lat, lon, name) for pk, lat, lon, name in response.json()["points"]}
    assert named == {
        place.pk: (round(place.latitude, 5), round(place.longitude, 5), place.name) for place in places
    }


def test_points_are_clustered_on_the_server_when_many(client, places, monkeypatch):
    monkeypatch.setattr("places.views_map.MAX_POINTS", 2)

    response = client.get(reverse("places:points"), {"zoom": "6"})

    assert response.json() == {"clusters": [[49.891, 2.29, 3]]}


def test_points_follow_the_filters(client, places):
    make_place(offers=["assistance"], latitude=49.9, longitude=2.3)

    response = client.get(reverse("places:points"), {"offers": "assistance", "zoom": "12"})

    assert len(response.json()["points"]) == 1


@pytest.mark.parametrize(
    "params",
    [{"bbox": "a,b,c,d"}, {"offers": "xxx"}, {"territory": "zz"}, {"zoom": "big"}, {"services": "nope"}],
)
def test_points_ignore_a_wrong_parameter_like_the_list(client, places, params):
    """A shared link with a stale filter: the map shows what the list shows, not nothing."""
    response = client.get(reverse("places:points"), params)
    listed = client.get("/", params).context["page"].paginator.count

    assert response.status_code == 200
    assert len(response.json()["points"]) == listed == 3


def test_points_keep_the_valid_filters_beside_a_wrong_one(client, places):
    make_place(offers=["assistance"], latitude=49.9, longitude=2.3)

    response = client.get(reverse("places:points"), {"offers": "assistance", "bbox": "a,b,c,d", "zoom": "12"})

    assert len(response.json()["points"]) == 1


def test_points_are_gzipped(client, places):
    for n in range(15):
        make_place(latitude=49 + n / 100, longitude=2 + n / 100)

    response = client.get(reverse("places:points"), HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"


def test_suggestions_answer_json(client, db, fake_ban):
    fake_ban.down = True

    response = client.get(reverse("places:suggestions"), {"q": "Abbev"})

    assert response.json()["suggestions"][:2] == ["Abbeville (80)", "Abbévillers (25)"]


def test_the_easy_read_switch_sets_a_cookie_and_goes_back(client, db):
    response = client.post(reverse("places:easy_read"), {"on": "1", "next": "/?q=Amiens"})

    assert response.status_code == 302
    assert response["Location"] == "/?q=Amiens"
    assert client.cookies["facile"].value == "1"


def test_the_easy_read_switch_refuses_to_redirect_elsewhere(client, db):
    response = client.post(reverse("places:easy_read"), {"on": "1", "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_the_embed_keeps_its_territory_and_may_be_framed(client, db, fake_ban):
    make_place(name="Dans la Somme")
    make_place(
        name="Dans le Nord", departement="59", insee_code="59350", postal_code="59000", commune="Lille"
    )

    response = client.get(reverse("places:embed"), {"territory": "80"})

    assert [place.name for place in response.context["page"]] == ["Dans la Somme"]
    assert "X-Frame-Options" not in response


def test_the_embed_generator_gives_the_iframe_snippet(client, db):
    response = client.get(reverse("places:embed_generator"), {"territory": "80", "offers": "training"})

    assert "/embed/?territory=80&amp;offers=training" in response.content.decode()


def test_the_pages_are_available_in_english(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    content = client.get("/").content.decode()

    assert "Find help with digital tools" in content
    assert 'lang="en"' in content


def test_filter_counts_are_within_the_search_radius(client, places, fake_ban):
    make_place(name="Lille", latitude=50.63, longitude=3.06, offers=["training"])
    fake_ban.add("Amiens", feature("Amiens", 49.89, 2.29, kind="municipality"))

    near = client.get("/", {"q": "Amiens"}).context["counts"]
    everywhere = client.get("/").context["counts"]

    assert (near["offers"]["training"], everywhere["offers"]["training"]) == (3, 4)


def test_filter_counts_follow_a_text_search_and_the_map_view(client, places, fake_ban):
    """The number beside a filter is how many places the list would keep with it ticked: over the places the
    text found, or those in the map's view, not over the whole directory."""
    make_place(name="Espace Zorglub", latitude=50.63, longitude=3.06, offers=["training", "assistance"])
    make_place(name="Accueil Zorglub", latitude=50.63, longitude=3.06, offers=["assistance"])
    for params in ({"q": "Zorglub"}, {"bbox": "3.0,50.6,3.1,50.7"}, {"q": "Lieu", "bbox": "2.2,49.8,2.4,50"}):
        response = client.get("/", params)
        counts = response.context["counts"]["offers"]
        for offer in ("training", "assistance"):
            ticked = client.get("/", {**params, "offers": offer}).context["page"].paginator.count
            assert counts.get(offer, 0) == ticked, (params, offer)
    assert client.get("/", {"q": "Zorglub"}).context["counts"]["offers"]["training"] == 1


def test_the_result_list_reads_closures_once_for_the_page_not_once_per_place(db, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from places.models import Closure
    from tests.factories import make_place

    for number in range(12):
        place = make_place(name=f"Lieu {number}", opening_hours="Mo-Su 09:00-18:00")
        Closure.objects.create(place=place, start_date="2030-07-01", end_date="2030-07-31")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    closure_reads = [q["sql"] for q in queries.captured_queries if 'FROM "places_closure"' in q["sql"]]
    # The page's prefetch; the exceptional hours of "open now" and of "open on Saturday"; the one query of the
    # counts (which reads closures in subqueries): the same whatever the number of places.
    assert len(closure_reads) == 4


@pytest.mark.parametrize(
    ("params", "shown_open"),
    [
        ({}, False),
        ({"services": "demarches"}, True),
        ({"publics": "seniors"}, True),
        ({"offers": "training"}, False),
    ],
)
def test_more_filters_are_shown_open_when_one_of_them_is_ticked(client, places, fake_ban, params, shown_open):
    content = client.get("/", params).content.decode()
    assert ('<details class="more-filters" open>' in content) is shown_open
    assert '<details class="more-filters"' in content


def test_the_map_credits_openstreetmap_in_the_page_s_language(client, db, settings):
    settings.MAP_TILES_ATTRIBUTION = ""
    french = client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/").content.decode()

    link = "&amp;copy; &lt;a href=&quot;https://www.openstreetmap.org/copyright&quot;&gt;"
    assert f'data-attribution="{link}les contributeurs OpenStreetMap&lt;/a&gt;"' in french
    assert f'data-attribution="{link}OpenStreetMap contributors&lt;/a&gt;"' in english
    settings.MAP_TILES_ATTRIBUTION = "Tuiles &copy; IGN"
    assert 'data-attribution="Tuiles &amp;copy; IGN"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("q", "heading"),
    [
        ("Amiens", "3 lieux à moins de 5 km d'Amiens"),
        ("Lille", "3 lieux à moins de 100 km de Lille (59)"),  # the commune table, when the BAN knows nothing
        ("Zorglub", "Aucun lieu"),
    ],
)
def test_the_results_heading_is_written_as_french_speaks(client, places, fake_ban, q, heading):
    fake_ban.add("Amiens", feature("Amiens", 49.89, 2.29, kind="municipality"))
    content = client.get("/", {"q": q}).content.decode()
    title = re.search(r'<h2 id="results-title"[^>]*>(.*?)</h2>', content, re.S).group(1)
    assert html.unescape(" ".join(title.split())) == heading

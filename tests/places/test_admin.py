import pytest

from tests.factories import make_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.fr", "pass-word-1234")
    client.force_login(admin)
    return client


def test_admin_lists_and_searches_places(staff_client):
    make_place(name="Médiathèque du Centre", commune="Amiens")
    make_place(name="Maison France Services", commune="Abbeville")
    response = staff_client.get("/admin/places/place/", {"q": "Abbeville"})
    assert response.status_code == 200
    assert b"Maison France Services" in response.content
    assert b"M\xc3\xa9diath\xc3\xa8que du Centre" not in response.content


def test_admin_filters_places_by_departement(staff_client):
    make_place(name="Dans la Somme", departement="80")
    make_place(name="Dans le Nord", departement="59")
    response = staff_client.get("/admin/places/place/", {"departement": "59"})
    assert b"Dans le Nord" in response.content
    assert b"Dans la Somme" not in response.content


def test_admin_place_page_shows_its_location_on_a_small_map(staff_client):
    place = make_place(latitude=49.8942, longitude=2.2957)
    response = staff_client.get(f"/admin/places/place/{place.pk}/change/")
    assert response.status_code == 200
    assert b'data-lat="49.894200"' in response.content
    assert b"admin/place_location.js" in response.content


def test_admin_is_closed_to_anonymous_visitors(client):
    response = client.get("/admin/places/place/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

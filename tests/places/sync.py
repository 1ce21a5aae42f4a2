"""Helpers of the sync tests (updated_since and /removed/): a change recorded as the app records one, a 200's
JSON, a link's query."""

from urllib.parse import parse_qs, urlsplit

from places.models import Place


def change(place: Place, **fields) -> None:
    for name, value in fields.items():
        setattr(place, name, value)
    place.save_change(user=None, source="staff")


def get(api_client, url: str, params: dict | None = None) -> dict:
    response = api_client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def query_of(link: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(link).query)

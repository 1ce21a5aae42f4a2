"""The communes' search behind the search box when the BAN cannot answer (and for texts too short for it):
the commune named so first, the suggestions' own labels understood, nothing for punctuation."""

import pytest

from places.geocoding import geocode
from places.models import Commune

pytestmark = pytest.mark.django_db


def names(text: str, count: int = 1) -> list[str]:
    return [f"{commune.name} ({commune.departement})" for commune in Commune.objects.search(text)[:count]]


@pytest.mark.parametrize(("text", "expected"), [("Y", "Y (80)"), ("Eu", "Eu (76)"), ("eu", "Eu (76)")])
def test_a_short_name_finds_the_commune_of_that_name_not_a_big_city_containing_it(text, expected):
    assert names(text) == [expected]


@pytest.mark.parametrize("text", ["a", "%", "_", "'", "(", "--", "z z"])
def test_a_letter_or_punctuation_alone_finds_nothing(text):
    assert names(text) == []


def test_the_name_itself_comes_before_longer_names_containing_it():
    assert names("Amiens") == ["Amiens (80)"]
    # "Paris" is also in "Cormeilles-en-Parisis" and many more: the capital (its arrondissements) first
    found = names("Paris", 3)
    assert len(found) == 3 and all(name.startswith("Paris") for name in found)


@pytest.mark.parametrize("text", ["Amiens (80)", "amiens (80) ", "Amiens 80000", "80000 Amiens"])
def test_the_suggestions_labels_and_a_postal_code_beside_the_name_are_understood(text):
    assert names(text) == ["Amiens (80)"]


def test_the_departement_in_brackets_chooses_between_homonyms():
    assert names("Saint-Quentin (02)") == ["Saint-Quentin (02)"]
    assert names("Rivery (80)") == ["Rivery (80)"]
    assert names("Amiens (59)") == []


def test_a_postal_code_or_its_beginning_still_finds_its_communes():
    assert names("80100") == ["Abbeville (80)"]
    assert names("59000") == ["Lille (59)"]
    assert names("8010") == ["Abbeville (80)"]  # the beginning of 80100, as the person types


def test_when_the_ban_is_down_a_suggestion_is_searched_around_its_commune(fake_ban):
    fake_ban.down = True
    location = geocode(text="Amiens (80)")
    assert location.label == "Amiens (80)"
    assert geocode(text="%%%") is None

"""The communes' search behind the search box when the BAN cannot answer (and for texts too short for it):
the commune named so first, the suggestions' own labels understood, nothing for punctuation."""

import pytest

from places.geocoding import geocode
from places.models import Commune, Departement

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


@pytest.mark.parametrize(
    ("text", "expected"), [("St Omer", "Saint-Omer (62)"), ("ste marie (35)", "Sainte-Marie (35)")]
)
def test_saint_written_short_is_understood(text, expected):
    assert names(text) == [expected]


def test_words_match_the_start_of_a_names_words_not_their_middle():
    # "omer" is inside "Momerstroff", "st" inside many names: neither is a word of theirs.
    assert "Momerstroff (57)" not in names("St Omer", 20)
    assert names("Bellegarde sur Valserine") == ["Valserhône (01)"]  # a former name, whole


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("St Omer", "Saint-Omer (62)"),
        ("Amiens (80)", "Amiens (80)"),
        ("80100", "Abbeville (80)"),
        ("10 rue de la Gare Amiens", "Amiens (80)"),  # an address ends with its commune
        ("10 rue de la Gare, 80000 Amiens", "Amiens (80)"),
        ("rue Victor Hugo Lille", "Lille (59)"),
        ("rue de Paris, Amiens", "Amiens (80)"),
        ("Paris", "Paris (75)"),  # the whole city, made of its arrondissements
        ("Paris 15e", "Paris 15e Arrondissement (75)"),
        ("Lomme", None),  # a part of Lille: not Lommerange (57), whose name only begins so
        ("Boulogne", None),  # Boulogne-sur-Mer or Boulogne-Billancourt: the places' text is searched
        ("Saint", None),
        ("sur mer", None),
        # The end of a street's name is no commune: Saintes-Maries-de-la-Mer, Port (01), Capdenac-Gare…
        ("10 rue de la Mer", None),
        ("rue du Port", None),
        ("avenue de la Gare", None),
        ("12 rue du Château", None),
    ],
)
def test_a_submitted_search_takes_only_a_commune_it_names_in_whole_words(text, expected):
    commune = Commune.objects.named_in(text)
    assert (commune and f"{commune.name} ({commune.departement})") == expected


def test_when_the_ban_is_down_a_commune_is_not_guessed_from_the_start_of_a_word(fake_ban):
    fake_ban.down = True
    assert geocode(text="Lomme") is None  # the places' own text is searched instead
    assert geocode(text="St Omer").label == "Saint-Omer (62)"


@pytest.mark.parametrize(
    ("text", "code"), [("Nord", "59"), ("pas de calais", "62"), ("Pas-de-Calais", "62"), ("SOMME", "80")]
)
def test_a_departement_named_in_full_is_found(text, code):
    assert Departement.objects.named(text).code == code


@pytest.mark.parametrize("text", ["Vienne", "Paris", "Loiré", "Nor", "Somme-Suippe", ""])
def test_a_commune_of_that_very_name_or_a_part_of_a_name_is_no_departement(text):
    assert Departement.objects.named(text) is None  # Vienne (38) is a commune: the BAN will find it


def test_a_commune_differing_by_its_accents_leaves_the_departement_its_name():
    assert Departement.objects.named("Loire").code == "42"  # not the village of Loiré (49)

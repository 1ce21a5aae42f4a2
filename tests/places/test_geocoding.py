from places.geocoding import geocode, suggest
from tests.fake_ban import feature


def test_an_address_is_geocoded_by_the_ban(db, fake_ban):
    fake_ban.add(
        "12 rue de la République 80000 Amiens",
        feature("12 Rue de la République 80000 Amiens", 49.8912, 2.2981),
    )

    location = geocode(text="12 rue de la République 80000 Amiens")

    assert (location.latitude, location.longitude) == (49.8912, 2.2981)
    assert location.label == "12 Rue de la République 80000 Amiens"
    assert location.notice == ""


def test_a_ban_that_is_down_falls_back_to_the_commune_with_a_plain_message(db, fake_ban):
    fake_ban.down = True

    location = geocode(text="Abbeville")

    assert location.label == "Abbeville (80)"
    assert "ne répond pas" in location.notice
    assert fake_ban.queries == ["Abbeville"]


def test_an_address_the_ban_does_not_know_falls_back_to_the_commune(db, fake_ban):
    location = geocode(text="80100")

    assert location.label == "Abbeville (80)"
    assert "introuvable" in location.notice


def test_a_short_text_is_not_sent_to_the_ban_but_matched_on_postal_codes(db, fake_ban):
    location = geocode(text="80")

    assert (location.label, location.notice) == ("Amiens (80)", "")
    assert fake_ban.queries == []


def test_nothing_known_anywhere_gives_none(db, fake_ban):
    assert geocode(text="Xyzzyville-sur-Rien") is None


def test_suggestions_come_from_the_ban_then_from_the_communes(db, fake_ban):
    fake_ban.add("8 place Gambetta Amiens", feature("8 Place Gambetta 80000 Amiens", 49.894, 2.297))

    assert suggest(text="8 place Gam") == ["8 Place Gambetta 80000 Amiens"]
    fake_ban.down = True
    assert suggest(text="Amiens")[0] == "Amiens (80)"

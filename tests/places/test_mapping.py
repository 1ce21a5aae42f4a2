"""Reading the field's values leniently and storing them canonically."""

from places import choices
from places.importers.mapping import france_services_hours
from places.offers import derive_offers


def test_labels_match_whatever_the_case_accents_and_spacing():
    assert choices.match_label(choices.Service, "aide aux  DEMARCHES administratives") == ["demarches"]
    assert choices.match_label(choices.Need, "Langues etrangeres (anglais)") == ["langue_anglais"]


def test_the_schema_misspelt_training_label_is_understood():
    assert choices.match_label(choices.TrainingLabel, "Étapes numériques(La Poste)") == ["etapes_numeriques"]


def test_legacy_v0_labels_map_with_the_official_mapping():
    assert choices.match_label(choices.Service, "Prendre en main un smartphone ou une tablette") == [
        "outils_quotidien"
    ]
    assert choices.match_label(
        choices.Fee, "Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer"
    ) == ["payant"]
    assert choices.match_label(choices.Programme, "CNFS") == ["conseillers_numeriques"]
    assert choices.match_label(choices.Need, "Public langues étrangères") == [
        "langue_anglais",
        "langue_autres",
    ]


def test_unknown_label_matches_nothing():
    assert choices.match_label(choices.Service, "Cuisine") == []


def test_france_services_daily_hours_become_one_opening_hours_string():
    record = {
        "h_lundi": "08:45 - 12:00 / 13:30 - 18:00",
        "h_mardi": "08:45 - 12:00 / 13:30 - 18:00",
        "h_mercredi": "09:00 - 12:00",
        "h_jeudi": "",
        "h_vendredi": "08:45 - 12:00 / 13:30 - 18:00",
        "h_samedi": "9h00 - 12h00",
    }
    assert france_services_hours(record) == (
        "Mo-Tu 08:45-12:00,13:30-18:00; We 09:00-12:00; Fr 08:45-12:00,13:30-18:00; Sa 09:00-12:00"
    )


def test_kinds_of_help_are_derived_from_the_standard_fields():
    assert derive_offers(services=["demarches"], support_modes=[], programmes=[]) == ["assistance"]
    assert derive_offers(services=["outils_quotidien"], support_modes=["atelier"], programmes=[]) == [
        "training"
    ]
    assert derive_offers(services=["outils_quotidien"], support_modes=[], programmes=[]) == ["mediation"]
    assert derive_offers(services=["acces_internet"], support_modes=["autonomie"], programmes=[]) == [
        "free_access"
    ]
    assert derive_offers(services=[], support_modes=[], programmes=[], pass_numerique=True) == ["training"]
    assert derive_offers(services=[], support_modes=["individuel"], programmes=["aidants_connect"]) == [
        "assistance",
        "mediation",
    ]

"""Importing real files of the field, and a broken one."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from places.choices import DATA_DIR
from places.importers.run import import_file
from places.models import Place, PlaceSource

TEST_DATA = Path(__file__).resolve().parent.parent / "data"
pytestmark = pytest.mark.django_db


def test_france_services_file_is_imported_whole():
    report = import_file(DATA_DIR / "lieux" / "hdf_france-services.csv", source="fs")
    assert (report.created, report.merged, report.rejected_total) == (193, 1, 0)
    assert PlaceSource.objects.filter(source="fs").count() == 194
    nouvion = Place.objects.get(sources__external_id="4", sources__source="fs")
    assert nouvion.opening_hours == "Mo-Fr 08:45-12:00,13:30-18:00"
    assert nouvion.phone == "+33323975390"
    assert nouvion.insee_code == "02558"
    assert nouvion.offers == ["assistance", "mediation"]
    assert nouvion.programmes == ["france_services"]


def test_digital_advisers_file_is_imported_with_its_comma_separated_services():
    report = import_file(DATA_DIR / "lieux" / "hdf_conseillers-numeriques_permanences_2022.json", source="cn")
    assert (report.created, report.merged, report.rejected_total) == (249, 11, 0)
    assert report.warnings["téléphone invalide"] == 5
    assert report.warnings["horaires invalides"] == 4  # with the PIJ de Wingles' « Fr 13:30-13:30 »
    wingles = Place.objects.get(sources__external_id="62b33936dd51e705b18086e1")
    assert wingles.opening_hours == ""
    escale = Place.objects.get(sources__external_id="626fc4a7cc2a0205c7bef589")
    assert escale.services == ["outils_quotidien", "comprendre"]
    assert escale.fees == ["gratuit"]
    assert escale.programmes == ["conseillers_numeriques"]
    assert escale.insee_code == "59028"  # AUBY 59950, found in the commune table


def test_charente_file_mixing_v1_services_and_legacy_fields_is_imported():
    report = import_file(TEST_DATA / "charente_lieux-mediation-numerique.json", source="charente")
    assert (report.created, report.merged, report.rejected_total) == (174, 14, 0)
    assert Place.objects.filter(departement="16").count() == 174
    place = Place.objects.get(
        sources__external_id__startswith="mediation-numerique-conseiller-numerique-63d29db4"
    )
    assert place.acceslibre_url.startswith("https://acceslibre.beta.gouv.fr/")
    assert place.programmes == ["conseillers_numeriques", "france_services"]


def test_new_caledonia_file_keeps_long_summaries_as_the_detailed_presentation():
    report = import_file(TEST_DATA / "nouvelle-caledonie_lieux-mediation-numerique_v1.json", source="nc")
    assert (report.created, report.merged, report.rejected_total) == (88, 2, 0)
    assert report.warnings["présentation résumée trop longue, coupée"] == 12
    place = Place.objects.get(sources__external_id="0")
    assert place.phone == "+687445728"
    assert place.departement == "988"
    for place in Place.objects.all():
        assert len(place.summary) <= 280


def test_v1_and_v0_examples_of_the_standard_are_the_same_place():
    import_file(TEST_DATA / "standard-mediation-num_exemple-valide_v1.csv", source="v1")
    report = import_file(TEST_DATA / "standard-mediation-num_exemple-valide_v0.1.1.csv", source="v0")
    assert report.merged == 1
    place = Place.objects.get()
    assert sorted(str(link) for link in place.sources.all()) == ["v0:structure-1", "v1:structure-1"]
    assert place.services == ["demarches", "outils_quotidien", "insertion_pro", "loisirs"]
    assert place.pass_numerique is True
    assert place.structure_types == ["TIERS_LIEUX", "ASSO"]
    assert place.offers == ["assistance", "mediation", "training", "free_access"]


def test_broken_rows_are_reported_and_every_good_row_is_kept():
    lines = []
    report = import_file(TEST_DATA / "broken_places.csv", source="broken", report_line=lines.append)
    assert report.created == 3
    assert dict(report.rejected) == {
        "latitude hors limites (-90 à 90)": 1,
        "identifiant (id) manquant": 1,
        "nom manquant": 1,
        "coordonnées illisibles": 1,
        "identifiant « ok-1 » en double dans le fichier": 1,
        "ni coordonnées ni commune reconnue pour placer le lieu": 1,
    }
    assert "ligne 3 : refusé : latitude hors limites (-90 à 90) (200)" in lines
    assert "ligne 9 : refusé : ni coordonnées ni commune reconnue pour placer le lieu" in lines
    assert set(Place.objects.values_list("name", flat=True)) == {
        "Médiathèque Louis Aragon",
        "Espace France Services d'Abbeville",
        "Tiers-lieu du Vimeu",
    }


def test_a_bad_optional_value_is_dropped_with_a_warning_and_the_place_kept():
    import_file(TEST_DATA / "broken_places.csv", source="broken")
    abbeville = Place.objects.get(name="Espace France Services d'Abbeville")
    assert abbeville.opening_hours == ""  # « Lundi 9h-12h » is not OpenStreetMap syntax
    assert abbeville.phone == "+33322000002"
    assert abbeville.services == ["demarches"]
    assert abbeville.location_is_approximate is True
    assert abbeville.insee_code == "80001"
    vimeu = Place.objects.get(name="Tiers-lieu du Vimeu")
    assert (vimeu.pivot, vimeu.phone, vimeu.emails, vimeu.services) == ("", "", [], ["loisirs"])


def test_reimporting_the_same_file_changes_nothing():
    import_file(TEST_DATA / "charente_lieux-mediation-numerique.json", source="charente")
    before = list(Place.objects.order_by("pk").values())
    history = Place.history.count()
    report = import_file(TEST_DATA / "charente_lieux-mediation-numerique.json", source="charente")
    assert (report.created, report.merged, report.updated, report.unchanged) == (0, 0, 0, 188)
    assert list(Place.objects.order_by("pk").values()) == before
    assert Place.history.count() == history


def test_a_changed_record_updates_its_place_instead_of_duplicating(tmp_path):
    original = (TEST_DATA / "standard-mediation-num_exemple-valide_v1.csv").read_text(encoding="utf-8")
    import_file(TEST_DATA / "standard-mediation-num_exemple-valide_v1.csv", source="v1")
    changed = tmp_path / "changed.csv"
    changed.write_text(original.replace('"Anonymal"', '"Anonymal, nouveau nom"'), encoding="utf-8")
    report = import_file(changed, source="v1")
    assert report.updated == 1
    assert Place.objects.get().name == "Anonymal, nouveau nom"


def test_unreadable_file_is_refused_by_the_command(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": "1", "nom": ', encoding="utf-8")
    with pytest.raises(CommandError, match="JSON illisible"):
        call_command("import_places", str(broken))
    assert Place.objects.count() == 0


def test_command_prints_the_summary(capsys):
    call_command("import_places", str(TEST_DATA / "broken_places.csv"), "--source", "cmd")
    out = capsys.readouterr()
    assert (
        "Source « cmd » : 3 créés, 0 fusionnés avec un lieu existant, 0 mis à jour, 0 inchangés, 6 refusés."
        in out.out
    )
    assert "ligne 5 : refusé : nom manquant" in out.err


def test_a_new_import_never_overwrites_what_a_person_corrected(tmp_path):
    original = (TEST_DATA / "standard-mediation-num_exemple-valide_v1.csv").read_text(encoding="utf-8")
    import_file(TEST_DATA / "standard-mediation-num_exemple-valide_v1.csv", source="v1")
    place = Place.objects.get()
    place.phone = "+33322000000"
    place.description = ""
    place.save_change(user=None, source="mediator")
    changed = tmp_path / "changed.csv"
    changed.write_text(original.replace('"Anonymal"', '"Anonymal, nouveau nom"'), encoding="utf-8")
    report = import_file(changed, source="v1")
    assert report.updated == 1
    place.refresh_from_db()
    assert (place.name, place.phone) == ("Anonymal", "+33322000000")  # the person's values stay
    assert place.description.startswith("Notre parcours d'initiation")  # a blank is filled

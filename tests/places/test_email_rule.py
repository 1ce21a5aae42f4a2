"""An e-mail address that starts like a spreadsheet formula is refused wherever addresses are written: the
model and the file importers (the edit page: tests/mediators/test_edit_emails.py; the API:
test_api_writes.py and test_export_formulas.py)."""

import pytest
from django.core.exceptions import ValidationError

from places.communes import CommuneIndex
from places.importers.mapping import map_record
from tests.factories import make_place

pytestmark = pytest.mark.django_db
FORMULA = "=cmd|'/C calc'!A0@example.fr"


def test_the_model_refuses_it():
    place = make_place()
    place.emails = ["accueil@mairie.fr", FORMULA]
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "emails" in error.value.message_dict


def test_an_imported_file_drops_it_with_a_warning():
    record = {
        "id": "x1",
        "nom": "Espace numérique",
        "adresse": "1 rue Haute",
        "code_postal": "80000",
        "commune": "Amiens",
        "code_insee": "80021",
        "latitude": "49.89",
        "longitude": "2.29",
        "courriels": f"accueil@mairie.fr|{FORMULA}",
    }
    mapped = map_record(record, communes=CommuneIndex())
    assert mapped.fields["emails"] == ["accueil@mairie.fr"]
    assert any("courriel invalide" in reason for reason, _message in mapped.warnings)

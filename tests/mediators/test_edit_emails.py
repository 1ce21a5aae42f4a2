"""The edit page refuses an e-mail address that starts like a spreadsheet formula (exports write addresses as
cells), and keeps the stored ones."""

from tests.mediators.forms_data import edit_data, post_edit

FORMULA = "=cmd|'/C calc'!A0@example.fr"


def test_the_edit_page_refuses_it_and_keeps_the_stored_addresses(place, manager):
    place.emails = ["accueil@mairie-amiens.fr"]
    place.save()
    data = edit_data(place, **{"place-emails_text": f"accueil@mairie-amiens.fr\n{FORMULA}"})
    response = post_edit(manager, place, data)
    assert response.status_code == 200
    assert "n&#x27;est pas une adresse e-mail valide" in response.content.decode()
    place.refresh_from_db()
    assert place.emails == ["accueil@mairie-amiens.fr"]

import pytest

PAGES = {
    "/mentions-legales/": "Mentions légales",
    "/donnees-personnelles/": "Données personnelles",
    "/accessibilite/": "Déclaration d'accessibilité",
}


@pytest.mark.parametrize(("url", "title"), PAGES.items())
def test_each_information_page_is_served_in_french_and_linked_from_every_footer(client, url, title):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html.replace("&#x27;", "'")
    for other in PAGES:
        assert f'href="{other}"' in html


def test_legal_notice_names_the_operator_from_the_settings(client, settings):
    settings.SITE_OPERATOR = {**settings.SITE_OPERATOR, "name": "Commune d'Exemple", "host": "Hébergeur SAS"}
    html = client.get("/mentions-legales/").content.decode()
    assert "Commune d&#x27;Exemple" in html
    assert "Hébergeur SAS" in html


def test_personal_data_page_states_the_error_report_retention(client, settings):
    settings.REPORTS_RETENTION_MONTHS = 6
    html = client.get("/donnees-personnelles/").content.decode()
    assert "effacées 6 mois après le signalement" in html


def test_accessibility_statement_states_the_automated_audit_results(client):
    html = client.get("/accessibilite/").content.decode()
    assert 'id="resultats-audit"' in html
    assert "Violations détectées : 0" in html
    assert "[À compléter]" not in html


def test_personal_data_page_states_how_long_failed_logins_are_kept(client):
    html = client.get("/donnees-personnelles/").content.decode()
    assert "30 minutes après la dernière tentative" in html

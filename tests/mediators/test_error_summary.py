"""After a refused save, the edit and propose pages list their errors at the top, each linked to its field."""

from html.parser import HTMLParser

from django.urls import reverse

from tests.clients import client_for
from tests.mediators.forms_data import add_closure, edit_data, post_edit


class SummaryParser(HTMLParser):
    """The ids of the page, and the error summary's title and links as (href, text)."""

    def __init__(self):
        super().__init__()
        self.ids, self.links, self.title = set(), [], ""
        self.form_action = None
        self._in_summary = self._in_title = False
        self._href = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "form" and attrs.get("class", "").startswith("stack edit-form"):
            self.form_action = attrs.get("action")
        if attrs.get("id") == "error-summary":
            self._in_summary = True
            self.summary_tabindex = attrs.get("tabindex")
        self._in_title = self._in_title or attrs.get("id") == "error-summary-title"
        if self._in_summary and tag == "a":
            self._href = attrs["href"]
            self.links.append((self._href, ""))

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in_title = False
        if tag == "a":
            self._href = None
        if tag == "div" and self._in_summary and self.links:
            self._in_summary = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._href is not None:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)


def summary_of(response) -> SummaryParser:
    parser = SummaryParser()
    parser.feed(response.content.decode())
    return parser


def assert_every_link_reaches_an_element_of_the_page(summary: SummaryParser) -> None:
    targets = [href for href, _text in summary.links]
    assert all(href.startswith("#") for href in targets)
    assert {href[1:] for href in targets} <= summary.ids


def test_a_refused_edit_lists_each_error_linked_to_its_field(place, manager):
    data = edit_data(place, **{"place-phone": "12 34", "hours-tu_0_closes": ""})
    add_closure(data, kind="closed", start_date="2026-08-20", end_date="2026-08-01", label="Été")
    response = post_edit(manager, place, data)
    assert response.status_code == 200
    summary = summary_of(response)
    assert summary.title == "Le formulaire contient 3 erreurs"
    assert summary.summary_tabindex == "-1"
    assert summary.form_action == "#error-summary"
    hrefs = [href for href, _text in summary.links]
    assert hrefs == ["#id_place-phone", "#id_hours-tu_0_closes", "#id_closures-0-end_date"]
    texts = [text for _href, text in summary.links]
    assert texts[:2] == [
        "Téléphone : Le numéro de téléphone « 12 34 » n'est pas valide : 10 chiffres attendus, "
        "par exemple 03 21 00 00 00.",
        "Mardi, fermeture 1 : Mardi : indiquez l'heure d'ouverture et l'heure de fermeture.",
    ]
    assert texts[2] == "Période 1, Au : La date de fin doit être après la date de début."
    assert_every_link_reaches_an_element_of_the_page(summary)


def test_a_list_of_boxes_in_error_links_to_its_first_box(place, manager):
    response = post_edit(manager, place, edit_data(place, **{"place-offers": "pas une offre"}))
    summary = summary_of(response)
    assert [href for href, _text in summary.links] == ["#id_place-offers_0"]
    assert_every_link_reaches_an_element_of_the_page(summary)


def test_a_single_error_is_counted_in_the_singular(place, manager):
    summary = summary_of(post_edit(manager, place, edit_data(place, **{"place-phone": "12 34"})))
    assert summary.title == "Le formulaire contient 1 erreur"


def test_the_edit_page_has_no_error_summary_until_a_save_is_refused(place, manager):
    summary = summary_of(client_for(manager).get(reverse("mediators:edit", args=[place.slug])))
    assert (summary.links, summary.title, summary.form_action) == ([], "", None)
    assert "error-summary" not in summary.ids


def test_a_refused_proposal_lists_each_error_linked_to_its_field(place, manager):
    data = {
        "place-name": "",
        "place-phone": "12 34",
        "hours-mo_0_opens": "10:00",
        "hours-mo_0_closes": "09:00",
    }
    response = client_for(manager).post(reverse("mediators:propose"), data)
    assert response.status_code == 200
    summary = summary_of(response)
    hrefs = [href for href, _text in summary.links]
    assert {"#id_place-name", "#id_place-phone", "#id_hours-mo_0_closes"} <= set(hrefs)
    assert summary.title == f"Le formulaire contient {len(hrefs)} erreurs"
    assert summary.form_action == "#error-summary"
    assert_every_link_reaches_an_element_of_the_page(summary)


def test_the_propose_page_has_no_error_summary_before_sending(place, manager):
    summary = summary_of(client_for(manager).get(reverse("mediators:propose")))
    assert (summary.links, summary.title, summary.form_action) == ([], "", None)

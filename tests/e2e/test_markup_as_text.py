from playwright.sync_api import expect

from tests.factories import make_place

SCRIPT = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'


def test_markup_in_a_place_and_in_an_error_report_is_shown_as_text(page, db_access):
    # Any page of the visit that ran the markup reports it here (a new page would forget a plain flag).
    ran: list[str] = []
    page.expose_binding("reportScript", lambda source: ran.append(source["page"].url))
    page.add_init_script("Object.defineProperty(window, '__xss', {set() { window.reportScript(); }})")
    page.goto("/")
    page.evaluate("() => { window.__xss = 1; }")
    for _ in range(100):  # the report crosses to this process asynchronously
        if ran:
            break
        page.wait_for_timeout(20)
    assert len(ran) == 1  # the alarm works
    ran.clear()
    place = make_place(name=SCRIPT, description=SCRIPT, summary="<b>résumé</b>", latitude=49.9, longitude=2.3)
    try:
        page.goto(place.get_absolute_url())
        expect(page.get_by_role("heading", level=1)).to_have_text(SCRIPT)
        expect(page.locator(".summary")).to_have_text("<b>résumé</b>")

        page.get_by_label("Qu'est-ce qui est faux ?").fill(SCRIPT)
        page.get_by_role("button", name="Envoyer le signalement").click()  # too fast: the form comes back
        expect(page.get_by_label("Qu'est-ce qui est faux ?")).to_have_value(SCRIPT)

        page.goto("/?q=&bbox=2.29,49.89,2.31,49.91")
        expect(page.locator(".place-item h3", has_text="window.__xss")).to_have_text(SCRIPT)
        page.goto("/?q=80")
        page.locator("#map .point").first.wait_for()
        popup = page.evaluate(f"() => fetch('/carte/lieux/{place.pk}/').then(r => r.text())")
        assert "<script>" not in popup
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)  # a report from the last page crosses asynchronously, like the alarm's
        assert ran == []
    finally:
        place.status = "draft"  # saved, so that the pages' caches see the change at once
        place.save()

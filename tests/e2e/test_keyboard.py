import re

from playwright.sync_api import expect

from places.models import Place
from tests.fake_ban import feature

MAX_TABS = 80


def tab_to(page, selector: str, *, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until the focused element matches `selector` (fails after MAX_TABS presses)."""
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never got the focus")


def test_from_an_address_to_the_phone_of_the_nearest_training_place_with_the_keyboard_alone(
    page, fake_ban, db_access
):
    target = Place.objects.published().exclude(phone="").filter(offers__any=["training"]).first()
    fake_ban.add("10 rue du Test", feature("10 Rue du Test", target.latitude, target.longitude))
    page.goto("/")

    tab_to(page, "#id_q")
    page.keyboard.type("10 rue du Test")
    tab_to(page, "input[name=offers][value=training]")
    page.keyboard.press("Space")
    tab_to(page, "#id_q", key="Shift+Tab")
    page.keyboard.press("Enter")

    expect(page.locator("#results-title")).to_contain_text("10 Rue du Test")
    expect(page).to_have_url(re.compile(r"offers=training"))
    tab_to(page, ".place-item h3 a")
    expect(page.locator(":focus")).to_have_text(target.name)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(target.name)
    tab_to(page, ".big-phone a")
    expect(page.locator(":focus")).to_have_text(target.phone_display)
    expect(page.locator(":focus")).to_have_attribute("href", f"tel:{target.phone}")


def test_a_map_marker_is_named_after_its_place_and_opens_with_the_keyboard(page, fake_ban):
    fake_ban.add("Gare d'Amiens", feature("Place Alphonse Fiquet 80000 Amiens", 49.8906, 2.3077))
    page.goto("/?q=Gare+d'Amiens")
    expect(page.locator(".leaflet-control-zoom-in")).to_have_attribute("title", "Zoom avant")
    expect(page.locator(".leaflet-control-zoom-out")).to_have_attribute("title", "Zoom arrière")
    markers = page.locator("#map .point")
    expect(markers.first).to_be_visible()
    titles = markers.evaluate_all("icons => icons.map(icon => icon.title)")
    assert all(title.endswith(" : afficher son adresse") for title in titles)
    assert len(set(titles)) > 1  # each marker its place's name, not one label for all

    markers.first.focus()
    page.keyboard.press("Enter")
    popup_link = page.locator(".leaflet-popup a").first
    expect(popup_link).to_be_focused()
    expect(page.locator(".leaflet-popup")).to_contain_text(titles[0].removesuffix(" : afficher son adresse"))
    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    expect(markers.first).to_be_focused()  # back where the reader was


def test_an_open_popup_stays_open_when_the_map_moves_and_its_points_are_drawn_again(page, fake_ban):
    fake_ban.add("Gare d'Amiens", feature("Place Alphonse Fiquet 80000 Amiens", 49.8906, 2.3077))
    page.goto("/?q=Gare+d'Amiens")
    marker = page.locator("#map .point").first
    expect(marker).to_be_visible()
    marker.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup a").first).to_be_focused()
    loaded = page.locator("#map").get_attribute("data-loaded")

    box = page.locator("#map").bounding_box()  # a drag along the map's left side, away from the popup
    page.mouse.move(box["x"] + 60, box["y"] + box["height"] * 0.8)
    page.mouse.down()
    page.mouse.move(box["x"] + 160, box["y"] + box["height"] * 0.8 - 40, steps=8)
    page.mouse.up()

    expect(page.locator("#map")).not_to_have_attribute("data-loaded", loaded)  # the points were drawn again
    # A closing popup fades out (opacity 0 at once, removed 200 ms later): this one is still fully there.
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")
    expect(page.locator(".leaflet-popup")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup")).to_have_count(0)

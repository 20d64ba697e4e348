"""Phone and desktop: screenshots for people to look at (test-artifacts/screenshots/, git-ignored),
no sideways scrolling (WCAG 1.4.10 Reflow), and axe at both sizes (tables that only scroll on a
phone must still be reachable by keyboard)."""

import pytest

from .support import (
    COORDINATOR,
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    AccessibilityLog,
    login,
    page_widths,
    visit,
)

pytestmark = pytest.mark.browser

PAGES = {
    "dashboard": lambda demo: f"/verwaltung/plaene/{demo.plan_slug}/",
    "bilanz": lambda demo: f"/verwaltung/bilanzen/{demo.draft_report_id}/",
    "massnahmen": lambda demo: f"/verwaltung/plaene/{demo.plan_slug}/massnahmen/",
    # Reorder buttons carry visually hidden labels that once escaped the scrolling table.
    "handlungsfeld": lambda demo: f"/verwaltung/plaene/{demo.plan_slug}/handlungsfelder/5/",
    "eintrag": lambda demo: f"/verwaltung/eintraege/{demo.entry_id('5.1')}/",
}


@pytest.mark.parametrize(("device", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_pages_fit_the_screen(new_page, demo, device, viewport):
    a11y = AccessibilityLog()
    page = new_page(viewport=viewport)
    login(page, COORDINATOR)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = []
    anonymous = new_page(viewport=viewport)
    for name, path, person in [
        *((name, path(demo), page) for name, path in PAGES.items()),
        ("anmelden", "/anmelden/", anonymous),
    ]:
        visit(person, path)
        person.screenshot(path=str(SCREENSHOTS / f"{name}-{device}.png"), full_page=True)
        a11y.check(person, f"{name} ({device})")
        document_width, viewport_width = page_widths(person)
        if document_width > viewport_width:
            culprits = person.evaluate(
                """(limit) => [...document.querySelectorAll("body *")]
                    .filter(el => el.getBoundingClientRect().right > limit + 1)
                    .filter(el => !el.closest(".table-scroll") || el.matches(".table-scroll"))
                    .slice(0, 8)
                    .map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                         + (el.className && typeof el.className === "string"
                            ? "." + el.className.trim().split(/\\s+/).join(".") : "")
                         + " right=" + Math.round(el.getBoundingClientRect().right))""",
                viewport_width,
            )
            too_wide.append(
                f"{name}: {document_width}px wide in a {viewport_width}px window; {culprits}"
            )
    assert not too_wide, "pages scroll sideways:\n" + "\n".join(too_wide)
    a11y.assert_clean()


def test_inline_form_fits_the_phone(new_page, demo):
    page = new_page(viewport=PHONE)
    login(page, COORDINATOR)
    visit(page, f"/verwaltung/bilanzen/{demo.draft_report_id}/")
    page.get_by_role("link", name="Stand eintragen für 1.2", exact=True).click()
    entry = page.locator(f"#eintrag-{demo.entry_id('1.2')}")
    entry.locator("form").wait_for()
    entry.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "bilanz-formular-phone.png"))
    document_width, viewport_width = page_widths(page)
    assert document_width <= viewport_width

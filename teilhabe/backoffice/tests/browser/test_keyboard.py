"""Keyboard only: skip link, login by Tab and Enter, visible focus, the inline form by keyboard."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from .support import COORDINATOR, PASSWORD, assert_accessible, login, visit

pytestmark = pytest.mark.browser

ACTIVE = r"""() => {
    const el = document.activeElement;
    return el ? {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute("name"),
                 text: String(el.matches("input, select, textarea") ? el.value : el.textContent)
                     .replace(/\s+/g, " ").trim().slice(0, 80)} : null;
}"""

FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    // Any CSS colour (KERN uses oklch) to sRGB through a canvas, then WCAG contrast against the
    // page background, which is white in the back office.
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = style.outlineColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    const lin = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    return {
        element: el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""),
        outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
        outlineColor: style.outlineColor, boxShadow: style.boxShadow,
        outlineContrast: 1.05 / (luminance + 0.05),
        matchesFocusVisible: el.matches(":focus-visible"),
    };
}"""


def tab_until(page, predicate, limit: int = 40) -> dict:
    """Press Tab until the focused element satisfies `predicate`; fail with the tab order seen."""
    seen = []
    for _ in range(limit):
        active = page.evaluate(ACTIVE)
        if active and predicate(active):
            return active
        seen.append(active)
        page.keyboard.press("Tab")
    raise AssertionError(f"never reached the element; tab order was: {seen}")


# On screen (to a pixel): wholly, or — for a region taller than the window, such as a long table — from its
# top edge on, which is where the browser scrolls it to.
IN_VIEWPORT = """() => {
    const rect = document.activeElement.getBoundingClientRect();
    // One pixel of slack: the browser scrolls to fractional positions (a bottom at 900.4 of 900).
    const across = rect.width > 0 && rect.left >= -1 && rect.right <= window.innerWidth + 1;
    const whole = rect.top >= -1 && rect.bottom <= window.innerHeight + 1;
    const tall = rect.height > window.innerHeight && rect.top >= 0 && rect.top < window.innerHeight;
    return rect.height > 0 && across && (whole || tall);
}"""


RECT = """() => { const r = document.activeElement.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom, window.innerWidth, window.innerHeight]; }"""


def assert_focus_visible(page) -> dict:
    """The focused element has a focus ring and is scrolled into view (KERN scrolls smoothly, so
    give the scrolling a moment)."""
    style = page.evaluate(FOCUS_STYLE)
    assert style["matchesFocusVisible"], style
    has_outline = style["outlineStyle"] != "none" and style["outlineWidth"] >= 2
    assert has_outline or style["boxShadow"] != "none", f"no visible focus indicator: {style}"
    if has_outline:
        # WCAG 1.4.11: what shows the focus needs 3:1 against what is next to it.
        assert style["outlineContrast"] >= 3, f"focus ring too faint on white: {style}"
    try:
        # KERN scrolls smoothly; on a busy machine the scrolling takes a while.
        page.wait_for_function(IN_VIEWPORT, timeout=5_000)
    except PlaywrightTimeout as error:
        raise AssertionError(
            f"focused element is not on screen: {page.evaluate(ACTIVE)} {page.evaluate(RECT)}"
        ) from error
    return style


def test_skip_link_moves_focus_to_main_content(page, demo):
    login(page, COORDINATOR)
    visit(page, f"/verwaltung/plaene/{demo.plan_slug}/")
    page.keyboard.press("Tab")
    active = page.evaluate(ACTIVE)
    assert active["text"] == "Zum Inhalt springen", f"first Tab stop is {active}"
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("main#inhalt")).to_be_focused()
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    inside_main = page.evaluate("() => !!document.activeElement.closest('main')")
    assert inside_main, f"after the skip link, Tab went to {page.evaluate(ACTIVE)}"


def test_login_with_keyboard_only(page, demo):
    visit(page, "/anmelden/")
    tab_until(page, lambda a: a["name"] == "username")
    page.keyboard.type(COORDINATOR)
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE)["name"] == "password", (
        "Tab from the e-mail field skips the password"
    )
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/verwaltung/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")


def test_wrong_password_by_keyboard_keeps_email_and_explains(page, demo):
    visit(page, "/anmelden/")
    tab_until(page, lambda a: a["name"] == "username")
    page.keyboard.type(COORDINATOR)
    page.keyboard.press("Tab")
    page.keyboard.type("falsch")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("E-Mail-Adresse oder Passwort stimmen nicht")
    expect(page.get_by_label("E-Mail-Adresse")).to_have_value(COORDINATOR)
    expect(page.get_by_label("Passwort")).to_have_value("")
    assert_accessible(page)


def test_focus_is_visible_on_every_kind_of_control(page, demo):
    visit(page, "/anmelden/")
    tab_until(page, lambda a: a["name"] == "username")
    assert_focus_visible(page)
    page.keyboard.press("Tab")
    assert_focus_visible(page)
    login(page, COORDINATOR)
    visit(page, f"/verwaltung/bilanzen/{demo.draft_report_id}/")
    tab_until(page, lambda a: a["tag"] == "a" and a["text"] == "Übersicht")
    assert_focus_visible(page)
    tab_until(page, lambda a: a["tag"] == "button")
    assert_focus_visible(page)
    tab_until(page, lambda a: a["text"] == "Titel, Stand, Einleitung und Ausblick bearbeiten")
    assert_focus_visible(page)
    # A table that may scroll sideways is a focusable region, so keyboard users can scroll it.
    tab_until(page, lambda a: a["tag"] == "div" and a["text"].startswith("Wer angefragt wird"))
    assert_focus_visible(page)
    tab_until(page, lambda a: a["name"] == "due_on")
    assert_focus_visible(page)


def test_inline_entry_form_by_keyboard(page, demo):
    login(page, COORDINATOR)
    visit(page, f"/verwaltung/bilanzen/{demo.draft_report_id}/")
    entry = page.locator(f"#eintrag-{demo.entry_id('2.2')}")
    tab_until(page, lambda a: a["text"] == "Stand eintragen für 2.2", limit=200)
    page.keyboard.press("Enter")
    heading = entry.get_by_role("heading", level=3)
    expect(heading).to_be_focused()

    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE)["name"] == "status"
    entry.get_by_label("Umsetzungsstand").select_option("in_progress")
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE)["name"] == "percent"
    page.keyboard.type("25")
    page.keyboard.press("Tab")
    page.keyboard.type("Erste Gespräche mit der Wohnungsbaugesellschaft geführt.")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE)["text"] == "Speichern"
    assert_focus_visible(page)
    page.keyboard.press("Enter")

    expect(entry.locator(".entry-status .status")).to_have_text("in Umsetzung (25 %)")
    expect(heading).to_be_focused()
    # Tab from the saved entry reaches its edit button again, not the top of the page.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Stand eintragen für 2.2", exact=True)).to_be_focused()


def test_cancelling_the_inline_form_keeps_the_focus_on_the_entry(page, demo):
    login(page, COORDINATOR)
    visit(page, f"/verwaltung/bilanzen/{demo.draft_report_id}/")
    entry = page.locator(f"#eintrag-{demo.entry_id('2.3')}")
    tab_until(page, lambda a: a["text"] == "Stand eintragen für 2.3", limit=200)
    page.keyboard.press("Enter")
    heading = entry.get_by_role("heading", level=3)
    expect(heading).to_be_focused()
    tab_until(page, lambda a: a["text"] == "Abbrechen", limit=20)
    page.keyboard.press("Enter")
    # The row is back, and the keyboard is on its heading, not at the top of the page.
    expect(entry.get_by_role("link", name="Stand eintragen für 2.3", exact=True)).to_be_visible()
    expect(entry.get_by_role("heading", level=3)).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Stand eintragen für 2.3", exact=True)).to_be_focused()

"""Phone and desktop, German and Arabic (right to left): screenshots for people to look at
(test-artifacts/screenshots/portal-<page>-<language>-<size>.png, git-ignored) and no sideways
scrolling of the page (WCAG 1.4.10 Reflow). A wide table may scroll inside its own labelled,
focusable region; at phone width axe checks that such regions are reachable. Right to left, no
text sticks to a physical side (text-align: left/right instead of start/end)."""

import pytest

from teilhabe.backoffice.tests.browser.support import (
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    AccessibilityLog,
    visit,
)

from .support import (
    PHYSICAL_ALIGNMENT,
    PLAN_PATH,
    RTL_LANGUAGES,
    SEARCH_QUERY,
    discover_paths,
    localized,
)

pytestmark = pytest.mark.browser

# Elements reaching past the window's edge (either edge: right to left pages overflow to the
# left), outside of scrolling regions, which may hold wider content.
OVERFLOWING = """(limit) => [...document.querySelectorAll("body *")]
    .filter(el => { const r = el.getBoundingClientRect();
                    return r.width > 0 && (r.right > limit + 1 || r.left < -1); })
    .filter(el => !el.closest(".table-scroll") || el.matches(".table-scroll"))
    .slice(0, 8)
    .map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
         + (el.className && typeof el.className === "string"
            ? "." + el.className.trim().split(/\\s+/).join(".") : "")
         + " left=" + Math.round(el.getBoundingClientRect().left)
         + " right=" + Math.round(el.getBoundingClientRect().right))"""


# Boxes that scroll sideways must be labelled regions a keyboard can reach (WCAG 1.4.10, 2.1.1).
UNLABELLED_SCROLLERS = """() => [...document.querySelectorAll("body *")]
    .filter(el => ["auto", "scroll"].includes(getComputedStyle(el).overflowX)
                  && el.scrollWidth > el.clientWidth + 1)
    .filter(el => {
        const named = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
            .map(id => document.getElementById(id)).some(l => l && l.textContent.trim())
            || (el.getAttribute("aria-label") || "").trim();
        return !(el.getAttribute("role") === "region" && named && el.tabIndex === 0);
    })
    .map(el => el.tagName.toLowerCase() + "." + String(el.className).trim().split(/\\s+/).join("."))"""


# On a phone the measures of a field stack (status and lead stay on screen, no sideways scrolling
# needed to read them) and the field chart is shown in its phone-width drawing, not left out.
HIDDEN_ON_PHONE = """() => {
    const problems = [];
    for (const table of document.querySelectorAll(".stack-table")) {
        const box = table.closest(".table-scroll") || table;
        if (box.scrollWidth > box.clientWidth + 1) problems.push("stacked table scrolls sideways");
    }
    const wide = document.querySelector(".chart:not(.chart--narrow)");
    const narrow = document.querySelector(".chart--narrow");
    if (wide && wide.querySelector("#umsetzungsstand-title")
        && !(narrow && narrow.getBoundingClientRect().height > 0))
        problems.push("the field chart is missing");
    return problems;
}"""


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_public_pages_fit_the_screen(new_page, demo, size, viewport):
    page = new_page(viewport=viewport)
    paths = discover_paths(page)
    pages = {
        "home": "/",
        "plan": PLAN_PATH,
        "field": paths.field,
        "measure": paths.measure,
        "report": paths.report,
        "search": f"/suche/?q={SEARCH_QUERY}",
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    a11y = AccessibilityLog()
    too_wide = []
    misaligned = []
    unlabelled = []
    hidden = []
    for language in ["de", "ar"]:
        for name, path in pages.items():
            visit(page, localized(path, language))
            page.screenshot(
                path=str(SCREENSHOTS / f"portal-{name}-{language}-{size}.png"), full_page=True
            )
            document_width, viewport_width = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if document_width > viewport_width:
                culprits = page.evaluate(OVERFLOWING, viewport_width)
                too_wide.append(
                    f"{name} ({language}): {document_width}px wide in a {viewport_width}px window;"
                    f" {culprits}"
                )
            if scrollers := page.evaluate(UNLABELLED_SCROLLERS):
                unlabelled.append(f"{name} ({language}): {scrollers}")
            if language in RTL_LANGUAGES and (physical := page.evaluate(PHYSICAL_ALIGNMENT)):
                misaligned.append(f"{name} ({language}): {physical}")
            if size == "phone":
                a11y.check(page, f"{name} ({language}, {size})")
                hidden.extend(
                    f"{name} ({language}): {what}" for what in page.evaluate(HIDDEN_ON_PHONE)
                )
    assert not hidden, "on a phone, key content is off screen or missing:\n" + "\n".join(hidden)
    assert not too_wide, "pages scroll sideways:\n" + "\n".join(too_wide)
    assert not unlabelled, "sideways scrolling outside a labelled region:\n" + "\n".join(unlabelled)
    assert not misaligned, "right-to-left text aligned to a fixed side:\n" + "\n".join(misaligned)
    a11y.assert_clean()

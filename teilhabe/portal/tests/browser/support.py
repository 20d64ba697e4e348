"""Helpers for the browser tests of the public portal: its languages, its page types (ids found
through the pages' own links, as a reader finds them), keyboard focus and the same-origin rule.

The browser, the live server with the demo data and the axe-core checks come from the back
office's browser fixtures (registered for every app in the root conftest.py)."""

import re
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from teilhabe.backoffice.tests.browser.support import ORG_SLUG, PLAN_SLUG, visit

# Every interface language: German without a prefix, the others under /<code>/.
LANGUAGES = ["de", "de-x-ls", "en", "tr", "ar", "uk"]
RTL_LANGUAGES = {"ar"}
# Where states of a page that share its template (empty search, a second kind of 404) are checked.
MAIN_LANGUAGES = {"de", "ar"}
SEARCH_QUERY = "Dolmetscher"  # a word in a measure title of the demo plan ("Dolmetscher-Pool")
# Its only plan is a draft opened for participation: its page shows the participation only.
DRAFT_ORG_SLUG = "leinfelden-echterdingen"

PLAN_PATH = f"/{ORG_SLUG}/plan/{PLAN_SLUG}/"
ACCESSIBILITY_PATH = f"/{ORG_SLUG}/barrierefreiheit/"  # with the feedback form


def localized(path: str, language: str) -> str:
    """The German path `path` in `language` (German has no prefix)."""
    return path if language == "de" else f"/{language}{path}"


def expected_dir(language: str) -> str:
    return "rtl" if language in RTL_LANGUAGES else "ltr"


class PortalPage(NamedTuple):
    name: str
    path: str  # German; see localized()
    status: int = 200
    main_languages_only: bool = False  # a state of a page type checked in every language

    def in_language(self, language: str) -> bool:
        return language in MAIN_LANGUAGES or not self.main_languages_only


@dataclass(frozen=True)
class PortalPaths:
    """German paths of one public page of every type, with ids found through the pages' links."""

    field: str
    measure: str
    report: str

    def pages(self) -> list[PortalPage]:
        """Every public page type (and a few states of them)."""
        return [
            PortalPage("home", "/"),
            PortalPage("organisation", f"/{ORG_SLUG}/"),
            PortalPage("plan", PLAN_PATH),
            PortalPage("field", self.field),
            PortalPage("measure", self.measure),
            PortalPage("report", self.report),
            PortalPage("milestones", f"{PLAN_PATH}zeitplan/"),
            PortalPage("search", f"/suche/?q={SEARCH_QUERY}"),
            PortalPage("search-empty", "/suche/", main_languages_only=True),
            PortalPage("search-no-hits", "/suche/?q=Raumfahrtbehoerde", main_languages_only=True),
            PortalPage("accessibility", ACCESSIBILITY_PATH),
            PortalPage("imprint", f"/{ORG_SLUG}/impressum/"),
            PortalPage("privacy", f"/{ORG_SLUG}/datenschutz/"),
            PortalPage("easy-language", f"/{ORG_SLUG}/leichte-sprache/"),
            PortalPage("site-accessibility", "/barrierefreiheit/"),
            PortalPage("site-imprint", "/impressum/"),
            PortalPage("site-privacy", "/datenschutz/"),
            PortalPage("site-easy-language", "/leichte-sprache/"),
            PortalPage("not-found", "/gibt-es-nicht/", 404),
            # The town drafting its plan shows its participation; the draft itself stays internal.
            PortalPage("drafting-town", f"/{DRAFT_ORG_SLUG}/"),
            PortalPage(
                "draft-plan",
                f"/{DRAFT_ORG_SLUG}/plan/{DRAFT_ORG_SLUG}/",
                404,
                main_languages_only=True,
            ),
        ]


def first_link(page, pattern: str) -> str:
    """The path of the first link on the page whose path matches the regular expression."""
    hrefs = page.eval_on_selector_all(
        "main a[href]", "links => links.map(a => new URL(a.href).pathname)"
    )
    for href in hrefs:
        if re.search(pattern, href):
            return href
    raise AssertionError(f"{page.url}: no link matching {pattern!r} among {hrefs}")


def discover_paths(page) -> PortalPaths:
    """Follow the links from the plan's start page, as a reader would: its first field, that
    field's first measure, the plan's (only published) Bilanz."""
    visit(page, PLAN_PATH)
    field = first_link(page, rf"^{re.escape(PLAN_PATH)}handlungsfeld/\d+/$")
    report = first_link(page, rf"^{re.escape(PLAN_PATH)}bilanz/\d+/$")
    visit(page, field)
    measure = first_link(page, rf"^{re.escape(PLAN_PATH)}massnahme/\d+/$")
    return PortalPaths(field=field, measure=measure, report=report)


def language_problems(page, language: str) -> list[str]:
    """<html lang> and dir as the language asks (axe only checks that lang is valid)."""
    lang, direction = page.evaluate(
        "() => [document.documentElement.lang, document.documentElement.dir]"
    )
    problems = []
    if lang != language:
        problems.append(f'<html lang="{lang}">, expected "{language}"')
    if direction != expected_dir(language):
        problems.append(f'<html dir="{direction}">, expected "{expected_dir(language)}"')
    return problems


# Text laid out right to left but aligned to a physical side: KERN's tables once stuck to the
# left in Arabic. ("start"/"end" follow the direction; an element with dir="ltr" is not counted.)
PHYSICAL_ALIGNMENT = """() => [...document.querySelectorAll("body *")]
    .filter(el => {
        const style = getComputedStyle(el);
        return style.direction === "rtl" && ["left", "right"].includes(style.textAlign)
            && el.getBoundingClientRect().width > 0 && el.innerText && el.innerText.trim();
    })
    .slice(0, 8)
    .map(el => el.tagName.toLowerCase() + "." + String(el.className).trim().split(/\\s+/).join(".")
         + " text-align: " + getComputedStyle(el).textAlign)"""


# ---------------------------------------------------------------- same origin


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_foreign(url: str, own_origin: str) -> bool:
    """True if loading `url` would contact anything but `own_origin`. Inline data (data:, blob:
    made by the page itself, about:blank) contacts nobody."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in {"data", "blob", "about"}:
        return False
    return origin_of(url) != origin_of(own_origin)


# ---------------------------------------------------------------- keyboard

ACTIVE = r"""() => {
    const el = document.activeElement;
    if (!el) return null;
    const text = el.matches("input, select, textarea") ? el.value : el.textContent;
    return {
        tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute("name"),
        type: el.getAttribute("type"),
        href: el.href ? new URL(el.href).pathname + new URL(el.href).search : null,
        hash: el.href ? new URL(el.href).hash : null,
        hreflang: el.getAttribute("hreflang"),
        text: String(text || "").replace(/\s+/g, " ").trim().slice(0, 80),
        nav: el.closest("nav") ? el.closest("nav").getAttribute("aria-label") : null,
        inMain: !!el.closest("main"),
    };
}"""

# The colour behind an element: the first ancestor with an opaque background (white if none).
FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d", {willReadFrequently: true});
    const rgb = colour => {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = "#fff";
        ctx.fillRect(0, 0, 1, 1);
        ctx.fillStyle = colour;
        ctx.fillRect(0, 0, 1, 1);
        return ctx.getImageData(0, 0, 1, 1).data;
    };
    const luminance = colour => {
        const lin = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
        const [r, g, b] = rgb(colour);
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    let behind = el.parentElement, background = "#fff";
    while (behind) {
        const bg = getComputedStyle(behind).backgroundColor;
        if (bg && bg !== "transparent" && !/rgba\\(.*,\\s*0\\)$/.test(bg)) { background = bg; break; }
        behind = behind.parentElement;
    }
    const [l1, l2] = [luminance(style.outlineColor), luminance(background)].sort((a, b) => b - a);
    return {
        element: el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""),
        outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
        outlineColor: style.outlineColor, background, boxShadow: style.boxShadow,
        outlineContrast: (l1 + 0.05) / (l2 + 0.05),
        matchesFocusVisible: el.matches(":focus-visible"),
    };
}"""

IN_VIEWPORT = """() => {
    const rect = document.activeElement.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && rect.left >= 0 && rect.top >= 0
        && rect.right <= window.innerWidth && rect.bottom <= window.innerHeight;
}"""


def active(page) -> dict | None:
    return page.evaluate(ACTIVE)


def tab_until(page, predicate, limit: int = 60, key: str = "Tab") -> dict:
    """Press Tab until the focused element satisfies `predicate`; fail with the tab order seen."""
    seen = []
    for _ in range(limit):
        element = active(page)
        if element and predicate(element):
            return element
        seen.append(element)
        page.keyboard.press(key)
    raise AssertionError(f"{page.url}: never reached the element; tab order was: {seen}")


def assert_focus_visible(page) -> dict:
    """The focused element shows a focus ring (outline of 2px or more with 3:1 against what is
    behind it, or a box shadow) and is on screen."""
    style = page.evaluate(FOCUS_STYLE)
    assert style["matchesFocusVisible"], f"{active(page)} is not :focus-visible: {style}"
    has_outline = style["outlineStyle"] != "none" and style["outlineWidth"] >= 2
    assert has_outline or style["boxShadow"] != "none", f"no visible focus indicator: {style}"
    if has_outline:
        # WCAG 1.4.11: what shows the focus needs 3:1 against what is next to it.
        assert style["outlineContrast"] >= 3, f"focus ring too faint: {style}"
    try:
        # KERN scrolls smoothly; on a busy machine the scrolling takes a while.
        page.wait_for_function(IN_VIEWPORT, timeout=5_000)
    except PlaywrightTimeout as error:
        raise AssertionError(
            f"{page.url}: focused element is not on screen: {active(page)}"
        ) from error
    return style

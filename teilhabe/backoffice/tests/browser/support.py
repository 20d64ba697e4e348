"""Helpers for the browser tests: axe-core checks, logging in, the demo data's ids."""

import re
from dataclasses import dataclass
from pathlib import Path

import axe_playwright_python
from django.conf import settings
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = "/usr/bin/chromium"
# Never `playwright install`: the machines have Debian's chromium and no download access.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(
    encoding="utf-8"
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PASSWORD = "teilhabe-demo"
COORDINATOR = "koordination@lrabb.example"
HEALTH_OFFICE_EDITOR = "gesundheitsamt@lrabb.example"
PLAN_SLUG = "landkreis-boeblingen"
ORG_SLUG = "landkreis-boeblingen"


# ---------------------------------------------------------------- accessibility


AXE_RUN = """async ([context, tags]) => {
    if (typeof window.axe === "undefined") return null;
    const results = await axe.run(context || document, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"],
    });
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map(n => ({
            target: n.target.join(" "),
            html: n.html,
            summary: n.failureSummary || "",
        })),
    }));
}"""


def axe_violations(page, context: str | None = None) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now (after any htmx swap)."""
    # An assertion on the new page can pass while its document is still loading; axe then
    # meets a document that is not there yet (CI once failed so after a form answered 400).
    page.wait_for_load_state("load")
    try:
        return _axe_violations(page, context)
    except PlaywrightError as error:
        if not any(sign in str(error) for sign in NAVIGATION_RACES):
            raise
        page.wait_for_load_state("load")
        return _axe_violations(page, context)


# What Chromium says when a script runs into a document that is being replaced.
NAVIGATION_RACES = ("reading 'documentElement'", "Execution context was destroyed")


def _axe_violations(page, context: str | None) -> list[dict]:
    violations = page.evaluate(AXE_RUN, [context, WCAG_TAGS])
    if violations is None:
        # A new document: axe comes in by evaluate, not by a <script> tag, so that a
        # Content-Security-Policy cannot keep it out.
        page.evaluate(AXE_SOURCE)
        violations = page.evaluate(AXE_RUN, [context, WCAG_TAGS])
    return violations


def structure_problems(page) -> list[str]:
    """What DESIGN.md's quality bar asks beyond axe's WCAG tags: one h1, lang and dir on <html>."""
    h1_count, lang, direction = page.evaluate(
        """() => [document.querySelectorAll("h1").length,
                  document.documentElement.getAttribute("lang"),
                  document.documentElement.getAttribute("dir")]"""
    )
    problems = []
    if h1_count != 1:
        problems.append(f"page has {h1_count} <h1> elements, expected exactly one")
    if not lang:
        problems.append("<html> has no lang attribute")
    if not direction:
        problems.append("<html> has no dir attribute")
    return problems


def describe_violations(page, violations: list[dict], problems: list[str] = ()) -> str:
    lines = [f"{page.url} ({page.title()!r}):"]
    for v in violations:
        lines.append(f"  - {v['id']} [{v['impact']}] {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"      at {node['target']}: {node['html'][:200]}")
            if summary:
                lines.append(f"        {summary[:400]}")
    lines.extend(f"  - structure: {problem}" for problem in problems)
    return "\n".join(lines)


def accessibility_report(page, context: str | None = None) -> str | None:
    """None if the page is clean, otherwise a readable list of everything found."""
    target = _scriptable(page)
    violations = axe_violations(target, context)
    problems = structure_problems(target) if context is None else []
    if not violations and not problems:
        return None
    return describe_violations(page, violations, problems)


def _scriptable(page):
    """axe.run is asynchronous and never settles in a page whose scripts are switched off; such
    pages get a twin with JavaScript, same origin, into which their current HTML is copied."""
    twin = getattr(page, "axe_twin", None)
    if twin is None:
        return page
    html = page.content()
    twin.goto("/healthz")  # same origin, so the copied page finds its stylesheets
    twin.set_content(html, wait_until="load")
    return twin


def assert_accessible(page, context: str | None = None) -> None:
    """Fail with each violation's id, impact, help and the offending nodes' targets."""
    report = accessibility_report(page, context)
    assert report is None, "axe-core found WCAG 2.1 AA violations\n" + report


class AccessibilityLog:
    """For tests that visit many pages: check each page, fail once at the end listing all."""

    def __init__(self):
        self.reports: list[str] = []
        self.visited: list[str] = []

    def check(self, page, label: str) -> None:
        self.visited.append(label)
        report = accessibility_report(page)
        if report:
            self.reports.append(f"[{label}] {report}")

    def assert_clean(self) -> None:
        assert not self.reports, (
            f"{len(self.reports)} of {len(self.visited)} pages have accessibility problems:\n"
            + "\n".join(self.reports)
        )


@dataclass
class Demo:
    """The demo data as the tests need it: ids, URLs, the year of the draft report."""

    live_url: str
    plan_slug: str
    draft_report_id: int
    draft_title: str
    published_report_id: int

    def url(self, path: str) -> str:
        return self.live_url + path

    def entry_id(self, measure_number: str, report_id: int | None = None) -> int:
        from teilhabe.plans.models import ProgressEntry

        return ProgressEntry.objects.get(
            report_id=report_id or self.draft_report_id,
            measure__field__plan__slug=self.plan_slug,
            measure__number=measure_number,
        ).pk

    def measure_id(self, measure_number: str) -> int:
        from teilhabe.plans.models import Measure

        return Measure.objects.get(field__plan__slug=self.plan_slug, number=measure_number).pk

    def unit_id(self, name: str) -> int:
        from teilhabe.organizations.models import Unit

        return Unit.objects.get(organization__slug=ORG_SLUG, name=name).pk


class ServerErrors:
    """Responses with status 5xx and uncaught JavaScript errors seen by any page of a test."""

    def __init__(self):
        self.items: list[str] = []

    def watch(self, page) -> None:
        page.on(
            "response",
            lambda r: (
                self.items.append(f"HTTP {r.status} {r.request.method} {r.url}")
                if r.status >= 500
                else None
            ),
        )
        page.on("pageerror", lambda e: self.items.append(f"JavaScript error on {page.url}: {e}"))
        # Anything the Content-Security-Policy blocks is a bug of the page, not of the policy.
        page.on(
            "console",
            lambda m: (
                self.items.append(f"CSP violation on {page.url}: {m.text}")
                if m.type == "error" and "Content Security Policy" in m.text
                else None
            ),
        )


def login(page, email: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a person would."""
    page.goto("/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(r"/verwaltung/$"))


def visit(page, path: str, status: int = 200):
    """Open a URL and insist on its status: a 500 shows up as such, not as a missing element."""
    response = page.goto(path)
    assert response is not None and response.status == status, (
        f"GET {path}: HTTP {response.status if response else None}, expected {status}"
    )
    return response


def page_widths(page) -> tuple[int, int]:
    """(document width, viewport width): a page scrolls sideways when the first is larger."""
    return page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")

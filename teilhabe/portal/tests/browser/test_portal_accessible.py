"""Every public page type in every interface language, checked with axe-core (WCAG 2.1 A/AA),
exactly one h1, and <html lang/dir> of the language (Arabic right to left); the feedback form of
the accessibility statement also with its errors shown."""

import pytest
from playwright.sync_api import expect

from teilhabe.backoffice.tests.browser.support import axe_violations, describe_violations, visit

from .support import (
    ACCESSIBILITY_PATH,
    LANGUAGES,
    discover_paths,
    language_problems,
    localized,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_type_is_accessible(new_page, demo, a11y_log, language):
    page = new_page()
    paths = discover_paths(page)
    wrong_language = []
    for portal_page in paths.pages():
        if not portal_page.in_language(language):
            continue
        url = localized(portal_page.path, language)
        visit(page, url, status=portal_page.status)
        a11y_log.check(page, f"{portal_page.name} ({language})")
        wrong_language += [
            f"{portal_page.name} {url}: {p}" for p in language_problems(page, language)
        ]

    # The feedback form sent empty: the page comes back with the error, still accessible.
    visit(page, localized(ACCESSIBILITY_PATH, language))
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.locator("main form[method=post] button[type=submit]").click()
    assert response.value.status == 400
    message = page.locator("main form textarea[name=message]")
    expect(message).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_message_error")).not_to_be_empty()
    a11y_log.check(page, f"feedback form with errors ({language})")
    wrong_language += [f"feedback form: {p}" for p in language_problems(page, language)]

    assert not wrong_language, "\n".join(wrong_language)
    a11y_log.assert_clean()


# Swagger UI puts the buttons of an operation inside the button that opens it; that is its own
# markup, which no stylesheet or template of ours can change. Everything else is checked.
SWAGGER_UI_OWN_MARKUP = {"nested-interactive"}


def test_api_docs_are_accessible(page, demo):
    """The API documentation (Swagger UI, German only) once its scripts have drawn it."""
    visit(page, "/api/docs/")
    page.locator(".swagger-ui .info").wait_for()
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert page.evaluate("document.documentElement.lang") == "de"
    violations = [v for v in axe_violations(page) if v["id"] not in SWAGGER_UI_OWN_MARKUP]
    assert not violations, describe_violations(page, violations)

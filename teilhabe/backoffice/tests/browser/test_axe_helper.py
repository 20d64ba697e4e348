"""The accessibility check itself: a clean result must mean axe ran, not that it was never loaded."""

import pytest

from .support import accessibility_report, assert_accessible

pytestmark = pytest.mark.browser

BAD_PAGE = """<!DOCTYPE html><html><head><title>kaputt</title></head><body>
<main><h1>Eins</h1><h1>Zwei</h1><img src="data:," id="bild">
<label>Name</label><input id="name"><p style="color:#bbb;background:#fff">blass</p></main></body></html>"""

GOOD_PAGE = """<!DOCTYPE html><html lang="de" dir="ltr"><head><title>gut</title></head><body>
<main><h1>Überschrift</h1><label for="name">Name</label><input id="name"></main></body></html>"""


@pytest.fixture
def blank_page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_reports_each_violation_with_id_impact_help_and_target(blank_page):
    blank_page.set_content(BAD_PAGE)
    report = accessibility_report(blank_page)
    assert report is not None
    for expected in (
        "image-alt [critical]",
        "#bild",
        "label [critical]",
        "#name",
        "color-contrast [serious]",
        "html-has-lang",
        "2 <h1> elements",
        "no lang attribute",
        "no dir attribute",
    ):
        assert expected in report, f"{expected!r} missing from:\n{report}"
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(blank_page)


def test_clean_page_passes(blank_page):
    blank_page.set_content(GOOD_PAGE)
    assert_accessible(blank_page)

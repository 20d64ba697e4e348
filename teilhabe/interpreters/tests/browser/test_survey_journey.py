"""The staff language survey in a real browser: a member of the Gesundheitsamt of Landkreis
Böblingen enters her languages (with consent) and looks for Turkish speakers in the directory,
which shows exactly the demo entries whose visibility reaches her; the coordinator sees the
statistics without names. Every page: no axe-core WCAG 2.1 A/AA violation."""

import os

import pytest
from playwright.sync_api import expect

from teilhabe.backoffice.tests.browser.support import COORDINATOR, login, visit

pytestmark = pytest.mark.browser

NEWCOMER = "sprachen@lrabb.example"
SHOTS = os.environ.get("SURVEY_SHOTS")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_enter_skills_then_find_colleagues_by_language(new_page, demo, a11y_log):
    from teilhabe.interpreters.models import LanguageSkillSurvey

    survey = LanguageSkillSurvey.objects.get(organization__slug="landkreis-boeblingen")
    page = new_page()
    login(page, NEWCOMER)

    visit(page, "/verwaltung/sprachmittlung/erhebung/")
    a11y_log.check(page, "survey list")
    page.get_by_role("link", name=survey.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(survey.title)
    a11y_log.check(page, "survey")
    page.get_by_role("link", name="Sprachkenntnisse angeben").click()
    a11y_log.check(page, "own entry (empty)")
    _shot(page, "own-entry")

    # Labels carry "(optional)"; the fields are found by their ids.
    page.locator("#id_unit").select_option(label="Landkreis Böblingen – Gesundheitsamt")
    page.get_by_label("Wer darf meinen Eintrag sehen?").select_option("unit")
    page.locator("#id_language_1").select_option("it")
    page.locator("#id_understanding_1").select_option("c1")
    page.locator("#id_speaking_1").select_option("b2")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Ohne Ihre Einwilligung")).to_be_visible()
    expect(page.locator("#id_language_1")).to_have_value("it")
    a11y_log.check(page, "own entry (refused without consent)")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Ihre Angaben wurden gespeichert")).to_be_visible()
    a11y_log.check(page, "own entry (saved)")

    visit(page, f"/verwaltung/sprachmittlung/erhebung/{survey.pk}/verzeichnis/")
    a11y_log.check(page, "directory")
    rows = page.get_by_role("table").get_by_role("row")
    # Her office's colleague (only my office), the Kreis-wide entries and her administration's;
    # not the towns' administration-only entries nor the one who does not want to be asked.
    for name in ("Gerd Gesundheitsamt", "Samira Haddad", "Mohammad Rahimi", "Layla Ahmed"):
        expect(rows.filter(has_text=name)).to_have_count(1)
    for name in ("Elif Yılmaz", "Dorota Nowak", "Kemal Demir", "Nora Neumann"):
        expect(rows.filter(has_text=name)).to_have_count(0)
    page.locator("#id_sprache").select_option("tr")
    page.get_by_role("button", name="Anzeigen").click()
    expect(rows.filter(has_text="Gerd Gesundheitsamt")).to_have_count(1)
    expect(rows.filter(has_text="Samira Haddad")).to_have_count(0)
    _shot(page, "directory")
    page.get_by_role("link", name="Gerd Gesundheitsamt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gerd Gesundheitsamt")
    a11y_log.check(page, "colleague's entry")

    coordinator = new_page()
    login(coordinator, COORDINATOR)
    visit(coordinator, f"/verwaltung/sprachmittlung/erhebung/{survey.pk}/statistik/")
    expect(coordinator.get_by_role("table")).to_contain_text("weniger als 3")
    expect(coordinator.get_by_role("table")).not_to_contain_text("Haddad")
    a11y_log.check(coordinator, "statistics")
    _shot(coordinator, "statistics")
    a11y_log.assert_clean()

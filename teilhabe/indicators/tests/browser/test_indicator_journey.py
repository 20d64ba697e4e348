"""An indicator from its definition to the Bilanz, in a real browser (issue 15): the coordinator
of Landkreis Böblingen adopts the Einbürgerungsquote from the catalogue, reads in a table of
values as the Statistisches Landesamt publishes it (a wrong file first: nothing is stored), sets
a baseline and a target on a field of action, shows the indicator on the portal, and finds it in
the draft Bilanz as PDF. Every page: no axe-core WCAG 2.1 A/AA violation and one h1."""

import subprocess

import pytest
from playwright.sync_api import expect

from teilhabe.backoffice.tests.browser.support import login, visit

pytestmark = pytest.mark.browser

BB = "landkreis-boeblingen"
OFFICE = "koordination@lrabb.example"
TITLE = "Einbürgerungsquote"
VALUES = "AGS;Jahr;Wert\n08115000;2018;1,9\n08115000;2019;2,1\n08115000;2020;2,3p\n"


def test_define_import_target_bilanz(new_page, demo, a11y_log, tmp_path):
    from teilhabe.indicators.models import Indicator, Observation

    page = new_page()
    login(page, OFFICE)
    visit(page, f"/verwaltung/kennzahlen/{BB}/")
    a11y_log.check(page, "indicators")
    page.get_by_role("button", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    a11y_log.check(page, "indicator (adopted)")
    indicator = Indicator.objects.get(organization__slug=BB, title=TITLE)

    wrong = tmp_path / "falsch.csv"
    wrong.write_text("AGS;Jahr;Wert\n08115000;2019;viele\n", encoding="utf-8")
    page.get_by_label("Datei mit Werten (CSV oder XLSX)").set_input_files(str(wrong))
    page.get_by_role("button", name="Einlesen").click()
    expect(page.get_by_role("status").first).to_contain_text("Nichts wurde gespeichert")
    assert not Observation.objects.filter(indicator=indicator).exists()

    values = tmp_path / "einbuergerungsquote.csv"
    values.write_text(VALUES, encoding="utf-8")
    page.get_by_label("Datei mit Werten (CSV oder XLSX)").set_input_files(str(values))
    page.get_by_role("button", name="Einlesen").click()
    expect(page.get_by_role("status").first).to_contain_text("3 Werte neu")
    a11y_log.check(page, "indicator (values)")

    page.get_by_role("combobox", name="Handlungsfeld").select_option(index=1)
    page.get_by_role("spinbutton", name="Basisjahr").fill("2018")
    page.get_by_role("spinbutton", name="Basiswert").fill("1.9")
    page.get_by_role("spinbutton", name="Zieljahr").fill("2025")
    page.get_by_role("spinbutton", name="Zielwert").fill("3")
    page.get_by_role("button", name="Zielwert speichern").click()
    expect(page.get_by_role("status").first).to_contain_text("Zielwert ist gespeichert")
    page.get_by_role("button", name="Im Portal zeigen").click()
    expect(page.get_by_role("status").first).to_contain_text("steht im Portal")
    a11y_log.check(page, "indicator (target)")

    response = page.request.get(f"/verwaltung/berichte/{demo.draft_report_id}/bilanz.pdf")
    assert response.status == 200
    pdf = tmp_path / "bilanz.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert TITLE in text

    public = new_page()
    visit(public, f"/{BB}/kennzahlen/{indicator.pk}/")
    expect(public.get_by_role("heading", level=1)).to_contain_text(TITLE)
    a11y_log.check(public, "indicator (portal)")
    a11y_log.assert_clean()

import re

import pytest

from teilhabe.plans.bilanz.data import bilanz_data
from teilhabe.plans.bilanz.render_html import render_html

from .sample import make_boeblingen_plan


@pytest.mark.django_db
def test_html_is_a_complete_german_document_with_one_h1():
    _plan, report = make_boeblingen_plan()

    html = render_html(bilanz_data(report))

    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="de" dir="ltr">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert (
        "<title>Bilanz – Integrationsplan des Landkreises Böblingen, Stand 20. Februar 2017" in html
    )
    assert ".status--done" in html  # the site's status colours travel with the file
    for expected in (
        "1. Aufbrechen und Ankommen",
        "„Hier bin ich“",
        '<th scope="col">Ziele</th>',
        "Ausschreibung erfolgt im Februar 2017 – Maßnahme in Arbeit",
        "Beispiele aus dem Landkreis zum Handlungsfeld „Wohnen“:",
        "Ausblick – Weiteres Vorgehen",
        "Entwurf – nicht veröffentlicht",
    ):
        assert expected in html, expected


@pytest.mark.django_db
def test_html_charts_have_a_text_alternative_and_a_table():
    _plan, report = make_boeblingen_plan()

    html = render_html(bilanz_data(report))

    # The field chart, its phone-width twin (shown instead of it on a phone), the history.
    assert html.count('role="img"') == 3
    assert '<figure class="chart chart--narrow">' in html
    assert '<title id="umsetzungsstand-title">' in html
    assert '<desc id="fortschritt-desc">' in html
    assert "<caption>Maßnahmen je Handlungsfeld nach Umsetzungsstand</caption>" in html
    assert "<caption>Fortschritt je Bilanz</caption>" in html


@pytest.mark.django_db
def test_html_escapes_what_people_typed(plan_setup):
    from teilhabe.plans import services

    report = plan_setup["report"]
    entry = report.entries.select_related("report").first()
    services.measure_update_progress(
        entry=entry,
        version=entry.version,
        status="done",
        percent=None,
        description="<script>alert(1)</script>",
        by=None,
    )

    html = render_html(bilanz_data(report))

    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

"""The points where modules above plans add to a plan's pages and its Bilanz: a contributed
section appears in the Bilanz's HTML, PDF and DOCX (in its field's chapter or after the fields),
a contributed panel on the measure's and field's pages; nothing appears when nobody contributes."""

import io
from pathlib import Path

import docx
import pytest
from django.test import Client

from teilhabe.plans import contributions
from teilhabe.plans.bilanz.data import bilanz_data
from teilhabe.plans.bilanz.render_docx import render_docx
from teilhabe.plans.bilanz.render_html import render_html
from teilhabe.plans.bilanz.render_pdf import render_pdf
from teilhabe.plans.models import Measure

from .bilanz.sample import make_boeblingen_plan
from .bilanz.test_render_pdf import pdf_text

CHART = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" viewBox="0 0 200 40">'
    '<rect x="0" y="0" width="120" height="40" fill="#2f6f9f"/></svg>'
)


@pytest.fixture
def registries(monkeypatch):
    """Empty registries for the test, whatever the installed apps registered."""
    for name in ("_measure_panels", "_field_panels", "_bilanz_sections"):
        monkeypatch.setattr(contributions, name, [])
    return contributions


def _sections(field_id):
    def contributor(plan, report):
        return [
            contributions.BilanzSection(
                key="foerderung",
                heading="Geförderte Projekte im Handlungsfeld",
                paragraphs=["Zwei Projekte wurden gefördert."],
                table=contributions.Table(
                    caption="Projekte und Beträge",
                    header=["Projekt", "Betrag"],
                    rows=[["Sprachcafé Herrenberg", "1.500,00 €"]],
                    numeric=(1,),
                ),
                field_id=field_id,
            ),
            contributions.BilanzSection(
                key="kennzahlen",
                heading="Kennzahlen des Plans",
                paragraphs=["Einbürgerungen je Jahr."],
                chart_svg=CHART,
                chart_alt="Balken: 800 Einbürgerungen im Jahr 2016",
            ),
        ]

    return contributor


@pytest.mark.django_db
def test_contributed_sections_appear_in_every_format_of_the_bilanz(registries):
    plan, report = make_boeblingen_plan()
    field = plan.fields.order_by("number").first()
    registries.register_bilanz_sections(_sections(field.pk))

    data = bilanz_data(report)
    assert [s.key for s in data.fields[0].sections] == ["foerderung"]
    assert [s.key for s in data.sections] == ["kennzahlen"]

    html = render_html(data)
    assert (
        html.index('id="handlungsfeld-1"')
        < html.index("Geförderte Projekte im Handlungsfeld")
        < html.index('id="handlungsfeld-2"')
    )
    assert '<td class="numeric">1.500,00 €</td>' in html
    assert 'aria-label="Balken: 800 Einbürgerungen im Jahr 2016"' in html

    text = pdf_text(render_pdf(data))
    for expected in (
        "Geförderte Projekte im Handlungsfeld",
        "Sprachcafé Herrenberg",
        "Kennzahlen des Plans",
    ):
        assert expected in text

    document = docx.Document(io.BytesIO(render_docx(data)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Geförderte Projekte im Handlungsfeld" in headings
    assert headings.index("Kennzahlen des Plans") > headings.index(
        "Geförderte Projekte im Handlungsfeld"
    )
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Sprachcafé Herrenberg" in cells


@pytest.mark.django_db
def test_without_contributors_the_bilanz_has_no_extra_sections(registries):
    _plan, report = make_boeblingen_plan()
    data = bilanz_data(report)
    assert data.sections == [] and all(item.sections == [] for item in data.fields)


@pytest.mark.django_db
def test_panels_appear_on_the_measure_and_field_pages_by_audience(registries, admin_user, settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [
        {**engine, "DIRS": [*engine["DIRS"], Path(__file__).parent / "templates"]}
    ]
    plan, _report = make_boeblingen_plan(published=True)
    measure = Measure.objects.filter(field__plan=plan).select_related("field").first()
    seen = []

    def panel(obj, audience):
        seen.append((type(obj).__name__, audience))
        if audience == "portal":
            return None  # nothing to say to the public: no empty box
        return contributions.Panel(
            template="plans_test/panel.html", context={"words": "Aus dem Fonds"}
        )

    registries.register_measure_panel(panel)
    registries.register_field_panel(panel)
    registries.register_measure_panel(panel)  # counted once

    client = Client()
    client.force_login(admin_user)
    page = client.get(f"/verwaltung/massnahmen/{measure.pk}/")
    assert page.status_code == 200
    assert page.content.decode().count("Panel: Aus dem Fonds") == 1

    public = client.get(f"/{plan.organization.slug}/plan/{plan.slug}/massnahme/{measure.pk}/")
    assert public.status_code == 200
    assert "Panel:" not in public.content.decode()
    assert ("Measure", "backoffice") in seen and ("Measure", "portal") in seen

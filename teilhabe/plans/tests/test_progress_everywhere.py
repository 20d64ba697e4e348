"""The progress rule on every surface: the portal's plan and field pages (in German and in the
other languages), the back office's dashboard, and the Bilanz as HTML, PDF and DOCX show the basis
next to the figure, and a thin field says "zu wenige Angaben" instead of a percentage.

make_plan cycles through the six statuses: field 1 (umgesetzt, in Umsetzung, im Abstimmungsprozess)
is fully known, 50 %; field 2 (nicht umgesetzt, nicht möglich, keine Angabe) rests on 1 of 3
measures; the plan on 4 of 6, 37,5 %."""

import io

import docx
import pytest
from django.urls import reverse
from django.utils import translation

from teilhabe.organizations.models import Role
from teilhabe.plans import services
from teilhabe.plans.bilanz.data import bilanz_data
from teilhabe.plans.bilanz.render_docx import render_docx
from teilhabe.plans.bilanz.render_pdf import render_pdf
from teilhabe.testing import make_plan, make_user

from .bilanz.test_render_pdf import pdf_text

pytestmark = pytest.mark.django_db

THIN = "zu wenige Angaben"


@pytest.fixture
def published():
    plan, report, _units = make_plan(fields=2, measures_per_field=3)
    coordinator = make_user(plan.organization, Role.COORDINATOR)
    services.report_publish(report=report, by=coordinator)
    report.refresh_from_db()
    return plan, report, coordinator


def _squash(html: str) -> str:
    return " ".join(html.replace("\u00a0", " ").split())


def test_portal_plan_page_shows_basis_thin_field_and_the_unknown_share(client, published):
    plan, _report, _ = published
    html = _squash(
        client.get(
            reverse("portal:plan", args=[plan.organization.slug, plan.slug])
        ).content.decode()
    )
    assert "aus 3 von 3 Maßnahmen" in html  # field 1
    assert f'{THIN}</span> Fortschritt <span class="progress-basis">aus 1 von 3 Maßnahmen' in html
    assert "aus 4 von 6 Maßnahmen" in html  # the plan
    assert "37,5 %" in html
    assert "ohne Angabe: 2 von 3 Maßnahmen" in html  # the labelled segment's legend
    assert 'class="progress-bar__unknown" style="inline-size: 66.7%"' in html
    assert "<progress" not in html  # the old bar that showed only the known part


def test_portal_field_page_shows_its_figure_with_basis(client, published):
    plan, _report, _ = published
    org = plan.organization.slug
    thin = _squash(client.get(reverse("portal:field", args=[org, plan.slug, 2])).content.decode())
    assert THIN in thin and "aus 1 von 3 Maßnahmen" in thin
    full = _squash(client.get(reverse("portal:field", args=[org, plan.slug, 1])).content.decode())
    assert "50 %" in full and "aus 3 von 3 Maßnahmen" in full


@pytest.mark.parametrize(
    ("language", "thin", "basis"),
    [
        ("en", "too little information", "from 1 of 3 measures"),
        ("tr", "yeterli bilgi yok", "3 önlemden 1 tanesine göre"),
        ("uk", "замало даних", "на основі 1 із 3 заходів"),
        ("ar", "بيانات غير كافية", "(الإجراءات المحتسبة: 1 من 3)"),
    ],
)
def test_portal_says_it_in_every_language(client, published, language, thin, basis):
    plan, _report, _ = published
    with translation.override(language):
        url = reverse("portal:plan", args=[plan.organization.slug, plan.slug])
    html = _squash(client.get(url).content.decode())
    assert thin in html and basis in html


def test_dashboard_shows_basis_and_thin_field(client, published):
    plan, _report, coordinator = published
    client.force_login(coordinator)
    html = _squash(client.get(reverse("plans:plan_dashboard", args=[plan.slug])).content.decode())
    assert "37,5 %" in html and "aus 4 von 6 Maßnahmen" in html
    assert f'<td class="kern-table__cell kern-table__cell--numeric">{THIN}</td>' in html
    assert "aus 1 von 3 Maßnahmen" in html
    assert "mindestens die Hälfte der Maßnahmen" in html


def test_pdf_and_docx_show_basis_and_thin_field(published):
    _plan, report, _ = published
    data = bilanz_data(report)
    text = pdf_text(render_pdf(data))
    assert "Fortschritt des Plans: 37,5 % (aus 4 von 6 Maßnahmen)" in text
    assert f"{THIN} (aus 1 von 3 Maßnahmen)" in text
    document = docx.Document(io.BytesIO(render_docx(data)))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    words = " ".join(parts).replace("\u00a0", " ")
    assert "Fortschritt des Plans: 37,5 % (aus 4 von 6 Maßnahmen)" in words
    assert f"{THIN} (aus 1 von 3 Maßnahmen)" in words


def test_bilanz_html_shows_basis_and_thin_field(client, published):
    plan, report, _ = published
    url = reverse("portal:report", args=[plan.organization.slug, plan.slug, report.pk])
    html = _squash(client.get(url).content.decode())
    assert "(aus 4 von 6 Maßnahmen)" in html
    assert f"{THIN} (aus 1 von 3 Maßnahmen)" in html

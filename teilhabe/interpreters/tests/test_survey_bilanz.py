"""The survey's section in the Bilanz of the Kreis's plan: counts as of the report's date, small
ones hidden, never a name — in the HTML, the PDF and the DOCX."""

import datetime as dt
import io

import docx
import pytest
from django.utils import timezone

from teilhabe.interpreters.models import StaffLanguageSkill
from teilhabe.interpreters.services import survey as services
from teilhabe.organizations.models import Role
from teilhabe.plans.bilanz.data import bilanz_data
from teilhabe.plans.bilanz.render_docx import render_docx
from teilhabe.plans.bilanz.render_html import render_html
from teilhabe.plans.bilanz.render_pdf import render_pdf
from teilhabe.plans.models import ProgressReport
from teilhabe.testing import make_plan, make_user

pytestmark = pytest.mark.django_db


def test_the_bilanz_counts_languages_as_of_its_date_without_names(survey_world):
    kreis = survey_world["kreis"]
    survey = survey_world["survey"]
    speakers = []
    for _ in range(3):
        person = make_user(kreis, Role.READER)
        speakers.append(person)
        services.skill_entry_save(
            survey=survey,
            user=person,
            organization=kreis,
            unit=None,
            languages=[{"language": "ar", "speaking": "c1"}],
            consent=True,
            by=person,
        )
    late = speakers[-1]
    StaffLanguageSkill.objects.filter(user=late).update(
        created_at=timezone.now() + dt.timedelta(days=3)
    )
    _plan, report, _units = make_plan(kreis, fields=1, measures_per_field=1, units=1)
    ProgressReport.objects.filter(pk=report.pk).update(as_of=timezone.localdate())
    report.refresh_from_db()

    data = bilanz_data(report)
    [section] = data.sections
    rows = {row[0]: row[1:] for row in section.table.rows}
    # staff + 2 speakers as of today; the third entered after the report's date.
    assert section.table.header == ["Sprache", "Gemeinde Sprachtest", kreis.name, "zusammen"]
    assert rows["Arabisch"] == ["–", "3", "3"]
    assert rows["Türkisch"] == ["–", "weniger als 3", "weniger als 3"]

    html = render_html(data)
    names = [str(person) for person in [*speakers, survey_world["people"]["staff"]]]
    assert "Sprachkompetenzen der Mitarbeiterinnen und Mitarbeiter" in html
    assert not [name for name in names if name in html]
    document = docx.Document(io.BytesIO(render_docx(data)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "weniger als 3" in cells
    assert render_pdf(data).startswith(b"%PDF")

    ProgressReport.objects.filter(pk=report.pk).update(
        as_of=timezone.localdate() - dt.timedelta(days=1)
    )
    report.refresh_from_db()
    assert bilanz_data(report).sections == []

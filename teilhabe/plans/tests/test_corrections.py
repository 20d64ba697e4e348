"""Corrected editions of a published Bilanz: the same day, no invented date; the published
edition stays byte for byte as it was; the correction takes its place in lists, histories and
figures; both say what happened, in the back office, on the portal and in the documents."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from teilhabe.core.errors import ServiceError
from teilhabe.organizations.models import Role
from teilhabe.plans import services
from teilhabe.plans.bilanz.data import bilanz_data
from teilhabe.plans.models import Example, ProgressEntry, ProgressReport, ProgressStatus
from teilhabe.plans.services.corrections import report_correct
from teilhabe.plans.services.publication import bilanz_publish, published_document
from teilhabe.testing import make_plan, make_user

pytestmark = pytest.mark.django_db

NOTE = "Der Umsetzungsstand der Maßnahme 1.1 war mit dem von 1.2 vertauscht."


@pytest.fixture
def published():
    plan, report, _units = make_plan()
    coordinator = make_user(plan.organization, Role.COORDINATOR)
    services.example_add(
        report=report, field=plan.fields.get(number=1), text="Sprachcafé im Rathaus", by=None
    )
    entry = ProgressEntry.objects.filter(report=report).order_by("pk").first()
    services.measure_update_progress(
        entry=entry,
        version=entry.version,
        status=ProgressStatus.IN_PROGRESS,
        percent=40,
        description="Kurse laufen",
        original_wording="läuft seit März",
        by=None,
    )
    report = bilanz_publish(report=report, by=coordinator)
    return {"plan": plan, "report": report, "coordinator": coordinator}


def test_a_correction_on_the_day_of_publication_keeps_the_stand(published):
    report = published["report"]
    correction = report_correct(report=report, note=NOTE, by=published["coordinator"])
    assert correction.status == "draft"
    assert correction.as_of == report.as_of
    assert correction.corrects == report
    assert correction.title == report.title
    assert correction.correction_note == NOTE
    copied = {
        (e.measure_id, e.status, e.percent, e.description, e.original_wording)
        for e in ProgressEntry.objects.filter(report=correction)
    }
    original = {
        (e.measure_id, e.status, e.percent, e.description, e.original_wording)
        for e in ProgressEntry.objects.filter(report=report)
    }
    assert copied == original
    assert list(Example.objects.filter(report=correction).values_list("text", flat=True)) == [
        "Sprachcafé im Rathaus"
    ]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("no_note", "Bitte schreiben Sie, was berichtigt wird und warum."),
        ("draft", "Nur eine veröffentlichte Bilanz wird berichtigt"),
        ("twice", "Zu dieser Fassung gibt es schon eine Berichtigung (im Entwurf)."),
        ("later", "Berichtigt werden kann nur die neueste Bilanz"),
    ],
)
def test_refusals_say_why(published, setup, message):
    report, by = published["report"], published["coordinator"]
    note = "" if setup == "no_note" else NOTE
    if setup == "draft":
        report = services.report_create(
            plan=published["plan"],
            as_of=report.as_of.replace(year=report.as_of.year + 1),
            title="Bilanz danach",
            by=by,
        )
    if setup == "twice":
        report_correct(report=report, note=NOTE, by=by)
    if setup == "later":
        later = services.report_create(
            plan=published["plan"],
            as_of=report.as_of.replace(year=report.as_of.year + 1),
            title="Bilanz danach",
            by=by,
        )
        bilanz_publish(report=later, by=by)
    with pytest.raises(ServiceError) as error:
        report_correct(report=report, note=note, by=by)
    assert message in error.value.message


def test_the_published_correction_takes_the_place_of_the_corrected_edition(published):
    report, by = published["report"], published["coordinator"]
    pdf_before = published_document(report, "pdf")
    docx_before = published_document(report, "docx")
    correction = report_correct(report=report, note=NOTE, by=by)
    entry = ProgressEntry.objects.filter(report=correction).order_by("pk").first()
    services.measure_update_progress(
        entry=entry,
        version=entry.version,
        status=ProgressStatus.DONE,
        percent=100,
        description="abgeschlossen",
        by=by,
    )
    correction = bilanz_publish(report=correction, by=by)

    plan = published["plan"]
    assert list(ProgressReport.objects.in_force().filter(plan=plan)) == [correction]
    assert ProgressReport.objects.latest_for(plan, published_only=True) == correction
    assert set(ProgressReport.objects.published().filter(plan=plan)) == {report, correction}
    assert not ProgressEntry.objects.published().filter(report=report).exists()
    history = bilanz_data(correction).history
    assert [point.report_id for point in history] == [correction.pk]

    # The corrected edition's documents are exactly what was published.
    assert published_document(report, "pdf") == pdf_before
    assert published_document(report, "docx") == docx_before
    # The correction's documents say what they are.
    pdf = "".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(published_document(correction, "pdf"))).pages
    )
    assert "Berichtigte Fassung" in pdf
    assert "vertauscht" in pdf
    docx = "\n".join(
        p.text for p in Document(io.BytesIO(published_document(correction, "docx"))).paragraphs
    )
    assert f"Berichtigt: {NOTE}" in docx


def test_portal_and_back_office_point_from_one_edition_to_the_other(client, published):
    report, by = published["report"], published["coordinator"]
    correction = bilanz_publish(report=report_correct(report=report, note=NOTE, by=by), by=by)
    plan = published["plan"]
    org = plan.organization.slug

    original_page = client.get(reverse("portal:report", args=[org, plan.slug, report.pk]))
    assert original_page.status_code == 200
    html = original_page.content.decode()
    assert "berichtigt." in html and NOTE in html
    assert reverse("portal:report", args=[org, plan.slug, correction.pk]) in html

    html = client.get(
        reverse("portal:report", args=[org, plan.slug, correction.pk])
    ).content.decode()
    assert "Berichtigte Fassung. Sie ersetzt die am" in html
    assert reverse("portal:report", args=[org, plan.slug, report.pk]) in html

    html = client.get(reverse("portal:plan", args=[org, plan.slug])).content.decode()
    listed = html.split('id="bilanzen"', 1)[1].split("</section>", 1)[0]
    assert reverse("portal:report", args=[org, plan.slug, correction.pk]) in listed
    assert reverse("portal:report", args=[org, plan.slug, report.pk]) + '"' not in listed
    assert "berichtigte Fassung" in listed

    client.force_login(by)
    html = client.get(reverse("plans:report_detail", args=[report.pk])).content.decode()
    assert "Diese Fassung wurde am" in html and "Zur berichtigten Fassung" in html
    assert reverse("plans:report_correct", args=[report.pk]) not in html


def test_the_correction_page_starts_a_correction(client, published):
    report, by = published["report"], published["coordinator"]
    client.force_login(by)
    url = reverse("plans:report_correct", args=[report.pk])
    assert url in client.get(reverse("plans:report_detail", args=[report.pk])).content.decode()
    response = client.post(url, {"note": ""})
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    response = client.post(url, {"note": NOTE})
    correction = ProgressReport.objects.get(corrects=report)
    assert response["Location"] == reverse("plans:report_detail", args=[correction.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Berichtigte Fassung" in html and NOTE in html


def test_the_page_says_why_a_correction_is_not_possible_now(client, published):
    report, by = published["report"], published["coordinator"]
    services.report_create(
        plan=published["plan"],
        as_of=report.as_of.replace(year=report.as_of.year + 1),
        title="Bilanz danach",
        by=by,
    )
    client.force_login(by)
    html = client.get(reverse("plans:report_detail", args=[report.pk])).content.decode()
    assert reverse("plans:report_correct", args=[report.pk]) not in html
    assert "Berichtigen ist gerade nicht möglich: Es gibt schon eine Bilanz im Entwurf" in html

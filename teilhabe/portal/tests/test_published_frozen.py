"""A published Bilanz never changes, on any surface (issue 10 part 5): after it is published,
a measure and a field are renamed (German and English), a field is renumbered, a measure is
moved, and the report's and the plan's titles change — and the report's page, its open data
(CSV, JSON, XLSX), the API's entries and the feeds still show what was published. A draft
report shows the plan as it is now."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from teilhabe.plans import services
from teilhabe.plans.models import Measure, ProgressReport
from teilhabe.plans.services.publication import bilanz_publish
from teilhabe.testing.builders import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _csv(client, url):
    body = client.get(url).content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body), delimiter=";"))


def _json_rows(client, url):
    document = json.loads(client.get(url).content)
    # When the file was made is not what was published (a run across a second's end made the
    # two files differ in it).
    document.get("meta", {}).pop("generated", None)
    return document


def _xlsx(client, url):
    sheet = load_workbook(io.BytesIO(client.get(url).content)).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _api(client, report):
    return client.get(f"/api/v1/reports/{report.pk}/entries/").json()


def _feed(client, organization):
    text = client.get(reverse("portal:report_feed", args=[organization.slug])).content.decode()
    return [line for line in text.splitlines() if "<title" in line or "<summary" in line]


def _surfaces(client, plan, report):
    slug, org = plan.slug, plan.organization.slug
    data = lambda fmt: reverse("portal:report_data", args=[org, slug, report.pk, fmt])  # noqa: E731
    return {
        "csv": _csv(client, data("csv")),
        "json": _json_rows(client, data("json")),
        "xlsx": _xlsx(client, data("xlsx")),
        "api": _api(client, report),
        "feed": _feed(client, plan.organization),
    }


def test_a_published_bilanz_is_frozen_on_every_surface(client):
    plan, report, _units = make_plan(fields=2, measures_per_field=2)
    report = bilanz_publish(report=report, by=None)
    field = plan.fields.get(number=1)
    measure = field.measures.order_by("position").first()
    old_measure, old_field = measure.title, field.title
    page_url = reverse("portal:report", args=[plan.organization.slug, plan.slug, report.pk])
    before = _surfaces(client, plan, report)
    page_before = client.get(page_url).content.decode()
    assert old_measure in page_before and old_field in page_before

    services.measure_update(
        measure=measure, version=measure.version, by=None, title="UMBENANNTE-MASSNAHME"
    )
    # A translation edited later (the translations page writes these columns).
    Measure.objects.filter(pk=measure.pk).update(title_en="RENAMED-MEASURE")
    services.field_update(
        field=field, version=field.version, by=None, title="UMBENANNTES-FELD", number=9
    )
    services.measure_move(measure=field.measures.order_by("position").last(), direction=-1, by=None)
    plan.refresh_from_db()
    services.plan_update(plan=plan, version=plan.version, by=None, title="UMBENANNTER-PLAN")
    ProgressReport.objects.filter(pk=report.pk).update(title_en="RENAMED-REPORT")

    after = _surfaces(client, plan, report)
    for surface in ("csv", "json", "xlsx", "api", "feed"):
        assert after[surface] == before[surface], surface
    page = client.get(page_url).content.decode()
    assert old_measure in page and old_field in page
    assert "UMBENANNTE-MASSNAHME" not in page and "UMBENANNTES-FELD" not in page
    english = client.get("/en" + page_url).content.decode()
    assert "RENAMED-MEASURE" not in english and "RENAMED-REPORT" not in english
    for surface in after.values():
        text = json.dumps(surface, ensure_ascii=False, default=str)
        for new in ("UMBENANNTE-MASSNAHME", "UMBENANNTES-FELD", "UMBENANNTER-PLAN", "RENAMED"):
            assert new not in text


def test_a_draft_shows_the_plan_as_it_is(client):
    plan, report, _units = make_plan(fields=1, measures_per_field=1)
    measure = plan.fields.get().measures.get()
    services.measure_update(measure=measure, version=measure.version, by=None, title="NEUER-TITEL")
    from teilhabe.plans.bilanz.data import bilanz_data

    report = ProgressReport.objects.select_related("plan__organization").get(pk=report.pk)
    data = bilanz_data(report)
    assert data.fields[0].rows[0].measure.title == "NEUER-TITEL"
    assert report.snapshot == {}

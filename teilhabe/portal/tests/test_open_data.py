"""Open data files of public plans and published reports: read back, licensed, never a draft."""

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from teilhabe.plans import services
from teilhabe.plans.models import Measure, ProgressEntry
from teilhabe.plans.selectors import PlanOverview
from teilhabe.portal import open_data
from teilhabe.portal.models import PortalProfile
from teilhabe.testing import make_organization, make_plan

pytestmark = pytest.mark.django_db

SECRET = "GEHEIMER-ENTWURF"


@pytest.fixture(autouse=True)
def plain_404(settings):
    settings.ROOT_URLCONF = "teilhabe.portal.tests.urls_plain_404"


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def published_plan(**kwargs):
    plan, report, _units = make_plan(**kwargs)
    services.report_publish(report=report, by=None)
    report.refresh_from_db()
    plan.refresh_from_db()
    return plan, report


def draft_after(plan):
    """A later draft report in which everything is done and every text is a secret."""
    draft = services.report_create(plan=plan, as_of=dt.date(2018, 3, 1), title=SECRET, by=None)
    for entry in draft.entries.all():
        services.measure_update_progress(
            entry=entry,
            version=entry.version,
            status="done",
            percent=None,
            description=f"{SECRET} {entry.pk}",
            by=None,
        )
    return draft


def plan_url(plan, fmt):
    return reverse("portal:plan_data", args=[plan.organization.slug, plan.slug, fmt])


def report_url(plan, report, fmt):
    return reverse("portal:report_data", args=[plan.organization.slug, plan.slug, report.pk, fmt])


def read_csv(response) -> list[dict]:
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf"), "Excel needs the byte order mark"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(response):
    return openpyxl.load_workbook(io.BytesIO(response.content))


def sheet_records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


# Reading the files back -------------------------------------------------------------------------


def test_csv_has_one_row_per_measure_with_the_published_state(client):
    plan, _report = published_plan()
    response = client.get(plan_url(plan, "csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{plan.slug}-massnahmen-stand-2017-02-20.csv"'
    )
    rows = read_csv(response)
    assert len(rows) == Measure.objects.for_plan(plan).count() == 6
    first = rows[0]
    assert first["Organisation"] == plan.organization.name
    assert first["Plan"] == plan.title
    assert first["Handlungsfeld Nr."] == "1"
    assert first["Handlungsfeld"] == "Handlungsfeld 1"
    assert first["Maßnahme"] == "Maßnahme 1.1"
    assert first["Umsetzungsstand (Schlüssel)"] == "done"
    assert first["Umsetzungsstand"] == "umgesetzt"
    assert first["Prozent umgesetzt"] == "100"
    assert first["Stand"] == "2017-02-20"
    assert first["Zuständigkeit"] == "eigene Zuständigkeit"
    assert first["Daueraufgabe"] == "nein"
    assert first["Federführung"].startswith("Amt 1")
    measure = Measure.objects.for_plan(plan).order_by("field__number", "position", "id").first()
    assert first["Maßnahmen-ID"] == str(measure.pk)
    assert first["Was wurde getan?"] == f"Beschreibung zu {measure.pk}"
    assert first["Adresse im Portal"].endswith(
        reverse("portal:measure", args=[plan.organization.slug, plan.slug, measure.pk])
    )
    assert [row["Umsetzungsstand (Schlüssel)"] for row in rows] == [
        "done",
        "in_progress",
        "in_coordination",
        "not_started",
        "not_possible",
        "unknown",
    ]


def test_xlsx_has_the_measures_and_a_sheet_with_licence_and_source(client):
    plan, _report = published_plan()
    response = client.get(plan_url(plan, "xlsx"))

    assert response.status_code == 200
    assert response["Content-Type"] == open_data.CONTENT_TYPES["xlsx"]
    workbook = read_xlsx(response)
    assert workbook.sheetnames == ["Maßnahmen", "Lizenz und Quelle"]
    records = sheet_records(workbook["Maßnahmen"])
    assert len(records) == 6
    assert records[1]["Umsetzungsstand"] == "in Umsetzung"
    assert records[1]["Prozent umgesetzt"] == 50
    assert records[1]["Stand"].date() == dt.date(2017, 2, 20)
    meta = dict(workbook["Lizenz und Quelle"].iter_rows(values_only=True))
    assert meta["Lizenz"] == (
        "Creative Commons Namensnennung 4.0 International (CC BY 4.0) (CC BY 4.0)"
    )
    assert meta["Lizenztext"] == "https://creativecommons.org/licenses/by/4.0/"
    assert meta["Namensnennung"] == plan.organization.name
    assert meta["Bilanz"] == "Bilanz 2017"
    assert meta["Quelle"].endswith(reverse("portal:plan", args=[plan.organization.slug, plan.slug]))
    assert workbook.properties.title.endswith(plan.title)


def test_json_has_meta_fields_and_measures(client):
    plan, report = published_plan()
    response = client.get(plan_url(plan, "json"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = json.loads(response.content)
    meta = document["meta"]
    assert meta["licence"] == {
        "id": "CC-BY-4.0",
        "name": "Creative Commons Namensnennung 4.0 International (CC BY 4.0)",
        "short_name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert meta["attribution"] == plan.organization.name
    assert meta["organisation"]["name"] == plan.organization.name
    assert meta["plan"]["slug"] == plan.slug
    assert meta["report"]["id"] == report.pk
    assert meta["as_of"] == "2017-02-20"
    assert meta["language"] == "de"
    assert meta["source"].startswith("http")
    assert dt.datetime.fromisoformat(meta["generated"])
    names = [field["name"] for field in document["fields"]]
    assert names == list(open_data.COLUMN_NAMES)
    assert {field["type"] for field in document["fields"]} <= {
        "string",
        "integer",
        "number",
        "date",
        "boolean",
    }
    measures = document["measures"]
    assert len(measures) == meta["measure_count"] == 6
    assert measures[1]["status"] == "in_progress"
    assert measures[1]["status_label"] == "in Umsetzung"
    assert measures[1]["percent"] == 50
    assert measures[1]["weight"] == 1
    assert measures[1]["ongoing"] is False
    assert measures[1]["report_as_of"] == "2017-02-20"
    assert set(measures[0]) == set(names)


def test_every_file_names_its_licence_in_a_link_header(client):
    plan, report = published_plan()
    for fmt in open_data.FORMATS:
        for url in (plan_url(plan, fmt), report_url(plan, report, fmt)):
            response = client.get(url)
            assert (
                response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
            )
            assert response["Access-Control-Allow-Origin"] == "*"
            assert "public" in response["Cache-Control"]


def test_the_licence_is_the_one_the_organisation_chose(client):
    plan, report = published_plan()
    PortalProfile.objects.create(
        organization=plan.organization,
        data_licence="DL-DE-BY-2.0",
        data_attribution="Landratsamt Musterkreis, Stabsstelle Integration",
    )

    meta = json.loads(client.get(plan_url(plan, "json")).content)["meta"]
    assert meta["licence"]["id"] == "DL-DE-BY-2.0"
    assert meta["licence"]["url"] == "https://www.govdata.de/dl-de/by-2-0"
    assert meta["licence"]["short_name"] == "dl-de/by-2-0"
    assert meta["attribution"] == "Landratsamt Musterkreis, Stabsstelle Integration"

    workbook = read_xlsx(client.get(report_url(plan, report, "xlsx")))
    sheet = dict(workbook["Lizenz und Quelle"].iter_rows(values_only=True))
    assert sheet["Lizenztext"] == "https://www.govdata.de/dl-de/by-2-0"
    assert sheet["Namensnennung"] == "Landratsamt Musterkreis, Stabsstelle Integration"
    assert "Landratsamt Musterkreis" in sheet["Hinweis"]

    response = client.get(plan_url(plan, "csv"))
    assert response["Link"] == '<https://www.govdata.de/dl-de/by-2-0>; rel="license"'


# Only published content -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", open_data.FORMATS)
def test_a_draft_plan_has_no_data(client, fmt):
    plan, report, _units = make_plan(status="draft")
    services.report_publish(report=report, by=None)
    assert client.get(plan_url(plan, fmt)).status_code == 404
    assert client.get(report_url(plan, report, fmt)).status_code == 404


@pytest.mark.parametrize("fmt", open_data.FORMATS)
def test_a_draft_report_has_no_data(client, fmt):
    plan, _report = published_plan()
    draft = draft_after(plan)
    assert client.get(report_url(plan, draft, fmt)).status_code == 404


def test_a_report_of_another_plan_is_not_found(client):
    plan, _report = published_plan()
    _other_plan, other_report = published_plan()
    assert client.get(report_url(plan, other_report, "json")).status_code == 404


@pytest.mark.parametrize("fmt", ["xml", "pdf", "CSV", "ods", "json.gz"])
def test_unknown_formats_are_not_found(client, fmt):
    plan, report = published_plan()
    assert client.get(plan_url(plan, fmt)).status_code == 404
    assert client.get(report_url(plan, report, fmt)).status_code == 404


def test_an_unknown_organisation_or_plan_is_not_found(client):
    plan, _report = published_plan()
    assert (
        client.get(
            reverse("portal:plan_data", args=["gibt-es-nicht", plan.slug, "csv"])
        ).status_code
        == 404
    )
    other = make_organization()
    assert (
        client.get(reverse("portal:plan_data", args=[other.slug, plan.slug, "csv"])).status_code
        == 404
    )


def test_only_get_and_head(client):
    plan, _report = published_plan()
    assert client.head(plan_url(plan, "csv")).status_code == 200
    assert client.post(plan_url(plan, "csv")).status_code == 405


def test_the_plan_data_never_shows_a_draft_report(client):
    plan, report = published_plan()
    draft_after(plan)

    for fmt in ("csv", "json"):
        content = client.get(plan_url(plan, fmt)).content.decode("utf-8-sig")
        assert SECRET not in content
    document = json.loads(client.get(plan_url(plan, "json")).content)
    assert document["meta"]["report"]["id"] == report.pk
    assert [m["status"] for m in document["measures"]][:4] == [
        "done",
        "in_progress",
        "in_coordination",
        "not_started",
    ]
    workbook = read_xlsx(client.get(plan_url(plan, "xlsx")))
    for sheet in workbook:
        for row in sheet.iter_rows(values_only=True):
            assert not any(SECRET in str(value) for value in row if value)


def test_a_published_report_keeps_its_own_data_after_later_reports(client):
    plan, first = published_plan()
    second = services.report_create(
        plan=plan, as_of=dt.date(2019, 1, 1), title="Bilanz 2019", by=None
    )
    entry = second.entries.order_by("measure__field__number", "measure__position").last()
    services.measure_update_progress(
        entry=entry,
        version=entry.version,
        status="done",
        percent=None,
        description="fertig",
        by=None,
    )
    services.report_publish(report=second, by=None)

    old = json.loads(client.get(report_url(plan, first, "json")).content)
    new = json.loads(client.get(plan_url(plan, "json")).content)
    assert old["meta"]["report"]["id"] == first.pk and old["measures"][-1]["status"] == "unknown"
    assert new["meta"]["report"]["id"] == second.pk and new["measures"][-1]["status"] == "done"
    assert new["measures"][-1]["progress_description"] == "fertig"


def test_a_plan_without_a_published_report_lists_its_measures_without_state(client):
    plan, _report, _units = make_plan()
    document = json.loads(client.get(plan_url(plan, "json")).content)
    assert document["meta"]["report"] is None and document["meta"]["as_of"] is None
    assert len(document["measures"]) == 6
    assert {m["status"] for m in document["measures"]} == {None}
    assert {m["progress_description"] for m in document["measures"]} == {""}
    rows = read_csv(client.get(plan_url(plan, "csv")))
    assert {row["Umsetzungsstand"] for row in rows} == {""}
    assert client.get(plan_url(plan, "xlsx")).status_code == 200


def test_report_data_lists_the_measures_the_report_covers(client):
    plan, report = published_plan()
    field = plan.fields.get(number=1)
    services.measure_create(field=field, title="Später hinzugekommen", by=None)

    report_rows = json.loads(client.get(report_url(plan, report, "json")).content)["measures"]
    plan_rows = json.loads(client.get(plan_url(plan, "json")).content)["measures"]
    assert len(report_rows) == 6
    assert len(plan_rows) == 7
    assert "Später hinzugekommen" not in {row["measure_title"] for row in report_rows}
    later = next(row for row in plan_rows if row["measure_title"] == "Später hinzugekommen")
    assert later["status"] is None and later["report_as_of"] is None


# Language ---------------------------------------------------------------------------------------


def test_content_in_the_active_language_with_german_fallback(client):
    plan, report = published_plan()
    measures = list(Measure.objects.for_plan(plan).order_by("field__number", "position", "id"))
    Measure.objects.filter(pk=measures[0].pk).update(title_en="Language courses for parents")
    plan.fields.filter(number=1).update(title_en="Language and education")
    ProgressEntry.objects.filter(report=report, measure=measures[0]).update(
        description_en="Courses run in three towns"
    )

    # The request activates English in this thread; the override takes it back afterwards.
    with translation.override("en"):
        url = plan_url(plan, "json")
        document = json.loads(client.get(url).content)
    assert url.startswith("/en/")
    first, second = document["measures"][:2]
    assert first["measure_title"] == "Language courses for parents"
    assert first["field_title"] == "Language and education"
    assert first["progress_description"] == "Courses run in three towns"
    assert second["measure_title"] == "Maßnahme 1.2"  # no English yet: German
    assert second["progress_description"] == f"Beschreibung zu {measures[1].pk}"
    assert first["status_label"] == "umgesetzt"  # the plan's own German wording with the key
    assert document["meta"]["language"] == "en"
    assert "/en/" in first["url"]

    with translation.override("en"):
        response = client.get(plan_url(plan, "csv"))
    assert response["Content-Disposition"].endswith('-en.csv"')


def test_easy_language_falls_back_to_german(client):
    plan, _report = published_plan()
    measures = list(Measure.objects.for_plan(plan).order_by("field__number", "position", "id"))
    Measure.objects.filter(pk=measures[0].pk).update(title_de_x_ls="Deutsch-Kurse für Eltern")

    with translation.override("de-x-ls"):
        url = plan_url(plan, "json")
        document = json.loads(client.get(url).content)
    assert url.startswith("/de-x-ls/")
    assert document["meta"]["language"] == "de-x-ls"
    titles = [row["measure_title"] for row in document["measures"][:2]]
    assert titles == ["Deutsch-Kurse für Eltern", "Maßnahme 1.2"]
    assert document["meta"]["title"] == f"Maßnahmen und Umsetzungsstand: {plan.title}"


# Spreadsheet safety -----------------------------------------------------------------------------


def test_formulas_stay_text(client):
    plan, _report = published_plan()
    measure = Measure.objects.for_plan(plan).order_by("field__number", "position", "id").first()
    Measure.objects.filter(pk=measure.pk).update(
        title='=HYPERLINK("http://example.org","klick")',
        title_de='=HYPERLINK("http://example.org","klick")',
    )

    rows = read_csv(client.get(plan_url(plan, "csv")))
    assert rows[0]["Maßnahme"] == '\'=HYPERLINK("http://example.org","klick")'
    workbook = read_xlsx(client.get(plan_url(plan, "xlsx")))
    sheet = workbook["Maßnahmen"]
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Maßnahme") + 1)
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://example.org","klick")'
    document = json.loads(client.get(plan_url(plan, "json")).content)
    assert document["measures"][0]["measure_title"] == '=HYPERLINK("http://example.org","klick")'


# Cost -------------------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_plan(client):
    small, small_report = published_plan(fields=1, measures_per_field=2)
    large, large_report = published_plan(fields=5, measures_per_field=12)
    for goal_field in large.fields.all():
        services.goal_create(field=goal_field, title=f"Ziel {goal_field.number}", by=None)
    large.refresh_from_db()

    for fmt in open_data.FORMATS:
        assert count_queries(client, plan_url(small, fmt)) == count_queries(
            client, plan_url(large, fmt)
        ), fmt
        assert count_queries(client, report_url(small, small_report, fmt)) == count_queries(
            client, report_url(large, large_report, fmt)
        ), fmt
    assert count_queries(client, plan_url(large, "json")) <= 8


def test_files_are_built_once_per_content_change(client, real_cache):
    plan, _report = published_plan()
    first = count_queries(client, plan_url(plan, "json"))
    again = count_queries(client, plan_url(plan, "json"))
    assert again < first
    assert again <= 3  # plan, latest published report, licence

    measure = Measure.objects.for_plan(plan).order_by("field__number", "position", "id").first()
    services.measure_update(measure=measure, version=measure.version, title="Neuer Titel", by=None)
    document = json.loads(client.get(plan_url(plan, "json")).content)
    assert document["measures"][0]["measure_title"] == "Neuer Titel"

    PortalProfile.objects.create(organization=plan.organization, data_licence="CC0-1.0")
    document = json.loads(client.get(plan_url(plan, "json")).content)
    assert document["meta"]["licence"]["id"] == "CC0-1.0"

    with translation.override("en"):
        english = client.get(plan_url(plan, "json"))
    assert json.loads(english.content)["meta"]["language"] == "en"


def test_the_data_functions_refuse_drafts():
    plan, report, _units = make_plan()
    licence = open_data.licence_for(plan.organization)
    with pytest.raises(ValueError, match="public plans and their published reports only"):
        open_data.report_dataset(plan, report, licence=licence)
    with pytest.raises(ValueError, match="public plans and their published reports only"):
        open_data.plan_dataset(plan, report=report, licence=licence)


# The section on the plan and report pages -------------------------------------------------------


def test_plan_section_links_downloads_feeds_badge_and_api(rf):
    plan, _report = published_plan()
    org = plan.organization
    html = render_to_string(
        "portal/includes/plan_data.html",
        {"organization": org, "plan": plan, "overview": PlanOverview(plan)},
        request=rf.get("/"),
    )
    assert ">Daten und Einbindung</h2>" in html
    for fmt in open_data.FORMATS:
        assert f'href="{plan_url(plan, fmt)}"' in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
    assert "CC BY 4.0" in html and "Namensnennung:</span>" not in html
    assert f'Namensnennung: <bdi lang="de">{org.name}</bdi>' in html
    assert f'href="{reverse("portal:report_feed", args=[org.slug])}"' in html
    assert f'href="{reverse("portal:milestones_ics", args=[org.slug, plan.slug])}"' in html
    badge = reverse("portal:badge", args=[org.slug, plan.slug])
    assert f'<img src="{badge}" alt="Integrationsplan {org.name}: 37,5' in html
    # The embed code is shown as text, not as markup.
    assert "<pre" in html and "&lt;img src=&quot;http" in html and f"{badge}&quot;" in html
    assert f'href="{reverse("api:docs")}"' in html
    assert "Stand 20.02.2017" in html


def test_plan_section_before_the_first_report(rf):
    plan, _report, _units = make_plan()
    html = render_to_string(
        "portal/includes/plan_data.html",
        {"organization": plan.organization, "plan": plan, "overview": PlanOverview(plan)},
        request=rf.get("/"),
    )
    assert "noch ohne Umsetzungsstand" in html
    assert "noch keine Bilanz veröffentlicht" in html


def test_report_section_links_the_report_data(rf):
    plan, report = published_plan()
    PortalProfile.objects.create(
        organization=plan.organization, data_licence="DL-DE-ZERO-2.0", data_attribution="LRA"
    )
    html = render_to_string(
        "portal/includes/report_data.html",
        {"organization": plan.organization, "plan": plan, "report": report},
        request=rf.get("/"),
    )
    for fmt in open_data.FORMATS:
        assert f'href="{report_url(plan, report, fmt)}"' in html
    assert "Datenlizenz Deutschland – Zero – Version 2.0" in html
    assert 'href="https://www.govdata.de/dl-de/zero-2-0" rel="license"' in html
    assert 'Namensnennung: <bdi lang="de">LRA' in html


# Everything at once, with the portal's fixture of drafts next to published content ----------


def test_no_endpoint_shows_a_draft(client, public_setup):
    from .conftest import DRAFT_MARKERS

    plan, report = public_setup["plan"], public_setup["report"]
    draft_plan, draft_report = public_setup["draft_plan"], public_setup["draft_report"]
    org = plan.organization.slug
    public_urls = [
        *(plan_url(plan, fmt) for fmt in open_data.FORMATS),
        *(report_url(plan, report, fmt) for fmt in open_data.FORMATS),
        reverse("portal:report_feed", args=[org]),
        reverse("portal:site_report_feed"),
        reverse("portal:milestones_ics", args=[org, plan.slug]),
        reverse("portal:badge", args=[org, plan.slug]),
    ]
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if url.endswith(".xlsx"):
            workbook = read_xlsx(response)
            content = " ".join(
                str(value)
                for sheet in workbook
                for row in sheet.iter_rows(values_only=True)
                for value in row
            )
        else:
            content = response.content.decode("utf-8-sig")
        for marker in DRAFT_MARKERS:
            assert marker not in content, (url, marker)

    draft_org = draft_plan.organization.slug
    hidden_urls = [
        *(report_url(plan, draft_report, fmt) for fmt in open_data.FORMATS),
        *(plan_url(draft_plan, fmt) for fmt in open_data.FORMATS),
        reverse("portal:report_feed", args=[draft_org]),
        reverse("portal:milestones_ics", args=[draft_org, draft_plan.slug]),
        reverse("portal:badge", args=[draft_org, draft_plan.slug]),
    ]
    for url in hidden_urls:
        assert client.get(url).status_code == 404, url

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from teilhabe.documents.spreadsheet import SHEET_TITLE, parse
from teilhabe.plans import services
from teilhabe.plans.models import ProgressEntry, ProgressReport
from teilhabe.testing import make_plan, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_upload_folder(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def urls(plan):
    return {
        "export": reverse("plans:exchange_export", args=[plan.slug]),
        "import": reverse("plans:exchange_import", args=[plan.slug]),
        "confirm": reverse("plans:exchange_confirm", args=[plan.slug]),
    }


def download(client, plan, fmt="xlsx"):
    return client.get(urls(plan)["export"], {"format": fmt})


def edited_xlsx(client, plan, changes) -> bytes:
    workbook = load_workbook(io.BytesIO(download(client, plan).content))
    sheet = workbook[SHEET_TITLE]
    headers = [cell.value for cell in sheet[1]]
    for cells in sheet.iter_rows(min_row=2):
        for header, value in changes.get(cells[headers.index("Maßnahmen-ID")].value, {}).items():
            cells[headers.index(header)].value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, plan, content: bytes, name="bearbeitet.xlsx"):
    return client.post(urls(plan)["import"], {"file": SimpleUploadedFile(name, content)})


def confirm(client, plan, preview_response, **data):
    digest = preview_response.context["form"]["digest"].value()
    return client.post(urls(plan)["confirm"], {"digest": digest, **data})


def entry(report, measure_id):
    return ProgressEntry.objects.get(report=report, measure_id=measure_id)


# Access -----------------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_the_login(client, exchange_setup):
    for url in urls(exchange_setup["plan"]).values():
        response = client.get(url) if "bestaetigen" not in url else client.post(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_people_of_another_organisation_get_404(client, exchange_setup):
    stranger_plan, _, _ = make_plan()
    client.force_login(make_user(stranger_plan.organization, "admin"))
    plan = exchange_setup["plan"]

    assert client.get(urls(plan)["export"]).status_code == 404
    assert download(client, plan).status_code == 404
    assert client.get(urls(plan)["import"]).status_code == 404
    assert client.post(urls(plan)["confirm"]).status_code == 404


def test_a_reader_may_export_but_not_import(client, exchange_setup):
    plan = exchange_setup["plan"]
    client.force_login(exchange_setup["people"]["reader"])

    page = client.get(urls(plan)["export"])

    assert page.status_code == 200
    assert page.context["form"] is None
    assert b'type="file"' not in page.content
    assert download(client, plan).status_code == 200
    assert client.get(urls(plan)["import"]).status_code == 403
    assert client.post(urls(plan)["confirm"]).status_code == 403


def test_an_office_editor_sees_the_upload(client, exchange_setup):
    client.force_login(exchange_setup["people"]["editor_own"])

    page = client.get(urls(exchange_setup["plan"])["export"])

    assert page.context["form"] is not None
    assert page.content.count(b"<h1") == 1
    assert b'<label class="kern-label" for="id_file">' in page.content


# Download ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("csv", "text/csv; charset=utf-8"),
        ("json", "application/json"),
    ],
)
def test_download_of_each_format(client, exchange_setup, fmt, content_type):
    plan = exchange_setup["plan"]
    client.force_login(exchange_setup["people"]["reader"])

    response = download(client, plan, fmt)

    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="{plan.slug}-umsetzungsstand-2017-02-20.{fmt}"'
    )
    assert len(parse(response.content, f"x.{fmt}")) == 6


def test_unknown_download_format_is_404(client, exchange_setup):
    client.force_login(exchange_setup["people"]["admin"])

    assert download(client, exchange_setup["plan"], "ods").status_code == 404


def test_download_query_count_does_not_grow_with_the_plan(client, db):
    small, _, _ = make_plan(fields=1, measures_per_field=2)
    large, _, _ = make_plan(fields=4, measures_per_field=10)
    counts = []
    for plan in (small, large):
        client.force_login(make_user(plan.organization, "reader"))
        with CaptureQueriesContext(connection) as queries:
            assert download(client, plan).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


# Upload, preview, confirm -----------------------------------------------------------------------


def test_upload_preview_confirm(client, exchange_setup):
    plan, report = exchange_setup["plan"], exchange_setup["report"]
    measure_id = exchange_setup["measures"]["in_progress"]
    client.force_login(exchange_setup["people"]["coordinator"])
    content = edited_xlsx(client, plan, {measure_id: {"Umsetzungsstand": "umgesetzt"}})

    preview = upload(client, plan, content)

    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Vorschau: bearbeitet.xlsx" in html
    assert "<strong>Umsetzungsstand</strong>: bisher „in Umsetzung“, neu „umgesetzt“" in html
    assert "1 Änderung speichern" in html
    assert 'name="as_of"' not in html
    assert entry(report, measure_id).status == "in_progress"

    done = confirm(client, plan, preview)

    assert done.status_code == 302
    assert done.status_code == 302
    assert done["Location"] == reverse("plans:report_detail", args=[report.pk])
    assert entry(report, measure_id).status == "done"


def test_preview_lists_row_errors_with_their_row_numbers(client, exchange_setup):
    plan = exchange_setup["plan"]
    measure_id = exchange_setup["measures"]["unknown"]
    client.force_login(exchange_setup["people"]["admin"])
    content = edited_xlsx(client, plan, {measure_id: {"Prozent": 150}})

    preview = upload(client, plan, content)

    html = preview.content.decode()
    assert "Fehler und Konflikte" in html
    line = preview.context["problems"][0].line
    assert (
        f'<th scope="row" class="kern-table__header kern-table__header--numeric">{line}</th>'
        in html
    )
    assert "Prozent: „150“ ist kein gültiger Prozentwert." in html
    assert 'action="' + urls(plan)["confirm"] not in html


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tabelle.ods", b"PK\x03\x04", "Dieser Dateityp wird nicht unterstützt"),
        ("tabelle.xlsx", b"\x00\x01garbage" * 50, "nicht als Excel-Arbeitsmappe lesen"),
        ("tabelle.csv", b"a,b,c\r\n1,2,3\r\n", "nicht durch Semikolon getrennt"),
        ("tabelle.csv", b"", "Die übermittelte Datei ist leer."),
    ],
)
def test_bad_uploads_are_named_on_the_form(client, exchange_setup, name, content, message):
    plan = exchange_setup["plan"]
    client.force_login(exchange_setup["people"]["admin"])

    response = upload(client, plan, content, name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert client.post(urls(plan)["confirm"], {"digest": "x"}).status_code == 302


def test_too_large_upload(client, exchange_setup, settings):
    settings.TEILHABE_UPLOAD_MAX_BYTES = 100
    client.force_login(exchange_setup["people"]["admin"])

    response = upload(client, exchange_setup["plan"], b"x" * 200, "gross.csv")

    assert "Die Datei ist zu groß" in response.content.decode()


def test_confirmation_checks_the_file_again(client, exchange_setup):
    plan, report, people = (
        exchange_setup["plan"],
        exchange_setup["report"],
        exchange_setup["people"],
    )
    measure_id = exchange_setup["measures"]["in_coordination"]
    client.force_login(people["admin"])
    preview = upload(
        client, plan, edited_xlsx(client, plan, {measure_id: {"Beschreibung": "meins"}})
    )
    current = entry(report, measure_id)
    services.measure_update_progress(
        entry=current,
        version=current.version,
        status="done",
        percent=None,
        description="von jemand anderem",
        by=people["coordinator"],
    )

    response = confirm(client, plan, preview)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Es wurde nichts gespeichert: 1 Zeile mit Fehlern oder Konflikten" in html
    assert "Konflikt: Jemand hat diesen Eintrag nach Ihrem Export geändert." in html
    assert entry(report, measure_id).description == "von jemand anderem"


def test_confirmation_without_upload(client, exchange_setup):
    client.force_login(exchange_setup["people"]["admin"])

    response = client.post(urls(exchange_setup["plan"])["confirm"], {"digest": "x"}, follow=True)

    assert "Die hochgeladene Datei ist nicht mehr vorhanden" in response.content.decode()


def test_a_newer_upload_in_another_tab_is_not_written_unseen(client, exchange_setup):
    plan, report = exchange_setup["plan"], exchange_setup["report"]
    first, second = (
        exchange_setup["measures"]["unknown"],
        exchange_setup["measures"]["not_possible"],
    )
    client.force_login(exchange_setup["people"]["admin"])
    preview = upload(client, plan, edited_xlsx(client, plan, {first: {"Beschreibung": "eins"}}))
    upload(client, plan, edited_xlsx(client, plan, {second: {"Beschreibung": "zwei"}}))

    response = confirm(client, plan, preview)

    assert response.status_code == 200
    assert "Inzwischen wurde eine andere Datei hochgeladen" in response.content.decode()
    assert entry(report, first).description != "eins"
    assert entry(report, second).description != "zwei"


def test_import_after_publication_asks_for_the_as_of_date_and_keeps_it(client, exchange_setup):
    plan, published, admin = (
        exchange_setup["plan"],
        exchange_setup["report"],
        exchange_setup["people"]["admin"],
    )
    services.report_publish(report=published, by=admin)
    measure_id = exchange_setup["measures"]["in_coordination"]
    client.force_login(admin)
    preview = upload(client, plan, edited_xlsx(client, plan, {measure_id: {"Prozent": 20}}))
    assert 'name="as_of"' in preview.content.decode()
    assert "ist veröffentlicht und bleibt unverändert" in preview.content.decode()

    missing = confirm(client, plan, preview)
    too_early = confirm(client, plan, preview, as_of="2016-05-04")

    assert "Dieses Feld ist zwingend erforderlich." in missing.content.decode()
    html = too_early.content.decode()
    assert "Der Stand der neuen Bilanz muss nach dem 20.02.2017 liegen" in html
    assert 'value="2016-05-04"' in html
    assert ProgressReport.objects.filter(plan=plan).count() == 1

    done = confirm(client, plan, preview, as_of="2019-03-01")

    new = ProgressReport.objects.get(plan=plan, status="draft")
    assert done["Location"] == reverse("plans:report_detail", args=[new.pk])
    assert new.as_of == dt.date(2019, 3, 1)
    assert ProgressReport.objects.get(pk=published.pk).status == "published"


def test_an_unchanged_file_offers_nothing_to_save(client, exchange_setup):
    plan = exchange_setup["plan"]
    client.force_login(exchange_setup["people"]["admin"])

    preview = upload(client, plan, download(client, plan, "csv").content, "export.csv")

    assert "Die Datei enthält keine Änderungen" in preview.content.decode()
    assert 'action="' + urls(plan)["confirm"] not in preview.content.decode()

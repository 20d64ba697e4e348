"""Importing progress tables of any shape: the mapping step in the back office, the stored
mapping, matching into an existing plan, all or nothing, and the command line."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from teilhabe.core.errors import ServiceError
from teilhabe.documents.progress_report import read_table
from teilhabe.plans import services
from teilhabe.plans.models import ImportMapping, Measure, Plan, ProgressEntry, ProgressReport
from teilhabe.plans.services.bilanz_import import progress_table_import

pytestmark = pytest.mark.django_db
CORPUS = Path(__file__).resolve().parents[2] / "documents/tests/fixtures/progress"
BERLIN = (CORPUS / "berlin_umsetzungsbericht_2018.txt").read_bytes()


def _url(org):
    return reverse("plans:bilanz_import", args=[org.slug])


def _existing_plan(org):
    plan = services.plan_create(organization=org, title="Gesamtplan", slug="gesamtplan", by=None)
    field = services.field_create(plan=plan, number=6, title="Arbeit", by=None)
    services.measures_create_many(
        field=field,
        titles=["Anlaufstelle in Jobcentern", "Alte Maßnahme ohne Bericht"],
        numbers=["6.1.1", "6.9"],
        by=None,
    )
    other = services.field_create(plan=plan, number=7, title="Wohnen", by=None)
    services.measures_create_many(
        field=other,
        titles=["Wohnungsbörse für Geflüchtete mit landeseigenen Gesellschaften"],
        numbers=["W1"],
        by=None,
    )
    return plan


def test_mapping_step_shows_the_reading_lets_it_be_corrected_and_stores_it(client, plan_setup):
    org = plan_setup["organization"]
    client.force_login(plan_setup["people"]["coordinator"])
    response = client.post(
        _url(org), {"step": "preview", "plan": "", "file": SimpleUploadedFile("b.txt", BERLIN)}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Zuordnung prüfen" in content and "Fortschritt in Prozent" in content
    assert "„U“ = umgesetzt" in content and "6.1 Beratung und Vermittlung" in content
    assert "7 neue Maßnahmen" in content
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(step="map", plan="", as_of="2018-12-31")
    p_field = next(f.name for f in form.status_fields if f.label == "„p“")
    data[p_field] = "not_started"
    response = client.post(_url(org), data)
    assert response.status_code == 200
    table = response.context["table"]
    assert next(r for r in table.rows if r.number == "6.2.2").status.key == "not_started"
    data["step"] = "confirm_table"
    before = Plan.objects.count()
    response = client.post(_url(org), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert Plan.objects.count() == before + 1
    report = ProgressReport.objects.get(pk=response.url.rstrip("/").split("/")[-1])
    assert report.as_of == dt.date(2018, 12, 31)
    assert report.entries.get(measure__number="6.2.2").status == "not_started"
    saved = ImportMapping.objects.get(organization=org)
    assert saved.mapping["statuses"]["p"] == "not_started"

    # The next document of the same shape is read with the stored mapping.
    response = client.post(
        _url(org), {"step": "preview", "plan": "", "file": SimpleUploadedFile("b.txt", BERLIN)}
    )
    assert next(r for r in response.context["table"].rows if r.number == "6.2.2").status.key == (
        "not_started"
    )


def test_import_into_an_existing_plan_matches_by_number_then_title(plan_setup):
    plan = _existing_plan(plan_setup["organization"])
    table = read_table(BERLIN, "b.txt")
    result = progress_table_import(table=table, as_of=dt.date(2018, 12, 31), plan=plan, by=None)
    assert result.measures_created == 5  # 6.1.1 by number, 7.1 by title ("W1")
    assert result.entries_changed == 7
    entries = {e.measure.number: e for e in result.report.entries.select_related("measure")}
    assert entries["6.1.1"].status == "done" and entries["W1"].status == "done"
    assert entries["6.9"].status == "unknown"
    assert Measure.objects.filter(field__plan=plan, number="6.2.3").exists()


def test_import_is_all_or_nothing(plan_setup, monkeypatch):
    org = plan_setup["organization"]
    table = read_table(BERLIN, "b.txt")
    before = (Plan.objects.count(), Measure.objects.count(), ProgressEntry.objects.count())

    def fail(**kwargs):
        raise ServiceError("kaputt")

    # The last write of an import into a new plan: plan, fields and measures exist by then.
    monkeypatch.setattr(services, "report_create", fail)
    with pytest.raises(ServiceError):
        progress_table_import(
            table=table, as_of=dt.date(2018, 12, 31), organization=org, plan_slug="x", by=None
        )
    assert (Plan.objects.count(), Measure.objects.count(), ProgressEntry.objects.count()) == before


def test_command_detects_the_mapping_prints_it_and_applies_a_saved_one(
    plan_setup, tmp_path, capsys
):
    org = plan_setup["organization"]
    path = CORPUS / "berlin_umsetzungsbericht_2018.txt"
    call_command("import-bilanz", str(path), "--json", "--dry-run")
    printed = json.loads(capsys.readouterr().out)
    assert printed["mapping"]["columns"][5] == {"header": "Fortschritt", "role": "percent"}
    printed["mapping"]["statuses"]["p"] = "not_started"
    mapping_file = tmp_path / "mapping.json"
    mapping_file.write_text(json.dumps(printed["mapping"]))
    call_command(
        "import-bilanz",
        str(path),
        "--plan",
        "berlin",
        "--organization",
        org.slug,
        "--mapping",
        str(mapping_file),
    )
    plan = Plan.objects.get(slug="berlin")
    entry = ProgressEntry.objects.get(report__plan=plan, measure__number="6.2.2")
    assert entry.status == "not_started"
    assert plan.reports.get().as_of == dt.date(2018, 12, 31)
    with pytest.raises(CommandError, match="Keine Tabelle mit Maßnahmen gefunden"):
        call_command("import-bilanz", str(CORPUS / "landau_zwischenbericht_2015.txt"), "--dry-run")


def test_new_measures_take_period_priority_and_lead_from_the_table(plan_setup):
    """Berlin's table has Zeitraum and Priorität, Hannover's Federführung: what a new measure
    can take from them it takes; what names no office of the organisation is said, not lost."""
    org = plan_setup["organization"]
    result = progress_table_import(
        table=read_table(BERLIN, "b.txt"),
        as_of=dt.date(2018, 12, 31),
        organization=org,
        plan_slug="berlin",
        by=None,
    )
    measures = {m.number: m for m in Measure.objects.filter(field__plan=result.plan)}
    assert (measures["6.1.1"].starts_on, measures["6.1.1"].ends_on) == (
        dt.date(2016, 1, 1),
        dt.date(2017, 12, 31),
    )
    assert measures["6.1.1"].priority == "focus" and measures["6.2.2"].priority == "normal"
    assert measures["6.1.2"].ongoing and measures["6.1.2"].starts_on == dt.date(2017, 1, 1)
    assert measures["7.2"].ongoing and measures["7.2"].starts_on is None

    youth = org.units.create(name="FB Jugend und Familie")
    hannover = (CORPUS / "hannover_controlling_2013.txt").read_bytes()
    result = progress_table_import(
        table=read_table(hannover, "h.txt"),
        as_of=dt.date(2013, 3, 31),
        organization=org,
        plan_slug="hannover",
        by=None,
    )
    led = Measure.objects.filter(field__plan=result.plan, lead_unit=youth)
    assert led.count() >= 1
    assert any("„FB Bildung“" in note and "federführende Amt" in note for note in result.notes)

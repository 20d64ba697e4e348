"""Indicators end to end: a Landesamt table read as meant, bad rows refused with their row and
nothing written, suppressed values never a number on any page, the comparison of levels, the
field panel and the Bilanz section, and queries that do not grow with the years."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teilhabe.documents.errors import DocumentError
from teilhabe.documents.observations import parse_observations
from teilhabe.indicators import services
from teilhabe.indicators.models import Indicator, Observation
from teilhabe.plans.bilanz.data import bilanz_data
from teilhabe.testing.hypothesis import examples
from teilhabe.testing.roles import RoleWorld

FIXTURE = (Path(__file__).parent / "fixtures/landesamt_einbuergerungen.csv").read_bytes()
TODAY = dt.date(2026, 12, 4)


def test_a_landesamt_table_is_read_as_meant():
    rows = parse_observations(FIXTURE, "tabelle.csv", today=TODAY)
    values = {(r.ags, r.year): (r.value, r.flag) for r in rows}
    assert values[("08115000", 2017)] == (Decimal("1012"), "")
    assert values[("08115000", 2018)] == (Decimal("1034"), "provisional")
    assert values[("08000000", 2017)] == (Decimal("17452"), "")
    assert values[("08115003", 2017)] == (None, "suppressed")
    assert values[("08115003", 2018)] == (Decimal("0"), "")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "AGS;Jahr;Wert\n0811500;2017;5\n0811;2017;5\n",
            "Zeile 3: „0811“ ist kein Gemeindeschlüssel",
        ),
        ("AGS;Jahr;Wert\n08115000;2031;5\n", "Zeile 2: Das Jahr 2031 liegt in der Zukunft."),
        ("AGS;Jahr;Wert\n08115000;2017;viele\n", "Zeile 2: „viele“ ist keine Zahl."),
        (
            "AGS;Jahr;Wert\n08115000;2017;5\n08115000;2017;6\n",
            "Zeile 3: AGS 08115000, 2017 steht doppelt",
        ),
        ("Gemeinde;Wert\nX;5\n", "Keine Kopfzeile mit den Spalten „AGS“, „Jahr“ und „Wert“"),
    ],
)
def test_bad_rows_are_refused_with_their_row(text, message):
    with pytest.raises(DocumentError) as caught:
        parse_observations(text.encode(), "t.csv", today=TODAY)
    assert str(caught.value).startswith(message)


@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet="0123456789;.,-p\nAGSJahrWet ", max_size=40), max_size=8))
def test_any_table_is_read_or_refused_in_german(lines):
    data = ("AGS;Jahr;Wert\n" + "\n".join(lines)).encode()
    try:
        rows = parse_observations(data, "t.csv", today=TODAY)
    except DocumentError as error:
        assert error.message  # noqa: PT017 - one of two allowed outcomes
        return
    for row in rows:
        assert len(row.ags) == 8 and row.year <= TODAY.year
        assert (row.value is None) == (row.flag == "suppressed")


@pytest.fixture
def world(db):
    roles = RoleWorld.build()
    organization = roles.organization
    organization.ags = "08115000"
    organization.save(update_fields=["ags"])
    services.catalogue_ensure()  # a browser test's flush may have emptied it
    entry = Indicator.objects.catalogue().get(code="einbuergerungen")
    indicator = services.indicator_adopt(entry=entry, organization=organization, by=None)
    services.indicator_update(indicator=indicator, version=indicator.version, by=None, public=True)
    indicator.refresh_from_db()
    return roles, indicator


def _import(client, indicator, data, name="t.csv"):
    url = reverse("indicators:indicator_import", kwargs={"pk": indicator.pk})
    return client.post(url, {"file": SimpleUploadedFile(name, data)}, follow=True)


def test_import_writes_all_or_nothing_and_refuses_unknown_keys(world):
    roles, indicator = world
    client = roles.login(Client(), "coordinator")
    page = _import(client, indicator, FIXTURE.replace(b"08115003", b"08115999"))
    assert "den Gemeindeschlüssel 08115999 kennt Teilhabe nicht" in page.content.decode()
    assert not Observation.objects.filter(indicator=indicator).exists()

    # the town Böblingen is no organisation here: without its rows, the Kreis and the Land
    known_only = b"".join(line for line in FIXTURE.splitlines(True) if b"08115003" not in line)
    page = _import(client, indicator, known_only)
    assert "4 Werte neu, 0 geändert, 0 unverändert." in page.content.decode()
    assert Observation.objects.filter(indicator=indicator).count() == 4
    page = _import(client, indicator, known_only.replace(b"1.034p", b"1.040"))
    assert "0 Werte neu, 1 geändert, 3 unverändert." in page.content.decode()


def test_suppressed_values_are_said_never_shown(world):
    roles, indicator = world
    services.observation_set(
        indicator=indicator, ags="08115000", year=2016, value=Decimal(800), by=None
    )
    services.observation_set(
        indicator=indicator, ags="08115000", year=2017, value=None, flag="suppressed", by=None
    )
    services.observation_set(
        indicator=indicator, ags="08000000", year=2017, value=Decimal("17452"), by=None
    )
    url = reverse("portal:indicator_detail", args=[roles.organization.slug, indicator.pk])
    text = Client().get(url).content.decode()
    assert "geheim gehalten" in text and "Baden-Württemberg" in text and "17.452" in text
    assert 'role="img"' in text and "2017: geheim gehalten" in text  # the chart's text alternative


@pytest.mark.parametrize("years", [2, 12])
def test_the_indicator_page_takes_the_same_queries_whatever_the_years(
    world, years, django_assert_max_num_queries
):
    roles, indicator = world
    for year in range(2026 - years, 2026):
        services.observation_set(
            indicator=indicator, ags="08115000", year=year, value=Decimal(year), by=None
        )
        services.observation_set(
            indicator=indicator, ags="08000000", year=year, value=Decimal(year * 20), by=None
        )
    url = reverse("portal:indicator_detail", args=[roles.organization.slug, indicator.pk])
    with django_assert_max_num_queries(8):
        assert Client().get(url).status_code == 200


def test_a_hidden_indicator_is_not_on_the_portal(world):
    roles, indicator = world
    services.indicator_update(indicator=indicator, version=indicator.version, by=None, public=False)
    url = reverse("portal:indicator_detail", args=[roles.organization.slug, indicator.pk])
    assert Client().get(url).status_code == 404


def test_a_target_shows_on_the_field_and_in_the_bilanz(world):
    roles, indicator = world
    plan, report = roles.plan, roles.report
    field = plan.fields.get(number=1)
    for year, value in ((2016, 800), (2018, 865)):
        services.observation_set(
            indicator=indicator, ags="08115000", year=year, value=Decimal(value), by=None
        )
    services.target_set(
        indicator=indicator,
        plan=plan,
        field=field,
        baseline_year=2016,
        baseline_value=Decimal(800),
        target_year=2022,
        target_value=Decimal(1000),
        by=None,
    )
    client = roles.login(Client(), "reader")
    page = client.get(
        reverse("plans:field_detail", args=[plan.slug, field.number])
    ).content.decode()
    assert "Kennzahlen dieses Handlungsfelds" in page and "auf Kurs" in page

    report.as_of = dt.date(2018, 12, 31)
    report.save(update_fields=["as_of"])
    data = bilanz_data(report)
    section = next(item for item in data.fields if item.field == field).sections[0]
    assert section.heading == "Kennzahl: Einbürgerungen"
    assert section.paragraphs[0].startswith("Stand: auf Kurs. Zuletzt 865 (2018)")
    assert (
        section.chart_svg.startswith("<svg") and "Zielwert 1.000 im Jahr 2022" in section.chart_alt
    )


@pytest.mark.parametrize("towns", [1, 6])
def test_the_land_overview_takes_the_same_queries_whatever_the_towns(
    db, towns, django_assert_max_num_queries
):
    from teilhabe.testing import make_plan

    for _ in range(towns):
        make_plan(status="adopted", fields=1, measures_per_field=2, units=1)
    draft, _report, _units = make_plan(status="draft", fields=1, measures_per_field=1, units=1)
    draft.draft_visibility = "participation"
    draft.save(update_fields=["draft_visibility"])
    with django_assert_max_num_queries(6):
        text = Client().get(reverse("portal:land_overview")).content.decode()
    assert text.count('data-label="Phase"') == towns + 1
    assert "in Erarbeitung" in text


def test_the_catalogue_comes_back_after_the_database_was_emptied(db):
    Indicator.objects.catalogue().delete()
    assert services.catalogue_ensure() == 6
    assert services.catalogue_ensure() == 0
    assert Indicator.objects.catalogue().filter(code="einbuergerungsquote").exists()


def test_the_land_overview_figure_follows_a_weight_changed_after_it_was_cached(db):
    """The progress figures are cached under the plan's revision, which a measure's new weight
    changes: the overview never shows a figure the plan no longer has."""
    from django.utils import timezone

    from teilhabe.plans import services as plan_services
    from teilhabe.plans.models import ProgressEntry, ProgressReport
    from teilhabe.testing import make_plan

    _plan, report, _units = make_plan(status="adopted", fields=1, measures_per_field=2, units=1)
    done, open_ = report.entries.order_by("measure_id")
    ProgressEntry.objects.filter(pk=done.pk).update(status="done", percent=None)
    ProgressEntry.objects.filter(pk=open_.pk).update(status="not_started", percent=None)
    ProgressReport.objects.filter(pk=report.pk).update(
        status="published", published_at=timezone.now()
    )
    url = reverse("portal:land_overview")
    figure = re.compile(r'data-label="Fortschritt">(\d+)\W%')
    assert figure.findall(Client().get(url).content.decode()) == ["50"]
    measure = done.measure
    plan_services.measure_update(measure=measure, version=measure.version, by=None, weight=3)
    assert figure.findall(Client().get(url).content.decode()) == ["75"]


def test_the_land_overview_filters_by_kreis_and_pages(db):
    from teilhabe.testing import make_organization, make_plan

    kreis = make_organization(name="Landkreis Anders")
    make_plan(kreis, status="adopted", fields=1, measures_per_field=1, units=1)
    town = make_organization(name="Gemeinde Am Rand", kind="municipality", parent=kreis)
    make_plan(town, status="adopted", fields=1, measures_per_field=1, units=1)
    make_plan(status="adopted", fields=1, measures_per_field=1, units=1)  # another Kreis
    url = reverse("portal:land_overview")
    everything = Client().get(url).content.decode()
    assert everything.count('data-label="Phase"') == 3
    assert "3 Kommunen mit Integrationsplan: 3 beschlossen, 0 in Erarbeitung" in everything
    filtered = Client().get(url, {"kreis": kreis.slug}).content.decode()
    assert filtered.count('data-label="Phase"') == 2
    assert filtered.index("Landkreis Anders</a>") < filtered.index("Gemeinde Am Rand</a>")
    # An unknown Kreis shows everything rather than an empty page.
    unknown = Client().get(url, {"kreis": "gibt-es-nicht"}).content.decode()
    assert unknown.count('data-label="Phase"') == 3


def test_the_land_sees_the_internal_state_below_it_and_the_public_does_not(db, client):
    """A member of the Land reads the drafts its towns keep internal and their indicators not on
    the portal; the public overview shows neither; a Land's page of another Land is 404."""
    from teilhabe.organizations.models import Role
    from teilhabe.testing import make_organization, make_plan, make_user

    land = make_organization(name="Land Test", kind="state")
    kreis = make_organization(name="Landkreis Innen", parent=land)
    town = make_organization(name="Gemeinde Noch Intern", kind="municipality", parent=kreis)
    make_plan(town, status="draft", fields=1, measures_per_field=1, units=1)
    entry = Indicator.objects.catalogue().get(code="einbuergerungen")
    services.indicator_adopt(entry=entry, organization=town, by=None)
    elsewhere = make_organization(name="Landkreis Anderswo")
    make_plan(elsewhere, status="adopted", fields=1, measures_per_field=1, units=1)

    public = Client().get(reverse("portal:land_overview")).content.decode()
    assert "Noch Intern" not in public and "Landkreis Anderswo" in public
    client.force_login(make_user(land, Role.READER))
    inside = client.get(reverse("indicators:land_overview", args=[land.slug])).content.decode()
    assert "Gemeinde Noch Intern" in inside and "in Erarbeitung" in inside
    assert "Einbürgerungen</span> (nicht im Portal)" in inside
    assert "Landkreis Anderswo" not in inside
    other_land = make_organization(name="Anderes Land", kind="state")
    assert (
        client.get(reverse("indicators:land_overview", args=[other_land.slug])).status_code == 404
    )


def test_a_land_with_an_ags_sees_the_kreise_and_gemeinden_of_its_ags(db, client):
    """Baden-Württemberg (AGS 08000000) sees Landkreis Böblingen (08115000) without a parent link,
    not Bayern's towns."""
    from teilhabe.organizations.models import Role
    from teilhabe.testing import make_organization, make_plan, make_user

    land = make_organization(name="Land Baden-Württemberg", kind="state", ags="08000000")
    kreis = make_organization(name="Landkreis Böblingen", ags="08115000")
    make_plan(kreis, status="draft", fields=1, measures_per_field=1, units=1)
    bavarian = make_organization(name="Landkreis Bayern", ags="09162000")
    make_plan(bavarian, status="adopted", fields=1, measures_per_field=1, units=1)
    client.force_login(make_user(land, Role.READER))
    inside = client.get(reverse("indicators:land_overview", args=[land.slug])).content.decode()
    assert "Landkreis Böblingen" in inside and "Landkreis Bayern" not in inside


def test_the_target_form_starts_with_the_plans_target(db, client):
    from teilhabe.organizations.models import Role
    from teilhabe.testing import make_plan, make_user

    plan, _report, _units = make_plan(status="adopted", fields=1, measures_per_field=1, units=1)
    entry = Indicator.objects.catalogue().get(code="einbuergerungen")
    indicator = services.indicator_adopt(entry=entry, organization=plan.organization, by=None)
    client.force_login(make_user(plan.organization, Role.COORDINATOR))
    url = reverse("indicators:indicator_detail", args=[indicator.pk])
    assert "noch keinen Zielwert" in client.get(url).content.decode()
    services.target_set(
        indicator=indicator,
        plan=plan,
        baseline_year=2016,
        baseline_value=Decimal(800),
        target_year=2022,
        target_value=Decimal(1000),
        by=None,
    )
    page = client.get(url).content.decode()
    assert "Speichern ändert ihn" in page
    assert 'name="baseline_year" value="2016"' in page and 'name="target_year" value="2022"' in page

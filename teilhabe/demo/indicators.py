"""Indicators of the demo (issue 15): Landkreis Böblingen's Einbürgerungen with a target on field
1 "Aufbrechen und Ankommen", and Leinfelden-Echterdingen's figures of 2017 from seed 004.

Only what the seeds say is real: 800 Einbürgerungen in 2016 (seed 002) and Leinfelden-
Echterdingen's 40,000 inhabitants, 7,000 with a foreign passport, 17.5 % and more than 120
nationalities in 2017 (seed 004). Every other value and the target are sample data, and the
indicators say so in their description.
"""

from decimal import Decimal

from teilhabe.documents.observations import ObservationRow
from teilhabe.indicators import services
from teilhabe.indicators.models import Indicator
from teilhabe.organizations.models import Organization
from teilhabe.portal.models import Licence, PortalProfile


def _values(indicator, known, values):
    rows = [
        ObservationRow(line=index, ags=ags, year=year, value=Decimal(value), flag=flag)
        for index, (ags, year, value, flag) in enumerate(values, start=1)
    ]
    services.observations_import(indicator=indicator, rows=rows, known=known, by=None)


def _licence(organization) -> str:
    """The figures go out under the licence the organisation's portal names for its data."""
    licence = (
        PortalProfile.objects.filter(organization=organization)
        .values_list("data_licence", flat=True)
        .first()
    )
    return Licence(licence).label if licence else ""


def _adopt(code, organization, description_note):
    entry = Indicator.objects.catalogue().get(code=code)
    indicator = services.indicator_adopt(entry=entry, organization=organization, by=None)
    return services.indicator_update(
        indicator=indicator,
        version=indicator.version,
        by=None,
        public=True,
        description=f"{indicator.description} {description_note}".strip(),
        licence=_licence(organization),
    )


def load_indicators_demo() -> None:
    services.catalogue_ensure()
    boeblingen = Organization.objects.get(slug="landkreis-boeblingen")
    le = Organization.objects.get(slug="leinfelden-echterdingen")
    known = services.known_keys([boeblingen, le])

    naturalisations = _adopt(
        "einbuergerungen",
        boeblingen,
        "Der Wert 2016 (800 Einbürgerungen) steht in der Bilanz 2017; die übrigen Werte und der "
        "Zielwert sind Beispieldaten.",
    )
    _values(
        naturalisations,
        known,
        [
            ("08115000", 2014, "690", ""),
            ("08115000", 2015, "745", ""),
            ("08115000", 2016, "800", ""),  # seed 002
            ("08115000", 2017, "820", ""),
            ("08115000", 2018, "865", "provisional"),
        ],
    )
    plan = boeblingen.plans.get(slug="landkreis-boeblingen")
    services.target_set(
        indicator=naturalisations,
        plan=plan,
        field=plan.fields.get(number=1),
        baseline_year=2016,
        baseline_value=Decimal("800"),
        target_year=2022,
        target_value=Decimal("1000"),
        by=None,
    )

    foreign_share = _adopt(
        "auslaenderanteil",
        le,
        "Der Wert 2017 der Stadt (17,5 %) steht im Beschluss von 2020; die Werte des "
        "Landkreises Esslingen und des Landes sind Beispieldaten.",
    )
    _values(
        foreign_share,
        known,
        [
            ("08116078", 2017, "17.5", ""),  # seed 004
            ("08116000", 2017, "16.9", ""),
            ("08000000", 2017, "15.2", ""),
        ],
    )
    for code, title, unit, value in (
        ("einwohner", "Einwohnerinnen und Einwohner", "Personen", "40000"),
        ("auslaendischer-pass", "Einwohner mit ausländischem Pass", "Personen", "7000"),
        ("nationalitaeten", "Nationalitäten in der Stadt (mehr als 120)", "Anzahl", "120"),
    ):
        indicator = services.indicator_create(
            organization=le,
            code=code,
            title=title,
            unit=unit,
            description="Stand 2017, wie ihn der Beschluss der Stadt von 2020 nennt.",
            source="Stadt Leinfelden-Echterdingen",
            licence=_licence(le),
            direction="none",  # they describe the town; no value is better
            public=True,
            by=None,
        )
        _values(indicator, known, [("08116078", 2017, value, "")])


# A sample Integrationskonzept of the Landkreis Esslingen (2017), internal: seed 004 says
# Leinfelden-Echterdingen's plan "soll eng abgestimmt" with it, but its text is not in the seeds.
ESSLINGEN_SAMPLE = [
    (
        1,
        "Sprache und Bildung",
        ["Sprachförderung von der Kita bis zum Beruf", "Elternarbeit stärken"],
    ),
    (2, "Arbeit und Wohnen", ["Zugang zu Ausbildung und Arbeit", "Bezahlbaren Wohnraum schaffen"]),
    (3, "Zusammenleben und Engagement", ["Ehrenamt in der Flüchtlingsarbeit begleiten"]),
]


def load_alignment_demo() -> None:
    from teilhabe.plans import services as plan_services

    esslingen = Organization.objects.get(slug="landkreis-esslingen")
    le_plan = Organization.objects.get(slug="leinfelden-echterdingen").plans.get()
    kreis_plan = plan_services.plan_create(
        organization=esslingen,
        title="Integrationskonzept des Landkreises Esslingen (Beispieldaten)",
        slug="integrationskonzept-2017",
        status="draft",
        by=None,
    )
    goals = {}
    for number, title, goal_titles in ESSLINGEN_SAMPLE:
        field = plan_services.field_create(plan=kreis_plan, number=number, title=title, by=None)
        for goal_title in goal_titles:
            goals[goal_title] = plan_services.goal_create(field=field, title=goal_title, by=None)
    # Leinfelden-Echterdingen's first measures, each pointing at the Kreis's goal it serves.
    fields = {f.number: f for f in le_plan.fields.all()}
    for field_number, title, goal_title, kind, note in (
        (
            1,
            "Ehrenamtliche Lotsen für neu Zugezogene",
            "Ehrenamt in der Flüchtlingsarbeit begleiten",
            "contributes",
            "",
        ),
        (
            2,
            "LE mietet: Wohnraum für Geflüchtete anmieten",
            "Bezahlbaren Wohnraum schaffen",
            "adopts",
            "",
        ),
        (
            3,
            "Sprachcafé in den Stadtteilen",
            "Sprachförderung von der Kita bis zum Beruf",
            "deviates",
            "Die Stadt setzt auf offene Treffs statt auf Kurse; Kurse bietet die VHS an.",
        ),
    ):
        measure = plan_services.measure_create(field=fields[field_number], title=title, by=None)
        services.alignment_create(
            source=measure, target=goals[goal_title], kind=kind, note=note, by=None
        )

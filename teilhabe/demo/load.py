"""Demo data from the real documents: Landkreis Böblingen's plan with its Bilanz of 20 February 2017
(loaded through the importer), and Leinfelden-Echterdingen's plan in preparation (seed 004)."""

import datetime as dt
from pathlib import Path

from django.db import transaction

from teilhabe.demo.council import load_council_demo
from teilhabe.demo.funding import load_funding_demo
from teilhabe.demo.indicators import load_alignment_demo, load_indicators_demo
from teilhabe.demo.interpreters import load_interpreters_demo
from teilhabe.demo.offers import load_offers_demo
from teilhabe.demo.participation import load_boeblingen_participation
from teilhabe.demo.portal import load_portal_demo
from teilhabe.demo.practices import load_practices_demo
from teilhabe.demo.prioritization import load_le_participation
from teilhabe.demo.survey import load_survey_demo
from teilhabe.documents.bilanz import parse_bilanz
from teilhabe.organizations import services as org_services
from teilhabe.organizations.models import Organization, Role
from teilhabe.plans import services
from teilhabe.plans.models import Measure
from teilhabe.plans.services.bilanz_import import bilanz_import
from teilhabe.plans.services.publication import bilanz_publish

SEEDS = Path(__file__).parent / "seeds"
DEMO_PASSWORD = "teilhabe-demo"
# The organisation that runs the demo site: config/settings/dev.py sets TEILHABE_SITE_OPERATOR to it,
# so the site-wide legal pages are Landkreis Böblingen's (the demo's only organisation with a
# published plan). Landkreis Esslingen is in the demo only as an empty parent-less organisation.
DEMO_SITE_OPERATOR = "landkreis-boeblingen"

# Offices named in the Bilanz; which one leads a field's measures is the demo's assumption.
BOEBLINGEN_UNITS = {
    "Amt für Migration und Flüchtlinge": [1, 3, 6, 7, 8],
    "Sozialdezernat": [2],
    "Amt für Jugend und Bildung": [4],
    "Gesundheitsamt": [5],
}

DEMO_USERS = [
    # (email, name, organisation slug, role, unit name)
    ("admin@lrabb.example", ("Anna", "Admin"), "landkreis-boeblingen", Role.ADMIN, None),
    (
        "koordination@lrabb.example",
        ("Carolina", "Koordination"),
        "landkreis-boeblingen",
        Role.COORDINATOR,
        None,
    ),
    (
        "gesundheitsamt@lrabb.example",
        ("Gerd", "Gesundheitsamt"),
        "landkreis-boeblingen",
        Role.EDITOR,
        "Gesundheitsamt",
    ),
    ("kreistag@lrabb.example", ("Kira", "Kreisrätin"), "landkreis-boeblingen", Role.READER, None),
    # The integration fund's reviewer (Integrationsrat) and finance office (teilhabe/demo/funding.py).
    (
        "integrationsrat@lrabb.example",
        ("Ibrahim", "Integrationsrat"),
        "landkreis-boeblingen",
        Role.READER,
        None,
    ),
    ("kasse@lrabb.example", ("Karl", "Kreiskasse"), "landkreis-boeblingen", Role.READER, None),
    (
        "integration@lra-es.example",
        ("Emil", "Kreisplanung"),
        "landkreis-esslingen",
        Role.COORDINATOR,
        None,
    ),
    (
        "integration@le.example",
        ("Lea", "Kontaktstelle"),
        "leinfelden-echterdingen",
        Role.COORDINATOR,
        None,
    ),
    # The Land's overview of its Kreise and Gemeinden, internal drafts included (issue 15).
    (
        "integration@land-bw.example",
        ("Lina", "Landesebene"),
        "land-baden-wuerttemberg",
        Role.READER,
        None,
    ),
]

LE_FIELDS = [
    "Ehrenamtliches Engagement",
    "Arbeitsmarkt, Wohnen, Sprache",
    "Integration im Bildungsbereich (Kita/Schule)",
    "Interkulturelles Zusammenleben (Gesellschaft, Kultur, Religion)",
]

LE_MILESTONES = [
    # kind, title, due (end of the season the paper names), done, wording of the paper
    (
        "decision",
        "Beschluss im Verwaltungs-, Kultur- und Sozialausschuss",
        dt.date(2020, 3, 31),
        dt.date(2020, 3, 10),
        "März 2020: VKS Beschluss",
    ),
    # The paper asks for it first ("zunächst den IST Stand zu ermitteln") but gives no date.
    (
        "inventory",
        "IST-Stand ermitteln: vorhandene Angebote und Aktivitäten",
        None,
        None,
        "zunächst den IST-Stand ermitteln",
    ),
    ("interim_report", "Zwischenbericht", dt.date(2020, 11, 30), None, "Herbst 2020"),
    (
        "council",
        "Einbringung des Integrationsplans in den Gemeinderat",
        dt.date(2021, 5, 31),
        None,
        "Frühjahr 2021",
    ),
    (
        "priority_list",
        "Erarbeitung einer Prioritätenliste",
        dt.date(2021, 7, 15),
        None,
        "Frühsommer 2021",
    ),
    ("implementation", "Umsetzung der Maßnahmen", dt.date(2021, 10, 1), None, "ab Herbst 2021"),
]


def is_loaded() -> bool:
    return Organization.objects.filter(slug=DEMO_SITE_OPERATOR).exists()


@transaction.atomic
def load_demo() -> None:
    # The Land is found above its Kreise by the AGS (08…), not by a parent link.
    land = org_services.organization_create(
        name="Land Baden-Württemberg", slug="land-baden-wuerttemberg", kind="state", ags="08000000"
    )
    esslingen = org_services.organization_create(
        name="Landkreis Esslingen", slug="landkreis-esslingen", kind="district", ags="08116000"
    )
    boeblingen = org_services.organization_create(
        name="Landkreis Böblingen", slug="landkreis-boeblingen", kind="district", ags="08115000"
    )
    le = org_services.organization_create(
        name="Stadt Leinfelden-Echterdingen",
        slug="leinfelden-echterdingen",
        kind="city",
        # 08 1 16 078 (Statistisches Landesamt BW); issue 15 guessed …076.
        ags="08116078",
        parent=esslingen,
    )
    units = {
        name: org_services.unit_create(organization=boeblingen, name=name)
        for name in [*BOEBLINGEN_UNITS, "Stabsstelle Sozialplanung"]
    }
    units["Amt für soziale Dienste"] = org_services.unit_create(
        organization=le, name="Amt für soziale Dienste"
    )

    _boeblingen_plan(boeblingen, units)
    _leinfelden_echterdingen_plan(le, units["Amt für soziale Dienste"])

    organizations = {o.slug: o for o in (boeblingen, le, esslingen, land)}
    for email, (first, last), org_slug, role, unit_name in DEMO_USERS:
        user = org_services.user_create(
            email=email, password=DEMO_PASSWORD, first_name=first, last_name=last
        )
        org_services.membership_set(
            user=user,
            organization=organizations[org_slug],
            role=role,
            unit=units.get(unit_name) if unit_name else None,
        )
    load_portal_demo()
    # Issue 4: Böblingen's Fachtag 2014 and its recommendations, the council papers, and
    # Leinfelden-Echterdingen's project group with its Prioritätenliste.
    load_boeblingen_participation()
    load_council_demo()
    load_le_participation()
    load_indicators_demo()
    load_alignment_demo()
    load_interpreters_demo()
    load_survey_demo()
    load_offers_demo()
    load_funding_demo()
    load_practices_demo()


def _boeblingen_plan(organization, units):
    plan = services.plan_create(
        organization=organization,
        title="Integrationsplan des Landkreises Böblingen",
        slug="landkreis-boeblingen",
        status="adopted",
        adopted_on=dt.date(2014, 12, 15),
        council_reference="234/2014",
        introduction=(
            "Handlungsempfehlungen für eine gelingende Integration von Zugewanderten im Landkreis "
            "Böblingen. Der erste Integrationsplan wurde Ende 2014 vom Kreistag verabschiedet und im "
            "August 2015 veröffentlicht."
        ),
        by=None,
    )
    document = parse_bilanz((SEEDS / "boeblingen_bilanz_2017.txt").read_bytes(), "bilanz_2017.txt")
    result = bilanz_import(document=document, plan=plan, by=None)
    for unit_name, field_numbers in BOEBLINGEN_UNITS.items():
        for measure in Measure.objects.filter(field__plan=plan, field__number__in=field_numbers):
            services.measure_update(
                measure=measure, version=measure.version, lead_unit=units[unit_name], by=None
            )
    bilanz_publish(report=result.report, by=None)
    # The next Bilanz starts as a copy of the published state: offices report what changed.
    today = dt.date.today()
    services.report_create(plan=plan, as_of=today, title=f"Bilanz {today.year}", by=None)
    return plan


def _leinfelden_echterdingen_plan(organization, unit):
    plan = services.plan_create(
        organization=organization,
        title="Integrationsplan Leinfelden-Echterdingen",
        slug="leinfelden-echterdingen",
        status="draft",
        # A town asks its residents while drafting: the participation is public, the draft not.
        draft_visibility="participation",
        council_reference="VKS 10.03.2020",
        introduction=(
            "Der Verwaltungs-, Kultur- und Sozialausschuss hat die Verwaltung am 10.03.2020 beauftragt, "
            "einen Integrationsplan zu erarbeiten: zuerst den IST-Stand ermitteln, dann in einem "
            "Beteiligungsprozess mit einer Projektgruppe weitere Maßnahmen erarbeiten. Für die "
            "Erarbeitung sind jährlich 5.000 Euro veranschlagt."
        ),
        by=None,
    )
    for number, title in enumerate(LE_FIELDS, start=1):
        services.field_create(plan=plan, number=number, title=title, by=None)
    for kind, title, due_on, done_on, wording in LE_MILESTONES:
        services.milestone_create(
            plan=plan,
            kind=kind,
            title=title,
            due_on=due_on,
            done_on=done_on,
            description=f"Zeitplan der Vorlage: {wording}",
            by=None,
        )
    return plan


def demo_logins() -> list[tuple[str, str]]:
    names = dict(Organization.objects.values_list("slug", "name"))
    return [
        (email, f"{Role(role).label}, {names.get(org, org)}")
        for email, _, org, role, _ in DEMO_USERS
    ]

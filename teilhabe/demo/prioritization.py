"""Demo: Leinfelden-Echterdingen's Beteiligungsprozess: the project group of seed 004 and its Prioritätenliste.

What the seed says (VKS 10.03.2020, "Erarbeitung eines Integrationsplans"): a Beteiligungsprozess
on four themes from the Kommunaler Flüchtlingsdialog 2017, a Projektgruppe with representatives
of migrant organisations, refugee groups, the Gemeinderat, schools, the Stadtjugendring, the
StadtSeniorenRat, the Vereinsring, the churches and the offices, and a timeline with a
Prioritätenliste in Frühsommer 2021.

What the seed does not say, and the demo invents (saying so in every text people read):
the members (one fictional person per group named in the seed, "(Demo)", example.org
addresses), the draft proposals of the project group (two per theme, built from the activities
the seed lists), and a closed dot vote with made-up ballots. The milestone "Prioritätenliste"
is marked done on the day the demo vote closed, and its description says that this is demo data.

Everything is written through the service functions of processes (engineer 1), recommendations
(engineer 3), prioritisation and milestones; only the closing date of the vote is set on the
model directly, because the service stamps the moment it runs and the demo tells a 2021 story.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from teilhabe.organizations.models import User
from teilhabe.participation.models import FormatKind, MemberSector, Prioritization, ProcessStatus
from teilhabe.participation.services.prioritization import (
    ballot_submit,
    options_of,
    prioritization_close,
    prioritization_create,
)
from teilhabe.participation.services.processes import format_create, member_add, process_create
from teilhabe.participation.services.recommendations import recommendation_create
from teilhabe.plans.models import Plan
from teilhabe.plans.services.milestones import milestone_update

PLAN_SLUG = "leinfelden-echterdingen"
PROCESS_SLUG = "integrationsplan"
COORDINATOR = "integration@le.example"
BERLIN = ZoneInfo("Europe/Berlin")
DEMO_NOTE = "Hinweis der Demo: "
# Inside "Frühsommer 2021", the seed's wording for the Prioritätenliste.
VOTE_CLOSED_ON = dt.date(2021, 6, 30)

PROCESS_TITLE = "Beteiligungsprozess Integrationsplan Leinfelden-Echterdingen"
PROCESS_DESCRIPTION = (
    "Der Verwaltungs-, Kultur- und Sozialausschuss hat die Verwaltung am 10.03.2020 beauftragt, "
    "einen Integrationsplan zu erarbeiten. Nach dem IST-Stand soll in einem Beteiligungsprozess "
    "erarbeitet werden, welche weiteren Aktivitäten und Maßnahmen konkret notwendig sind, um "
    "gelingende Integration auch für die Zukunft sicherzustellen. Grundlage sind die Themen des "
    "kommunalen Flüchtlingsdialogs 2017: Ehrenamtliches Engagement; Arbeitsmarkt, Wohnen, "
    "Sprache; Integration im Bildungsbereich (Kita/Schule); interkulturelles Zusammenleben "
    "(Gesellschaft, Kultur, Religion etc.).\n\n"
    f"{DEMO_NOTE}Die Mitglieder der Projektgruppe, ihre Vorschläge und die Abstimmung sind "
    "erfunden, um den Ablauf auf der Plattform zu zeigen. Die Vorlage nennt nur, welche Gruppen "
    "vertreten sein sollen."
)
GROUP_TITLE = "Projektgruppe Integrationsplan"
GROUP_DESCRIPTION = (
    "Angedacht ist eine Projektgruppe mit Vertretern aus Migrationsorganisationen, "
    "Flüchtlingskreisen, Vertretern aus dem Gemeinderat, Bildungseinrichtungen, "
    "Stadtjugendring, StadtSeniorenRat, Vereinsring, Kirchengemeinden und verschiedenen "
    "Fachämtern aus der Verwaltung (Vorlage VKS 10.03.2020).\n\n"
    f"{DEMO_NOTE}Je Gruppe ein erfundenes Mitglied."
)

# The groups the seed names, in its order, with the sector they belong to.
MEMBERS = [
    ("Migrationsorganisationen", MemberSector.MIGRANT_ORGANIZATION, "migrationsorganisationen"),
    ("Flüchtlingskreise", MemberSector.REFUGEE_GROUP, "fluechtlingskreise"),
    ("Gemeinderat", MemberSector.COUNCIL, "gemeinderat"),
    ("Bildungseinrichtungen", MemberSector.EDUCATION, "bildungseinrichtungen"),
    ("Stadtjugendring", MemberSector.YOUTH_COUNCIL, "stadtjugendring"),
    ("StadtSeniorenRat", MemberSector.SENIOR_COUNCIL, "stadtseniorenrat"),
    ("Vereinsring", MemberSector.CLUBS, "vereinsring"),
    ("Kirchengemeinden", MemberSector.CHURCH, "kirchengemeinden"),
    ("Fachämter der Verwaltung", MemberSector.OFFICE, "fachaemter"),
]

DRAFT = " (Entwurf der Projektgruppe, Demo-Inhalt)"

# Two draft proposals per theme of the seed, built from the activities the seed lists.
PROPOSALS = [
    (
        "Ehrenamtliches Engagement",
        "Fortbildung und Anerkennung für Ehrenamtliche ausbauen.",
        [
            (
                "Die Fortbildungsreihe „Qualifiziert Engagiert“ fortführen und gezielt Menschen mit "
                "eigener Migrationsgeschichte dafür gewinnen."
            ),
            (
                "Einmal im Jahr das ehrenamtliche Engagement in der Migrations- und "
                "Flüchtlingsarbeit öffentlich würdigen."
            ),
        ],
    ),
    (
        "Ehrenamtliches Engagement",
        "Haupt- und Ehrenamt in der Flüchtlingsarbeit besser vernetzen.",
        [
            (
                "Den Runden Tisch Flüchtlingsarbeit als feste Austauschrunde zwischen "
                "Integrationsmanagement und Ehrenamtlichen weiterführen."
            ),
            (
                "Eine Übersicht der Ansprechpersonen in der Verwaltung für Ehrenamtliche "
                "veröffentlichen."
            ),
        ],
    ),
    (
        "Arbeitsmarkt, Wohnen, Sprache",
        "Zugang zu Wohnraum erleichtern.",
        [
            "Das Projekt „LE mietet“ fortführen und weitere Vermieterinnen und Vermieter gewinnen.",
            "Beratung zu Mietrecht und Wohnungssuche in mehreren Sprachen anbieten.",
        ],
    ),
    (
        "Arbeitsmarkt, Wohnen, Sprache",
        "Sprache und Arbeit zusammen denken.",
        [
            (
                "Sprachkurse mit Kinderbetreuung anbieten, damit auch Eltern kleiner Kinder "
                "teilnehmen können."
            ),
            "Das Projekt „Integration durch Arbeit“ mit örtlichen Betrieben fortsetzen.",
        ],
    ),
    (
        "Integration im Bildungsbereich (Kita/Schule)",
        "Eltern mit Migrationsgeschichte in Kita und Schule einbeziehen.",
        [
            (
                "Für Elterngespräche in Kita und Schule Sprachmittlung über den Dolmetscherpool "
                "anbieten."
            ),
            "Elternbegleiterinnen und -begleiter gewinnen und schulen.",
        ],
    ),
    (
        "Integration im Bildungsbereich (Kita/Schule)",
        "Früh ankommen: Angebote vor der Kita stärken.",
        [
            "Die Internationale Krabbelgruppe und den Babytreff an weiteren Orten anbieten.",
            "Familien beim Übergang in die Kita begleiten.",
        ],
    ),
    (
        "Interkulturelles Zusammenleben (Gesellschaft, Kultur, Religion)",
        "Begegnung in der Stadt sichtbar machen.",
        [
            (
                "Die Interkulturelle Woche gemeinsam mit Vereinen und Migrationsorganisationen "
                "gestalten."
            ),
            (
                "Die Leinfelden-Echterdingen interkulturelle Plattform (LEIK) als Treffpunkt "
                "bekannter machen."
            ),
        ],
    ),
    (
        "Interkulturelles Zusammenleben (Gesellschaft, Kultur, Religion)",
        "Den Dialog der Religionen fortführen.",
        [
            (
                "Den Arbeitskreis Religionen im Gespräch unterstützen und seine Veranstaltungen "
                "in der ganzen Stadt anbieten."
            ),
            "Gemeindehäuser und Moscheen für Begegnungen öffnen (Tag der offenen Tür).",
        ],
    ),
]

# Made-up dot-sticker ballots: member (by group) → {proposal index: points}; 5 points each,
# at most 3 on one proposal.
BALLOTS = {
    "Migrationsorganisationen": {3: 2, 4: 2, 6: 1},
    "Flüchtlingskreise": {2: 3, 3: 2},
    "Gemeinderat": {2: 2, 3: 2, 0: 1},
    "Bildungseinrichtungen": {4: 3, 5: 2},
    "Stadtjugendring": {6: 3, 4: 1, 1: 1},
    "StadtSeniorenRat": {1: 2, 7: 2, 0: 1},
    "Vereinsring": {0: 3, 6: 2},
    "Kirchengemeinden": {7: 3, 1: 2},
    "Fachämter der Verwaltung": {2: 2, 4: 2, 3: 1},
}

PRIORITIZATION_TITLE = "Prioritätenliste der Projektgruppe"


def load_le_participation() -> None:
    """Process, project group, draft proposals, a closed dot vote and the timeline."""
    plan = Plan.objects.get(slug=PLAN_SLUG)
    coordinator = User.objects.filter(email=COORDINATOR).first()
    process = process_create(
        plan=plan,
        title=PROCESS_TITLE,
        slug=PROCESS_SLUG,
        description=PROCESS_DESCRIPTION,
        status=ProcessStatus.RUNNING,
        public=True,
        by=coordinator,
    )
    group = format_create(
        process=process,
        kind=FormatKind.PROJECT_GROUP,
        title=GROUP_TITLE,
        theme="Integrationsplan: weitere Aktivitäten und Maßnahmen für gelingende Integration",
        description=GROUP_DESCRIPTION,
        by=coordinator,
    )
    members = {
        name: member_add(
            group=group,
            name=f"Mitglied {name} (Demo)",
            email=f"projektgruppe-{address}@example.org",
            affiliation=name,
            sector=sector,
            by=coordinator,
        )
        for name, sector, address in MEMBERS
    }
    proposals = [
        recommendation_create(
            process=process,
            text=f"{theme}: {text}{DRAFT}",
            items=items,
            by=coordinator,
        )
        for theme, text, items in PROPOSALS
    ]
    prioritization = prioritization_create(
        group=group,
        title=PRIORITIZATION_TITLE,
        method="dots",
        points_per_member=5,
        max_points_per_option=3,
        all_points_required=True,
        options=proposals,
        by=coordinator,
    )
    option_by_proposal = {o.recommendation_id: o.pk for o in options_of(prioritization)}
    for name, points in BALLOTS.items():
        ballot_submit(
            prioritization=prioritization,
            member=members[name],
            values={option_by_proposal[proposals[i].pk]: p for i, p in points.items()},
            by=coordinator,
        )
    prioritization_close(prioritization=prioritization, by=coordinator)
    closed_at = dt.datetime.combine(VOTE_CLOSED_ON, dt.time(18, 0), tzinfo=BERLIN)
    Prioritization.objects.filter(pk=prioritization.pk).update(closed_at=closed_at)
    _timeline(plan, coordinator)


def _timeline(plan, coordinator) -> None:
    milestone = plan.milestones.filter(kind="priority_list").first()
    if milestone is None:
        return
    milestone_update(
        milestone=milestone,
        version=milestone.version,
        done_on=VOTE_CLOSED_ON,
        description=(
            f"{milestone.description}\n\n"
            f"{DEMO_NOTE}Das Erledigt-Datum ist Demo-Inhalt: Es ist der Tag, an dem die "
            f"erfundene Abstimmung „{PRIORITIZATION_TITLE}“ der Projektgruppe (Punktevergabe, "
            "je Mitglied 5 Punkte) in der Demo abgeschlossen wurde. Die Unterlagen sagen nicht, "
            "wann die Prioritätenliste tatsächlich entstand."
        ),
        by=coordinator,
    )

"""A realistic Bilanz, taken from Landkreis Böblingen's report of 20 February 2017 (seed 002),
built through the service functions: for tests that read text back and for looking at pages."""

import datetime as dt

from teilhabe.organizations import services as org_services
from teilhabe.plans import services

INTRODUCTION = (
    "Ende 2014 wurde der erste Integrationsplan des Landkreises Böblingen vom Kreistag "
    "verabschiedet (Kreistagsdrucksache Nr. 234/2014 bzw. Kreistagsdrucksache Nr. 234/2014/1). "
    "Nach Kreistagsbeschluss erfolgte eine Überarbeitung des Planes, bei der die Dokumentation "
    "zum Fachtag „Gemeinsam für Integration und Teilhabe“ eingearbeitet wurde.\n\n"
    "Im August 2015 wurde der Integrationsplan des Landkreises veröffentlicht."
)

OUTLOOK = (
    "Die ursprüngliche Arbeitsgruppe („Peergroup“) für die Erstellung des Integrationsplans wird "
    "am 29. März 2017 eingeladen und „reaktiviert“, um weiteres Vorgehen zu vereinbaren. Dabei "
    "ist zu klären, welche weiteren Akteure, Institutionen und Organisationen eingebunden, welche "
    "thematischen Schwerpunkte zeitnah behandelt und entsprechende Arbeitsformen installiert "
    "werden sollen.\n\n"
    "Der Arbeitsprozess, die Zusammenstellung der Arbeitsgruppen und die vereinbarten "
    "Zielsetzungen sollen am 27. November im Sozial- und Gesundheitsausschuss vorgestellt werden."
)

# (title, motto, introduction, [(goal, description, status, percent, wording)], [examples])
FIELDS = [
    (
        "Aufbrechen und Ankommen",
        "Hier bin ich",
        (
            "Im Handlungsfeld Aufbrechen und Ankommen wurden schwerpunktmäßig Handlungsempfehlungen "
            "zum Aufbau und Wirkungsfeld einer Willkommenskultur aufgelistet und benannt."
        ),
        [
            (
                "Schaffung des Amtes Integration und Flüchtlinge",
                (
                    "Koordination von Integrationsfragen, Verankerung von Integration als "
                    "Querschnittsaufgabe, Ausstattung mit Haushaltsmitteln um Handlungsansätze "
                    "umzusetzen („Willkommenskultur“)"
                ),
                "done",
                None,
                "100% umgesetzt",
            ),
            (
                "Interkulturellen Prozess der Verwaltung veranlassen, konzipieren und durchführen",
                (
                    "Im Rahmen des Projektes „Kulturen integrieren – Initiative zur interkulturellen "
                    "Öffnung baden-württembergischer Kommunen“ wurden Ende 2013 Seminareinheiten im "
                    "Landratsamt angeboten. Ab 2017: langfristigen interkulturellen Öffnungsprozess "
                    "als Personal- und Organisationsentwicklung initiieren."
                ),
                "in_progress",
                None,
                "Ausschreibung erfolgt im Februar 2017 – Maßnahme in Arbeit",
            ),
            (
                "Einbürgerungskampagne initiieren",
                (
                    "Anschreiben vom Landrat an potentielle Einzubürgernde (ab 2012), bis dato sehr "
                    "erfolgreiches Instrument der „Mund-zu-Mund-Propaganda“"
                ),
                "in_coordination",
                None,
                "Befindet sich im Abstimmungsprozess (noch nicht umgesetzt)",
            ),
        ],
        [
            (
                (
                    "In Sindelfingen wird aktuell im Rahmen des Projektes „Weiterentwicklung der "
                    "Integrationsarbeit“ ein Leitbild für eine interkulturelle Verwaltung formuliert"
                ),
                "Amt für soziale Dienste",
            ),
        ],
    ),
    (
        "Wohnen",
        "Wohnen und Wohlfühlen",
        (
            "Im Handlungsfeld Wohnen wurden zum einen Steuerungsmöglichkeiten für Kommunen und zum "
            "anderen das Wohnen im Alter benannt."
        ),
        [
            (
                "Ein „Runder Tisch“ wird als Informations- und Austauschplattform eingerichtet",
                (
                    "Das „Bündnis für bezahlbares Wohnen und Bauen“ führt einen Dialog mit den "
                    "Kommunen, der Immobilienwirtschaft sowie der Liga der freien Wohlfahrtspflege."
                ),
                "done",
                None,
                "",
            ),
            (
                (
                    "Die Verantwortlichen für die Planung beteiligen Migrantenorganisationen "
                    "systematisch im Planungsprozess."
                ),
                "Dies ist eine Aufgabe der Städte und Gemeinden.",
                "not_started",
                None,
                "Nicht umgesetzt.",
            ),
        ],
        [
            (
                (
                    "Das Wohnprojekt „Integratives Wohnen“ von der Hoffnungsträger Stiftung in "
                    "Leonberg."
                ),
                "",
            ),
        ],
    ),
    (
        "Sprache",
        "Vielsprachigkeit als Ressource",
        (
            "Im Handlungsfeld Sprache wurden hauptsächlich Handlungsempfehlungen zum Erwerb der "
            "deutschen Sprache sowie zum Überwinden von Sprachbarrieren aufgeführt."
        ),
        [
            (
                "Ehrenamtlicher Dolmetscher-Pool",
                (
                    "Ein Konzept für die Einführung eines Dolmetscher-Pools befindet sich im Moment "
                    "noch in Ausarbeitung"
                ),
                "in_progress",
                15,
                "Umsetzung 15%",
            ),
            (
                "Gemeinsamer Austausch mit diversen Trägern",
                (
                    "Im Gremium Transparenz in der Sprachförderung werden aktuelle Themen gemeinsam "
                    "diskutiert."
                ),
                "in_progress",
                50,
                "",
            ),
        ],
        [
            ("Die Caritas Sindelfingen hält einen ehrenamtlichen Dolmetscher-Pool vor.", ""),
        ],
    ),
    (
        "Religion",
        "Dialog statt Diagnose",
        (
            "Im Handlungsfeld Religion behandelt der Integrationsplan die Themen „Interreligiöse "
            "Gespräche“ und „Muslimische Krankenseelsorge“."
        ),
        [
            (
                "Integrationskurse werden bei Interesse einer Gemeinde vor Ort angeboten",
                (
                    "Integrationskurse und die Räumlichkeiten dafür müssen vom Bundesamt für "
                    "Migration und Flüchtlinge zugelassen und zertifiziert werden."
                ),
                "not_possible",
                None,
                "Umsetzung nicht möglich",
            ),
            (
                "Imame verschiedener Gemeinden sind besser in die Gesellschaft integriert",
                "",
                "unknown",
                None,
                "",
            ),
        ],
        [],
    ),
]


def make_boeblingen_plan(*, by=None, published=False):
    """Plan, report and an earlier published report (with older statuses) to compare with."""
    organization = org_services.organization_create(
        name="Landkreis Böblingen", slug="lk-boeblingen", kind="district"
    )
    unit = org_services.unit_create(organization=organization, name="Amt für Migration")
    plan = services.plan_create(
        organization=organization,
        title="Integrationsplan des Landkreises Böblingen",
        slug="integrationsplan-boeblingen",
        status="adopted",
        adopted_on=dt.date(2014, 12, 15),
        by=by,
    )
    for number, (title, motto, introduction, measures, _examples) in enumerate(FIELDS, start=1):
        field = services.field_create(
            plan=plan,
            number=number,
            title=title,
            motto=motto,
            introduction=introduction,
            by=by,
        )
        for goal, *_rest in measures:
            services.measure_create(field=field, title=goal, lead_unit=unit, by=by)

    earlier = services.report_create(
        plan=plan, as_of=dt.date(2016, 2, 1), title="Zwischenbericht", by=by
    )
    for entry in earlier.entries.select_related("report"):
        services.measure_update_progress(
            entry=entry,
            version=entry.version,
            status="not_started",
            percent=None,
            description="",
            by=by,
        )
    services.report_publish(report=earlier, by=by)

    report = services.report_create(
        plan=plan,
        as_of=dt.date(2017, 2, 20),
        title="Bilanz",
        introduction=INTRODUCTION,
        outlook=OUTLOOK,
        by=by,
    )
    entries = {
        entry.measure.title: entry for entry in report.entries.select_related("report", "measure")
    }
    for field in plan.fields.order_by("number"):
        _title, _motto, _intro, measures, examples = FIELDS[field.number - 1]
        for goal, description, status, percent, wording in measures:
            entry = entries[goal]
            services.measure_update_progress(
                entry=entry,
                version=entry.version,
                status=status,
                percent=percent,
                description=description,
                original_wording=wording,
                by=by,
            )
        for text, provider in examples:
            services.example_add(report=report, field=field, text=text, provider=provider, by=by)
    if published:
        report = services.report_publish(report=report, by=by)
    return plan, report

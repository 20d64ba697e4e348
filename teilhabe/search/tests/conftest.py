import datetime as dt

from teilhabe.testing.state import shared_fixture

# Words that only drafts contain: they must never be found.
DRAFT_WORDS = ("Entwurfsgeheimnis", "Zukunftswerkstatt", "Schattenbilanz")


def update_measure(measure, **changes):
    from teilhabe.plans import services

    measure.refresh_from_db()
    return services.measure_update(measure=measure, version=measure.version, by=None, **changes)


def publish(report):
    from teilhabe.plans import services

    return services.report_publish(report=report, by=None)


def build_search_setup(get):
    """Two public plans and a draft plan, with drafts wherever a plan can have them.

    Plan of the Landkreis (2 fields × 3 measures; the Bilanz 2017 published):
      field 1: 1.1 "Einbürgerungen" (done), 1.2 "Sprachkurs für Eltern" (in progress),
               1.3 "Übersetzung" (in coordination), led by office 1, 2, 1;
      field 2: a goal "Interkulturelle Öffnung", the field introduction "Gesundheitslotsen",
               2.1 (not started) led by another organisation, 2.2 (not possible),
               2.3 (no status);
      a draft Bilanz 2018: every measure "done" with draft words in every text.
    Plan of a city: 1.1 also mentions "Einbürgerungen" (published Bilanz).
    Draft plan of a municipality: "Einbürgerungen" and draft words everywhere.
    """
    from teilhabe.plans import services
    from teilhabe.testing import make_organization, make_plan

    plan, report, units = make_plan(make_organization("Landkreis Suchhausen"))
    organization = plan.organization
    field1, field2 = plan.fields.order_by("number")
    m11, m12, m13 = field1.measures.order_by("position")
    m21, m22, m23 = field2.measures.order_by("position")
    update_measure(m11, description="Wir begleiten Einbürgerungen und feiern sie im Landratsamt.")
    update_measure(
        m12,
        title="Sprachkurs für Eltern",
        description="Kurse am Vormittag mit Kinderbetreuung.",
    )
    update_measure(m13, description="Übersetzung von Bescheiden in einfache Sprache.")
    partner = make_organization("Stadt Partnerstadt", kind="city")
    update_measure(m21, lead_unit=None, lead_organization=partner, description="Quartiersarbeit")
    goal = services.goal_create(
        field=field2,
        title="Interkulturelle Öffnung der Verwaltung",
        description="Die Ämter öffnen sich für alle.",
        by=None,
    )
    field2.refresh_from_db()
    services.field_update(
        field=field2,
        version=field2.version,
        introduction="Gesundheitslotsen begleiten Familien zum Arzt.",
        by=None,
    )
    published = publish(report)
    draft = services.report_create(
        plan=plan,
        as_of=dt.date(2018, 3, 1),
        title=f"{DRAFT_WORDS[2]} 2018",
        introduction=DRAFT_WORDS[1],
        outlook=DRAFT_WORDS[1],
        by=None,
    )
    for entry in draft.entries.all():
        services.measure_update_progress(
            entry=entry,
            version=entry.version,
            status="done",
            percent=None,
            description=f"{DRAFT_WORDS[0]} {entry.pk}",
            original_wording=DRAFT_WORDS[0],
            by=None,
        )

    city_plan, city_report, _units = make_plan(
        make_organization("Stadt Anderswo", kind="city"), fields=1, measures_per_field=1
    )
    city_measure = city_plan.fields.get().measures.get()
    update_measure(city_measure, description="Auch hier gibt es Einbürgerungen.")
    publish(city_report)

    draft_plan, _report, _units = make_plan(
        make_organization("Gemeinde Entwurfsdorf", kind="municipality"),
        status="draft",
        fields=1,
        measures_per_field=1,
    )
    draft_measure = draft_plan.fields.get().measures.get()
    update_measure(
        draft_measure,
        title=f"{DRAFT_WORDS[0]} Einbürgerungen",
        description=f"Einbürgerungen {DRAFT_WORDS[1]}",
    )
    return {
        "plan": plan,
        "organization": organization,
        "units": units,
        "partner": partner,
        "fields": (field1, field2),
        "measures": (m11, m12, m13, m21, m22, m23),
        "goal": goal,
        "report": published,
        "draft_report": draft,
        "city_plan": city_plan,
        "city_measure": city_measure,
        "draft_plan": draft_plan,
        "draft_measure": draft_measure,
    }


# Built once for consecutive tests that ask for it (teilhabe.testing.state.shared_fixture).
search_setup = shared_fixture(build_search_setup, name="search_setup")

import datetime as dt

import pytest

DRAFT_MARKERS = ("GEHEIMER-ENTWURFSPLAN", "GEHEIME-ENTWURFSBILANZ", "GEHEIMER-ENTWURFSTEXT")


@pytest.fixture
def public_setup(db):
    """Drafts everywhere next to published content.

    - an adopted plan whose Bilanz 2017 is published, and a draft Bilanz 2018 whose title and
      entries carry markers and whose statuses all changed to "done";
    - a draft plan of another organisation with a milestone, a report and markers in every text.
    """
    from teilhabe.organizations.models import Role
    from teilhabe.plans import services
    from teilhabe.reports.services import bilanz_publish
    from teilhabe.testing import make_organization, make_plan, make_user

    plan, report, units = make_plan()
    organization = plan.organization
    coordinator = make_user(organization, Role.COORDINATOR)
    bilanz_publish(report=report, by=coordinator)
    services.milestone_create(
        plan=plan,
        kind="interim_report",
        title="Zwischenbericht an den Kreistag",
        due_on=dt.date.today() + dt.timedelta(days=30),
        by=coordinator,
    )
    draft_report = services.report_create(
        plan=plan,
        as_of=dt.date(2018, 3, 1),
        title=f"{DRAFT_MARKERS[1]} Bilanz 2018",
        introduction=DRAFT_MARKERS[1],
        outlook=DRAFT_MARKERS[1],
        by=coordinator,
    )
    for entry in draft_report.entries.all():
        services.measure_update_progress(
            entry=entry,
            version=entry.version,
            status="done",
            percent=None,
            description=f"{DRAFT_MARKERS[2]} {entry.pk}",
            original_wording=DRAFT_MARKERS[2],
            by=coordinator,
        )

    other = make_organization("Stadt Entwurfshausen", kind="city")
    draft_plan, draft_plan_report, _ = make_plan(other, status="draft")
    draft_plan.title = f"{DRAFT_MARKERS[0]} Integrationsplan"
    draft_plan.save()
    services.milestone_create(plan=draft_plan, kind="decision", title=DRAFT_MARKERS[0], by=None)
    draft_plan.fields.update(title=DRAFT_MARKERS[0], title_de=DRAFT_MARKERS[0])
    return {
        "plan": plan,
        "report": report,
        "draft_report": draft_report,
        "organization": organization,
        "coordinator": coordinator,
        "draft_plan": draft_plan,
        "draft_plan_report": draft_plan_report,
        "other": other,
    }

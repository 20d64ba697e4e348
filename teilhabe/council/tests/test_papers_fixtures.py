"""Builders shared by the papers tests: an adopted plan with a published Bilanz, people in every
role, committees, and papers linked to the plan and its measures."""

import datetime as dt

from teilhabe.council import services
from teilhabe.council.models import Paper
from teilhabe.organizations.models import Role
from teilhabe.participation.models import ParticipationProcess, Recommendation
from teilhabe.plans import services as plan_services
from teilhabe.plans.services.publication import bilanz_publish
from teilhabe.testing import make_plan, make_user

SECRET = "GEHEIMES-ERGEBNIS"


def make_council():
    plan, report, units = make_plan(fields=1, measures_per_field=2)
    org = plan.organization
    people = {
        "admin": make_user(org, Role.ADMIN),
        "coordinator": make_user(org, Role.COORDINATOR),
        "editor_own": make_user(org, Role.EDITOR, unit=units[0]),
        "reader": make_user(org, Role.READER),
    }
    other_plan, _, _ = make_plan(fields=1, measures_per_field=1)
    people["stranger"] = make_user(other_plan.organization, Role.COORDINATOR)
    bilanz_publish(report=report, by=people["coordinator"])
    by = people["coordinator"]
    kreistag = services.committee_create(organization=org, name="Kreistag", kind="council", by=by)
    bsa = services.committee_create(
        organization=org, name="Bildungs- und Sozialausschuss", short_name="BSA", by=by
    )
    paper = services.paper_create(
        organization=org,
        reference="234/2014",
        title="Ergebnisse des Beteiligungsprozesses",
        proposal="Der Kreistag verabschiedet den Integrationsplan.",
        reasoning="Begründung",
        financial_impact="keine",
        date=dt.date(2014, 11, 1),
        by=by,
    )
    services.consultation_create(
        paper=paper,
        committee=bsa,
        date=dt.date(2014, 11, 24),
        role="preliminary",
        public=False,
        result=SECRET,
        by=by,
    )
    services.consultation_create(
        paper=paper,
        committee=kreistag,
        date=dt.date(2014, 12, 15),
        role="decision",
        public=True,
        result="beschlossen",
        by=by,
    )
    secret_paper = services.paper_create(
        organization=org, reference="999/2014", title="GEHEIME-VORLAGE", public=False, by=by
    )
    measure = plan.fields.first().measures.order_by("position").first()
    process = ParticipationProcess.objects.create(
        plan=plan, title="Beteiligung", slug="beteiligung", public=True
    )
    recommendation = Recommendation.objects.create(process=process, number=1, text="Dolmetscher")
    recommendation.measures.add(measure)
    milestone = plan_services.milestone_create(
        plan=plan, kind="decision", title="Beschluss", done_on=dt.date(2014, 12, 15), by=by
    )
    return {
        "plan": plan,
        "report": report,
        "organization": org,
        "people": people,
        "other_plan": other_plan,
        "committees": {"kreistag": kreistag, "bsa": bsa},
        "paper": paper,
        "secret_paper": secret_paper,
        "measure": measure,
        "recommendation": recommendation,
        "milestone": milestone,
    }


def add_papers(organization, count: int, *, link_measure=None, link_plan=None, by=None):
    """`count` more public papers with two consultations each, linked as asked."""
    committee = organization.committees.first()
    papers = []
    start = Paper.objects.filter(organization=organization).count()
    for n in range(count):
        paper = services.paper_create(
            organization=organization,
            reference=f"{start + n + 1}/2020",
            title=f"Drucksache {n}",
            by=by,
        )
        for role in ("preliminary", "decision"):
            services.consultation_create(
                paper=paper, committee=committee, date=dt.date(2020, 1, 1), role=role, by=by
            )
        if link_measure is not None:
            services.paper_link(paper=paper, kind="measure", target_id=link_measure.pk, by=by)
        if link_plan is not None:
            services.paper_link(paper=paper, kind="plan", target_id=link_plan.pk, by=by)
        papers.append(paper)
    return papers

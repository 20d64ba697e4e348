"""The life cycle of an Integrationsplan as a checklist computed from the data: what is done,
what is next, and the link to do it — for a town starting its plan (seed 004: council mandate,
IST-Stand, participation with a project group, draft, decision) and for a Landkreis in its
Bilanz cycle (seeds 001–003).

Each step is decided by facts in the database, never ticked by hand; a link is offered only
when the person may open its page (the page's own rule, see navigation.may_open).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from teilhabe.participation.models import ParticipationProcess, ProcessStatus
from teilhabe.plans.models import Measure, MilestoneKind, Plan, PlanStatus, ProgressReport

from .navigation import may_open

DONE, NOW, RUNNING, LATER = "done", "now", "running", "later"


@dataclass(frozen=True)
class Step:
    title: str
    done: bool
    # What the step means, or what was found (e.g. "Beschluss VKS 10.03.2020").
    detail: str
    action: str = ""
    url: str = ""
    state: str = LATER
    # What the step's page loads (the plan unless said otherwise), to ask its rule.
    target: object = None
    # Under way although not done (a running participation).
    under_way: bool = False


def _mandate(plan: Plan, milestones: list) -> Step:
    decided = [m for m in milestones if m.kind == MilestoneKind.DECISION and m.done_on]
    reference = plan.council_reference or (
        f"Beschluss am {decided[0].done_on:%d.%m.%Y}" if decided else ""
    )
    return Step(
        "Auftrag des Rates",
        bool(reference) or plan.papers.exists(),
        reference
        or "Der Gemeinderat oder Kreistag beauftragt die Verwaltung, einen Plan zu "
        "erarbeiten. Tragen Sie die Drucksache ein oder verknüpfen Sie sie mit dem Plan.",
        "Drucksache eintragen",
        reverse("council:paper_create", args=[plan.organization.slug]),
        target=plan.organization,
    )


def _inventory(plan: Plan, milestones: list) -> Step:
    done = [m for m in milestones if m.kind == MilestoneKind.INVENTORY and m.done_on]
    return Step(
        "Bestandsaufnahme (IST-Stand)",
        bool(done),
        f"abgeschlossen am {done[0].done_on:%d.%m.%Y}"
        if done
        else "Welche Angebote, Netzwerke und Träger gibt es schon? Erfassen Sie sie in der "
        "Bestandsaufnahme und halten Sie das Ergebnis als erledigten Meilenstein "
        "„Bestandsaufnahme“ im Zeitplan fest.",
        "Bestandsaufnahme öffnen",
        reverse("offers:offer_list", args=[plan.organization.slug]),
        target=plan.organization,
    )


def _participation(plan: Plan) -> Step:
    processes = list(ParticipationProcess.objects.filter(plan=plan).values("status", "public"))
    finished = any(p["status"] == ProcessStatus.FINISHED for p in processes)
    running = [p for p in processes if p["status"] == ProcessStatus.RUNNING]
    if finished:
        detail = "Ein Beteiligungsprozess ist abgeschlossen."
    elif running:
        # Public on the portal only when the process is marked public and its plan's
        # participation is open (adopted, or a draft opened early).
        public = any(p["public"] for p in running) and plan.participation_is_public
        detail = "Der Beteiligungsprozess läuft" + (
            " und ist im Portal öffentlich."
            if public
            else ", ist aber im Portal nicht zu sehen: Öffnen Sie den Entwurf für die "
            "Beteiligung (Plan bearbeiten, „Öffentlich vor dem Beschluss“)."
        )
    elif processes:
        detail = "Ein Beteiligungsprozess ist in Vorbereitung."
    else:
        detail = (
            "Menschen, die der Plan betrifft, bringen ihre Ideen ein: Fachtage, Arbeits- und "
            "Projektgruppen, Ideen online in jeder Portalsprache."
        )
    return Step(
        "Beteiligung",
        finished,
        detail,
        under_way=bool(running),
        action="Beteiligungsprozesse öffnen" if processes else "Beteiligungsprozess anlegen",
        url=reverse(
            "participation:process_list" if processes else "participation:process_create",
            args=[plan.slug],
        ),
    )


def _draft(plan: Plan) -> Step:
    measures = Measure.objects.for_plan(plan).count()
    fields = plan.fields.count()
    return Step(
        "Entwurf: Handlungsfelder und Maßnahmen",
        measures > 0,
        f"{fields} Handlungsfeld{'er' if fields != 1 else ''}, {measures} Maßnahme"
        f"{'n' if measures != 1 else ''}",
        "Plan bearbeiten",
        reverse("plans:plan_dashboard", args=[plan.slug]),
    )


def _decision(plan: Plan) -> Step:
    adopted = plan.status != PlanStatus.DRAFT
    return Step(
        "Beschluss des Plans",
        adopted,
        f"beschlossen am {plan.adopted_on:%d.%m.%Y}"
        if adopted and plan.adopted_on
        else "Der Rat beschließt den Plan; dann ist er „beschlossen“ und öffentlich.",
        "Status des Plans ändern",
        reverse("plans:plan_edit", args=[plan.slug]),
    )


def _reports(plan: Plan) -> tuple[Step, Step]:
    reports = list(ProgressReport.objects.filter(plan=plan).values("status", "title"))
    published = [r for r in reports if r["status"] == "published"]
    started = Step(
        "Umsetzung: Stand bei den Ämtern erfragen",
        bool(reports),
        f"{len(reports)} Bilanz{'en' if len(reports) != 1 else ''} angelegt"
        if reports
        else "Eine Bilanz im Entwurf sammelt den Umsetzungsstand jeder Maßnahme bei den Ämtern.",
        "Neue Bilanz anlegen",
        reverse("plans:report_create", args=[plan.slug]),
    )
    done = Step(
        "Bilanz für den Rat veröffentlichen",
        bool(published),
        f"zuletzt „{published[0]['title']}“"
        if published
        else "Die Bilanz geht als PDF und Word-Datei an den Rat und ins Portal.",
        "Bilanzen ansehen",
        reverse("plans:plan_dashboard", args=[plan.slug]) + "#bilanzen",
    )
    return started, done


def plan_steps(plan: Plan, user) -> list[Step]:
    """The checklist of `plan` for `user`: each step with its state (done, now, later) and the
    link to its page when the person may open it. A fixed number of queries."""
    milestones = list(plan.milestones.all())
    steps = [
        _mandate(plan, milestones),
        _inventory(plan, milestones),
        _participation(plan),
        _draft(plan),
        _decision(plan),
        *_reports(plan),
    ]
    result, current_found = [], False
    for step in steps:
        state = DONE if step.done else (LATER if current_found else NOW)
        # A running participation is under way even while an earlier step is still open.
        if state == LATER and step.under_way:
            state = RUNNING
        current_found = current_found or not step.done
        target = step.target or plan
        opens = not step.done and may_open(user, step.url.split("#")[0], target)
        url = step.url if opens else ""
        result.append(
            Step(step.title, step.done, step.detail, step.action if url else "", url, state)
        )
    return result

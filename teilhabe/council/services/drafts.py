"""Filing a Beschlussvorlage drafted from a Bilanz or a recommendation list as a paper
(Drucksache) with its Beratungsfolge, linked to what it was drafted from."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from teilhabe.core.errors import ServiceError
from teilhabe.organizations.models import Organization, User
from teilhabe.participation.models import ParticipationProcess
from teilhabe.plans.models import Plan, ProgressReport

from ..models import Committee, Paper, PaperType
from ..vorlage.data import Step
from . import consultation_create, paper_create, paper_link


def _proposal_text(data: dict[str, Any]) -> str:
    lines = [data["motions_intro"]] if data["motions_intro"] else []
    for motion in data["motions"]:
        lines.append(f"{motion['number']}. {motion['text']}")
        lines.extend(f"   {item['label']}. {item['text']}" for item in motion["items"])
    return "\n".join(lines)


@transaction.atomic
def vorlage_file_as_paper(
    *,
    organization: Organization,
    data: dict[str, Any],
    reference: str,
    date: dt.date | None,
    financial_impact: str,
    steps: Sequence[Step],
    by: User | None,
    plan: Plan | None = None,
    report: ProgressReport | None = None,
    process: ParticipationProcess | None = None,
) -> Paper:
    """The Vorlage (`data`, see `vorlage.data.vorlage_data`) as a non-public Beschlussvorlage with
    its Beratungsfolge, linked to the Bilanz or the recommendations (and their plan) it was
    drafted from. The steps name committees the organisation has entered."""
    reference = reference.strip()
    if not reference:
        raise ServiceError("Bitte geben Sie die Drucksachennummer an, um die Drucksache anzulegen.")
    committees = {c.name: c for c in Committee.objects.for_organization(organization)}
    missing = [s.committee for s in steps if s.committee not in committees]
    if missing:
        raise ServiceError(
            f"Das Gremium „{missing[0]}“ ist nicht eingetragen. Wählen Sie eines aus der Liste "
            "oder legen Sie es unter „Gremien“ an."
        )
    reasoning = data["reasoning"] + data["reasoning_list"] + data["reasoning_after_list"]
    paper = paper_create(
        organization=organization,
        reference=reference,
        title=data["title"],
        by=by,
        paper_type=PaperType.DECISION,
        date=date,
        proposal=_proposal_text(data),
        reasoning="\n\n".join(reasoning),
        financial_impact=financial_impact,
        # A draft: the public sees it once somebody makes it public on the paper's page.
        public=False,
    )
    for position, step in enumerate(steps, start=1):
        consultation_create(
            paper=paper,
            by=by,
            committee=committees[step.committee],
            date=step.date,
            role=step.role,
            public=step.public,
            position=position,
        )
    if plan is not None:
        paper_link(paper=paper, kind="plan", target_id=plan.pk, by=by)
    if report is not None:
        paper_link(paper=paper, kind="report", target_id=report.pk, by=by)
    if process is not None:
        for recommendation_id in process.recommendations.values_list("pk", flat=True):
            paper_link(paper=paper, kind="recommendation", target_id=recommendation_id, by=by)
    return paper

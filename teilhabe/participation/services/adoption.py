"""From the participation's results to the plan: measures created from recommendations — one,
or a whole Prioritätenliste in its rank order — each linked to the recommendation it comes from,
so that the trail from idea to measure stays complete.

The measure's title is the recommendation's first sentence (shortened at a word where it is
long), its description the whole text with the sub-points; the coordinator edits both later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction

from teilhabe.core.errors import ServiceError
from teilhabe.organizations.models import User
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import FieldOfAction, Measure

from ..models import Prioritization, PrioritizationStatus, Recommendation
from .prioritization import prioritization_result
from .recommendations import measure_link

TITLE_LENGTH = 160
SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def measure_title(text: str) -> str:
    """The first sentence of `text`, at most TITLE_LENGTH characters, cut at a word."""
    text = " ".join(text.split())
    first = SENTENCE_END.split(text, maxsplit=1)[0].rstrip(".")
    if len(first) <= TITLE_LENGTH:
        return first
    cut = first[: TITLE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:–-")
    return f"{cut} …"


def measure_description(recommendation: Recommendation) -> str:
    lines = [f"Aus Empfehlung {recommendation.number}: {recommendation.text}"]
    lines += [f"{item.label}) {item.text}" for item in recommendation.items.all()]
    return "\n".join(lines)


@dataclass
class Adoption:
    created: list[tuple[Recommendation, Measure]] = field(default_factory=list)
    # Recommendations that already led to a measure: left as they are.
    skipped: list[Recommendation] = field(default_factory=list)


def _check_field(recommendation: Recommendation, target: FieldOfAction) -> None:
    if target.plan_id != recommendation.process.plan_id:
        raise ServiceError("Das Handlungsfeld gehört nicht zum Integrationsplan dieses Prozesses.")


@transaction.atomic
def measures_from_recommendations(
    *, recommendations: list[Recommendation], field: FieldOfAction, by: User | None
) -> Adoption:
    """A measure in `field` for each recommendation, in the given order, linked to it; one that
    already has a measure is skipped (and reported)."""
    adoption = Adoption()
    for recommendation in recommendations:
        _check_field(recommendation, field)
        if recommendation.measures.exists():
            adoption.skipped.append(recommendation)
            continue
        measure = plan_services.measure_create(
            field=field,
            title=measure_title(recommendation.text),
            description=measure_description(recommendation),
            by=by,
        )
        measure_link(recommendation=recommendation, measure=measure, by=by)
        adoption.created.append((recommendation, measure))
    return adoption


def ranked_recommendations(prioritization: Prioritization) -> list[Recommendation]:
    """The recommendations of a closed Prioritätenliste, best ranked first (ties in list order)."""
    if prioritization.status != PrioritizationStatus.CLOSED:
        raise ServiceError(
            "Die Abstimmung läuft noch. Maßnahmen entstehen aus der abgeschlossenen "
            "Prioritätenliste."
        )
    result = prioritization_result(prioritization)
    options = [o.option for o in result.options]
    return [option.recommendation for option in options if option.recommendation is not None]

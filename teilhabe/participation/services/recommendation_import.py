"""Writing an imported recommendation list (see ``documents.recommendations``) into a process.

All or nothing: either every recommendation of the document is created, with its sub-items, or
none is. Numbers the process already has are refused rather than overwritten: a recommendation
that exists may already be linked to ideas and measures, be adopted, or have been edited by
hand, and an import must not silently undo that. To import a corrected list again, delete or
renumber the old recommendations in the back office first.

Each recommendation is created through ``recommendation_create``, so history (simple-history,
with the acting person), the plan's cache revision and the checks stay in one place.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import translation

from teilhabe.core.errors import ServiceError
from teilhabe.documents.recommendations import Correction, RecommendationList
from teilhabe.organizations.models import User

from ..models import ParticipationProcess, Recommendation
from .recommendations import recommendation_create


@dataclass
class RecommendationImportResult:
    process: ParticipationProcess
    recommendations: list[Recommendation] = field(default_factory=list)
    items: int = 0
    corrections: tuple[Correction, ...] = ()


def _numbers(numbers: Iterable[int]) -> str:
    return ", ".join(str(number) for number in sorted(numbers))


@transaction.atomic
def recommendations_import(
    *, process: ParticipationProcess, document: RecommendationList, by: User | None
) -> RecommendationImportResult:
    """Create the document's recommendations in ``process``; raise ``ServiceError`` (and write
    nothing) if the document is empty or a number is taken already."""
    # Lock the process: two imports at once must not both see the numbers as free.
    ParticipationProcess.objects.select_for_update().filter(pk=process.pk).first()
    if not document.recommendations:
        raise ServiceError("Das Dokument enthält keine Empfehlungen; nichts gespeichert.")
    wanted = [recommendation.number for recommendation in document.recommendations]
    if len(set(wanted)) != len(wanted):
        raise ServiceError("Im Dokument kommt eine Nummer doppelt vor; nichts gespeichert.")
    taken = set(
        Recommendation.objects.filter(process=process, number__in=wanted).values_list(
            "number", flat=True
        )
    )
    if taken:
        which = "Die Empfehlung Nr." if len(taken) == 1 else "Die Empfehlungen Nr."
        raise ServiceError(
            f"{which} {_numbers(taken)} gibt es in „{process.title}“ schon; nichts gespeichert. "
            "Löschen oder verschieben Sie die vorhandenen Empfehlungen zuerst, wenn die Liste "
            "sie ersetzen soll."
        )

    result = RecommendationImportResult(process=process, corrections=document.corrections)
    # The document is German: its text goes into the German column whatever language is active.
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        for parsed in document.recommendations:
            recommendation = recommendation_create(
                process=process,
                number=parsed.number,
                text=parsed.text,
                items=[item.text for item in parsed.items],
                by=by,
            )
            result.recommendations.append(recommendation)
            result.items += len(parsed.items)
    return result

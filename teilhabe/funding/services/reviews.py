"""Eligibility, scores and conflicts of interest."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from teilhabe.core.errors import ServiceError
from teilhabe.core.versioning import save_versioned
from teilhabe.organizations.models import User

from ..models import Application, Recommendation, Review, Status

SCORE_RANGE = range(6)


@transaction.atomic
def eligibility_check(
    *, application: Application, eligible: bool, note: str, by: User | None
) -> Application:
    """The office's first check (who applies, what for, in time, complete). An ineligible
    application is decided with it: the reason goes into the rejection letter."""
    if application.status not in (Status.SUBMITTED, Status.ELIGIBLE, Status.INELIGIBLE):
        raise ServiceError("Nur eingereichte Anträge werden auf Förderfähigkeit geprüft.")
    if not eligible and not note.strip():
        raise ServiceError("Bitte begründen Sie, warum der Antrag nicht förderfähig ist.")
    changes: dict[str, Any] = {
        "status": Status.ELIGIBLE if eligible else Status.INELIGIBLE,
        "eligibility_note": note.strip(),
    }
    if not eligible:
        changes["reasons"] = note.strip()
    return save_versioned(
        application, application.pk, expected_version=None, changes=changes, by=by
    )


def _assigned(application: Application, reviewer: User) -> None:
    if not application.call.reviewers.filter(user=reviewer).exists():
        raise ServiceError("Sie sind für diesen Aufruf nicht als Bewerter/in eingetragen.")


@transaction.atomic
def review_save(
    *,
    application: Application,
    reviewer: User,
    scores: dict[str, int],
    recommendation: str,
    recommended_amount: Decimal | None = None,
    comment: str = "",
) -> Review:
    _assigned(application, reviewer)
    if application.status != Status.ELIGIBLE:
        raise ServiceError(
            "Bewertet werden förderfähige Anträge, über die noch nicht entschieden ist."
        )
    existing = (
        Review.objects.select_for_update()
        .filter(application=application, reviewer=reviewer)
        .first()
    )
    if existing and existing.conflict:
        raise ServiceError(
            "Sie haben sich für diesen Antrag für befangen erklärt und können ihn nicht bewerten."
        )
    criteria = application.call.criteria
    clean: dict[str, int] = {}
    for criterion in criteria:
        try:
            value = int(scores.get(criterion, ""))
        except (TypeError, ValueError) as error:
            raise ServiceError("Bitte bewerten Sie jedes Kriterium mit 0 bis 5 Punkten.") from error
        if value not in SCORE_RANGE:
            raise ServiceError("Bitte bewerten Sie jedes Kriterium mit 0 bis 5 Punkten.")
        clean[criterion] = value
    if recommendation not in Recommendation.values:
        raise ServiceError("Bitte geben Sie eine Empfehlung ab.")
    if recommendation == Recommendation.PARTIAL:
        if recommended_amount is None or recommended_amount <= 0:
            raise ServiceError("Bitte nennen Sie den Betrag, den Sie empfehlen.")
        if recommended_amount > application.requested_amount:
            raise ServiceError("Empfohlen werden kann höchstens der beantragte Betrag.")
    review = existing or Review(application=application, reviewer=reviewer)
    review.scores = clean
    review.recommendation = recommendation
    review.recommended_amount = (
        recommended_amount if recommendation == Recommendation.PARTIAL else None
    )
    review.comment = comment.strip()
    review.save()
    return review


@transaction.atomic
def conflict_declare(*, application: Application, reviewer: User, note: str = "") -> Review:
    """A reviewer declares a conflict of interest (a member of the applying association, a
    relative): their scores, if any, are dropped, and they see no one else's."""
    _assigned(application, reviewer)
    review, _created = Review.objects.select_for_update().get_or_create(
        application=application, reviewer=reviewer
    )
    review.conflict = True
    review.conflict_note = note.strip()[:300]
    review.scores = {}
    review.recommendation = ""
    review.recommended_amount = None
    review.comment = ""
    review.save()
    return review

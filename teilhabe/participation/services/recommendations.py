"""Writes for recommendations (Empfehlungen): numbered texts with sub-items a, b, c, made from
ideas and leading to measures of the plan.

Edits of the text are versioned (save_versioned), so two coordinators cannot overwrite each other;
which ideas and measures belong to a recommendation is part of its history (simple-history
records the links on every change). A sub-item's ideas are always ideas of its recommendation as
well, so the trail from an idea to its recommendation needs one table. Every write bumps the
plan's revision and the organisation's cache generation: the public recommendation page, the
measure pages and the idea pages show all of this.
"""

import datetime as dt
import string
from collections.abc import Iterable, Sequence
from typing import cast

from django.db import transaction
from django.db.models import Max, QuerySet

from teilhabe.core.errors import ServiceError
from teilhabe.core.versioning import record_as, save_versioned
from teilhabe.organizations.models import User
from teilhabe.plans.models import Measure
from teilhabe.plans.services import touch_plan

from ..models import (
    Idea,
    IdeaSource,
    ModerationStatus,
    ParticipationProcess,
    Recommendation,
    RecommendationItem,
)
from . import notifications

RECOMMENDATION_FIELDS = {"text", "adopted_on"}
LABELS = string.ascii_lowercase


def _only(allowed: set[str], changes: dict) -> dict:
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    return changes


def _label(index: int) -> str:
    """a … z, then aa, ab … (no list of the seeds has more than a handful)."""
    if index < len(LABELS):
        return LABELS[index]
    return _label(index // len(LABELS) - 1) + LABELS[index % len(LABELS)]


def _clean_text(text: str, what: str = "Der Text der Empfehlung") -> str:
    text = (text or "").strip()
    if not text:
        raise ServiceError(f"{what} darf nicht leer sein.")
    return text


def _with_history(recommendation: Recommendation, by: User | None, reason: str) -> Recommendation:
    """Who changed the links and why: simple-history records a version on every link change."""
    record_as(recommendation, by, reason)
    return recommendation


def groupable_ideas(process: ParticipationProcess) -> QuerySet[Idea]:
    """Ideas a coordinator may group: published ones and those typed in from workshop cards
    (online ideas still waiting for moderation or refused never become a recommendation)."""
    from django.db.models import Q

    return (
        Idea.objects.filter(process=process)
        .filter(Q(status=ModerationStatus.PUBLISHED) | Q(source=IdeaSource.CARD))
        .exclude(status=ModerationStatus.REJECTED)
    )


@transaction.atomic
def recommendation_create(
    *,
    process: ParticipationProcess,
    text: str,
    by: User | None,
    number: int | None = None,
    adopted_on: dt.date | None = None,
    items: Sequence[str] = (),
) -> Recommendation:
    """A new recommendation, numbered after the last one unless a free number is given."""
    ParticipationProcess.objects.select_for_update().filter(pk=process.pk).first()
    existing = Recommendation.objects.filter(process=process)
    if number is None:
        number = (existing.aggregate(last=Max("number"))["last"] or 0) + 1
    elif number < 1:
        raise ServiceError("Die Nummer einer Empfehlung ist mindestens 1.")
    elif existing.filter(number=number).exists():
        raise ServiceError(f"Es gibt schon eine Empfehlung mit der Nummer {number}.")
    recommendation = Recommendation(
        process=process, number=number, text=_clean_text(text), adopted_on=adopted_on
    )
    record_as(recommendation, by)
    recommendation.save()
    for index, item_text in enumerate(t for t in items if t and t.strip()):
        item = RecommendationItem(
            recommendation=recommendation, label=_label(index), text=item_text.strip()
        )
        record_as(item, by)
        item.save()
    touch_plan(process.plan_id)
    if adopted_on:
        notifications.recommendation_adopted(recommendation=recommendation)
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    recommendation: Recommendation,
    version: int | None,
    by: User | None,
    items: dict[int, str] | None = None,
    new_items: Sequence[str] = (),
    **changes: object,
) -> Recommendation:
    """Change text and adoption date; `items` maps sub-item ids to their new text (an empty
    text removes the sub-item), `new_items` are appended with the next letters.

    The sub-items belong to the recommendation's version: any change of them is a new version
    of the recommendation too, so a concurrent edit of either is caught."""
    changes = _only(RECOMMENDATION_FIELDS, changes)
    if "text" in changes:
        changes["text"] = _clean_text(cast(str, changes["text"]))
    was_adopted = (
        Recommendation.objects.filter(pk=recommendation.pk)
        .values_list("adopted_on", flat=True)
        .first()
    )
    updated = save_versioned(
        recommendation, recommendation.pk, expected_version=version, changes=changes, by=by
    )
    current_items = {item.pk: item for item in updated.items.all()}
    for item_id, given in (items or {}).items():
        item = current_items.get(int(item_id))
        if item is None:
            continue
        text = (given or "").strip()
        record_as(item, by)
        if not text:
            item.delete()
        elif text != item.text:
            item.text = text
            item.save()
    _relabel(updated, by)
    added = [t.strip() for t in new_items if t and t.strip()]
    if added:
        start = updated.items.count()
        for offset, text in enumerate(added):
            item = RecommendationItem(
                recommendation=updated, label=_label(start + offset), text=text
            )
            record_as(item, by)
            item.save()
    touch_plan(updated.process.plan_id)
    if updated.adopted_on and not was_adopted:
        notifications.recommendation_adopted(recommendation=updated)
    return updated


def _relabel(recommendation: Recommendation, by: User | None) -> None:
    """Keep the sub-items lettered a, b, c without gaps after one was removed."""
    items = list(recommendation.items.order_by("label"))
    items.sort(key=lambda item: (len(item.label), item.label))
    wanted = [_label(i) for i in range(len(items))]
    if [item.label for item in items] == wanted:
        return
    # Two passes: the labels are unique per recommendation at every moment.
    for index, item in enumerate(items):
        RecommendationItem.objects.filter(pk=item.pk).update(label=f"~{index}")
    for item, label in zip(items, wanted, strict=True):
        item.label = label
        record_as(item, by, "neu nummeriert")
        item.save()


@transaction.atomic
def recommendation_delete(*, recommendation: Recommendation, by: User | None) -> None:
    """Delete a recommendation; its ideas stay, they only lose the link."""
    if recommendation.adopted_on:
        raise ServiceError(
            "Diese Empfehlung ist beschlossen und bleibt deshalb erhalten. Tragen Sie das "
            "Beschlussdatum aus, wenn sie wirklich nicht beschlossen wurde."
        )
    touch_plan(recommendation.process.plan_id)
    record_as(recommendation, by)
    recommendation.delete()


def _set_numbers(
    process_id: int, ordered: list[Recommendation], by: User | None, reason: str
) -> None:
    """Give `ordered` the numbers 1, 2, 3 … in one go (numbers are unique at every moment)."""
    high = Recommendation.objects.filter(process_id=process_id).aggregate(m=Max("number"))["m"] or 0
    for offset, recommendation in enumerate(ordered, start=1):
        Recommendation.objects.filter(pk=recommendation.pk).update(number=high + offset)
    for number, recommendation in enumerate(ordered, start=1):
        recommendation.number = number
        recommendation.version += 1
        record_as(recommendation, by, reason)
        recommendation.save(update_fields=["number", "version"])


@transaction.atomic
def recommendation_move(*, recommendation: Recommendation, direction: int, by: User | None) -> None:
    """Swap a recommendation with its neighbour (direction -1 up, +1 down); numbers follow."""
    ParticipationProcess.objects.select_for_update().filter(pk=recommendation.process_id).first()
    siblings = list(
        Recommendation.objects.filter(process_id=recommendation.process_id).order_by("number")
    )
    index = next(i for i, r in enumerate(siblings) if r.pk == recommendation.pk)
    target = index + direction
    if not 0 <= target < len(siblings):
        return
    first, second = siblings[index], siblings[target]
    high = (
        Recommendation.objects.filter(process_id=recommendation.process_id).aggregate(
            m=Max("number")
        )["m"]
        or 0
    )
    numbers = (first.number, second.number)
    Recommendation.objects.filter(pk=first.pk).update(number=high + 1)
    for rec, number in ((second, numbers[0]), (first, numbers[1])):
        rec.number = number
        rec.version += 1
        record_as(rec, by, "verschoben")
        rec.save(update_fields=["number", "version"])
    touch_plan(recommendation.process.plan_id)


@transaction.atomic
def recommendations_renumber(*, process: ParticipationProcess, by: User | None) -> int:
    """Number the process's recommendations 1, 2, 3 … in their order, closing gaps (e.g. after
    a deletion or an import with lost numbers). Returns how many changed their number."""
    ParticipationProcess.objects.select_for_update().filter(pk=process.pk).first()
    ordered = list(Recommendation.objects.filter(process=process).order_by("number", "id"))
    changed = sum(1 for n, r in enumerate(ordered, start=1) if r.number != n)
    if changed:
        _set_numbers(process.pk, ordered, by, "neu nummeriert")
        touch_plan(process.plan_id)
    return changed


def _check_ideas(process: ParticipationProcess, given: Iterable[Idea]) -> list[Idea]:
    ideas = list(given)
    if not ideas:
        raise ServiceError("Bitte wählen Sie mindestens eine Idee aus.")
    allowed = set(
        groupable_ideas(process).filter(pk__in=[i.pk for i in ideas]).values_list("pk", flat=True)
    )
    refused = [idea for idea in ideas if idea.pk not in allowed]
    if refused:
        raise ServiceError(
            "Nur veröffentlichte Ideen und Ideen von Moderationskarten dieses Prozesses lassen sich "
            f"einer Empfehlung zuordnen (nicht: „{refused[0].title}“)."
        )
    return ideas


@transaction.atomic
def ideas_group(
    *,
    process: ParticipationProcess,
    ideas: Iterable[Idea],
    by: User | None,
    recommendation: Recommendation | None = None,
    item: RecommendationItem | None = None,
    new_text: str = "",
) -> Recommendation:
    """Add ideas to a recommendation, to one of its sub-items, or to a new recommendation
    (`new_text`). Ideas already linked stay linked once."""
    ideas = _check_ideas(process, ideas)
    if item is not None:
        recommendation = item.recommendation
    if recommendation is None:
        recommendation = recommendation_create(process=process, text=new_text, by=by)
    elif recommendation.process_id != process.pk:
        raise ServiceError("Die Empfehlung gehört zu einem anderen Beteiligungsprozess.")
    _with_history(recommendation, by, f"{len(ideas)} Idee(n) zugeordnet")
    recommendation.ideas.add(*ideas)
    if item is not None:
        record_as(item, by)
        item.ideas.add(*ideas)
    touch_plan(process.plan_id)
    return recommendation


@transaction.atomic
def idea_unlink(
    *,
    recommendation: Recommendation,
    idea: Idea,
    by: User | None,
    item: RecommendationItem | None = None,
) -> None:
    """Remove an idea from a sub-item only (`item`), or from the recommendation and all its
    sub-items."""
    if item is not None:
        item.ideas.remove(idea)
    else:
        for sub in recommendation.items.filter(ideas=idea):
            sub.ideas.remove(idea)
        _with_history(recommendation, by, f"Idee „{idea.title[:60]}“ entfernt")
        recommendation.ideas.remove(idea)
    touch_plan(recommendation.process.plan_id)


@transaction.atomic
def measure_link(*, recommendation: Recommendation, measure: Measure, by: User | None) -> None:
    """The recommendation led to this measure of the process's plan."""
    if measure.field.plan_id != recommendation.process.plan_id:
        raise ServiceError("Die Maßnahme gehört nicht zum Integrationsplan dieses Prozesses.")
    _with_history(recommendation, by, f"Maßnahme {measure.number} verknüpft")
    recommendation.measures.add(measure)
    touch_plan(recommendation.process.plan_id)


@transaction.atomic
def measure_unlink(*, recommendation: Recommendation, measure: Measure, by: User | None) -> None:
    _with_history(recommendation, by, f"Maßnahme {measure.number} entfernt")
    recommendation.measures.remove(measure)
    touch_plan(recommendation.process.plan_id)

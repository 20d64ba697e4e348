"""Ideas: submitted online during an online phase, typed in from workshop cards, moderated,
supported and commented on — and the reads the public and the back office list them with.

Nothing anybody sends in is public before a coordinator published it. Writes that change what
the public sees call touch_plan, so the organisation's cached pages are rendered again.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, F, OuterRef, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.core.errors import ServiceError
from teilhabe.core.mail import deliver
from teilhabe.core.versioning import save_versioned
from teilhabe.organizations.models import User
from teilhabe.plans.models import FieldOfAction
from teilhabe.plans.services import touch_plan

from ..models import (
    FormatKind,
    Idea,
    IdeaComment,
    IdeaSource,
    IdeaSupport,
    ModerationStatus,
    ParticipationFormat,
    ParticipationProcess,
)
from . import antispam

IDEAS_PER_PAGE = 20
# Formats an idea may come from: an online phase, or a working group, workshop or Fachtag.
IDEA_PHASE_KINDS = (
    FormatKind.ONLINE_PHASE,
    FormatKind.WORKING_GROUP,
    FormatKind.WORKSHOP,
    FormatKind.CONFERENCE,
)
EDITABLE_FIELDS = {"title", "text", "field", "phase", "summary_de"}


def running_phase(
    process: ParticipationProcess, now: dt.datetime | None = None
) -> ParticipationFormat | None:
    """The online phase of the process that runs now (the one ending first, if several do)."""
    now = now or timezone.now()
    return (
        process.formats.filter(kind=FormatKind.ONLINE_PHASE, starts_at__lte=now, ends_at__gte=now)
        .order_by("ends_at", "id")
        .first()
    )


def personal_url(idea: Idea) -> str:
    """The address where the person sees, exports or deletes their data (with the token)."""
    process = idea.process
    return reverse(
        "portal:my_data",
        kwargs={
            "org_slug": process.plan.organization.slug,
            "plan_slug": process.plan.slug,
            "token": idea.token,
        },
    )


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _send_confirmation(idea: Idea) -> None:
    """Mail the person that their idea arrived, in the language they wrote in."""
    context = {
        "idea": idea,
        "process": idea.process,
        "personal_url": _absolute(personal_url(idea)),
    }
    subject = render_to_string("participation/email/idea_received_subject.txt", context)
    body = render_to_string("participation/email/idea_received.txt", context)
    deliver(" ".join(subject.split()), body, [idea.author_email])


# Writes by the public -------------------------------------------------------------------------


@transaction.atomic
def idea_submit(
    *,
    process: ParticipationProcess,
    title: str,
    text: str,
    language: str,
    sender_key: str,
    field: FieldOfAction | None = None,
    author_name: str = "",
    author_email: str = "",
    show_name: bool = False,
    notify: bool = False,
    now: dt.datetime | None = None,
) -> Idea:
    """Store an idea sent in online; it waits for moderation. Refused outside an online phase
    and when the sender or the process has sent too many (antispam.Refused)."""
    now = now or timezone.now()
    phase = running_phase(process, now)
    if phase is None:
        raise ServiceError(
            translation.gettext("Zurzeit läuft keine Online-Beteiligung; Ideen sind nicht möglich.")
        )
    if field is not None and field.plan_id != process.plan_id:
        raise ServiceError(translation.gettext("Dieses Handlungsfeld gehört nicht zum Plan."))
    if notify and not author_email:
        raise ServiceError(
            translation.gettext(
                "Für eine Nachricht über Ihre Idee brauchen wir Ihre E-Mail-Adresse."
            )
        )
    antispam.check_flood(
        Idea.objects.filter(source=IdeaSource.ONLINE),
        kind="ideas",
        sender=sender_key,
        process_filter={"process": process},
        now=now,
    )
    idea = Idea.objects.create(
        process=process,
        phase=phase,
        field=field,
        title=title,
        text=text,
        language=language,
        source=IdeaSource.ONLINE,
        author_name=author_name,
        author_email=author_email,
        show_name=show_name and bool(author_name),
        notify=notify,
        sender_key=sender_key,
    )
    if author_email:
        language_now = translation.get_language()

        def confirm() -> None:
            with translation.override(language_now):
                _send_confirmation(idea)

        transaction.on_commit(confirm)
    return idea


@transaction.atomic
def idea_support(
    *, idea: Idea, supporter_key: str, sender_key: str = "", now: dt.datetime | None = None
) -> bool:
    """Count one Zustimmung per browser or account; False if this one had already agreed.
    Too many from one address (`sender_key`) or in the process at once are refused
    (antispam.Refused)."""
    if idea.status != ModerationStatus.PUBLISHED:
        raise ServiceError(
            translation.gettext("Zustimmung ist nur zu veröffentlichten Ideen möglich.")
        )
    if IdeaSupport.objects.filter(idea=idea, supporter_key=supporter_key).exists():
        # Agreeing twice changes nothing, so it is no flood either.
        return False
    antispam.check_flood(
        IdeaSupport.objects.all(),
        kind="supports",
        sender=sender_key,
        process_filter={"idea__process_id": idea.process_id},
        now=now,
    )
    try:
        # A savepoint: a parallel second click of the same browser loses only this insert.
        with transaction.atomic():
            IdeaSupport.objects.create(
                idea=idea, supporter_key=supporter_key, sender_key=sender_key
            )
    except IntegrityError:
        return False
    Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
    touch_plan(idea.process.plan_id, public=True)
    return True


@transaction.atomic
def comment_submit(
    *,
    idea: Idea,
    text: str,
    language: str,
    sender_key: str,
    author_name: str = "",
    show_name: bool = False,
    now: dt.datetime | None = None,
) -> IdeaComment:
    """Store a comment on a published idea; it waits for moderation like an idea."""
    if idea.status != ModerationStatus.PUBLISHED:
        raise ServiceError(
            translation.gettext("Kommentare sind nur zu veröffentlichten Ideen möglich.")
        )
    antispam.check_flood(
        IdeaComment.objects.all(),
        kind="comments",
        sender=sender_key,
        process_filter={"idea__process_id": idea.process_id},
        now=now,
    )
    return IdeaComment.objects.create(
        idea=idea,
        text=text,
        language=language,
        author_name=author_name,
        show_name=show_name and bool(author_name),
        sender_key=sender_key,
    )


# Writes by the coordination -------------------------------------------------------------------


def _check_phase(process: ParticipationProcess, phase: ParticipationFormat | None) -> None:
    if phase is not None and (phase.process_id != process.pk or phase.kind not in IDEA_PHASE_KINDS):
        raise ServiceError("Dieses Format gehört nicht zu diesem Beteiligungsprozess.")


def _check_field(process: ParticipationProcess, field: FieldOfAction | None) -> None:
    if field is not None and field.plan_id != process.plan_id:
        raise ServiceError("Dieses Handlungsfeld gehört nicht zum Plan des Prozesses.")


@transaction.atomic
def idea_card_create(
    *,
    process: ParticipationProcess,
    title: str,
    text: str,
    by: User | None,
    phase: ParticipationFormat | None = None,
    field: FieldOfAction | None = None,
    publish: bool = True,
) -> Idea:
    """An idea typed in from a workshop's moderation card or minutes; published at once unless
    the coordinator wants to look at it again (cards carry no personal data)."""
    _check_phase(process, phase)
    _check_field(process, field)
    status = ModerationStatus.PUBLISHED if publish else ModerationStatus.PENDING
    idea = Idea.objects.create(
        process=process,
        phase=phase,
        field=field,
        title=title,
        text=text,
        language="de",
        source=IdeaSource.CARD,
        status=status,
        moderated_by=by if publish else None,
        moderated_at=timezone.now() if publish else None,
    )
    if publish:
        touch_plan(process.plan_id, public=True)
    return idea


@transaction.atomic
def idea_update(*, idea: Idea, version: int | None, by: User | None, **changes: object) -> Idea:
    """Correct an idea's title, text, field or format (typos on a card, a better field)."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    if "phase" in changes:
        _check_phase(idea.process, cast("ParticipationFormat | None", changes["phase"]))
    if "field" in changes:
        _check_field(idea.process, cast("FieldOfAction | None", changes["field"]))
    saved = save_versioned(Idea, idea.pk, expected_version=version, changes=changes, by=by)
    if saved.status == ModerationStatus.PUBLISHED:
        touch_plan(idea.process.plan_id, public=True)
    return saved


def _decision(status: str, note: str) -> str:
    if status not in (ModerationStatus.PUBLISHED, ModerationStatus.REJECTED):
        raise ServiceError("Unbekannte Entscheidung.")
    note = (note or "").strip()
    if status == ModerationStatus.REJECTED and not note:
        raise ServiceError(
            "Bitte begründen Sie, warum die Idee nicht veröffentlicht wird "
            "(die Begründung bleibt intern)."
        )
    return note


@transaction.atomic
def ideas_moderate(
    *,
    process: ParticipationProcess,
    idea_ids: Iterable[int],
    status: str,
    note: str = "",
    by: User | None,
) -> int:
    """Publish or reject ideas of the process (a rejection needs a reason); returns how many."""
    note = _decision(status, note)
    ids = list(
        Idea.objects.select_for_update()
        .filter(process=process, pk__in=idea_ids)
        .values_list("pk", flat=True)
    )
    if not ids:
        raise ServiceError("Bitte wählen Sie mindestens eine Idee aus.")
    changed = Idea.objects.filter(pk__in=ids).update(
        status=status,
        moderation_note=note if status == ModerationStatus.REJECTED else "",
        moderated_by=by,
        moderated_at=timezone.now(),
        version=F("version") + 1,
    )
    touch_plan(process.plan_id, public=True)
    return changed


@transaction.atomic
def comments_moderate(
    *,
    process: ParticipationProcess,
    comment_ids: Iterable[int],
    status: str,
    by: User | None,
) -> int:
    """Publish or reject comments on the process's ideas; keeps the ideas' comment counts."""
    if status not in (ModerationStatus.PUBLISHED, ModerationStatus.REJECTED):
        raise ServiceError("Unbekannte Entscheidung.")
    comments = IdeaComment.objects.select_for_update().filter(
        idea__process=process, pk__in=comment_ids
    )
    idea_ids = set(comments.values_list("idea_id", flat=True))
    if not idea_ids:
        raise ServiceError("Bitte wählen Sie mindestens einen Kommentar aus.")
    changed = IdeaComment.objects.filter(idea__process=process, pk__in=comment_ids).update(
        status=status
    )
    published = (
        IdeaComment.objects.filter(idea=OuterRef("pk"), status=ModerationStatus.PUBLISHED)
        .order_by()
        .values("idea")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Idea.objects.filter(pk__in=idea_ids).update(comment_count=Coalesce(Subquery(published), 0))
    touch_plan(process.plan_id, public=True)
    return changed


# Reads ----------------------------------------------------------------------------------------


PUBLIC_ORDERS = {
    "neu": ("-created_at", "-id"),
    "zustimmung": ("-support_count", "-created_at", "-id"),
}


@dataclass
class IdeaFilter:
    """What a list of ideas is narrowed to (all optional)."""

    field: int | None = None  # FieldOfAction number
    phase: int | None = None  # ParticipationFormat id
    language: str = ""
    status: str = ""
    source: str = ""
    order: str = "neu"


def public_ideas(process: ParticipationProcess, chosen: IdeaFilter) -> QuerySet[Idea, int]:
    """Ids of the published ideas of a (public) process for the portal, newest or most
    supported first (a narrow query: sorting thousands of ideas carries no texts)."""
    ideas = _narrow(Idea.objects.filter(process=process, status=ModerationStatus.PUBLISHED), chosen)
    return ideas.order_by(*PUBLIC_ORDERS.get(chosen.order, PUBLIC_ORDERS["neu"])).values_list(
        "pk", flat=True
    )


def public_idea_page(
    process: ParticipationProcess, chosen: IdeaFilter, number: int | str | None
) -> Page[Idea]:
    """One page of the public list: the ids sorted and counted first, then only the page's
    ideas loaded with their field and format (three queries at any size)."""
    page = Paginator(public_ideas(process, chosen), IDEAS_PER_PAGE).get_page(number)
    ids = list(page.object_list)
    rows = Idea.objects.select_related("field", "phase").in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    # A page of ids became a page of the ideas themselves.
    return cast("Page[Idea]", page)


def _narrow(ideas: QuerySet[Idea], chosen: IdeaFilter) -> QuerySet[Idea]:
    if chosen.field:
        ideas = ideas.filter(field__number=chosen.field)
    if chosen.phase:
        ideas = ideas.filter(phase_id=chosen.phase)
    if chosen.language:
        ideas = ideas.filter(language=chosen.language)
    if chosen.status:
        ideas = ideas.filter(status=chosen.status)
    if chosen.source:
        ideas = ideas.filter(source=chosen.source)
    return ideas


def backoffice_ideas(process: ParticipationProcess, chosen: IdeaFilter) -> QuerySet[Idea]:
    """Every idea of the process for the back office, pending first, then newest."""
    return (
        _narrow(Idea.objects.filter(process=process), chosen)
        .select_related("field", "phase")
        .order_by(
            # Pending first: they wait for somebody.
            Case(When(status=ModerationStatus.PENDING, then=0), default=1),
            "-created_at",
            "-id",
        )
    )


def idea_formats(process: ParticipationProcess) -> QuerySet[ParticipationFormat]:
    """The formats ideas of the process may come from, for choices and filters."""
    return process.formats.filter(kind__in=IDEA_PHASE_KINDS).order_by(
        "position", "starts_at", "number", "id"
    )


def pending_counts(process: ParticipationProcess) -> dict[str, int]:
    """How many ideas and comments of the process wait for moderation."""
    ideas = Idea.objects.filter(process=process, status=ModerationStatus.PENDING).count()
    comments = IdeaComment.objects.filter(
        idea__process=process, status=ModerationStatus.PENDING
    ).count()
    return {"ideas": ideas, "comments": comments, "total": ideas + comments}

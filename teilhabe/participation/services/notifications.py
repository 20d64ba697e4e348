"""Emails to people who asked to hear what became of their idea (Idea.notify): when a
recommendation made from it is adopted, and when a measure it led to changes its status in a
newly published Bilanz.

Each notice is recorded (IdeaNotice, unique per idea and event) in the transaction that causes
it and sent only after that transaction commits: a rolled-back adoption sends nothing, and no
event is told twice. Each email is in the idea's language and carries the links to the idea and
to the person's data page, where they can stop the notices and delete their data.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.plans.models import ProgressEntry, ProgressReport, ProgressStatus

from ..models import Idea, IdeaNotice, Recommendation


def notifiable_ideas() -> QuerySet[Idea]:
    """Published ideas of public processes whose author asked for notices and left an address."""
    return Idea.objects.public().filter(notify=True).exclude(author_email="")


def _record(pairs: list[tuple[int, str]]) -> None:
    """Record (idea id, event key) notices not yet recorded; send them after the commit."""
    if not pairs:
        return
    keys = {key for _idea, key in pairs}
    known = set(
        IdeaNotice.objects.filter(key__in=keys, idea_id__in={i for i, _k in pairs}).values_list(
            "idea_id", "key"
        )
    )
    new = [IdeaNotice(idea_id=i, key=k) for i, k in dict.fromkeys(pairs) if (i, k) not in known]
    # ignore_conflicts: a concurrent transaction may have recorded the same event a moment ago.
    IdeaNotice.objects.bulk_create(new, ignore_conflicts=True)
    transaction.on_commit(lambda: notices_send(keys=sorted(keys)))


def recommendation_adopted(*, recommendation: Recommendation) -> None:
    """Tell the authors of the recommendation's ideas that it was adopted."""
    key = f"adopted:{recommendation.pk}"
    ideas = notifiable_ideas().filter(recommendations=recommendation).values_list("pk", flat=True)
    _record([(idea_id, key) for idea_id in ideas])


def report_published(*, report: ProgressReport) -> None:
    """Tell the authors of ideas behind each measure whose status differs from the previous
    published Bilanz (or that is reported for the first time)."""
    # A corrected edition is compared with the edition it corrects: only what it changed is news.
    previous = report.corrects or (
        ProgressReport.objects.in_force()
        .filter(plan_id=report.plan_id, as_of__lt=report.as_of)
        .order_by("-as_of", "-id")
        .first()
    )
    entries = (
        ProgressEntry.objects.filter(report=report)
        .filter(measure__recommendations__ideas__in=notifiable_ideas())
        .exclude(status=ProgressStatus.UNKNOWN)
    )
    if previous is not None:
        entries = entries.with_previous(previous).filter(
            Q(previous_status__isnull=True) | ~Q(status=F("previous_status"))
        )
    measure_ids = set(entries.values_list("measure_id", flat=True))
    if not measure_ids:
        return
    pairs = (
        notifiable_ideas()
        .filter(recommendations__measures__in=measure_ids)
        .values_list("pk", "recommendations__measures")
        .distinct()
    )
    _record(
        [
            (idea_id, f"status:{measure_id}:{report.pk}")
            for idea_id, measure_id in pairs
            if measure_id in measure_ids
        ]
    )


def on_report_published(*, report: ProgressReport, **_signal: object) -> None:
    """Handler of plans.events.report_published."""
    report_published(report=report)


def _portal_url(name: str, **kwargs: object) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(f"portal:{name}", kwargs=kwargs)


def _message(notice: IdeaNotice) -> tuple[str, str]:
    idea = notice.idea
    process = idea.process
    plan = process.plan
    slugs = {
        "org_slug": plan.organization.slug,
        "plan_slug": plan.slug,
        "process_slug": process.slug,
    }
    kind, *ids = notice.key.split(":")
    context = {
        "idea": idea,
        "process": process,
        "plan": plan,
        "organization": plan.organization,
        "idea_url": _portal_url("idea_detail", idea_id=idea.pk, **slugs),
        # The person's data page belongs to the plan's participation, not to one process.
        "data_url": _portal_url(
            "my_data", org_slug=plan.organization.slug, plan_slug=plan.slug, token=idea.token
        ),
    }
    if kind == "adopted":
        context["recommendation"] = Recommendation.objects.get(pk=ids[0])
        context["recommendations_url"] = _portal_url("recommendation_list", **slugs)
    else:
        # One entry per measure and report (entry_unique).
        entry = ProgressEntry.objects.select_related("measure", "report").get(
            measure_id=int(ids[0]), report_id=int(ids[1])
        )
        context["entry"] = entry
        context["measure"] = entry.measure
        context["status"] = ProgressStatus(entry.status).label
        context["measure_url"] = settings.SITE_URL.rstrip("/") + reverse(
            "portal:measure",
            kwargs={"org_slug": slugs["org_slug"], "plan_slug": plan.slug, "pk": entry.measure_id},
        )
    subject = render_to_string(f"participation/email/notice_{kind}_subject.txt", context)
    body = render_to_string(f"participation/email/notice_{kind}.txt", context)
    return " ".join(subject.split()), body


def notices_send(*, keys: list[str]) -> int:
    """Send the recorded, unsent notices for these events; returns how many were sent.

    A notice is marked sent in the same short transaction that sends it, so a failing mail
    server leaves it unsent for the next attempt instead of losing or repeating it."""
    sent = 0
    pending = IdeaNotice.objects.filter(key__in=keys, sent_at__isnull=True).values_list(
        "pk", flat=True
    )
    for pk in list(pending):
        with transaction.atomic():
            notice = (
                IdeaNotice.objects.select_for_update()
                .select_related("idea__process__plan__organization")
                .filter(pk=pk, sent_at__isnull=True)
                .first()
            )
            if notice is None or not notice.idea.notify or not notice.idea.author_email:
                continue
            with translation.override(notice.idea.language or settings.LANGUAGE_CODE):
                subject, body = _message(notice)
            send_mail(subject, body, None, [notice.idea.author_email])
            notice.sent_at = timezone.now()
            notice.save(update_fields=["sent_at"])
            sent += 1
    return sent

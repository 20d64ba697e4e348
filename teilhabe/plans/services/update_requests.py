"""Asking offices for their progress: requests with a due date, reminders, answers."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from teilhabe.organizations.models import Membership, Role, Unit, User

from ..models import Measure, ProgressReport, UpdateRequest
from . import _lock_draft

REMIND_DAYS_BEFORE_DUE = 3


def _recipients(unit: Unit) -> list[str]:
    editors = Membership.objects.filter(unit=unit, role=Role.EDITOR, user__is_active=True)
    addresses = {m.user.email for m in editors.select_related("user")}
    if unit.email:
        addresses.add(unit.email)
    return sorted(addresses)


def _message(
    request: UpdateRequest, template: str, note: str = ""
) -> tuple[str, str, str, list[str]]:
    report = request.report
    context = {
        "request": request,
        "report": report,
        "plan": report.plan,
        "unit": request.unit,
        "note": note,
        "url": settings.SITE_URL + reverse("plans:report_detail", args=[report.pk]),
        "measures": Measure.objects.for_plan(report.plan).filter(lead_unit=request.unit),
    }
    subject = render_to_string(f"plans/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"plans/email/{template}.txt", context)
    return (subject, body, settings.DEFAULT_FROM_EMAIL, _recipients(request.unit))


@dataclass
class SendResult:
    requested: list[UpdateRequest]
    unreachable: list[Unit]  # offices with neither an address nor a person to write to


@transaction.atomic
def update_requests_send(
    *, report: ProgressReport, due_on: dt.date, by: User | None, note: str = ""
) -> SendResult:
    """Ask every office that leads a measure of the plan for its progress by `due_on`.

    Offices that already answered keep their answer; offices nobody can be written to are
    reported back instead of being marked as asked."""
    _lock_draft(report)
    now = timezone.now()
    unit_ids = (
        Measure.objects.for_plan(report.plan)
        .filter(lead_unit__isnull=False)
        .values_list("lead_unit", flat=True)
        .distinct()
    )
    answered = set(
        UpdateRequest.objects.filter(report=report, answered_at__isnull=False).values_list(
            "unit_id", flat=True
        )
    )
    result = SendResult(requested=[], unreachable=[])
    for unit in Unit.objects.filter(pk__in=unit_ids).exclude(pk__in=answered).order_by("name"):
        if not _recipients(unit):
            result.unreachable.append(unit)
            continue
        request, _ = UpdateRequest.objects.update_or_create(
            report=report,
            unit=unit,
            defaults={"due_on": due_on, "sent_at": now, "reminded_at": None},
        )
        result.requested.append(request)
    messages = [_message(r, "update_request", note) for r in result.requested]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return result


@transaction.atomic
def update_request_answer(*, report: ProgressReport, unit: Unit, by: User | None) -> UpdateRequest:
    """The office says it has entered its progress."""
    _lock_draft(report)
    request = UpdateRequest.objects.select_for_update().get(report=report, unit=unit)
    request.answered_at = timezone.now()
    request.save(update_fields=["answered_at"])
    return request


@transaction.atomic
def update_requests_remind(*, today: dt.date) -> list[UpdateRequest]:
    """Remind offices whose answer is due within a few days or overdue, at most once a day."""
    due_soon = today + dt.timedelta(days=REMIND_DAYS_BEFORE_DUE)
    start_of_day = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    pending = (
        UpdateRequest.objects.open()
        .filter(report__status="draft", due_on__lte=due_soon)
        .exclude(reminded_at__gte=start_of_day)
        .select_related("report__plan", "unit")
        .select_for_update(of=("self",))
    )
    reminded = list(pending)
    now = timezone.now()
    for request in reminded:
        request.reminded_at = now
        request.save(update_fields=["reminded_at"])
    messages = [m for m in (_message(r, "update_reminder") for r in reminded) if m[3]]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return reminded

"""Asking offices for their progress: requests with a due date, reminders, answers."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from teilhabe.organizations.models import Unit, User
from teilhabe.organizations.selectors import recipients_by_unit

from ..models import Measure, ProgressReport, UpdateRequest
from ..selectors import NO_RECIPIENT, Unreached, request_reach
from . import _lock_draft

REMIND_DAYS_BEFORE_DUE = 3


def _recipients(unit: Unit) -> list[str]:
    return recipients_by_unit([unit]).get(unit.pk, [])


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
    # Every measure of the plan that this sending did not ask about, with its reason: no lead
    # office, led by another organisation, or an office nobody can be written to.
    unreached: list[Unreached]
    # Offices that had already answered and were not asked again.
    answered: list[Unit]
    # How many measures the requests sent cover.
    measures_requested: int

    @property
    def unreachable(self) -> list[Unit]:
        """Offices with neither an address nor a person to write to."""
        units: dict[int, Unit] = {
            unit.pk: unit
            for item in self.unreached
            if item.reason == NO_RECIPIENT and (unit := item.measure.lead_unit) is not None
        }
        return sorted(units.values(), key=lambda unit: unit.name)


@transaction.atomic
def update_requests_send(
    *, report: ProgressReport, due_on: dt.date, by: User | None, note: str = ""
) -> SendResult:
    """Ask every office of the organisation that leads a measure of the plan for its progress by
    `due_on`.

    Offices that already answered keep their answer; every other measure is either covered by a
    request sent now or returned in `unreached` with its reason (request_reach decides both,
    the same way the page shows it before sending), so no measure is left out silently."""
    _lock_draft(report)
    now = timezone.now()
    reach = request_reach(report)
    requested = []
    for office in reach.to_ask:
        request, _ = UpdateRequest.objects.update_or_create(
            report=report,
            unit=office.unit,
            defaults={"due_on": due_on, "sent_at": now, "reminded_at": None},
        )
        requested.append(request)
    messages = [_message(r, "update_request", note) for r in requested]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return SendResult(
        requested=requested,
        unreached=reach.unreached,
        answered=[office.unit for office in reach.reachable_offices if office.answered],
        measures_requested=reach.measures_to_ask,
    )


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

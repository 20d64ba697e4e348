"""Decisions under the budget guard.

Approvals can never exceed the call's budget. The check and the write happen while the call's
row is locked to the end of the transaction (PostgreSQL: SELECT … FOR UPDATE; SQLite: the write
lock every transaction takes at its start), so two people approving at the same moment cannot
both spend the last euros: the second counts after the first has written.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from teilhabe.core.errors import ServiceError
from teilhabe.core.versioning import record_as
from teilhabe.organizations.models import User

from ..costplan import euro
from ..models import ZERO, Application, Call, ProofOfUse, Status
from ._common import mail, public_changed

OUTCOMES = ("approve", "partial", "reject")


def committed(call: Call) -> Decimal:
    return (
        Application.objects.funded()
        .filter(call=call)
        .aggregate(total=Sum("approved_amount"))["total"]
        or ZERO
    )


@transaction.atomic
def decide(
    *,
    application: Application,
    outcome: str,
    by: User | None,
    amount: Decimal | None = None,
    conditions: str = "",
    reasons: str = "",
    version: int | str | None = None,
) -> Application:
    if outcome not in OUTCOMES:
        raise ServiceError("Bitte wählen Sie eine Entscheidung.")
    call = (
        Call.objects.select_for_update()
        .select_related("fund__organization")
        .get(pk=application.call_id)
    )
    current = Application.objects.select_for_update().get(pk=application.pk)
    if version is not None and current.version != int(version):
        raise ServiceError(
            "Der Antrag wurde inzwischen geändert. Bitte laden Sie die Seite neu und "
            "entscheiden Sie erneut."
        )
    if current.status != Status.ELIGIBLE:
        raise ServiceError(
            "Entschieden wird über förderfähige Anträge, über die noch nicht entschieden ist."
        )
    if outcome == "reject":
        if not reasons.strip():
            raise ServiceError(
                "Bitte begründen Sie die Ablehnung; die Begründung steht im Schreiben."
            )
        current.status = Status.REJECTED
        current.approved_amount = None
    else:
        amount = current.requested_amount if outcome == "approve" and amount is None else amount
        if amount is None or amount <= 0:
            raise ServiceError("Bitte geben Sie den bewilligten Betrag an.")
        amount = Decimal(amount).quantize(Decimal("0.01"))
        if amount > current.requested_amount:
            raise ServiceError("Bewilligt werden kann höchstens der beantragte Betrag.")
        free = call.budget - committed(call)
        if amount > free:
            raise ServiceError(
                f"Das Budget reicht nicht: Frei sind noch {euro(free)} von {euro(call.budget)}; "
                f"bewilligt werden sollen {euro(amount)}."
            )
        current.status = Status.APPROVED if amount == current.requested_amount else Status.PARTIAL
        current.approved_amount = amount
    current.conditions = conditions.strip()
    current.reasons = reasons.strip()
    current.decided_at = timezone.now()
    current.decided_by = by
    current.version += 1
    record_as(current, by, current.get_status_display())
    current.save()
    if current.funded:
        ProofOfUse.objects.get_or_create(
            application=current, defaults={"due_on": proof_due_on(current, call)}
        )
        public_changed(call.fund.organization.slug)
    mail("decided", {"application": current}, [current.contact_email], current.language)
    return current


def proof_due_on(application: Application, call: Call) -> dt.date:
    end = application.ends_on or dt.date(call.year, 12, 31)
    return add_months(end, call.fund.proof_due_months)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day (31 March + 1 → 30 April)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))

"""Applicants' personal data are kept no longer than the fund's retention period after the
proof of use is closed (or after a rejection). What stays is what the fund must account for
and what was public anyway: number, title, applicant organisation, municipality, amounts,
payments, fields."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import Application, Status
from .decisions import add_months


@transaction.atomic
def erase_personal_data(application: Application) -> None:
    for attachment in application.attachments.all():
        attachment.file.delete(save=False)
    application.attachments.all().delete()
    application.queries.update(text="(gelöscht)", answer="")
    Application.objects.filter(pk=application.pk).update(
        contact_name="",
        contact_email="",
        contact_phone="",
        address="",
        description="",
        answers={},
        link_hash=f"deleted-{application.pk}",
        personal_data_deleted_at=timezone.now(),
    )
    # The history keeps old versions of the row: they go too.
    application.history.all().delete()


def purge_due(*, today: dt.date | None = None) -> int:
    """Erases what is past its retention; returns how many applications were erased."""
    today = today or timezone.localdate()
    candidates = (
        Application.objects.filter(personal_data_deleted_at__isnull=True)
        .filter(
            Q(proof__status="accepted")
            | Q(status__in=(Status.REJECTED, Status.INELIGIBLE, Status.WITHDRAWN))
        )
        .select_related("call__fund", "proof")
    )
    erased = 0
    for application in candidates:
        closed = (
            application.proof.closed_at
            if application.funded and hasattr(application, "proof")
            else application.decided_at or application.created_at
        )
        if closed is None:
            continue
        limit = add_months(
            timezone.localtime(closed).date(), application.call.fund.retention_months
        )
        if limit <= today:
            erase_personal_data(application)
            erased += 1
    return erased

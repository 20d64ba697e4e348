"""Corrected editions of a published Bilanz.

A published Bilanz never changes: its page and its documents stay exactly as they were. A
mistake found after publication — also on the day itself — is put right by a corrected edition:
a draft with the same Stand, the same texts and entries, and a note of what is corrected and
why. Once published, it replaces the edition it corrects in every list, history and figure,
while the corrected one stays reachable and says that it was corrected.
"""

from django.db import models, transaction
from simple_history.utils import get_history_manager_for_model

from teilhabe.core.errors import ServiceError
from teilhabe.core.versioning import record_as
from teilhabe.organizations.models import User

from ..models import Example, ProgressEntry, ProgressReport, ReportStatus
from . import touch_plan

# Columns that are not content: a correction gets its own.
NOT_COPIED = {"id", "report", "version", "updated_at", "updated_by"}


def _copy_fields(instance: models.Model, skip: set[str]) -> dict:
    """Every concrete column's value (translations included), except `skip`."""
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.name not in skip and f.attname not in skip
    }


def _check_correctable(report: ProgressReport) -> None:
    if not report.is_published:
        raise ServiceError(
            "Nur eine veröffentlichte Bilanz wird berichtigt; einen Entwurf ändern Sie direkt."
        )
    existing = ProgressReport.objects.filter(corrects=report).first()
    if existing is not None:
        state = "im Entwurf" if existing.status == ReportStatus.DRAFT else "veröffentlicht"
        raise ServiceError(
            f"Zu dieser Fassung gibt es schon eine Berichtigung ({state}). Berichtigen Sie, "
            "wenn nötig, die neueste Fassung."
        )
    later = (
        ProgressReport.objects.in_force()
        .filter(plan_id=report.plan_id, as_of__gt=report.as_of)
        .order_by("-as_of")
        .first()
    )
    if later is not None:
        raise ServiceError(
            f"Nach dieser Bilanz ist schon „{later.title}“ mit Stand {later.as_of:%d.%m.%Y} "
            "veröffentlicht. Berichtigt werden kann nur die neueste Bilanz; Korrekturen an "
            "früheren gehören in die nächste Bilanz."
        )
    draft = ProgressReport.objects.filter(plan_id=report.plan_id, status=ReportStatus.DRAFT).first()
    if draft is not None:
        raise ServiceError(
            f"Es gibt schon eine Bilanz im Entwurf („{draft.title}“, Stand "
            f"{draft.as_of:%d.%m.%Y}). Veröffentlichen oder löschen Sie diese zuerst."
        )


def correction_blocker(report: ProgressReport) -> str:
    """Why `report` cannot be corrected now (German, for the page before anyone types a note),
    or "" when it can."""
    try:
        _check_correctable(report)
    except ServiceError as error:
        return error.message
    return ""


@transaction.atomic
def report_correct(*, report: ProgressReport, note: str, by: User | None) -> ProgressReport:
    """A draft corrected edition of the published `report`, with `note` (what and why)."""
    note = note.strip()
    if not note:
        raise ServiceError(
            "Bitte schreiben Sie, was berichtigt wird und warum. Der Hinweis steht in der "
            "berichtigten Fassung und neben der ursprünglichen."
        )
    current = ProgressReport.objects.select_for_update().get(pk=report.pk)
    _check_correctable(current)
    values = _copy_fields(
        current,
        {"id", "status", "published_at", "published_by", "version", "corrects", "correction_note"},
    )
    correction = ProgressReport(**values, corrects=current, correction_note=note)
    record_as(correction, by)
    correction.full_clean(validate_unique=False, validate_constraints=False)
    correction.save()
    ProgressEntry.objects.bulk_create(
        [
            ProgressEntry(**_copy_fields(entry, NOT_COPIED), report=correction, updated_by=by)
            for entry in ProgressEntry.objects.filter(report=current)
        ],
        batch_size=1000,
    )
    get_history_manager_for_model(ProgressEntry).bulk_history_create(
        ProgressEntry.objects.filter(report=correction),
        default_user=by,
        default_change_reason="Berichtigung angelegt",
    )
    Example.objects.bulk_create(
        [
            Example(**_copy_fields(example, {"id", "report"}), report=correction)
            for example in Example.objects.filter(report=current)
        ]
    )
    touch_plan(current.plan_id, public=False)
    return correction

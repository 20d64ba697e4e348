"""Writes for council records entered by hand: committees, meetings, papers (Drucksachen), their
Beratungsfolge and attachments, and the links from a paper to what it set in motion.

Every write refreshes the caches that could show the record: the public pages of the
organisation (its cache generation) and the pages of every plan the paper touches (their
revision, which keys the plan pages' cached fragments in the portal and the back office).
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.db.models import Max, QuerySet

from teilhabe.core import generations
from teilhabe.core.errors import ServiceError
from teilhabe.core.versioning import record_as, save_versioned
from teilhabe.organizations.models import Organization, User
from teilhabe.participation.models import Recommendation
from teilhabe.plans.models import Measure, Milestone, Plan, ProgressReport
from teilhabe.plans.services import touch_plan

from ..models import Committee, Consultation, Meeting, Paper, PaperFile

COMMITTEE_FIELDS = {"name", "short_name", "kind", "web_url"}
MEETING_FIELDS = {"name", "starts_at", "location", "cancelled", "web_url"}
PAPER_FIELDS = {
    "reference",
    "title",
    "paper_type",
    "date",
    "proposal",
    "reasoning",
    "financial_impact",
    "public",
    "web_url",
}
CONSULTATION_FIELDS = {"committee", "meeting", "date", "role", "public", "result", "position"}

_M = TypeVar("_M", bound=models.Model)

# Attachments the council works with; anything else (executables, archives) is refused.
FILE_SUFFIXES = (".pdf", ".docx", ".doc", ".odt", ".xlsx", ".xls", ".ods", ".txt", ".png", ".jpg")
MIME_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
}


def _only(allowed: set[str], changes: dict[str, object]) -> dict[str, object]:
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    return changes


def _validate(instance: models.Model) -> None:
    foreign_keys = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    instance.full_clean(exclude=foreign_keys, validate_unique=False, validate_constraints=False)


def _created(instance: _M, by: User | None) -> _M:
    _validate(instance)
    record_as(instance, by)
    instance.save()
    return instance


def _next_position(queryset: QuerySet[models.Model] | models.Manager[models.Model]) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


def _refresh_organization(organization_id: int) -> None:
    slug = Organization.objects.filter(pk=organization_id).values_list("slug", flat=True).first()
    if slug:
        scope = generations.organization_scope(slug)
        transaction.on_commit(lambda: generations.bump(scope))


def _plan_ids_of(paper: Paper) -> set[int]:
    """Every plan whose pages show this paper: linked directly or through what it links."""
    ids = set(paper.plans.values_list("pk", flat=True))
    ids |= set(paper.reports.values_list("plan_id", flat=True))
    ids |= set(paper.measures.values_list("field__plan_id", flat=True))
    ids |= set(paper.milestones.values_list("plan_id", flat=True))
    ids |= set(paper.recommendations.values_list("process__plan_id", flat=True))
    ids |= set(
        Measure.objects.filter(recommendations__papers=paper).values_list(
            "field__plan_id", flat=True
        )
    )
    return ids


def _refresh_paper(paper: Paper, extra_plan_ids: Iterable[int] = ()) -> None:
    for plan_id in _plan_ids_of(paper) | set(extra_plan_ids):
        touch_plan(plan_id, public=True)
    _refresh_organization(paper.organization_id)


def _refresh_committee(
    organization_id: int,
    committee_ids: Sequence[int] = (),
    meeting_ids: Sequence[int] = (),
) -> None:
    """A renamed committee or moved meeting shows on every paper consulted there."""
    papers = Paper.objects.filter(organization_id=organization_id)
    if committee_ids:
        papers = papers.filter(consultations__committee_id__in=committee_ids)
    if meeting_ids:
        papers = papers.filter(consultations__meeting_id__in=meeting_ids)
    plan_ids = set()
    for paper in papers.distinct():
        plan_ids |= _plan_ids_of(paper)
    for plan_id in plan_ids:
        touch_plan(plan_id, public=True)
    _refresh_organization(organization_id)


# Committees and meetings ------------------------------------------------------------------------


def _committee_name_taken(
    organization: Organization | int, name: str, exclude_pk: int | None = None
) -> bool:
    committees = Committee.objects.filter(organization=organization, name__iexact=name)
    if exclude_pk:
        committees = committees.exclude(pk=exclude_pk)
    return committees.exists()


def _committee_name_error(name: str) -> ServiceError:
    return ServiceError(f"Ein Gremium „{name}“ gibt es in dieser Organisation schon.")


@transaction.atomic
def committee_create(
    *, organization: Organization, name: str, by: User | None, **fields: object
) -> Committee:
    if _committee_name_taken(organization, name):
        raise _committee_name_error(name)
    committee = _created(
        Committee(organization=organization, name=name, **_only(COMMITTEE_FIELDS, fields)), by
    )
    _refresh_organization(organization.pk)
    return committee


@transaction.atomic
def committee_update(*, committee: Committee, by: User | None, **changes: object) -> Committee:
    changes = _only(COMMITTEE_FIELDS, changes)
    name = cast(str, changes.get("name", committee.name))
    if _committee_name_taken(committee.organization_id, name, exclude_pk=committee.pk):
        raise _committee_name_error(name)
    for key, value in changes.items():
        setattr(committee, key, value)
    _validate(committee)
    committee.save()
    _refresh_committee(committee.organization_id, committee_ids=[committee.pk])
    return committee


@transaction.atomic
def committee_delete(*, committee: Committee, by: User | None) -> None:
    """Delete a committee no paper was consulted in (the Beratungsfolge keeps its record)."""
    if committee.consultations.exists():
        raise ServiceError(
            f"Das Gremium „{committee}“ kommt in der Beratungsfolge von Drucksachen vor und kann "
            "nicht gelöscht werden."
        )
    organization_id = committee.organization_id
    committee.delete()
    _refresh_organization(organization_id)


@transaction.atomic
def meeting_create(
    *, committee: Committee, starts_at: dt.datetime, by: User | None, **fields: object
) -> Meeting:
    meeting = _created(
        Meeting(committee=committee, starts_at=starts_at, **_only(MEETING_FIELDS, fields)), by
    )
    _refresh_organization(committee.organization_id)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by: User | None, **changes: object) -> Meeting:
    for key, value in _only(MEETING_FIELDS, changes).items():
        setattr(meeting, key, value)
    _validate(meeting)
    meeting.save()
    _refresh_committee(meeting.committee.organization_id, meeting_ids=[meeting.pk])
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by: User | None) -> None:
    """Delete a meeting; consultations in it keep their committee and date."""
    organization_id = meeting.committee.organization_id
    _refresh_committee(organization_id, meeting_ids=[meeting.pk])
    meeting.delete()


# Papers -----------------------------------------------------------------------------------------


def _reference_error(reference: str) -> ServiceError:
    return ServiceError(
        f"Die Drucksachennummer „{reference}“ ist in dieser Organisation schon vergeben."
    )


def _check_reference(organization_id: int, reference: str, exclude_pk: int | None = None) -> str:
    reference = (reference or "").strip()
    if not reference:
        raise ServiceError("Bitte geben Sie die Drucksachennummer an (z. B. 234/2014).")
    papers = Paper.objects.filter(organization_id=organization_id, reference__iexact=reference)
    if exclude_pk:
        papers = papers.exclude(pk=exclude_pk)
    if papers.exists():
        raise _reference_error(reference)
    return reference


@transaction.atomic
def paper_create(
    *, organization: Organization, reference: str, title: str, by: User | None, **fields: object
) -> Paper:
    reference = _check_reference(organization.pk, reference)
    try:
        with transaction.atomic():
            paper = _created(
                Paper(
                    organization=organization,
                    reference=reference,
                    title=title,
                    **_only(PAPER_FIELDS, fields),
                ),
                by,
            )
    except IntegrityError as error:
        # Two people saving the same number at once: the constraint decides.
        raise _reference_error(reference) from error
    _refresh_organization(organization.pk)
    return paper


@transaction.atomic
def paper_update(*, paper: Paper, version: int | None, by: User | None, **changes: object) -> Paper:
    """Edit a paper's text; a concurrent edit raises ConflictError (see save_versioned)."""
    changes = _only(PAPER_FIELDS, changes)
    if "reference" in changes:
        changes["reference"] = _check_reference(
            paper.organization_id, cast(str, changes["reference"]), exclude_pk=paper.pk
        )
    try:
        with transaction.atomic():
            saved = save_versioned(
                paper, paper.pk, expected_version=version, changes=changes, by=by
            )
    except IntegrityError as error:
        raise _reference_error(cast(str, changes.get("reference", paper.reference))) from error
    _refresh_paper(saved)
    return saved


@transaction.atomic
def paper_delete(*, paper: Paper, by: User | None) -> None:
    plan_ids = _plan_ids_of(paper)
    organization_id = paper.organization_id
    for stored in paper.files.exclude(file=""):
        stored.file.delete(save=False)
    record_as(paper, by)
    paper.delete()
    for plan_id in plan_ids:
        touch_plan(plan_id, public=True)
    _refresh_organization(organization_id)


# Beratungsfolge ---------------------------------------------------------------------------------


def _check_consultation(paper: Paper, fields: dict[str, Any]) -> dict[str, Any]:
    committee, meeting = fields.get("committee"), fields.get("meeting")
    if committee is not None and committee.organization_id != paper.organization_id:
        raise ServiceError("Das Gremium gehört nicht zu dieser Organisation.")
    if meeting is not None:
        if meeting.committee.organization_id != paper.organization_id:
            raise ServiceError("Die Sitzung gehört nicht zu dieser Organisation.")
        if committee is None:
            fields["committee"] = committee = meeting.committee
        elif meeting.committee_id != committee.pk:
            raise ServiceError(
                f"Die Sitzung vom {meeting.starts_at:%d.%m.%Y} ist eine Sitzung von "
                f"„{meeting.committee}“, nicht von „{committee}“."
            )
        if not fields.get("date"):
            fields["date"] = meeting.starts_at.date()
    if committee is None:
        raise ServiceError("Bitte wählen Sie das Gremium (oder eine seiner Sitzungen).")
    return fields


@transaction.atomic
def consultation_create(*, paper: Paper, by: User | None, **fields: object) -> Consultation:
    fields = _check_consultation(paper, _only(CONSULTATION_FIELDS, fields))
    if not fields.get("position"):
        fields["position"] = _next_position(paper.consultations)
    consultation = _created(Consultation(paper=paper, **fields), by)
    _refresh_paper(paper)
    return consultation


@transaction.atomic
def consultation_update(
    *, consultation: Consultation, by: User | None, **changes: object
) -> Consultation:
    current = {name: getattr(consultation, name) for name in CONSULTATION_FIELDS}
    fields = _check_consultation(
        consultation.paper, {**current, **_only(CONSULTATION_FIELDS, changes)}
    )
    for key, value in fields.items():
        setattr(consultation, key, value)
    _validate(consultation)
    record_as(consultation, by)
    consultation.save()
    _refresh_paper(consultation.paper)
    return consultation


@transaction.atomic
def consultation_delete(*, consultation: Consultation, by: User | None) -> None:
    paper = consultation.paper
    record_as(consultation, by)
    consultation.delete()
    _refresh_paper(paper)


# Attachments ------------------------------------------------------------------------------------


@transaction.atomic
def file_add(
    *,
    paper: Paper,
    name: str,
    by: User | None,
    upload: UploadedFile | None = None,
    access_url: str = "",
) -> PaperFile:
    """An attachment: an uploaded file (type and size checked) or the address of one."""
    if (upload is None) == (not access_url):
        raise ServiceError(
            "Bitte laden Sie eine Datei hoch oder geben Sie ihre Adresse an, nicht beides."
        )
    attachment = PaperFile(
        paper=paper,
        name=name.strip() or ((upload.name or "") if upload else access_url),
        access_url=access_url,
        position=_next_position(paper.files),
    )
    if upload is not None:
        suffix = PurePosixPath((upload.name or "").lower()).suffix
        if suffix not in FILE_SUFFIXES:
            raise ServiceError(
                "Dieser Dateityp wird nicht unterstützt. Erlaubt sind: "
                + ", ".join(FILE_SUFFIXES)
                + "."
            )
        limit = settings.TEILHABE_UPLOAD_MAX_BYTES
        assert upload.size is not None  # Django's upload handlers always set it
        if upload.size > limit:
            raise ServiceError(f"Die Datei ist zu groß (höchstens {limit // (1024 * 1024)} MB).")
        attachment.mime_type = MIME_TYPES[suffix]
        attachment.size = upload.size
        # A name of our own: the person's file name may carry anything.
        attachment.file.save(f"anlage-{paper.pk}{suffix}", ContentFile(upload.read()), save=False)
    _validate(attachment)
    attachment.save()
    _refresh_paper(paper)
    return attachment


@transaction.atomic
def file_delete(*, attachment: PaperFile, by: User | None) -> None:
    paper = attachment.paper
    if attachment.file:
        stored = attachment.file
        transaction.on_commit(lambda: stored.delete(save=False))
    attachment.delete()
    _refresh_paper(paper)


# Links to what the paper set in motion ----------------------------------------------------------

LINK_KINDS = {
    # kind: (model, the paper's relation, path to the target's organisation, German label)
    "plan": (Plan, "plans", "organization_id", "Plan"),
    "report": (ProgressReport, "reports", "plan__organization_id", "Bilanz"),
    "recommendation": (
        Recommendation,
        "recommendations",
        "process__plan__organization_id",
        "Empfehlung",
    ),
    "measure": (Measure, "measures", "field__plan__organization_id", "Maßnahme"),
    "milestone": (Milestone, "milestones", "plan__organization_id", "Meilenstein"),
}


def _link_target(paper: Paper, kind: str, target_id: int) -> models.Model:
    if kind not in LINK_KINDS:
        raise ServiceError("Unbekannte Art der Verknüpfung.")
    model, _relation, organization_path, label = LINK_KINDS[kind]
    target = model._default_manager.filter(
        pk=target_id, **{organization_path: paper.organization_id}
    ).first()
    if target is None:
        raise ServiceError(
            f"{label} nicht gefunden – verknüpfen lassen sich nur Einträge derselben Organisation."
        )
    return target


def _change_m2m(
    paper: Paper, kind: str, target: models.Model, by: User | None, *, add: bool
) -> None:
    """Add or remove one link; the paper's history row says which, not just "geändert"."""
    label, number, title = LINK_KINDS[kind][3], getattr(target, "number", ""), str(target)
    if number:
        name = f"{label} {number}"
    else:
        name = title if title.startswith(label) else f"{label} „{title}“"
    record_as(paper, by, f"{name} verknüpft" if add else f"Verknüpfung mit {name} entfernt")
    try:
        relation = getattr(paper, LINK_KINDS[kind][1])
        if add:
            relation.add(target)
        else:
            relation.remove(target)
    finally:
        # A later save of the same object must not carry this reason.
        del vars(paper)["_change_reason"]


@transaction.atomic
def paper_link(*, paper: Paper, kind: str, target_id: int, by: User | None) -> None:
    """Link the paper to a plan, Bilanz, recommendation, measure or milestone of its organisation."""
    target = _link_target(paper, kind, target_id)
    _change_m2m(paper, kind, target, by, add=True)
    _refresh_paper(paper)


@transaction.atomic
def paper_unlink(*, paper: Paper, kind: str, target_id: int, by: User | None) -> None:
    target = _link_target(paper, kind, target_id)
    # The plan it no longer touches must drop it from its pages too.
    plan_ids = _plan_ids_of(paper)
    _change_m2m(paper, kind, target, by, add=False)
    _refresh_paper(paper, extra_plan_ids=plan_ids)

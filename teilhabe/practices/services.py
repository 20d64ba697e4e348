"""All writes of good practice: practices and their partners, pictures and adoptions; promoting
a Bilanz example or a closed funded project to a draft practice; brochure editions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from teilhabe.core import generations
from teilhabe.core.errors import ServiceError
from teilhabe.core.versioning import record_as, save_versioned
from teilhabe.funding.models import Application, ProofOfUse
from teilhabe.organizations.models import Organization, User
from teilhabe.plans.models import Example, FieldOfAction

from .models import (
    Adoption,
    Area,
    Edition,
    EditionEntry,
    Partner,
    Picture,
    Practice,
    PracticeTargetGroup,
    State,
    TargetGroup,
)

FIELDS = {
    "title",
    "area",
    "municipality",
    "provider",
    "summary",
    "approach",
    "cooperation",
    "added_value",
    "success_factors",
    "transferability",
    "period",
    "costs",
    "funding",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_public",
    "sample_data",
}
PICTURE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def _changed(organization_id: int) -> None:
    slug = Organization.objects.filter(pk=organization_id).values_list("slug", flat=True).first()
    if slug:
        scope = generations.organization_scope(slug)
        transaction.on_commit(lambda: generations.bump(scope))


def _relations(practice: Practice, fields: Any, target_groups: Any) -> None:
    if fields is not None:
        practice.fields.set(
            FieldOfAction.objects.filter(
                pk__in=[getattr(f, "pk", f) for f in fields],
                plan__organization=practice.organization_id,
            )
        )
    if target_groups is not None:
        unknown = set(target_groups) - set(TargetGroup.values)
        if unknown:
            raise ServiceError(f"Unbekannte Zielgruppe: {sorted(unknown)[0]}")
        practice.target_groups.all().delete()
        PracticeTargetGroup.objects.bulk_create(
            PracticeTargetGroup(practice=practice, group=g) for g in dict.fromkeys(target_groups)
        )


@transaction.atomic
def practice_create(
    *,
    organization: Organization,
    by: User | None,
    fields: Iterable | None = None,
    target_groups: Sequence[str] | None = None,
    partners: Sequence[tuple[str, str]] = (),
    **data: Any,
) -> Practice:
    unknown = set(data) - FIELDS - {"grant", "source_example"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if data.get("area") not in Area.values:
        raise ServiceError("Bitte wählen Sie einen Bereich.")
    practice = Practice(organization=organization, **data)
    practice.full_clean(
        exclude=["organization", "grant", "source_example"], validate_constraints=False
    )
    record_as(practice, by)
    practice.save()
    _relations(practice, fields, target_groups)
    for position, (name, role) in enumerate(partners, start=1):
        Partner.objects.create(practice=practice, name=name, role=role, position=position)
    return practice


@transaction.atomic
def practice_update(
    *,
    practice: Practice,
    version: int | str | None,
    by: User | None,
    fields: Iterable | None = None,
    target_groups: Sequence[str] | None = None,
    **changes: Any,
) -> Practice:
    unknown = set(changes) - FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    updated = save_versioned(
        practice, practice.pk, expected_version=version, changes=changes, by=by
    )
    _relations(updated, fields, target_groups)
    if updated.state == State.PUBLISHED:
        _changed(updated.organization_id)
    return updated


@transaction.atomic
def practice_publish(*, practice: Practice, publish: bool, by: User | None) -> Practice:
    if publish:
        missing = [
            label
            for name, label in (
                ("approach", "Ansatz"),
                ("cooperation", "Zusammenarbeit"),
                ("added_value", "Mehrwert"),
                ("success_factors", "Was zum Gelingen beigetragen hat"),
            )
            if not getattr(practice, name).strip()
        ]
        if missing:
            raise ServiceError("Vor dem Veröffentlichen fehlt noch: " + ", ".join(missing) + ".")
    updated = save_versioned(
        practice,
        practice.pk,
        expected_version=None,
        changes={"state": State.PUBLISHED if publish else State.DRAFT},
        by=by,
    )
    _changed(practice.organization_id)
    return updated


@transaction.atomic
def practice_delete(*, practice: Practice, by: User | None) -> None:
    for picture in practice.pictures.all():
        picture.file.delete(save=False)
    organization_id = practice.organization_id
    practice.delete()
    _changed(organization_id)


@transaction.atomic
def partner_add(*, practice: Practice, name: str, role: str, by: User | None) -> Partner:
    if not name.strip():
        raise ServiceError("Bitte nennen Sie den Partner.")
    position = practice.partners.count() + 1
    return Partner.objects.create(
        practice=practice, name=name.strip()[:200], role=role.strip()[:200], position=position
    )


@transaction.atomic
def partner_remove(*, partner: Partner, by: User | None) -> None:
    partner.delete()


@transaction.atomic
def picture_add(
    *, practice: Practice, upload: Any, alt: str, consent: bool, consent_note: str, by: User | None
) -> Picture:
    """A picture (JPEG or PNG, within the upload limit) with its text alternative. Without the
    consent of the people in it, it stays internal."""
    suffix = PurePosixPath((upload.name or "").lower()).suffix
    if suffix not in PICTURE_TYPES:
        raise ServiceError("Bilder bitte als JPEG oder PNG.")
    if upload.size > settings.TEILHABE_UPLOAD_MAX_BYTES:
        raise ServiceError("Das Bild ist zu groß.")
    if not alt.strip():
        raise ServiceError(
            "Bitte beschreiben Sie das Bild (Alternativtext für Menschen, die es nicht sehen)."
        )
    if consent and not consent_note.strip():
        raise ServiceError("Bitte vermerken Sie, wer wann eingewilligt hat.")
    picture = Picture(
        practice=practice,
        alt=alt.strip()[:300],
        content_type=PICTURE_TYPES[suffix],
        consent=consent,
        consent_note=consent_note.strip()[:300],
    )
    picture.file.save(f"praxis-{practice.pk}{suffix}", ContentFile(upload.read()), save=False)
    picture.save()
    _changed(practice.organization_id)
    return picture


@transaction.atomic
def picture_remove(*, picture: Picture, by: User | None) -> None:
    picture.file.delete(save=False)
    picture.delete()
    _changed(picture.practice.organization_id)


def _field_area(field: FieldOfAction | None) -> str:
    """The brochure's area a Bilanz field most likely belongs to (the office can change it)."""
    title = (field.title if field else "").lower()
    for words, area in (
        (("bildung", "schule", "kita", "sprache"), Area.EDUCATION),
        (("gesundheit", "pflege"), Area.HEALTH),
        (("arbeit", "ausbildung", "beruf"), Area.LABOUR),
    ):
        if any(word in title for word in words):
            return area
    return Area.SOCIETY


def example_title(text: str) -> str:
    """A short title for a Bilanz example, which is a sentence ("Im Rahmen des Projektes
    „Sprachmittler“ hält die Caritas …"): the project's quoted name where it has one, else its
    first words."""
    quoted = re.search(r"[„\"]([^“”\"]{3,80})[“”\"]", text)
    if quoted:
        return quoted.group(1).strip()
    words = text.split()
    return " ".join(words[:8]) + (" …" if len(words) > 8 else "") if words else "Beispiel"


@transaction.atomic
def practice_from_example(*, example: Example, by: User | None) -> Practice:
    """A Bilanz's "Beispiel aus dem Landkreis" as a draft practice: its text as the approach."""
    if Practice.objects.filter(source_example=example).exists():
        raise ServiceError("Aus diesem Beispiel gibt es schon ein Good-Practice-Beispiel.")
    field = example.field
    text = example.text.strip()
    title = example_title(text)
    return practice_create(
        organization=field.plan.organization,
        by=by,
        title=title,
        area=_field_area(field),
        approach=text,
        source_example=example,
        fields=[field],
    )


@transaction.atomic
def practice_from_grant(*, application: Application, by: User | None) -> Practice:
    """A closed funded project as a draft practice, its Sachbericht as the starting text."""
    proof = ProofOfUse.objects.filter(application=application).first()
    if not application.funded or proof is None or proof.status != "accepted":
        raise ServiceError(
            "Ein Good-Practice-Beispiel entsteht aus einem abgeschlossenen Projekt "
            "(Verwendungsnachweis geprüft)."
        )
    if Practice.objects.filter(grant=application).exists():
        raise ServiceError("Aus diesem Projekt gibt es schon ein Good-Practice-Beispiel.")
    area = {
        "education": Area.EDUCATION,
        "language": Area.LANGUAGE,
        "health": Area.HEALTH,
        "work": Area.LABOUR,
    }.get(application.area, Area.SOCIETY)
    amount = f"{application.approved_amount:.2f}".replace(".", ",")
    return practice_create(
        organization=application.call.fund.organization,
        by=by,
        title=application.title,
        area=area,
        municipality=application.municipality,
        provider=application.applicant_name,
        summary=application.summary,
        approach=proof.report,
        period=(
            f"{application.starts_on:%m/%Y} bis {application.ends_on:%m/%Y}"
            if application.starts_on and application.ends_on
            else str(application.call.year)
        ),
        funding=f"{application.call.fund.name} {application.call.year}: {amount} €",
        grant=application,
        fields=list(application.fields.all()),
    )


@transaction.atomic
def adoption_record(
    *, practice: Practice, organization: Organization, year: int, note: str, by: User | None
) -> Adoption:
    if practice.state != State.PUBLISHED:
        raise ServiceError("Übernommen werden veröffentlichte Beispiele.")
    if organization.pk == practice.organization_id:
        raise ServiceError("Das Beispiel stammt von Ihrer eigenen Organisation.")
    try:
        with transaction.atomic():
            adoption = Adoption.objects.create(
                practice=practice,
                organization=organization,
                year=year,
                note=note.strip()[:300],
                recorded_by=by,
            )
    except IntegrityError as error:
        raise ServiceError(f"{organization.name} hat dieses Beispiel schon übernommen.") from error
    _changed(practice.organization_id)
    return adoption


DEFAULT_TITLE = (
    "Good-Practice im {place} – Beispiele für gelingende Integration von Menschen mit "
    "Zuwanderungsgeschichte im sozialen und beruflichen Kontext"
)


def default_title(organization: Organization) -> str:
    place = {"district": "Landkreis", "city": "Stadt", "municipality": "Gemeinde"}.get(
        organization.kind, ""
    )
    name = organization.name
    # "Landkreis Böblingen" → "im Landkreis Böblingen"; other names as they are.
    return DEFAULT_TITLE.format(place=name if name.startswith(place) else f"{place} {name}".strip())


@transaction.atomic
def edition_save(
    *,
    organization: Organization,
    by: User | None,
    practices: Sequence[Practice],
    edition: Edition | None = None,
    title: str = "",
    foreword: str = "",
    foreword_by: str = "",
    year: int | None = None,
) -> Edition:
    """An edition with its practices in the given order (published ones of the organisation)."""
    chosen = list(practices)
    wrong = [
        p for p in chosen if p.organization_id != organization.pk or p.state != State.PUBLISHED
    ]
    if wrong:
        raise ServiceError(
            f"„{wrong[0].title}“ ist kein veröffentlichtes Beispiel dieser Organisation."
        )
    if not chosen:
        raise ServiceError("Bitte wählen Sie mindestens ein Beispiel für die Broschüre.")
    edition = edition or Edition(organization=organization)
    edition.title = title.strip() or default_title(organization)
    edition.foreword = foreword.strip()
    edition.foreword_by = foreword_by.strip()
    edition.year = year or timezone.localdate().year
    if edition.pk:
        edition.version += 1
    edition.save()
    edition.entries.all().delete()
    EditionEntry.objects.bulk_create(
        EditionEntry(edition=edition, practice=p, position=i) for i, p in enumerate(chosen, start=1)
    )
    return edition

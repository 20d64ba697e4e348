"""Writes of the staff language survey: setting a survey up, a staff member's entry with their
consent, withdrawal (which deletes at once), the access log, and the purge after retention."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from teilhabe.core.errors import ConflictError, ServiceError
from teilhabe.core.versioning import record_as
from teilhabe.organizations.models import Organization, Unit, User
from teilhabe.organizations.permissions import member_organization_ids

from ..models import (
    LANGUAGE_NAMES,
    LanguageLevel,
    LanguageSkillSurvey,
    SkillAccessLog,
    SkillVisibility,
    StaffLanguage,
    StaffLanguageSkill,
    SurveyConsent,
)
from ..querysets_survey import unit_ids_of

SKILLS = ("understanding", "speaking", "reading", "writing")
LEVELS = {value for value, _label in LanguageLevel.choices}

DEFAULT_CONSENT_TEXT = (
    "Ich willige freiwillig ein, dass meine Angaben zu meinen Sprachkenntnissen, meine "
    "Verwaltung, mein Amt und meine dienstlichen Kontaktdaten für die Erhebung der "
    "Sprachkompetenzen gespeichert und den von mir gewählten Kolleginnen und Kollegen angezeigt "
    "werden, damit sie mich um Sprachhilfe bitten können. Die Angaben können Rückschlüsse auf "
    "meine Herkunft zulassen. Ich kann die Einwilligung jederzeit ohne Nachteile widerrufen; "
    "meine Angaben werden dann sofort gelöscht."
)


def _check_participants(
    organization: Organization, participants: Iterable[Organization]
) -> list[Organization]:
    participants = list(participants)
    if not participants:
        raise ServiceError("Wählen Sie mindestens eine teilnehmende Verwaltung.")
    outside = [
        p.name for p in participants if p.pk != organization.pk and p.parent_id != organization.pk
    ]
    if outside:
        raise ServiceError(
            "Teilnehmen können nur die eigene Verwaltung und die Städte und Gemeinden, die zu "
            f"{organization.name} gehören – nicht: {', '.join(sorted(outside))}."
        )
    return participants


@transaction.atomic
def survey_create(
    *,
    organization: Organization,
    title: str,
    participants: Iterable[Organization],
    description: str = "",
    consent_text: str = "",
    is_open: bool = True,
    retention_months: int = 24,
    log_retention_days: int = 365,
    by: User | None,
) -> LanguageSkillSurvey:
    participants = _check_participants(organization, participants)
    survey = LanguageSkillSurvey(
        organization=organization,
        title=title.strip(),
        description=description,
        consent_text=consent_text.strip() or DEFAULT_CONSENT_TEXT,
        is_open=is_open,
        retention_months=retention_months,
        log_retention_days=log_retention_days,
    )
    survey.full_clean(exclude=["organization"])
    record_as(survey, by)
    survey.save()
    survey.participants.set(participants)
    return survey


@transaction.atomic
def survey_update(
    *, survey: LanguageSkillSurvey, version: int | None, by: User | None, **changes: Any
) -> LanguageSkillSurvey:
    current = LanguageSkillSurvey.objects.select_for_update().get(pk=survey.pk)
    if version is not None and current.version != int(version):
        raise ConflictError(current)
    participants = changes.pop("participants", None)
    if (
        "consent_text" in changes
        and changes["consent_text"].strip() != current.consent_text.strip()
        and current.entries.exists()
    ):
        # People consented to the text they read; a new text needs new consents.
        raise ServiceError(
            "Der Text der Einwilligung kann nicht mehr geändert werden, weil schon "
            "Angaben mit dieser Einwilligung vorliegen."
        )
    for name, value in changes.items():
        setattr(current, name, value)
    current.full_clean(exclude=["organization"])
    current.version += 1
    record_as(current, by)
    current.save()
    if participants is not None:
        participants = _check_participants(current.organization, participants)
        leaving = (
            current.entries.exclude(organization__in=participants)
            .values_list("organization__name", flat=True)
            .distinct()
        )
        if leaving:
            # Their people consented to this survey; they withdraw themselves, nobody for them.
            raise ServiceError(
                "Aus diesen Verwaltungen liegen schon Angaben vor, sie bleiben deshalb "
                f"teilnehmend: {', '.join(sorted(leaving))}."
            )
        current.participants.set(participants)
    return current


def _clean_languages(languages: Sequence[dict]) -> list[dict]:
    cleaned, seen = [], set()
    for number, row in enumerate(languages, start=1):
        code = row.get("language", "")
        if code not in LANGUAGE_NAMES:
            raise ServiceError(f"Sprache {number}: Bitte wählen Sie eine Sprache aus der Liste.")
        dialect = (row.get("dialect") or "").strip()
        if code == "other" and not dialect:
            raise ServiceError(
                f"Sprache {number}: Bei „andere Sprache“ tragen Sie bitte den Namen der Sprache "
                "im Feld „Dialekt oder Variante“ ein."
            )
        levels = {skill: row.get(skill) or "" for skill in SKILLS}
        if any(level not in LEVELS for level in levels.values()):
            raise ServiceError(f"Sprache {number}: unbekannte Stufe.")
        if not any(levels.values()):
            raise ServiceError(
                f"Sprache {number} ({LANGUAGE_NAMES[code]}): Geben Sie für mindestens eine "
                "Fertigkeit eine Stufe an."
            )
        key = (code, dialect.casefold())
        if key in seen:
            raise ServiceError(f"{LANGUAGE_NAMES[code]} ist zweimal angegeben.")
        seen.add(key)
        cleaned.append({"language": code, "dialect": dialect, **levels})
    if not cleaned:
        raise ServiceError("Geben Sie mindestens eine Sprache an.")
    return cleaned


@transaction.atomic
def skill_entry_save(
    *,
    survey: LanguageSkillSurvey,
    user: User,
    organization: Organization,
    unit: Unit | None,
    languages: Sequence[dict],
    visibility: str = SkillVisibility.ORGANIZATION,
    willing_to_help: bool = True,
    phone: str = "",
    note: str = "",
    consent: bool = False,
    version: int | None = None,
    by: User,
) -> StaffLanguageSkill:
    """Create or replace `user`'s entry. Only the person themselves enters their skills."""
    if by.pk != user.pk:
        raise ServiceError("Angaben zu Sprachkenntnissen macht nur die Person selbst.")
    if organization.pk not in member_organization_ids(user):
        raise ServiceError(f"Sie gehören nicht zur Verwaltung {organization.name}.")
    if not survey.participants.filter(pk=organization.pk).exists():
        raise ServiceError(f"{organization.name} nimmt an dieser Erhebung nicht teil.")
    if unit is not None and unit.organization_id != organization.pk:
        raise ServiceError(f"Das Amt „{unit.name}“ gehört nicht zu {organization.name}.")
    if visibility not in SkillVisibility.values:
        raise ServiceError("Bitte wählen Sie, wer Ihren Eintrag sehen darf.")
    if visibility == SkillVisibility.UNIT and (unit is None or unit.pk not in unit_ids_of(user)):
        # "My office" reaches the colleagues the administration assigned to that office, so it
        # must be the office the administration assigned this person to as well.
        raise ServiceError(
            "„Nur mein Amt“ ist nur für das Amt möglich, dem Ihre Verwaltung Sie zugeordnet hat. "
            "Wählen Sie dieses Amt oder eine weitere Sichtbarkeit."
        )
    rows = _clean_languages(languages)
    now = timezone.now()
    entry = StaffLanguageSkill.objects.select_for_update().filter(survey=survey, user=user).first()
    if entry is None:
        if not survey.is_open:
            raise ServiceError("Diese Erhebung ist geschlossen; neue Angaben sind nicht möglich.")
        if not consent:
            raise ServiceError(
                "Ohne Ihre Einwilligung können wir Ihre Angaben nicht speichern. Die Teilnahme "
                "ist freiwillig."
            )
        SurveyConsent.objects.create(
            survey=survey, user=user, text=survey.consent_text, given_at=now
        )
        entry = StaffLanguageSkill(survey=survey, user=user)
    elif version is not None and entry.version != int(version):
        raise ConflictError(entry)
    else:
        entry.version += 1
    entry.organization = organization
    entry.unit = unit
    entry.visibility = visibility
    entry.willing_to_help = willing_to_help
    entry.phone = phone.strip()
    entry.note = note.strip()
    entry.confirmed_at = now
    entry.save()
    entry.languages.all().delete()
    StaffLanguage.objects.bulk_create(StaffLanguage(entry=entry, **row) for row in rows)
    return entry


@transaction.atomic
def skill_entry_withdraw(*, survey: LanguageSkillSurvey, user: User, by: User) -> bool:
    """Withdraw the consent and delete the entry at once (Art. 7(3), Art. 17 DSGVO). True if
    there was anything to withdraw."""
    if by.pk != user.pk:
        raise ServiceError("Die Einwilligung kann nur die Person selbst widerrufen.")
    deleted, _ = StaffLanguageSkill.objects.filter(survey=survey, user=user).delete()
    ended = SurveyConsent.objects.filter(
        survey=survey, user=user, withdrawn_at__isnull=True
    ).update(withdrawn_at=timezone.now(), end_reason="withdrawn")
    return bool(deleted or ended)


def access_log_record(
    *, survey: LanguageSkillSurvey, entries: Iterable[StaffLanguageSkill], viewer: User, what: str
) -> int:
    """Log that `viewer` saw these entries (one insert for a whole directory page)."""
    now = timezone.now()
    name = f"{viewer.get_full_name() or viewer.email} <{viewer.email}>"
    logs = [
        SkillAccessLog(
            survey=survey,
            subject_id=entry.user_id,
            viewer=viewer,
            viewer_name=name,
            at=now,
            what=what,
        )
        for entry in entries
        if entry.user_id != viewer.pk
    ]
    SkillAccessLog.objects.bulk_create(logs)
    return len(logs)


def _months_before(moment: dt.datetime, months: int) -> dt.datetime:
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, 28)
    return moment.replace(year=year, month=month + 1, day=day)


@transaction.atomic
def skills_purge(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete entries not confirmed within their survey's retention or of people who left the
    administration they named, and access logs older than the log retention. Ends the consents
    of the purged entries."""
    now = now or timezone.now()
    entries = logs = 0
    for survey in LanguageSkillSurvey.objects.all():
        limit = _months_before(now, survey.retention_months)
        stale = StaffLanguageSkill.objects.filter(survey=survey, confirmed_at__lt=limit)
        people = list(stale.values_list("user_id", flat=True))
        if people:
            SurveyConsent.objects.filter(
                survey=survey, user_id__in=people, withdrawn_at__isnull=True
            ).update(withdrawn_at=now, end_reason="retention")
            entries += stale.delete()[1].get("interpreters.StaffLanguageSkill", 0)
        # People who left the administration their entry names: no longer colleagues to ask.
        gone = StaffLanguageSkill.objects.filter(survey=survey).with_owner_in_organization()
        gone_people = list(gone.filter(owner_works_there=False).values_list("user_id", flat=True))
        if gone_people:
            SurveyConsent.objects.filter(
                survey=survey, user_id__in=gone_people, withdrawn_at__isnull=True
            ).update(withdrawn_at=now, end_reason="left")
            entries += (
                StaffLanguageSkill.objects.filter(survey=survey, user_id__in=gone_people)
                .delete()[1]
                .get("interpreters.StaffLanguageSkill", 0)
            )
        logs += SkillAccessLog.objects.filter(
            survey=survey, at__lt=now - dt.timedelta(days=survey.log_retention_days)
        ).delete()[0]
    return {"entries": entries, "logs": logs}

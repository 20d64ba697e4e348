"""View models of the staff language survey: a person's own data (for the page and the JSON
export) and the statistics languages × administrations, which never name anybody."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext

from .models import (
    LANGUAGE_NAMES,
    LanguageSkillSurvey,
    SkillAccessLog,
    StaffLanguage,
    StaffLanguageSkill,
    SurveyConsent,
)

# Counts below this are shown as "weniger als 3": in a small office one or two speakers of a
# language are easy to name, and the language may reveal their origin (Art. 9 DSGVO).
SMALL = 3


def own_entry(survey: LanguageSkillSurvey, user) -> StaffLanguageSkill | None:
    return (
        StaffLanguageSkill.objects.filter(survey=survey, user=user)
        .select_related("organization", "unit")
        .prefetch_related("languages")
        .first()
    )


def own_data(survey: LanguageSkillSurvey, user) -> dict:
    """Everything stored about `user` in `survey` (Art. 15, 20 DSGVO), as plain data."""
    entry = own_entry(survey, user)
    consents = SurveyConsent.objects.filter(survey=survey, user=user)
    logs = SkillAccessLog.objects.about(survey, user)
    return {
        "erhebung": survey.title,
        "durchfuehrende_organisation": survey.organization.name,
        "person": {"name": user.get_full_name(), "email": user.email},
        "eintrag": None
        if entry is None
        else {
            "verwaltung": entry.organization.name,
            "amt": entry.unit.name if entry.unit else None,
            "darf_angefragt_werden": entry.willing_to_help,
            "sichtbarkeit": entry.get_visibility_display(),
            "telefon": entry.phone,
            "hinweis": entry.note,
            "angelegt": entry.created_at.isoformat(),
            "zuletzt_bestaetigt": entry.confirmed_at.isoformat(),
            "sprachen": [
                {
                    "sprache": language.language_name,
                    "code": language.language,
                    "verstehen": language.get_understanding_display(),
                    "sprechen": language.get_speaking_display(),
                    "lesen": language.get_reading_display(),
                    "schreiben": language.get_writing_display(),
                }
                for language in entry.languages.all()
            ],
        },
        "einwilligungen": [
            {
                "text": consent.text,
                "erteilt": consent.given_at.isoformat(),
                "beendet": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
                "grund": consent.get_end_reason_display(),
            }
            for consent in consents
        ],
        "zugriffe": [
            {"wer": log.viewer_name, "wann": log.at.isoformat(), "was": log.what} for log in logs
        ],
    }


@dataclass
class StatisticsTable:
    """Counts of people per language (rows) and administration (columns), as display strings."""

    columns: list[str]
    rows: list[tuple[str, list[str], str]] = field(default_factory=list)
    column_totals: list[str] = field(default_factory=list)
    people: str = "0"

    @property
    def header(self) -> list[str]:
        return [gettext("Sprache"), *self.columns, gettext("zusammen")]

    def table_rows(self) -> list[list[str]]:
        return [[language, *cells, total] for language, cells, total in self.rows]


def shown(count: int) -> str:
    if count == 0:
        return "–"
    return gettext("weniger als 3") if count < SMALL else str(count)


def row_total(total: int, cells: list[int]) -> str:
    """The row's total, unless it would let a reader compute a suppressed cell.

    With one suppressed cell the total minus the shown cells is that cell; with several, the
    remainder pins them all down when it equals their number (all 1) or twice it (all 2). Then
    only a lower bound is given, which the cells tell anyway."""
    if total < SMALL:
        return shown(total)
    hidden = [count for count in cells if 0 < count < SMALL]
    if not hidden:
        return str(total)
    remainder = sum(hidden)
    if len(hidden) >= 2 and len(hidden) < remainder < 2 * len(hidden):
        return str(total)
    lower_bound = total - remainder + len(hidden)
    return gettext("mindestens %(count)s") % {"count": max(lower_bound, SMALL)}


def statistics(survey: LanguageSkillSurvey, as_of: dt.datetime | None = None) -> StatisticsTable:
    """People per language and administration, counted once per language however many
    dialects they name; three queries whatever the number of entries."""
    participants = list(survey.participants.order_by("name"))
    entries = StaffLanguageSkill.objects.filter(survey=survey)
    languages = StaffLanguage.objects.filter(entry__survey=survey)
    if as_of is not None:
        entries = entries.filter(created_at__lte=as_of)
        languages = languages.filter(entry__created_at__lte=as_of)
    counts: dict[tuple[str, int], int] = {}
    for row in languages.values("language", "entry__organization_id").annotate(
        people=Count("entry", distinct=True)
    ):
        counts[row["language"], row["entry__organization_id"]] = row["people"]
    per_organization = dict(
        entries.values_list("organization_id").annotate(people=Count("pk", distinct=True))
    )
    table = StatisticsTable(columns=[organization.name for organization in participants])
    codes = sorted({code for code, _org in counts}, key=lambda code: str(LANGUAGE_NAMES[code]))
    for code in codes:
        cells = [counts.get((code, organization.pk), 0) for organization in participants]
        table.rows.append(
            (
                str(LANGUAGE_NAMES[code]),
                [shown(count) for count in cells],
                row_total(sum(cells), cells),
            )
        )
    people = [per_organization.get(organization.pk, 0) for organization in participants]
    table.column_totals = [shown(count) for count in people]
    # The grand total is the sum of the column totals: hidden the same way as a row's.
    table.people = row_total(sum(people), people)
    return table

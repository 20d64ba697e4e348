"""The content of a Bilanz, read once and handed to every renderer (HTML, Typst, DOCX) and to the
back office's dashboard.

`bilanz_data` needs the same number of queries whatever the size of the plan: each list below is
one query, and nothing is loaded lazily per field, measure or report.

What a report compares itself with is fixed by what was published before it: the previous
report is the latest *published* report with an earlier date, and the history lists only
published reports up to this one (plus this one). So a published report renders the same
tomorrow as today — later reports and drafts never leak into it — and a draft shows its
changes against what the public last saw.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_noop, ngettext
from modeltranslation.utils import build_localized_fieldname

from teilhabe.organizations.models import Organization
from teilhabe.plans import snapshot
from teilhabe.plans.contributions import BilanzSection, bilanz_sections
from teilhabe.plans.models import (
    Example,
    FieldOfAction,
    Measure,
    Plan,
    ProgressEntry,
    ProgressReport,
)
from teilhabe.plans.progress import Progress, progress_figure
from teilhabe.plans.querysets import STATUS_KEYS, progress_of
from teilhabe.reports.formatting import (
    format_date_long,
    format_date_short,
    list_separator,
    number_word,
    paragraphs,
)

from .wording import status_label, status_text

PROGRESS_NOTE = gettext_noop(
    "Fortschritt = gewichteter Mittelwert der Maßnahmen: umgesetzt zählt 100 %, "
    "nicht umgesetzt 0 %, im Abstimmungsprozess mit seinem Prozentwert oder 0 %, "
    "in Umsetzung mit seinem Prozentwert oder 50 %; „Umsetzung nicht möglich“ und "
    "„keine Angabe“ bleiben außen vor."
)
# The threshold of plans/progress.py, in words (shown after PROGRESS_NOTE).
PROGRESS_THRESHOLD_NOTE = gettext_noop(
    "Ein Prozentwert wird nur genannt, wenn mindestens die Hälfte der Maßnahmen eine Angabe hat; "
    "sonst steht dort „zu wenige Angaben“. Neben jedem Wert steht, aus wie vielen Maßnahmen er "
    "berechnet ist."
)

# "Beispiele aus dem Landkreis" — the seed's wording, fitted to the kind of organisation.
# A row up to about half a page moves whole to the next page rather than leave a few lines
# behind; a longer one must break, or it would run off the page (Typst) or be cut off (Word).
KEEP_ROW_TOGETHER_BELOW = 1500

EXAMPLES_HEADINGS = {
    "district": gettext_noop("Beispiele aus dem Landkreis zum Handlungsfeld „%(title)s“"),
    "city": gettext_noop("Beispiele aus der Stadt zum Handlungsfeld „%(title)s“"),
    "municipality": gettext_noop("Beispiele aus der Gemeinde zum Handlungsfeld „%(title)s“"),
}
EXAMPLES_HEADING_OTHER = gettext_noop("Beispiele zum Handlungsfeld „%(title)s“")


@dataclass(frozen=True)
class StatusCount:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Summary:
    """Counts per status key (in the order of STATUS_KEYS) and the weighted progress figure."""

    counts: dict[str, int]
    total: int
    progress: float | None

    @classmethod
    def from_row(cls, row: dict | None) -> Summary:
        row = row or {}
        return cls(
            counts={key: row.get(f"n_{key}") or 0 for key in STATUS_KEYS},
            total=row.get("n_total") or 0,
            progress=row.get("progress"),
        )

    @property
    def status_counts(self) -> list[StatusCount]:
        return [StatusCount(key, status_label(key), self.counts[key]) for key in STATUS_KEYS]

    @property
    def figure(self) -> Progress:
        """The progress figure with its basis, by the one rule of plans/progress.py."""
        return progress_figure(counts=self.counts, total=self.total, mean=self.progress)

    @property
    def progress_text(self) -> str:
        """The figure with its basis: "62,5 % (aus 4 von 5 Maßnahmen)"."""
        return self.figure.text

    @property
    def counted(self) -> int:
        """How many measures the progress figure rests on."""
        return self.figure.basis

    @property
    def breakdown(self) -> str:
        """ "2 umgesetzt, 1 in Umsetzung" — the statuses that occur, in their fixed order."""
        parts = [f"{item.count} {item.label}" for item in self.status_counts if item.count]
        return list_separator().join(parts) or gettext("keine Maßnahmen")


@dataclass(frozen=True)
class Row:
    """One line of a field's table: Ziele | Aufgaben/Beschreibung | Umsetzung."""

    measure: Measure
    entry: ProgressEntry
    status: str
    percent: int | None
    description: str
    original_wording: str
    previous_status: str | None

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def implementation(self) -> str:
        """The Umsetzung column: the office's own wording, else status and percent. The wording
        is German, so readers in another language get the status in theirs."""
        if self.original_wording and get_language() == settings.LANGUAGE_CODE:
            return self.original_wording
        return status_text(self.status, self.percent)

    @property
    def goal(self) -> str:
        """The Ziele column: the measure with its number, so readers can find it in the plan."""
        return f"{self.measure.number} {self.measure.title}".strip()

    @property
    def description_paragraphs(self) -> list[str]:
        return paragraphs(self.description)

    @property
    def keep_together(self) -> bool:
        length = len(self.goal) + len(self.description) + len(self.implementation)
        return length < KEEP_ROW_TOGETHER_BELOW


@dataclass(frozen=True)
class ExampleItem:
    example: Example

    @property
    def text(self) -> str:
        """As the seed writes them: the example, then who runs it in brackets. A translation is
        written whole, place and provider included, so it is shown as it is."""
        language = get_language() or settings.LANGUAGE_CODE
        if language != settings.LANGUAGE_CODE:
            own = getattr(self.example, build_localized_fieldname("text", language), None)
            if own:
                return own
        text = self.example.text
        if self.example.place and self.example.place not in text:
            text = f"{self.example.place}: {text}"
        # Imported examples often name their provider in the text already: not twice.
        if self.example.provider and self.example.provider not in text:
            text = f"{text} ({self.example.provider})"
        return text


@dataclass(frozen=True)
class FieldData:
    field: FieldOfAction
    summary: Summary
    rows: list[Row]
    examples: list[ExampleItem]
    # The organisation's kind ("district" …): the examples' heading names the place by it.
    organization_kind: str
    # What modules above plans add to the field's chapter (funded projects, indicators …).
    sections: list[BilanzSection] = dataclass_field(default_factory=list)

    @property
    def examples_heading(self) -> str:
        """ "Beispiele aus dem Landkreis zum Handlungsfeld „Wohnen“", in the active language."""
        return _examples_heading(self.organization_kind, self.field)

    @property
    def heading(self) -> str:
        return f"{self.field.number}. {self.field.title}"

    @property
    def introduction_paragraphs(self) -> list[str]:
        return paragraphs(self.field.introduction)


@dataclass(frozen=True)
class Change:
    measure: Measure
    field_number: int
    old_status: str | None
    old_percent: int | None
    new_status: str
    new_percent: int | None

    @property
    def old_text(self) -> str:
        return status_text(self.old_status, self.old_percent)

    @property
    def new_text(self) -> str:
        return status_text(self.new_status, self.new_percent)


@dataclass(frozen=True)
class HistoryPoint:
    report_id: int
    title: str
    as_of: dt.date
    progress: float | None
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def figure(self) -> Progress:
        """The progress figure with its basis, by the one rule of plans/progress.py."""
        return progress_figure(counts=self.counts, total=self.total, mean=self.progress)

    @property
    def progress_text(self) -> str:
        return self.figure.text

    @property
    def as_of_short(self) -> str:
        return format_date_short(self.as_of)

    @property
    def counted(self) -> int:
        """How many measures the progress figure rests on."""
        return self.figure.basis


@dataclass(frozen=True)
class BilanzData:
    plan: Plan
    organization: Organization
    report: ProgressReport
    previous_report: ProgressReport | None
    summary: Summary
    fields: list[FieldData]
    changes: list[Change]
    history: list[HistoryPoint]
    # Chapters that modules above plans add after the fields (see plans/contributions.py).
    sections: list[BilanzSection] = dataclass_field(default_factory=list)

    @property
    def progress_note(self) -> str:
        return gettext(PROGRESS_NOTE) + " " + gettext(PROGRESS_THRESHOLD_NOTE)

    @property
    def as_of_text(self) -> str:
        return format_date_long(self.report.as_of)

    @property
    def correction_intro(self) -> str:
        """For a corrected edition: which edition it replaces."""
        corrected = self.report.corrects
        if corrected is None:
            return ""
        published = timezone.localtime(corrected.published_at).date()
        return gettext(
            "Berichtigte Fassung. Sie ersetzt die am %(date)s veröffentlichte Fassung."
        ) % {"date": format_date_long(published)}

    @property
    def correction_notice(self) -> str:
        """The intro and what was corrected (the note is German, as the documents are)."""
        if not self.correction_intro:
            return ""
        return f"{self.correction_intro} Berichtigt: {self.report.correction_note}"

    @property
    def document_title(self) -> str:
        """The title a PDF viewer or browser tab shows."""
        return gettext("%(report)s – %(plan)s, Stand %(date)s") % {
            "report": self.report.title,
            "plan": self.plan.title,
            "date": self.as_of_text,
        }

    @property
    def introduction_paragraphs(self) -> list[str]:
        return paragraphs(self.report.introduction)

    @property
    def outlook_paragraphs(self) -> list[str]:
        return paragraphs(self.report.outlook)

    @property
    def fields_sentence(self) -> str:
        """ "Der Integrationsplan ist in acht Handlungsfelder aufgeteilt: 1. Wohnen („…“), …".

        Only for a report without an introduction of its own: written introductions (like the
        imported 2017 Bilanz) already present the fields, and saying it twice reads badly."""
        if self.report.introduction.strip():
            return ""
        names = []
        for item in self.fields:
            motto = f" („{item.field.motto}“)" if item.field.motto else ""
            names.append(f"{item.heading}{motto}")
        if not names:
            return ""
        if len(names) == 1:
            listed = names[0]
        else:
            # Translators: the last two items of a list, e.g. "1. Wohnen, 2. Arbeit und 3. Sprache".
            listed = gettext("%(items)s und %(last)s") % {
                "items": list_separator().join(names[:-1]),
                "last": names[-1],
            }
        # Translators: %(count)s is a number word ("acht"), or digits above twelve.
        sentence = ngettext(
            "Der Plan hat ein Handlungsfeld: %(fields)s.",
            "Der Plan ist in %(count)s Handlungsfelder aufgeteilt: %(fields)s.",
            len(names),
        )
        return sentence % {"count": number_word(len(names)), "fields": listed}

    @property
    def previous_as_of_text(self) -> str:
        return format_date_long(self.previous_report.as_of) if self.previous_report else ""


def report_for(
    plan: Plan, as_of: dt.date | None = None, published_only: bool = False
) -> ProgressReport | None:
    """The report that gives the state of `plan` on `as_of`: the latest one dated that day or
    earlier (the latest of all without a date); None if there is none."""
    reports = ProgressReport.objects.filter(plan=plan).select_related("plan__organization")
    if published_only:
        reports = reports.published()
    if as_of is not None:
        reports = reports.filter(as_of__lte=as_of)
    return reports.order_by("-as_of", "-id").first()


def _rows(report, previous) -> list[Row]:
    entries = (
        ProgressEntry.objects.for_report(report)
        .select_related("measure", "measure__field")
        .order_by("frozen_position", "measure__field__number", "measure__position", "measure_id")
    )
    if previous is not None:
        entries = entries.with_previous(previous)
    entries = snapshot.apply_to_entries(report, entries)
    return [
        Row(
            measure=entry.measure,
            entry=entry,
            status=entry.status,
            percent=entry.percent,
            description=entry.description,
            original_wording=entry.original_wording,
            previous_status=getattr(entry, "previous_status", None),
        )
        for entry in entries
    ]


def _changes(report, previous) -> list[Change]:
    entries = (
        ProgressEntry.objects.for_report(report)
        .changed_since(previous)
        .select_related("measure__field")
        .order_by("frozen_position", "measure__field__number", "measure__position", "measure_id")
    )
    entries = snapshot.apply_to_entries(report, entries)
    return [
        Change(
            measure=entry.measure,
            field_number=entry.measure.field.number,
            old_status=entry.previous_status,
            old_percent=entry.previous_percent,
            new_status=entry.status,
            new_percent=entry.percent,
        )
        for entry in entries
    ]


def _history(report) -> list[HistoryPoint]:
    reports = (
        ProgressReport.objects.filter(plan_id=report.plan_id, as_of__lte=report.as_of)
        .filter(Q(pk__in=ProgressReport.objects.in_force()) | Q(pk=report.pk))
        # A correction stands in for the edition it corrects, also while it is a draft.
        .exclude(pk=report.corrects_id or 0)
        .with_progress()
        .order_by("as_of", "id")
    )
    points = []
    for item in reports:
        row = {key: getattr(item, key) for key in ("weighted_sum", "weight_sum")}
        points.append(
            HistoryPoint(
                report_id=item.pk,
                title=item.title,
                as_of=item.as_of,
                progress=progress_of(row),
                counts={key: getattr(item, f"n_{key}") for key in STATUS_KEYS},
            )
        )
    return points


def _examples_heading(kind: str, field: FieldOfAction) -> str:
    heading = EXAMPLES_HEADINGS.get(kind, EXAMPLES_HEADING_OTHER)
    return gettext(heading) % {"title": field.title}


def bilanz_data(
    report: ProgressReport, *, with_rows: bool = True, with_trend: bool = True
) -> BilanzData:
    """Everything a Bilanz shows, in eight queries (load the report with
    `select_related("plan__organization")`, as `report_for` does, or it is ten).

    `with_rows=False` leaves out the measures' rows and the examples (two queries and most of
    the work) for pages that show only the figures, such as the dashboard; `with_trend=False`
    also the comparison with the previous report and the history (the portal's start page)."""
    snapshot.apply_to_report(report)
    plan = report.plan
    organization = plan.organization
    previous = (
        ProgressReport.objects.latest_for(plan, before=report, published_only=True)
        if with_trend
        else None
    )
    entries = ProgressEntry.objects.for_report(report)
    by_field = entries.summary_by_field()

    rows_by_field: dict[int, list[Row]] = {}
    examples_by_field: dict[int, list[ExampleItem]] = {}
    sections_by_field: dict[int | None, list[BilanzSection]] = {}
    if with_rows:
        for section in bilanz_sections(plan, report):
            sections_by_field.setdefault(section.field_id, []).append(section)
        for row in _rows(report, previous):
            rows_by_field.setdefault(row.measure.field_id, []).append(row)
        for example in Example.objects.filter(report=report).order_by("field__number", "position"):
            examples_by_field.setdefault(example.field_id, []).append(ExampleItem(example))

    fields = []
    for field in snapshot.apply_to_fields(report, FieldOfAction.objects.for_plan(plan)):
        rows = rows_by_field.get(field.pk, [])
        examples = examples_by_field.get(field.pk, [])
        # A published report shows the fields it reported on; fields added later stay out.
        if report.is_published and field.pk not in by_field and not examples:
            continue
        fields.append(
            FieldData(
                field=field,
                summary=Summary.from_row(by_field.get(field.pk)),
                rows=rows,
                examples=examples,
                organization_kind=organization.kind,
                sections=sections_by_field.get(field.pk, []),
            )
        )

    return BilanzData(
        plan=plan,
        organization=organization,
        report=report,
        previous_report=previous,
        summary=Summary.from_row(entries.summary()),
        fields=fields,
        changes=_changes(report, previous) if with_trend else [],
        history=_history(report) if with_trend else [],
        sections=sections_by_field.get(None, []),
    )

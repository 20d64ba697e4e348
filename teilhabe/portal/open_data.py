"""Open data: a published plan's measures with their published progress, as CSV, XLSX and JSON.

Three layers, as everywhere in the project:

- reads (`plan_dataset`, `report_dataset`) turn the database into a `Dataset` of plain rows, one
  query per list whatever the size of the plan. Callers pass only public plans and published
  reports (see `views_data`); the plan's file takes the latest *published* report, never a draft.
- renderers (`render`) turn a `Dataset` into bytes and know nothing of the database;
- `data_file` puts both together and caches the bytes under the plan's revision, the report,
  the format, the language and the licence, so a file is built once per change of its content.

Content (titles, descriptions) is in the active language with German as the fallback; the
codes (status, responsibility, priority) come with their German label, the wording of the plans
themselves; headers and metadata follow the interface language.

Licence: JSON carries it in ``meta.licence``, the XLSX workbook on its second sheet "Lizenz und
Quelle". CSV has no place for metadata, so every file is served with the header
``Link: <licence URL>; rel="license"`` (RFC 8288) and the download section of the plan page
names the licence next to the links.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.utils import build_localized_fieldname, resolution_order
from modeltranslation.utils import get_language as content_language

from teilhabe.documents.cells import escape_formula, xlsx_value
from teilhabe.plans import snapshot
from teilhabe.plans.models import (
    FieldOfAction,
    Goal,
    Measure,
    Plan,
    Priority,
    ProgressEntry,
    ProgressReport,
    ProgressStatus,
    Responsibility,
)

from .models import Licence
from .pages import profile_for

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
JSON_PROFILE = "teilhabe/massnahmen/1"
# Published content changes only with the plan's revision, which is part of the key.
CACHE_SECONDS = 24 * 60 * 60

# The names licences are usually cited by ("Lizenz: CC BY 4.0").
LICENCE_SHORT_NAMES = {
    Licence.CC_BY_4: "CC BY 4.0",
    Licence.CC0: "CC0 1.0",
    Licence.DL_DE_BY: "dl-de/by-2-0",
    Licence.DL_DE_ZERO: "dl-de/zero-2-0",
}


@dataclass(frozen=True)
class LicenceInfo:
    """The licence an organisation publishes its data under, and whom to name."""

    id: str
    name: str
    short_name: str
    url: str
    attribution: str

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "short_name": self.short_name, "url": self.url}


def licence_for(organization) -> LicenceInfo:
    """The organisation's data licence (the platform's default until it chose one): one query."""
    profile = profile_for(organization)
    licence = Licence(profile.data_licence)
    return LicenceInfo(
        id=licence.value,
        name=licence.label,
        short_name=LICENCE_SHORT_NAMES[licence],
        url=profile.licence_url,
        attribution=profile.attribution,
    )


# Columns ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of the table; `type` as in a Frictionless Table Schema."""

    name: str
    title: str
    type: str
    width: int = 16

    def as_dict(self) -> dict:
        return {"name": self.name, "title": str(self.title), "type": self.type}


COLUMNS = (
    Column("organisation", gettext_lazy("Organisation"), "string", 28),
    Column("plan", gettext_lazy("Plan"), "string", 28),
    Column("field_number", gettext_lazy("Handlungsfeld Nr."), "integer", 10),
    Column("field_title", gettext_lazy("Handlungsfeld"), "string", 28),
    Column("goal", gettext_lazy("Ziel"), "string", 36),
    Column("measure_id", gettext_lazy("Maßnahmen-ID"), "integer", 12),
    Column("measure_number", gettext_lazy("Maßnahme Nr."), "string", 10),
    Column("measure_title", gettext_lazy("Maßnahme"), "string", 48),
    Column("description", gettext_lazy("Beschreibung"), "string", 60),
    Column("lead", gettext_lazy("Federführung"), "string", 28),
    Column("partners", gettext_lazy("Kooperationspartner"), "string", 36),
    Column("responsibility", gettext_lazy("Zuständigkeit (Schlüssel)"), "string", 14),
    Column("responsibility_label", gettext_lazy("Zuständigkeit"), "string", 24),
    Column("priority", gettext_lazy("Priorität (Schlüssel)"), "string", 12),
    Column("priority_label", gettext_lazy("Priorität"), "string", 22),
    Column("starts_on", gettext_lazy("Beginn"), "date", 12),
    Column("ends_on", gettext_lazy("Ende"), "date", 12),
    Column("ongoing", gettext_lazy("Daueraufgabe"), "boolean", 12),
    Column("weight", gettext_lazy("Gewicht im Fortschrittswert"), "number", 12),
    Column("status", gettext_lazy("Umsetzungsstand (Schlüssel)"), "string", 16),
    Column("status_label", gettext_lazy("Umsetzungsstand"), "string", 24),
    Column("percent", gettext_lazy("Prozent umgesetzt"), "integer", 10),
    Column("report_as_of", gettext_lazy("Stand"), "date", 12),
    Column("progress_description", gettext_lazy("Was wurde getan?"), "string", 60),
    Column("url", gettext_lazy("Adresse im Portal"), "string", 40),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)


# Reads ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """What a data file says: where it comes from and one row (a dict by column name) per measure."""

    title: str
    organization_name: str
    organization_slug: str
    plan_title: str
    plan_slug: str
    plan_url: str
    report: ProgressReport | None
    report_url: str
    source_url: str
    licence: LicenceInfo
    language: str
    generated_at: dt.datetime
    rows: list[dict]

    @property
    def as_of(self) -> dt.date | None:
        return self.report.as_of if self.report else None


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _german_labels(choices) -> dict[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        return {key: str(label) for key, label in choices.choices}


# Plain values, not model instances: at 10,000 measures instances would cost seconds. Translated
# fields are read in all their languages and picked here (`_localized`): modeltranslation's own
# fallback for `values()` costs a second per 10,000 values, and it does not follow relations.
_MEASURE_VALUES = (
    "pk",
    "field_id",
    "goal_id",
    "number",
    "lead_unit__name",
    "lead_organization__name",
    "partners",
    "responsibility",
    "priority",
    "starts_on",
    "ends_on",
    "ongoing",
    "weight",
)


def _columns(field: str) -> tuple[str, ...]:
    """The columns of a translated field in the order modeltranslation falls back through:
    the active language, then German."""
    return tuple(
        build_localized_fieldname(field, language)
        for language in resolution_order(content_language())
    )


def _localized(row: dict, columns: tuple[str, ...]) -> str:
    """The text in the first language that has one (empty text counts as missing)."""
    return next((row[column] for column in columns if row.get(column)), "")


def plan_dataset(plan: Plan, *, report: ProgressReport | None, licence: LicenceInfo) -> Dataset:
    """Every measure of a public plan with its state in `report`, the plan's latest published
    report (None before the first one)."""
    _check_published(plan, report)
    return _dataset(
        plan,
        report,
        Measure.objects.for_plan(plan),
        licence=licence,
        title=_("Maßnahmen und Umsetzungsstand: %(plan)s") % {"plan": plan.title},
        source_url=_plan_url(plan),
    )


def report_dataset(plan: Plan, report: ProgressReport, *, licence: LicenceInfo) -> Dataset:
    """The measures a published report covers, with what it says about each."""
    _check_published(plan, report)
    snapshot.apply_to_report(report)
    plan_title = snapshot.plan_title(report, "title_de") or plan.title
    return _dataset(
        plan,
        report,
        Measure.objects.for_plan(plan).filter(entries__report=report),
        licence=licence,
        title=f"{report.title} – {plan_title}",
        source_url=_report_url(plan, report),
        as_published=True,
    )


def _check_published(plan: Plan, report: ProgressReport | None) -> None:
    if not plan.is_public or (
        report is not None and (not report.is_published or report.plan_id != plan.pk)
    ):
        raise ValueError("open data comes from public plans and their published reports only")


def _plan_url(plan: Plan) -> str:
    return _absolute(reverse("portal:plan", args=[plan.organization.slug, plan.slug]))


def _report_url(plan: Plan, report: ProgressReport) -> str:
    return _absolute(reverse("portal:report", args=[plan.organization.slug, plan.slug, report.pk]))


def _as_published(report, rows: list[dict], title_columns, text_columns) -> list[dict]:
    """A published report's rows with the measures, fields and goals as they were at its
    publication (plans/snapshot.py), in the published order."""
    frozen = {
        entry["measure_id"]: (entry["frozen"], entry["frozen_position"])
        for entry in ProgressEntry.objects.filter(report=report).values(
            "measure_id", "frozen", "frozen_position"
        )
    }
    fields = report.snapshot.get("fields", {})
    goals = report.snapshot.get("goals", {})
    published = []
    for live in rows:
        values, position = frozen.get(live["measure_id"], ({}, None))
        row = live
        if values:
            field = fields.get(str(values.get("field_id")), {})
            goal = goals.get(str(values.get("goal_id")), {})
            row = {
                **live,
                "measure_number": values["number"],
                "measure_title": _localized(values, title_columns),
                "description": _localized(values, text_columns),
                "lead": values.get("lead", live["lead"]),
                "partners": values.get("partners", live["partners"]),
                "field_number": field.get("number", live["field_number"]),
                "field_title": _localized(field, title_columns) if field else live["field_title"],
                "goal": _localized(goal, title_columns) if goal else "",
            }
        published.append((position if position is not None else 10**9, row))
    return [row for _position, row in sorted(published, key=lambda item: item[0])]


def _dataset(plan, report, measures, *, licence, title, source_url, as_published=False) -> Dataset:
    organization = plan.organization
    title_columns, text_columns = _columns("title"), _columns("description")
    fields = {
        field["pk"]: {"number": field["number"], "title": _localized(field, title_columns)}
        for field in FieldOfAction.objects.filter(plan=plan)
        .rewrite(False)
        .values("pk", "number", *title_columns)
    }
    goals = {
        goal["pk"]: _localized(goal, title_columns)
        for goal in Goal.objects.filter(field__plan=plan)
        .rewrite(False)
        .values("pk", *title_columns)
    }
    entries = {}
    if report is not None:
        entries = {
            entry["measure_id"]: entry
            for entry in ProgressEntry.objects.filter(report=report)
            .rewrite(False)
            .values("measure_id", "status", "percent", *text_columns)
        }
    status_labels = _german_labels(ProgressStatus)
    responsibility_labels = _german_labels(Responsibility)
    priority_labels = _german_labels(Priority)
    args = [organization.slug, plan.slug, 0]
    # One reverse() for all rows: the measure's address differs only in its id.
    measure_url = _absolute(reverse("portal:measure", args=args)).rsplit("/0/", 1)[0]

    rows = []
    measure_rows = (
        measures.order_by("field__number", "position", "id")
        .rewrite(False)
        .values(*_MEASURE_VALUES, *title_columns, *text_columns)
    )
    for measure in measure_rows:
        entry = entries.get(measure["pk"])
        field = fields.get(measure["field_id"], {})
        status = entry["status"] if entry else None
        rows.append(
            {
                "organisation": organization.name,
                "plan": plan.title,
                "field_number": field.get("number"),
                "field_title": field.get("title", ""),
                "goal": goals.get(measure["goal_id"], ""),
                "measure_id": measure["pk"],
                "measure_number": measure["number"],
                "measure_title": _localized(measure, title_columns),
                "description": _localized(measure, text_columns),
                "lead": measure["lead_unit__name"] or measure["lead_organization__name"] or "",
                "partners": measure["partners"],
                "responsibility": measure["responsibility"],
                "responsibility_label": responsibility_labels.get(measure["responsibility"], ""),
                "priority": measure["priority"],
                "priority_label": priority_labels.get(measure["priority"], ""),
                "starts_on": measure["starts_on"],
                "ends_on": measure["ends_on"],
                "ongoing": measure["ongoing"],
                "weight": measure["weight"],
                "status": status,
                "status_label": status_labels.get(status, "") if status else "",
                "percent": entry["percent"] if entry else None,
                "report_as_of": report.as_of if entry else None,
                "progress_description": _localized(entry, text_columns) if entry else "",
                "url": f"{measure_url}/{measure['pk']}/",
            }
        )

    if as_published and snapshot.frozen(report):
        rows = _as_published(report, rows, title_columns, text_columns)
        plan_title = snapshot.plan_title(report, title_columns[-1]) or plan.title
        rows = [{**row, "plan": plan_title} for row in rows]
    return Dataset(
        title=title,
        organization_name=organization.name,
        organization_slug=organization.slug,
        plan_title=(snapshot.plan_title(report, title_columns[-1]) if as_published else None)
        or plan.title,
        plan_slug=plan.slug,
        plan_url=_plan_url(plan),
        report=report,
        report_url=_report_url(plan, report) if report else "",
        source_url=source_url,
        licence=licence,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        generated_at=timezone.now(),
        rows=rows,
    )


# Renderers --------------------------------------------------------------------------------------


def render(dataset: Dataset, fmt: str) -> bytes:
    if fmt == "csv":
        return render_csv(dataset)
    if fmt == "xlsx":
        return render_xlsx(dataset)
    if fmt == "json":
        return render_json(dataset)
    raise ValueError(f"unknown format {fmt!r}")


def meta_dict(dataset: Dataset) -> dict:
    report = dataset.report
    return {
        "profile": JSON_PROFILE,
        "title": dataset.title,
        "organisation": {"name": dataset.organization_name, "slug": dataset.organization_slug},
        "plan": {"title": dataset.plan_title, "slug": dataset.plan_slug, "url": dataset.plan_url},
        "report": (
            {
                "id": report.pk,
                "title": report.title,
                "as_of": report.as_of.isoformat(),
                "published_at": report.published_at.isoformat() if report.published_at else None,
                "url": dataset.report_url,
            }
            if report
            else None
        ),
        "as_of": dataset.as_of.isoformat() if dataset.as_of else None,
        "generated": dataset.generated_at.isoformat(timespec="seconds"),
        "licence": dataset.licence.as_dict(),
        "attribution": dataset.licence.attribution,
        "source": dataset.source_url,
        "language": dataset.language,
        "measure_count": len(dataset.rows),
    }


def _plain_number(value: Decimal) -> int | float:
    """1.00 → 1, 1.50 → 1.5: a weight as people write it."""
    return int(value) if value == value.to_integral_value() else float(value)


def _json_value(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return _plain_number(value)
    return value


def render_json(dataset: Dataset) -> bytes:
    document = {
        "meta": meta_dict(dataset),
        "fields": [column.as_dict() for column in COLUMNS],
        "measures": [
            {name: _json_value(row[name]) for name in COLUMN_NAMES} for row in dataset.rows
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return formats.number_format(_plain_number(value), use_l10n=True)
    return escape_formula(str(value))


def render_csv(dataset: Dataset) -> bytes:
    """Semicolon-separated with a byte order mark, as German Excel opens it by double-click."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(column.title) for column in COLUMNS])
    for row in dataset.rows:
        writer.writerow([_csv_text(row[name]) for name in COLUMN_NAMES])
    return buffer.getvalue().encode("utf-8-sig")


def _sheet_title(title: str) -> str:
    """A valid sheet name: at most 31 characters, none of []:*?/\\ (translations may have them)."""
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title[:31].strip() or "Sheet"


def _xlsx_cell(sheet, value):
    if isinstance(value, Decimal):
        return _plain_number(value)
    if isinstance(value, dt.date):
        # Imported when a workbook is written, not with the views: a web worker that serves
        # pages does without openpyxl (and lxml), ~12 MB.
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        german = (translation.get_language() or "").startswith("de")
        cell.number_format = "DD.MM.YYYY" if german else "YYYY-MM-DD"
        return cell
    return xlsx_value(sheet, value)


def metadata_lines(dataset: Dataset) -> list[tuple[str, str]]:
    """The label and value of each line of the sheet "Lizenz und Quelle"."""
    licence = dataset.licence
    report = dataset.report
    return [
        (_("Titel"), dataset.title),
        (_("Organisation"), dataset.organization_name),
        (_("Plan"), dataset.plan_title),
        (_("Bilanz"), report.title if report else _("noch keine Bilanz veröffentlicht")),
        (_("Stand"), formats.date_format(report.as_of, "SHORT_DATE_FORMAT") if report else ""),
        (_("Lizenz"), f"{licence.name} ({licence.short_name})"),
        (_("Lizenztext"), licence.url),
        (_("Namensnennung"), licence.attribution),
        (_("Quelle"), dataset.source_url),
        (_("Sprache"), dataset.language),
        (
            _("Erstellt am"),
            formats.date_format(timezone.localtime(dataset.generated_at), "SHORT_DATETIME_FORMAT"),
        ),
        (
            _("Hinweis"),
            _(
                "Sie dürfen die Daten unter den Bedingungen der Lizenz nutzen, weitergeben und "
                "verändern. Bitte nennen Sie dabei „%(attribution)s“ als Quelle und verweisen "
                "Sie auf die Lizenz."
            )
            % {"attribution": licence.attribution},
        ),
    ]


def render_xlsx(dataset: Dataset) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    workbook.properties.title = dataset.title
    workbook.properties.creator = dataset.licence.attribution
    workbook.properties.description = f"{dataset.licence.short_name}: {dataset.licence.url}"
    workbook.properties.identifier = dataset.source_url
    workbook.properties.language = dataset.language

    sheet = workbook.create_sheet(_sheet_title(_("Maßnahmen")))
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(len(dataset.rows), 1) + 1}"
    bold = Font(bold=True)
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=str(column.title))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in dataset.rows:
        sheet.append([_xlsx_cell(sheet, row[name]) for name in COLUMN_NAMES])

    notes = workbook.create_sheet(_sheet_title(_("Lizenz und Quelle")))
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 100
    wrap = Alignment(wrap_text=True, vertical="top")
    for label, value in metadata_lines(dataset):
        label_cell = WriteOnlyCell(notes, value=label)
        label_cell.font = bold
        value_cell = WriteOnlyCell(notes, value=value)
        value_cell.alignment = wrap
        notes.append([label_cell, value_cell])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Files ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DataFile:
    content: bytes
    filename: str
    content_type: str
    licence: LicenceInfo


def _cache_key(plan, report, scope, fmt, language, licence) -> str:
    # Name and licence are not part of the plan's revision: a change to them must show too.
    context = "\x1f".join(
        [licence.id, licence.attribution, plan.organization.name, settings.SITE_URL]
    )
    digest = hashlib.sha256(context.encode()).hexdigest()[:16]
    report_id = report.pk if report else 0
    return (
        f"portal:open-data:{plan.pk}:{plan.revision}:{scope}:{report_id}:{fmt}:{language}:{digest}"
    )


def data_file(plan: Plan, fmt: str, *, report: ProgressReport | None = None) -> DataFile:
    """The plan's data file (a published report's, if given), built once per content change.

    The plan must be public and the report published: the views check both first."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    licence = licence_for(plan.organization)
    language = translation.get_language() or settings.LANGUAGE_CODE
    if report is None:
        shown = ProgressReport.objects.latest_for(plan, published_only=True)
        scope, build = "plan", lambda: plan_dataset(plan, report=shown, licence=licence)
    else:
        shown = report
        scope, build = "report", lambda: report_dataset(plan, report, licence=licence)
    key = _cache_key(plan, shown, scope, fmt, language, licence)
    content = cache.get(key)
    if content is None:
        content = render(build(), fmt)
        cache.set(key, content, CACHE_SECONDS)
    return DataFile(
        content=content,
        filename=_filename(plan, shown, scope, fmt, language),
        content_type=CONTENT_TYPES[fmt],
        licence=licence,
    )


def _filename(plan, report, scope, fmt, language) -> str:
    name = plan.slug + ("-bilanz" if scope == "report" else "-massnahmen")
    if report is not None:
        name += f"-stand-{report.as_of:%Y-%m-%d}"
    if language != settings.LANGUAGE_CODE:
        name += f"-{language}"
    return f"{name}.{fmt}"

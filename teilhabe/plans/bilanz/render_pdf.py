"""The Bilanz as a tagged PDF (PDF/UA-1), set by Typst from `typst/bilanz.typ`.

The template gets all content as one JSON document in `sys.inputs`, so text from the database is
never parsed as Typst markup.
"""

import json
from pathlib import Path

from django.utils import translation

from teilhabe.reports.typst_engine import compile_typst

from .charts import (
    field_status_description,
    field_status_svg,
    progress_history_description,
    progress_history_svg,
)
from .data import BilanzData, bilanz_data

TEMPLATE = Path(__file__).with_name("bilanz.typ")


def typst_payload(data: BilanzData, *, attachment: str = "") -> dict:
    """Everything the template shows, as plain JSON: strings, numbers, lists."""
    report = data.report
    history_chart = None
    if len(data.history) > 1:
        history_chart = {
            "svg": str(progress_history_svg(data)),
            "alt": progress_history_description(data),
        }
    return {
        "document_title": data.document_title,
        "organization": data.organization.name,
        "attachment": attachment,
        "report_title": report.title,
        "plan_title": data.plan.title,
        "as_of": data.as_of_text,
        "header": f"{data.plan.title} – {report.title}, Stand {data.as_of_text}",
        "draft": not report.is_published,
        "correction": data.correction_notice,
        "introduction": data.introduction_paragraphs,
        "fields_sentence": data.fields_sentence,
        "summary": {
            "progress": data.summary.figure.figure_text,
            "basis": data.summary.figure.basis_text,
            "total": data.summary.total,
            "note": data.progress_note,
        },
        "field_chart": {"svg": str(field_status_svg(data)), "alt": field_status_description(data)},
        "overview": [
            {
                "heading": item.heading,
                "breakdown": item.summary.breakdown,
                "total": item.summary.total,
                "progress": item.summary.progress_text,
                "is_total": False,
            }
            for item in data.fields
        ]
        + [
            {
                "heading": "Insgesamt",
                "breakdown": data.summary.breakdown,
                "total": data.summary.total,
                "progress": data.summary.progress_text,
                "is_total": True,
            }
        ],
        "history_chart": history_chart,
        "previous": data.previous_as_of_text,
        "changes": [
            {
                "field": str(change.field_number),
                "measure": f"{change.measure.number} {change.measure.title}",
                "old": change.old_text if change.old_status else "neu aufgenommen",
                "new": change.new_text,
            }
            for change in data.changes
        ],
        "fields": [
            {
                "heading": item.heading,
                "motto": item.field.motto,
                "introduction": item.introduction_paragraphs,
                "rows": [
                    {
                        "goal": row.goal,
                        "description": row.description_paragraphs,
                        "implementation": row.implementation,
                        "keep_together": row.keep_together,
                    }
                    for row in item.rows
                ],
                "examples_heading": item.examples_heading,
                "examples": [example.text for example in item.examples],
                "sections": [_section(section) for section in item.sections],
            }
            for item in data.fields
        ],
        "sections": [_section(section) for section in data.sections],
        "outlook": data.outlook_paragraphs,
    }


def _section(section) -> dict:
    """A section contributed by a module above plans (plans/contributions.py), as plain JSON."""
    table = section.table
    return {
        "heading": section.heading,
        "paragraphs": list(section.paragraphs),
        "chart": {"svg": section.chart_svg, "alt": section.chart_alt}
        if section.chart_svg
        else None,
        "table": {
            "caption": table.caption,
            "header": table.header,
            "rows": table.rows,
            "numeric": list(table.numeric),
        }
        if table
        else None,
    }


def render_pdf(data: BilanzData, *, attachment: str = "") -> bytes:
    # A document of a German authority: German whatever language the request speaks.
    with translation.override("de"):
        payload = json.dumps(typst_payload(data, attachment=attachment), ensure_ascii=False)
    report = data.report
    # A published report keeps its date inside the file (same bytes each time); a draft is now.
    timestamp = int(report.published_at.timestamp()) if report.is_published else None
    return compile_typst(
        TEMPLATE,
        {"data": payload},
        format="pdf",
        pdf_standards=["ua-1"],
        timestamp=timestamp,
    )


def render_bilanz_pdf(report) -> bytes:
    """The PDF of a report, from the database to bytes (the benchmark's entry point)."""
    with translation.override("de"):
        return render_pdf(bilanz_data(report))

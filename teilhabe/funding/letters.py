"""The fund's letters — Zuwendungsbescheid and Ablehnung — as DOCX and tagged PDF (PDF/UA-1),
from the wording the office keeps per fund (LetterTemplate) and the application's data.

Placeholders are written in braces, {projekt}; an unknown one is refused when the office saves
the wording, so a letter never goes out with a hole in it. Values are inserted as plain text:
Typst receives them as JSON and sets them as strings, never as markup.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format

from teilhabe.core.errors import ServiceError
from teilhabe.reports.docx import set_language, use_font
from teilhabe.reports.typst_engine import compile_typst

from .costplan import euro
from .models import Application, LetterKind, LetterTemplate

TEMPLATE = Path(__file__).parent / "letter.typ"
PLACEHOLDERS = {
    "antragsnummer": "die Nummer des Antrags",
    "organisation": "die antragstellende Organisation",
    "projekt": "der Titel des Projekts",
    "fonds": "der Name des Fonds",
    "betrag": "der bewilligte Betrag",
    "beantragt": "der beantragte Betrag",
    "eingereicht_am": "das Datum des Antrags",
    "zeitraum": "der Projektzeitraum",
    "auflagen": "die Auflagen",
    "begruendung": "die Begründung",
    "nachweis_bis": "die Frist für den Verwendungsnachweis",
}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def check_placeholders(text: str) -> None:
    for name in _PLACEHOLDER.findall(text):
        if name not in PLACEHOLDERS:
            raise ServiceError(
                f"Den Platzhalter {{{name}}} gibt es nicht. Möglich sind: "
                + ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
                + "."
            )


def _day(value) -> str:
    return date_format(value, "d.m.Y") if value else "—"


def values_of(application: Application) -> dict[str, str]:
    proof = getattr(application, "proof", None)
    period = (
        f"{_day(application.starts_on)} bis {_day(application.ends_on)}"
        if application.starts_on and application.ends_on
        else f"im Jahr {application.call.year}"
    )
    return {
        "antragsnummer": application.number,
        "organisation": application.applicant_name,
        "projekt": application.title,
        "fonds": application.call.fund.name,
        "betrag": euro(application.approved_amount) if application.approved_amount else "—",
        "beantragt": euro(application.requested_amount),
        "eingereicht_am": _day(
            timezone.localtime(application.submitted_at).date()
            if application.submitted_at
            else None
        ),
        "zeitraum": period,
        "auflagen": f"Auflagen: {application.conditions}" if application.conditions else "",
        "begruendung": application.reasons,
        "nachweis_bis": _day(proof.due_on) if proof else "—",
    }


def kind_for(application: Application) -> str:
    if application.funded:
        return LetterKind.APPROVAL
    if application.status in ("rejected", "ineligible"):
        return LetterKind.REJECTION
    raise ServiceError("Ein Schreiben gibt es erst nach der Entscheidung.")


def letter_data(application: Application) -> dict[str, Any]:
    kind = kind_for(application)
    fund = application.call.fund
    template = LetterTemplate.objects.filter(fund=fund, kind=kind).first()
    if template is None:
        from .services.setup import letter_templates_ensure

        letter_templates_ensure(fund=fund)
        template = LetterTemplate.objects.get(fund=fund, kind=kind)
    values = values_of(application)

    def fill(text: str) -> str:
        return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)

    body = fill(template.body)
    return {
        "kind": LetterKind(kind).label,
        "sender": fund.organization.name,
        "office": fund.deciding_unit.name if fund.deciding_unit_id else "",
        "recipient": [
            line
            for line in [
                application.applicant_name,
                application.contact_name,
                *application.address.splitlines(),
            ]
            if line.strip()
        ],
        "date": _day(timezone.localdate()),
        "reference": f"Antrag {application.number}",
        "subject": fill(template.subject),
        "paragraphs": [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()],
        "signature": template.signature,
        "title": f"{LetterKind(kind).label} {application.number}",
    }


def letter_pdf(application: Application) -> bytes:
    data = letter_data(application)
    return compile_typst(
        TEMPLATE,
        {"data": json.dumps(data, ensure_ascii=False)},
        format="pdf",
        pdf_standards=["ua-1"],
    )


def letter_docx(application: Application) -> bytes:
    # Imported when a letter is written, not with the views: a web worker that serves pages
    # does without python-docx (and lxml), ~7 MB.
    from docx import Document
    from docx.shared import Pt

    data = letter_data(application)
    document = Document()
    style = document.styles["Normal"]
    use_font(style, size=11)
    set_language(style)
    document.core_properties.title = data["title"]
    document.core_properties.author = data["sender"]
    head = document.add_paragraph()
    head.add_run(data["sender"]).bold = True
    if data["office"]:
        head.add_run("\n" + data["office"])
    document.add_paragraph("\n".join(data["recipient"]))
    document.add_paragraph(f"{data['reference']} · {data['date']}")
    subject = document.add_paragraph()
    run = subject.add_run(data["subject"])
    run.bold = True
    run.font.size = Pt(12)
    for paragraph in data["paragraphs"]:
        document.add_paragraph(paragraph)
    document.add_paragraph("Mit freundlichen Grüßen")
    document.add_paragraph(data["signature"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""The brochure as plain data, read once and handed to every renderer (HTML, DOCX, PDF): title
page, foreword, contents, then per area the practices in the chosen order, each with approach,
cooperation, added value, what made it succeed and its contact (only where it may be
published). Plain strings and lists, so Typst sets them as text and never evaluates them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Prefetch

from teilhabe.reports.formatting import paragraphs

from ..models import Area, Edition, Partner, Practice

SECTIONS = [
    ("approach", "Ansatz"),
    ("cooperation", "Zusammenarbeit mit Netzwerkpartnern"),
    ("added_value", "Mehrwert"),
    ("success_factors", "Was zum Gelingen beigetragen hat"),
    ("transferability", "Übertragbarkeit"),
]


def _practices(ids: Sequence[int]) -> list[Practice]:
    loaded = {
        p.pk: p
        for p in Practice.objects.filter(pk__in=ids)
        .select_related("organization")
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.order_by("position", "pk")), "fields"
        )
    }
    return [loaded[pk] for pk in ids if pk in loaded]


def _practice(p: Practice) -> dict[str, Any]:
    facts = [
        (label, value)
        for label, value in (
            ("Ort", p.municipality),
            ("Träger", p.provider),
            ("Zeitraum", p.period),
            ("Kosten", p.costs),
            ("Finanzierung", p.funding),
            ("Handlungsfelder", "; ".join(f"{f.number} {f.title}" for f in p.fields.all())),
        )
        if value
    ]
    contact = ""
    if p.contact_public:
        contact = ", ".join(x for x in (p.contact_name, p.contact_email, p.contact_phone) if x)
    return {
        "id": p.pk,
        "title": p.title,
        "summary": p.summary,
        "facts": [{"label": label, "value": value} for label, value in facts],
        "partners": [
            f"{partner.name} ({partner.role})" if partner.role else partner.name
            for partner in p.partners.all()
        ],
        "sections": [
            {"heading": heading, "paragraphs": paragraphs(getattr(p, name))}
            for name, heading in SECTIONS
            if getattr(p, name).strip()
        ],
        "contact": contact,
        "sample": p.sample_data,
    }


def brochure_data(
    *,
    organization,
    practice_ids: Sequence[int],
    title: str,
    foreword: str = "",
    foreword_by: str = "",
    year: int | None = None,
) -> dict[str, Any]:
    practices = _practices(practice_ids)
    groups = []
    for value, label in Area.choices:
        chosen = [_practice(p) for p in practices if p.area == value]
        if chosen:
            groups.append({"heading": str(label), "practices": chosen})
    return {
        "title": title,
        "organization": organization.name,
        "year": str(year or ""),
        "foreword": paragraphs(foreword),
        "foreword_by": foreword_by,
        "groups": groups,
        "count": len(practices),
        "sample": any(p.sample_data for p in practices),
    }


def edition_data(edition: Edition) -> dict[str, Any]:
    ids = list(edition.entries.order_by("position").values_list("practice_id", flat=True))
    return brochure_data(
        organization=edition.organization,
        practice_ids=ids,
        title=edition.title,
        foreword=edition.foreword,
        foreword_by=edition.foreword_by,
        year=edition.year,
    )

"""The Beschlussvorlage "zur Kenntnisnahme" about the integration fund and the good-practice
brochure, laid out like seed 003 (KT-Drucks. 197/2021) and generated from the data: since when
the fund exists and by which paper, its yearly budget, the deadline, who decides, how many
projects it funded in which areas, and the brochure as attachment. Rendered by the council's
Vorlage engine (DOCX and PDF) and filed as a Drucksache through the council's service."""

from __future__ import annotations

from django.db.models import Count, Sum

from teilhabe.council.models import ConsultationRole
from teilhabe.council.vorlage.data import FINANCIAL_IMPACT_MISSING, SECTION_HEADINGS, Step
from teilhabe.funding.costplan import euro
from teilhabe.funding.models import Application, Call, Fund
from teilhabe.reports.formatting import format_date_short, paragraphs

from .models import Area, Edition

DEFAULT_COMMITTEE = "Sozial- und Gesundheitsausschuss"


def _fund_paragraphs(fund: Fund) -> list[str]:
    calls = Call.objects.filter(fund=fund, published=True)
    funded = Application.objects.funded().filter(call__fund=fund)
    totals = funded.aggregate(count=Count("pk"), total=Sum("approved_amount"))
    by_area = funded.values("area").annotate(n=Count("pk")).order_by("-n")
    latest = calls.order_by("-year").first()
    labels = {value: str(label) for value, label in Application._meta.get_field("area").choices}
    areas = ", ".join(f"{labels.get(row['area'], 'sonstige')} ({row['n']})" for row in by_area)
    decider = fund.deciding_unit.name if fund.deciding_unit_id else fund.organization.name
    return [
        f"Mit {fund.council_paper or 'Beschluss'} wurde {fund.established_year} der {fund.name} "
        f"eingerichtet. Er ist mit {euro(fund.annual_budget)} im Jahr ausgestattet. "
        + (
            f"Projektideen können jeweils bis zum {latest.deadline:%d.%m.} eingereicht werden; "
            if latest
            else ""
        )
        + f"über die Förderung entscheidet {'das ' if decider.startswith('Amt') else ''}{decider}.",
        f"Seit {fund.established_year} wurden {totals['count'] or 0} Projekte und Initiativen mit "
        f"zusammen {euro(totals['total'] or 0)} gefördert"
        + (f", nach Bereichen: {areas}." if areas else "."),
        (
            "Die geförderten Projekte werden im Portal vorgestellt und nach ihrem Abschluss mit "
            "einem Sachbericht dokumentiert."
        ),
    ]


def vorlage_data(
    *,
    edition: Edition,
    fund: Fund | None = None,
    committee: str = DEFAULT_COMMITTEE,
    reference: str = "",
    date=None,
    signer: str = "",
) -> dict:
    """The Vorlage as the council's renderers take it (see council.vorlage.data)."""
    organization = edition.organization
    count = edition.entries.count()
    groups = (
        edition.entries.values("practice__area").annotate(n=Count("pk")).order_by("practice__area")
    )
    area_names = ", ".join(
        str(Area(g["practice__area"]).label) for g in groups if g["practice__area"] in Area.values
    )
    title = "Integrationsfonds und Good-Practice-Broschüre" if fund else "Good-Practice-Broschüre"
    reasoning = (_fund_paragraphs(fund) if fund else []) + [
        (
            f"Die Broschüre „{edition.title}“ stellt {count} Beispiele aus den Bereichen {area_names} "
            "vor: jeweils den Ansatz, die Zusammenarbeit mit den Netzwerkpartnern, den Mehrwert und "
            "was zum Gelingen beigetragen hat. Sie soll anregen, gelungene Ansätze aufzugreifen und "
            "zu übertragen."
        ),
    ]
    step = Step(committee=committee, date=date, role=ConsultationRole.NOTICE, public=True)
    return {
        "document_title": f"Beschlussvorlage: {title}",
        "organization": organization.name,
        "reference": reference.strip(),
        "date": format_date_short(date) if date else "",
        "title": title,
        "attachment": f"Anlage: {edition.title}",
        "headings": SECTION_HEADINGS,
        "consultations": [step.as_dict()],
        "motions_intro": "",
        "motions": [
            {
                "number": 1,
                "text": (
                    "Der Bericht über den Integrationsfonds und die Good-Practice-Broschüre "
                    "wird zur Kenntnis genommen."
                    if fund
                    else "Die Good-Practice-Broschüre wird zur Kenntnis genommen."
                ),
                "items": [],
            }
        ],
        "reasoning": reasoning,
        "reasoning_list": [],
        "reasoning_after_list": [],
        "table": None,
        "outlook": [],
        "financial_impact": paragraphs(
            f"Die Mittel des Fonds ({euro(fund.annual_budget)} jährlich) sind im Haushalt "
            "veranschlagt. Weitere finanzielle Auswirkungen ergeben sich nicht."
            if fund
            else ""
        )
        or [FINANCIAL_IMPACT_MISSING],
        "signer": signer.strip(),
        "signer_role": "",
    }


def funds_of(organization) -> list[Fund]:
    return list(Fund.objects.filter(organization=organization).order_by("established_year"))

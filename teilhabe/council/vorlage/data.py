"""The content of a Beschlussvorlage (a council paper proposing a decision), read once and handed
to both renderers (DOCX for the office to edit, PDF via Typst).

Laid out like Landkreis Böblingen's KT-Drucksache 035/2014 (seed 000): title, "Anlage: …",
I. Vorlage an den (the Beratungsfolge: committee, date, role, public or not), II. Beschlussantrag
(numbered motions), III. Begründung, IV. Finanzielle Auswirkungen, signature.

A Vorlage is drafted from a Bilanz (the council takes note of the report; the reasoning sums up
its figures), from a participation process's recommendation list (the council adopts the
recommendations, numbered with their sub-items a, b, c as in seed 001), or from a paper already
entered (its own texts and Beratungsfolge; a paper without a motion of its own takes the motion
of the Bilanz or the recommendations it is linked to).

Everything returned is plain JSON (strings, lists, dicts), so the Typst template sets it as
text and never evaluates it as markup. German only: it is a document of a German authority.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Prefetch

from teilhabe.participation.models import (
    EVENT_KINDS,
    FormatKind,
    ParticipationFormat,
    Recommendation,
    RecommendationItem,
)
from teilhabe.plans.bilanz.data import bilanz_data
from teilhabe.plans.bilanz.wording import plan_named
from teilhabe.reports.formatting import format_date_long, format_date_short, paragraphs

from ..models import Consultation, ConsultationRole

SECTION_HEADINGS = {
    "consultations": "I. Vorlage an den",
    "motions": "II. Beschlussantrag",
    "reasoning": "III. Begründung",
    "financial_impact": "IV. Finanzielle Auswirkungen",
}

ROLE_PHRASES = {
    ConsultationRole.PRELIMINARY: "zur Vorberatung",
    ConsultationRole.DECISION: "zur Beschlussfassung",
    ConsultationRole.NOTICE: "zur Kenntnisnahme",
}

FINANCIAL_IMPACT_MISSING = "[Angaben zu den finanziellen Auswirkungen ergänzen]"

# "1. Der Entwurf …" at the start of a line: where a typed motion text starts a new point.
MOTION_START = re.compile(r"^\s*(\d{1,3})\s*[.)]\s*", re.MULTILINE)


@dataclass(frozen=True)
class Step:
    """One line of the Beratungsfolge as the form or a paper gives it."""

    committee: str
    date: dt.date | None = None
    role: str = ConsultationRole.DECISION
    public: bool = True

    @classmethod
    def from_consultation(cls, consultation: Consultation) -> Step:
        committee = consultation.committee.name if consultation.committee else ""
        return cls(
            committee=committee,
            date=consultation.date,
            role=consultation.role,
            public=consultation.public,
        )

    def as_dict(self) -> dict:
        return {
            "committee": self.committee,
            "date": format_date_short(self.date) if self.date else "",
            "role": ROLE_PHRASES.get(self.role, ""),
            "public": "öffentlich" if self.public else "nichtöffentlich",
        }


def _council_name(organization) -> str:
    return "Kreistag" if organization.kind == "district" else "Gemeinderat"


def _decider(steps: list[Step], organization) -> str:
    """The body that decides: the step "zur Beschlussfassung" (the last one, if several),
    else the council of the organisation."""
    deciding = [s.committee for s in steps if s.role == ConsultationRole.DECISION and s.committee]
    name = deciding[-1] if deciding else _council_name(organization)
    return name if name.lower().startswith(("der ", "die ", "das ")) else f"Der {name}"


def _dative(decider: str) -> str:
    """ "Der Kreistag" → "dem Kreistag"."""
    article, _, name = decider.partition(" ")
    return {"der": "dem", "die": "der", "das": "dem"}.get(article.lower(), article) + " " + name


def _motion(number: int, text: str, items: list[dict] | None = None) -> dict:
    return {"number": str(number), "text": text, "items": items or []}


def split_motions(text: str) -> list[dict]:
    """A motion typed as "1. … 2. …" becomes numbered points; text without numbers one point."""
    text = text.strip()
    if not text:
        return []
    starts = list(MOTION_START.finditer(text))
    if not starts:
        return [_motion(1, " ".join(text.split()))]
    motions = []
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        body = " ".join(text[match.end() : end].split())
        if body:
            motions.append(_motion(len(motions) + 1, body))
    return motions


# Sources ----------------------------------------------------------------------------------------


def _report_content(report, decider: str) -> dict:
    data = bilanz_data(report, with_rows=False)
    plan = data.plan
    summary = data.summary
    motion = (
        f"Der Bericht „{report.title}“ zur Umsetzung {plan_named(plan.title, 'des')} "
        f"(Stand {data.as_of_text}) wird zur Kenntnis genommen."
    )
    reasoning = []
    if plan.adopted_on:
        adopted = f"{decider} hat {plan_named(plan.title, 'den')} am "
        adopted += format_date_long(plan.adopted_on)
        if plan.council_reference:
            adopted += f" beschlossen (Drucksache {plan.council_reference})."
        else:
            adopted += " beschlossen."
        reasoning.append(adopted)
    counted = (
        f"Die Bilanz „{report.title}“ gibt den Stand der Umsetzung am {data.as_of_text} wieder. "
        f"Sie berichtet über {summary.total} Maßnahmen in {len(data.fields)} Handlungsfeldern: "
        f"{summary.breakdown}."
    )
    reasoning.append(counted)
    figure = summary.figure
    if figure.shown:
        progress = (
            f"Der gewichtete Fortschritt des Plans liegt bei {figure.figure_text}, "
            f"berechnet {figure.basis_text}"
        )
    else:
        progress = (
            f"Für einen Fortschrittswert des Plans gibt es zu wenige Angaben ({figure.basis_text})"
        )
    previous = [point for point in data.history if point.report_id != report.pk]
    if previous and previous[-1].total:
        before = previous[-1].figure
        progress += (
            f" (Bilanz vom {format_date_long(previous[-1].as_of)}: "
            f"{before.figure_text}, {before.basis_text})"
        )
    reasoning.append(progress + ".")
    reasoning.append(data.progress_note)
    table = {
        "caption": "Umsetzungsstand je Handlungsfeld",
        "header": ["Handlungsfeld", "Maßnahmen", "davon", "Fortschritt"],
        "rows": [
            [
                item.heading,
                str(item.summary.total),
                item.summary.breakdown,
                item.summary.progress_text,
            ]
            for item in data.fields
        ]
        + [["Insgesamt", str(summary.total), summary.breakdown, summary.progress_text]],
    }
    return {
        "title": f"{report.title} {plan_named(plan.title, 'zum')}",
        "attachment": f"Anlage: {report.title} (Stand {data.as_of_text})",
        "motions_intro": "",
        "motions": [_motion(1, motion)],
        "reasoning": reasoning,
        "table": table,
        "outlook": paragraphs(report.outlook),
    }


def _recommendations(process) -> list[Recommendation]:
    return list(
        Recommendation.objects.filter(process=process)
        .prefetch_related(Prefetch("items", queryset=RecommendationItem.objects.order_by("label")))
        .order_by("number")
    )


def _process_content(process, decider: str) -> dict:
    recommendations = _recommendations(process)
    formats = list(
        ParticipationFormat.objects.filter(process=process).order_by(
            "position", "starts_at", "number", "id"
        )
    )
    motions = [
        {
            "number": str(rec.number),
            "text": " ".join(rec.text.split()),
            "items": [
                {"label": item.label, "text": " ".join(item.text.split())}
                for item in rec.items.all()
            ],
        }
        for rec in recommendations
    ]
    reasoning = paragraphs(process.description)
    for event in (f for f in formats if f.kind in EVENT_KINDS and f.starts_at):
        sentence = f"Der {event.get_kind_display()} „{event.title}“ fand am "
        sentence += format_date_short(event.starts_at.date())
        if event.place:
            sentence += f" in {event.place}"
        sentence += " statt"
        if event.moderation:
            sentence += f" (Moderation: {event.moderation})"
        reasoning.append(sentence + ".")
    groups = [f for f in formats if f.kind == FormatKind.WORKING_GROUP]
    group_lines = []
    if groups:
        reasoning.append(f"Die Themen wurden in {len(groups)} Arbeitsgruppen behandelt:")
        for group in groups:
            label = f"AG {group.number}: " if group.number else ""
            group_lines.append(f"{label}{group.title}")
    count = len(recommendations)
    closing = (
        f"Die Teilnehmenden sammelten Ideen; daraus wurden {count} "
        f"{'Empfehlung' if count == 1 else 'Empfehlungen'} formuliert, die "
        f"{_dative(decider)} hiermit zur Beschlussfassung vorgelegt werden."
    )
    return {
        "title": f"{process.title}: Empfehlungen {plan_named(process.plan.title, 'zum')}",
        "attachment": f"Anlage: Empfehlungen aus dem Beteiligungsprozess „{process.title}“",
        "motions_intro": (
            f"{decider} beschließt die folgenden Empfehlungen aus dem Beteiligungsprozess "
            f"„{process.title}“:"
        ),
        "motions": motions,
        "reasoning": reasoning,
        "reasoning_list": group_lines,
        "reasoning_after_list": [closing],
        "table": None,
        "outlook": [],
    }


def _paper_sources(paper):
    """A paper's linked Bilanz or recommendation list, for a paper without a motion of its own."""
    report = paper.reports.select_related("plan__organization").order_by("-as_of").first()
    if report is not None:
        return report, None
    recommendation = paper.recommendations.select_related("process__plan").first()
    return None, recommendation.process if recommendation else None


# The one entry point ----------------------------------------------------------------------------


def vorlage_data(
    *,
    report=None,
    process=None,
    paper=None,
    steps: list[Step] | None = None,
    title: str = "",
    attachment: str | None = None,
    reference: str = "",
    date: dt.date | None = None,
    reasoning: str = "",
    extra_motions: str = "",
    financial_impact: str = "",
    signer: str = "",
    signer_role: str = "",
) -> dict:
    """Everything a Beschlussvorlage shows, as plain JSON for the DOCX and Typst renderers.

    Exactly one of `report`, `process` or `paper` is the source. The Beratungsfolge comes from the
    paper's consultations when a paper is given, else from `steps` (the form). The texts typed in
    the form (`title`, `reasoning`, `extra_motions`, `financial_impact`, …) win over generated ones.
    """
    if sum(source is not None for source in (report, process, paper)) != 1:
        raise TypeError("vorlage_data() needs exactly one of report, process or paper")

    if paper is not None:
        organization = paper.organization
        steps = [
            Step.from_consultation(c)
            for c in paper.consultations.select_related("committee").order_by(
                "position", "date", "id"
            )
        ]
        reference = reference or paper.reference
        date = date or paper.date
        report, process = (None, None) if paper.proposal.strip() else _paper_sources(paper)
    else:
        plan = report.plan if report is not None else process.plan
        organization = plan.organization
    steps = [s for s in (steps or []) if s.committee]
    decider = _decider(steps, organization)

    if report is not None:
        content = _report_content(report, decider)
    elif process is not None:
        content = _process_content(process, decider)
    else:
        content = {
            "title": paper.title,
            "attachment": "",
            "motions_intro": "",
            "motions": [],
            "reasoning": [],
            "table": None,
            "outlook": [],
        }
    if paper is not None:
        content["title"] = paper.title
        if paper.proposal.strip():
            content["motions"] = split_motions(paper.proposal)
            content["motions_intro"] = ""
        if paper.reasoning.strip():
            content.update(reasoning=paragraphs(paper.reasoning), table=None, outlook=[])
            content.update(reasoning_list=[], reasoning_after_list=[])
        financial_impact = financial_impact or paper.financial_impact

    motions = list(content["motions"])
    next_number = max((int(m["number"]) for m in motions), default=0) + 1
    for line in (line.strip() for line in extra_motions.splitlines()):
        if line:
            motions.append(_motion(next_number, MOTION_START.sub("", line, count=1)))
            next_number += 1

    title = title.strip() or content["title"]
    return {
        "document_title": f"Beschlussvorlage: {title}",
        "organization": organization.name,
        "reference": reference.strip(),
        "date": format_date_short(date) if date else "",
        "title": title,
        "attachment": (content["attachment"] if attachment is None else attachment).strip(),
        "headings": SECTION_HEADINGS,
        "consultations": [step.as_dict() for step in steps],
        "motions_intro": content["motions_intro"],
        "motions": motions,
        "reasoning": paragraphs(reasoning) + content["reasoning"],
        "reasoning_list": content.get("reasoning_list", []),
        "reasoning_after_list": content.get("reasoning_after_list", []),
        "table": content["table"],
        "outlook": content["outlook"],
        "financial_impact": paragraphs(financial_impact) or [FINANCIAL_IMPACT_MISSING],
        "signer": signer.strip(),
        "signer_role": signer_role.strip(),
    }


def default_role(*, report=None, process=None) -> str:
    """What the council does with a Vorlage of this kind, to preset the form."""
    return ConsultationRole.NOTICE if report is not None else ConsultationRole.DECISION

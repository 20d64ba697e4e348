"""What the fund adds to the plan (plans/contributions.py): on a measure's page the projects
funded for it; in the Bilanz a chapter with the money spent per field of action. Only funded
projects' public data — never an applicant's contact person or an undecided application."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.plans.contributions import BilanzSection, MeasurePanel, OrganizationLink, Table

from .costplan import euro
from .models import Application, Call
from .selectors import funded_for_measure


def measure_panel(measure, audience) -> MeasurePanel | None:
    projects = funded_for_measure(measure)
    if not projects:
        return None
    return MeasurePanel(
        template=f"funding/{audience}/_measure_panel.html",
        context={
            "funded_projects": projects,
            "funded_total": sum((p.approved_amount or Decimal(0) for p in projects), Decimal(0)),
            "organization_slug": measure.field.plan.organization.slug,
        },
        order=70,
    )


def bilanz_sections(plan, report) -> list[BilanzSection]:
    """One query: funded projects of the plan's organisation decided up to the report's date,
    per field of action they name (a project naming two fields counts in both)."""
    as_of = report.as_of or timezone.localdate()
    rows = list(
        Application.objects.public()
        .filter(call__fund__organization=plan.organization_id, decided_at__date__lte=as_of)
        .values("fields__plan_id", "fields__number", "fields__title")
        .annotate(projects=Count("pk", distinct=True), total=Sum("approved_amount"))
        .order_by("fields__number")
    )
    if not rows:
        return []
    per_field = [r for r in rows if r["fields__plan_id"] == plan.pk]
    unassigned = [r for r in rows if r["fields__plan_id"] is None]
    table_rows = [
        [f"{r['fields__number']} {r['fields__title']}", str(r["projects"]), euro(r["total"] or 0)]
        for r in per_field
    ]
    if unassigned:
        r = unassigned[0]
        table_rows.append([_("ohne Handlungsfeld"), str(r["projects"]), euro(r["total"] or 0)])
    projects = sum(r["projects"] for r in per_field + unassigned)
    total = sum((r["total"] or Decimal(0) for r in per_field + unassigned), Decimal(0))
    text = ngettext(
        "Bis zum %(date)s wurde aus dem Integrationsfonds %(count)d Projekt mit zusammen "
        "%(total)s gefördert.",
        "Bis zum %(date)s wurden aus dem Integrationsfonds %(count)d Projekte mit zusammen "
        "%(total)s gefördert.",
        projects,
    ) % {"date": as_of.strftime("%d.%m.%Y"), "count": projects, "total": euro(total)}
    return [
        BilanzSection(
            key="funding",
            heading=_("Integrationsfonds: geförderte Projekte"),
            paragraphs=[
                text,
                _(
                    "Ein Projekt, das mehreren Handlungsfeldern dient, wird bei jedem gezählt; "
                    "die Summen der Zeilen können daher über der Gesamtsumme liegen."
                ),
            ]
            if len(per_field) > 1
            else [text],
            table=Table(
                caption=_("Geförderte Projekte und bewilligte Mittel je Handlungsfeld"),
                header=[_("Handlungsfeld"), _("Projekte"), _("Bewilligt")],
                rows=table_rows,
                numeric=(1, 2),
            ),
            order=80,
        )
    ]


def organization_link(organization):
    if not Call.objects.published().filter(fund__organization=organization).exists():
        return None
    return OrganizationLink(
        _("Förderung"),
        _("Der Integrationsfonds: Förderaufrufe, Anträge und geförderte Projekte."),
        reverse("portal:funding_overview", args=[organization.slug]),
        order=30,
    )

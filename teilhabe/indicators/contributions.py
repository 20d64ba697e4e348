"""What indicators add to a plan's pages and its Bilanz (registered in apps.py): the targets of a
field of action with their latest value and status, and per target a Bilanz section with the
chart (target line included), the values at three levels and the status in words."""

from django.urls import reverse
from django.utils.translation import gettext

from teilhabe.plans.contributions import BilanzSection, OrganizationLink, Panel, Table

from . import alignment, selectors
from .formatting import format_value
from .models import AlignmentKind, Indicator
from .progress import RULE


def field_panel(field, audience):
    targets = selectors.targets_of_field(field)
    if not targets:
        return None
    if audience == "portal":
        return Panel(template="indicators/portal/_field_panel.html", context={"targets": targets})
    return Panel(template="indicators/backoffice/_field_panel.html", context={"targets": targets})


def bilanz_sections(plan, report):
    """One section per target, with the values known on the report's date (its year)."""
    until = report.as_of.year
    sections = []
    for view in selectors.targets_of_plan(plan, until_year=until):
        indicator = view.target.indicator
        page = selectors.indicator_page(indicator, public=False, until_year=until)
        target = view.target
        sentence = gettext(
            "Stand: %(status)s. Zuletzt %(latest)s; Basiswert %(base)s (%(year)s)"
        ) % {
            "status": view.assessment.label,
            "latest": view.latest_text,
            "base": format_value(target.baseline_value),
            "year": target.baseline_year,
        }
        if target.target_year:
            sentence += gettext(", Zielwert %(value)s im Jahr %(year)s") % {
                "value": format_value(target.target_value),
                "year": target.target_year,
            }
        sections.append(
            BilanzSection(
                key=f"kennzahl-{indicator.pk}",
                heading=gettext("Kennzahl: %(title)s") % {"title": indicator.title},
                paragraphs=[sentence + ".", str(RULE)],
                table=Table(
                    caption=gettext("%(title)s je Jahr") % {"title": indicator.title},
                    header=[gettext("Gebiet"), *[str(year) for year in page.years]],
                    rows=[
                        [level.label, *[level.cell(y) for y in page.years]] for level in page.levels
                    ],
                    numeric=tuple(range(1, len(page.years) + 1)),
                )
                if page.years
                else None,
                chart_svg=page.chart,
                chart_alt=page.description,
                field_id=target.field_id,
                order=50,
            )
        )
    return sections


def measure_panel(measure, audience):
    """Back office: what the measure is aligned with in the Kreis's plan, the Kreis's changes
    since, and the form to align it (for those who manage)."""
    if audience != "backoffice":
        return None
    views = alignment.alignments_of(measure)
    choices = alignment.kreis_choices(measure)
    if not views and not choices:
        return None
    return Panel(
        template="indicators/backoffice/_measure_alignment.html",
        context={
            "alignments": views,
            "choices": choices,
            "kinds": AlignmentKind.choices,
        },
        order=60,
    )


def organization_link(organization):
    if not Indicator.objects.public().filter(organization=organization).exists():
        return None
    return OrganizationLink(
        gettext("Kennzahlen"),
        gettext(
            "Zahlen, die zeigen, ob sich durch den Plan etwas bewegt – im Vergleich mit Kreis und Land."
        ),
        reverse("portal:indicator_list", args=[organization.slug]),
        order=10,
    )

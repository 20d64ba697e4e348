"""What the interpreter pool adds to the plan (plans/contributions.py): on the page of the
measure the pool implements, its statistics; in the Bilanz, a section at the end of that
measure's field. Numbers only — never a name of a mediator, an institution's person or a client.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.plans.contributions import BilanzSection, MeasurePanel, Table

from .models.pool import InterpreterPool
from .selectors_pool import Statistics, statistics


def measure_panel(measure, audience) -> MeasurePanel | None:
    pools = list(InterpreterPool.objects.filter(measure=measure).only("pk", "name", "measure_id"))
    if not pools:
        return None
    pool = pools[0]
    stats = statistics(pool)
    context = {
        "interpreter_pool": pool,
        "interpreter_stats": stats,
        "interpreter_languages": stats.languages[:8],
    }
    if audience == "backoffice":
        context["interpreter_pool_url"] = reverse("interpreters:pool_detail", args=[pool.pk])
    return MeasurePanel(
        template=f"interpreters/{audience}/pool/_measure_panel.html", context=context, order=120
    )


def _paragraph(stats: Statistics, as_of: dt.date) -> str:
    text = ngettext(
        "Bis zum %(date)s ging %(total)d Anfrage an den Sprachmittlerpool.",
        "Bis zum %(date)s gingen %(total)d Anfragen an den Sprachmittlerpool.",
        stats.total,
    ) % {"date": as_of.strftime("%d.%m.%Y"), "total": stats.total}
    text += " " + _(
        "Durchgeführt: %(done)d (%(hours)s Stunden), nicht vermittelt: %(unmet)d, abgesagt: "
        "%(cancelled)d; %(mediators)d Sprachmittlerinnen und Sprachmittler sind aktiv."
    ) % {
        "done": stats.done,
        "hours": f"{stats.minutes / 60:.1f}".replace(".", ","),
        "unmet": stats.unmet,
        "cancelled": stats.cancelled,
        "mediators": stats.mediators,
    }
    return text


def bilanz_sections(plan, report) -> list[BilanzSection]:
    pools = InterpreterPool.objects.filter(measure__field__plan=plan).select_related("measure")
    sections = []
    for pool in pools:
        stats = statistics(pool, until=report.as_of)
        if not stats.total:
            continue
        sections.append(
            BilanzSection(
                key=f"interpreters-{pool.pk}",
                heading=_("Sprachmittlerpool in Zahlen"),
                paragraphs=[_paragraph(stats, report.as_of)],
                table=Table(
                    caption=_("Anfragen nach Sprache"),
                    header=[_("Sprache"), _("Anfragen")],
                    rows=[[language, str(count)] for language, count in stats.languages],
                    numeric=(1,),
                ),
                field_id=pool.measure.field_id if pool.measure else None,
                order=120,
            )
        )
    return sections

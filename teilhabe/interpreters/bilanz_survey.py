"""The survey's section of a plan's Bilanz: how many staff speak which language in which
administration, as of the report's date — counts only, small ones hidden (selectors_survey)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext

from teilhabe.plans.contributions import BilanzSection, Table

from . import selectors_survey as selectors
from .models import LanguageSkillSurvey


def survey_sections(plan, report) -> list[BilanzSection]:
    """One section per survey the plan's organisation ran before the report's date. Entries
    withdrawn since are gone: a person's withdrawal outweighs a report's unchanged figures."""
    as_of = timezone.make_aware(dt.datetime.combine(report.as_of, dt.time.max))
    sections = []
    surveys = LanguageSkillSurvey.objects.filter(
        organization_id=plan.organization_id, created_at__lte=as_of
    ).order_by("created_at")
    for survey in surveys:
        table = selectors.statistics(survey, as_of=as_of)
        if not table.rows:
            continue
        columns = len(table.columns)
        sections.append(
            BilanzSection(
                key=f"language-survey-{survey.pk}",
                heading=gettext("Sprachkompetenzen der Mitarbeiterinnen und Mitarbeiter"),
                paragraphs=[
                    gettext(
                        "In der freiwilligen Erhebung „%(title)s“ haben %(people)s Beschäftigte "
                        "der Verwaltungen angegeben, welche Sprachen sie sprechen."
                    )
                    % {"title": survey.title, "people": table.people},
                    gettext(
                        "Die Tabelle nennt keine Namen. Zahlen unter 3 erscheinen als „weniger "
                        "als 3“, damit niemand an seiner Sprache erkannt werden kann."
                    ),
                ],
                table=Table(
                    caption=gettext("Beschäftigte je Sprache und Verwaltung"),
                    header=table.header,
                    rows=table.table_rows(),
                    numeric=tuple(range(1, columns + 2)),
                ),
                order=200,
            )
        )
    return sections

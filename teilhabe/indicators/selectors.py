"""Reads of indicators: an indicator's page (its values at three levels, its targets with their
progress status), the targets of a field or a plan for panels and the Bilanz. Queries per page
do not grow with the number of years or values."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from teilhabe.organizations.models import Organization
from teilhabe.plans.models import FieldOfAction, Plan

from . import charts
from .formatting import format_value, plain_value
from .models import Flag, Indicator, Observation, Target
from .progress import Assessment, Status, assess


@dataclass(frozen=True)
class Level:
    """One line of the comparison: the town, its Kreis or its Land, by AGS."""

    key: str
    label: str
    ags: str
    values: dict[int, Observation] = field(default_factory=dict)

    def cell(self, year: int) -> str:
        observation = self.values.get(year)
        if observation is None:
            return gettext("keine Angabe")
        if observation.flag == Flag.SUPPRESSED:
            return gettext("geheim gehalten")
        text = format_value(observation.value)
        if observation.flag:
            text += f" ({observation.get_flag_display()})"
        return text

    @property
    def points(self) -> list[tuple[int, Decimal]]:
        return [(y, o.value) for y, o in sorted(self.values.items()) if o.value is not None]


# The Länder by the first two digits of the AGS.
LAENDER = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}


def levels_of(organization: Organization) -> list[tuple[str, str, str]]:
    """(key, label, AGS) of the organisation, its Kreis and its Land, as far as it has an AGS."""
    ags = organization.ags
    if not ags:
        return []
    found = [("own", organization.name, ags)]
    kreis = ags[:5] + "000"
    land = ags[:2] + "000000"
    if kreis != ags:
        parent = organization.parent
        found.append(("kreis", parent.name if parent else gettext("Landkreis"), kreis))
    if land != ags:
        found.append(("land", LAENDER.get(ags[:2], gettext("Land")), land))
    return found


@dataclass(frozen=True)
class TargetView:
    target: Target
    latest_year: int | None
    latest: Observation | None
    assessment: Assessment

    @property
    def latest_text(self) -> str:
        if self.latest is None:
            return gettext("keine Angabe")
        return f"{format_value(self.latest.value)} ({self.latest_year})"


def _assessment(
    target: Target, series: dict[int, Observation]
) -> tuple[int | None, Observation | None, Assessment]:
    shown = {y: o for y, o in series.items() if o.value is not None}
    if not shown:
        return None, None, Assessment(Status.UNKNOWN)
    year = max(shown)
    latest = shown[year]
    return (
        year,
        latest,
        assess(
            base_year=target.baseline_year,
            base_value=target.baseline_value,
            year=year,
            value=latest.value,
            higher_is_better=target.indicator.direction == "higher",
            target_year=target.target_year,
            target_value=target.target_value,
        ),
    )


@dataclass(frozen=True)
class IndicatorPage:
    indicator: Indicator
    levels: list[Level]
    years: list[int]
    targets: list[TargetView]
    breakdowns: dict[str, list[Observation]]

    @property
    def chart(self) -> str:
        own = self.levels[0].ags if self.levels else ""
        target = next((t.target for t in self.targets if t.target.target_year), None)
        return charts.line_chart(
            [charts.Series(level.label, level.points) for level in self.levels],
            title=self.indicator.title,
            description=self.description,
            unit=self.indicator.unit,
            target=(target.target_year, target.target_value) if target else None,
            id_prefix=f"kennzahl-{self.indicator.pk}-{own}",
        )

    @property
    def description(self) -> str:
        """The chart in words (its text alternative)."""
        parts = []
        for level in self.levels:
            values = ", ".join(f"{year}: {level.cell(year)}" for year in self.years)
            parts.append(f"{level.label}: {values or gettext('keine Werte')}")
        parts.extend(
            gettext("Zielwert %(value)s im Jahr %(year)s")
            % {"value": format_value(view.target.target_value), "year": view.target.target_year}
            for view in self.targets
            if view.target.target_year
        )
        return "; ".join(parts) + "."


def indicator_page(
    indicator: Indicator, *, public: bool, until_year: int | None = None
) -> IndicatorPage:
    """Three queries: the organisation's parent, the values of the three levels, the targets."""
    organization = Organization.objects.select_related("parent").get(pk=indicator.organization_id)
    keys = levels_of(organization)
    observations = Observation.objects.filter(
        indicator=indicator, ags__in=[ags for _k, _l, ags in keys]
    )
    if until_year is not None:
        observations = observations.filter(year__lte=until_year)
    by_ags: dict[str, dict[int, Observation]] = defaultdict(dict)
    breakdowns: dict[str, list[Observation]] = defaultdict(list)
    own = keys[0][2] if keys else ""
    for observation in observations.order_by("year", "dimension", "group"):
        if observation.dimension:
            if observation.ags == own:
                breakdowns[observation.dimension].append(observation)
            continue
        by_ags[observation.ags][observation.year] = observation
    levels = [Level(key, label, ags, by_ags.get(ags, {})) for key, label, ags in keys]
    years = sorted({year for level in levels for year in level.values})
    targets = Target.objects.filter(indicator=indicator).select_related(
        "plan", "field", "goal", "indicator"
    )
    if public:
        targets = targets.filter(plan__in=Plan.objects.public())
    views = [TargetView(target, *_assessment(target, by_ags.get(own, {}))) for target in targets]
    return IndicatorPage(indicator, levels, years, views, dict(breakdowns))


def target_initial(indicator: Indicator, plan: Plan | None) -> dict:
    """What the target form starts with: the plan's target for the indicator (a plan has one,
    and saving the form changes it), or nothing."""
    target = Target.objects.filter(indicator=indicator, plan=plan).first() if plan else None
    if target is None:
        return {}
    return {
        "field": target.field_id,
        "baseline_year": target.baseline_year,
        # "800", not the stored "800.0000".
        "baseline_value": plain_value(target.baseline_value),
        "target_year": target.target_year,
        "target_value": plain_value(target.target_value) or None,
    }


def targets_of_field(field: FieldOfAction) -> list[TargetView]:
    """The field's targets with their latest value and status: two queries."""
    targets = list(
        Target.objects.filter(field=field).select_related("indicator", "plan__organization")
    )
    return _with_latest(targets)


def _with_latest(targets: list[Target], until_year: int | None = None) -> list[TargetView]:
    if not targets:
        return []
    observations = Observation.objects.filter(
        indicator__in={t.indicator_id for t in targets},
        ags__in={t.plan.organization.ags for t in targets},
        dimension="",
    )
    if until_year is not None:
        observations = observations.filter(year__lte=until_year)
    series: dict[tuple[int, str], dict[int, Observation]] = defaultdict(dict)
    for observation in observations:
        series[(observation.indicator_id, observation.ags)][observation.year] = observation
    return [
        TargetView(t, *_assessment(t, series.get((t.indicator_id, t.plan.organization.ags), {})))
        for t in targets
    ]


def targets_of_organizations(organizations: list[Organization]) -> list[TargetView]:
    """The targets of the organisations' plans with their status, for the start page: two
    queries whatever the number of plans, targets or values."""
    targets = list(
        Target.objects.filter(plan__organization__in=organizations)
        .select_related("indicator", "field", "plan__organization")
        .order_by("plan__organization__name", "plan__title", "field__number", "indicator__code")
    )
    return _with_latest(targets)


def targets_of_plan(plan: Plan, *, until_year: int | None = None) -> list[TargetView]:
    targets = list(
        Target.objects.filter(plan=plan)
        .select_related("indicator", "field", "plan__organization")
        .order_by("field__number", "indicator__code")
    )
    return _with_latest(targets, until_year)


def public_indicator(organization: Organization, pk: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.public().filter(organization=organization).select_related("organization"),
        pk=pk,
    )

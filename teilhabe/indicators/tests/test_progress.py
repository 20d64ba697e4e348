"""The progress status against a table of cases, worked out by hand from the Open SDG rule."""

import pytest

from teilhabe.indicators.progress import Status, assess


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        # 100 → 121 in 2 years is 10 %/year; reaching 200 in 10 years needs 7.18 %/year: R 1.39
        (
            {
                "base_year": 2016,
                "base_value": 100,
                "year": 2018,
                "value": 121,
                "target_year": 2026,
                "target_value": 200,
            },
            Status.ON_TRACK,
        ),
        # 100 → 104 in 2 years (1.98 %/y) of the required 2.41 %/y for 130 in 2027: R 0.82
        (
            {
                "base_year": 2016,
                "base_value": 100,
                "year": 2018,
                "value": 104,
                "target_year": 2027,
                "target_value": 130,
            },
            Status.MODERATE,
        ),
        # 100 → 102 in 2 years (0.995 %/y) of 2.41 %/y: R 0.41
        (
            {
                "base_year": 2016,
                "base_value": 100,
                "year": 2018,
                "value": 102,
                "target_year": 2027,
                "target_value": 130,
            },
            Status.LIMITED,
        ),
        # falling although it should rise
        (
            {
                "base_year": 2016,
                "base_value": 100,
                "year": 2018,
                "value": 95,
                "target_year": 2027,
                "target_value": 130,
            },
            Status.DETERIORATION,
        ),
        # target already reached
        (
            {
                "base_year": 2016,
                "base_value": 100,
                "year": 2018,
                "value": 131,
                "target_year": 2027,
                "target_value": 130,
            },
            Status.ACHIEVED,
        ),
        # lower is better: 20 → 18 in 2 years (-5.13 %/y) of the required -3.08 %/y to 15 by 2025: R 1.66
        (
            {
                "base_year": 2016,
                "base_value": 20,
                "year": 2018,
                "value": 18,
                "target_year": 2025,
                "target_value": 15,
                "higher_is_better": False,
            },
            Status.ON_TRACK,
        ),
        # lower is better, rising: deterioration
        (
            {
                "base_year": 2016,
                "base_value": 20,
                "year": 2018,
                "value": 21,
                "target_year": 2025,
                "target_value": 15,
                "higher_is_better": False,
            },
            Status.DETERIORATION,
        ),
        # lower is better, already at the target
        (
            {
                "base_year": 2016,
                "base_value": 20,
                "year": 2018,
                "value": 15,
                "target_year": 2025,
                "target_value": 15,
                "higher_is_better": False,
            },
            Status.ACHIEVED,
        ),
        # no target: 2 %/year up is on track, 1 % moderate, 0.2 % limited, down deteriorates
        ({"base_year": 2016, "base_value": 100, "year": 2017, "value": 102}, Status.ON_TRACK),
        ({"base_year": 2016, "base_value": 100, "year": 2017, "value": 101}, Status.MODERATE),
        ({"base_year": 2016, "base_value": 100, "year": 2017, "value": 100.2}, Status.LIMITED),
        ({"base_year": 2016, "base_value": 100, "year": 2017, "value": 99}, Status.DETERIORATION),
        (
            {
                "base_year": 2016,
                "base_value": 100,
                "year": 2017,
                "value": 98,
                "higher_is_better": False,
            },
            Status.ON_TRACK,
        ),
        # one year only, or a zero base: nothing to say
        ({"base_year": 2016, "base_value": 100, "year": 2016, "value": 100}, Status.UNKNOWN),
        ({"base_year": 2016, "base_value": 0, "year": 2018, "value": 5}, Status.UNKNOWN),
    ],
)
def test_progress_status(case, expected):
    assert assess(**case).status == expected


def test_the_ratio_is_the_one_worked_out_by_hand():
    ratio = assess(
        base_year=2016, base_value=100, year=2018, value=104, target_year=2027, target_value=130
    ).ratio
    assert ratio == pytest.approx(0.0198 / 0.0241, abs=0.01)


def test_a_describing_figure_gets_no_target(db):
    """The share of foreigners describes the population: no value of it is better, so the plan
    sets no target on it (and so no progress status is shown)."""
    from decimal import Decimal

    from teilhabe.core.errors import ServiceError
    from teilhabe.indicators import services
    from teilhabe.indicators.models import Direction, Indicator
    from teilhabe.testing import make_plan

    entry = Indicator.objects.catalogue().get(code="auslaenderanteil")
    assert entry.direction == Direction.NONE and entry.comparison_group == ""
    plan, _report, _units = make_plan(status="adopted", fields=1, measures_per_field=1, units=1)
    share = services.indicator_adopt(entry=entry, organization=plan.organization, by=None)
    with pytest.raises(ServiceError, match="keine gewünschte Richtung"):
        services.target_set(
            indicator=share, plan=plan, baseline_year=2016, baseline_value=Decimal(15), by=None
        )

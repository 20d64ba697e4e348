"""The progress status of an indicator, computed as Open SDG computes it (the method Statistics
Canada developed, after Eurostat): how fast the figure moved since the base year, compared with
how fast it would have to move to reach the target in time.

    observed growth   CAGR_i = (y_i / y_0) ** (1 / (t_i - t_0)) - 1
    required growth   CAGR_T = (y_T / y_0) ** (1 / (t_T - t_0)) - 1
    ratio             R = d * CAGR_i / |CAGR_T|    (d = +1 when higher is better, -1 when lower)

    target achieved   the latest value has reached the target (in the desired direction)
    on track          R ≥ 95 %
    moderate          60 % ≤ R < 95 %   ("Fortschritt, aber Beschleunigung nötig")
    limited           0 % ≤ R < 60 %
    deterioration     R < 0 %

Without a target value the observed growth itself is judged, in the desired direction:
on track from 1.5 % a year, moderate from 0.5 %, limited from 0 %, deterioration below.
Pure: numbers in, a status out; the page states the rule in these words (RULE).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    MODERATE = "moderate"
    LIMITED = "limited"
    DETERIORATION = "deterioration"
    UNKNOWN = "unknown"


LABELS = {
    Status.ACHIEVED: _("Ziel erreicht"),
    Status.ON_TRACK: _("auf Kurs"),
    Status.MODERATE: _("Fortschritt, aber Beschleunigung nötig"),
    Status.LIMITED: _("geringer Fortschritt"),
    Status.DETERIORATION: _("Verschlechterung"),
    Status.UNKNOWN: _("nicht bewertbar"),
}

RULE = _(
    "Bewertet wird wie bei Open SDG: Wie schnell hat sich der Wert seit dem Basisjahr im Jahr "
    "verändert, verglichen mit der Veränderung, die nötig wäre, um den Zielwert im Zieljahr zu "
    "erreichen? Mindestens 95 % davon: auf Kurs; 60 bis 95 %: Fortschritt, aber Beschleunigung "
    "nötig; 0 bis 60 %: geringer Fortschritt; Bewegung in die falsche Richtung: Verschlechterung. "
    "Ohne Zielwert zählt die jährliche Veränderung selbst (ab 1,5 % auf Kurs, ab 0,5 % "
    "Fortschritt). Zwei Werte in verschiedenen Jahren sind nötig."
)

ON_TRACK, MODERATE = 0.95, 0.60
NO_TARGET_ON_TRACK, NO_TARGET_MODERATE = 0.015, 0.005


@dataclass(frozen=True)
class Assessment:
    status: Status
    ratio: float | None = None  # R, or the observed growth without a target

    @property
    def label(self):
        return LABELS[self.status]


def _cagr(start: float, end: float, years: int) -> float | None:
    if years <= 0 or start <= 0 or end < 0:
        return None
    return (end / start) ** (1 / years) - 1


def assess(
    *,
    base_year: int,
    base_value: Decimal | float,
    year: int,
    value: Decimal | float,
    higher_is_better: bool = True,
    target_year: int | None = None,
    target_value: Decimal | float | None = None,
) -> Assessment:
    """The status of `value` in `year`, measured from `base_value` in `base_year`."""
    direction = 1 if higher_is_better else -1
    base, latest = float(base_value), float(value)
    if target_value is not None:
        target = float(target_value)
        if (latest - target) * direction >= 0:
            return Assessment(Status.ACHIEVED)
    if year <= base_year:
        return Assessment(Status.UNKNOWN)
    observed = _cagr(base, latest, year - base_year)
    if observed is None:
        return Assessment(Status.UNKNOWN)
    if target_value is not None and target_year is not None and target_year > base_year:
        required = _cagr(base, float(target_value), target_year - base_year)
        if required is None:
            return Assessment(Status.UNKNOWN)
        if required == 0:
            # The base value is the target: any move in the desired direction keeps it.
            ratio = 1.0 if observed * direction >= 0 else -1.0
        else:
            ratio = direction * observed / abs(required)
        return Assessment(_by_ratio(ratio), ratio)
    growth = direction * observed
    if growth >= NO_TARGET_ON_TRACK:
        return Assessment(Status.ON_TRACK, growth)
    if growth >= NO_TARGET_MODERATE:
        return Assessment(Status.MODERATE, growth)
    if growth >= 0:
        return Assessment(Status.LIMITED, growth)
    return Assessment(Status.DETERIORATION, growth)


def _by_ratio(ratio: float) -> Status:
    if ratio >= ON_TRACK:
        return Status.ON_TRACK
    if ratio >= MODERATE:
        return Status.MODERATE
    if ratio >= 0:
        return Status.LIMITED
    return Status.DETERIORATION

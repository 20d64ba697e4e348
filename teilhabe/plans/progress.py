"""The progress rule, stated once: what a progress figure rests on and when it is shown.

Every place that shows a progress figure — the portal's plan and field pages, the back office's
dashboard, the Bilanz as HTML, PDF and DOCX, the Beschlussvorlage — builds it with
`progress_figure` and prints the figure with its basis in the words of `Progress.text`, so that a
figure computed from a part of the measures never looks complete.

The rule:

* **Basis.** A measure is part of the basis when its status says how far it is: umgesetzt,
  in Umsetzung, im Abstimmungsprozess, nicht umgesetzt. "keine Angabe" and "Umsetzung nicht
  möglich" say nothing about how far a measure is, so they are outside the basis; together they
  are the share *ohne Angabe*.
* **Figure.** The progress among the basis is the weighted mean of the measures' values (computed
  in the database by `querysets.effective_percent`, see `PROGRESS_NOTE` in `bilanz/data.py`).
* **Threshold.** The figure is shown only when at least half of the measures are in the basis
  (and at least one is). Below that, the mean describes the minority of the measures it happens to
  know about — "100 % from 1 of 3" says more about which office answered than about the field —
  so the figure reads "zu wenige Angaben". Half is the line at which the known measures are no
  longer outnumbered by the unknown ones; an absolute minimum (say 2 measures) would hide the
  figure of a field with a single, fully reported measure, which is the whole truth of that field.
  The basis is always printed, so readers see how much is known either way.
* **Bar.** A bar always spans *all* measures: the achieved share of the basis, the open rest of the
  basis, and the share ohne Angabe as its own labelled segment.

The module is pure: counts in, a frozen value out; no database, no request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from teilhabe.reports.formatting import format_percent

# Statuses that say how far a measure is; every other status ("unknown", "not_possible") is
# outside the basis.
BASIS_STATUSES = ("done", "in_progress", "in_coordination", "not_started")

# A figure is shown when basis / total >= MIN_BASIS_SHARE (and the basis is not empty).
MIN_BASIS_SHARE = 0.5


@dataclass(frozen=True)
class Progress:
    """A progress figure with what it rests on. Shares are percentages of *all* measures."""

    total: int
    basis: int
    # The weighted mean among the basis; None when there is none or the basis is too thin.
    percent: float | None
    too_few: bool

    @property
    def unknown(self) -> int:
        """Measures outside the basis (keine Angabe, Umsetzung nicht möglich)."""
        return self.total - self.basis

    @property
    def basis_share(self) -> float:
        return 100.0 * self.basis / self.total if self.total else 0.0

    @property
    def achieved_share(self) -> float:
        """The filled part of the bar: progress × basis share (0 when no figure is shown)."""
        if self.percent is None:
            return 0.0
        return round(self.percent * self.basis_share / 100.0, 1)

    @property
    def open_share(self) -> float:
        """The part of the basis not yet achieved (the whole basis when no figure is shown)."""
        return round(self.basis_share - self.achieved_share, 1)

    @property
    def unknown_share(self) -> float:
        return round(100.0 - self.basis_share, 1) if self.total else 0.0

    @property
    def figure_text(self) -> str:
        """ "62,5 %", "zu wenige Angaben", or "–" (no measures, or no weight among the basis)."""
        if self.too_few:
            return gettext("zu wenige Angaben")
        return format_percent(self.percent)

    @property
    def basis_text(self) -> str:
        """ "aus 1 von 3 Maßnahmen" — the same words wherever a figure is printed."""
        return ngettext(
            "aus %(basis)s von %(total)s Maßnahme",
            "aus %(basis)s von %(total)s Maßnahmen",
            self.total,
        ) % {"basis": self.basis, "total": self.total}

    @property
    def unknown_text(self) -> str:
        """The label of the bar's segment ohne Angabe: "ohne Angabe: 2 von 3 Maßnahmen"."""
        return ngettext(
            "ohne Angabe: %(unknown)s von %(total)s Maßnahme",
            "ohne Angabe: %(unknown)s von %(total)s Maßnahmen",
            self.total,
        ) % {"unknown": self.unknown, "total": self.total}

    @property
    def text(self) -> str:
        """The figure with its basis: "62,5 % (aus 4 von 5 Maßnahmen)"; "keine Maßnahmen"."""
        if not self.total:
            return gettext("keine Maßnahmen")
        return f"{self.figure_text} ({self.basis_text})"

    @property
    def shown(self) -> bool:
        """Whether a percentage is printed (a bar with a filled part can be drawn)."""
        return self.percent is not None


def basis_of(counts: Mapping[str, int]) -> int:
    """How many measures the figure rests on, from counts per status key."""
    return sum(counts.get(key) or 0 for key in BASIS_STATUSES)


def progress_figure(*, counts: Mapping[str, int], total: int, mean: float | None) -> Progress:
    """The progress figure of a set of measures.

    `counts` maps status keys ("done", "unknown", …) to numbers of measures, `total` is the number
    of measures, `mean` the weighted mean among the basis as the database computed it (None when
    nothing counts). See the module's docstring for the rule."""
    basis = min(basis_of(counts), total)
    too_few = total > 0 and (basis == 0 or basis < MIN_BASIS_SHARE * total)
    percent = None if too_few or not total else mean
    return Progress(total=total, basis=basis, percent=percent, too_few=too_few)

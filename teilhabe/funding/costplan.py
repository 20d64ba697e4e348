"""The cost plan of an application, checked as a Zuwendungsgeber checks it. Pure: lines in,
totals or a German message naming the line out.

Expenses add up to the project's costs. They are covered by the own contribution, other
funding and the amount requested from the fund — and exactly so: a plan that does not add up
is refused, with the difference named, because the decision and later the proof of use are
measured against it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from teilhabe.documents.amounts import AmountError, parse_amount

ZERO = Decimal("0.00")
KINDS = ("expense", "own", "other_funding")


class CostPlanError(ValueError):
    """A German message; `line` is the 1-based line it is about, if any."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Line:
    kind: str
    label: str
    amount: Decimal


@dataclass(frozen=True)
class Totals:
    costs: Decimal
    own: Decimal
    other_funding: Decimal
    requested: Decimal

    @property
    def own_share(self) -> Decimal:
        """The own contribution in percent of the costs (0 without costs)."""
        return (self.own * 100 / self.costs).quantize(Decimal("0.1")) if self.costs else ZERO


def euro(amount: Decimal) -> str:
    """1234.5 → "1.234,50 €" (German grouping, two places)."""
    text = f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{text} €"


def read_lines(rows: Sequence[tuple[str, str, str]]) -> list[Line]:
    """(kind, label, amount text) rows as typed in the form; empty rows are skipped."""
    lines = []
    for number, (kind, raw_label, raw_amount) in enumerate(rows, start=1):
        label, amount = (raw_label or "").strip(), (raw_amount or "").strip()
        if not label and not amount:
            continue
        if kind not in KINDS:
            raise CostPlanError(
                _("Zeile %(n)s: Bitte wählen Sie die Art des Postens.") % {"n": number}, number
            )
        if not label:
            raise CostPlanError(
                _("Zeile %(n)s: Bitte benennen Sie den Posten.") % {"n": number}, number
            )
        try:
            value = parse_amount(amount)
        except AmountError as error:
            raise CostPlanError(
                _("Zeile %(n)s („%(label)s“): %(error)s")
                % {"n": number, "label": label, "error": error},
                number,
            ) from error
        lines.append(Line(kind, label[:200], value))
    return lines


def check(
    lines: Sequence[Line],
    *,
    requested: Decimal,
    min_amount: Decimal = ZERO,
    max_amount: Decimal | None = None,
    own_percent: int = 0,
) -> Totals:
    """The plan's totals, or CostPlanError when it does not add up or breaks the call's rules."""
    if not any(line.kind == "expense" for line in lines):
        raise CostPlanError(_("Der Kostenplan braucht mindestens eine Ausgabe."))
    for number, line in enumerate(lines, start=1):
        if line.kind == "expense" and line.amount <= 0:
            raise CostPlanError(
                _("Zeile %(n)s („%(label)s“): Der Betrag fehlt.")
                % {"n": number, "label": line.label},
                number,
            )
    totals = Totals(
        costs=sum((x.amount for x in lines if x.kind == "expense"), ZERO),
        own=sum((x.amount for x in lines if x.kind == "own"), ZERO),
        other_funding=sum((x.amount for x in lines if x.kind == "other_funding"), ZERO),
        requested=requested,
    )
    covered = totals.own + totals.other_funding + requested
    if covered != totals.costs:
        raise CostPlanError(
            _(
                "Der Kostenplan geht nicht auf: Die Ausgaben betragen %(costs)s, Eigenanteil, "
                "andere Förderung und beantragter Betrag zusammen %(covered)s "
                "(Unterschied %(difference)s)."
            )
            % {
                "costs": euro(totals.costs),
                "covered": euro(covered),
                "difference": euro(abs(totals.costs - covered)),
            }
        )
    if requested <= 0:
        raise CostPlanError(_("Bitte geben Sie den beantragten Betrag an."))
    if requested < min_amount:
        raise CostPlanError(
            _("Beantragt werden können mindestens %(amount)s.") % {"amount": euro(min_amount)}
        )
    if max_amount is not None and requested > max_amount:
        raise CostPlanError(
            _("Beantragt werden können höchstens %(amount)s.") % {"amount": euro(max_amount)}
        )
    if own_percent and totals.own * 100 < totals.costs * own_percent:
        raise CostPlanError(
            _(
                "Der Eigenanteil muss mindestens %(required)s %% der Kosten betragen; er beträgt %(share)s %%."
            )
            % {"required": own_percent, "share": str(totals.own_share).replace(".", ",")}
        )
    return totals

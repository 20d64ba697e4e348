"""Amounts as people type them, and cost plans that must add up (pure functions)."""

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from teilhabe.documents.amounts import AmountError, parse_amount
from teilhabe.funding import costplan
from teilhabe.funding.costplan import CostPlanError, Line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.250,00", "1250.00"),
        ("1250", "1250.00"),
        ("1250,5", "1250.50"),
        ("1.250", "1250.00"),
        ("1 250 €", "1250.00"),
        ("250,-", "250.00"),
        ("EUR 99,99", "99.99"),
        ("1,250.75", "1250.75"),
        ("12.5", "12.50"),
        ("0", "0.00"),
        ("20.000,00 Euro", "20000.00"),
    ],
)
def test_amounts_people_type(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "viele", "-5", "1,234,5", "12,345", "1.2.3", "١٢", "3,141"])
def test_what_is_no_amount_is_refused_in_german(text):
    with pytest.raises(AmountError) as error:
        parse_amount(text)
    assert "Betr" in str(error.value)


@given(st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2))
@example(Decimal("1000.00"))
def test_every_amount_written_the_german_way_reads_back(value):
    assert parse_amount(costplan.euro(value)) == value


def _plan(*lines):
    return [Line(kind, label, Decimal(amount)) for kind, label, amount in lines]


def test_a_plan_that_adds_up():
    totals = costplan.check(
        _plan(
            ("expense", "Honorare", "2000"), ("expense", "Raum", "500"), ("own", "Verein", "500")
        ),
        requested=Decimal("2000"),
        own_percent=10,
    )
    assert (totals.costs, totals.own, totals.requested) == (
        Decimal(2500),
        Decimal(500),
        Decimal(2000),
    )
    assert totals.own_share == Decimal("20.0")


def test_a_plan_that_does_not_add_up_names_the_difference():
    with pytest.raises(CostPlanError) as error:
        costplan.check(_plan(("expense", "Honorare", "2000")), requested=Decimal("1500"))
    assert "2.000,00 €" in str(error.value) and "500,00 €" in str(error.value)


def test_the_calls_rules():
    plan = _plan(("expense", "Honorare", "6000"))
    with pytest.raises(CostPlanError, match=r"höchstens 5\.000,00 €"):
        costplan.check(plan, requested=Decimal(6000), max_amount=Decimal(5000))
    with pytest.raises(CostPlanError, match="Eigenanteil muss mindestens 10 %"):
        costplan.check(plan, requested=Decimal(6000), own_percent=10)
    with pytest.raises(CostPlanError, match="mindestens eine Ausgabe"):
        costplan.check(_plan(("own", "Verein", "100")), requested=Decimal(0))


def test_a_line_that_is_no_amount_is_named():
    with pytest.raises(CostPlanError) as error:
        costplan.read_lines([("expense", "Honorare", "100"), ("expense", "Raummiete", "zwölf")])
    assert error.value.line == 2
    assert "Zeile 2 („Raummiete“)" in str(error.value)
    assert costplan.read_lines([("expense", "", ""), ("own", "Verein", "5")]) == [
        Line("own", "Verein", Decimal("5.00"))
    ]

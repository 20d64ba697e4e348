"""Wording a plan's name in running German text without saying "Integrationsplan" twice."""

import pytest

from teilhabe.plans.bilanz.wording import plan_named


@pytest.mark.parametrize(
    ("title", "article", "expected"),
    [
        (
            "Integrationsplan des Landkreises Böblingen",
            "des",
            "des Integrationsplans des Landkreises Böblingen",
        ),
        (
            "Integrationsplan Leinfelden-Echterdingen",
            "den",
            "den Integrationsplan Leinfelden-Echterdingen",
        ),
        ("Integrationsplan", "zum", "zum Integrationsplan"),
        (
            "Zusammen leben in Musterstadt",
            "zum",
            "zum Integrationsplan „Zusammen leben in Musterstadt“",
        ),
        (
            "Zusammen leben in Musterstadt",
            "des",
            "des Integrationsplans „Zusammen leben in Musterstadt“",
        ),
    ],
)
def test_plan_named(title, article, expected):
    assert plan_named(title, article) == expected

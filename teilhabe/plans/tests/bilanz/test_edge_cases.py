import datetime as dt

import pytest

from teilhabe.plans import services
from teilhabe.plans.bilanz.data import bilanz_data
from teilhabe.plans.bilanz.formats import FORMATS
from teilhabe.testing import make_organization


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_plan_without_measures_still_gives_a_report(fmt):
    plan = services.plan_create(
        organization=make_organization(kind="municipality"),
        title="Leerer Plan",
        slug="leer",
        by=None,
    )
    services.field_create(plan=plan, number=1, title="Noch ohne Maßnahmen", by=None)
    report = services.report_create(plan=plan, as_of=dt.date(2024, 5, 1), title="Bilanz", by=None)

    data = bilanz_data(report)
    content = FORMATS[fmt].render(data)

    assert data.summary.progress is None
    assert data.fields[0].examples_heading == (
        "Beispiele aus der Gemeinde zum Handlungsfeld „Noch ohne Maßnahmen“"
    )
    assert len(content) > 1000

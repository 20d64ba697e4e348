"""The Beschlussvorlage of a Bilanz states progress by the one rule of plans/progress.py: the
basis next to the figure, "zu wenige Angaben" for a thin field (see
plans/tests/test_progress_everywhere.py for the plan built here)."""

import datetime as dt
import io

import pytest
from docx import Document

from teilhabe.council.vorlage.data import Step, vorlage_data
from teilhabe.council.vorlage.render_docx import render_vorlage_docx
from teilhabe.testing import make_plan

pytestmark = pytest.mark.django_db


def test_beschlussvorlage_shows_basis_and_thin_field():
    _plan, report, _units = make_plan(fields=2, measures_per_field=3)
    data = vorlage_data(
        report=report, steps=[Step("Kreistag", dt.date(2021, 3, 1), "decision", True)]
    )
    reasoning = " ".join(data["reasoning"]).replace("\u00a0", " ")
    assert "liegt bei 37,5 %, berechnet aus 4 von 6 Maßnahmen" in reasoning
    rows = {row[0]: row[-1].replace("\u00a0", " ") for row in data["table"]["rows"]}
    assert rows["2. Handlungsfeld 2"] == "zu wenige Angaben (aus 1 von 3 Maßnahmen)"
    assert rows["Insgesamt"] == "37,5 % (aus 4 von 6 Maßnahmen)"
    document = Document(io.BytesIO(render_vorlage_docx(data)))
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "zu wenige Angaben (aus 1 von 3 Maßnahmen)" in cells.replace("\u00a0", " ")

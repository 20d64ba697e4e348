"""What the fund adds to the plan: the Bilanz's chapter with the money per field of action
(funded projects only), in the HTML Bilanz as well."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse

from teilhabe.funding.contributions import bilanz_sections
from teilhabe.plans.models import ProgressReport

pytestmark = pytest.mark.django_db


def test_the_bilanz_counts_funded_projects_per_field(funding_world):
    w = funding_world
    (section,) = bilanz_sections(w["plan"], SimpleNamespace(as_of=dt.date.today()))
    assert section.table.rows == [[f"1 {w['field'].title}", "1", "1.500,00 €"]]
    assert "1 Projekt mit zusammen 1.500,00 € gefördert" in section.paragraphs[0]
    assert bilanz_sections(w["plan"], SimpleNamespace(as_of=dt.date(2020, 1, 1))) == []


def test_the_bilanz_document_shows_the_chapter(client, funding_world):
    w = funding_world
    report = w["report"]
    # The draft Bilanz's date moved to today, after the world's decisions.
    ProgressReport.objects.filter(pk=report.pk).update(as_of=dt.date.today())
    client.force_login(w["people"]["reader"])
    response = client.get(reverse("plans:bilanz", args=[report.pk, "html"]))
    text = response.content.decode()
    assert "Integrationsfonds: geförderte Projekte" in text and "1.500,00 €" in text

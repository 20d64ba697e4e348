"""The demo as `make run` loads it."""

import pytest

from teilhabe.demo.load import demo_logins, load_demo
from teilhabe.plans.models import Plan, ProgressReport


@pytest.mark.django_db
def test_demo_builds_both_plans_through_the_importer():
    load_demo()
    boeblingen = Plan.objects.get(slug="landkreis-boeblingen")
    assert boeblingen.fields.count() == 8
    assert [f.motto for f in boeblingen.fields.order_by("number")][:2] == [
        "Hier bin ich",
        "Wohnen und Wohlfühlen",
    ]
    published = ProgressReport.objects.get(plan=boeblingen, status="published")
    assert published.as_of.isoformat() == "2017-02-20"
    assert published.examples.count() == 12
    assert ProgressReport.objects.filter(plan=boeblingen, status="draft").count() == 1
    le = Plan.objects.get(slug="leinfelden-echterdingen")
    assert le.status == "draft"
    # The paper's five dated steps and the IST-Stand it asks for first (undated).
    assert le.milestones.count() == 6
    assert le.milestones.get(kind="decision").done_on.isoformat() == "2020-03-10"
    roles = " ".join(role for _, role in demo_logins())
    for label in ("Administration", "Koordination", "Fachamt", "Lesezugriff"):
        assert label in roles
    assert "Land Baden-Württemberg" in roles


@pytest.mark.django_db
def test_the_demo_land_sees_its_kreise_and_gemeinden_inside(client):
    from django.urls import reverse

    load_demo()
    client.login(username="integration@land-bw.example", password="teilhabe-demo")
    page = client.get(reverse("indicators:land_overview", args=["land-baden-wuerttemberg"]))
    text = page.content.decode()
    for name in ("Landkreis Böblingen", "Leinfelden-Echterdingen", "Landkreis Esslingen"):
        assert name in text

"""Plans across levels: a town aligns with its own Kreis only (and says why it deviates), starts
its plan from the Kreis's structure, sees when the Kreis changed what it points at; the Kreis
sees per goal who contributes and where nobody does, in constant queries."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.errors import ServiceError
from teilhabe.indicators import alignment, services
from teilhabe.indicators.models import Alignment
from teilhabe.organizations.models import Role
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import ProgressReport
from teilhabe.testing import make_organization, make_plan, make_user

pytestmark = pytest.mark.django_db


def _kreis_and_towns(towns=2):
    kreis_plan, _r, _u = make_plan(fields=2, measures_per_field=1, units=1)
    goals = [
        plan_services.goal_create(field=field, title=f"Ziel {field.number}", by=None)
        for field in kreis_plan.fields.order_by("number")
    ]
    town_plans = []
    for _ in range(towns):
        plan, _report, _units = make_plan(fields=1, measures_per_field=2, units=1)
        plan.organization.parent = kreis_plan.organization
        plan.organization.save(update_fields=["parent"])
        town_plans.append(plan)
    return kreis_plan, goals, town_plans


def test_a_town_aligns_with_its_own_kreis_only_and_says_why_it_deviates():
    _kreis_plan, goals, (town,) = _kreis_and_towns(1)
    measure = town.fields.get().measures.first()
    other_kreis, _r, _u = make_plan(make_organization(), fields=1, measures_per_field=1, units=1)
    foreign_goal = plan_services.goal_create(field=other_kreis.fields.get(), title="X", by=None)
    with pytest.raises(ServiceError, match="nicht der Kreis"):
        services.alignment_create(source=measure, target=foreign_goal, kind="adopts", by=None)
    with pytest.raises(ServiceError, match="warum"):
        services.alignment_create(source=measure, target=goals[0], kind="deviates", by=None)
    services.alignment_create(
        source=measure, target=goals[0], kind="deviates", note="Eigener Weg", by=None
    )
    assert Alignment.objects.get().note == "Eigener Weg"


def test_the_town_sees_when_the_kreis_changed_its_goal():
    _kreis_plan, goals, (town,) = _kreis_and_towns(1)
    measure = town.fields.get().measures.first()
    made = services.alignment_create(source=measure, target=goals[0], kind="adopts", by=None)
    assert [view.changed for view in alignment.alignments_of(measure)] == [False]
    plan_services.goal_update(goal=goals[0], version=goals[0].version, title="Neu gefasst", by=None)
    assert [view.changed for view in alignment.alignments_of(measure)] == [True]
    services.alignment_seen(alignment=made, by=None)
    assert [view.changed for view in alignment.alignments_of(measure)] == [False]


def test_a_town_starts_its_plan_from_the_kreis_structure():
    kreis_plan, _goals, _towns = _kreis_and_towns(0)
    town = make_organization(parent=kreis_plan.organization)
    plan = plan_services.plan_create(organization=town, title="Neu", slug="neu", by=None)
    assert services.plan_start_from_kreis(plan=plan, kreis_plan=kreis_plan, by=None) == 2
    assert list(plan.fields.order_by("number").values_list("title", flat=True)) == list(
        kreis_plan.fields.order_by("number").values_list("title", flat=True)
    )
    assert Alignment.objects.filter(goal__field__plan=plan, kind="adopts").count() == 2
    with pytest.raises(ServiceError, match="leeren Plan"):
        services.plan_start_from_kreis(plan=plan, kreis_plan=kreis_plan, by=None)


@pytest.mark.parametrize("towns", [1, 5])
def test_the_kreis_rollup_takes_the_same_queries_whatever_the_towns(
    client, towns, django_assert_max_num_queries
):
    kreis_plan, goals, town_plans = _kreis_and_towns(towns)
    for plan in town_plans:
        for measure in plan.fields.get().measures.all():
            services.alignment_create(source=measure, target=goals[0], kind="contributes", by=None)
    client.force_login(make_user(kreis_plan.organization, Role.READER))
    url = reverse("indicators:kreis_rollup", args=[kreis_plan.slug])
    with django_assert_max_num_queries(12):
        text = client.get(url).content.decode()
    assert text.count("trägt bei") == 2 * towns
    assert "niemand" in text  # the second goal: no town contributes


def test_the_measure_panel_aligns_by_post(client):
    kreis_plan, goals, (town,) = _kreis_and_towns(1)
    measure = town.fields.get().measures.first()
    client.force_login(make_user(town.organization, Role.COORDINATOR))
    page = client.get(reverse("plans:measure_detail", args=[measure.pk])).content.decode()
    assert "Abstimmung mit dem Kreis" in page and f'value="g{goals[1].pk}"' in page
    client.post(
        reverse("indicators:measure_align", args=[measure.pk]),
        {"ziel": f"g{goals[1].pk}", "art": "contributes"},
    )
    assert Alignment.objects.get(measure=measure).target_goal == goals[1]
    page = client.get(reverse("plans:measure_detail", args=[measure.pk])).content.decode()
    assert '<option value="">– bitte wählen –</option>' in page  # nothing chosen for the reader
    refused = client.post(
        reverse("indicators:measure_align", args=[measure.pk]), {"ziel": f"g{goals[0].pk}"},
        follow=True,
    )  # fmt: skip
    assert "Bitte die Art wählen" in refused.content.decode()
    assert Alignment.objects.filter(measure=measure).count() == 1
    # a link made by mistake is removed again
    alignment = Alignment.objects.get(measure=measure)
    client.post(reverse("indicators:alignment_delete", args=[alignment.pk]))
    assert not Alignment.objects.filter(measure=measure).exists()
    # the Kreis's page is for its members: an anonymous visitor is sent to the login
    anonymous = Client().get(reverse("indicators:kreis_rollup", args=[kreis_plan.slug]))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))


def test_the_rollup_shows_each_measure_as_its_towns_latest_published_bilanz_has_it():
    kreis_plan, goals, (reported, drafting) = _kreis_and_towns(2)
    for plan in (reported, drafting):
        for measure in plan.fields.get().measures.all():
            services.alignment_create(source=measure, target=goals[0], kind="contributes", by=None)
    report = reported.reports.get()
    ProgressReport.objects.filter(pk=report.pk).update(
        status="published", published_at=timezone.now()
    )
    rows = alignment.kreis_rollup(kreis_plan)
    by_town = {}
    for contribution in rows[0].contributions:
        by_town.setdefault(contribution.town, []).append(contribution.status)
    expected = sorted(report.entries.values_list("status", flat=True))
    assert sorted(by_town[reported.organization.name]) == expected
    # The other town's Bilanz is a draft: nothing of it shows.
    assert by_town[drafting.organization.name] == ["", ""]
    labels = [c.status_label for c in rows[0].contributions if c.town == drafting.organization.name]
    assert labels == ["noch nicht berichtet"] * 2
    assert rows[1].contributions == [] and rows[1].towns == []

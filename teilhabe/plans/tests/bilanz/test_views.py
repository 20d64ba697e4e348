import pytest
from django.core.cache import cache
from django.urls import reverse

from teilhabe.organizations.models import Role
from teilhabe.plans import services
from teilhabe.testing import make_plan, make_user

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


def url(report, fmt="pdf"):
    return reverse("plans:bilanz", kwargs={"report_id": report.pk, "fmt": fmt})


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def stranger(db):
    """A coordinator of another organisation."""
    plan, _report, _units = make_plan()
    return make_user(plan.organization, Role.COORDINATOR)


@pytest.mark.django_db
def test_url_shape(plan_setup):
    report = plan_setup["report"]
    assert url(report, "docx") == f"/verwaltung/berichte/{report.pk}/bilanz.docx"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_a_draft_is_not_found_for_outsiders(client, plan_setup, stranger, who):
    if who == "stranger":
        client.force_login(stranger)

    for fmt in CONTENT_TYPES:
        assert client.get(url(plan_setup["report"], fmt)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "coordinator", "editor_own", "reader"])
@pytest.mark.parametrize("fmt", sorted(CONTENT_TYPES))
def test_members_get_the_draft(client, plan_setup, role, fmt):
    client.force_login(plan_setup["people"][role])

    response = client.get(url(plan_setup["report"], fmt))

    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert "no-store" in response["Cache-Control"]
    disposition = "attachment" if fmt == "docx" else "inline"
    assert response["Content-Disposition"].startswith(disposition)
    assert f"2017-02-20.{fmt}" in response["Content-Disposition"]


@pytest.mark.django_db
def test_a_published_report_is_public_and_served_from_the_cache(
    client, plan_setup, django_assert_max_num_queries, real_cache
):
    report = services.report_publish(report=plan_setup["report"], by=None)

    first = client.get(url(report))
    assert first.status_code == 200
    assert first.content.startswith(b"%PDF-")
    assert "public" in first["Cache-Control"]

    # The second request reads the report and the permission, not the plan's content.
    with django_assert_max_num_queries(2):
        second = client.get(url(report))
    assert second.content == first.content


@pytest.mark.django_db
def test_a_published_report_of_a_draft_plan_stays_internal(client):
    plan, report, _units = make_plan(status="draft")
    report = services.report_publish(report=report, by=None)

    assert client.get(url(report)).status_code == 404
    client.force_login(make_user(plan.organization, Role.READER))
    response = client.get(url(report))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_unknown_format_and_report_are_not_found(client, plan_setup):
    client.force_login(plan_setup["people"]["coordinator"])

    assert (
        client.get(f"/verwaltung/berichte/{plan_setup['report'].pk}/bilanz.odt").status_code == 404
    )
    assert client.get("/verwaltung/berichte/999999/bilanz.pdf").status_code == 404


@pytest.mark.django_db
def test_only_get_is_allowed(client, plan_setup):
    client.force_login(plan_setup["people"]["coordinator"])

    assert client.post(url(plan_setup["report"])).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(("fields", "measures"), [(2, 3), (8, 30)])
def test_query_count_of_a_download_does_not_grow_with_the_plan(
    client, fields, measures, django_assert_max_num_queries
):
    plan, report, _units = make_plan(fields=fields, measures_per_field=measures)
    client.force_login(make_user(plan.organization, Role.READER))

    # +1 for each contributor of Bilanz sections: the indicators, the interpreter pool, the
    # language survey and the fund each ask for their data once (see test_data).
    with django_assert_max_num_queries(15):
        response = client.get(url(report, "html"))

    assert response.status_code == 200


@pytest.mark.django_db
def test_published_documents_do_not_follow_later_edits_of_the_plan(client, plan_setup):
    from teilhabe.plans.services.publication import bilanz_publish

    report = bilanz_publish(report=plan_setup["report"], by=None)
    before = {fmt: client.get(url(report, fmt)).content for fmt in ("pdf", "docx", "html")}
    field = report.plan.fields.get(number=1)
    services.field_update(
        field=field, version=field.version, introduction="Neu geschrieben", by=None
    )
    measure = field.measures.order_by("position").first()
    services.measure_update(measure=measure, version=measure.version, title="Umbenannt", by=None)
    services.measure_move(measure=measure, direction=1, by=None)
    after = {fmt: client.get(url(report, fmt)).content for fmt in ("pdf", "docx", "html")}
    assert after == before
    assert "Umbenannt" not in after["html"].decode()

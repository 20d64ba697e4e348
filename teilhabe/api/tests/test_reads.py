"""Public reads: published content only, in the requested language, filtered and paged."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from teilhabe.plans import services
from teilhabe.plans.models import Measure

from .conftest import error_of

pytestmark = pytest.mark.django_db

LISTS = ["organizations", "plans", "fields", "goals", "measures", "reports", "milestones"]


def results(api, url, params=None):
    response = api.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_lists_show_public_content_only(api, world):
    org_slugs = {o["slug"] for o in results(api, "/api/v1/organizations/")}
    assert world.organization.slug in org_slugs
    assert world.draft_plan.organization.slug not in org_slugs
    plan_slugs = {p["slug"] for p in results(api, "/api/v1/plans/")}
    assert plan_slugs == {world.plan.slug, world.other_plan.slug}
    for name in ["fields", "goals", "measures", "milestones"]:
        for item in results(api, f"/api/v1/{name}/?page_size=500"):
            assert item["plan"] != world.draft_plan.slug, (name, item)
    assert [r["id"] for r in results(api, "/api/v1/reports/")] == [world.published.pk]
    milestones = [m["title"] for m in results(api, "/api/v1/milestones/")]
    assert milestones == ["Beschluss im Kreistag"]


def test_drafts_are_not_found_by_address(api, world):
    draft_measure = world.draft_plan.fields.first().measures.first()
    draft_report = world.draft_plan.reports.first()
    for url in [
        f"/api/v1/plans/{world.draft_plan.slug}/",
        f"/api/v1/organizations/{world.draft_plan.organization.slug}/",
        f"/api/v1/fields/{world.draft_plan.fields.first().pk}/",
        f"/api/v1/measures/{draft_measure.pk}/",
        f"/api/v1/reports/{draft_report.pk}/",
        f"/api/v1/reports/{draft_report.pk}/entries/",
        f"/api/v1/reports/{world.draft.pk}/",
        f"/api/v1/reports/{world.draft.pk}/entries/",
    ]:
        response = api.get(url)
        assert response.status_code == 404, url
        assert error_of(response)["code"] == "not_found"


def test_measure_progress_comes_from_the_latest_published_report_never_the_draft(api, world):
    by_number = {m["number"]: m for m in results(api, f"/api/v1/measures/?plan={world.plan.slug}")}
    assert by_number["1.1"]["progress"]["status"] == "done"
    assert by_number["1.2"]["progress"] == {
        "report": world.published.pk,
        "report_as_of": "2017-02-20",
        "status": "in_progress",
        "status_label": "in Umsetzung",
        "percent": 50,
        "description": f"Beschreibung zu {world.measure('1.2').pk}",
    }
    assert by_number["2.1"]["progress"]["status"] == "not_started"
    assert "Entwurf" not in str(by_number)
    detail = api.get(f"/api/v1/measures/{world.measure('1.3').pk}/").json()
    assert detail["progress"]["status"] == "in_coordination"


def test_measure_rows_are_written_as_drf_writes_the_model(world):
    """The list serialises plain rows by hand for speed; DRF's own field-by-field path over the
    model instance is the contract, in German and in another language (with its fallback)."""
    from rest_framework import serializers as drf

    from teilhabe.api import selectors
    from teilhabe.api.serializers import MeasureSerializer
    from teilhabe.plans.models import ProgressEntry

    varied = list(Measure.objects.filter(field__plan__in=[world.plan, world.other_plan]))
    first, second, third = varied[:3]
    Measure.objects.filter(pk=first.pk).update(
        title_en="Language courses", planned_cost="1234.5", starts_on=dt.date(2017, 1, 1),
        ends_on=dt.date(2019, 12, 31), lead_unit=None, lead_organization=world.organization,
    )  # fmt: skip
    Measure.objects.filter(pk=second.pk).update(lead_unit=None, lead_organization=None)
    Measure.objects.filter(pk=third.pk).update(ongoing=True, weight="2.5")
    ids = [m.pk for m in varied]
    for language in ("de", "en"):
        with translation.override(language):
            rows = selectors.measure_rows(selectors.public_measures(), ids)
            by_hand = MeasureSerializer(rows, many=True).data
            expected = []
            for measure in Measure.objects.filter(pk__in=ids).order_by():
                measure.published_entry = ProgressEntry.objects.filter(
                    measure=measure, report=world.published
                ).first()
                generic = drf.ModelSerializer.to_representation(MeasureSerializer(), measure)
                expected.append(dict(generic))
        expected.sort(key=lambda m: ids.index(m["id"]))
        assert [dict(m) for m in by_hand] == expected
    assert any(m["progress"] is None for m in expected)  # the other plan has no Bilanz
    assert expected[0]["title"] == "Language courses" and expected[0]["planned_cost"] == 1234.5


def test_measure_without_published_report_has_no_progress(api, world):
    measures = results(api, f"/api/v1/measures/?plan={world.other_plan.slug}")
    assert measures and all(m["progress"] is None for m in measures)


def test_a_newer_published_report_replaces_the_older(api, world):
    services.report_publish(report=world.draft, by=None)
    measure = api.get(f"/api/v1/measures/{world.measure('2.1').pk}/").json()
    assert measure["progress"]["report"] == world.draft.pk
    assert measure["progress"]["status"] == "done"


def test_report_detail_counts_its_entries(api, world):
    report = api.get(f"/api/v1/reports/{world.published.pk}/").json()
    assert report["plan"] == world.plan.slug
    assert report["summary"]["total"] == 6
    assert report["summary"]["by_status"] == {
        "done": 1,
        "in_progress": 1,
        "in_coordination": 1,
        "not_started": 1,
        "not_possible": 1,
        "unknown": 1,
    }
    assert report["summary"]["progress"] == pytest.approx(37.5)


def test_entries_of_a_published_report_in_plan_order(api, world):
    entries = results(api, f"/api/v1/reports/{world.published.pk}/entries/")
    assert [e["measure_number"] for e in entries] == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"]
    assert entries[1]["status"] == "in_progress" and entries[1]["percent"] == 50
    assert "version" not in entries[0]
    done = results(api, f"/api/v1/reports/{world.published.pk}/entries/?status=done")
    assert [e["measure_number"] for e in done] == ["1.1"]
    field2 = results(api, f"/api/v1/reports/{world.published.pk}/entries/?field_number=2")
    assert [e["measure_number"] for e in field2] == ["2.1", "2.2", "2.3"]


class TestLanguages:
    @pytest.fixture
    def translated(self, world):
        measure = world.measure("1.1")
        with translation.override("en"):
            services.measure_update(
                measure=measure, version=measure.version, title="Measure one", by=None
            )
        return measure

    def test_german_by_default_whatever_the_browser_says(self, api, translated):
        response = api.get(f"/api/v1/measures/{translated.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        assert response.json()["title"] == "Maßnahme 1.1"
        assert response["Content-Language"] == "de"

    def test_requested_language_with_german_fallback_per_field(self, api, translated, world):
        response = api.get(f"/api/v1/measures/?plan={world.plan.slug}&lang=en")
        assert response["Content-Language"] == "en"
        titles = {m["number"]: m["title"] for m in response.json()["results"]}
        assert titles["1.1"] == "Measure one"
        assert titles["1.2"] == "Maßnahme 1.2"  # not translated: German

    @pytest.mark.parametrize("lang", ["de-x-ls", "tr", "ar", "uk"])
    def test_every_content_language_is_accepted(self, api, world, lang):
        response = api.get(f"/api/v1/plans/{world.plan.slug}/?lang={lang}")
        assert response.status_code == 200
        assert response.json()["title"] == world.plan.title

    def test_unknown_language_is_a_400_in_german(self, api, world):
        response = api.get("/api/v1/plans/?lang=fr")
        error = error_of(response)
        assert response.status_code == 400
        assert "lang" in error["felder"]
        assert "Unbekannte Sprache" in error["meldung"]

    def test_errors_stay_german_in_another_language(self, api, world):
        error = error_of(api.get("/api/v1/measures/?lang=en&field=x"))
        assert error["felder"]["field"] == ["Bitte eine ganze Zahl eingeben."]


class TestFilters:
    def test_organization_and_plan(self, api, world):
        by_org = results(api, f"/api/v1/measures/?organization={world.organization.slug}")
        assert {m["plan"] for m in by_org} == {world.plan.slug}
        assert len(by_org) == 6
        assert results(api, "/api/v1/measures/?organization=gibt-es-nicht") == []
        fields = results(api, f"/api/v1/fields/?plan={world.plan.slug}")
        assert [f["number"] for f in fields] == [1, 2]
        plans = results(api, f"/api/v1/plans/?organization={world.organization.slug}")
        assert [p["slug"] for p in plans] == [world.plan.slug]

    def test_field_by_id_or_number(self, api, world):
        field = world.plan.fields.get(number=2)
        by_id = results(api, f"/api/v1/measures/?field={field.pk}")
        by_number = results(api, f"/api/v1/measures/?plan={world.plan.slug}&field_number=2")
        assert (
            [m["number"] for m in by_id]
            == [m["number"] for m in by_number]
            == [
                "2.1",
                "2.2",
                "2.3",
            ]
        )

    def test_status_of_the_latest_published_report(self, api, world):
        # The draft says "done" for everything; the published Bilanz only for 1.1.
        for query in ["", f"&plan={world.plan.slug}", f"&organization={world.organization.slug}"]:
            done = results(api, f"/api/v1/measures/?status=done{query}")
            assert [m["number"] for m in done] == ["1.1"], query
        both = results(
            api, f"/api/v1/measures/?status=done&status=not_started&plan={world.plan.slug}"
        )
        assert [m["number"] for m in both] == ["1.1", "2.1"]

    def test_changed_since(self, api, world):
        now = timezone.now()
        assert results(api, "/api/v1/measures/", {"changed_since": now.isoformat()}) == []
        measure = world.measure("2.2")
        services.measure_update(
            measure=measure, version=measure.version, partners="Volkshochschule", by=None
        )
        changed = results(api, "/api/v1/measures/", {"changed_since": now.isoformat()})
        assert [m["number"] for m in changed] == ["2.2"]
        everything = results(api, f"/api/v1/measures/?changed_since={now.date().isoformat()}")
        assert len(everything) == Measure.objects.exclude(field__plan__status="draft").count()

    def test_publishing_a_report_changes_its_measures(self, api, world):
        before = timezone.now()
        services.report_publish(report=world.draft, by=None)
        since = {"changed_since": before.isoformat()}
        measures = results(api, "/api/v1/measures/", {**since, "plan": world.plan.slug})
        assert len(measures) == 6
        reports = results(api, "/api/v1/reports/", since)
        assert [r["id"] for r in reports] == [world.draft.pk]
        older = results(api, f"/api/v1/reports/?changed_since={dt.date(2000, 1, 1)}")
        assert len(older) == 2

    @pytest.mark.parametrize(
        "query",
        [
            "field=abc",
            "field=0",
            "field=99999999999999999999999",
            "field_number=-1",
            "goal=1.5",
            "status=fertig",
            "changed_since=gestern",
            "changed_since=2024-13-45",
            "organization=%C3%A4%21",
            "plan=a%20b",
            "page=0",
            "page=abc",
            "page_size=-5",
            "page_size=viele",
        ],
    )
    def test_malformed_values_are_a_400_naming_the_parameter(self, api, world, query):
        response = api.get(f"/api/v1/measures/?{query}")
        assert response.status_code == 400, response.content
        error = error_of(response)
        assert error["code"] == "invalid"
        assert list(error["felder"]) == [query.split("=")[0]]


class TestPagination:
    def test_page_size_and_links(self, api, world):
        body = api.get("/api/v1/measures/?page_size=4").json()
        assert body["count"] == 8
        assert len(body["results"]) == 4
        assert body["previous"] is None
        assert "page=2" in body["next"]
        second = api.get(body["next"]).json()
        assert len(second["results"]) == 4 and second["next"] is None
        ids = [m["id"] for m in body["results"] + second["results"]]
        assert len(set(ids)) == 8

    def test_page_size_is_capped(self, api, world):
        body = api.get("/api/v1/measures/?page_size=100000").json()
        assert len(body["results"]) == 8

    def test_a_page_behind_the_end_is_a_404(self, api, world):
        response = api.get("/api/v1/measures/?page=3")
        assert response.status_code == 404
        assert "Seite" in error_of(response)["meldung"]


def test_unknown_api_path_is_a_json_404(api, world):
    response = api.get("/api/v1/gibt-es-nicht/")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_reads_may_be_used_by_any_web_page(api, world):
    response = api.get("/api/v1/plans/")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_writes_to_read_endpoints_are_refused(api, world):
    response = api.post("/api/v1/measures/", {"title": "Neu"}, format="json")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"


def test_organization_names_its_data_licence(api, world):
    from teilhabe.portal.models import PortalProfile

    PortalProfile.objects.create(
        organization=world.organization, data_licence="DL-DE-BY-2.0", data_attribution="LRA Test"
    )
    org = api.get(f"/api/v1/organizations/{world.organization.slug}/").json()
    assert org["data_licence"] == {
        "id": "DL-DE-BY-2.0",
        "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "url": "https://www.govdata.de/dl-de/by-2-0",
        "attribution": "LRA Test",
    }


def test_predecessor_is_named_only_when_public(api, world):
    services.plan_update(
        plan=world.plan, version=world.plan.version, predecessor=world.draft_plan, by=None
    )
    assert api.get(f"/api/v1/plans/{world.plan.slug}/").json()["predecessor"] is None


def test_an_unexpected_error_is_a_500_in_the_same_shape(api, world, monkeypatch):
    from teilhabe.api import selectors

    def broken():
        raise RuntimeError("kaputt")

    monkeypatch.setattr(selectors, "public_plans", broken)
    response = api.get("/api/v1/plans/")
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "server_error"
    assert "kaputt" not in response.content.decode()

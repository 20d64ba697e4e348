"""Progress updates with an API key: what is written, conflicts, published reports, refusals."""

import pytest
from django.utils import translation

from teilhabe.api.models import ApiToken
from teilhabe.plans import services
from teilhabe.plans.models import ProgressEntry

from .conftest import bearer, error_of

pytestmark = pytest.mark.django_db


def url(world, plan=None):
    return f"/api/v1/plans/{(plan or world.plan).slug}/draft-entries/"


def patch(api, world, key, updates, **extra):
    return api.patch(url(world), {"updates": updates, **extra}, format="json", **bearer(key))


def test_editor_reads_the_draft_entries_of_their_office(api, world):
    response = api.get(url(world), **bearer(world.key("editor_own")))
    assert response.status_code == 200
    entries = response.json()["results"]
    assert [e["measure_number"] for e in entries] == ["1.1", "1.3", "2.1", "2.3"]
    assert all(e["report"] == world.draft.pk for e in entries)
    assert entries[0]["version"] == world.draft_entry("1.1").version
    assert entries[0]["description"] == "Entwurfstext – geheim"


def test_coordinator_reads_all_draft_entries(api, world):
    response = api.get(url(world), **bearer(world.key("coordinator")))
    assert response.json()["count"] == 6


def test_editor_updates_progress(api, world):
    entry = world.draft_entry("1.3")
    response = patch(
        api,
        world,
        world.key("editor_own"),
        [
            {
                "measure": entry.measure_id,
                "version": entry.version,
                "status": "in_progress",
                "percent": 40,
                "description": "  Kurs läuft seit März.  ",
                "original_wording": "Umsetzung 40%",
            }
        ],
        report=world.draft.pk,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["report"] == world.draft.pk
    assert body["updated"] == 1
    assert body["entries"][0]["status"] == "in_progress"
    assert body["entries"][0]["version"] == entry.version + 1
    entry.refresh_from_db()
    assert (entry.status, entry.percent) == ("in_progress", 40)
    assert entry.description_de == "Kurs läuft seit März."
    assert entry.original_wording == "Umsetzung 40%"
    assert entry.updated_by == world.people["editor_own"]
    assert entry.history.first().history_user == world.people["editor_own"]


def test_texts_are_written_as_german_whatever_the_language(api, world):
    entry = world.draft_entry("1.1")
    with translation.override("en"):
        response = patch(
            api,
            world,
            world.key("editor_own"),
            [{"measure": entry.measure_id, "version": entry.version, "description": "Neu"}],
        )
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.description_de == "Neu"
    assert not entry.description_en


def test_missing_values_stay_and_a_new_status_brings_its_own_percent(api, world):
    entry = world.draft_entry("2.1")  # done (100) in the draft
    response = patch(
        api,
        world,
        world.key("editor_own"),
        [{"measure": entry.measure_id, "version": entry.version, "status": "in_progress"}],
    )
    assert response.status_code == 200
    entry.refresh_from_db()
    assert (entry.status, entry.percent) == ("in_progress", None)
    assert entry.description == "Entwurfstext – geheim"


def test_several_updates_are_all_or_nothing(api, world):
    first, second = world.draft_entry("1.1"), world.draft_entry("2.3")
    response = patch(
        api,
        world,
        world.key("editor_own"),
        [
            {"measure": first.measure_id, "version": first.version, "status": "not_started"},
            {"measure": second.measure_id, "version": second.version - 1, "status": "done"},
        ],
    )
    assert response.status_code == 409
    error = error_of(response)
    assert error["code"] == "conflict"
    assert "2.3" in error["meldung"] and "nichts gespeichert" in error["meldung"]
    first.refresh_from_db()
    assert first.status == "done"


def test_stale_version_is_a_409_with_a_german_message(api, world):
    entry = world.draft_entry("1.1")
    services.measure_update_progress(
        entry=entry,
        version=entry.version,
        status="in_progress",
        percent=10,
        description="",
        by=None,
    )
    response = patch(
        api,
        world,
        world.key("editor_own"),
        [{"measure": entry.measure_id, "version": entry.version, "status": "not_possible"}],
    )
    assert response.status_code == 409
    assert "inzwischen geändert" in error_of(response)["meldung"]
    entry.refresh_from_db()
    assert entry.status == "in_progress"


def test_a_published_report_is_not_changed(api, world):
    entry = world.draft_entry("1.1")
    services.report_publish(report=world.draft, by=None)
    response = patch(
        api,
        world,
        world.key("editor_own"),
        [{"measure": entry.measure_id, "version": entry.version, "status": "not_started"}],
        report=world.draft.pk,
    )
    assert response.status_code == 409
    error = error_of(response)
    assert error["code"] == "published_report"
    assert "veröffentlicht" in error["meldung"]
    entry.refresh_from_db()
    assert entry.status == "done"


def test_without_a_draft_report_there_is_nothing_to_write(api, world):
    services.report_publish(report=world.draft, by=None)
    entry = world.draft_entry("1.1")
    response = patch(
        api,
        world,
        world.key("editor_own"),
        [{"measure": entry.measure_id, "version": entry.version, "status": "not_started"}],
    )
    assert response.status_code == 409
    assert error_of(response)["code"] == "no_draft"
    assert api.get(url(world), **bearer(world.key("editor_own"))).status_code == 404


def test_a_report_that_publishing_overtook_while_writing_is_a_409(api, world, monkeypatch):
    from teilhabe.api import views

    entry = world.draft_entry("1.1")
    real = views.progress_update_many

    def publish_first(**kwargs):
        services.report_publish(report=world.draft, by=None)
        return real(**kwargs)

    monkeypatch.setattr(views, "progress_update_many", publish_first)
    response = patch(
        api,
        world,
        world.key("editor_own"),
        [{"measure": entry.measure_id, "version": entry.version, "status": "not_started"}],
    )
    assert response.status_code == 409
    assert error_of(response)["code"] == "published_report"


def test_measures_of_another_office_are_refused_and_nothing_is_written(api, world):
    own, foreign = world.draft_entry("1.1"), world.draft_entry("1.2")
    response = patch(
        api,
        world,
        world.key("editor_own"),
        [
            {"measure": own.measure_id, "version": own.version, "status": "not_started"},
            {"measure": foreign.measure_id, "version": foreign.version, "status": "not_started"},
        ],
    )
    assert response.status_code == 403
    assert "1.2" in error_of(response)["meldung"]
    own.refresh_from_db()
    assert own.status == "done"


@pytest.mark.parametrize(
    ("updates", "field"),
    [
        ([], "updates"),
        ([{"measure": 1}], "updates"),
        ([{"measure": "x", "version": 1}], "updates"),
        ([{"measure": 1, "version": 1, "status": "fertig"}], "updates"),
        ([{"measure": 1, "version": 1, "percent": 101}], "updates"),
    ],
)
def test_invalid_input_is_a_400_naming_the_field(api, world, updates, field):
    response = patch(api, world, world.key("editor_own"), updates)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid"
    assert field in error["felder"]


def test_duplicate_and_unknown_measures_are_a_400(api, world):
    entry = world.draft_entry("1.1")
    twice = {"measure": entry.measure_id, "version": entry.version}
    assert patch(api, world, world.key("editor_own"), [twice, twice]).status_code == 400
    other = world.other_plan.fields.first().measures.first()
    response = patch(api, world, world.key("editor_own"), [{"measure": other.pk, "version": 1}])
    assert response.status_code == 400
    assert error_of(response)["felder"] == {
        "updates": {"0": {"measure": [f"Die Maßnahme {other.pk} steht nicht in „Bilanz 2018“."]}}
    }


def test_a_report_of_another_plan_is_a_400(api, world):
    entry = world.draft_entry("1.1")
    response = patch(
        api,
        world,
        world.key("editor_own"),
        [{"measure": entry.measure_id, "version": entry.version}],
        report=world.other_plan.reports.first().pk,
    )
    assert response.status_code == 400
    assert "report" in error_of(response)["felder"]


def test_body_must_be_json(api, world):
    response = api.patch(
        url(world), "status=done", content_type="text/plain", **bearer(world.key("editor_own"))
    )
    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"
    broken = api.patch(
        url(world),
        "{nicht json",
        content_type="application/json",
        **bearer(world.key("editor_own")),
    )
    assert broken.status_code == 400
    assert error_of(broken)["code"] == "parse_error"


class TestAuthentication:
    def test_token_scheme_works_too(self, api, world):
        key = world.key("editor_own")
        response = api.get(url(world), HTTP_AUTHORIZATION=f"Token {key}")
        assert response.status_code == 200

    def test_no_key_is_a_401_with_a_challenge(self, api, world):
        response = api.get(url(world))
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert error_of(response)["code"] == "not_authenticated"

    @pytest.mark.parametrize(
        "header",
        ["Bearer th_falsch", "Bearer", "Bearer a b", "Token ", "bearer th_ünicode"],
    )
    def test_wrong_keys_are_a_401(self, api, world, header):
        response = api.get(url(world), HTTP_AUTHORIZATION=header)
        assert response.status_code == 401
        assert error_of(response)["code"] in {"authentication_failed", "not_authenticated"}

    def test_a_revoked_key_is_a_401_even_for_reads(self, api, world):
        key = world.key("editor_own")
        token = ApiToken.objects.get(user=world.people["editor_own"])
        token.revoked_at = token.created_at
        token.save()
        for target in [url(world), "/api/v1/plans/"]:
            response = api.get(target, **bearer(key))
            assert response.status_code == 401
            assert "ungültig oder widerrufen" in error_of(response)["meldung"]

    def test_key_of_a_deactivated_person_is_a_401(self, api, world):
        key = world.key("editor_own")
        world.people["editor_own"].is_active = False
        world.people["editor_own"].save()
        assert api.get(url(world), **bearer(key)).status_code == 401

    def test_a_logged_in_browser_without_key_cannot_write(self, api, world):
        api.force_login(world.people["coordinator"])
        entry = world.draft_entry("1.1")
        response = api.patch(
            url(world),
            {"updates": [{"measure": entry.measure_id, "version": entry.version}]},
            format="json",
        )
        assert response.status_code == 401

    def test_last_use_is_noted(self, api, world):
        key = world.key("editor_own")
        api.get("/api/v1/plans/", **bearer(key))
        assert ApiToken.objects.get(user=world.people["editor_own"]).last_used_at is not None


def test_entries_stay_consistent_with_the_service(api, world):
    """The API writes what the back office would: the entry's history has one row per save."""
    entry = world.draft_entry("2.3")
    before = entry.history.count()
    patch(
        api,
        world,
        world.key("coordinator"),
        [{"measure": entry.measure_id, "version": entry.version, "status": "done"}],
    )
    assert ProgressEntry.history.filter(id=entry.pk).count() == before + 1


@pytest.mark.parametrize("slug", ["%00", "gibt-es-nicht", "%C3%A4"])
def test_unknown_or_malformed_plans_are_a_404_for_key_holders(api, world, slug):
    response = api.get(f"/api/v1/plans/{slug}/draft-entries/", **bearer(world.key("editor_own")))
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_json_nested_100000_deep_is_a_400_not_a_500(api, world):
    """Issue 10: such a body answered 500; the parser's recursion error is refused as input."""
    deep = '{"updates": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = api.generic(
        "PATCH",
        url(world),
        deep,
        content_type="application/json",
        **bearer(world.key("editor_own")),
    )
    assert response.status_code == 400
    assert "zu tief verschachtelt" in response.content.decode()

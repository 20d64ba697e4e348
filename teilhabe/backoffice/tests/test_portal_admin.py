"""The organisation's portal details and its feedback inbox: who may, versioned saves, whose
feedback is shown with which personal data, and how long handled feedback is kept."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.errors import ConflictError
from teilhabe.portal import services
from teilhabe.portal.models import Feedback, PortalProfile
from teilhabe.testing.roles import ROLES
from teilhabe.testing.state import shared_fixture
from teilhabe.testing.worlds import build_world

pytestmark = pytest.mark.django_db


# Admins and coordinators of the organisation; other members 403, others 404.
EXPECTED = {
    "anonymous": 302,
    "admin": 200,
    "coordinator": 200,
    "editor_own": 403,
    "editor_other": 403,
    "reader": 403,
    "stranger": 404,
    "superuser": 200,
}

PROFILE = {
    "imprint": "Landratsamt Musterkreis\nMusterstraße 1",
    "privacy": "Wir verarbeiten nur, was nötig ist.",
    "accessibility_conformance": "partial",
    "accessibility_known_issues": "Ältere PDF-Dateien sind nicht barrierefrei.",
    "accessibility_reviewed_on": "2026-01-15",
    "enforcement_body": "Landes-Behindertenbeauftragte",
    "feedback_email": "barrierefrei@example.org",
    "easy_language_text": "Hier steht der Plan in Leichter Sprache.",
    "data_licence": "DL-DE-BY-2.0",
    "data_attribution": "Landratsamt Musterkreis",
}


def build_feedback_world(get):
    """The role world (root conftest) with a feedback to its organisation and one to the
    stranger's organisation."""
    world = get(build_world)
    org, other_org = world.organization, world.stranger_organization
    feedback = services.feedback_submit(
        organization=org, message="Der Kontrast ist zu schwach.", name="Erika", email="e@x.de"
    )
    other_feedback = services.feedback_submit(
        organization=other_org, message="Fremde Rückmeldung", name="Max", email="max@x.de"
    )
    return {
        "org": org,
        "other_org": other_org,
        "people": world.people,
        "feedback": feedback,
        "other_feedback": other_feedback,
    }


feedback_world = shared_fixture(build_feedback_world, name="feedback_world")


def login(client, feedback_world, role):
    if role != "anonymous":
        client.force_login(feedback_world["people"][role])
    return client


def profile_url(org):
    return reverse("backoffice:profile_edit", args=[org.slug])


def feedback_url(org, query=""):
    url = reverse("backoffice:feedback_list", args=[org.slug])
    return f"{url}?{query}" if query else url


# Who may ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, feedback_world, role):
    client = login(client, feedback_world, role)
    for url in (
        profile_url(feedback_world["org"]),
        feedback_url(feedback_world["org"], "status=alle"),
    ):
        response = client.get(url)
        assert response.status_code == EXPECTED[role], url
        if EXPECTED[role] == 302:
            assert "/anmelden/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_profile_post_matrix(client, feedback_world, role):
    client = login(client, feedback_world, role)
    response = client.post(profile_url(feedback_world["org"]), {**PROFILE, "version": "0"})
    allowed = EXPECTED[role] == 200
    assert response.status_code == (302 if allowed else EXPECTED[role])
    assert PortalProfile.objects.filter(organization=feedback_world["org"]).exists() == allowed


@pytest.mark.parametrize("role", ROLES)
def test_feedback_handle_post_matrix(client, feedback_world, role):
    client = login(client, feedback_world, role)
    url = reverse(
        "backoffice:feedback_handle",
        args=[feedback_world["org"].slug, feedback_world["feedback"].pk],
    )
    response = client.post(url, {"status": "offen"})
    allowed = EXPECTED[role] == 200
    assert response.status_code == (302 if allowed else EXPECTED[role])
    feedback_world["feedback"].refresh_from_db()
    assert (feedback_world["feedback"].handled_at is not None) == allowed


@pytest.mark.parametrize("role", ROLES)
def test_feedback_list_refuses_post(client, feedback_world, role):
    client = login(client, feedback_world, role)
    response = client.post(feedback_url(feedback_world["org"]))
    # Access is decided before the method: who may not see the list learns nothing more.
    refused = {
        "anonymous": 302,
        "editor_own": 403,
        "editor_other": 403,
        "reader": 403,
        "stranger": 404,
    }
    assert response.status_code == refused.get(role, 405)


def test_handle_needs_post(client, feedback_world):
    client.force_login(feedback_world["people"]["coordinator"])
    url = reverse(
        "backoffice:feedback_handle",
        args=[feedback_world["org"].slug, feedback_world["feedback"].pk],
    )
    assert client.get(url).status_code == 405


def test_another_organisations_feedback_cannot_be_handled_through_ones_own(client, feedback_world):
    client.force_login(feedback_world["people"]["coordinator"])
    url = reverse(
        "backoffice:feedback_handle",
        args=[feedback_world["org"].slug, feedback_world["other_feedback"].pk],
    )
    assert client.post(url).status_code == 404
    feedback_world["other_feedback"].refresh_from_db()
    assert feedback_world["other_feedback"].handled_at is None


def test_organisation_page_links_the_portal_details(client, feedback_world):
    client.force_login(feedback_world["people"]["admin"])
    page = client.get(reverse("backoffice:organization_detail", args=[feedback_world["org"].slug]))
    assert profile_url(feedback_world["org"]) in page.content.decode()


# Portal details --------------------------------------------------------------------------------


def test_first_save_creates_the_profile_and_later_saves_update_it(client, feedback_world):
    org = feedback_world["org"]
    client.force_login(feedback_world["people"]["coordinator"])
    page = client.get(profile_url(org))
    assert page.context["form"]["version"].value() == 0

    assert client.post(profile_url(org), {**PROFILE, "version": "0"}).status_code == 302
    profile = PortalProfile.objects.get(organization=org)
    assert profile.imprint == PROFILE["imprint"]
    assert profile.data_licence == "DL-DE-BY-2.0"
    assert profile.accessibility_reviewed_on == dt.date(2026, 1, 15)
    assert profile.version == 1

    changed = {**PROFILE, "imprint": "Neues Impressum", "version": "1"}
    assert client.post(profile_url(org), changed).status_code == 302
    profile.refresh_from_db()
    assert (profile.imprint, profile.version) == ("Neues Impressum", 2)


def test_stale_version_is_a_conflict_that_keeps_the_input(client, feedback_world):
    org = feedback_world["org"]
    services.portal_profile_update(organization=org, by=None, version=0, **PROFILE)
    client.force_login(feedback_world["people"]["coordinator"])
    typed = {**PROFILE, "imprint": "Mein Impressum", "version": "1"}
    # Somebody else saves meanwhile.
    services.portal_profile_update(
        organization=org, by=None, version=1, **{**PROFILE, "imprint": "Ihr Impressum"}
    )

    response = client.post(profile_url(org), typed)

    assert response.status_code == 200
    content = response.content.decode()
    assert "von einer anderen Person geändert" in content
    assert "Impressum" in content and "Mein Impressum" in content
    form = response.context["form"]
    assert form["imprint"].value() == "Mein Impressum"
    assert str(form["version"].value()) == "2"
    assert PortalProfile.objects.get(organization=org).imprint == "Ihr Impressum"

    # Having seen the conflict, saving again replaces the saved details.
    assert client.post(profile_url(org), {**typed, "version": "2"}).status_code == 302
    assert PortalProfile.objects.get(organization=org).imprint == "Mein Impressum"


def test_saving_refreshes_the_cached_public_pages(
    feedback_world, real_cache, django_capture_on_commit_callbacks
):
    from teilhabe.core import generations

    scope = generations.organization_scope(feedback_world["org"].slug)
    before = generations.current(scope)
    with django_capture_on_commit_callbacks(execute=True):
        services.portal_profile_update(
            organization=feedback_world["org"], by=None, version=0, **PROFILE
        )
    assert generations.current(scope) != before


def test_two_first_saves_conflict(feedback_world):
    org = feedback_world["org"]
    services.portal_profile_update(organization=org, by=None, version=0, **PROFILE)
    with pytest.raises(ConflictError):
        services.portal_profile_update(organization=org, by=None, version=0, imprint="Zweites")
    assert PortalProfile.objects.get(organization=org).imprint == PROFILE["imprint"]


def test_invalid_input_is_a_form_error(client, feedback_world):
    client.force_login(feedback_world["people"]["coordinator"])
    response = client.post(
        profile_url(feedback_world["org"]),
        {**PROFILE, "feedback_email": "keine-adresse", "version": "0"},
    )
    assert response.status_code == 200
    assert "feedback_email" in response.context["form"].errors
    assert not PortalProfile.objects.filter(organization=feedback_world["org"]).exists()


def test_service_refuses_unknown_fields(feedback_world):
    with pytest.raises(TypeError):
        services.portal_profile_update(
            organization=feedback_world["org"], by=None, version=0, slug="x"
        )


# Feedback inbox --------------------------------------------------------------------------------


def test_feedback_list_shows_only_the_organisations_feedback_newest_first(client, feedback_world):
    org = feedback_world["org"]
    newer = services.feedback_submit(organization=org, message="Neuere Meldung")
    Feedback.objects.filter(pk=newer.pk).update(
        created_at=feedback_world["feedback"].created_at + dt.timedelta(minutes=5)
    )
    client.force_login(feedback_world["people"]["coordinator"])

    response = client.get(feedback_url(org, "status=alle"))

    shown = [item.pk for item in response.context["page"].object_list]
    assert shown == [newer.pk, feedback_world["feedback"].pk]
    content = response.content.decode()
    assert "Fremde Rückmeldung" not in content and "max@x.de" not in content


def test_feedback_list_filters_open_and_handled(client, feedback_world):
    org = feedback_world["org"]
    handled = services.feedback_submit(organization=org, message="Erledigt schon")
    services.feedback_mark_handled(feedback=handled, by=None)
    client.force_login(feedback_world["people"]["admin"])

    def shown(status):
        response = client.get(feedback_url(org, f"status={status}"))
        return {item.pk for item in response.context["page"].object_list}

    assert shown("offen") == {feedback_world["feedback"].pk}
    assert shown("erledigt") == {handled.pk}
    assert shown("alle") == {feedback_world["feedback"].pk, handled.pk}
    assert shown("unsinn") == {feedback_world["feedback"].pk}


@pytest.mark.parametrize("role", ["admin", "coordinator"])
def test_admins_and_coordinators_see_name_and_email(client, feedback_world, role):
    client.force_login(feedback_world["people"][role])
    content = client.get(feedback_url(feedback_world["org"])).content.decode()
    assert "Erika" in content and "e@x.de" in content
    assert "Deutsch" in content


def test_a_superuser_without_a_role_sees_no_personal_data(client, feedback_world):
    client.force_login(feedback_world["people"]["superuser"])
    content = client.get(feedback_url(feedback_world["org"])).content.decode()
    assert "Der Kontrast ist zu schwach." in content
    assert "Erika" not in content and "e@x.de" not in content


def test_mark_handled_keeps_the_first_time(feedback_world):
    first = services.feedback_mark_handled(feedback=feedback_world["feedback"], by=None)
    again = services.feedback_mark_handled(feedback=feedback_world["feedback"], by=None)
    assert first.handled_at is not None
    assert again.handled_at == first.handled_at


def test_handling_returns_to_the_chosen_list(client, feedback_world):
    client.force_login(feedback_world["people"]["coordinator"])
    url = reverse(
        "backoffice:feedback_handle",
        args=[feedback_world["org"].slug, feedback_world["feedback"].pk],
    )
    response = client.post(url, {"status": "alle"})
    assert response["Location"] == feedback_url(feedback_world["org"], "status=alle")
    response = client.post(url, {"status": "https://example.org/"})
    assert response["Location"] == feedback_url(feedback_world["org"])


# Retention -------------------------------------------------------------------------------------


def _feedback(org, *, handled_days_ago=None, created_days_ago=0):
    now = timezone.now()
    feedback = services.feedback_submit(organization=org, message="Alt")
    Feedback.objects.filter(pk=feedback.pk).update(
        created_at=now - dt.timedelta(days=created_days_ago),
        handled_at=None if handled_days_ago is None else now - dt.timedelta(days=handled_days_ago),
    )
    return feedback.pk


def test_purge_deletes_handled_feedback_after_the_retention_period(feedback_world, capsys):
    org = feedback_world["org"]
    old_handled = _feedback(org, handled_days_ago=400, created_days_ago=500)
    recent_handled = _feedback(org, handled_days_ago=10, created_days_ago=500)
    old_open = _feedback(org, created_days_ago=900)

    call_command("purge-feedback")

    remaining = set(Feedback.objects.values_list("pk", flat=True))
    assert old_handled not in remaining
    assert {recent_handled, old_open, feedback_world["feedback"].pk} <= remaining
    assert "1 erledigte Rückmeldung(en) gelöscht" in capsys.readouterr().out


def test_purge_follows_the_setting(feedback_world, settings):
    settings.TEILHABE_FEEDBACK_RETENTION_DAYS = 7
    recent_handled = _feedback(feedback_world["org"], handled_days_ago=10)
    assert services.feedback_purge() == 1
    assert not Feedback.objects.filter(pk=recent_handled).exists()

"""Setting a survey up (who takes part, the consent text, retention) and the pages' costs: the
coordinator's statistics and a staff member's own page need the same number of queries however
many entries there are; a second window's save is a conflict, not a silent overwrite."""

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.core.errors import ConflictError, ServiceError
from teilhabe.interpreters.models import LanguageSkillSurvey
from teilhabe.interpreters.services import survey as services
from teilhabe.organizations.models import Role
from teilhabe.testing import make_user

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_only_the_kreis_and_its_own_towns_take_part(survey_world):
    coordinator = survey_world["people"]["coordinator"]
    with pytest.raises(ServiceError, match="Gemeinde außerhalb"):
        services.survey_create(
            organization=survey_world["kreis"],
            title="Zweite Erhebung",
            participants=[survey_world["kreis"], survey_world["outside"]],
            by=coordinator,
        )
    with pytest.raises(ServiceError, match="mindestens eine"):
        services.survey_create(
            organization=survey_world["kreis"], title="Leer", participants=[], by=coordinator
        )


def test_the_coordinator_creates_a_survey_through_the_form(survey_world):
    kreis, gemeinde = survey_world["kreis"], survey_world["gemeinde"]
    client = _client(survey_world["people"]["coordinator"])
    url = reverse("interpreters:survey_create", args=[kreis.slug])
    form = client.get(url).content.decode()
    assert "Gemeinde Sprachtest" in form and "Gemeinde außerhalb" not in form
    response = client.post(
        url,
        {
            "title": "Erhebung 2027",
            "participants": [kreis.pk, gemeinde.pk],
            "is_open": "on",
            "consent_text": "",
            "retention_months": 12,
            "log_retention_days": 180,
        },
    )
    survey = LanguageSkillSurvey.objects.get(title="Erhebung 2027")
    assert response.status_code == 302
    assert set(survey.participants.all()) == {kreis, gemeinde}
    assert survey.consent_text == services.DEFAULT_CONSENT_TEXT
    assert survey.history.first().history_user == survey_world["people"]["coordinator"]


def test_the_consent_text_stays_once_people_consented(survey_world):
    survey = survey_world["survey"]
    with pytest.raises(ServiceError, match="Einwilligung kann nicht mehr geändert"):
        services.survey_update(
            survey=survey, version=None, by=None, consent_text="Ein anderer Text"
        )
    closed = services.survey_update(survey=survey, version=survey.version, by=None, is_open=False)
    person = make_user(survey_world["kreis"], Role.READER)
    with pytest.raises(ServiceError, match="geschlossen"):
        services.skill_entry_save(
            survey=closed,
            user=person,
            organization=survey_world["kreis"],
            unit=None,
            languages=[{"language": "ar", "speaking": "b1"}],
            consent=True,
            by=person,
        )


def test_a_save_from_an_older_window_is_a_conflict(survey_world):
    entry = survey_world["entry"]
    staff = survey_world["people"]["staff"]
    arguments = {
        "survey": survey_world["survey"],
        "user": staff,
        "organization": survey_world["kreis"],
        "unit": survey_world["units"]["abh"],
        "languages": [{"language": "ar", "speaking": "native"}],
        "by": staff,
    }
    services.skill_entry_save(version=entry.version, **arguments)
    with pytest.raises(ConflictError):
        services.skill_entry_save(version=entry.version, **arguments)
    response = _client(staff).post(
        reverse("interpreters:own_entry", args=[survey_world["survey"].pk]),
        {
            "organization": survey_world["kreis"].pk,
            "visibility": "organization",
            "language_1": "pl",
            "speaking_1": "a2",
            "version": entry.version,
        },
    )
    assert "Zwischenzeitlich geändert" in response.content.decode()
    assert 'value="pl" selected' in response.content.decode()


@pytest.mark.parametrize("extra", [2, 14])
def test_pages_need_constant_queries(extra, survey_world, django_assert_max_num_queries):
    kreis = survey_world["kreis"]
    survey = survey_world["survey"]
    for number in range(extra):
        person = make_user(kreis, Role.READER)
        services.skill_entry_save(
            survey=survey,
            user=person,
            organization=kreis,
            unit=None,
            languages=[
                {"language": ["ar", "tr", "uk"][number % 3], "speaking": "c1"},
                {"language": "en", "reading": "b2"},
            ],
            consent=True,
            by=person,
        )
    coordinator = _client(survey_world["people"]["coordinator"])
    with django_assert_max_num_queries(12):
        assert (
            coordinator.get(reverse("interpreters:survey_statistics", args=[survey.pk])).status_code
            == 200
        )
    staff = _client(survey_world["people"]["staff"])
    with django_assert_max_num_queries(16):
        assert staff.get(reverse("interpreters:own_entry", args=[survey.pk])).status_code == 200


def test_an_administration_with_entries_stays_in_the_survey(survey_world):
    survey = survey_world["survey"]
    with pytest.raises(ServiceError, match="Landkreis Sprachtest"):
        services.survey_update(
            survey=survey, version=None, by=None, participants=[survey_world["gemeinde"]]
        )
    services.survey_update(
        survey=survey, version=None, by=None, participants=[survey_world["kreis"]]
    )
    assert list(survey.participants.all()) == [survey_world["kreis"]]

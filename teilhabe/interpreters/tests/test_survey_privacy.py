"""Privacy of the staff language survey: who finds an entry at each visibility level (the rule,
the directory's queryset and the page agree), consent and its withdrawal, the own data export,
the access log, statistics without names, and the purge after retention."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rules import has_perm

from teilhabe.core.errors import ServiceError
from teilhabe.interpreters import selectors_survey as selectors
from teilhabe.interpreters.models import (
    SkillAccessLog,
    StaffLanguage,
    StaffLanguageSkill,
    SurveyConsent,
)
from teilhabe.interpreters.services import survey as services
from teilhabe.organizations.models import Role
from teilhabe.testing import make_user

pytestmark = pytest.mark.django_db

VIEWERS = [
    "same_unit",
    "other_unit",
    "reader",
    "coordinator",
    "other_admin",
    "stranger",
    "superuser",
]
REACHES = {
    "unit": {"same_unit"},
    "organization": {"same_unit", "other_unit", "reader", "coordinator"},
    "district": {"same_unit", "other_unit", "reader", "coordinator", "other_admin"},
}


def _save(world, user_role="staff", **changes):
    people = world["people"]
    arguments = {
        "survey": world["survey"],
        "user": people[user_role],
        "organization": world["kreis"],
        "unit": world["units"]["abh"],
        "visibility": "district",
        "languages": [{"language": "ar", "speaking": "native"}],
        "consent": True,
        "by": people[user_role],
    } | changes
    return services.skill_entry_save(**arguments)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("visibility", ["unit", "organization", "district", "not_willing"])
def test_each_visibility_reaches_exactly_its_people(visibility, survey_world):
    """The rule, the directory's queryset and the entry's page say the same for every viewer."""
    willing = visibility != "not_willing"
    entry = _save(
        survey_world,
        visibility=visibility if willing else "district",
        willing_to_help=willing,
    )
    expected = REACHES.get(visibility, set())
    survey = survey_world["survey"]
    for role in VIEWERS:
        viewer = survey_world["people"][role]
        viewer = type(viewer).objects.get(pk=viewer.pk)  # no cached memberships
        listed = StaffLanguageSkill.objects.visible_to(viewer, survey).filter(pk=entry.pk).exists()
        allowed = has_perm("interpreters.view_staff_skill", viewer, entry)
        status = (
            _client(viewer).get(reverse("interpreters:entry_detail", args=[entry.pk])).status_code
        )
        assert listed == allowed == (role in expected), (visibility, role)
        assert status == (200 if role in expected else 404), (visibility, role)
    owner = survey_world["people"]["staff"]
    assert has_perm("interpreters.view_staff_skill", owner, entry)
    assert not StaffLanguageSkill.objects.visible_to(owner, survey).exists()


def test_the_directory_filters_by_language_and_logs_each_entry_shown(survey_world):
    people = survey_world["people"]
    _save(survey_world, "other_unit", unit=survey_world["units"]["jobcenter"])
    viewer = people["same_unit"]
    response = _client(viewer).get(
        reverse("interpreters:directory", args=[survey_world["survey"].pk]), {"sprache": "tr"}
    )
    content = response.content.decode()
    assert str(people["staff"]) in content
    assert "Arabisch (syrisch) (Muttersprache), Türkisch (Sprechen B1)" in content
    assert str(people["other_unit"]) not in content  # Arabic only
    logs = SkillAccessLog.objects.filter(viewer=viewer)
    assert [log.subject_id for log in logs] == [people["staff"].pk]
    assert "Türkisch" in logs[0].what
    own_page = _client(people["staff"]).get(
        reverse("interpreters:own_entry", args=[survey_world["survey"].pk])
    )
    assert viewer.email in own_page.content.decode()


def test_the_directory_needs_constant_queries(survey_world, django_assert_max_num_queries):
    kreis = survey_world["kreis"]
    for _ in range(12):
        person = make_user(kreis, Role.READER)
        _save(survey_world, visibility="organization", user=person, by=person, unit=None)
    client = _client(survey_world["people"]["reader"])
    url = reverse("interpreters:directory", args=[survey_world["survey"].pk])
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.content.decode().count("/erhebung/eintrag/") >= 13


def test_no_entry_without_consent_and_withdrawal_deletes_at_once(survey_world):
    people = survey_world["people"]
    survey = survey_world["survey"]
    with pytest.raises(ServiceError, match="Einwilligung"):
        _save(survey_world, "other_unit", consent=False, unit=survey_world["units"]["jobcenter"])
    assert not StaffLanguageSkill.objects.filter(user=people["other_unit"]).exists()

    entry = survey_world["entry"]
    client = _client(people["staff"])
    response = client.post(reverse("interpreters:own_withdraw", args=[survey.pk]))
    assert response.status_code == 302
    assert not StaffLanguageSkill.objects.filter(pk=entry.pk).exists()
    assert not StaffLanguage.objects.filter(entry_id=entry.pk).exists()
    consent = SurveyConsent.objects.get(survey=survey, user=people["staff"])
    assert consent.withdrawn_at is not None and consent.end_reason == "withdrawn"
    directory = _client(people["same_unit"]).get(
        reverse("interpreters:directory", args=[survey.pk])
    )
    assert str(people["staff"]) not in directory.content.decode()
    # Entering again asks for a new consent; the old record stays as proof.
    _save(survey_world)
    assert SurveyConsent.objects.filter(survey=survey, user=people["staff"]).count() == 2


def test_only_the_person_enters_and_withdraws(survey_world):
    people = survey_world["people"]
    with pytest.raises(ServiceError, match="nur die Person selbst"):
        _save(survey_world, by=people["coordinator"])
    with pytest.raises(ServiceError, match="nur die Person selbst"):
        services.skill_entry_withdraw(
            survey=survey_world["survey"], user=people["staff"], by=people["coordinator"]
        )


def test_unit_visibility_only_for_the_assigned_office(survey_world):
    with pytest.raises(ServiceError, match="Nur mein Amt"):
        _save(survey_world, visibility="unit", unit=survey_world["units"]["jobcenter"])


def test_bad_entries_are_refused_in_german(survey_world):
    with pytest.raises(ServiceError, match="zweimal"):
        _save(survey_world, languages=[{"language": "ar", "speaking": "b1"}] * 2)
    with pytest.raises(ServiceError, match="mindestens eine Fertigkeit"):
        _save(survey_world, languages=[{"language": "ar"}])
    person = make_user(survey_world["outside"], Role.READER)
    with pytest.raises(ServiceError, match="nimmt an dieser Erhebung nicht teil"):
        _save(survey_world, user=person, by=person, organization=survey_world["outside"])


def test_the_form_keeps_what_was_typed_and_saves(survey_world):
    people = survey_world["people"]
    client = _client(people["other_admin"])
    url = reverse("interpreters:own_entry", args=[survey_world["survey"].pk])
    form = {
        "organization": survey_world["gemeinde"].pk,
        "unit": survey_world["units"]["buergeramt"].pk,
        "visibility": "unit",
        "willing_to_help": "on",
        "language_1": "uk",
        "speaking_1": "c1",
        "understanding_1": "c2",
    }
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "Ohne Ihre Einwilligung" in refused.content.decode()
    assert 'value="uk" selected' in refused.content.decode()
    saved = client.post(url, form | {"consent": "on"})
    assert saved.status_code == 302
    entry = StaffLanguageSkill.objects.get(user=people["other_admin"])
    assert [(lang.language, lang.speaking) for lang in entry.languages.all()] == [("uk", "c1")]


def test_the_export_holds_everything_stored_about_the_person(survey_world):
    people = survey_world["people"]
    survey = survey_world["survey"]
    services.access_log_record(
        survey=survey, entries=[survey_world["entry"]], viewer=people["reader"], what="Test"
    )
    response = _client(people["staff"]).get(reverse("interpreters:own_export", args=[survey.pk]))
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert [item["code"] for item in data["eintrag"]["sprachen"]] == ["ar", "tr"]
    assert data["eintrag"]["sprachen"][0]["sprache"] == "Arabisch (syrisch)"
    assert data["einwilligungen"][0]["text"] == survey.consent_text
    assert people["reader"].email in data["zugriffe"][0]["wer"]


def test_statistics_never_name_anybody_and_hide_small_counts(survey_world):
    kreis, gemeinde = survey_world["kreis"], survey_world["gemeinde"]
    for _ in range(3):
        person = make_user(kreis, Role.READER)
        _save(survey_world, user=person, by=person, unit=None, visibility="organization")
    person = make_user(gemeinde, Role.READER)
    _save(survey_world, user=person, by=person, unit=None, organization=gemeinde)
    table = selectors.statistics(survey_world["survey"])
    rows = {language: (cells, total) for language, cells, total in table.rows}
    # Kreis: staff + 3 speak Arabic; Gemeinde: 1 (hidden, and so is the total it would reveal).
    assert table.columns == [gemeinde.name, kreis.name]
    assert rows["Arabisch"] == (["weniger als 3", "4"], "mindestens 5")
    assert rows["Türkisch"] == (["–", "weniger als 3"], "weniger als 3")
    response = _client(survey_world["people"]["coordinator"]).get(
        reverse("interpreters:survey_statistics", args=[survey_world["survey"].pk])
    )
    content = response.content.decode()
    assert "weniger als 3" in content
    for user in type(person).objects.filter(language_skills__isnull=False):
        assert user.email not in content and user.last_name not in content


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ([4, 5], "9"),
        ([1, 5], "mindestens 6"),
        ([1, 1, 5], "mindestens 7"),  # remainder 2 = two cells of 1 each
        ([2, 2, 5], "mindestens 7"),  # remainder 4 = two cells of 2 each
        ([1, 2, 5], "8"),  # remainder 3: 1+2 or 2+1
        ([1, 1], "weniger als 3"),
        ([0, 0, 3], "3"),
    ],
)
def test_row_totals_never_reveal_a_hidden_cell(cells, expected):
    assert selectors.row_total(sum(cells), cells) == expected


def test_purge_deletes_unconfirmed_entries_and_old_logs(survey_world):
    survey = survey_world["survey"]
    people = survey_world["people"]
    old = timezone.now() - dt.timedelta(days=survey.retention_months * 31 + 1)
    StaffLanguageSkill.objects.filter(pk=survey_world["entry"].pk).update(confirmed_at=old)
    fresh = _save(survey_world, "same_unit")
    services.access_log_record(survey=survey, entries=[fresh], viewer=people["reader"], what="x")
    SkillAccessLog.objects.create(
        survey=survey,
        subject=people["same_unit"],
        viewer=people["reader"],
        viewer_name="alt",
        at=timezone.now() - dt.timedelta(days=survey.log_retention_days + 1),
        what="alt",
    )
    call_command("purge_language_skills", verbosity=0)
    remaining: QuerySet = StaffLanguageSkill.objects.filter(survey=survey)
    assert list(remaining) == [fresh]
    assert SurveyConsent.objects.get(user=people["staff"]).end_reason == "retention"
    assert list(SkillAccessLog.objects.values_list("what", flat=True)) == ["x"]


def test_somebody_who_left_the_administration_is_no_longer_found_and_is_purged(survey_world):
    from teilhabe.organizations.services import membership_remove

    people = survey_world["people"]
    entry = survey_world["entry"]
    viewer = people["same_unit"]
    membership_remove(membership=people["staff"].memberships.get())
    assert not StaffLanguageSkill.objects.visible_to(viewer, survey_world["survey"]).exists()
    assert not has_perm("interpreters.view_staff_skill", viewer, entry)
    response = _client(viewer).get(reverse("interpreters:entry_detail", args=[entry.pk]))
    assert response.status_code == 404
    call_command("purge_language_skills", verbosity=0)
    assert not StaffLanguageSkill.objects.filter(pk=entry.pk).exists()
    assert SurveyConsent.objects.get(user=people["staff"]).end_reason == "left"


def test_a_long_directory_is_cut_and_only_what_is_shown_is_logged(survey_world, monkeypatch):
    from teilhabe.interpreters.views_backoffice import survey as views

    monkeypatch.setattr(views, "DIRECTORY_LIMIT", 1)
    _save(survey_world, "other_unit", unit=survey_world["units"]["jobcenter"])
    viewer = survey_world["people"]["reader"]
    response = _client(viewer).get(
        reverse("interpreters:directory", args=[survey_world["survey"].pk])
    )
    assert "Es werden nur die ersten 1 Einträge gezeigt" in response.content.decode()
    assert SkillAccessLog.objects.filter(viewer=viewer).count() == 1


def test_a_colleague_is_invited_into_the_pool_with_their_languages(client, survey_world):
    """Issue 14: from the directory into the pool — languages and levels carried over, the
    person asked for consent by their own link, nothing without their willingness."""
    from teilhabe.interpreters.models.pool import MediatorStatus
    from teilhabe.interpreters.services import pool as pool_services

    w = survey_world
    pool = pool_services.pool_create(organization=w["kreis"], name="Sprachmittlerpool", by=None)
    client.force_login(w["people"]["superuser"])
    assert (
        client.post(reverse("interpreters:entry_invite", args=[w["entry"].pk])).status_code == 404
    )
    client.force_login(w["people"]["coordinator"])
    response = client.post(reverse("interpreters:entry_invite", args=[w["entry"].pk]))
    assert response.status_code == 302
    mediator = pool.mediators.get()
    assert (mediator.background, mediator.status) == ("staff", MediatorStatus.INVITED)
    levels = {
        (s.language, s.dialect): (s.understanding, s.speaking) for s in mediator.languages.all()
    }
    assert levels[("Arabisch", "syrisch")] == (7, 7)
    assert levels[("Türkisch", "")] == (1, 3)
    response = client.post(reverse("interpreters:entry_invite", args=[w["entry"].pk]), follow=True)
    assert "schon im Pool" in response.content.decode()
    w["entry"].willing_to_help = False
    w["entry"].save(update_fields=["willing_to_help"])
    with pytest.raises(ServiceError, match="nicht um Sprachhilfe"):
        pool_services.staff_invite(entry=w["entry"], pool=pool, by=None)

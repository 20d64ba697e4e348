"""Who may see, moderate and type in ideas, and who sees personal data: role × action."""

import pytest
from django.urls import reverse

from teilhabe.organizations.models import Role, Unit
from teilhabe.participation.models import Idea, IdeaComment
from teilhabe.testing import make_organization, make_user

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "stranger", "reader", "editor_own", "coordinator", "admin"]


def person(setup, role):
    if role == "anonymous":
        return None
    if role == "stranger":
        return make_user(make_organization(), Role.COORDINATOR)
    unit = Unit.objects.filter(organization=setup["organization"]).first()
    membership_role = Role.EDITOR if role == "editor_own" else role
    return make_user(
        setup["organization"], membership_role, unit=unit if role == "editor_own" else None
    )


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def with_ideas(ideas_setup):
    process = ideas_setup["process"]
    pending = Idea.objects.create(
        process=process,
        title="Wartende Idee",
        text="Text",
        author_name="Erika Beispiel",
        author_email="erika@example.org",
    )
    published = Idea.objects.create(
        process=process, title="Veröffentlichte Idee", text="Text", status="published"
    )
    comment = IdeaComment.objects.create(idea=published, text="Wartender Kommentar")
    return {**ideas_setup, "pending": pending, "published": published, "comment": comment}


# Expected status of each page per role: anonymous people are sent to the login.
VIEW = {
    "anonymous": 302,
    "stranger": 404,
    "reader": 200,
    "editor_own": 200,
    "coordinator": 200,
    "admin": 200,
}
MANAGE = {**VIEW, "reader": 403, "editor_own": 403}


@pytest.mark.parametrize("role", ROLES)
def test_idea_list_and_personal_data(client, with_ideas, role):
    client = client_for(client, person(with_ideas, role))
    response = client.get(
        reverse("participation:backoffice_idea_list", args=[with_ideas["process"].pk])
    )
    assert response.status_code == VIEW[role]
    if response.status_code == 200:
        text = response.content.decode()
        assert "Wartende Idee" in text
        sees_personal = role in ("coordinator", "admin")
        assert ("erika@example.org" in text) is sees_personal
        assert ("Erika Beispiel" in text) is sees_personal
    detail = client.get(
        reverse("participation:backoffice_idea_detail", args=[with_ideas["pending"].pk])
    )
    assert detail.status_code == VIEW[role]
    if detail.status_code == 200:
        assert ("erika@example.org" in detail.content.decode()) is (
            role in ("coordinator", "admin")
        )


@pytest.mark.parametrize("role", ROLES)
def test_who_may_moderate(client, with_ideas, role):
    client = client_for(client, person(with_ideas, role))
    queue = reverse("participation:idea_moderation", args=[with_ideas["process"].pk])
    assert client.get(queue).status_code == MANAGE[role]
    response = client.post(queue, {"publish": with_ideas["pending"].pk})
    assert response.status_code == (302 if MANAGE[role] == 200 else MANAGE[role])
    with_ideas["pending"].refresh_from_db()
    assert (with_ideas["pending"].status == "published") is (MANAGE[role] == 200)
    single = reverse("participation:idea_moderate", args=[with_ideas["published"].pk])
    response = client.post(single, {"action": "reject", "reason": "Doppelt"})
    assert response.status_code == (302 if MANAGE[role] == 200 else MANAGE[role])
    comments = client.post(
        queue, {"comment_action": "publish", "comment": with_ideas["comment"].pk}
    )
    assert comments.status_code == (302 if MANAGE[role] == 200 else MANAGE[role])
    with_ideas["comment"].refresh_from_db()
    assert (with_ideas["comment"].status == "published") is (MANAGE[role] == 200)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_type_in_cards_and_edit(client, with_ideas, role):
    client = client_for(client, person(with_ideas, role))
    cards = reverse("participation:idea_cards", args=[with_ideas["process"].pk])
    assert client.get(cards).status_code == MANAGE[role]
    response = client.post(
        cards,
        {
            "phase": with_ideas["group"].pk,
            "field": with_ideas["field"].pk,
            "title": "Karte 1",
            "text": "Patenschaften",
            "publish": "on",
        },
    )
    assert response.status_code == (302 if MANAGE[role] == 200 else MANAGE[role])
    assert Idea.objects.filter(title="Karte 1").exists() is (MANAGE[role] == 200)
    edit = reverse("participation:idea_edit", args=[with_ideas["published"].pk])
    assert client.get(edit).status_code == MANAGE[role]


def test_card_form_stays_open_for_the_next_card(client, with_ideas):
    client.force_login(with_ideas["coordinator"])
    cards = reverse("participation:idea_cards", args=[with_ideas["process"].pk])
    group, field = with_ideas["group"], with_ideas["field"]
    response = client.post(
        cards,
        {
            "phase": group.pk,
            "field": field.pk,
            "title": "Karte 1",
            "text": "Patenschaften",
            "publish": "on",
        },
    )
    assert response.status_code == 302
    idea = Idea.objects.get(title="Karte 1")
    assert (idea.source, idea.status, idea.phase, idea.field) == ("card", "published", group, field)
    next_card = client.get(response["Location"])
    text = next_card.content.decode()
    assert f'<option value="{group.pk}" selected>' in text
    assert f'<option value="{field.pk}" selected>' in text
    assert "Karte 1" in text  # in the list of cards typed in so far


def test_reject_needs_a_reason_and_keeps_the_others(client, with_ideas):
    client.force_login(with_ideas["coordinator"])
    queue = reverse("participation:idea_moderation", args=[with_ideas["process"].pk])
    pending = with_ideas["pending"]
    response = client.post(queue, {"reject": pending.pk, f"reason-{pending.pk}": ""})
    assert response.status_code == 400
    assert "Bitte begründen Sie" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"
    response = client.post(queue, {"reject": pending.pk, f"reason-{pending.pk}": "Werbung"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.moderation_note) == ("rejected", "Werbung")


def test_bulk_publish(client, with_ideas):
    client.force_login(with_ideas["coordinator"])
    other = Idea.objects.create(process=with_ideas["process"], title="Zweite", text="Text")
    queue = reverse("participation:idea_moderation", args=[with_ideas["process"].pk])
    response = client.post(queue, {"bulk": "publish", "idea": [with_ideas["pending"].pk, other.pk]})
    assert response.status_code == 302
    assert set(
        Idea.objects.filter(pk__in=[with_ideas["pending"].pk, other.pk]).values_list(
            "status", flat=True
        )
    ) == {"published"}


def test_queue_and_panel_counts(client, with_ideas, django_assert_max_num_queries):
    client.force_login(with_ideas["coordinator"])
    queue = client.get(
        reverse("participation:idea_moderation", args=[with_ideas["process"].pk])
    ).content.decode()
    assert "Wartende Idee" in queue and "Wartender Kommentar" in queue
    page = client.get(
        reverse("participation:process_detail", args=[with_ideas["process"].pk])
    ).content.decode()
    assert "2 warten auf Prüfung" in page

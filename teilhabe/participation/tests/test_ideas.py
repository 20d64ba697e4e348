"""Ideas on the portal: submission in any language without an account, moderation before
anything is public, support once per browser, moderated comments, constant queries."""

import datetime as dt
import re
import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.participation.models import (
    Idea,
    IdeaComment,
    IdeaSupport,
    ParticipationProcess,
)
from teilhabe.participation.services import antispam, ideas

pytestmark = pytest.mark.django_db


def url(setup, name, language="de", **kwargs):
    plan = setup["plan"]
    with translation.override(language):
        return reverse(
            f"portal:{name}",
            kwargs={
                "org_slug": plan.organization.slug,
                "plan_slug": plan.slug,
                "process_slug": setup["process"].slug,
                **kwargs,
            },
        )


def aged_timestamp(seconds: float = 30) -> str:
    """A form handed out `seconds` ago: people take their time."""
    return antispam.form_timestamp(time.time() - seconds)


def idea_data(**overrides) -> dict:
    data = {
        "title": "Sprachcafé im Jugendhaus",
        "text": "Jeden Freitag ein Sprachcafé, offen für alle.",
        "field": "",
        "author_name": "",
        "author_email": "",
        "website": "",
        "started": aged_timestamp(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def published_idea(setup, **fields) -> Idea:
    values = {
        "process": setup["process"],
        "phase": setup["phase"],
        "title": "Mehr Sprachkurse",
        "text": "Sprachkurse am Abend",
        "status": "published",
    }
    values.update(fields)
    return Idea.objects.create(**values)


# Submission ------------------------------------------------------------------------------------


def test_submit_in_turkish_without_an_account(
    client, ideas_setup, django_capture_on_commit_callbacks
):
    submit = url(ideas_setup, "idea_submit", "tr")
    assert submit.startswith("/tr/")
    page = client.get(submit)
    assert page.status_code == 200
    assert 'name="website"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            submit,
            idea_data(
                title="Gençler için dil kafesi",
                text="Her cuma herkese açık bir dil kafesi.",
                field=str(ideas_setup["field"].pk),
                author_name="Ayşe",
                show_name="on",
                author_email="ayse@example.org",
                notify="on",
            ),
        )
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert response["Location"] == url(ideas_setup, "idea_thanks", "tr", token=idea.token)
    assert (idea.language, idea.status, idea.source) == ("tr", "pending", "online")
    assert idea.phase == ideas_setup["phase"]
    assert idea.field == ideas_setup["field"]
    assert idea.show_name and idea.notify and idea.author_email == "ayse@example.org"
    assert len(idea.sender_key) == 64 and "127.0.0.1" not in idea.sender_key
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    text = thanks.content.decode()
    assert '<html lang="tr"' in text
    assert 'lang="tr" dir="ltr">Gençler için dil kafesi' in text
    with translation.override("tr"):
        personal = ideas.personal_url(idea)
    assert personal in text and personal.startswith("/tr/")
    # The confirmation in the language of the page, with the personal link.
    (message,) = mail.outbox
    assert message.to == ["ayse@example.org"]
    assert personal in message.body
    assert "Gemeinsam für Integration" in message.subject


def test_nothing_is_public_before_moderation(client, ideas_setup):
    client.post(url(ideas_setup, "idea_submit"), idea_data(title="WARTET-AUF-PRUEFUNG"))
    idea = Idea.objects.get()
    assert "WARTET-AUF-PRUEFUNG" not in client.get(url(ideas_setup, "idea_list")).content.decode()
    assert client.get(url(ideas_setup, "idea_detail", idea_id=idea.pk)).status_code == 404
    ideas.ideas_moderate(
        process=ideas_setup["process"],
        idea_ids=[idea.pk],
        status="published",
        by=ideas_setup["coordinator"],
    )
    assert "WARTET-AUF-PRUEFUNG" in client.get(url(ideas_setup, "idea_list")).content.decode()
    assert client.get(url(ideas_setup, "idea_detail", idea_id=idea.pk)).status_code == 200


def test_outside_a_phase_a_friendly_message_and_no_form(client, ideas_setup):
    phase = ideas_setup["phase"]
    phase.ends_at = timezone.now() - dt.timedelta(hours=1)
    phase.save()
    page = client.get(url(ideas_setup, "idea_submit"))
    assert page.status_code == 200
    assert "Zurzeit läuft keine Online-Beteiligung" in page.content.decode()
    assert '<form method="post"' not in page.content.decode()
    client.post(url(ideas_setup, "idea_submit"), idea_data())
    assert not Idea.objects.exists()


REFUSALS = {
    "honeypot": ({"website": "http://spam.example"}, "muss leer bleiben"),
    "too fast": ({"started": "JETZT"}, "Das ging sehr schnell"),
    "forged time": ({"started": "1700000000.0:falsch"}, "Das Formular war unvollständig"),
    "no time": ({"started": None}, "Das Formular war unvollständig"),
    "title too long": ({"title": "x" * 201}, "höchstens 200 Zeichen"),
    "text too long": ({"text": "Idee " * 801}, "höchstens 4000 Zeichen"),
    "control characters": ({"text": "Idee\x07mit Klingel"}, "Steuerzeichen"),
    "only links": (
        {"text": "https://spam.example/a https://spam.example/b"},
        "nicht nur mit Links",
    ),
    "too many links": (
        {"text": "Seht " + " ".join(f"https://x.example/{i}" for i in range(4))},
        "höchstens 3 Links",
    ),
    "bad email": ({"author_email": "keine-adresse"}, "gültige E-Mail-Adresse"),
    "notify without email": ({"notify": "on"}, "brauchen wir Ihre E-Mail-Adresse"),
    "unknown field": ({"field": "999999"}, "Handlungsfeld aus der Liste"),
}


@pytest.mark.parametrize("reason", REFUSALS)
def test_refusals_say_why_and_keep_the_text(client, ideas_setup, reason):
    overrides, message = REFUSALS[reason]
    if overrides.get("started") == "JETZT":
        overrides = {"started": antispam.form_timestamp()}
    data = idea_data(**{"title": "Mein Titel bleibt", **overrides})
    response = client.post(url(ideas_setup, "idea_submit"), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    assert not Idea.objects.exists()
    if reason != "title too long":
        assert 'value="Mein Titel bleibt"' in text
    if reason == "too many links":
        assert "https://x.example/3" in text


def test_a_refused_stale_form_gets_a_new_timestamp(client, ideas_setup, settings):
    settings.TEILHABE_PARTICIPATION_LIMITS = {"max_form_age_seconds": 60}
    data = idea_data(started=aged_timestamp(3600))
    response = client.post(url(ideas_setup, "idea_submit"), data)
    assert "zu lange geöffnet" in response.content.decode()
    started = re.search(r'name="started" value="([^"]+)"', response.content.decode()).group(1)
    assert started != data["started"]


def test_flood_per_sender_per_hour_and_day_and_per_process(client, ideas_setup, settings):
    settings.TEILHABE_PARTICIPATION_LIMITS = {
        "per_sender_hour": 2,
        "per_sender_day": 3,
        "per_process_minute": 100,
    }
    submit = url(ideas_setup, "idea_submit")
    for _ in range(2):
        assert client.post(submit, idea_data()).status_code == 302
    refused = client.post(submit, idea_data(title="Die dritte"))
    assert refused.status_code == 400
    assert "in der letzten Stunde schon sehr viele" in refused.content.decode()
    assert 'value="Die dritte"' in refused.content.decode()
    # Another sender is not affected.
    assert client.post(submit, idea_data(), REMOTE_ADDR="10.0.0.9").status_code == 302
    # An hour later the same sender may again, until the day's limit.
    Idea.objects.update(created_at=timezone.now() - dt.timedelta(hours=2))
    assert client.post(submit, idea_data()).status_code == 302
    day = client.post(submit, idea_data())
    assert "heute schon sehr viele" in day.content.decode()
    # Everybody together: the process's limit per minute.
    settings.TEILHABE_PARTICIPATION_LIMITS = {"per_process_minute": 2}
    client.post(submit, idea_data(), REMOTE_ADDR="10.0.0.10")
    client.post(submit, idea_data(), REMOTE_ADDR="10.0.0.11")
    crowd = client.post(submit, idea_data(), REMOTE_ADDR="10.0.0.12")
    assert "sehr viele Beiträge auf einmal" in crowd.content.decode()


def test_sender_key_is_salted_and_changes_daily(rf):
    request = rf.get("/", REMOTE_ADDR="192.0.2.1")
    today = antispam.sender_key(request, today=dt.date(2024, 5, 1))
    assert today == antispam.sender_key(request, today=dt.date(2024, 5, 1))
    assert today != antispam.sender_key(request, today=dt.date(2024, 5, 2))
    assert "192.0.2.1" not in today


def test_private_page_only_with_the_token(client, ideas_setup):
    client.post(url(ideas_setup, "idea_submit"), idea_data())
    assert client.get(url(ideas_setup, "idea_thanks", token="falsch")).status_code == 404


# The public list and page ----------------------------------------------------------------------


def test_list_filters_sorts_and_marks_languages(client, ideas_setup):
    published_idea(ideas_setup, title="Alt und beliebt", support_count=9)
    newer = published_idea(
        ideas_setup, title="فكرة جديدة", language="ar", field=ideas_setup["field"]
    )
    published_idea(ideas_setup, title="Aus der AG", phase=ideas_setup["group"])
    published_idea(ideas_setup, title="GEHEIM-ABGELEHNT", status="rejected")
    Idea.objects.filter(pk=newer.pk).update(created_at=timezone.now() + dt.timedelta(minutes=1))
    text = client.get(url(ideas_setup, "idea_list")).content.decode()
    assert "GEHEIM-ABGELEHNT" not in text
    assert text.index("فكرة جديدة") < text.index("Alt und beliebt")
    assert 'lang="ar" dir="rtl">فكرة جديدة' in text
    by_support = client.get(url(ideas_setup, "idea_list"), {"sortierung": "zustimmung"})
    body = by_support.content.decode()
    assert body.index("Alt und beliebt") < body.index("فكرة جديدة")
    by_field = client.get(url(ideas_setup, "idea_list"), {"feld": 1}).content.decode()
    assert "فكرة جديدة" in by_field and "Alt und beliebt" not in by_field
    by_group = client.get(
        url(ideas_setup, "idea_list"), {"gruppe": ideas_setup["group"].pk}
    ).content.decode()
    assert "Aus der AG" in by_group and "Alt und beliebt" not in by_group
    by_language = client.get(url(ideas_setup, "idea_list"), {"sprache": "ar"}).content.decode()
    assert "فكرة جديدة" in by_language and "Aus der AG" not in by_language
    nonsense = client.get(url(ideas_setup, "idea_list"), {"feld": "x", "page": "abc"})
    assert nonsense.status_code == 200


def test_author_shown_only_when_chosen(client, ideas_setup):
    hidden = published_idea(ideas_setup, author_name="VERBORGENE-PERSON", author_email="v@x.org")
    shown = published_idea(ideas_setup, author_name="Gezeigte Person", show_name=True)
    listing = client.get(url(ideas_setup, "idea_list")).content.decode()
    assert "VERBORGENE-PERSON" not in listing and "v@x.org" not in listing
    assert "Gezeigte Person" in listing
    page = client.get(url(ideas_setup, "idea_detail", idea_id=hidden.pk)).content.decode()
    assert "VERBORGENE-PERSON" not in page and "v@x.org" not in page
    page = client.get(url(ideas_setup, "idea_detail", idea_id=shown.pk)).content.decode()
    assert "Gezeigte Person" in page


def test_ideas_of_a_non_public_process_are_404(client, ideas_setup):
    idea = published_idea(ideas_setup)
    ParticipationProcess.objects.filter(pk=ideas_setup["process"].pk).update(public=False)
    assert client.get(url(ideas_setup, "idea_list")).status_code == 404
    assert client.get(url(ideas_setup, "idea_detail", idea_id=idea.pk)).status_code == 404
    assert client.get(url(ideas_setup, "idea_submit")).status_code == 404


def test_support_counts_once_per_browser(client, ideas_setup):
    idea = published_idea(ideas_setup)
    support = url(ideas_setup, "idea_support", idea_id=idea.pk)
    assert client.get(support).status_code == 405
    first = client.post(support)
    assert first.status_code == 302
    assert first["Location"].endswith(f"/ideen/{idea.pk}/#zustimmung")
    client.post(support)
    idea.refresh_from_db()
    assert idea.support_count == 1
    assert IdeaSupport.objects.count() == 1
    page = client.get(url(ideas_setup, "idea_detail", idea_id=idea.pk)).content.decode()
    assert "Sie haben dieser Idee zugestimmt" in page
    # Another browser counts.
    other = client.__class__()
    other.post(support)
    idea.refresh_from_db()
    assert idea.support_count == 2
    # The key says nothing about the person.
    assert all(
        len(key) == 64 for key in IdeaSupport.objects.values_list("supporter_key", flat=True)
    )


def test_support_flood_from_one_address_is_refused(client, ideas_setup, settings):
    """A bot that drops its cookie gets a new supporter key per click; the address still counts."""
    settings.TEILHABE_PARTICIPATION_LIMITS = {"supports": {"per_sender_hour": 3}}
    idea = published_idea(ideas_setup)
    support = url(ideas_setup, "idea_support", idea_id=idea.pk)
    for _ in range(3):
        fresh = client.__class__()
        assert fresh.post(support).status_code == 302
    refused = client.__class__().post(support, follow=True)
    assert "in der letzten Stunde schon sehr viele Zustimmungen" in refused.content.decode()
    idea.refresh_from_db()
    assert idea.support_count == 3
    # Another address is not affected; ideas keep their own limits.
    assert client.__class__().post(support, REMOTE_ADDR="10.0.0.9").status_code == 302
    idea.refresh_from_db()
    assert idea.support_count == 4
    assert client.post(url(ideas_setup, "idea_submit"), idea_data()).status_code == 302


def test_support_default_limit_per_address_and_hour(ideas_setup):
    idea = published_idea(ideas_setup)
    assert antispam.limits("supports")["per_sender_hour"] == 60
    IdeaSupport.objects.bulk_create(
        IdeaSupport(idea=idea, supporter_key=f"{n:064d}", sender_key="office") for n in range(60)
    )
    with pytest.raises(antispam.Refused, match="sehr viele Zustimmungen"):
        ideas.idea_support(idea=idea, supporter_key="neu", sender_key="office")
    # Agreeing again from a browser that already did is no flood, just nothing new.
    assert ideas.idea_support(idea=idea, supporter_key=f"{0:064d}", sender_key="office") is False
    assert ideas.idea_support(idea=idea, supporter_key="neu", sender_key="anders") is True


def test_support_only_for_published_ideas(client, ideas_setup):
    pending = published_idea(ideas_setup, status="pending")
    assert client.post(url(ideas_setup, "idea_support", idea_id=pending.pk)).status_code == 404
    assert not IdeaSupport.objects.exists()


def test_comments_are_moderated(client, ideas_setup):
    idea = published_idea(ideas_setup)
    comment = url(ideas_setup, "idea_comment", idea_id=idea.pk)
    response = client.post(
        comment,
        {"text": "UNGEPRUEFTER-KOMMENTAR", "started": aged_timestamp(), "website": ""},
    )
    assert response.status_code == 302
    detail = url(ideas_setup, "idea_detail", idea_id=idea.pk)
    assert "UNGEPRUEFTER-KOMMENTAR" not in client.get(detail).content.decode()
    stored = IdeaComment.objects.get()
    assert stored.status == "pending"
    ideas.comments_moderate(
        process=ideas_setup["process"],
        comment_ids=[stored.pk],
        status="published",
        by=ideas_setup["coordinator"],
    )
    assert "UNGEPRUEFTER-KOMMENTAR" in client.get(detail).content.decode()
    idea.refresh_from_db()
    assert idea.comment_count == 1


def test_comment_refusals_keep_the_text(client, ideas_setup):
    idea = published_idea(ideas_setup)
    comment = url(ideas_setup, "idea_comment", idea_id=idea.pk)
    response = client.post(
        comment, {"text": "Mein Kommentar", "started": antispam.form_timestamp(), "website": ""}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Das ging sehr schnell" in text and "Mein Kommentar" in text
    honeypot = client.post(
        comment, {"text": "Mein Kommentar", "started": aged_timestamp(), "website": "x"}
    )
    assert "muss leer bleiben" in honeypot.content.decode()
    assert not IdeaComment.objects.exists()


def test_public_writes_refresh_the_cached_pages(
    client, ideas_setup, real_cache, django_capture_on_commit_callbacks
):
    idea = published_idea(ideas_setup)
    listing = url(ideas_setup, "idea_list")
    assert "1 Zustimmung" not in client.get(listing).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ideas.idea_support(idea=idea, supporter_key="k" * 64)
    assert "1 Zustimmung" in client.get(listing).content.decode()


# Queries do not grow with the ideas ------------------------------------------------------------


def _many(setup, n):
    Idea.objects.bulk_create(
        Idea(
            process=setup["process"],
            phase=setup["group"] if i % 2 else setup["phase"],
            field=setup["field"] if i % 3 else None,
            title=f"Idee {i}",
            text="Text",
            status="published",
            language=["de", "tr", "ar"][i % 3],
            author_name="Jemand",
            show_name=bool(i % 2),
        )
        for i in range(n)
    )


@pytest.mark.parametrize("n", [5, 50])
def test_list_and_detail_queries_are_constant(
    client, ideas_setup, django_assert_max_num_queries, n
):
    _many(ideas_setup, n)
    idea = Idea.objects.order_by("-id").first()
    IdeaComment.objects.bulk_create(
        IdeaComment(idea=idea, text=f"Kommentar {i}", status="published") for i in range(n)
    )
    with django_assert_max_num_queries(8):
        assert client.get(url(ideas_setup, "idea_list")).status_code == 200
    with django_assert_max_num_queries(8):
        response = client.get(
            url(ideas_setup, "idea_list"), {"feld": 1, "sortierung": "zustimmung", "page": 2}
        )
        assert response.status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(url(ideas_setup, "idea_detail", idea_id=idea.pk)).status_code == 200


def test_a_german_summary_stands_next_to_an_idea_in_another_language(client, rec_setup):
    """The moderation sums up a Turkish idea in German: the original stays as it is, the
    summary is shown next to it in the back office and on the portal (marked German)."""
    from teilhabe.participation.services.ideas import idea_update

    idea, coordinator = rec_setup["published"], rec_setup["coordinator"]
    client.force_login(coordinator)
    detail = reverse("participation:backoffice_idea_detail", kwargs={"idea_id": idea.pk})
    assert "Deutsche Zusammenfassung ergänzen" in client.get(detail).content.decode()
    idea = idea_update(
        idea=idea, version=idea.version, summary_de="Sprachkurse für alle anbieten.", by=coordinator
    )
    assert idea.text == "Herkes için dil kursları"
    html = client.get(detail).content.decode()
    assert "Zusammenfassung auf Deutsch" in html and "Sprachkurse für alle anbieten." in html
    process, plan = rec_setup["process"], rec_setup["plan"]
    client.logout()
    public = reverse(
        "portal:idea_detail",
        args=[plan.organization.slug, plan.slug, process.slug, idea.pk],
    )
    html = client.get(public).content.decode()
    assert (
        '<div class="prose" lang="de" dir="ltr"><p>Sprachkurse für alle anbieten.</p></div>' in html
    )

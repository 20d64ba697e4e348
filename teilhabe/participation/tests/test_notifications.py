"""Notices to idea authors: when a recommendation with their idea is adopted and when a measure
it led to changes status in a newly published Bilanz — once, in the idea's language, only for
those who asked and left an address, and only after the commit."""

import datetime as dt

import pytest
from django.core import mail

from teilhabe.participation.models import Idea, IdeaNotice
from teilhabe.participation.services import notifications
from teilhabe.participation.services import recommendations as services
from teilhabe.plans import services as plan_services
from teilhabe.plans.services.publication import bilanz_publish

ADOPTED = dt.date(2014, 12, 15)


@pytest.fixture
def ideas(rec_setup):
    """Next to the Turkish idea that asked for notices: one that did not ask, one without an
    address, a German one that asked, and a pending one that asked."""
    process = rec_setup["process"]
    quiet = Idea.objects.create(
        process=process, title="still", text="t", status="published", author_email="q@example.org"
    )
    no_address = Idea.objects.create(
        process=process, title="ohne", text="t", status="published", notify=True
    )
    german = Idea.objects.create(
        process=process,
        title="Deutsch",
        text="t",
        status="published",
        notify=True,
        author_email="de@example.org",
    )
    return {
        **rec_setup,
        "all": [rec_setup["published"], quiet, no_address, german],
        "german": german,
    }


def _adopt(ideas, django_capture_on_commit_callbacks):
    by = ideas["coordinator"]
    rec = services.ideas_group(
        process=ideas["process"], ideas=ideas["all"], new_text="Sprachkurse", by=by
    )
    rec.ideas.add(ideas["pending"])
    with django_capture_on_commit_callbacks(execute=True):
        services.recommendation_update(
            recommendation=rec, version=rec.version, adopted_on=ADOPTED, by=by
        )
    return rec


def test_adoption_tells_each_author_once_in_their_language(
    ideas, django_capture_on_commit_callbacks
):
    rec = _adopt(ideas, django_capture_on_commit_callbacks)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["ayse@example.org", "de@example.org"]
    turkish = next(m for m in mail.outbox if m.to == ["ayse@example.org"])
    german = next(m for m in mail.outbox if m.to == ["de@example.org"])
    # The Turkish catalogue is filled in at the end of the issue; the addresses show the language.
    assert "Empfehlung 1" in german.subject
    process, plan = ideas["process"], ideas["plan"]
    idea = ideas["published"]
    assert (
        f"/tr/{plan.organization.slug}/plan/{plan.slug}/beteiligung/{process.slug}/ideen/{idea.pk}/"
        in turkish.body
    )
    assert f"/beteiligung/meine-daten/{idea.token}/" in turkish.body
    assert "Sprachkurse" in german.body and "15. Dezember 2014" in german.body

    # Saving again, or changing the date, tells nobody a second time.
    rec.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.recommendation_update(
            recommendation=rec, version=rec.version, adopted_on=dt.date(2015, 1, 1), by=None
        )
        notifications.recommendation_adopted(recommendation=rec)
    assert len(mail.outbox) == 2
    assert IdeaNotice.objects.filter(sent_at__isnull=False).count() == 2


def test_nothing_is_sent_when_the_transaction_rolls_back(ideas):
    from django.db import transaction

    by = ideas["coordinator"]
    rec = services.ideas_group(
        process=ideas["process"], ideas=ideas["all"], new_text="Sprachkurse", by=by
    )

    def update_then_fail():
        with transaction.atomic():
            services.recommendation_update(
                recommendation=rec, version=rec.version, adopted_on=ADOPTED, by=by
            )
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError, match="rolled back"):
        update_then_fail()
    assert not mail.outbox and not IdeaNotice.objects.exists()


def test_a_person_who_deleted_the_address_gets_nothing(ideas, django_capture_on_commit_callbacks):
    Idea.objects.filter(pk=ideas["german"].pk).update(author_email="")
    _adopt(ideas, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["ayse@example.org"]]


def test_published_bilanz_tells_about_changed_status_once(
    ideas, django_capture_on_commit_callbacks
):
    by = ideas["coordinator"]
    rec = _adopt(ideas, django_capture_on_commit_callbacks)
    changed, unchanged = ideas["measures"][0], ideas["measures"][1]
    services.measure_link(recommendation=rec, measure=changed, by=by)
    services.measure_link(recommendation=rec, measure=unchanged, by=by)
    mail.outbox.clear()
    # The first Bilanz reports both measures for the first time (the second as "in progress").
    with django_capture_on_commit_callbacks(execute=True):
        bilanz_publish(report=ideas["report"], by=by)
    assert len(mail.outbox) == 4  # two people × two measures
    mail.outbox.clear()

    report = plan_services.report_create(
        plan=ideas["plan"], as_of=dt.date(2018, 3, 1), title="Bilanz 2018", by=by
    )
    entry = report.entries.get(measure=changed)
    plan_services.measure_update_progress(
        entry=entry,
        version=entry.version,
        status="not_possible",
        percent=None,
        description="",
        original_wording="",
        by=by,
    )
    assert not mail.outbox  # drafts tell nobody
    with django_capture_on_commit_callbacks(execute=True):
        bilanz_publish(report=report, by=by)
    assert sorted(m.to[0] for m in mail.outbox) == ["ayse@example.org", "de@example.org"]
    german = next(m for m in mail.outbox if m.to == ["de@example.org"])
    assert changed.number in german.subject
    assert "Umsetzung nicht möglich" in german.body
    assert f"/massnahme/{changed.pk}/" in german.body
    turkish = next(m for m in mail.outbox if m.to == ["ayse@example.org"])
    assert f"/tr/{ideas['organization'].slug}/" in turkish.body
    with django_capture_on_commit_callbacks(execute=True):
        notifications.report_published(report=report)
    assert len(mail.outbox) == 2

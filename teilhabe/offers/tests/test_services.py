"""The inventory's writes: the all-or-nothing import, the provider's personal link and the
review of what providers propose, reminders, and organisations kept apart."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from teilhabe.core.errors import ServiceError
from teilhabe.offers import services
from teilhabe.offers.models import Offer, PendingChange, Provider
from teilhabe.offers.parsing import parse_offers

pytestmark = pytest.mark.django_db


def _rows(text):
    return parse_offers(text.encode(), "a.csv", **services.import_vocabularies())


def test_an_import_writes_all_rows_or_none(offers_world):
    organization = offers_world["organization"]
    by = offers_world["people"]["coordinator"]
    before = Offer.objects.count(), Provider.objects.count()
    good = "Titel;Träger;Handlungsfelder;Sprachen;Zielgruppen;Einzugsgebiet;Ort\n"
    good += f"Nähcafé;Neuer Verein;1;Deutsch, ar;Frauen;{organization.name};Treff\n"
    bad = good + "Zweites;Neuer Verein;9;de;;Nirgendwo;\n"
    plan = services.offers_import_check(organization=organization, rows=_rows(bad))
    assert not plan.ok
    assert plan.problems == [
        (
            "Zeile 3: „Handlungsfelder“: ein Handlungsfeld 9 gibt es nicht; "
            "„Einzugsgebiet“: „Nirgendwo“ ist keine bekannte Kommune"
        )
    ]
    with pytest.raises(services.ImportRefused, match="Zeile 3"):
        services.offers_import(organization=organization, rows=_rows(bad), by=by)
    assert (Offer.objects.count(), Provider.objects.count()) == before
    assert services.offers_import(organization=organization, rows=_rows(good), by=by) == 1
    offer = Offer.objects.get(title="Nähcafé")
    assert offer.state == "draft" and offer.provider.name == "Neuer Verein"
    assert sorted(lang.code for lang in offer.languages.all()) == ["ar", "de"]
    assert [f.number for f in offer.fields.all()] == [1]
    assert offer.places.get().name == "Treff"


def test_the_personal_link_is_stored_as_a_hash_and_replaced_by_a_new_one(
    offers_world, django_capture_on_commit_callbacks
):
    provider = offers_world["provider"]
    old = offers_world["token"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        url = services.provider_link_send(
            provider=provider, by=offers_world["people"]["coordinator"]
        )
    assert [m.to for m in mail.outbox] == [[provider.contact_email]]
    assert url in mail.outbox[0].body
    new = url.rstrip("/").rsplit("/", 1)[1]
    provider.refresh_from_db()
    assert provider.link_token_hash == services.hash_token(new) != new
    assert old != new
    assert not Provider.objects.by_link_token_hash(services.hash_token(old)).exists()


def test_a_proposal_waits_for_the_review_and_goes_live_on_acceptance(offers_world):
    change = offers_world["change"]
    offer = offers_world["offer"]
    assert change.state == "pending"
    assert Offer.objects.get(pk=offer.pk).schedule == "dienstags 9–11 Uhr"
    diff = {line.field: line for line in services.change_diff(change)}
    assert diff["schedule"].changed and diff["schedule"].proposed == "mittwochs 9–11 Uhr"
    assert not diff["title"].changed
    services.change_accept(change=change, by=offers_world["people"]["coordinator"])
    offer.refresh_from_db()
    assert offer.schedule == "mittwochs 9–11 Uhr"
    assert offer.last_verified == change.submitted_at.date()
    with pytest.raises(ServiceError, match="schon entschieden"):
        services.change_reject(change=change, by=None)


def test_a_rejected_proposal_changes_nothing(offers_world):
    change = services.change_reject(
        change=offers_world["change"], by=offers_world["people"]["coordinator"], note="falsch"
    )
    assert change.state == "rejected"
    assert Offer.objects.get(pk=offers_world["offer"].pk).schedule == "dienstags 9–11 Uhr"


def test_confirming_without_changes_only_dates_the_check(offers_world):
    offer, provider = offers_world["offer"], offers_world["provider"]
    result = services.change_submit(
        provider=provider, offer=offer, proposed=services.offer_editable_values(offer)
    )
    assert result is None
    assert Offer.objects.get(pk=offer.pk).last_verified == timezone.localdate()
    # The earlier open proposal is replaced by the confirmation.
    assert not PendingChange.objects.pending().filter(offer=offer).exists()


def test_a_provider_cannot_propose_for_another_providers_offer(offers_world):
    with pytest.raises(ServiceError, match="gehört nicht zu Ihrem Träger"):
        services.change_submit(
            provider=offers_world["provider"], offer=offers_world["draft"], proposed={}
        )


def test_reminders_go_to_providers_whose_link_is_older_than_the_interval(
    offers_world, settings, django_capture_on_commit_callbacks
):
    settings.OFFERS_REMINDER_INTERVAL_DAYS = 30
    provider = offers_world["provider"]
    Provider.objects.filter(pk=provider.pk).update(
        link_sent_at=timezone.now() - dt.timedelta(days=31)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("offers_remind_providers", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [[provider.contact_email]]
    assert "Erinnerung" in mail.outbox[0].subject
    assert "/angebote/pflege/" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("offers_remind_providers", stdout=StringIO())
    assert mail.outbox == []


def test_links_to_another_organisations_plan_are_refused(offers_world):
    stranger_field = offers_world["people"]["stranger"].memberships.first().organization
    from teilhabe.plans.models import FieldOfAction

    field = FieldOfAction.objects.filter(plan__organization=stranger_field).first()
    with pytest.raises(ServiceError, match="gehört nicht zu"):
        services.offer_update(offer=offers_world["offer"], fields=[field], by=None)

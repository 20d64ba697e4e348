"""The fund's cycle through its services: Antrag → Prüfung → Bewertung → Entscheidung (under
the budget guard) → Auszahlung → Verwendungsnachweis → Prüfung → Rückforderung, and what each
step refuses."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from teilhabe.core.errors import ServiceError
from teilhabe.funding.models import Application, ProofStatus, Status
from teilhabe.funding.services import applications as apps
from teilhabe.funding.services import decisions, money, retention, reviews, setup

from .world import TODAY, fill, start

pytestmark = pytest.mark.django_db


def test_the_whole_cycle(funding_world, django_capture_on_commit_callbacks):
    w = funding_world
    by = w["people"]["coordinator"]
    with django_capture_on_commit_callbacks(execute=True):
        application, token = start(w["call"], "Frauentreff e. V.", "Nähcafé")
    assert apps.by_token(token) == application
    assert token in mail.outbox[-1].body and "persönlichen Link" in mail.outbox[-1].body
    application = fill(application, title="Nähcafé", requested="1000.00", field=w["field"])
    application = apps.application_submit(application=application, today=TODAY)
    assert application.status == Status.SUBMITTED and application.submitted_at
    application = reviews.eligibility_check(application=application, eligible=True, note="", by=by)
    reviews.review_save(
        application=application,
        reviewer=w["people"]["reviewer"],
        scores=dict.fromkeys(w["call"].criteria, 5),
        recommendation="approve",
    )
    application = decisions.decide(application=application, outcome="approve", by=by)
    assert (application.status, application.approved_amount) == (
        Status.APPROVED,
        Decimal("1000.00"),
    )
    proof = application.proof
    assert proof.due_on == decisions.add_months(application.ends_on, 3)
    money.payment_record(
        application=application, kind="payout", amount=Decimal("1000"), booked_on=TODAY, by=by
    )
    lines = list(application.cost_lines.all())
    money.proof_save(
        proof=proof,
        report="Zwölf Treffen mit 15 Frauen.",
        participants=15,
        actuals={lines[0].pk: "1.000,00", lines[1].pk: "200", lines[2].pk: "300"},
        receipts=[("2026-03-01", "Stoffladen", "Material", "200,00"), ("", "", "", "")],
    )
    proof = money.proof_submit(proof=proof)
    assert proof.status == ProofStatus.SUBMITTED and proof.receipts.count() == 1
    proof = money.proof_accept(
        proof=proof,
        by=by,
        repayment_claim=Decimal("100.00"),
        repayment_reason="Material günstiger.",
    )
    assert proof.status == ProofStatus.ACCEPTED and proof.repayment_claim == Decimal("100.00")
    money.payment_record(
        application=application, kind="return", amount=Decimal("100"), booked_on=TODAY, by=by
    )


def test_the_deadline_and_a_late_submission(funding_world):
    w = funding_world
    call = w["call"]
    after = call.deadline + dt.timedelta(days=1)
    with pytest.raises(ServiceError, match="Einsendeschluss war der"):
        apps.application_start(
            call=call,
            applicant_name="Spät e. V.",
            applicant_kind="association",
            contact_name="X",
            contact_email="x@example.org",
            title="Spät",
            today=after,
        )
    draft = w["applications"]["draft"]
    draft = fill(draft, title="Erzählcafé")
    with pytest.raises(ServiceError, match="Nachfrist"):
        apps.application_submit(application=draft, today=after)
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT
    draft = apps.application_admit_late(
        application=draft, note="Krankheit", by=w["people"]["coordinator"]
    )
    assert "Krankheit" in draft.late_admitted_note
    assert apps.application_submit(application=draft, today=after).status == Status.SUBMITTED


def test_a_cost_plan_that_does_not_add_up_is_refused(funding_world):
    w = funding_world
    draft = fill(w["applications"]["draft"], title="Erzählcafé", requested="1000.00")
    draft = apps.application_update(
        application=draft, version=draft.version, cost_rows=[("expense", "Honorare", "5000")]
    )
    with pytest.raises(ServiceError, match="Kostenplan geht nicht auf"):
        apps.application_submit(application=draft, today=TODAY)
    with pytest.raises(ServiceError, match="Zeile 2"):
        apps.application_update(
            application=draft,
            version=draft.version,
            cost_rows=[("expense", "Honorare", "5000"), ("expense", "Miete", "zu viel")],
        )
    # Nothing of the refused save was written.
    assert [x.label for x in Application.objects.get(pk=draft.pk).cost_lines.all()] == ["Honorare"]


def test_the_budget_guard(funding_world):
    w = funding_world
    by = w["people"]["coordinator"]
    call = w["call"]
    setup.call_update(call=call, version=None, by=by, budget=Decimal("2000.00"))  # 1,500 committed
    eligible = w["applications"]["eligible"]
    with pytest.raises(ServiceError, match="Frei sind noch 500,00 €"):
        decisions.decide(application=eligible, outcome="approve", by=by)
    assert (
        decisions.decide(
            application=eligible, outcome="partial", amount=Decimal("500"), by=by
        ).status
        == Status.PARTIAL
    )
    with pytest.raises(ServiceError, match="nicht kleiner werden"):
        setup.call_update(call=call, version=None, by=by, budget=Decimal("1000.00"))


def test_a_conflicted_reviewer_cannot_score(funding_world):
    w = funding_world
    with pytest.raises(ServiceError, match="befangen"):
        reviews.review_save(
            application=w["applications"]["eligible"],
            reviewer=w["people"]["reviewer_conflict"],
            scores=dict.fromkeys(w["call"].criteria, 5),
            recommendation="approve",
        )
    with pytest.raises(ServiceError, match="nicht als Bewerter"):
        reviews.review_save(
            application=w["applications"]["eligible"],
            reviewer=w["people"]["reader"],
            scores={},
            recommendation="approve",
        )


def test_payments_stay_within_what_was_approved(funding_world):
    w = funding_world
    approved, by = w["applications"]["approved"], w["people"]["finance"]
    with pytest.raises(ServiceError, match="höchstens 750,00 €"):
        money.payment_record(
            application=approved, kind="payout", amount=Decimal("800"), booked_on=TODAY, by=by
        )
    with pytest.raises(ServiceError, match="höchstens, was ausgezahlt"):
        money.payment_record(
            application=approved, kind="return", amount=Decimal("751"), booked_on=TODAY, by=by
        )
    with pytest.raises(ServiceError, match="nur an bewilligte"):
        money.payment_record(
            application=w["applications"]["rejected"],
            kind="payout",
            amount=Decimal(1),
            booked_on=TODAY,
            by=by,
        )


def test_a_bad_receipt_line_is_named_and_nothing_is_saved(funding_world):
    proof = funding_world["applications"]["approved"].proof
    with pytest.raises(ServiceError, match="Beleg 2"):
        money.proof_save(
            proof=proof,
            report="Bericht",
            participants=None,
            actuals={},
            receipts=[("2026-01-01", "A", "B", "10"), ("2026-01-02", "C", "D", "zehn")],
        )
    proof.refresh_from_db()
    assert proof.report == "" and not proof.receipts.exists()
    with pytest.raises(ServiceError, match="Es fehlt noch: Sachbericht"):
        money.proof_submit(proof=proof)


def test_uploads_are_limited_in_type_and_number(funding_world, settings):
    draft = funding_world["applications"]["draft"]
    with pytest.raises(ServiceError, match="Dateityp"):
        apps.attachment_add(application=draft, upload=SimpleUploadedFile("x.exe", b"MZ"))
    settings.TEILHABE_UPLOAD_MAX_BYTES = 10
    with pytest.raises(ServiceError, match="zu groß"):
        apps.attachment_add(application=draft, upload=SimpleUploadedFile("x.pdf", b"%PDF-1.4 long"))


def test_applicants_of_other_kinds_are_refused(funding_world):
    with pytest.raises(ServiceError, match="dieser Art"):
        apps.application_start(
            call=funding_world["call"],
            applicant_name="Stadt",
            applicant_kind="municipality",
            contact_name="X",
            contact_email="x@example.org",
            title="T",
            today=TODAY,
        )


def test_reminders_before_and_after_the_proof_is_due(
    funding_world, django_capture_on_commit_callbacks
):
    proof = funding_world["applications"]["approved"].proof
    with django_capture_on_commit_callbacks(execute=True):
        assert money.proofs_remind(today=proof.due_on - dt.timedelta(days=20)) == 0
        assert money.proofs_remind(today=proof.due_on - dt.timedelta(days=10)) == 1
        assert money.proofs_remind(today=proof.due_on - dt.timedelta(days=8)) == 0  # weekly at most
        assert money.proofs_remind(today=proof.due_on + dt.timedelta(days=1)) == 1
    assert "war am" in mail.outbox[-1].body


def test_the_applicant_deletes_their_data(funding_world):
    w = funding_world
    draft = w["applications"]["draft"]
    assert apps.application_delete_by_applicant(application=draft) is True
    assert not Application.objects.filter(pk=draft.pk).exists()
    approved = w["applications"]["approved"]
    assert apps.application_delete_by_applicant(application=approved) is False
    approved.refresh_from_db()
    assert (approved.contact_name, approved.contact_email, approved.description) == ("", "", "")
    assert approved.title and approved.approved_amount == Decimal("1500.00")
    assert not approved.attachments.exists() and not approved.history.exists()
    assert apps.by_token(w["tokens"]["approved"]) is None


def test_personal_data_go_after_the_retention_period(funding_world):
    w = funding_world
    rejected = w["applications"]["rejected"]
    assert retention.purge_due(today=TODAY) == 0
    later = decisions.add_months(TODAY, w["fund"].retention_months + 1)
    assert retention.purge_due(today=later) == 1
    rejected.refresh_from_db()
    assert rejected.contact_email == "" and rejected.personal_data_deleted_at


def test_the_commands_remind_and_purge(funding_world):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("funding_remind_proofs", stdout=out)
    assert "Erinnerung" in out.getvalue()
    call_command("purge_funding", "--dry-run", stdout=out)
    assert "0 Antrag/Anträgen würden gelöscht" in out.getvalue()

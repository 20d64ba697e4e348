"""Payments, the proof of use (Verwendungsnachweis) and its review, repayment claims, reminders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.errors import ServiceError
from teilhabe.core.versioning import record_as, save_versioned
from teilhabe.documents.amounts import AmountError, parse_amount
from teilhabe.organizations.models import User

from ..costplan import euro
from ..models import ZERO, Application, Payment, ProofOfUse, ProofStatus, Query, Receipt
from ._common import mail

REMINDER_DAYS_BEFORE = 14
REMINDER_INTERVAL_DAYS = 7


def _sum(application: Application, kind: str) -> Decimal:
    return (
        Payment.objects.filter(application=application, kind=kind).aggregate(total=Sum("amount"))[
            "total"
        ]
        or ZERO
    )


@transaction.atomic
def payment_record(
    *,
    application: Application,
    kind: str,
    amount: Decimal,
    booked_on: dt.date,
    note: str = "",
    by: User | None,
) -> Payment:
    """An instalment paid out, or money paid back. Never more paid out than approved, never
    more paid back than paid out."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.funded:
        raise ServiceError("Ausgezahlt wird nur an bewilligte Projekte.")
    if amount is None or amount <= 0:
        raise ServiceError("Bitte geben Sie einen Betrag über 0 € an.")
    paid, returned = _sum(application, "payout"), _sum(application, "return")
    if kind == Payment.Kind.PAYOUT:
        if paid + amount > application.approved_amount:
            raise ServiceError(
                f"Bewilligt sind {euro(application.approved_amount)}, ausgezahlt schon "
                f"{euro(paid)}: Es können höchstens {euro(application.approved_amount - paid)} "
                "ausgezahlt werden."
            )
    elif kind == Payment.Kind.RETURN:
        if returned + amount > paid:
            raise ServiceError(
                f"Zurückgezahlt werden kann höchstens, was ausgezahlt wurde ({euro(paid)})."
            )
    else:
        raise ServiceError("Bitte wählen Sie Auszahlung oder Rückzahlung.")
    return Payment.objects.create(
        application=application,
        kind=kind,
        amount=amount,
        booked_on=booked_on,
        note=note.strip()[:200],
        recorded_by=by,
    )


def _check_proof_open(proof: ProofOfUse) -> None:
    if proof.status not in (ProofStatus.OPEN, ProofStatus.QUERIED):
        raise ServiceError(
            _("Der Verwendungsnachweis ist eingereicht und kann nicht mehr geändert werden.")
        )


@transaction.atomic
def proof_save(
    *,
    proof: ProofOfUse,
    report: str,
    participants: int | None,
    actuals: dict[int, str],
    receipts: Sequence[tuple[str, str, str, str]],
) -> ProofOfUse:
    """The applicant's draft of the proof of use: the Sachbericht, the actual amount per cost
    line and the list of receipts (date, payee, purpose, amount). Lines that cannot be read
    are refused with their number; nothing is saved then."""
    proof = ProofOfUse.objects.select_for_update().get(pk=proof.pk)
    _check_proof_open(proof)
    lines = {line.pk: line for line in proof.application.cost_lines.all()}
    parsed_actuals: dict[int, Decimal | None] = {}
    for pk, text in actuals.items():
        if pk not in lines:
            raise ServiceError("Dieser Posten gehört nicht zum Kostenplan.")
        if not str(text).strip():
            parsed_actuals[pk] = None
            continue
        try:
            parsed_actuals[pk] = parse_amount(text)
        except AmountError as error:
            raise ServiceError(
                _("Kostenplan, „%(label)s“: %(error)s") % {"label": lines[pk].label, "error": error}
            ) from error
    parsed_receipts = []
    for number, (date_text, payee, purpose, amount_text) in enumerate(receipts, start=1):
        if not any(str(v).strip() for v in (date_text, payee, purpose, amount_text)):
            continue
        try:
            date = dt.date.fromisoformat(str(date_text).strip())
        except ValueError as error:
            raise ServiceError(
                _("Beleg %(n)s: Das Datum fehlt oder ist ungültig.") % {"n": number}
            ) from error
        if not payee.strip() or not purpose.strip():
            raise ServiceError(
                _("Beleg %(n)s: Bitte nennen Sie Empfänger und Zweck.") % {"n": number}
            )
        try:
            amount = parse_amount(amount_text)
        except AmountError as error:
            raise ServiceError(
                _("Beleg %(n)s: %(error)s") % {"n": number, "error": error}
            ) from error
        parsed_receipts.append((date, payee.strip()[:200], purpose.strip()[:200], amount))
    for pk, value in parsed_actuals.items():
        lines[pk].actual = value
    if lines:
        type(next(iter(lines.values()))).objects.bulk_update(list(lines.values()), ["actual"])
    proof.receipts.all().delete()
    Receipt.objects.bulk_create(
        Receipt(proof=proof, position=i, date=d, payee=p, purpose=u, amount=a)
        for i, (d, p, u, a) in enumerate(parsed_receipts, start=1)
    )
    proof.report = report.strip()
    proof.participants = participants
    proof.version += 1
    proof.save()
    return proof


@transaction.atomic
def proof_submit(*, proof: ProofOfUse) -> ProofOfUse:
    proof = (
        ProofOfUse.objects.select_for_update()
        .select_related("application__call__fund")
        .get(pk=proof.pk)
    )
    _check_proof_open(proof)
    missing = []
    if not proof.report.strip():
        missing.append(_("Sachbericht"))
    if any(line.actual is None for line in proof.application.cost_lines.filter(kind="expense")):
        missing.append(_("tatsächliche Kosten je Ausgabeposten"))
    if not proof.receipts.exists():
        missing.append(_("Belegliste"))
    if missing:
        raise ServiceError(_("Es fehlt noch: %(missing)s.") % {"missing": ", ".join(missing)})
    proof.status = ProofStatus.SUBMITTED
    proof.submitted_at = timezone.now()
    proof.version += 1
    record_as(proof, None, "eingereicht")
    proof.save()
    office = proof.application.call.fund.deciding_unit
    if office is not None and office.email:
        mail("proof_submitted", {"application": proof.application}, [office.email])
    return proof


@transaction.atomic
def proof_query(*, proof: ProofOfUse, text: str, by: User | None) -> Query:
    proof = ProofOfUse.objects.select_for_update().select_related("application").get(pk=proof.pk)
    if proof.status != ProofStatus.SUBMITTED:
        raise ServiceError("Rückfragen gibt es zu eingereichten Verwendungsnachweisen.")
    from .applications import query_ask

    query = query_ask(application=proof.application, text=text, by=by, about_proof=True)
    save_versioned(
        proof, proof.pk, expected_version=None, changes={"status": ProofStatus.QUERIED}, by=by
    )
    return query


@transaction.atomic
def proof_accept(
    *,
    proof: ProofOfUse,
    by: User | None,
    note: str = "",
    repayment_claim: Decimal = ZERO,
    repayment_reason: str = "",
    version: int | str | None = None,
) -> ProofOfUse:
    """The office closes the proof of use; where money was not used as approved it records a
    repayment claim (the repayment itself is booked as a payment when it arrives)."""
    proof = ProofOfUse.objects.select_for_update().select_related("application").get(pk=proof.pk)
    if proof.status != ProofStatus.SUBMITTED:
        raise ServiceError("Abgeschlossen werden eingereichte Verwendungsnachweise.")
    if repayment_claim < 0:
        raise ServiceError("Eine Rückforderung kann nicht negativ sein.")
    paid = _sum(proof.application, "payout")
    if repayment_claim > paid:
        raise ServiceError(
            f"Zurückgefordert werden kann höchstens, was ausgezahlt wurde ({euro(paid)})."
        )
    if repayment_claim and not repayment_reason.strip():
        raise ServiceError("Bitte begründen Sie die Rückforderung.")
    updated = save_versioned(
        proof,
        proof.pk,
        expected_version=version,
        changes={
            "status": ProofStatus.ACCEPTED,
            "checked_note": note.strip(),
            "repayment_claim": repayment_claim,
            "repayment_reason": repayment_reason.strip(),
            "closed_at": timezone.now(),
            "closed_by": by,
        },
        by=by,
    )
    application = proof.application
    mail(
        "proof_accepted",
        {"application": application, "proof": updated},
        [application.contact_email],
        application.language,
    )
    return updated


def proofs_remind(*, today: dt.date | None = None) -> int:
    """Reminds applicants of proofs of use due within two weeks or overdue, at most weekly.
    Returns the number of reminders sent."""
    today = today or timezone.localdate()
    due = (
        ProofOfUse.objects.filter(
            status__in=(ProofStatus.OPEN, ProofStatus.QUERIED),
            due_on__lte=today + dt.timedelta(days=REMINDER_DAYS_BEFORE),
            application__personal_data_deleted_at__isnull=True,
        )
        .exclude(reminded_on__gt=today - dt.timedelta(days=REMINDER_INTERVAL_DAYS))
        .select_related("application__call__fund__organization")
    )
    sent = 0
    for proof in due:
        with transaction.atomic():
            application = proof.application
            mail(
                "proof_reminder",
                {"application": application, "proof": proof, "overdue": proof.due_on < today},
                [application.contact_email],
                application.language,
            )
            ProofOfUse.objects.filter(pk=proof.pk).update(reminded_on=today)
        sent += 1
    return sent

"""The applicant's side: an application opened by a personal link.

Links, not accounts: an initiative applies once a year, often through a volunteer who will not
keep a password for it. The link arrives with the confirmation email, opens this application
only, and outlives the decision: the proof of use is handed in through it. Only the SHA-256 of
its token is stored; the office can send a new link, which kills the old one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from teilhabe.core.errors import ServiceError
from teilhabe.core.locks import hold
from teilhabe.core.versioning import record_as, save_versioned
from teilhabe.organizations.models import User

from .. import costplan
from ..models import (
    ApplicantKind,
    Application,
    Attachment,
    Call,
    CostLine,
    Query,
    Status,
)
from ._common import absolute, hash_token, mail, new_token, public_changed

EDITABLE = {
    "applicant_name",
    "applicant_kind",
    "contact_name",
    "contact_email",
    "contact_phone",
    "address",
    "title",
    "summary",
    "description",
    "target_groups",
    "area",
    "municipality",
    "starts_on",
    "ends_on",
    "requested_amount",
    "answers",
    "language",
}
ATTACHMENT_SUFFIXES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}
MAX_ATTACHMENTS = 10


def link_of(application: Application, token: str) -> str:
    return absolute(
        reverse(
            "portal:funding_application",
            kwargs={"org_slug": application.call.fund.organization.slug, "token": token},
        )
    )


def by_token(token: str) -> Application | None:
    if not token or len(token) > 100:
        return None
    return (
        Application.objects.select_related("call__fund__organization", "call__fund__deciding_unit")
        .filter(link_hash=hash_token(token))
        .first()
    )


def _german_date(day: dt.date) -> str:
    return date_format(day, "d.m.Y")


def _check_open(call: Call, today: dt.date, late_note: str = "") -> None:
    if not call.published:
        raise ServiceError(_("Dieser Aufruf ist nicht veröffentlicht."))
    if today < call.opens_on:
        raise ServiceError(
            _("Anträge können ab dem %(opens)s gestellt werden.")
            % {"opens": _german_date(call.opens_on)}
        )
    if today > call.deadline and not late_note:
        raise ServiceError(
            _(
                "Der Einsendeschluss war der %(deadline)s. Nach dem Einsendeschluss können keine "
                "Anträge mehr eingereicht werden. Wenn Sie einen wichtigen Grund haben, wenden "
                "Sie sich bitte an das Amt: Es kann eine Nachfrist gewähren."
            )
            % {"deadline": _german_date(call.deadline)}
        )


def _next_number(call: Call) -> str:
    hold(f"funding-number-{call.pk}")
    count = Application.objects.filter(call=call).count()
    return f"{call.year}-{count + 1:03d}"


@transaction.atomic
def application_start(
    *,
    call: Call,
    applicant_name: str,
    applicant_kind: str,
    contact_name: str,
    contact_email: str,
    title: str,
    language: str = "de",
    today: dt.date | None = None,
) -> tuple[Application, str]:
    """A new draft and its personal link (sent by email as well)."""
    today = today or timezone.localdate()
    _check_open(call, today)
    if applicant_kind not in ApplicantKind.values:
        raise ServiceError("Bitte wählen Sie die Art Ihrer Organisation.")
    if call.eligible_kinds and applicant_kind not in call.eligible_kinds:
        raise ServiceError(
            "Organisationen dieser Art können bei diesem Aufruf keinen Antrag stellen. "
            "Wer antragsberechtigt ist, steht im Aufruf."
        )
    for value, label in (
        (applicant_name, "den Namen Ihrer Organisation"),
        (title, "einen Titel"),
        (contact_email, "eine E-Mail-Adresse"),
    ):
        if not value.strip():
            raise ServiceError(f"Bitte geben Sie {label} an.")
    token, link_hash = new_token()
    application = Application(
        call=call,
        number=_next_number(call),
        link_hash=link_hash,
        language=language,
        applicant_name=applicant_name.strip(),
        applicant_kind=applicant_kind,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        title=title.strip(),
    )
    _clean(application, exclude=["call", "link_hash", "number"])
    record_as(application, None)
    application.save()
    mail(
        "started",
        {"application": application, "link": link_of(application, token), "call": call},
        [application.contact_email],
        language,
    )
    return application, token


def _as_service_error(error: ValidationError) -> ServiceError:
    """Model validation as a ServiceError with the field's German name: the portal shows it."""
    name, messages = next(iter(error.message_dict.items()))
    label = (
        getattr(Application._meta.get_field(name), "verbose_name", "") if name != "__all__" else ""
    )
    return ServiceError(f"{label}: {messages[0]}" if label else messages[0])


def _clean(application: Application, exclude: list[str]) -> None:
    try:
        application.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        raise _as_service_error(error) from error


def _check_editable(application: Application) -> None:
    if application.status != Status.DRAFT:
        raise ServiceError(
            _(
                "Der Antrag ist eingereicht und kann nicht mehr geändert werden. Fragen des "
                "Amtes beantworten Sie unten auf dieser Seite."
            )
        )


@transaction.atomic
def application_update(
    *,
    application: Application,
    version: int | str | None,
    cost_rows: Sequence[tuple[str, str, str]] | None = None,
    fields: Sequence[int] | None = None,
    measures: Sequence[int] | None = None,
    **changes: Any,
) -> Application:
    """Saves the draft as it is (incomplete is fine; the check comes with submitting). The cost
    plan's lines are read strictly: a line that is no amount is refused, naming it."""
    _check_editable(application)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    try:
        lines = costplan.read_lines(cost_rows) if cost_rows is not None else None
    except costplan.CostPlanError as error:
        raise ServiceError(str(error)) from error
    try:
        updated = save_versioned(
            application, application.pk, expected_version=version, changes=changes, by=None
        )
    except ValidationError as error:
        raise _as_service_error(error) from error
    if lines is not None:
        updated.cost_lines.all().delete()
        CostLine.objects.bulk_create(
            CostLine(application=updated, position=i, kind=x.kind, label=x.label, amount=x.amount)
            for i, x in enumerate(lines, start=1)
        )
    plan_org = application.call.fund.organization_id
    if fields is not None:
        from teilhabe.plans.models import FieldOfAction

        updated.fields.set(FieldOfAction.objects.filter(pk__in=fields, plan__organization=plan_org))
    if measures is not None:
        from teilhabe.plans.models import Measure

        updated.measures.set(
            Measure.objects.filter(pk__in=measures, field__plan__organization=plan_org)
        )
    return updated


def cost_plan_of(application: Application) -> costplan.Totals:
    call = application.call
    lines = [costplan.Line(x.kind, x.label, x.amount) for x in application.cost_lines.all()]
    return costplan.check(
        lines,
        requested=application.requested_amount,
        min_amount=call.min_amount,
        max_amount=call.max_amount,
        own_percent=call.own_contribution_percent,
    )


def missing_for_submission(application: Application) -> list[str]:
    """What an application still lacks, in German, in the order of the form."""
    missing = []
    for name, label in (
        ("applicant_name", _("Name der Organisation")),
        ("contact_name", _("Ansprechperson")),
        ("contact_email", _("E-Mail-Adresse")),
        ("title", _("Titel des Projekts")),
        ("summary", _("Kurzbeschreibung")),
        ("description", _("Projektbeschreibung")),
        ("area", _("Förderbereich")),
        ("municipality", _("Stadt oder Gemeinde")),
        ("starts_on", _("Projektbeginn")),
        ("ends_on", _("Projektende")),
    ):
        if not getattr(application, name):
            missing.append(label)
    answers = application.answers or {}
    missing.extend(
        _("Antwort auf „%(question)s“") % {"question": question}
        for question in application.call.questions
        if not str(answers.get(question, "")).strip()
    )
    return missing


@transaction.atomic
def application_submit(*, application: Application, today: dt.date | None = None) -> Application:
    today = today or timezone.localdate()
    application = (
        Application.objects.select_for_update()
        .select_related("call__fund__organization")
        .get(pk=application.pk)
    )
    _check_editable(application)
    _check_open(application.call, today, application.late_admitted_note)
    missing = missing_for_submission(application)
    if missing:
        raise ServiceError(_("Es fehlt noch: %(missing)s.") % {"missing": ", ".join(missing)})
    if (
        application.ends_on
        and application.starts_on
        and application.ends_on < application.starts_on
    ):
        raise ServiceError(_("Das Projektende liegt vor dem Projektbeginn."))
    try:
        cost_plan_of(application)
    except costplan.CostPlanError as error:
        raise ServiceError(str(error)) from error
    application.status = Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.version += 1
    record_as(application, None, "eingereicht")
    application.save()
    mail(
        "submitted", {"application": application}, [application.contact_email], application.language
    )
    office = application.call.fund.deciding_unit
    if office is not None and office.email:
        mail("submitted_office", {"application": application}, [office.email])
    return application


@transaction.atomic
def application_admit_late(*, application: Application, note: str, by: User | None) -> Application:
    """The office lets a late application in (a letter lost in the post, an illness): recorded
    with who, when and why."""
    if not note.strip():
        raise ServiceError("Bitte geben Sie den Grund für die Nachfrist an.")
    if application.status != Status.DRAFT:
        raise ServiceError("Nur ein noch nicht eingereichter Antrag braucht eine Nachfrist.")
    stamp = timezone.localtime().strftime("%d.%m.%Y")
    who = by.get_full_name() or by.email if by else "System"
    return save_versioned(
        application,
        application.pk,
        expected_version=None,
        changes={"late_admitted_note": f"{stamp}, {who}: {note.strip()}"[:300]},
        by=by,
    )


@transaction.atomic
def application_withdraw(*, application: Application) -> Application:
    if application.status not in (Status.DRAFT, Status.SUBMITTED, Status.ELIGIBLE):
        raise ServiceError(_("Über den Antrag ist schon entschieden."))
    return save_versioned(
        application,
        application.pk,
        expected_version=None,
        changes={"status": Status.WITHDRAWN},
        by=None,
    )


@transaction.atomic
def attachment_add(*, application: Application, upload: Any, for_proof: bool = False) -> Attachment:
    """A file for the application (or the proof of use): PDF, images and office documents up
    to the upload limit, at most ten."""
    if not for_proof:
        _check_editable(application)
    if application.attachments.count() >= MAX_ATTACHMENTS:
        raise ServiceError(
            _("Es können höchstens %(count)s Dateien angehängt werden.")
            % {"count": MAX_ATTACHMENTS}
        )
    suffix = PurePosixPath((upload.name or "").lower()).suffix
    if suffix not in ATTACHMENT_SUFFIXES:
        raise ServiceError(
            _("Dieser Dateityp wird nicht unterstützt. Erlaubt sind: %(types)s.")
            % {"types": ", ".join(sorted(ATTACHMENT_SUFFIXES))}
        )
    limit = settings.TEILHABE_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ServiceError(
            _("Die Datei ist zu groß (höchstens %(mb)s MB).") % {"mb": limit // (1024 * 1024)}
        )
    attachment = Attachment(
        application=application,
        name=(PurePosixPath(upload.name or "datei").name)[:200],
        size=upload.size,
        content_type=ATTACHMENT_SUFFIXES[suffix],
        for_proof=for_proof,
    )
    # A name of our own: the applicant's file name may carry anything.
    attachment.file.save(f"antrag-{application.pk}{suffix}", ContentFile(upload.read()), save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_remove(*, application: Application, attachment: Attachment) -> None:
    if attachment.application_id != application.pk:
        raise ServiceError("Diese Datei gehört nicht zu Ihrem Antrag.")
    if not attachment.for_proof:
        _check_editable(application)
    attachment.file.delete(save=False)
    attachment.delete()


@transaction.atomic
def query_ask(
    *, application: Application, text: str, by: User | None, about_proof: bool = False
) -> Query:
    if not text.strip():
        raise ServiceError("Bitte schreiben Sie Ihre Rückfrage.")
    if application.status == Status.DRAFT:
        raise ServiceError("Der Antrag ist noch nicht eingereicht.")
    query = Query.objects.create(
        application=application, text=text.strip(), asked_by=by, about_proof=about_proof
    )
    mail(
        "query",
        {"application": application, "query": query},
        [application.contact_email],
        application.language,
    )
    return query


@transaction.atomic
def query_answer(*, application: Application, query: Query, text: str) -> Query:
    if query.application_id != application.pk:
        raise ServiceError("Diese Rückfrage gehört nicht zu Ihrem Antrag.")
    if not text.strip():
        raise ServiceError(_("Bitte schreiben Sie Ihre Antwort."))
    query.answer = text.strip()
    query.answered_at = timezone.now()
    query.save(update_fields=["answer", "answered_at"])
    office = application.call.fund.deciding_unit
    if office is not None and office.email:
        mail("query_answered", {"application": application, "query": query}, [office.email])
    return query


@transaction.atomic
def link_renew(*, application: Application, by: User | None) -> str:
    """A new link for the applicant (the old one stops working), sent to the contact address."""
    if application.personal_data_deleted_at:
        raise ServiceError("Die Kontaktdaten dieses Antrags sind gelöscht.")
    token, link_hash = new_token()
    Application.objects.filter(pk=application.pk).update(link_hash=link_hash)
    application.link_hash = link_hash
    mail(
        "link",
        {"application": application, "link": link_of(application, token)},
        [application.contact_email],
        application.language,
    )
    return token


def application_data(application: Application) -> dict[str, Any]:
    """Everything stored about the application, for the applicant (Art. 15 and 20 DSGVO)."""
    proof = getattr(application, "proof", None)
    return {
        "antragsnummer": application.number,
        "aufruf": application.call.title,
        "status": application.get_status_display(),
        "organisation": application.applicant_name,
        "art": application.get_applicant_kind_display(),
        "ansprechperson": application.contact_name,
        "e_mail": application.contact_email,
        "telefon": application.contact_phone,
        "anschrift": application.address,
        "titel": application.title,
        "kurzbeschreibung": application.summary,
        "beschreibung": application.description,
        "zielgruppen": application.target_groups,
        "gemeinde": application.municipality,
        "beginn": application.starts_on.isoformat() if application.starts_on else None,
        "ende": application.ends_on.isoformat() if application.ends_on else None,
        "beantragt": str(application.requested_amount),
        "bewilligt": str(application.approved_amount) if application.approved_amount else None,
        "antworten": application.answers,
        "kostenplan": [
            {
                "art": x.get_kind_display(),
                "posten": x.label,
                "betrag": str(x.amount),
                "tatsaechlich": str(x.actual) if x.actual is not None else None,
            }
            for x in application.cost_lines.all()
        ],
        "dateien": [a.name for a in application.attachments.all()],
        "rueckfragen": [{"frage": q.text, "antwort": q.answer} for q in application.queries.all()],
        "verwendungsnachweis": (
            {
                "sachbericht": proof.report,
                "status": proof.get_status_display(),
                "belege": [
                    {
                        "datum": r.date.isoformat(),
                        "empfaenger": r.payee,
                        "zweck": r.purpose,
                        "betrag": str(r.amount),
                    }
                    for r in proof.receipts.all()
                ],
            }
            if proof
            else None
        ),
    }


@transaction.atomic
def application_delete_by_applicant(*, application: Application) -> bool:
    """The applicant deletes their data. An application nobody has decided on goes entirely;
    of a decided one the office must keep the record of the money, so only the personal data
    go (a funded project's public data stays). True when the whole application is gone."""
    if (
        application.status in (Status.DRAFT, Status.SUBMITTED, Status.ELIGIBLE, Status.WITHDRAWN)
        and not application.payments.exists()
    ):
        for attachment in application.attachments.all():
            attachment.file.delete(save=False)
        application.delete()
        return True
    from .retention import erase_personal_data

    erase_personal_data(application)
    return False


def _slug_of(application: Application) -> str:
    return application.call.fund.organization.slug


def funded_changed(application: Application) -> None:
    public_changed(_slug_of(application))

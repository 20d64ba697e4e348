"""Funds, calls, reviewers, the finance office and the letters' wording."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Sum

from teilhabe.core.errors import ServiceError
from teilhabe.core.versioning import record_as, save_versioned
from teilhabe.organizations.models import Membership, Organization, User

from ..models import Area, Call, CallReviewer, Criterion, Fund, LetterKind, LetterTemplate
from ._common import public_changed

FUND_FIELDS = {
    "name",
    "slug",
    "purpose",
    "council_paper",
    "established_year",
    "annual_budget",
    "deciding_unit",
    "proof_due_months",
    "retention_months",
}
CALL_FIELDS = {
    "title",
    "text",
    "easy_text",
    "opens_on",
    "deadline",
    "budget",
    "areas",
    "eligible_kinds",
    "min_amount",
    "max_amount",
    "own_contribution_percent",
    "questions",
    "criteria",
    "languages",
    "published",
}


def _only(allowed: set[str], changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    return changes


def _check_unit(organization_id: int, unit: Any) -> None:
    if unit is not None and unit.organization_id != organization_id:
        raise ServiceError("Das entscheidende Amt muss zur Organisation des Fonds gehören.")


@transaction.atomic
def fund_create(*, organization: Organization, by: User | None, **fields: Any) -> Fund:
    _only(FUND_FIELDS, fields)
    _check_unit(organization.pk, fields.get("deciding_unit"))
    fund = Fund(organization=organization, **fields)
    fund.full_clean(exclude=["organization", "deciding_unit"], validate_constraints=False)
    record_as(fund, by)
    try:
        with transaction.atomic():
            fund.save()
    except IntegrityError as error:
        raise ServiceError("Einen Fonds mit diesem Kurznamen gibt es schon.") from error
    letter_templates_ensure(fund=fund)
    return fund


@transaction.atomic
def fund_update(*, fund: Fund, version: int | str | None, by: User | None, **changes: Any) -> Fund:
    _only(FUND_FIELDS, changes)
    _check_unit(fund.organization_id, changes.get("deciding_unit"))
    updated = save_versioned(fund, fund.pk, expected_version=version, changes=changes, by=by)
    public_changed(fund.organization.slug)
    return updated


@transaction.atomic
def fund_finance_set(*, fund: Fund, people: Iterable[User], by: User | None) -> None:
    """The people of the finance office who see the ledger and record payments: members of the
    fund's organisation only."""
    people = list(people)
    member_ids = set(
        Membership.objects.filter(organization=fund.organization_id).values_list(
            "user_id", flat=True
        )
    )
    strangers = [p for p in people if p.pk not in member_ids]
    if strangers:
        raise ServiceError(
            f"{strangers[0].email} gehört nicht zur Organisation. Laden Sie die Person zuerst "
            "unter „Personen“ ein (Rolle Lesezugriff genügt)."
        )
    fund.finance_people.set(people)


def _default_criteria() -> list[str]:
    return [value for value, _label in Criterion.choices]


def _check_call(fund: Fund, data: dict[str, Any], exclude_pk: int | None = None) -> None:
    budget = data.get("budget")
    if budget is not None and Decimal(budget) > fund.annual_budget:
        raise ServiceError(
            "Das Budget des Aufrufs kann nicht größer sein als das Jahresbudget des Fonds."
        )
    unknown_areas = set(data.get("areas") or []) - set(Area.values)
    if unknown_areas:
        raise ServiceError(f"Unbekannter Förderbereich: {sorted(unknown_areas)[0]}")
    unknown_criteria = set(data.get("criteria") or []) - set(Criterion.values)
    if unknown_criteria:
        raise ServiceError(f"Unbekanntes Kriterium: {sorted(unknown_criteria)[0]}")


@transaction.atomic
def call_create(*, fund: Fund, year: int, by: User | None, **fields: Any) -> Call:
    _only(CALL_FIELDS, fields)
    fields.setdefault("budget", fund.annual_budget)
    fields.setdefault("criteria", _default_criteria())
    fields.setdefault("title", f"{fund.name} {year}")
    _check_call(fund, fields)
    call = Call(fund=fund, year=year, **fields)
    call.full_clean(exclude=["fund"], validate_constraints=False, validate_unique=False)
    if call.deadline < call.opens_on:
        raise ServiceError("Der Einsendeschluss liegt vor dem Beginn der Antragsfrist.")
    if call.max_amount < call.min_amount:
        raise ServiceError("Der Höchstbetrag ist kleiner als der Mindestbetrag.")
    record_as(call, by)
    try:
        with transaction.atomic():
            call.save()
    except IntegrityError as error:
        raise ServiceError(f"Für {year} gibt es schon einen Aufruf dieses Fonds.") from error
    public_changed(fund.organization.slug)
    return call


@transaction.atomic
def call_update(*, call: Call, version: int | str | None, by: User | None, **changes: Any) -> Call:
    _only(CALL_FIELDS, changes)
    _check_call(call.fund, changes)
    if "budget" in changes:
        committed = call.applications.funded().aggregate(total=Sum("approved_amount"))["total"]
        if committed and Decimal(changes["budget"]) < committed:
            raise ServiceError(
                "Das Budget kann nicht kleiner werden als die bereits bewilligten Beträge."
            )
    updated = save_versioned(call, call.pk, expected_version=version, changes=changes, by=by)
    if updated.deadline < updated.opens_on:
        raise ServiceError("Der Einsendeschluss liegt vor dem Beginn der Antragsfrist.")
    if updated.max_amount < updated.min_amount:
        raise ServiceError("Der Höchstbetrag ist kleiner als der Mindestbetrag.")
    public_changed(call.fund.organization.slug)
    return updated


@transaction.atomic
def reviewer_add(
    *, call: Call, user: User, kind: str = "internal", by: User | None
) -> CallReviewer:
    """A reviewer must belong to the fund's organisation (members of the Integrationsrat are
    invited with the role Lesezugriff)."""
    if not Membership.objects.filter(user=user, organization=call.fund.organization_id).exists():
        raise ServiceError(
            f"{user.email} gehört nicht zur Organisation. Laden Sie die Person zuerst ein."
        )
    reviewer, _created = CallReviewer.objects.get_or_create(
        call=call, user=user, defaults={"kind": kind}
    )
    return reviewer


@transaction.atomic
def reviewer_remove(*, reviewer: CallReviewer, by: User | None) -> None:
    reviewer.delete()


DEFAULT_LETTERS = {
    LetterKind.APPROVAL: (
        "Zuwendungsbescheid: {projekt}",
        (
            "Sehr geehrte Damen und Herren,\n\n"
            "auf Ihren Antrag vom {eingereicht_am} bewilligen wir Ihnen aus dem {fonds} für das "
            "Projekt „{projekt}“ eine Zuwendung in Höhe von {betrag}.\n\n"
            "Die Zuwendung ist zweckgebunden für das Projekt im Zeitraum {zeitraum}. {auflagen}\n\n"
            "Bitte legen Sie bis zum {nachweis_bis} einen Verwendungsnachweis vor: einen kurzen "
            "Sachbericht, die tatsächlichen Kosten je Posten des Kostenplans und eine Liste der "
            "Belege. Nicht verwendete Mittel sind zurückzuzahlen.\n\n"
            "Wir wünschen Ihrem Projekt viel Erfolg."
        ),
    ),
    LetterKind.REJECTION: (
        "Ihr Antrag: {projekt}",
        (
            "Sehr geehrte Damen und Herren,\n\n"
            "vielen Dank für Ihren Antrag vom {eingereicht_am} auf Förderung des Projekts "
            "„{projekt}“ aus dem {fonds}. Leider können wir das Projekt nicht fördern.\n\n"
            "{begruendung}\n\n"
            "Wir ermutigen Sie, sich mit einer neuen Projektidee wieder zu bewerben."
        ),
    ),
}


def letter_templates_ensure(*, fund: Fund) -> None:
    signature = fund.deciding_unit.name if fund.deciding_unit else fund.organization.name
    for kind, (subject, body) in DEFAULT_LETTERS.items():
        LetterTemplate.objects.get_or_create(
            fund=fund,
            kind=kind,
            defaults={"subject": subject, "body": body, "signature": signature},
        )


@transaction.atomic
def letter_template_update(
    *, template: LetterTemplate, version: int | str | None, by: User | None, **changes: Any
) -> LetterTemplate:
    from ..letters import check_placeholders

    _only({"subject", "body", "signature"}, changes)
    for text in (changes.get("subject", ""), changes.get("body", "")):
        check_placeholders(text)
    return save_versioned(template, template.pk, expected_version=version, changes=changes, by=by)

"""All writes of the inventory: providers, offers, places, networks, the providers' personal
links and their proposed changes, and the table import.

Every write that can change what the portal shows bumps the organisation's cache generation
after the commit, so the public directory never serves a stale copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from teilhabe.core import generations
from teilhabe.core.errors import ServiceError
from teilhabe.core.mail import deliver
from teilhabe.core.versioning import record_as, save_versioned
from teilhabe.organizations.models import Organization, User
from teilhabe.participation.models import Recommendation
from teilhabe.plans.models import FieldOfAction, Measure

from . import languages as language_names
from .models import (
    ChangeState,
    Network,
    NetworkMeeting,
    NetworkMember,
    Offer,
    OfferLanguage,
    OfferTargetGroup,
    PendingChange,
    Place,
    Provider,
    ReviewState,
    TargetGroup,
)
from .parsing import OfferRow

PROVIDER_FIELDS = {
    "name",
    "kind",
    "description",
    "website",
    "email",
    "phone",
    "contact_name",
    "contact_email",
}
OFFER_FIELDS = {
    "provider",
    "title",
    "description",
    "schedule",
    "free_of_charge",
    "cost",
    "eligibility",
    "contact_email",
    "contact_phone",
    "website",
    "state",
    "sample_data",
    "last_verified",
}
OFFER_RELATIONS = {"fields", "service_area", "measures", "recommendations", "practices", "grants"}
OFFER_LISTS = {"target_groups", "languages"}
# What a provider may change through its personal link; everything else is the coordinator's.
PROVIDER_EDITABLE = (
    "title",
    "description",
    "schedule",
    "free_of_charge",
    "cost",
    "eligibility",
    "contact_email",
    "contact_phone",
    "website",
    "target_groups",
    "languages",
)
EDITABLE_LABELS = {
    "title": "Titel",
    "description": "Beschreibung",
    "schedule": "Zeiten",
    "free_of_charge": "kostenlos",
    "cost": "Kosten",
    "eligibility": "Voraussetzungen",
    "contact_email": "Kontakt-E-Mail",
    "contact_phone": "Kontakt-Telefon",
    "website": "Internetseite",
    "target_groups": "Zielgruppen",
    "languages": "Sprachen",
}
RELATION_LABELS = {
    "fields": "Das Handlungsfeld",
    "measures": "Die Maßnahme",
    "recommendations": "Die Empfehlung",
    "practices": "Das Good-Practice-Beispiel",
    "grants": "Das geförderte Projekt",
}
NETWORK_FIELDS = {
    "name",
    "kind",
    "purpose",
    "coordinated_by",
    "meeting_rhythm",
    "state",
    "sample_data",
    "last_verified",
}
NETWORK_RELATIONS = {"fields", "measures", "recommendations", "practices", "grants"}
MEMBER_FIELDS = {"provider", "name", "role", "member_from", "member_to"}
PLACE_FIELDS = {"name", "street", "postal_code", "city", "wheelchair_accessible", "accessibility"}


def _only(allowed: set[str], changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    return changes


def _validate(instance: Model) -> None:
    foreign_keys = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    instance.full_clean(exclude=foreign_keys, validate_unique=False, validate_constraints=False)


def _refresh(organization_id: int) -> None:
    """The portal's pages of the organisation show the change (after the commit)."""
    slug = Organization.objects.filter(pk=organization_id).values_list("slug", flat=True).first()
    if slug:
        scope = generations.organization_scope(slug)
        transaction.on_commit(lambda: generations.bump(scope))
    # An offer's measures show it on the plan's pages (the measure panel).
    from teilhabe.plans.services import touch_plan

    plan_ids = set(
        Measure.objects.filter(offers__organization_id=organization_id).values_list(
            "field__plan_id", flat=True
        )
    )
    for plan_id in plan_ids:
        touch_plan(plan_id, public=True)


def _same_organization(organization: Organization, objects: Iterable[Any], what: str) -> None:
    for obj in objects:
        if isinstance(obj, FieldOfAction):
            owner = obj.plan.organization_id
        elif isinstance(obj, Measure):
            owner = obj.field.plan.organization_id
        elif isinstance(obj, Recommendation):
            owner = obj.process.plan.organization_id
        else:
            owner = obj.organization_id
        if owner != organization.pk:
            raise ServiceError(f"{what} „{obj}“ gehört nicht zu {organization.name}.")


# Providers -------------------------------------------------------------------------------------


def _provider_name_taken(organization_id: int, name: str, exclude_pk: int | None = None) -> bool:
    providers = Provider.objects.filter(organization_id=organization_id, name__iexact=name)
    if exclude_pk:
        providers = providers.exclude(pk=exclude_pk)
    return providers.exists()


@transaction.atomic
def provider_create(
    *, organization: Organization, name: str, by: User | None, **fields: Any
) -> Provider:
    if _provider_name_taken(organization.pk, name):
        raise ServiceError(f"Einen Träger „{name}“ gibt es in dieser Bestandsaufnahme schon.")
    provider = Provider(organization=organization, name=name, **_only(PROVIDER_FIELDS, fields))
    _validate(provider)
    record_as(provider, by)
    provider.save()
    _refresh(organization.pk)
    return provider


@transaction.atomic
def provider_update(
    *, provider: Provider, by: User | None, version: int | None = None, **changes: Any
) -> Provider:
    changes = _only(PROVIDER_FIELDS, changes)
    name = changes.get("name", provider.name)
    if _provider_name_taken(provider.organization_id, name, exclude_pk=provider.pk):
        raise ServiceError(f"Einen Träger „{name}“ gibt es in dieser Bestandsaufnahme schon.")
    saved = save_versioned(provider, provider.pk, expected_version=version, changes=changes, by=by)
    if "name" in changes:
        # The provider's name is part of its offers' search text.
        for offer in saved.offers.all():
            Offer.objects.filter(pk=offer.pk).update(search_text=offer.searchable(saved.name))
    _refresh(provider.organization_id)
    return saved


@transaction.atomic
def provider_delete(*, provider: Provider, by: User | None) -> None:
    if provider.offers.exists():
        raise ServiceError(
            f"Der Träger „{provider}“ hat noch Angebote; löschen Sie erst diese oder ordnen Sie "
            "sie einem anderen Träger zu."
        )
    organization_id = provider.organization_id
    provider.delete()
    _refresh(organization_id)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def provider_link_url(provider: Provider, token: str) -> str:
    return settings.SITE_URL + reverse(
        "portal:offers_provider_link", args=[provider.organization.slug, token]
    )


@transaction.atomic
def provider_link_send(*, provider: Provider, by: User | None, reminder: bool = False) -> str:
    """Make a new personal link for the provider (the old one stops working) and mail it to
    the provider's contact person; returns the link. Only the token's hash is stored."""
    if not provider.contact_email:
        raise ServiceError(
            f"Für „{provider}“ ist keine E-Mail-Adresse der Ansprechperson eingetragen."
        )
    token = secrets.token_urlsafe(32)
    provider.link_token_hash = hash_token(token)
    provider.link_sent_at = timezone.now()
    record_as(provider, by, "persönlicher Link gesendet")
    provider.save(update_fields=["link_token_hash", "link_sent_at"])
    url = provider_link_url(provider, token)
    context = {
        "provider": provider,
        "url": url,
        "reminder": reminder,
        "offers": list(provider.offers.exclude(state=ReviewState.ARCHIVED).order_by("title")),
    }
    subject = render_to_string("offers/email/provider_link_subject.txt", context).strip()
    body = render_to_string("offers/email/provider_link.txt", context)
    recipient = provider.contact_email
    transaction.on_commit(
        lambda: deliver(subject, body, [recipient], sender=settings.DEFAULT_FROM_EMAIL)
    )
    return url


def reminder_interval() -> dt.timedelta:
    return dt.timedelta(days=getattr(settings, "OFFERS_REMINDER_INTERVAL_DAYS", 365))


def provider_reminders_send(*, now: dt.datetime | None = None) -> list[Provider]:
    """The yearly (configurable: OFFERS_REMINDER_INTERVAL_DAYS) reminder: a fresh personal
    link to every provider whose last link is older than the interval."""
    now = now or timezone.now()
    due = list(
        Provider.objects.due_for_reminder(now=now, interval=reminder_interval())
        .filter(offers__isnull=False)
        .distinct()
        .select_related("organization")
    )
    for provider in due:
        provider_link_send(provider=provider, by=None, reminder=True)
    return due


# Offers ----------------------------------------------------------------------------------------


def _set_lists(
    offer: Offer, target_groups: Sequence[str] | None, codes: Sequence[str] | None
) -> None:
    if target_groups is not None:
        unknown = [group for group in target_groups if group not in TargetGroup.values]
        if unknown:
            raise ServiceError(f"Unbekannte Zielgruppe: {', '.join(unknown)}")
        offer.target_groups.all().delete()
        OfferTargetGroup.objects.bulk_create(
            OfferTargetGroup(offer=offer, group=group) for group in dict.fromkeys(target_groups)
        )
    if codes is not None:
        unknown = [code for code in codes if not language_names.is_known(code)]
        if unknown:
            raise ServiceError(f"Unbekannte Sprache: {', '.join(unknown)}")
        offer.languages.all().delete()
        OfferLanguage.objects.bulk_create(
            OfferLanguage(offer=offer, code=code) for code in dict.fromkeys(codes)
        )


def _set_relations(owner: Model, organization: Organization, relations: dict[str, Any]) -> None:
    for name, given in relations.items():
        values = list(given)
        if name != "service_area":
            _same_organization(organization, values, RELATION_LABELS[name])
        getattr(owner, name).set(values)


@transaction.atomic
def offer_create(
    *,
    organization: Organization,
    provider: Provider,
    title: str,
    by: User | None,
    target_groups: Sequence[str] = (),
    languages: Sequence[str] = (),
    places: Sequence[dict[str, Any]] = (),
    **fields: Any,
) -> Offer:
    relations = {name: fields.pop(name) for name in OFFER_RELATIONS if name in fields}
    fields.pop("version", None)
    if provider.organization_id != organization.pk:
        raise ServiceError(f"Der Träger „{provider}“ gehört nicht zu {organization.name}.")
    offer = Offer(
        organization=organization, provider=provider, title=title, **_only(OFFER_FIELDS, fields)
    )
    offer.search_text = offer.searchable(provider.name)
    _validate(offer)
    record_as(offer, by)
    offer.save()
    _set_relations(offer, organization, relations)
    _set_lists(offer, target_groups, languages)
    for place in places:
        place_add(offer=offer, by=by, **place)
    _refresh(organization.pk)
    return offer


@transaction.atomic
def offer_update(
    *, offer: Offer, by: User | None, version: int | None = None, **changes: Any
) -> Offer:
    relations = {name: changes.pop(name) for name in OFFER_RELATIONS if name in changes}
    target_groups = changes.pop("target_groups", None)
    codes = changes.pop("languages", None)
    changes = _only(OFFER_FIELDS, changes)
    provider = changes.get("provider")
    if provider is not None and provider.organization_id != offer.organization_id:
        raise ServiceError(f"Der Träger „{provider}“ gehört nicht zu dieser Bestandsaufnahme.")
    saved = save_versioned(offer, offer.pk, expected_version=version, changes=changes, by=by)
    searchable = saved.searchable(saved.provider.name)
    if saved.search_text != searchable:
        Offer.objects.filter(pk=saved.pk).update(search_text=searchable)
        saved.search_text = searchable
    _set_relations(saved, offer.organization, relations)
    _set_lists(saved, target_groups, codes)
    _refresh(offer.organization_id)
    return saved


@transaction.atomic
def offer_delete(*, offer: Offer, by: User | None) -> None:
    organization_id = offer.organization_id
    _refresh(organization_id)
    offer.delete()


@transaction.atomic
def place_add(*, offer: Offer, by: User | None, name: str, **fields: Any) -> Place:
    place = Place(offer=offer, name=name, **_only(PLACE_FIELDS, fields))
    _validate(place)
    place.save()
    _refresh(offer.organization_id)
    return place


@transaction.atomic
def place_delete(*, place: Place, by: User | None) -> None:
    organization_id = place.offer.organization_id
    place.delete()
    _refresh(organization_id)


# Proposed changes from providers ---------------------------------------------------------------


def offer_editable_values(offer: Offer) -> dict[str, Any]:
    """The values a provider may change, as JSON: what a proposal is compared with."""
    values: dict[str, Any] = {name: getattr(offer, name) for name in PROVIDER_EDITABLE[:-2]}
    values["target_groups"] = sorted(group.group for group in offer.target_groups.all())
    values["languages"] = sorted(language.code for language in offer.languages.all())
    return values


@transaction.atomic
def change_submit(
    *, provider: Provider, offer: Offer, proposed: dict[str, Any], note: str = ""
) -> PendingChange | None:
    """A provider's update of its offer through its link. Unchanged values only confirm the
    offer (its "last verified" date, at once: nothing public changes); anything else waits for
    the coordinator, replacing an earlier proposal not yet decided."""
    if offer.provider_id != provider.pk:
        raise ServiceError("Dieses Angebot gehört nicht zu Ihrem Träger.")
    proposed = {name: proposed[name] for name in PROVIDER_EDITABLE if name in proposed}
    current = offer_editable_values(offer)
    proposed["target_groups"] = sorted(proposed.get("target_groups", current["target_groups"]))
    proposed["languages"] = sorted(proposed.get("languages", current["languages"]))
    changed = {name: value for name, value in proposed.items() if current.get(name) != value}
    PendingChange.objects.filter(offer=offer, state=ChangeState.PENDING).delete()
    if not changed and not note:
        Offer.objects.filter(pk=offer.pk).update(last_verified=timezone.localdate())
        _refresh(offer.organization_id)
        return None
    return PendingChange.objects.create(
        offer=offer,
        provider=provider,
        proposed=proposed,
        base_version=offer.version,
        note=note,
        confirmed_unchanged=not changed,
    )


@dataclass(frozen=True)
class DiffLine:
    field: str
    label: str
    current: str
    proposed: str

    @property
    def changed(self) -> bool:
        return self.current != self.proposed


def _shown(name: str, value: Any) -> str:
    if name == "target_groups":
        return ", ".join(str(TargetGroup(group).label) for group in value) or "–"
    if name == "languages":
        return ", ".join(language_names.name(code) for code in value) or "–"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return str(value or "–")


def change_diff(change: PendingChange) -> list[DiffLine]:
    """Each editable field: what is saved now and what the provider proposes."""
    current = offer_editable_values(change.offer)
    labels = EDITABLE_LABELS
    return [
        DiffLine(
            field=name,
            label=labels[name],
            current=_shown(name, current.get(name)),
            proposed=_shown(name, change.proposed.get(name, current.get(name))),
        )
        for name in PROVIDER_EDITABLE
    ]


@transaction.atomic
def change_accept(*, change: PendingChange, by: User | None) -> Offer:
    change = PendingChange.objects.select_for_update().select_related("offer").get(pk=change.pk)
    if change.state != ChangeState.PENDING:
        raise ServiceError("Über diesen Vorschlag ist schon entschieden.")
    values = {name: change.proposed[name] for name in PROVIDER_EDITABLE if name in change.proposed}
    offer = offer_update(
        offer=change.offer,
        by=by,
        last_verified=change.submitted_at.date(),
        **values,
    )
    change.state = ChangeState.ACCEPTED
    change.decided_at = timezone.now()
    change.decided_by = by
    change.save(update_fields=["state", "decided_at", "decided_by"])
    return offer


@transaction.atomic
def change_reject(*, change: PendingChange, by: User | None, note: str = "") -> PendingChange:
    change = PendingChange.objects.select_for_update().get(pk=change.pk)
    if change.state != ChangeState.PENDING:
        raise ServiceError("Über diesen Vorschlag ist schon entschieden.")
    change.state = ChangeState.REJECTED
    change.decided_at = timezone.now()
    change.decided_by = by
    change.decision_note = note
    change.save(update_fields=["state", "decided_at", "decided_by", "decision_note"])
    return change


# Networks --------------------------------------------------------------------------------------


@transaction.atomic
def network_create(
    *, organization: Organization, name: str, by: User | None, **fields: Any
) -> Network:
    relations = {key: fields.pop(key) for key in NETWORK_RELATIONS if key in fields}
    fields.pop("version", None)
    if Network.objects.filter(organization=organization, name__iexact=name).exists():
        raise ServiceError(f"Ein Netzwerk „{name}“ gibt es in dieser Bestandsaufnahme schon.")
    network = Network(organization=organization, name=name, **_only(NETWORK_FIELDS, fields))
    _validate(network)
    record_as(network, by)
    network.save()
    _set_relations(network, organization, relations)
    _refresh(organization.pk)
    return network


@transaction.atomic
def network_update(
    *, network: Network, by: User | None, version: int | None = None, **changes: Any
) -> Network:
    relations = {key: changes.pop(key) for key in NETWORK_RELATIONS if key in changes}
    changes = _only(NETWORK_FIELDS, changes)
    name = changes.get("name", network.name)
    taken = Network.objects.filter(organization_id=network.organization_id, name__iexact=name)
    if taken.exclude(pk=network.pk).exists():
        raise ServiceError(f"Ein Netzwerk „{name}“ gibt es in dieser Bestandsaufnahme schon.")
    saved = save_versioned(network, network.pk, expected_version=version, changes=changes, by=by)
    _set_relations(saved, network.organization, relations)
    _refresh(network.organization_id)
    return saved


@transaction.atomic
def network_delete(*, network: Network, by: User | None) -> None:
    organization_id = network.organization_id
    network.delete()
    _refresh(organization_id)


@transaction.atomic
def member_add(*, network: Network, by: User | None, **fields: Any) -> NetworkMember:
    fields = _only(MEMBER_FIELDS, fields)
    provider = fields.get("provider")
    if provider is None and not fields.get("name"):
        raise ServiceError("Bitte wählen Sie einen Träger oder tragen Sie einen Namen ein.")
    if provider is not None and provider.organization_id != network.organization_id:
        raise ServiceError(f"Der Träger „{provider}“ gehört nicht zu dieser Bestandsaufnahme.")
    start, end = fields.get("member_from"), fields.get("member_to")
    if start and end and end < start:
        raise ServiceError("„Mitglied bis“ liegt vor „Mitglied seit“.")
    member = NetworkMember(network=network, **fields)
    _validate(member)
    member.save()
    _refresh(network.organization_id)
    return member


@transaction.atomic
def member_remove(*, member: NetworkMember, by: User | None) -> None:
    organization_id = member.network.organization_id
    member.delete()
    _refresh(organization_id)


@transaction.atomic
def meeting_add(
    *,
    network: Network,
    date: dt.date,
    by: User | None,
    topic: str = "",
    participants: int | None = None,
) -> NetworkMeeting:
    meeting = NetworkMeeting(network=network, date=date, topic=topic, participants=participants)
    _validate(meeting)
    meeting.save()
    _refresh(network.organization_id)
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: NetworkMeeting, by: User | None) -> None:
    organization_id = meeting.network.organization_id
    meeting.delete()
    _refresh(organization_id)


# Import ----------------------------------------------------------------------------------------


class ImportRefused(ServiceError):
    """The table has bad rows; nothing was written. `problems` names each row."""

    def __init__(self, problems: list[str]):
        super().__init__(
            "Die Tabelle wurde nicht übernommen, weil Zeilen fehlerhaft sind: "
            + " · ".join(problems)
        )
        self.problems = problems


@dataclass
class ImportPlan:
    rows: list[OfferRow]
    problems: list[str]
    new_providers: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def _municipalities(organization: Organization) -> dict[str, Organization]:
    """Names and AGS of the municipalities an offer of this inventory may serve: the
    organisation, its Kreis and the Kreis's Gemeinden."""
    top = organization.parent or organization
    candidates = Organization.objects.filter(pk__in=[organization.pk, top.pk]) | (
        Organization.objects.filter(parent=top)
    )
    found: dict[str, Organization] = {}
    for municipality in candidates:
        found[municipality.name.casefold()] = municipality
        for prefix in ("stadt ", "gemeinde ", "landkreis "):
            if municipality.name.casefold().startswith(prefix):
                found[municipality.name.casefold().removeprefix(prefix)] = municipality
        if municipality.ags:
            found[municipality.ags] = municipality
    return found


def _fields_by_number(organization: Organization) -> dict[int, FieldOfAction]:
    from teilhabe.plans.models import Plan

    plan = Plan.objects.filter(organization=organization).current_first().first()
    if plan is None:
        return {}
    return {field.number: field for field in plan.fields.all()}


def offers_import_check(*, organization: Organization, rows: list[OfferRow]) -> ImportPlan:
    """What an import of `rows` would do, and every problem in it (German, with the row)."""
    fields = _fields_by_number(organization)
    municipalities = _municipalities(organization)
    existing = {
        name.casefold()
        for name in Provider.objects.of_organization(organization).values_list("name", flat=True)
    }
    problems = []
    new_providers: dict[str, str] = {}
    for row in rows:
        for number in row.field_numbers:
            if number not in fields:
                row.errors.append(f"„Handlungsfelder“: ein Handlungsfeld {number} gibt es nicht")
        for name in row.service_area:
            if name.casefold() not in municipalities:
                row.errors.append(f"„Einzugsgebiet“: „{name}“ ist keine bekannte Kommune")
        if row.errors:
            problems.append(row.message())
        elif row.provider.casefold() not in existing:
            new_providers.setdefault(row.provider.casefold(), row.provider)
    return ImportPlan(rows=rows, problems=problems, new_providers=list(new_providers.values()))


@transaction.atomic
def offers_import(*, organization: Organization, rows: list[OfferRow], by: User | None) -> int:
    """All rows or none: new providers are created by name, offers as drafts (the coordinator
    publishes them after a look). Returns the number of offers created."""
    plan = offers_import_check(organization=organization, rows=rows)
    if not plan.ok:
        raise ImportRefused(plan.problems)
    fields = _fields_by_number(organization)
    municipalities = _municipalities(organization)
    providers = {p.name.casefold(): p for p in Provider.objects.of_organization(organization)}
    for row in rows:
        provider = providers.get(row.provider.casefold())
        if provider is None:
            provider = provider_create(
                organization=organization,
                name=row.provider,
                by=by,
                **({"kind": row.provider_kind} if row.provider_kind else {}),
            )
            providers[row.provider.casefold()] = provider
        places = []
        if row.place:
            places.append(
                {
                    "name": row.place,
                    "street": row.street,
                    "postal_code": row.postal_code,
                    "city": row.city,
                    "wheelchair_accessible": row.wheelchair,
                    "accessibility": row.accessibility,
                }
            )
        try:
            offer_create(
                organization=organization,
                provider=provider,
                title=row.title,
                by=by,
                description=row.description,
                schedule=row.schedule,
                free_of_charge=row.free_of_charge,
                cost=row.cost,
                eligibility=row.eligibility,
                contact_email=row.email,
                contact_phone=row.phone,
                website=row.website,
                last_verified=row.last_verified,
                fields=[fields[number] for number in row.field_numbers],
                service_area=[municipalities[name.casefold()] for name in row.service_area],
                target_groups=row.target_groups,
                languages=row.languages,
                places=places,
            )
        except ServiceError as error:
            raise ImportRefused([f"Zeile {row.line}: {error.message}"]) from error
        except ValidationError as error:
            raise ImportRefused([f"Zeile {row.line}: {'; '.join(error.messages)}"]) from error
    return len(rows)


def import_vocabularies() -> dict[str, dict[str, str]]:
    """The words an offers table may use for target groups, languages and provider kinds:
    codes and German labels (and a language's own name), lower case."""
    from .models import ProviderKind

    def words(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
        found = {}
        for code, label in choices:
            found[code.casefold()] = code
            found[str(label).casefold()] = code
        return found

    languages = words(language_names.choices())
    for code in language_names.CODES:
        if local := language_names.local_name(code):
            languages.setdefault(local.casefold(), code)
    return {
        "target_groups": words(TargetGroup.choices),
        "languages": languages,
        "provider_kinds": words(ProviderKind.choices),
    }

"""Reads across apps and the view models of the inventory's pages: the gap view, the public
directory and what a measure's page shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from teilhabe.core import generations
from teilhabe.organizations.models import Organization
from teilhabe.plans.models import FieldOfAction, Measure, Plan
from teilhabe.plans.selectors import public_organizations

from . import languages as language_names
from .forms import municipalities_of
from .models import (
    Network,
    NetworkMember,
    Offer,
    OfferLanguage,
    OfferTargetGroup,
    PendingChange,
    Provider,
    TargetGroup,
)


def current_plan(organization: Organization) -> Plan | None:
    return Plan.objects.filter(organization=organization).current_first().first()


def plan_fields(organization: Organization) -> list[FieldOfAction]:
    plan = current_plan(organization)
    return list(plan.fields.order_by("number")) if plan else []


GAP_CACHE_SECONDS = 3600

# Gap view ------------------------------------------------------------------------------------


@dataclass
class GapCell:
    count: int
    # The filter of the back-office list that shows these offers.
    query: str


@dataclass
class GapRow:
    label: str
    cells: list[GapCell]
    key: object = None

    @property
    def empty(self) -> int:
        return sum(1 for cell in self.cells if not cell.count)


@dataclass
class GapTable:
    caption: str
    columns: list[str]
    rows: list[GapRow] = field(default_factory=list)

    @property
    def empty_cells(self) -> int:
        return sum(row.empty for row in self.rows)


@dataclass
class GapView:
    by_field: GapTable
    by_language: GapTable
    offer_count: int
    languages: list[tuple[str, str]]
    municipalities: list[Organization]

    @property
    def tables(self) -> list[GapTable]:
        return [self.by_field, self.by_language]


def _gap_counts(
    organization: Organization, language: str, municipality_id: int | None, include_drafts: bool
) -> dict:
    """The grouped counts behind the gap view. Over a Land's inventory they take the database
    a few hundred milliseconds, so they are kept in the cache under the organisation's content
    generation, which every write of the inventory changes (services._refresh)."""
    key = f"offers:gaps:{organization.pk}:{language}:{municipality_id}:{int(include_drafts)}"
    return generations.remembered(
        generations.organization_scope(organization.slug),
        key,
        lambda: _count_gaps(organization, language, municipality_id, include_drafts),
        GAP_CACHE_SECONDS,
    )


def _count_gaps(
    organization: Organization, language: str, municipality_id: int | None, include_drafts: bool
) -> dict:
    offers = Offer.objects.of_organization(organization)
    offers = offers.exclude(state="archived") if include_drafts else offers.published()
    filtered = offers.filtered(language=language, municipality_id=municipality_id)
    return {
        "by_field": {
            (row["offer__fields"], row["group"]): row["n"]
            for row in OfferTargetGroup.objects.filter(offer__in=filtered)
            .values("offer__fields", "group")
            # (offer, group) and (offer, field) are unique: every joined row is one offer, and
            # a plain count lets the database hash instead of sorting for DISTINCT.
            .annotate(n=Count("pk"))
        },
        "by_language": {
            (row["code"], row["offer__service_area"]): row["n"]
            for row in OfferLanguage.objects.filter(offer__in=offers)
            .values("code", "offer__service_area")
            .annotate(n=Count("pk"))
        },
        "offer_count": filtered.count(),
    }


def gap_view(
    organization: Organization,
    *,
    language: str = "",
    municipality_id: int | None = None,
    include_drafts: bool = False,
) -> GapView:
    """Offers counted by field of action × target group (for one language and municipality,
    if chosen) and by language × municipality: each count is one grouped query, however many
    offers there are, and an empty cell is where nothing exists."""
    fields = plan_fields(organization)
    groups = list(TargetGroup)
    counted = _gap_counts(organization, language, municipality_id, include_drafts)
    counts, language_counts = counted["by_field"], counted["by_language"]
    # Offers linked to a field of an earlier plan still count, in a row of their own.
    listed = {f.pk for f in fields}
    earlier_ids = {field_id for field_id, _group in counts if field_id and field_id not in listed}
    if earlier_ids:
        earlier = FieldOfAction.objects.filter(pk__in=earlier_ids).select_related("plan")
        fields += list(earlier.order_by("plan_id", "number"))
    base = ""
    if language:
        base += f"&sprache={language}"
    if municipality_id:
        base += f"&kommune={municipality_id}"
    by_field = GapTable(
        caption="Angebote nach Handlungsfeld und Zielgruppe",
        columns=[str(group.label) for group in groups],
    )
    for field_of_action in [*fields, None]:
        key = field_of_action.pk if field_of_action else None
        label = str(field_of_action) if field_of_action else "ohne Handlungsfeld"
        if field_of_action and field_of_action.pk not in listed:
            label += f" ({field_of_action.plan.title})"
        field_query = f"feld={key}" if key else ""
        by_field.rows.append(
            GapRow(
                label=label,
                key=key,
                cells=[
                    GapCell(
                        counts.get((key, group.value), 0),
                        f"{field_query}&zielgruppe={group.value}{base}".lstrip("&"),
                    )
                    for group in groups
                ],
            )
        )
    municipalities = list(municipalities_of(organization))
    present = {code for code, _municipality in language_counts}
    codes = [code for code in language_names.CODES if code in present or code in ("de", "en")]
    codes += sorted(present - set(codes))
    by_language = GapTable(
        caption="Angebote nach Sprache und Kommune (Einzugsgebiet)",
        columns=[municipality.name for municipality in municipalities],
    )
    for code in codes:
        by_language.rows.append(
            GapRow(
                label=language_names.name(code),
                cells=[
                    GapCell(
                        language_counts.get((code, municipality.pk), 0),
                        f"sprache={code}&kommune={municipality.pk}",
                    )
                    for municipality in municipalities
                ],
            )
        )
    return GapView(
        by_field=by_field,
        by_language=by_language,
        offer_count=counted["offer_count"],
        languages=language_names.choices(),
        municipalities=municipalities,
    )


# Back office ---------------------------------------------------------------------------------


def inventory_counts(organization: Organization) -> dict[str, int]:
    return Offer.objects.of_organization(organization).aggregate(
        offers=Count("pk"),
        published=Count("pk", filter=Q(state="published")),
        drafts=Count("pk", filter=Q(state="draft")),
    ) | {
        "pending": PendingChange.objects.of_organization(organization).pending().count(),
    }


def providers_of(organization: Organization) -> QuerySet[Provider]:
    return Provider.objects.of_organization(organization).with_offer_count().order_by("name")


def networks_of(organization: Organization) -> QuerySet[Network]:
    return (
        Network.objects.of_organization(organization)
        .with_member_count()
        .select_related("coordinated_by")
        .order_by("name")
    )


def network_page(network: Network) -> dict:
    return {
        "members": list(
            network.members.select_related("provider").order_by("provider__name", "name")
        ),
        "meetings": list(network.meetings.all()),
        "fields": list(network.fields.all()),
        "measures": list(network.measures.select_related("field")),
        "recommendations": list(network.recommendations.all()),
    }


# Portal --------------------------------------------------------------------------------------


def directory_organizations() -> QuerySet[Organization]:
    """Organisations whose inventory the portal shows: they publish a plan, or at least one
    offer or network of their inventory is published (a town takes stock before its plan)."""
    published_offer = Offer.objects.filter(organization=OuterRef("pk"), state="published")
    published_network = Network.objects.filter(organization=OuterRef("pk"), state="published")
    return Organization.objects.filter(
        Q(pk__in=public_organizations().values("pk"))
        | Exists(published_offer)
        | Exists(published_network)
    )


def directory_organization(org_slug: str) -> Organization:
    return get_object_or_404(directory_organizations(), slug=org_slug)


def public_offers(organization: Organization) -> QuerySet[Offer]:
    return Offer.objects.of_organization(organization).published()


def public_offer(organization: Organization, offer_id: int) -> Offer:
    return get_object_or_404(public_offers(organization).for_page(), pk=offer_id)


def public_networks(organization: Organization) -> QuerySet[Network]:
    return (
        Network.objects.of_organization(organization)
        .published()
        .with_member_count()
        .select_related("coordinated_by")
        .order_by("name")
    )


def public_network(organization: Organization, network_id: int) -> tuple[Network, dict]:
    network = get_object_or_404(public_networks(organization), pk=network_id)
    members = network.members.select_related("provider")
    return network, {
        # Persons named as members are personal data: the portal names the providers only
        # and counts the others.
        "provider_members": [m for m in members if m.provider_id],
        "other_member_count": sum(1 for m in members if not m.provider_id),
        "meeting_count": network.meetings.count(),
        "last_meeting": network.meetings.order_by("-date").values_list("date", flat=True).first(),
        "fields": list(network.fields.filter(plan__in=Plan.objects.public())),
        "measures": list(
            network.measures.filter(field__plan__in=Plan.objects.public()).select_related(
                "field__plan"
            )
        ),
    }


def public_offer_links(offer: Offer) -> dict:
    """The offer's measures and fields on public plans only: a draft plan stays hidden."""
    public_plans = set(Plan.objects.public().values_list("pk", flat=True))
    return {
        "measures": [m for m in offer.measures.all() if m.field.plan_id in public_plans],
        "fields": [f for f in offer.fields.all() if f.plan_id in public_plans],
        # Published practices and funded projects of published calls only.
        "practices": list(offer.practices.published().order_by("title")),
        "grants": list(offer.grants.public().select_related("call").order_by("-call__year")),
    }


def provider_by_token(org_slug: str, token: str) -> Provider:
    from .services import hash_token

    if not token or len(token) > 100:
        raise Http404
    return get_object_or_404(
        Provider.objects.by_link_token_hash(hash_token(token)).select_related("organization"),
        organization__slug=org_slug,
    )


def measure_offers(measure: Measure, *, public: bool) -> dict:
    offers = Offer.objects.filter(measures=measure).select_related("provider").order_by("title")
    networks = Network.objects.filter(measures=measure).order_by("name")
    if public:
        offers, networks = offers.published(), networks.published()
    return {"offers": list(offers), "networks": list(networks)}


def other_members(network: Network) -> QuerySet[NetworkMember]:
    return network.members.filter(provider__isnull=True)


def public_fields(organization: Organization) -> list[FieldOfAction]:
    """The fields of the organisation's public plan (the directory's filter); none while the
    plan is a draft."""
    plan = Plan.objects.public().filter(organization=organization).current_first().first()
    return list(plan.fields.order_by("number")) if plan else []

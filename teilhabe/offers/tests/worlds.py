"""The inventory tests' world: the plans table's organisation with one person per role, and an
inventory on it — providers, offers (published, draft), a place, a network with a provider and
a person as members, a meeting, a provider's personal link and a pending proposal; and a
published offer of the stranger's organisation."""

import datetime as dt

from teilhabe.offers import services
from teilhabe.plans.tests import test_access_table as plans_table

PROVIDER_CONTACT = "Hanna Beispiel-Kontakt"
MEMBER_PERSON = "Petra Privatperson"


def build_offers_world() -> dict:
    world = plans_table.build_world()
    plan = world["plan"]
    organization = plan.organization
    by = world["people"]["coordinator"]
    provider = services.provider_create(
        organization=organization,
        name="Internationaler Frauentreff e. V.",
        kind="association",
        contact_name=PROVIDER_CONTACT,
        contact_email="kontakt@frauentreff.example.org",
        by=by,
    )
    other_provider = services.provider_create(
        organization=organization, name="Stadtbücherei", kind="office", by=by
    )
    field = plan.fields.get(number=1)
    offer = services.offer_create(
        organization=organization,
        provider=provider,
        title="Sprachcafé für Frauen",
        description="Deutsch sprechen in lockerer Runde.",
        state="published",
        schedule="dienstags 9–11 Uhr",
        fields=[field],
        measures=[world["measure"]],
        service_area=[organization],
        target_groups=["women", "newcomers"],
        languages=["de", "ar", "tr"],
        places=[{"name": "Bürgerhaus", "street": "Marktplatz 1", "postal_code": "70771"}],
        by=by,
    )
    draft = services.offer_create(
        organization=organization,
        provider=other_provider,
        title="Geheimer Entwurf Lesepaten",
        state="draft",
        target_groups=["children"],
        languages=["uk"],
        by=by,
    )
    network = services.network_create(
        organization=organization,
        name="Runder Tisch Integration",
        kind="round_table",
        state="published",
        measures=[world["measure"]],
        by=by,
    )
    member = services.member_add(network=network, provider=provider, role="Vorsitz", by=by)
    person = services.member_add(network=network, name=MEMBER_PERSON, role="Ehrenamt", by=by)
    meeting = services.meeting_add(network=network, date=dt.date(2020, 3, 10), by=by)
    token_url = services.provider_link_send(provider=provider, by=by)
    change = services.change_submit(
        provider=provider,
        offer=offer,
        proposed={**services.offer_editable_values(offer), "schedule": "mittwochs 9–11 Uhr"},
    )
    stranger_org = world["people"]["stranger"].memberships.first().organization
    stranger_provider = services.provider_create(
        organization=stranger_org, name="Fremder Träger", by=world["people"]["stranger"]
    )
    stranger_offer = services.offer_create(
        organization=stranger_org,
        provider=stranger_provider,
        title="Angebot anderswo",
        state="published",
        by=world["people"]["stranger"],
    )
    return {
        **world,
        "organization": organization,
        "provider": provider,
        "other_provider": other_provider,
        "offer": offer,
        "draft": draft,
        "place": offer.places.get(),
        "network": network,
        "member": member,
        "person": person,
        "meeting": meeting,
        "token": token_url.rstrip("/").rsplit("/", 1)[1],
        "change": change,
        "stranger_offer": stranger_offer,
    }

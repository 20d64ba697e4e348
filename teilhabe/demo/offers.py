"""Demo: Leinfelden-Echterdingen's IST-Stand with the ten offers and networks seed 004 names, and
the networks of Landkreis Böblingen that seed 002 names (Netzwerk Sprache, Gremium „Transparenz
in der Sprachförderung", Bündnis für bezahlbares Wohnen und Bauen), linked to the measures of
the Bilanz that report on them.

The seeds give names only. Everything else — providers' addresses, times, languages, places,
members — is invented for the demo and marked as sample data (`sample_data=True`, shown as
„Beispieldaten" on every page). One provider has a personal link with a known token and has
sent a change that waits for the coordinator's review, so the whole cycle can be shown.
"""

import datetime as dt

from django.db.models import Q

from teilhabe.offers import services
from teilhabe.offers.models import Provider
from teilhabe.organizations.models import Organization, User
from teilhabe.plans.models import FieldOfAction, Measure

# The demo's personal link: /leinfelden-echterdingen/angebote/pflege/<DEMO_PROVIDER_TOKEN>/
DEMO_PROVIDER_TOKEN = "demo-familienzentrum-le-2020"
LE_PLACE = {"postal_code": "70771", "city": "Leinfelden-Echterdingen"}

# (name, kind) of the invented providers of Leinfelden-Echterdingen.
LE_PROVIDERS = {
    "stadt": ("Stadt Leinfelden-Echterdingen, Amt für soziale Dienste", "office"),
    "familie": ("Familienzentrum Leinfelden-Echterdingen (Beispielträger)", "association"),
    "asyl": ("Freundeskreis Asyl Leinfelden-Echterdingen (Beispielträger)", "initiative"),
    "kirche": ("Evangelische Kirchengemeinde (Beispielträger)", "religious"),
    "moschee": ("Türkisch-Islamischer Kulturverein (Beispielträger)", "migrant_organization"),
    "arbeit": ("Bildungsträger Arbeit und Beruf (Beispielträger)", "education"),
}

# title, provider, LE field numbers, target groups, languages, schedule, place, description
LE_OFFERS = [
    (
        "Dolmetscherpool",
        "stadt",
        [2],
        ["everyone", "refugees", "newcomers"],
        ["de", "ar", "tr", "fa", "ru", "uk", "en", "ti"],
        "nach Vereinbarung, Anfrage mindestens fünf Werktage vorher",
        ("Rathaus Leinfelden", "Marktplatz 1"),
        (
            "Ehrenamtliche Sprachmittlerinnen und Sprachmittler begleiten zu Gesprächen in Ämtern, "
            "Schulen und Kitas."
        ),
    ),
    (
        "Internationale Krabbelgruppe und Babytreff",
        "familie",
        [3, 4],
        ["families", "children", "women"],
        ["de", "tr", "ar", "en"],
        "donnerstags 9.30–11 Uhr",
        ("Familienzentrum", "Bahnhofstraße 10"),
        (
            "Eltern mit Babys und Kleinkindern aus aller Welt treffen sich zum Spielen, Singen und "
            "Austauschen."
        ),
    ),
    (
        "Kommunaler Flüchtlingsdialog",
        "stadt",
        [1, 2, 4],
        ["refugees", "volunteers", "professionals"],
        ["de", "ar", "fa"],
        "einmal im Jahr, zuletzt 2017",
        ("Stadthalle Filderhalle", "Bahnhofstraße 61"),
        (
            "Geflüchtete, Ehrenamtliche, Verwaltung und Träger sprechen über das, was gelingt und "
            "was fehlt; die Themen fließen in den Integrationsplan ein."
        ),
    ),
    (
        "LE mietet",
        "stadt",
        [2],
        ["refugees", "families"],
        ["de"],
        "Beratung montags 14–16 Uhr",
        ("Rathaus Echterdingen", "Bernhäuser Straße 13"),
        (
            "Die Stadt mietet Wohnungen von privaten Vermieterinnen und Vermietern an und vermietet "
            "sie an Menschen mit Anschlussunterbringung weiter."
        ),
    ),
    (
        "Projekt Integration durch Arbeit",
        "arbeit",
        [2],
        ["jobseekers", "refugees"],
        ["de", "ar", "fa", "prs", "ti"],
        "Sprechstunde dienstags 10–12 Uhr",
        ("Bürgerhaus Leinfelden", "Neuer Markt 3"),
        (
            "Begleitung auf dem Weg in Ausbildung und Arbeit: Bewerbung, Praktika, Kontakte zu "
            "Betrieben."
        ),
    ),
    (
        "Interkulturelle Woche",
        "stadt",
        [4],
        ["everyone"],
        ["de", "en", "tr", "it", "el"],
        "jedes Jahr Ende September",
        ("Stadtgebiet, verschiedene Orte", ""),
        "Eine Woche mit Festen, Gesprächen und Kultur von Vereinen und Gemeinden der Stadt.",
    ),
    (
        "„Qualifiziert Engagiert“ – Fortbildungen für Ehrenamtliche",
        "asyl",
        [1],
        ["volunteers"],
        ["de"],
        "vier Abende im Halbjahr, 18–21 Uhr",
        ("Volkshochschule", "Neuer Markt 3"),
        (
            "Fortbildungen für Ehrenamtliche: Asylrecht, interkulturelle Kommunikation, Umgang mit "
            "belastenden Situationen."
        ),
    ),
]

# name, kind, coordinated by, LE field numbers, purpose, members ((provider key | person), role)
LE_NETWORKS = [
    (
        "Leinfelden-Echterdingen interkulturelle Plattform (LEIK)",
        "platform",
        "stadt",
        [4],
        (
            "Vereine, Migrantenorganisationen und Verwaltung tauschen sich aus und planen "
            "gemeinsame Veranstaltungen wie die Interkulturelle Woche."
        ),
        [("stadt", "Geschäftsführung"), ("moschee", ""), ("kirche", ""), ("familie", "")],
    ),
    (
        "Arbeitskreis Religionen im Gespräch",
        "working_group",
        "kirche",
        [4],
        (
            "Christliche, muslimische und weitere Gemeinden der Stadt im Gespräch über das "
            "Zusammenleben."
        ),
        [("kirche", "Sprecherin"), ("moschee", "Sprecher")],
    ),
    (
        "Runder Tisch Flüchtlingsarbeit",
        "round_table",
        "stadt",
        [1, 2],
        (
            "Stadt, Freundeskreise, Träger und Kirchengemeinden stimmen die Arbeit mit Geflüchteten "
            "ab."
        ),
        [
            ("stadt", "Moderation"),
            ("asyl", ""),
            ("arbeit", ""),
            ("Sozialarbeit der Unterkünfte", ""),
        ],
    ),
]


def _le_inventory(le: Organization, by: User | None) -> None:
    fields = {
        f.number: f for f in FieldOfAction.objects.filter(plan__organization=le).order_by("plan_id")
    }
    providers = {
        key: services.provider_create(organization=le, name=name, kind=kind, by=by)
        for key, (name, kind) in LE_PROVIDERS.items()
    }
    services.provider_update(
        provider=providers["familie"],
        contact_name="Frau Beispiel",
        contact_email="familienzentrum@le.example",
        email="info@familienzentrum.le.example",
        by=by,
    )
    offers = {}
    for title, provider, numbers, groups, codes, schedule, place, text in LE_OFFERS:
        offers[title] = services.offer_create(
            organization=le,
            provider=providers[provider],
            title=title,
            description=text,
            schedule=schedule,
            fields=[fields[n] for n in numbers if n in fields],
            service_area=[le],
            target_groups=groups,
            languages=codes,
            places=[
                {
                    "name": place[0],
                    "street": place[1],
                    **(LE_PLACE if place[1] else {}),
                    "wheelchair_accessible": bool(place[1]),
                    "accessibility": "Aufzug, barrierefreies WC" if place[1] else "",
                }
            ],
            state="published",
            sample_data=True,
            last_verified=dt.date(2020, 6, 30),
            by=by,
        )
    for name, kind, coordinator, numbers, purpose, members in LE_NETWORKS:
        network = services.network_create(
            organization=le,
            name=name,
            kind=kind,
            coordinated_by=providers[coordinator],
            purpose=purpose,
            meeting_rhythm="viermal im Jahr",
            fields=[fields[n] for n in numbers if n in fields],
            state="published",
            sample_data=True,
            last_verified=dt.date(2020, 6, 30),
            by=by,
        )
        for member, role in members:
            if member in providers:
                services.member_add(network=network, provider=providers[member], role=role, by=by)
            else:
                services.member_add(network=network, name=member, role=role, by=by)
        for day in (dt.date(2019, 11, 12), dt.date(2020, 2, 18)):
            services.meeting_add(network=network, date=day, topic="Austausch", by=by)
    # The Familienzentrum's personal link, with a change that waits for the review.
    family = providers["familie"]
    Provider.objects.filter(pk=family.pk).update(
        link_token_hash=services.hash_token(DEMO_PROVIDER_TOKEN)
    )
    group = offers["Internationale Krabbelgruppe und Babytreff"]
    services.change_submit(
        provider=family,
        offer=group,
        proposed={
            **services.offer_editable_values(group),
            "schedule": "donnerstags 9.30–11 Uhr und freitags 15–16.30 Uhr",
            "languages": ["de", "tr", "ar", "en", "uk"],
        },
        note="Seit Mai gibt es einen zweiten Termin; eine Mutter spricht Ukrainisch.",
    )


# name, kind, coordinated by (provider name), purpose (from seed 002), measure search words
BOEBLINGEN_NETWORKS = [
    (
        "Netzwerk Sprache",
        "platform",
        "Stadt Sindelfingen",
        (
            "„Netzwerk Sprache“ ist eine Plattform, die von der Stadt Sindelfingen initiiert wurde, "
            "um den verschiedenen Akteuren einen regelmäßigen Informationsaustausch zu bieten "
            "(Bilanz 2017, Beispiele aus dem Landkreis zum Handlungsfeld „Sprache“)."
        ),
        (),
    ),
    (
        "Gremium „Transparenz in der Sprachförderung“",
        "committee",
        "Landratsamt Böblingen, Amt für Migration und Flüchtlinge",
        (
            "Im Gremium Transparenz in der Sprachförderung werden aktuelle Themen und "
            "Handlungsmaßnahmen in Bezug auf den Spracherwerb von erwachsenen Flüchtlingen gemeinsam "
            "diskutiert und in Angriff genommen (Bilanz 2017)."
        ),
        ("Austausch mit diversen Trägern",),
    ),
    (
        "Bündnis für bezahlbares Wohnen und Bauen",
        "alliance",
        "Landratsamt Böblingen, Sozialdezernat",
        (
            "Schwerpunkt ist ein Dialog mit den Kommunen, der Immobilienwirtschaft sowie der Liga "
            "der freien Wohlfahrtspflege. Die Themen Migration und Flüchtlinge werden über den "
            "Sozialdezernenten vertreten (Bilanz 2017)."
        ),
        ("Runder Tisch",),
    ),
]


def _boeblingen_networks(boeblingen: Organization, by: User | None) -> None:
    measures = Measure.objects.filter(field__plan__organization=boeblingen)
    for name, kind, coordinator, purpose, words in BOEBLINGEN_NETWORKS:
        provider = Provider.objects.filter(organization=boeblingen, name=coordinator).first()
        if provider is None:
            provider = services.provider_create(
                organization=boeblingen, name=coordinator, kind="office", by=by
            )
        linked = []
        for word in words:
            linked += list(
                measures.filter(Q(title__icontains=word) | Q(description__icontains=word))[:1]
            )
        network = services.network_create(
            organization=boeblingen,
            name=name,
            kind=kind,
            coordinated_by=provider,
            purpose=purpose,
            measures=linked,
            state="published",
            by=by,
        )
        services.member_add(network=network, provider=provider, role="Koordination", by=by)


def load_offers_demo() -> None:
    le = Organization.objects.filter(slug="leinfelden-echterdingen").first()
    coordinator = User.objects.filter(email="integration@le.example").first()
    if le is not None:
        _le_inventory(le, coordinator)
    boeblingen = Organization.objects.filter(slug="landkreis-boeblingen").first()
    if boeblingen is not None:
        _boeblingen_networks(
            boeblingen, User.objects.filter(email="koordination@lrabb.example").first()
        )

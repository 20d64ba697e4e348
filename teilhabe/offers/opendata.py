"""The published inventory as open data: a flat table (CSV, XLSX, JSON) and an export in the
Open Referral Human Services Data Specification (HSDS 3.0).

HSDS 3.0 (https://docs.openreferral.org/en/latest/hsds/) describes services by tables; the
export gives them as one JSON document with an array per table, the objects carrying the
fields of the HSDS schema that the inventory has:

- organization: id, name, description, email, website
- service: id, organization_id, name, description, url, email, status ("active"),
  fees_description, eligibility_description, last_modified, and nested
  languages [{id, service_id, name, code}], service_areas [{id, service_id, name, extent_type,
  extent}] (extent: the municipality's AGS), schedules [{id, service_id, description}],
  phones [{id, service_id, number}], service_at_locations [{id, service_id, location_id}]
- location: id, location_type ("physical"), name, addresses [{id, location_id, address_1,
  city, postal_code, country ("DE"), address_type ("physical")}], accessibility [{id,
  location_id, description}]

HSDS ids are UUIDs; ours are derived (uuid5 of the installation's address and the row's key),
so they stay the same from one export to the next. Only published offers and their public
details go out; a provider's contact person never does.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterator

from django.conf import settings

from teilhabe.organizations.models import Organization

from . import languages as language_names
from .models import Offer, TargetGroup

HSDS_VERSION = "3.0"
COLUMNS = [
    "id",
    "titel",
    "traeger",
    "beschreibung",
    "handlungsfelder",
    "zielgruppen",
    "sprachen",
    "orte",
    "zeiten",
    "kostenlos",
    "kosten",
    "voraussetzungen",
    "einzugsgebiet",
    "kontakt_email",
    "kontakt_telefon",
    "internetseite",
    "zuletzt_geprueft",
]
_FORMULA_START = tuple("=+-@")


def _offers(organization: Organization):
    return (
        Offer.objects.of_organization(organization)
        .published()
        .select_related("provider")
        .prefetch_related("languages", "target_groups", "places", "fields", "service_area")
        .order_by("pk")
    )


def _address(place) -> str:
    parts = [place.name, place.street, " ".join(p for p in (place.postal_code, place.city) if p)]
    return ", ".join(part for part in parts if part)


def rows(organization: Organization) -> Iterator[dict[str, object]]:
    for offer in _offers(organization).iterator(chunk_size=2000):
        yield {
            "id": offer.pk,
            "titel": offer.title,
            "traeger": offer.provider.name,
            "beschreibung": offer.description,
            "handlungsfelder": ", ".join(str(f) for f in offer.fields.all()),
            "zielgruppen": ", ".join(
                str(TargetGroup(g.group).label) for g in offer.target_groups.all()
            ),
            "sprachen": ", ".join(sorted(lang.code for lang in offer.languages.all())),
            "orte": " | ".join(_address(place) for place in offer.places.all()),
            "zeiten": offer.schedule,
            "kostenlos": offer.free_of_charge,
            "kosten": offer.cost,
            "voraussetzungen": offer.eligibility,
            "einzugsgebiet": ", ".join(m.name for m in offer.service_area.all()),
            "kontakt_email": offer.contact_email,
            "kontakt_telefon": offer.contact_phone,
            "internetseite": offer.website,
            "zuletzt_geprueft": offer.last_verified.isoformat() if offer.last_verified else "",
        }


def _safe(value: object) -> object:
    # A spreadsheet runs a cell starting with = + - @ as a formula ("CSV injection").
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return value


def as_csv(organization: Organization) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=";")
    writer.writeheader()
    for row in rows(organization):
        writer.writerow({key: _safe(value) for key, value in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode()


def as_xlsx(organization: Organization) -> bytes:
    # Imported when a workbook is written, not with the views: a web worker that serves
    # pages does without openpyxl (and lxml), ~12 MB.
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Angebote")
    sheet.append(COLUMNS)
    for row in rows(organization):
        sheet.append([_safe(row[key]) for key in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_json(organization: Organization) -> bytes:
    document = {"organisation": organization.name, "angebote": list(rows(organization))}
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def _id(kind: str, key: object) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/hsds/{kind}/{key}"))


def as_hsds(organization: Organization) -> dict:
    """The published offers of the organisation's inventory as HSDS 3.0 tables."""
    organizations: dict[int, dict] = {}
    services = []
    locations = []
    for offer in _offers(organization).iterator(chunk_size=2000):
        provider = offer.provider
        if provider.pk not in organizations:
            organizations[provider.pk] = {
                "id": _id("organization", provider.pk),
                "name": provider.name,
                "description": provider.description,
                "email": provider.email,
                "website": provider.website,
            }
        service_id = _id("service", offer.pk)
        service = {
            "id": service_id,
            "organization_id": organizations[provider.pk]["id"],
            "name": offer.title,
            "description": offer.description,
            "url": offer.website,
            "email": offer.contact_email,
            "status": "active",
            "fees_description": "kostenlos" if offer.free_of_charge else offer.cost,
            "eligibility_description": offer.eligibility,
            "last_modified": offer.last_verified.isoformat() if offer.last_verified else None,
            "languages": [
                {
                    "id": _id("language", f"{offer.pk}/{lang.code}"),
                    "service_id": service_id,
                    "name": language_names.name(lang.code),
                    "code": lang.code,
                }
                for lang in offer.languages.all()
            ],
            "service_areas": [
                {
                    "id": _id("service_area", f"{offer.pk}/{m.pk}"),
                    "service_id": service_id,
                    "name": m.name,
                    "extent_type": "ags" if m.ags else "",
                    "extent": m.ags,
                }
                for m in offer.service_area.all()
            ],
            "schedules": (
                [
                    {
                        "id": _id("schedule", offer.pk),
                        "service_id": service_id,
                        "description": offer.schedule,
                    }
                ]
                if offer.schedule
                else []
            ),
            "phones": (
                [
                    {
                        "id": _id("phone", offer.pk),
                        "service_id": service_id,
                        "number": offer.contact_phone,
                    }
                ]
                if offer.contact_phone
                else []
            ),
            "service_at_locations": [],
        }
        for place in offer.places.all():
            location_id = _id("location", place.pk)
            service["service_at_locations"].append(
                {
                    "id": _id("service_at_location", place.pk),
                    "service_id": service_id,
                    "location_id": location_id,
                }
            )
            accessibility = [place.accessibility] if place.accessibility else []
            if place.wheelchair_accessible is not None:
                accessibility.insert(
                    0,
                    "rollstuhlgerecht" if place.wheelchair_accessible else "nicht rollstuhlgerecht",
                )
            locations.append(
                {
                    "id": location_id,
                    "location_type": "physical",
                    "name": place.name,
                    "addresses": [
                        {
                            "id": _id("address", place.pk),
                            "location_id": location_id,
                            "address_1": place.street,
                            "city": place.city,
                            "postal_code": place.postal_code,
                            "country": "DE",
                            "address_type": "physical",
                        }
                    ],
                    "accessibility": [
                        {
                            "id": _id("accessibility", f"{place.pk}/{n}"),
                            "location_id": location_id,
                            "description": text,
                        }
                        for n, text in enumerate(accessibility)
                    ],
                }
            )
        services.append(service)
    return {
        "hsds_version": HSDS_VERSION,
        "publisher": organization.name,
        "organizations": list(organizations.values()),
        "services": services,
        "locations": locations,
    }

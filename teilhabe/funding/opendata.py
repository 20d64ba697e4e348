"""Funded projects and the statistics per round as open data (CSV, XLSX, JSON; licence
dl-de/by-2-0). Only what the portal shows: no contact person, no cost plan, nothing not funded.
Fields of action of plans that are not public are left out."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.conf import settings

from teilhabe.organizations.models import Organization

from . import exports, selectors

HEADER = [
    "Jahr",
    "Fonds",
    "Antragsnummer",
    "Projekt",
    "Organisation",
    "Stadt oder Gemeinde",
    "Förderbereich",
    "Handlungsfelder",
    "Bewilligt (EUR)",
    "Beginn",
    "Ende",
    "Kurzbeschreibung",
    "Beispieldaten",
]


def _fields(application) -> str:
    return "; ".join(
        f"{f.number} {f.title}" for f in application.fields.all() if f.plan.status != "draft"
    )


def rows(organization: Organization) -> list[list[Any]]:
    projects = selectors.funded_projects(organization)
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(projects, "fields__plan")
    return [
        [
            p.call.year,
            p.call.fund.name,
            p.number,
            p.title,
            p.applicant_name,
            p.municipality,
            p.get_area_display() if p.area else "",
            _fields(p),
            p.approved_amount,
            p.starts_on,
            p.ends_on,
            p.summary,
            "ja" if p.sample_data else "nein",
        ]
        for p in projects
    ]


def as_csv(organization: Organization) -> bytes:
    return exports.as_csv(HEADER, rows(organization))


def as_xlsx(organization: Organization) -> bytes:
    return exports.as_xlsx("Geförderte Projekte", HEADER, rows(organization))


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def as_json(organization: Organization) -> bytes:
    keys = [
        "jahr",
        "fonds",
        "antragsnummer",
        "projekt",
        "organisation",
        "gemeinde",
        "foerderbereich",
        "handlungsfelder",
        "bewilligt",
        "beginn",
        "ende",
        "kurzbeschreibung",
        "beispieldaten",
    ]
    document = {
        "organisation": organization.name,
        "lizenz": "dl-de/by-2-0",
        "quelle": getattr(settings, "SITE_URL", ""),
        "statistik": [
            {
                "fonds": fund.name,
                "runden": [
                    {
                        "jahr": s.year,
                        "antraege": s.applications,
                        "beantragt": str(s.requested),
                        "gefoerdert": s.funded,
                        "bewilligt": str(s.approved),
                        "budget": str(s.budget),
                    }
                    for s in selectors.statistics(fund)
                ],
            }
            for fund in selectors.public_funds(organization)
        ],
        "projekte": [
            {
                **dict(zip(keys, map(_json_value, row), strict=True)),
                "beispieldaten": row[-1] == "ja",
            }
            for row in rows(organization)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()

"""Builders for tests and benchmarks: small, real data made through the service functions."""

import datetime as dt
import itertools

from teilhabe.organizations import services as org_services
from teilhabe.organizations.models import Role
from teilhabe.plans import services

_counter = itertools.count(1)

STATUS_CYCLE = [
    ("done", None, "100% umgesetzt"),
    ("in_progress", 50, "Umsetzung 50%"),
    ("in_coordination", None, "Befindet sich im Abstimmungsprozess"),
    ("not_started", None, "Nicht umgesetzt."),
    ("not_possible", None, "Umsetzung nicht möglich"),
    ("unknown", None, ""),
]


def make_organization(name: str | None = None, kind: str = "district", **extra):
    n = next(_counter)
    name = name or f"Landkreis Test {n}"
    return org_services.organization_create(name=name, slug=f"org-{n}", kind=kind, **extra)


def make_user(organization=None, role: str | None = None, unit=None, email: str | None = None):
    n = next(_counter)
    user = org_services.user_create(
        email=email or f"person{n}@example.org",
        password="geheim-123",
        first_name="Test",
        last_name=f"Person {n}",
    )
    if organization is not None and role is not None:
        org_services.membership_set(user=user, organization=organization, role=role, unit=unit)
    return user


def make_plan(
    organization=None,
    *,
    status: str = "adopted",
    fields: int = 2,
    measures_per_field: int = 3,
    units: int = 2,
    by=None,
):
    """A plan with fields, measures led by offices, and one draft report with mixed statuses."""
    organization = organization or make_organization()
    n = next(_counter)
    unit_objs = [
        org_services.unit_create(
            organization=organization,
            name=f"Amt {i + 1} ({n})",
            email=f"amt{i + 1}-{n}@example.org",
        )
        for i in range(units)
    ]
    plan = services.plan_create(
        organization=organization,
        title=f"Integrationsplan {organization.name}",
        slug=f"plan-{n}",
        status=status,
        adopted_on=dt.date(2014, 12, 15) if status != "draft" else None,
        by=by,
    )
    statuses = itertools.cycle(STATUS_CYCLE)
    for f in range(1, fields + 1):
        field = services.field_create(
            plan=plan, number=f, title=f"Handlungsfeld {f}", motto=f"Motto {f}", by=by
        )
        for m in range(measures_per_field):
            services.measure_create(
                field=field,
                title=f"Maßnahme {f}.{m + 1}",
                lead_unit=unit_objs[m % len(unit_objs)] if unit_objs else None,
                by=by,
            )
    report = services.report_create(
        plan=plan, as_of=dt.date(2017, 2, 20), title="Bilanz 2017", by=by
    )
    for entry in report.entries.select_related("report").order_by(
        "measure__field__number", "measure__position"
    ):
        status_key, percent, wording = next(statuses)
        services.measure_update_progress(
            entry=entry,
            version=entry.version,
            status=status_key,
            percent=percent,
            description=f"Beschreibung zu {entry.measure_id}",
            original_wording=wording,
            by=by,
        )
    return plan, report, unit_objs


# The roles of a membership (the role vocabulary of the tests is teilhabe.testing.roles.ROLES).
MEMBERSHIP_ROLES = [Role.ADMIN, Role.COORDINATOR, Role.EDITOR, Role.READER]

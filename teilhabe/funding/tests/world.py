"""The fund tests' world: the plans table's organisation with one person per role, plus a
reviewer, a reviewer who declared a conflict of interest and a person of the finance office
(all three with the role Lesezugriff), and a fund "Zusammenleben gestalten" with an open call
and applications in every state:

    draft       started, not submitted
    submitted   submitted, not checked
    eligible    checked; scored by the reviewer, the other reviewer declared a conflict
    approved    approved (partially), an instalment paid, a file attached, proof of use open
    rejected    rejected with reasons
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from teilhabe.funding.services import applications as apps
from teilhabe.funding.services import decisions, money, reviews, setup
from teilhabe.organizations.models import Role
from teilhabe.plans.tests import test_access_table as plans_table
from teilhabe.testing.builders import make_user

CONTACT = "Selin Beispiel-Kontakt"
TODAY = timezone.localdate()


def fill(application, *, title: str, requested: str = "2000.00", field=None, measure=None):
    """A complete draft: every field the submission needs and a cost plan that adds up."""
    requested_amount = Decimal(requested)
    costs = requested_amount + Decimal("500.00")
    return apps.application_update(
        application=application,
        version=application.version,
        cost_rows=[
            ("expense", "Honorare", f"{costs - Decimal('300.00')}"),
            ("expense", "Material", "300,00"),
            ("own", "Eigenleistung des Vereins", "500,00"),
        ],
        fields=[field.pk] if field else [],
        measures=[measure.pk] if measure else [],
        title=title,
        summary=f"{title}: kurz beschrieben.",
        description="Was wir vorhaben, mit wem und wozu.",
        area="society",
        municipality="Sindelfingen",
        starts_on=TODAY + dt.timedelta(days=60),
        ends_on=TODAY + dt.timedelta(days=200),
        requested_amount=requested_amount,
        answers={
            "Wie erreichen Sie Ihre Zielgruppe?": "Über die Moscheegemeinde und den Sportverein."
        },
    )


def start(call, name: str, title: str):
    application, token = apps.application_start(
        call=call,
        applicant_name=name,
        applicant_kind="association",
        contact_name=CONTACT,
        contact_email=f"{title.split()[0].lower().encode('ascii', 'ignore').decode()}@verein.example.org",
        title=title,
        today=TODAY,
    )
    return application, token


def build_funding_world() -> dict:
    world = plans_table.build_world()
    plan = world["plan"]
    organization = plan.organization
    people = world["people"]
    for role in ("reviewer", "reviewer_conflict", "finance"):
        people[role] = make_user(organization, Role.READER)
    by = people["coordinator"]
    unit = world["units"][0]
    unit.email = "amt@lra.example.org"
    unit.save()
    fund = setup.fund_create(
        organization=organization,
        name="Integrationsfonds „Zusammenleben gestalten“",
        slug="zusammenleben-gestalten",
        purpose="Projekte und Initiativen für Bildung, Sprachförderung und Gesellschaft.",
        council_paper="KT-Drucks. 083/2019",
        established_year=2019,
        annual_budget=Decimal("20000.00"),
        deciding_unit=unit,
        by=by,
    )
    setup.fund_finance_set(fund=fund, people=[people["finance"]], by=by)
    call = setup.call_create(
        fund=fund,
        year=TODAY.year,
        by=by,
        opens_on=TODAY - dt.timedelta(days=30),
        deadline=TODAY + dt.timedelta(days=30),
        areas=["education", "language", "society"],
        eligible_kinds=["association", "migrant_organization", "initiative"],
        min_amount=Decimal("500.00"),
        max_amount=Decimal("5000.00"),
        questions=["Wie erreichen Sie Ihre Zielgruppe?"],
        published=True,
    )
    for role in ("reviewer", "reviewer_conflict"):
        setup.reviewer_add(call=call, user=people[role], by=by)
    field = plan.fields.get(number=1)
    measure = world["measure"]
    applications, tokens = {}, {}
    for key, name, title in [
        ("draft", "Kulturbrücke e. V.", "Erzählcafé"),
        ("submitted", "Elternnetz e. V.", "Elternabende mehrsprachig"),
        ("eligible", "Jugendforum e. V.", "Demokratie-Werkstatt"),
        ("approved", "Filmwerkstatt e. V.", "Filmprojekt mit jungen Zugewanderten"),
        ("rejected", "Sportfreunde e. V.", "Turnier"),
    ]:
        application, token = start(call, name, title)
        if key != "draft":
            application = fill(application, title=title, field=field, measure=measure)
            application = apps.application_submit(application=application, today=TODAY)
        if key in ("eligible", "approved", "rejected"):
            application = reviews.eligibility_check(
                application=application, eligible=True, note="", by=by
            )
        applications[key], tokens[key] = application, token
    eligible = applications["eligible"]
    reviews.review_save(
        application=eligible,
        reviewer=people["reviewer"],
        scores=dict.fromkeys(call.criteria, 4),
        recommendation="approve",
        comment="Stark vernetzt.",
    )
    reviews.conflict_declare(
        application=eligible, reviewer=people["reviewer_conflict"], note="Vorstandsmitglied"
    )
    approved = decisions.decide(
        application=applications["approved"], outcome="partial", amount=Decimal("1500.00"), by=by
    )
    money.payment_record(
        application=approved, kind="payout", amount=Decimal("750.00"), booked_on=TODAY, by=by
    )
    attachment = apps.attachment_add(
        application=approved,
        upload=SimpleUploadedFile("flyer.pdf", b"%PDF-1.4 flyer", content_type="application/pdf"),
        for_proof=True,
    )
    rejected = decisions.decide(
        application=applications["rejected"],
        outcome="reject",
        reasons="Kein Bezug zum Zweck.",
        by=by,
    )
    applications["approved"], applications["rejected"] = approved, rejected
    return {
        **world,
        "organization": organization,
        "stranger_slug": world["people"]["stranger"].memberships.get().organization.slug,
        "fund": fund,
        "call": call,
        "field": field,
        "applications": applications,
        "tokens": tokens,
        "attachment": attachment,
        "template": fund.letter_templates.get(kind="approval"),
        "payment": approved.payments.first(),
    }

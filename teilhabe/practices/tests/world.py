"""The practice tests' world: the fund world (plans table roles, a fund with a closed project
added here) plus practices: one published with partners, a public contact and pictures with
and without consent; one draft; a brochure edition; and the stranger's organisation."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from teilhabe.funding.services import money
from teilhabe.funding.tests.world import TODAY, build_funding_world
from teilhabe.plans import services as plan_services
from teilhabe.practices import services

SECRET_CONTACT = "Vera Vertraulich"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)
TEXTS = {
    "approach": "Ehrenamtliche begleiten Familien zu Ämtern.",
    "cooperation": "Mit dem Jobcenter und den Kitas.",
    "added_value": "Familien finden schneller Hilfe.",
    "success_factors": "Feste Ansprechpersonen.",
}


def build_practices_world() -> dict:
    w = build_funding_world()
    by = w["people"]["coordinator"]
    organization = w["organization"]
    approved = w["applications"]["approved"]
    proof = approved.proof
    lines = list(approved.cost_lines.all())
    money.proof_save(
        proof=proof,
        report="Der Film lief im Kino.",
        participants=12,
        actuals={x.pk: "100" for x in lines},
        receipts=[(TODAY.isoformat(), "Kino", "Miete", "100")],
    )
    money.proof_submit(proof=proof)
    money.proof_accept(proof=proof, by=by)
    example = plan_services.example_add(
        report=w["report"],
        field=w["field"],
        text="Das Projekt „Elternlotsen“ begleitet Familien.",
        by=by,
    )
    published = services.practice_create(
        organization=organization,
        by=by,
        title="Familienlotsen",
        area="society",
        municipality="Sindelfingen",
        provider="Caritas",
        contact_name="Paula Öffentlich",
        contact_email="paula@caritas.example",
        contact_public=True,
        fields=[w["field"]],
        target_groups=["families"],
        partners=[("Jobcenter", "Beratung")],
        **TEXTS,
    )
    published = services.practice_publish(practice=published, publish=True, by=by)
    hidden = services.practice_create(
        organization=organization,
        by=by,
        title="Geheimer Entwurf",
        area="education",
        contact_name=SECRET_CONTACT,
        **TEXTS,
    )
    consented = services.picture_add(
        practice=published,
        upload=SimpleUploadedFile("fest.png", PNG),
        alt="Fest im Hof",
        consent=True,
        consent_note="Alle Abgebildeten, schriftlich, 3.5.",
        by=by,
    )
    internal = services.picture_add(
        practice=published,
        upload=SimpleUploadedFile("intern.png", PNG),
        alt="Nur intern",
        consent=False,
        consent_note="",
        by=by,
    )
    edition = services.edition_save(
        organization=organization, by=by, practices=[published], year=2021
    )
    return {
        **w,
        "practice": published,
        "draft": hidden,
        "example": example,
        "closed_grant": approved,
        "picture": consented,
        "internal_picture": internal,
        "partner": published.partners.get(),
        "edition": edition,
        "amount": Decimal("1500.00"),
    }

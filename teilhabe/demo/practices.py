"""Demo of good practice (issue 13, seed 003): Landkreis Böblingen's practices, promoted from the
Bilanz 2017's "Beispiele aus dem Landkreis" (their text from seed 002 becomes the approach) and
from closed projects of the integration fund (their Sachbericht), completed with sample texts
marked as sample data; Leinfelden-Echterdingen took one up; and the brochure edition "Good-
Practice im Landkreis Böblingen – …" with all of them, from which the Vorlage like KT-Drucks.
197/2021 is generated. Everything runs through the services."""

from __future__ import annotations

from django.db import transaction

from teilhabe.funding.models import Application
from teilhabe.organizations.models import Organization, User
from teilhabe.plans.models import Example
from teilhabe.practices import services
from teilhabe.practices.models import Practice

COMPLETION = {
    "summary": "Beispieldaten: Ein Angebot, das Menschen mit Zuwanderungsgeschichte und "
    "Einheimische zusammenbringt.",
    "cooperation": "Beispieldaten: Das Projekt arbeitet mit Vereinen, Schulen, dem Jobcenter und "
    "den Integrationsbeauftragten der Städte und Gemeinden zusammen; man trifft sich "
    "vierteljährlich im Netzwerk.",
    "added_value": "Beispieldaten: Die Teilnehmenden finden schneller Anschluss; Fachkräfte "
    "erreichen Familien, die sie sonst nicht erreichen.",
    "success_factors": "Beispieldaten: feste Ansprechpersonen, mehrsprachige Einladungen, "
    "Räume im Quartier und verlässliche Finanzierung.",
    "transferability": "Beispieldaten: Mit einem Träger vor Ort und einem kleinen Budget in "
    "jeder Gemeinde umsetzbar.",
}
TARGET_GROUPS = ["newcomers", "families"]


def _complete(practice: Practice, by: User | None) -> Practice:
    practice = services.practice_update(
        practice=practice,
        version=practice.version,
        by=by,
        target_groups=TARGET_GROUPS,
        sample_data=True,
        **{k: v for k, v in COMPLETION.items() if not getattr(practice, k)},
    )
    services.partner_add(
        practice=practice, name="Integrationsbeauftragte der Kommunen", role="Netzwerk", by=by
    )
    return services.practice_publish(practice=practice, publish=True, by=by)


@transaction.atomic
def load_practices_demo() -> None:
    boeblingen = Organization.objects.get(slug="landkreis-boeblingen")
    by = User.objects.filter(email="koordination@lrabb.example").first()
    examples = Example.objects.filter(field__plan__organization=boeblingen).select_related(
        "field__plan"
    )
    for example in examples.order_by("field__number", "pk"):
        _complete(services.practice_from_example(example=example, by=by), by)
    grants = Application.objects.funded().filter(
        call__fund__organization=boeblingen, proof__status="accepted", call__year__lte=2020
    )
    for application in grants.order_by("call__year", "title"):
        _complete(services.practice_from_grant(application=application, by=by), by)
    le = Organization.objects.filter(slug="leinfelden-echterdingen").first()
    first = Practice.objects.filter(organization=boeblingen).order_by("pk").first()
    if le is not None and first is not None:
        services.adoption_record(
            practice=first,
            organization=le,
            year=2021,
            note="Beispieldaten: im Quartier Echterdingen",
            by=None,
        )
    published = list(
        Practice.objects.filter(organization=boeblingen).published().order_by("area", "pk")
    )
    services.edition_save(
        organization=boeblingen,
        by=by,
        practices=published,
        year=2021,
        foreword="Integration gelingt vor Ort: in Kitas und Schulen, in Vereinen, in Betrieben und in "
        "der Nachbarschaft. Diese Broschüre stellt Beispiele aus dem Landkreis vor, die zeigen, "
        "wie es gehen kann – zum Nachahmen und Weiterentwickeln.",
        foreword_by="Beispieldaten: Landrat",
    )

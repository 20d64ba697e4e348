"""Demo of the integration fund (issue 13, seed 003): the Landkreis Böblingen's Integrationsfonds
„Zusammenleben gestalten“, introduced with KT-Drucks. 083/2019 — 20,000 € a year, project ideas
until 30 June, decided by the Amt für Migration und Flüchtlinge. Seed 003 says that 20 projects
and initiatives in education, language support and society were funded since 2019 and names
their kinds (encounter formats, migrant organisations' professionalisation, film projects with
young migrants, democratic participation models); titles, applicants and amounts below are
invented and marked as sample data.

The calls 2019–2022 with their 20 funded projects (proofs of use in every state for 2022), and
one open call with applications in every state. Every step runs through the fund's services;
only the dates of past rounds are set afterwards, so that the history reads as it happened.

Applicants' personal links of the demo are fixed (DEMO_LINKS) so that one can try them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.test.utils import override_settings
from django.utils import timezone

from teilhabe.funding.models import Application, ProofOfUse
from teilhabe.funding.services import applications as apps
from teilhabe.funding.services import decisions, money, reviews, setup
from teilhabe.funding.services._common import hash_token
from teilhabe.organizations.models import Organization, Unit, User
from teilhabe.plans.models import FieldOfAction

DEMO_LINKS = {
    "draft": "demo-antrag-entwurf",
    "approved": "demo-antrag-bewilligt",
    "proof_open": "demo-antrag-nachweis",
}
FUND_PURPOSE = (
    "Der Integrationsfonds fördert Projekte und Initiativen, die das Zusammenleben von "
    "Menschen mit und ohne Zuwanderungsgeschichte im Landkreis gestalten: in der Bildung, "
    "in der Sprachförderung und in der Gesellschaft. Vereine, Migrantenorganisationen und "
    "Initiativen reichen ihre Projektideen bis zum 30. Juni ein; das Amt für Migration und "
    "Flüchtlinge entscheidet. Geförderte Projekte stellen wir hier vor und nach ihrem "
    "Abschluss in der Öffentlichkeit."
)
EASY_TEXT = (
    "Sie haben eine Idee für ein Projekt?\n"
    "Zum Beispiel: Menschen treffen sich. Kinder lernen Deutsch. Jugendliche machen einen Film.\n"
    "Dann können Sie Geld bekommen.\n"
    "Schreiben Sie uns: Was wollen Sie machen? Wer macht mit? Was kostet es?\n"
    "Bis zum 30. Juni."
)
QUESTIONS = [
    "Wie erreichen Sie Ihre Zielgruppe?",
    "Mit welchen Partnern arbeiten Sie zusammen?",
]
# year → (title, applicant, kind, area, municipality, amount, field number)
FUNDED = {
    2019: [
        (
            "Interkulturelles Nachbarschaftsfest",
            "Bürgerverein Eichholz e. V.",
            "association",
            "society",
            "Sindelfingen",
            "1800",
            8,
        ),
        (
            "Lernpatenschaften für Grundschulkinder",
            "Bildungsbrücke e. V.",
            "association",
            "education",
            "Böblingen",
            "2500",
            3,
        ),
        (
            "Deutsch im Alltag für Mütter",
            "Internationaler Frauentreff e. V.",
            "association",
            "language",
            "Herrenberg",
            "2200",
            2,
        ),
        (
            "Vereinsführung leicht gemacht – Workshops für Migrantenorganisationen",
            "Forum der Kulturen e. V.",
            "migrant_organization",
            "society",
            "Böblingen",
            "3000",
            8,
        ),
        (
            "Kochen verbindet",
            "Initiative Weltküche",
            "initiative",
            "society",
            "Leonberg",
            "1200",
            8,
        ),
    ],
    2020: [
        (
            "Filmprojekt „Angekommen?“ mit jungen Zugewanderten",
            "Jugendmedienwerkstatt e. V.",
            "association",
            "education",
            "Böblingen",
            "4000",
            3,
        ),
        (
            "Sprachcafé digital",
            "Freundeskreis Asyl Weil der Stadt",
            "initiative",
            "language",
            "Weil der Stadt",
            "1500",
            2,
        ),
        (
            "Elternmentorinnen an Kitas",
            "Türkisch-Deutscher Elternverein e. V.",
            "migrant_organization",
            "education",
            "Sindelfingen",
            "3500",
            3,
        ),
        (
            "Begegnungsgarten",
            "Gartenfreunde International e. V.",
            "association",
            "society",
            "Leonberg",
            "2000",
            8,
        ),
        (
            "Hausaufgabenhilfe mit Muttersprachlern",
            "Bildungsbrücke e. V.",
            "association",
            "education",
            "Herrenberg",
            "2800",
            3,
        ),
    ],
    2021: [
        (
            "Jugendparlament der Kulturen – Demokratie erleben",
            "Kreisjugendring Böblingen e. V.",
            "association",
            "participation",
            "Böblingen",
            "4500",
            8,
        ),
        (
            "Professionalisierung von Migrantenvereinen: Fördermittel und Buchhaltung",
            "Forum der Kulturen e. V.",
            "migrant_organization",
            "society",
            "Böblingen",
            "2500",
            8,
        ),
        (
            "Lesepaten in vielen Sprachen",
            "Stadtbücherei-Förderverein Sindelfingen e. V.",
            "association",
            "language",
            "Sindelfingen",
            "1700",
            2,
        ),
        (
            "Interkulturelle Fußballschule",
            "Sportfreunde Holzgerlingen e. V.",
            "association",
            "society",
            "Holzgerlingen",
            "2300",
            8,
        ),
        (
            "Berufsorientierung für junge Geflüchtete",
            "Arbeitskreis Asyl Leonberg",
            "initiative",
            "education",
            "Leonberg",
            "3000",
            4,
        ),
    ],
    2022: [
        (
            "Kurzfilmwerkstatt „Meine Straße“",
            "Jugendmedienwerkstatt e. V.",
            "association",
            "education",
            "Herrenberg",
            "3800",
            3,
        ),
        (
            "Beteiligungswerkstatt für Neubürgerinnen und Neubürger",
            "Initiative Mitreden",
            "initiative",
            "participation",
            "Böblingen",
            "2600",
            8,
        ),
        (
            "Deutschkurs mit Kinderbetreuung",
            "Internationaler Frauentreff e. V.",
            "association",
            "language",
            "Sindelfingen",
            "3300",
            2,
        ),
        (
            "Tanz der Kulturen",
            "Griechische Gemeinde Böblingen e. V.",
            "migrant_organization",
            "society",
            "Böblingen",
            "1500",
            8,
        ),
        (
            "Mentoring für Ausbildung und Beruf",
            "Netzwerk Ausbildung e. V.",
            "association",
            "education",
            "Sindelfingen",
            "4800",
            4,
        ),
    ],
}
# 2022's proofs of use, in order of FUNDED[2022]: the others are closed.
PROOFS_2022 = ["accepted", "submitted", "queried", "open", "accepted_repayment"]
# The open call's applications: key, title, applicant, kind, requested, state.
OPEN_CALL = [
    ("draft", "Mehrsprachige Vorlesestunde", "Bücherwurm e. V.", "association", "900", "draft"),
    (
        "submitted",
        "Nachbarschaftsdolmetscher",
        "Initiative Brückenbauer",
        "initiative",
        "2400",
        "submitted",
    ),
    (
        "eligible",
        "Theaterprojekt „Heimat ist …“",
        "Theater im Kreis e. V.",
        "association",
        "3500",
        "eligible",
    ),
    (
        "approved",
        "Fahrradkurs für Frauen",
        "ADFC Kreisverband Böblingen e. V.",
        "association",
        "1600",
        "approved",
    ),
    (
        "partial",
        "Mädchentreff international",
        "Jugendhaus Sindelfingen e. V.",
        "association",
        "4000",
        "partial",
    ),
    (
        "rejected",
        "Vereinsausflug",
        "Heimatverein Musterhausen e. V.",
        "association",
        "2000",
        "rejected",
    ),
    (
        "ineligible",
        "Renovierung des Vereinsheims",
        "Kulturverein Anatolia e. V.",
        "migrant_organization",
        "5000",
        "ineligible",
    ),
    ("withdrawn", "Sommercamp", "Initiative Ferienspaß", "initiative", "3000", "withdrawn"),
]


def _people(organization: Organization) -> dict:
    """The demo logins the fund needs (created with the others in demo/load.py)."""
    emails = {
        "council": "integrationsrat@lrabb.example",
        "finance": "kasse@lrabb.example",
        "reader": "kreistag@lrabb.example",
        "office": "koordination@lrabb.example",
    }
    return {key: User.objects.get(email=email) for key, email in emails.items()}


def _fill(application, *, title, area, municipality, amount, field, starts, ends, sample=True):
    amount = Decimal(amount)
    own = (amount * Decimal("0.15")).quantize(Decimal("1"))
    fees = ((amount + own) * Decimal("0.7")).quantize(Decimal("0.01"))
    application = apps.application_update(
        application=application,
        version=application.version,
        cost_rows=[
            ("expense", "Honorare", f"{fees:.2f}"),
            ("expense", "Sachkosten und Material", f"{amount + own - fees:.2f}"),
            ("own", "Eigenleistung und Spenden", f"{own:.2f}"),
        ],
        fields=[field.pk] if field else [],
        title=title,
        summary=f"{title}: ein Projekt aus dem Integrationsfonds (Beispieldaten).",
        description="Beispieldaten: Was das Projekt vorhat, mit wem und wozu.",
        target_groups="Menschen mit und ohne Zuwanderungsgeschichte",
        area=area,
        municipality=municipality,
        starts_on=starts,
        ends_on=ends,
        requested_amount=amount,
        answers=dict.fromkeys(QUESTIONS, "Beispieldaten."),
    )
    Application.objects.filter(pk=application.pk).update(sample_data=sample)
    return Application.objects.get(pk=application.pk)


def _start(call, title, applicant, kind, today, link=None):
    slug = "".join(ch for ch in applicant.lower() if ch.isascii() and ch.isalnum())[:20]
    application, _token = apps.application_start(
        call=call,
        applicant_name=applicant,
        applicant_kind=kind,
        contact_name="Beispiel-Ansprechperson",
        contact_email=f"{slug}@verein.example",
        title=title,
        today=today,
    )
    if link:
        Application.objects.filter(pk=application.pk).update(link_hash=hash_token(link))
    return application


def _past_round(fund, year, fields, people, today_real):
    by = people["office"]
    call = setup.call_create(
        fund=fund,
        year=year,
        by=by,
        title=f"Integrationsfonds „Zusammenleben gestalten“ {year}",
        text=FUND_PURPOSE,
        opens_on=dt.date(year, 1, 15),
        deadline=dt.date(year, 6, 30),
        areas=["education", "language", "society", "participation"],
        eligible_kinds=["association", "migrant_organization", "initiative"],
        min_amount=Decimal("500.00"),
        max_amount=Decimal("5000.00"),
        own_contribution_percent=0,
        questions=QUESTIONS,
        published=True,
    )
    setup.reviewer_add(call=call, user=people["council"], kind="council", by=by)
    in_time = dt.date(year, 6, 1)
    for index, (title, applicant, kind, area, place, amount, field_number) in enumerate(
        FUNDED[year]
    ):
        application = _start(call, title, applicant, kind, in_time)
        application = _fill(
            application,
            title=title,
            area=area,
            municipality=place,
            amount=amount,
            field=fields.get(field_number),
            starts=dt.date(year, 9, 1),
            ends=dt.date(year + 1, 6, 30),
        )
        application = apps.application_submit(application=application, today=in_time)
        application = reviews.eligibility_check(
            application=application, eligible=True, note="", by=by
        )
        reviews.review_save(
            application=application,
            reviewer=people["council"],
            scores=dict.fromkeys(call.criteria, 4),
            recommendation="approve",
        )
        application = decisions.decide(application=application, outcome="approve", by=by)
        decided = timezone.make_aware(dt.datetime(year, 7, 20, 10, 0))
        Application.objects.filter(pk=application.pk).update(
            submitted_at=timezone.make_aware(dt.datetime(year, 6, 1, 12, 0)), decided_at=decided
        )
        money.payment_record(
            application=application,
            kind="payout",
            amount=application.approved_amount,
            booked_on=dt.date(year, 8, 15),
            by=people["finance"],
        )
        state = PROOFS_2022[index] if year == 2022 else "accepted"
        _proof(application, state, people, year, index)
    return call


def _proof(application, state, people, year, index):
    proof = application.proof
    if year == 2022 and index == 3:
        # The overdue one of the demo: its link is fixed, so the proof can be handed in.
        Application.objects.filter(pk=application.pk).update(
            link_hash=hash_token(DEMO_LINKS["proof_open"])
        )
    if state == "open":
        return
    lines = list(application.cost_lines.all())
    spent_less = state == "accepted_repayment"
    actuals = {
        line.pk: f"{line.amount * (Decimal('0.8') if spent_less and line.kind == 'expense' else 1):.2f}"
        for line in lines
    }
    money.proof_save(
        proof=proof,
        report="Beispieldaten: Das Projekt fand wie geplant statt. Zwölf Treffen, rund 40 Teilnehmende.",
        participants=40,
        actuals=actuals,
        receipts=[
            (f"{year + 1}-02-10", "Honorarkraft", "Honorar Workshops", actuals[lines[0].pk]),
            (f"{year + 1}-03-05", "Fachhandel", "Material", actuals[lines[1].pk]),
        ],
    )
    money.proof_submit(proof=proof)
    if state == "submitted":
        return
    if state == "queried":
        money.proof_query(
            proof=proof,
            text="Bitte reichen Sie die Rechnung der Honorarkraft nach.",
            by=people["office"],
        )
        return
    claim = Decimal("0.00")
    if spent_less:
        expenses = sum((line.amount for line in lines if line.kind == "expense"), Decimal(0))
        claim = (expenses * Decimal("0.2")).quantize(Decimal("0.01"))
    money.proof_accept(
        proof=proof,
        by=people["office"],
        note="Sachbericht und Belege geprüft.",
        repayment_claim=claim,
        repayment_reason="Die Sachkosten fielen geringer aus als geplant." if claim else "",
    )
    ProofOfUse.objects.filter(pk=proof.pk).update(
        closed_at=timezone.make_aware(dt.datetime(year + 1, 11, 1, 10, 0))
    )


def _open_round(fund, fields, people, today):
    by = people["office"]
    year = today.year + 1 if today.month > 6 else today.year
    call = setup.call_create(
        fund=fund,
        year=year,
        by=by,
        title=f"Integrationsfonds „Zusammenleben gestalten“ {year}",
        text=FUND_PURPOSE,
        easy_text=EASY_TEXT,
        opens_on=today - dt.timedelta(days=20),
        deadline=dt.date(year, 6, 30),
        areas=["education", "language", "society", "participation"],
        eligible_kinds=["association", "migrant_organization", "initiative"],
        min_amount=Decimal("500.00"),
        max_amount=Decimal("5000.00"),
        own_contribution_percent=10,
        questions=QUESTIONS,
        published=True,
    )
    setup.reviewer_add(call=call, user=people["council"], kind="council", by=by)
    setup.reviewer_add(call=call, user=people["reader"], kind="council", by=by)
    field = fields.get(8) or next(iter(fields.values()), None)
    for key, title, applicant, kind, amount, state in OPEN_CALL:
        link = DEMO_LINKS.get(key)
        application = _start(call, title, applicant, kind, today, link=link)
        application = _fill(
            application,
            title=title,
            area="society",
            municipality="Böblingen",
            amount=amount,
            field=field,
            starts=dt.date(year, 9, 1),
            ends=dt.date(year + 1, 3, 31),
        )
        if state == "draft":
            continue
        if state == "withdrawn":
            apps.application_withdraw(application=application)
            continue
        application = apps.application_submit(application=application, today=today)
        if state == "submitted":
            apps.query_ask(application=application, text="Wer übersetzt bei den Terminen?", by=by)
            continue
        if state == "ineligible":
            reviews.eligibility_check(
                application=application,
                eligible=False,
                note="Baumaßnahmen fördert der Fonds nicht (Zweck: Projekte und Initiativen).",
                by=by,
            )
            continue
        application = reviews.eligibility_check(
            application=application, eligible=True, note="", by=by
        )
        reviews.review_save(
            application=application,
            reviewer=people["council"],
            scores=dict.fromkeys(call.criteria, 3 if state == "rejected" else 4),
            recommendation="reject" if state == "rejected" else "approve",
        )
        if state == "eligible":
            reviews.conflict_declare(
                application=application, reviewer=people["reader"], note="Mitglied im Verein"
            )
            continue
        if state == "approved":
            application = decisions.decide(
                application=application,
                outcome="approve",
                by=by,
                conditions="Das Logo des Landkreises erscheint auf dem Flyer.",
            )
            Application.objects.filter(pk=application.pk).update(
                link_hash=hash_token(DEMO_LINKS["approved"])
            )
        elif state == "partial":
            decisions.decide(
                application=application,
                outcome="partial",
                amount=Decimal("2500.00"),
                by=by,
                conditions="Gefördert werden die Honorare.",
            )
        elif state == "rejected":
            decisions.decide(
                application=application,
                outcome="reject",
                by=by,
                reasons="Ein Vereinsausflug dient nicht dem Zweck des Fonds.",
            )
    return call


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def load_funding_demo() -> None:
    """The demo's emails (links, confirmations) are not sent anywhere."""
    boeblingen = Organization.objects.get(slug="landkreis-boeblingen")
    people = _people(boeblingen)
    office = Unit.objects.get(organization=boeblingen, name="Amt für Migration und Flüchtlinge")
    fund = setup.fund_create(
        organization=boeblingen,
        name="Integrationsfonds „Zusammenleben gestalten“",
        slug="zusammenleben-gestalten",
        purpose=FUND_PURPOSE,
        council_paper="KT-Drucks. 083/2019",
        established_year=2019,
        annual_budget=Decimal("20000.00"),
        deciding_unit=office,
        proof_due_months=3,
        by=people["office"],
    )
    setup.fund_finance_set(fund=fund, people=[people["finance"]], by=people["office"])
    fields = {
        f.number: f
        for f in FieldOfAction.objects.filter(plan__organization=boeblingen).exclude(
            plan__status="draft"
        )
    }
    today = timezone.localdate()
    for year in FUNDED:
        _past_round(fund, year, fields, people, today)
    _open_round(fund, fields, people, today)

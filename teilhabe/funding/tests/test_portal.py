"""The fund in the portal: calls, funded projects and statistics for anyone, in every portal
language, with nothing personal and nothing undecided; open data; the applicant's personal
link opening only its own application; and a fixed number of queries as the fund grows."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from teilhabe.funding.models import Application, Status
from teilhabe.funding.services import applications as apps
from teilhabe.funding.services import decisions, reviews

from .world import CONTACT, TODAY, fill, start

pytestmark = pytest.mark.django_db

SECRETS = (
    CONTACT,
    "verein.example.org",
    "Erzählcafé",
    "Turnier",
    "Demokratie-Werkstatt",
    "Eigenleistung des Vereins",
    "Moscheegemeinde",
    "Stark vernetzt",
)


@pytest.fixture(autouse=True)
def _german_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _public_pages(w):
    slug = w["organization"].slug
    approved = w["applications"]["approved"]
    return [
        reverse("portal:funding_overview", args=[slug]),
        reverse("portal:funding_call", args=[slug, w["fund"].slug]),
        reverse("portal:funding_project", args=[slug, approved.pk]),
        reverse("portal:measure", args=[slug, w["plan"].slug, w["measure"].pk]),
    ]


@pytest.mark.parametrize("language", ["de", "de-x-ls", "en", "tr", "ar", "uk"])
def test_public_pages_in_every_language_show_nothing_personal_or_undecided(
    client, funding_world, language
):
    for page in _public_pages(funding_world):
        url = page if language == "de" else f"/{language}{page}"
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "Filmprojekt mit jungen Zugewanderten" in text, url
        for secret in SECRETS:
            assert secret not in text, (url, secret)


def test_the_call_page_says_deadline_and_budget_left(client, funding_world):
    w = funding_world
    text = client.get(
        reverse("portal:funding_call", args=[w["organization"].slug, w["fund"].slug])
    ).content.decode()
    assert (
        w["call"].deadline.strftime("%d.%m.%Y").lstrip("0") in text
        or w["call"].deadline.strftime("%-d.") in text
    )
    assert "18.500,00\xa0€" in text  # 20,000 budget − 1,500 approved
    assert 'name="applicant_name"' in text


def test_undecided_and_rejected_projects_do_not_exist_in_public(client, funding_world):
    w = funding_world
    slug = w["organization"].slug
    for key in ("draft", "submitted", "eligible", "rejected"):
        url = reverse("portal:funding_project", args=[slug, w["applications"][key].pk])
        assert client.get(url).status_code == 404, key


def test_open_data_lists_funded_projects_only(client, funding_world):
    w = funding_world
    slug = w["organization"].slug
    body = client.get(reverse("portal:funding_data", args=[slug, "csv"])).content.decode(
        "utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][:4] == ["Jahr", "Fonds", "Antragsnummer", "Projekt"]
    assert [r[3] for r in rows[1:]] == ["Filmprojekt mit jungen Zugewanderten"]
    assert rows[1][8] == "1500,00"
    document = json.loads(client.get(reverse("portal:funding_data", args=[slug, "json"])).content)
    assert document["projekte"][0]["bewilligt"] == "1500.00"
    round_ = document["statistik"][0]["runden"][0]
    assert (round_["antraege"], round_["gefoerdert"], round_["bewilligt"]) == (4, 1, "1500.00")
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("portal:funding_data", args=[slug, "xlsx"])).content)
    ).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][3] == "Filmprojekt mit jungen Zugewanderten"
    for secret in SECRETS:
        assert secret not in body and secret not in json.dumps(document, ensure_ascii=False)


def test_apply_by_personal_link(
    client, funding_world, mailoutbox, django_capture_on_commit_callbacks
):
    w = funding_world
    slug, fund = w["organization"].slug, w["fund"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:funding_apply", args=[slug, fund.slug]),
            {
                "applicant_name": "Nachbarschaftshilfe e. V.",
                "applicant_kind": "initiative",
                "contact_name": "Ana",
                "contact_email": "ana@example.org",
                "title": "Mittagstisch",
                "privacy": "on",
            },
        )
    assert response.status_code == 302
    link = response["Location"]
    assert link in mailoutbox[-1].body
    page = client.get(link)
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    application = Application.objects.get(title="Mittagstisch")
    # A cost row that is no amount: refused with the row named, nothing saved.
    data = {
        "action": "save",
        "version": application.version,
        "applicant_name": "Nachbarschaftshilfe e. V.",
        "applicant_kind": "initiative",
        "contact_email": "ana@example.org",
        "title": "Mittagstisch",
        "cost-0-kind": "expense",
        "cost-0-label": "Essen",
        "cost-0-amount": "viel",
    }
    response = client.post(link, data)
    assert response.status_code == 400
    assert "Zeile 1 („Essen“)" in response.content.decode()
    assert not application.cost_lines.exists()
    data |= {"cost-0-amount": "800,00", "requested_amount": "800"}
    assert client.post(link, data).status_code == 302
    assert application.cost_lines.get().amount == Decimal("800.00")
    data |= {"action": "submit", "version": Application.objects.get(pk=application.pk).version}
    response = client.post(link, data)
    assert response.status_code == 400 and "Es fehlt noch" in response.content.decode()
    assert Application.objects.get(pk=application.pk).status == Status.DRAFT


def test_a_link_opens_only_its_own_application(client, funding_world):
    w = funding_world
    slug = w["organization"].slug
    token = w["tokens"]["submitted"]
    assert (
        client.get(reverse("portal:funding_application", args=[slug, "falsch"])).status_code == 404
    )
    assert (
        client.get(
            reverse("portal:funding_application", args=[w["stranger_slug"], token])
        ).status_code
        == 404
    )
    # The approved application's file, asked through another applicant's link.
    url = reverse("portal:funding_application_file", args=[slug, token, w["attachment"].pk])
    assert client.get(url).status_code == 404
    own = reverse(
        "portal:funding_application_file", args=[slug, w["tokens"]["approved"], w["attachment"].pk]
    )
    assert client.get(own).status_code == 200


def test_the_applicant_exports_and_deletes(client, funding_world):
    w = funding_world
    slug, token = w["organization"].slug, w["tokens"]["submitted"]
    data = json.loads(
        client.get(reverse("portal:funding_application_data", args=[slug, token])).content
    )
    assert data["ansprechperson"] == CONTACT and data["kostenplan"]
    response = client.post(reverse("portal:funding_application_delete", args=[slug, token]))
    assert response.status_code == 200
    assert not Application.objects.filter(pk=w["applications"]["submitted"].pk).exists()
    assert client.get(reverse("portal:funding_application", args=[slug, token])).status_code == 404


def test_the_proof_of_use_through_the_link(client, funding_world):
    w = funding_world
    slug, token = w["organization"].slug, w["tokens"]["approved"]
    url = reverse("portal:funding_application", args=[slug, token])
    approved = w["applications"]["approved"]
    lines = list(approved.cost_lines.all())
    data = {
        "action": "proof_submit",
        "report": "Ein Film mit zwölf Jugendlichen.",
        "participants": "12",
        **{f"actual-{x.pk}": "100" for x in lines},
        "receipt-0-date": "2026-05-02",
        "receipt-0-payee": "Kameraverleih",
        "receipt-0-purpose": "Technik",
        "receipt-0-amount": "300,00",
    }
    assert client.post(url, data).status_code == 302
    approved.proof.refresh_from_db()
    assert approved.proof.status == "submitted" and approved.proof.receipts.count() == 1


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def _more_funded(w, n):
    by = w["people"]["coordinator"]
    call = w["call"]
    call.budget = Decimal("20000.00")
    for i in range(n):
        application, _token = start(call, f"Verein {i} e. V.", f"Projekt {i}")
        application = fill(
            application,
            title=f"Projekt {i}",
            requested="500.00",
            field=w["field"],
            measure=w["measure"],
        )
        application = apps.application_submit(application=application, today=TODAY)
        application = reviews.eligibility_check(
            application=application, eligible=True, note="", by=by
        )
        decisions.decide(application=application, outcome="approve", by=by)


def test_pages_ask_a_fixed_number_of_queries(client, funding_world, django_assert_max_num_queries):
    w = funding_world
    slug = w["organization"].slug
    public = [
        reverse("portal:funding_overview", args=[slug]),
        reverse("portal:funding_overview", args=[slug]) + f"?jahr={TODAY.year}&bereich=society",
        reverse("portal:funding_call", args=[slug, w["fund"].slug]),
        reverse("portal:funding_data", args=[slug, "json"]),
    ]
    internal = [
        reverse("funding:call_detail", args=[w["call"].pk]),
        reverse("funding:fund_detail", args=[w["fund"].pk]),
        reverse("funding:ledger", args=[w["fund"].pk]),
        reverse("funding:proofs", args=[w["fund"].pk]),
        reverse("funding:ledger_export", args=[w["fund"].pk, "csv"]),
    ]
    _more_funded(w, 2)
    before = {url: _queries(client, url) for url in public}
    client.force_login(w["people"]["coordinator"])
    before |= {url: _queries(client, url) for url in internal}
    client.logout()
    _more_funded(w, 12)
    for url in public:
        with django_assert_max_num_queries(before[url]):
            client.get(url)
    client.force_login(w["people"]["coordinator"])
    for url in internal:
        with django_assert_max_num_queries(before[url]):
            client.get(url)


def test_uploads_through_the_link(client, funding_world):
    w = funding_world
    slug = w["organization"].slug
    url = reverse("portal:funding_application", args=[slug, w["tokens"]["draft"]])
    response = client.post(
        url, {"action": "attach", "file": SimpleUploadedFile("virus.exe", b"MZ")}
    )
    assert response.status_code == 400 and "Dateityp" in response.content.decode()
    response = client.post(
        url, {"action": "attach", "file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 x")}
    )
    assert response.status_code == 302
    assert w["applications"]["draft"].attachments.get().name == "plan.pdf"


def test_the_applicant_reads_errors_in_their_language(client, funding_world):
    w = funding_world
    with translation.override("de"):
        link = reverse(
            "portal:funding_application", args=[w["organization"].slug, w["tokens"]["draft"]]
        )
    draft = w["applications"]["draft"]
    response = client.post(
        "/en" + link,
        {
            "action": "save",
            "version": draft.version,
            "applicant_name": draft.applicant_name,
            "applicant_kind": "association",
            "contact_email": "a@example.org",
            "title": draft.title,
            "cost-0-kind": "expense",
            "cost-0-label": "Saal",
            "cost-0-amount": "viel",
        },
    )
    assert response.status_code == 400
    assert "Row 1 (“Saal”)" in response.content.decode()


@pytest.mark.parametrize("language", ["en", "tr", "ar", "uk"])
def test_no_german_interface_left_outside_german_content(client, funding_world, language):
    """The fund's public pages and the applicant's page speak the reader's language; German
    content (the fund's name and purpose, the call, projects) is marked lang="de"."""
    from teilhabe.portal.tests.test_translations_complete import german_left_over

    w = funding_world
    slug = w["organization"].slug
    with translation.override("de"):
        paths = [
            reverse("portal:funding_overview", args=[slug]),
            reverse("portal:funding_call", args=[slug, w["fund"].slug]),
            reverse("portal:funding_project", args=[slug, w["applications"]["approved"].pk]),
            reverse("portal:funding_application", args=[slug, w["tokens"]["approved"]]),
        ]
    problems = {}
    for path in paths:
        html = client.get(f"/{language}{path}").content.decode()
        left = german_left_over(html)
        if left:
            problems[path] = left
    assert not problems, problems

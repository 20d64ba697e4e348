"""The back-office form "Beschlussvorlage erstellen": role matrix, downloads, filing as a paper,
bad input, and the links on the Bilanz and paper pages."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from teilhabe.council.models import Committee, Paper
from teilhabe.organizations.models import Role
from teilhabe.participation.models import ParticipationProcess, Recommendation
from teilhabe.testing import make_organization, make_user
from teilhabe.testing.state import shared_fixture
from teilhabe.testing.worlds import build_world

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "stranger", "reader", "editor_own", "coordinator", "admin"]


def build_drafts_setup(get):
    """The role world's plan (root conftest) with a process of two recommendations, the
    Kreistag, a committee and a non-public paper."""
    world = get(build_world)
    plan, org = world.plan, world.organization
    process = ParticipationProcess.objects.create(plan=plan, title="Fachtag 2014", slug="fachtag")
    for number, text in enumerate(["Erste Empfehlung.", "Zweite Empfehlung."], start=1):
        Recommendation.objects.create(process=process, number=number, text=text)
    Committee.objects.create(organization=org, name="Kreistag", kind="council")
    Committee.objects.create(organization=org, name="Sozialausschuss")
    paper = Paper.objects.create(
        organization=org, reference="035/2014", title="Integrationsplan", public=False
    )
    return {
        "plan": plan,
        "report": world.report,
        "organization": org,
        "people": world.people,
        "process": process,
        "paper": paper,
    }


drafts_setup = shared_fixture(build_drafts_setup, name="drafts_setup")


def urls(drafts_setup):
    return [
        reverse("council:draft_from_report", args=[drafts_setup["report"].pk]),
        reverse("council:draft_from_process", args=[drafts_setup["process"].pk]),
        reverse("council:draft_from_paper", args=[drafts_setup["paper"].pk]),
    ]


def login(client, drafts_setup, role):
    if role == "anonymous":
        return
    if role == "stranger":
        client.force_login(make_user(make_organization(), Role.COORDINATOR))
    else:
        client.force_login(drafts_setup["people"][role])


FORM = {
    "title": "Bilanz 2021",
    "committee_1": "Sozialausschuss",
    "date_1": "2021-03-01",
    "role_1": "preliminary",
    "public_1": "on",
    "committee_2": "Kreistag",
    "date_2": "2021-03-15",
    "role_2": "notice",
    "role_3": "decision",
    "signer": "Roland Bernhard",
    "signer_role": "Landrat",
}


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(client, drafts_setup, role):
    login(client, drafts_setup, role)
    expected = {
        "anonymous": 302,
        "stranger": 404,
        "reader": 403,
        "editor_own": 403,
        "coordinator": 200,
        "admin": 200,
    }[role]
    for url in urls(drafts_setup):
        assert client.get(url).status_code == expected, url
        response = client.post(url, FORM | {"action": "docx"})
        assert response.status_code == (200 if expected == 200 else expected), url
        if expected == 200:
            assert response["Content-Type"].startswith(
                "application/vnd.openxmlformats-officedocument"
            )


def test_docx_and_pdf_downloads_from_the_report(client, drafts_setup):
    client.force_login(drafts_setup["people"]["coordinator"])
    url = reverse("council:draft_from_report", args=[drafts_setup["report"].pk])
    docx = client.post(url, FORM | {"action": "docx"})
    assert "beschlussvorlage-bilanz-2021.docx" in docx["Content-Disposition"]
    assert docx["Cache-Control"] == "private, no-store"
    texts = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert "Sozialausschuss\t01.03.2021" in texts and "zur Kenntnisnahme\tnichtöffentlich" in texts
    assert "Roland Bernhard" in texts and "Landrat" in texts
    pdf = client.post(url, FORM | {"action": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_bad_input_keeps_what_was_typed(client, drafts_setup):
    client.force_login(drafts_setup["people"]["coordinator"])
    url = reverse("council:draft_from_process", args=[drafts_setup["process"].pk])
    response = client.post(
        url,
        FORM
        | {
            "committee_1": "",
            "committee_2": "",
            "date_2": "2021-03-15",
            "signer": "Mein Name",
            "action": "docx",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bitte nennen Sie das Gremium zu diesem Tag." in page
    assert 'value="Mein Name"' in page


def test_file_recommendations_as_a_draft_paper(client, drafts_setup):
    client.force_login(drafts_setup["people"]["coordinator"])
    url = reverse("council:draft_from_process", args=[drafts_setup["process"].pk])
    form = FORM | {"role_2": "decision", "reference": "234/2014", "action": "paper"}

    unknown = client.post(url, form | {"committee_1": "Unbekannter Ausschuss"})
    assert "ist nicht eingetragen" in unknown.content.decode()
    assert not Paper.objects.filter(reference="234/2014").exists()

    response = client.post(url, form)
    paper = Paper.objects.get(reference="234/2014")
    assert response.status_code == 302
    assert response["Location"] == reverse("council:paper_detail", args=[paper.pk])
    assert not paper.public and paper.paper_type == "decision"
    assert paper.proposal.startswith("Der Kreistag beschließt die folgenden Empfehlungen")
    assert "2. Zweite Empfehlung." in paper.proposal
    assert [(c.committee.name, c.role, c.date) for c in paper.consultations.all()] == [
        ("Sozialausschuss", "preliminary", dt.date(2021, 3, 1)),
        ("Kreistag", "decision", dt.date(2021, 3, 15)),
    ]
    assert set(paper.recommendations.values_list("number", flat=True)) == {1, 2}
    assert list(paper.plans.all()) == [drafts_setup["plan"]]

    without_reference = client.post(url, form | {"reference": ""})
    assert "Bitte geben Sie die Drucksachennummer an" in without_reference.content.decode()


def test_links_on_the_bilanz_and_paper_pages_for_coordinators_only(client, drafts_setup):
    report_url = reverse("plans:report_detail", args=[drafts_setup["report"].pk])
    draft_url = reverse("council:draft_from_report", args=[drafts_setup["report"].pk])
    client.force_login(drafts_setup["people"]["reader"])
    assert draft_url not in client.get(report_url).content.decode()
    client.force_login(drafts_setup["people"]["coordinator"])
    assert draft_url in client.get(report_url).content.decode()
    paper_page = client.get(reverse("council:paper_detail", args=[drafts_setup["paper"].pk]))
    assert reverse("council:draft_from_paper", args=[drafts_setup["paper"].pk]) in (
        paper_page.content.decode()
    )


def test_form_page_queries_do_not_grow(client, drafts_setup, django_assert_max_num_queries):
    client.force_login(drafts_setup["people"]["coordinator"])
    url = reverse("council:draft_from_process", args=[drafts_setup["process"].pk])
    client.get(url)
    with django_assert_max_num_queries(30) as before:
        client.get(url)
    for number in range(3, 30):
        Recommendation.objects.create(process=drafts_setup["process"], number=number, text="Mehr.")
    with django_assert_max_num_queries(len(before)):
        assert client.get(url).status_code == 200

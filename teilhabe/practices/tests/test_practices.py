"""Good practice through its services, in the portal and as a brochure: promotion from a Bilanz
example and from a closed funded project, what publishing needs, adoptions, the public
catalogue without drafts or private contacts, pictures only with consent, the brochure read
back from PDF and DOCX, the command line and the Vorlage."""

import io
import subprocess

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from docx import Document

from teilhabe.core.errors import ServiceError
from teilhabe.practices import services, vorlage
from teilhabe.practices.brochure.data import edition_data
from teilhabe.practices.brochure.render import render_docx, render_pdf

from .world import SECRET_CONTACT, TEXTS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_promotion_from_the_bilanz_and_from_a_closed_project(practices_world):
    w = practices_world
    by = w["people"]["coordinator"]
    from_example = services.practice_from_example(example=w["example"], by=by)
    assert from_example.title == "Elternlotsen" and from_example.state == "draft"
    assert "begleitet Familien" in from_example.approach
    with pytest.raises(ServiceError, match="schon"):
        services.practice_from_example(example=w["example"], by=by)
    from_grant = services.practice_from_grant(application=w["closed_grant"], by=by)
    assert from_grant.approach == "Der Film lief im Kino." and from_grant.grant == w["closed_grant"]
    assert "1500,00 €" in from_grant.funding
    with pytest.raises(ServiceError, match="abgeschlossenen Projekt"):
        services.practice_from_grant(application=w["applications"]["eligible"], by=by)
    with pytest.raises(ServiceError, match="fehlt noch: Zusammenarbeit"):
        services.practice_publish(practice=from_example, publish=True, by=by)


def test_adoption_by_another_municipality(practices_world):
    w = practices_world
    stranger_org = w["people"]["stranger"].memberships.get().organization
    services.adoption_record(
        practice=w["practice"], organization=stranger_org, year=2022, note="", by=None
    )
    with pytest.raises(ServiceError, match="schon übernommen"):
        services.adoption_record(
            practice=w["practice"], organization=stranger_org, year=2023, note="", by=None
        )
    with pytest.raises(ServiceError, match="veröffentlichte"):
        services.adoption_record(
            practice=w["draft"], organization=stranger_org, year=2023, note="", by=None
        )


@pytest.mark.parametrize("language", ["de", "en", "tr", "ar", "uk"])
def test_the_public_catalogue(client, practices_world, language):
    w = practices_world
    slug = w["organization"].slug
    prefix = "" if language == "de" else f"/{language}"
    for url in (
        reverse("portal:practices_catalogue", args=[slug]),
        reverse("portal:practices_catalogue", args=[slug])
        + "?bereich=society&zielgruppe=families&q=Familien",
        reverse("portal:practices_practice", args=[slug, w["practice"].pk]),
        reverse("portal:field", args=[slug, w["plan"].slug, w["field"].number]),
    ):
        response = client.get(prefix + url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "Familienlotsen" in text
        assert (
            "Geheimer Entwurf" not in text
            and SECRET_CONTACT not in text
            and "Nur intern" not in text
        )
    with translation.override("de"):
        url = reverse("portal:practices_practice", args=[slug, w["practice"].pk])
    page = client.get(prefix + url).content.decode()
    assert "paula@caritas.example" in page and "Fest im Hof" in page
    with translation.override("de"):
        draft = reverse("portal:practices_practice", args=[slug, w["draft"].pk])
    assert client.get(draft).status_code == 404


def test_pictures_only_with_consent(client, practices_world):
    w = practices_world
    slug = w["organization"].slug
    assert (
        client.get(reverse("portal:practices_picture", args=[slug, w["picture"].pk])).status_code
        == 200
    )
    assert (
        client.get(
            reverse("portal:practices_picture", args=[slug, w["internal_picture"].pk])
        ).status_code
        == 404
    )


def test_the_brochure_read_back(practices_world, tmp_path):
    data = edition_data(practices_world["edition"])
    text = _pdf_text(render_pdf(data), tmp_path)
    assert "Good-Practice im" in text and "Familienlotsen" in text
    for heading in (
        "Ansatz",
        "Zusammenarbeit mit Netzwerkpartnern",
        "Mehrwert",
        "Was zum Gelingen beigetragen hat",
    ):
        assert heading in text
    assert TEXTS["success_factors"] in text and "paula@caritas.example" in text
    document = Document(io.BytesIO(render_docx(data)))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Familienlotsen" in body and "Jobcenter (Beratung)" in body
    assert SECRET_CONTACT not in body


def test_the_command_line(practices_world, tmp_path):
    slug = practices_world["organization"].slug
    output = tmp_path / "broschuere.docx"
    out = io.StringIO()
    call_command(
        "report", "practices", organization=slug, format="docx", output=str(output), stdout=out
    )
    assert "1 Beispiele" in out.getvalue() and output.read_bytes().startswith(b"PK")
    with pytest.raises(CommandError, match="keine Organisation"):
        call_command(
            "report", "practices", organization="gibt-es-nicht", format="pdf", output=str(output)
        )
    with pytest.raises(CommandError, match="Nummer 999999"):
        call_command(
            "report",
            "practices",
            organization=slug,
            selection="999999",
            format="pdf",
            output=str(output),
        )


def test_the_vorlage_zur_kenntnisnahme(practices_world, tmp_path):
    from teilhabe.council.vorlage.render_docx import render_vorlage_docx

    w = practices_world
    data = vorlage.vorlage_data(edition=w["edition"], fund=w["fund"], reference="197/2021")
    document = Document(io.BytesIO(render_vorlage_docx(data)))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "KT-Drucks. 083/2019" in body and "20.000,00 €" in body
    assert "zur Kenntnis genommen" in body and "Anlage: Good-Practice" in body
    assert (
        "Seit 2019 wurden 2 Projekte" in body
        or "wurden 1 Projekte" in body
        or "Projekte und Initiativen" in body
    )


def test_the_catalogue_asks_a_fixed_number_of_queries(
    client, practices_world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    w = practices_world
    url = reverse("portal:practices_catalogue", args=[w["organization"].slug])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(10):
        p = services.practice_create(
            organization=w["organization"],
            by=None,
            title=f"Beispiel {n}",
            area="health",
            target_groups=["youth"],
            **TEXTS,
        )
        services.practice_publish(practice=p, publish=True, by=None)
    with django_assert_max_num_queries(len(before)):
        client.get(url)


def test_the_vorlage_is_filed_as_a_drucksache(client, practices_world):
    from teilhabe.council import services as council
    from teilhabe.council.models import Paper

    w = practices_world
    council.committee_create(
        organization=w["organization"],
        name="Sozial- und Gesundheitsausschuss",
        short_name="SGA",
        kind="committee",
        by=None,
    )
    client.force_login(w["people"]["coordinator"])
    response = client.post(
        reverse("practices:vorlage_paper", args=[w["edition"].pk]),
        {
            "committee": "Sozial- und Gesundheitsausschuss",
            "reference": "197/2021",
            "date": "2021-10-18",
        },
    )
    paper = Paper.objects.get(organization=w["organization"], reference="197/2021")
    assert response.status_code == 302 and response["Location"].endswith(f"/{paper.pk}/")
    assert paper.public is False and "zur Kenntnis genommen" in paper.proposal
    assert paper.consultations.get().role == "notice"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_german_interface_left_in_the_catalogue(client, practices_world, language):
    from teilhabe.portal.tests.test_translations_complete import german_left_over

    w = practices_world
    with translation.override("de"):
        paths = [
            reverse("portal:practices_catalogue", args=[w["organization"].slug]),
            reverse("portal:practices_practice", args=[w["organization"].slug, w["practice"].pk]),
        ]
    for path in paths:
        assert not german_left_over(client.get(f"/{language}{path}").content.decode()), path

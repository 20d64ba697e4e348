"""The Beschlussvorlage: its content from a Bilanz, a recommendation list and a paper, and both
files read back (DOCX with python-docx, PDF with pypdf and pdfplumber)."""

import datetime as dt
import io
import os
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from teilhabe.council.models import Committee, Consultation, Paper
from teilhabe.council.vorlage.data import Step, split_motions, vorlage_data
from teilhabe.council.vorlage.render_docx import render_vorlage_docx
from teilhabe.council.vorlage.render_pdf import render_vorlage_pdf
from teilhabe.participation.models import (
    ParticipationFormat,
    ParticipationProcess,
    Recommendation,
    RecommendationItem,
)
from teilhabe.testing import make_plan
from teilhabe.testing.state import shared_fixture

pytestmark = pytest.mark.django_db

HEADINGS = [
    "I. Vorlage an den",
    "II. Beschlussantrag",
    "III. Begründung",
    "IV. Finanzielle Auswirkungen",
]

# Three of the twelve recommendations of seed 001, with its sub-items.
RECOMMENDATIONS = [
    (
        1,
        "Der Kreistag empfiehlt die Verankerung des politischen Leitzieles zum Thema Migration",
        [
            ("a", "im Leitbild der Verwaltung als sichtbare Positionierung,"),
            ("b", "als Führungsaufgabe zur verbindlichen Orientierung für Mitarbeitende."),
        ],
    ),
    (
        2,
        (
            "Der Kreistag setzt sich für die Einrichtung einer „Integrations-/Koordinierungsstelle“ "
            "in der Landkreisverwaltung als Stabsstelle mit Kompetenzen ein."
        ),
        [],
    ),
    (
        3,
        (
            "Der Kreistag empfiehlt die Schulung und Sensibilisierung der Mitarbeitenden in den "
            "Verwaltungen, mit dem Ziel,"
        ),
        [
            ("a", "dass interkulturelle Kompetenz zur fachlichen Professionalität gehört,"),
            ("b", "dass eine Haltungsänderung in Richtung interkulturelle Öffnung erwartet wird"),
            ("c", "dass die Qualifizierung in der Fortbildungslandkarte geführt wird."),
        ],
    ),
]

STEPS = [
    Step("Bildungs- und Sozialausschuss", dt.date(2014, 12, 1), "preliminary", True),
    Step("Kreistag", dt.date(2014, 12, 15), "decision", True),
]


def build_beschluss_process(get):
    plan, _report, _units = make_plan()
    process = ParticipationProcess.objects.create(
        plan=plan,
        title="Gemeinsam für Integration und Teilhabe",
        slug="fachtag-2014",
        description="Der Beteiligungsprozess fand unter externer Moderation statt.",
    )
    conference = ParticipationFormat.objects.create(
        process=process,
        kind="conference",
        title="Fachtag Integration",
        starts_at=dt.datetime(2014, 11, 12, 9, tzinfo=dt.UTC),
        place="Böblingen",
    )
    for number, title in enumerate(
        ["Verankerung von Integration in der Verwaltung", "Personalmanagement"], start=1
    ):
        ParticipationFormat.objects.create(
            process=process, kind="working_group", parent=conference, number=number, title=title
        )
    for number, text, items in RECOMMENDATIONS:
        rec = Recommendation.objects.create(process=process, number=number, text=text)
        for label, item_text in items:
            RecommendationItem.objects.create(recommendation=rec, label=label, text=item_text)
    return process


beschluss_process = shared_fixture(build_beschluss_process, name="beschluss_process")


def build_beschluss_report(get):
    _plan, report, _units = make_plan()
    return report


beschluss_report = shared_fixture(build_beschluss_report, name="beschluss_report")


def docx_paragraphs(content: bytes):
    return Document(io.BytesIO(content)).paragraphs


def num_level(paragraph):
    num_pr = paragraph._p.pPr.find(qn("w:numPr")) if paragraph._p.pPr is not None else None
    if num_pr is None:
        return None
    return int(num_pr.find(qn("w:ilvl")).get(qn("w:val")))


# Content ----------------------------------------------------------------------------------------


def test_recommendation_list_becomes_numbered_motions(
    beschluss_process, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        data = vorlage_data(process=beschluss_process, steps=STEPS, signer="Roland Bernhard")
    assert data["motions_intro"].startswith("Der Kreistag beschließt die folgenden Empfehlungen")
    assert [m["number"] for m in data["motions"]] == ["1", "2", "3"]
    assert data["motions"][2]["items"][1]["label"] == "b"
    assert data["consultations"] == [
        {
            "committee": "Bildungs- und Sozialausschuss",
            "date": "01.12.2014",
            "role": "zur Vorberatung",
            "public": "öffentlich",
        },
        {
            "committee": "Kreistag",
            "date": "15.12.2014",
            "role": "zur Beschlussfassung",
            "public": "öffentlich",
        },
    ]
    reasoning = " ".join(data["reasoning"] + data["reasoning_after_list"])
    assert "fand am 12.11.2014 in Böblingen statt" in reasoning
    assert "3 Empfehlungen formuliert, die dem Kreistag hiermit" in reasoning
    assert data["reasoning_list"] == [
        "AG 1: Verankerung von Integration in der Verwaltung",
        "AG 2: Personalmanagement",
    ]


def test_report_becomes_motion_to_take_note_with_its_figures(beschluss_report):
    data = vorlage_data(
        report=beschluss_report,
        steps=[Step("Gemeinderat", dt.date(2021, 3, 1), "notice", False)],
        extra_motions="Die Verwaltung wird beauftragt, 2022 erneut zu berichten.",
    )
    assert data["motions"][0]["text"].startswith(f"Der Bericht „{beschluss_report.title}“")
    assert data["motions"][0]["text"].endswith("wird zur Kenntnis genommen.")
    assert data["motions"][1] == {
        "number": "2",
        "text": "Die Verwaltung wird beauftragt, 2022 erneut zu berichten.",
        "items": [],
    }
    reasoning = " ".join(data["reasoning"])
    assert "Sie berichtet über 6 Maßnahmen in 2 Handlungsfeldern" in reasoning
    assert "Der gewichtete Fortschritt des Plans liegt bei" in reasoning
    assert data["table"]["rows"][-1][0] == "Insgesamt"
    assert data["consultations"][0]["public"] == "nichtöffentlich"
    assert data["financial_impact"] == ["[Angaben zu den finanziellen Auswirkungen ergänzen]"]


def test_paper_gives_its_own_texts_and_beratungsfolge(beschluss_report):
    org = beschluss_report.plan.organization
    paper = Paper.objects.create(
        organization=org,
        reference="035/2014",
        title="Erster Integrationsplan für den Landkreis Böblingen",
        proposal="1. Der Entwurf wird zur Kenntnis genommen.\n2. Die Verwaltung wird "
        "beauftragt,\neinen Beteiligungsprozess einzuleiten.",
        reasoning="Der Erste Integrationsplan liegt als Entwurf vor.",
        financial_impact="Die Finanzierung erfolgt aus Restmitteln 2013.",
    )
    committee = Committee.objects.create(organization=org, name="Bildungs- und Sozialausschuss")
    Consultation.objects.create(
        paper=paper, committee=committee, date=dt.date(2014, 5, 12), role="preliminary"
    )
    data = vorlage_data(paper=paper)
    assert data["reference"] == "035/2014"
    assert [m["text"] for m in data["motions"]] == [
        "Der Entwurf wird zur Kenntnis genommen.",
        "Die Verwaltung wird beauftragt, einen Beteiligungsprozess einzuleiten.",
    ]
    assert data["consultations"][0]["role"] == "zur Vorberatung"
    assert data["financial_impact"] == ["Die Finanzierung erfolgt aus Restmitteln 2013."]

    # Without a motion of its own, a paper takes the one of the Bilanz it is linked to.
    bare = Paper.objects.create(organization=org, reference="1/2021", title="Bilanz")
    bare.reports.add(beschluss_report)
    assert vorlage_data(paper=bare)["motions"][0]["text"].endswith("wird zur Kenntnis genommen.")


def test_split_motions_copes_with_unnumbered_text():
    assert split_motions("Die Verwaltung wird beauftragt.") == [
        {"number": "1", "text": "Die Verwaltung wird beauftragt.", "items": []}
    ]
    assert split_motions("") == []
    assert [m["number"] for m in split_motions("1) A\n2) B\n3. C")] == ["1", "2", "3"]


def test_exactly_one_source():
    with pytest.raises(TypeError):
        vorlage_data()


# DOCX -------------------------------------------------------------------------------------------


def test_docx_has_headings_and_real_numbered_motions(beschluss_process):
    content = render_vorlage_docx(
        vorlage_data(process=beschluss_process, steps=STEPS, signer="R. B.")
    )
    document = Document(io.BytesIO(content))
    paragraphs = document.paragraphs

    assert [p.text for p in paragraphs if p.style.name == "Heading 1"] == HEADINGS
    assert [p.text for p in paragraphs if p.style.name == "Title"] == [
        # The plan's title already says "Integrationsplan": it is not said twice.
        "Gemeinsam für Integration und Teilhabe: Empfehlungen zum " + beschluss_process.plan.title
    ]
    motions = [p for p in paragraphs if p.style.name == "List Number"]
    assert [num_level(p) for p in motions] == [0, 0, 0]
    assert motions[1].text == RECOMMENDATIONS[1][1]  # recommendation 2, numbered "2." by Word
    items = [p for p in paragraphs if p.style.name == "List Number 2"]
    assert [num_level(p) for p in items] == [1] * 5
    assert items[0].text == "im Leitbild der Verwaltung als sichtbare Positionierung,"
    texts = [p.text for p in paragraphs]
    assert "Bildungs- und Sozialausschuss\t01.12.2014" in texts
    assert "zur Vorberatung\töffentlich" in texts
    assert "Kreistag\t15.12.2014" in texts and "zur Beschlussfassung\töffentlich" in texts
    assert texts[-1] == "R. B."
    assert document.core_properties.language == "de-DE"
    assert document.core_properties.title.startswith("Beschlussvorlage: Gemeinsam für")

    # The numbering is a decimal / lower-letter definition that starts at 1.
    numbering = document.part.numbering_part.element
    num_id = motions[0]._p.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == abstract_id
    )
    formats = [lvl.find(qn("w:numFmt")).get(qn("w:val")) for lvl in abstract.findall(qn("w:lvl"))]
    assert formats == ["decimal", "lowerLetter"]


def test_docx_of_a_report_has_its_table(beschluss_report):
    content = render_vorlage_docx(vorlage_data(report=beschluss_report, steps=STEPS))
    document = Document(io.BytesIO(content))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == HEADINGS
    [table] = document.tables
    assert table.rows[0].cells[0].text == "Handlungsfeld"
    assert table.rows[-1].cells[0].text == "Insgesamt"


# PDF --------------------------------------------------------------------------------------------


def test_pdf_is_tagged_german_with_title_and_sections(beschluss_process):
    content = render_vorlage_pdf(
        vorlage_data(process=beschluss_process, steps=STEPS, signer="R. B.")
    )
    if os.environ.get("VORLAGE_PDF"):  # to look at it: VORLAGE_PDF=/tmp/v.pdf pytest -k tagged
        Path(os.environ["VORLAGE_PDF"]).write_bytes(content)
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] in ("de", "de-DE")
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata.title.startswith("Beschlussvorlage: Gemeinsam für Integration")
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    for heading in ["I. Vorlage an", "II. Beschlussantrag", "III. Begründung"]:
        assert heading in text
    assert "IV. Finanzielle Auswirkungen" in text
    assert "zur Vorberatung" in text and "öffentlich" in text
    assert "2. Der Kreistag setzt sich für die Einrichtung" in text
    assert "b. als Führungsaufgabe" in text


def test_pdf_of_a_report_with_awkward_text(beschluss_report):
    beschluss_report.title = 'Bilanz #1 "Stand" $x$ *fett* <b>'
    data = vorlage_data(
        report=beschluss_report, steps=STEPS, financial_impact="Kosten: 5.000 € #set"
    )
    content = render_vorlage_pdf(data)
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "$x$ *fett*" in text and "Kosten: 5.000 € #set" in text
    assert "Insgesamt" in text

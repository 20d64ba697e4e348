"""The letters — Zuwendungsbescheid and Ablehnung — read back from PDF (text) and DOCX, with
the office's own wording; an unknown placeholder is refused when the wording is saved."""

import io
import subprocess

import pytest
from docx import Document

from teilhabe.core.errors import ServiceError
from teilhabe.funding import letters
from teilhabe.funding.services import setup

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_approval_letter_in_pdf_and_docx(funding_world, tmp_path):
    approved = funding_world["applications"]["approved"]
    pdf = letters.letter_pdf(approved)
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf, tmp_path)
    assert "Zuwendungsbescheid: Filmprojekt mit jungen Zugewanderten" in text
    assert "1.500,00 €" in text and "Filmwerkstatt e. V." in text
    assert approved.proof.due_on.strftime("%d.%m.%Y") in text
    assert "{" not in text
    document = Document(io.BytesIO(letters.letter_docx(approved)))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Zuwendungsbescheid: Filmprojekt mit jungen Zugewanderten" in body
    assert "1.500,00 €" in body and document.core_properties.title.startswith("Zuwendungsbescheid")


def test_the_rejection_letter_carries_the_reasons(funding_world, tmp_path):
    rejected = funding_world["applications"]["rejected"]
    text = _pdf_text(letters.letter_pdf(rejected), tmp_path)
    assert "Kein Bezug zum Zweck." in text and "nicht fördern" in text


def test_the_office_edits_the_wording(funding_world, tmp_path):
    template = funding_world["template"]
    with pytest.raises(ServiceError, match=r"Platzhalter \{summe\}"):
        setup.letter_template_update(
            template=template, version=template.version, by=None, body="Sie bekommen {summe}."
        )
    setup.letter_template_update(
        template=template,
        version=template.version,
        by=None,
        body="Wir fördern „{projekt}“ mit {betrag}.",
    )
    text = _pdf_text(letters.letter_pdf(funding_world["applications"]["approved"]), tmp_path)
    assert "Wir fördern „Filmprojekt mit jungen Zugewanderten“ mit 1.500,00 €." in text


def test_no_letter_before_the_decision(funding_world):
    with pytest.raises(ServiceError, match="erst nach der Entscheidung"):
        letters.letter_docx(funding_world["applications"]["eligible"])

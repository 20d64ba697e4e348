import io

import docx
import pypdf
import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_command_writes_the_bilanz(plan_setup, tmp_path, fmt):
    output = tmp_path / f"bilanz.{fmt}"
    stdout = io.StringIO()

    call_command(
        "report",
        "bilanz",
        plan=plan_setup["plan"].slug,
        as_of="2017-02-20",
        format=fmt,
        output=str(output),
        stdout=stdout,
    )

    content = output.read_bytes()
    if fmt == "pdf":
        assert "Handlungsfeld 1" in pypdf.PdfReader(io.BytesIO(content)).pages[1].extract_text()
    elif fmt == "docx":
        assert any(p.text == "1. Handlungsfeld 1" for p in docx.Document(output).paragraphs)
    else:
        assert '<h2 id="handlungsfeld-1">1. Handlungsfeld 1</h2>' in content.decode()
    assert "Stand 20. Februar 2017" in stdout.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"plan": "gibt-es-nicht"}, "keinen Integrationsplan mit dem Kurznamen „gibt-es-nicht“"),
        ({"as_of": "2010-01-01"}, "keine Bilanz mit Stand am oder vor dem 1. Januar 2010"),
        ({"as_of": "20.02.2017"}, "„20.02.2017“ ist kein gültiges Datum"),
        ({"format": "odt"}, "Unbekanntes Format „odt“"),
        ({"output": "/gibt/es/nicht/bilanz.pdf"}, "lässt sich nicht schreiben"),
    ],
)
def test_command_fails_cleanly_in_german(plan_setup, tmp_path, options, message):
    arguments = {"plan": plan_setup["plan"].slug, "output": str(tmp_path / "x.pdf")} | options

    with pytest.raises(CommandError, match=message):
        call_command("report", "bilanz", **arguments)

    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.django_db
def test_command_knows_only_the_bilanz(plan_setup, tmp_path):
    with pytest.raises(CommandError, match="Unbekannte Berichtsart „broschuere“"):
        call_command("report", "broschuere", plan=plan_setup["plan"].slug, output="x.pdf")

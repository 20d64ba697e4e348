"""The DOCX fixture of the progress-report corpus, built with python-docx in the test run.

Modelled on the goal lists of Frankfurt's integration concept ("Vielfalt bewegt Frankfurt"):
numbered goals ("Ziel 37"), fields as group rows spanning the whole table (merged cells, which
python-docx repeats in every cell of the row), a status column "erledigt / laufend / offen" and
an empty row Word leaves at the end of a table.
"""

import io

import docx

HEADER = ("Nr.", "Ziel", "Beschreibung", "Zuständigkeit", "Umsetzungsstand")
ROWS: tuple[tuple[str, ...] | str, ...] = (
    "Bildung und Sprache",
    (
        "35",
        "Mehrsprachigkeit in Kitas wertschätzen",
        "Fortbildungen für Fachkräfte",
        "Stadtschulamt",
        "erledigt",
    ),
    (
        "36",
        "Elternbeteiligung an Schulen stärken",
        "Elternlotsen an 12 Schulen",
        "Stadtschulamt",
        "laufend",
    ),
    "Berichtswesen",
    (
        "37",
        "In regelmäßigem Turnus berichten",
        "Integrationsbericht alle drei Jahre",
        "Amt für multikulturelle Angelegenheiten",
        "laufend",
    ),
    (
        "38",
        "Jährlichen Zwischenbericht erstellen",
        "",
        "Amt für multikulturelle Angelegenheiten",
        "offen",
    ),
    ("", "", "", "", ""),
)


def build_frankfurt_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Integrations- und Diversitätskonzept – Bericht zum Umsetzungsstand", 1)
    document.add_paragraph("Stand: 15. November 2019")
    document.add_paragraph("Die Tabelle nennt für jedes Ziel die zuständige Stelle und den Stand.")
    table = document.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for row in ROWS:
        cells = table.add_row().cells
        if isinstance(row, str):
            merged = cells[0].merge(cells[-1])
            merged.text = row
        else:
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

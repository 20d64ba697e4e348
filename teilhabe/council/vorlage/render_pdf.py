"""The Beschlussvorlage as a tagged PDF (PDF/UA-1), set by Typst from `beschlussvorlage.typ` next
to this module, with the same fonts as the Bilanz. The content is one JSON document in
`sys.inputs`, so text from the database is never parsed as Typst markup."""

import json
from pathlib import Path

from teilhabe.reports.typst_engine import compile_typst

TEMPLATE = Path(__file__).parent / "beschlussvorlage.typ"


def render_vorlage_pdf(data: dict) -> bytes:
    return compile_typst(
        TEMPLATE,
        {"data": json.dumps(data, ensure_ascii=False)},
        format="pdf",
        pdf_standards=["ua-1"],
    )

"""The Beschlussvorlage as a tagged PDF (PDF/UA-1), set by Typst from `typst/beschlussvorlage.typ`
with the same fonts as the Bilanz. The content is one JSON document in `sys.inputs`, so text
from the database is never parsed as Typst markup."""

import json

from .typst_engine import compile_typst


def render_vorlage_pdf(data: dict) -> bytes:
    return compile_typst(
        "beschlussvorlage.typ",
        {"data": json.dumps(data, ensure_ascii=False)},
        format="pdf",
        pdf_standards=["ua-1"],
    )

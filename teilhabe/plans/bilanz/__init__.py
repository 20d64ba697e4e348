"""The Bilanz as a document: its data (`data.py`), charts, wording, and its renderings as HTML,
PDF (Typst, PDF/UA) and DOCX — the same data feeds every format. The engines are in
`teilhabe.reports`; publishing lives in `plans/services/publication.py`."""

"""The Bilanz as a Word document, for offices that edit it before it goes to committee.

Same structure as the PDF, built from Word's own styles (Title, Heading 1/2, List Bullet) so that
the navigation pane, a table of contents and screen readers understand it; tables are real
tables whose header row repeats on every page; charts are PNG pictures (rendered by Typst from
the same SVG) with their text alternative, followed by the numbers as a table.
"""

import io

from django.utils import translation

from teilhabe.reports.docx import (
    ACCENT,
    DRAFT,
    HEADER_FILL,
    MUTED,
    TEXT_WIDTH_CM,
    enable_hyphenation,
    keep_together,
    repeat_as_header,
    rgb,
    set_language,
    shade,
    use_font,
    word_field,
)
from teilhabe.reports.typst_engine import svg_to_png

from .charts import (
    field_status_description,
    field_status_svg,
    progress_history_description,
    progress_history_svg,
)
from .data import KEEP_ROW_TOGETHER_BELOW, BilanzData


def _texts_of(values: list) -> list[str]:
    return [text for value in values for text in (value if isinstance(value, list) else [value])]


# The document -------------------------------------------------------------------------------


class _Writer:
    def __init__(self, data: BilanzData, attachment: str):
        # Imported when a document is written, not with the views: a web worker that serves
        # pages does without python-docx (and lxml), ~7 MB.
        from docx import Document

        self.data = data
        self.attachment = attachment
        self.document = Document()
        self._set_up()

    def _set_up(self) -> None:
        from docx.shared import Cm, Pt

        document, data = self.document, self.data
        styles = document.styles
        use_font(styles["Normal"], 10)
        set_language(styles["Normal"])
        styles["Normal"].paragraph_format.space_after = Pt(6)
        use_font(styles["Title"], 30, ACCENT)
        use_font(styles["Subtitle"], 16, "1A1A1A")
        use_font(styles["Heading 1"], 15, "1A1A1A")
        use_font(styles["Heading 2"], 12, "1A1A1A")
        use_font(styles["Caption"], 8.5, MUTED)
        for name in ("Header", "Footer"):
            use_font(styles[name], 8, MUTED)
        enable_hyphenation(document)

        properties = document.core_properties
        properties.title = data.document_title
        properties.author = data.organization.name
        properties.subject = data.plan.title
        properties.keywords = "Integrationsplan, Bilanz, Umsetzungsstand"
        properties.language = "de-DE"

        section = document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin, section.bottom_margin = Cm(2.6), Cm(2.4)

    # Building blocks

    def paragraph(
        self,
        text: str = "",
        *,
        style: str | None = None,
        bold=False,
        italic=False,
        colour: str | None = None,
        size: float | None = None,
    ):
        from docx.shared import Pt

        paragraph = self.document.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold or None, italic or None
            if colour is not None:
                run.font.color.rgb = rgb(colour)
            if size:
                run.font.size = Pt(size)
        return paragraph

    def paragraphs(self, texts: list[str]) -> None:
        for text in texts:
            self.paragraph(text)

    def heading(self, text: str, level: int) -> None:
        self.document.add_heading(text, level=level)

    def table(self, header: list[str], rows: list[list], widths_cm: list[float]) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.shared import Cm, Pt

        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        head = table.rows[0]
        repeat_as_header(head)
        for cell, text in zip(head.cells, header, strict=True):
            shade(cell, HEADER_FILL)
            cell.paragraphs[0].add_run(text).bold = True
        for values in rows:
            row = table.add_row()
            if sum(len(text) for text in _texts_of(values)) < KEEP_ROW_TOGETHER_BELOW:
                keep_together(row)
            cells = row.cells
            for cell, value in zip(cells, values, strict=True):
                texts = value if isinstance(value, list) else [value]
                cell.paragraphs[0].text = texts[0] if texts else ""
                for text in texts[1:]:
                    cell.add_paragraph(text)
        # Word reads the cell widths, LibreOffice the grid: set both.
        for column, width in zip(table.columns, widths_cm, strict=True):
            column.width = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=True):
                cell.width = Cm(width)
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.space_after = Pt(2)
                    for run in paragraph.runs:
                        run.font.size = Pt(9)
        self.paragraph()

    def picture(self, svg: str, description: str, caption: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        paragraph = self.paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        shape = paragraph.add_run().add_picture(
            io.BytesIO(svg_to_png(svg)), width=Cm(TEXT_WIDTH_CM)
        )
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", description)
        doc_pr.set("title", caption)
        self.paragraph(caption, style="Caption")

    # Sections

    def title_page(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        data = self.data
        if self.attachment:
            self.paragraph(self.attachment, bold=True, size=12).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.paragraph().paragraph_format.space_before = Cm(5)
        self.paragraph(data.report.title, style="Title")
        self.paragraph(data.plan.title, style="Subtitle")
        self.paragraph().paragraph_format.space_before = Cm(6)
        self.paragraph(data.organization.name, bold=True, size=12)
        self.paragraph(f"Stand {data.as_of_text}", size=12)
        if data.correction_notice:
            self.paragraph(data.correction_notice, size=11)
        if not data.report.is_published:
            self.paragraph("Entwurf – nicht veröffentlicht", bold=True, colour=DRAFT)

    def page_furniture(self) -> None:
        """Header and "Seite X von Y" on every page but the title page, which counts as page 1
        as Word users expect (LibreOffice cannot count the pages of a section alone)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        data = self.data
        header = section.header.paragraphs[0]
        header.text = f"{data.plan.title} – {data.report.title}, Stand {data.as_of_text}"
        if not data.report.is_published:
            run = header.add_run("  ·  Entwurf")
            run.bold = True
            run.font.color.rgb = rgb(DRAFT)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("Seite ")
        word_field(footer, "PAGE")
        footer.add_run(" von ")
        word_field(footer, "NUMPAGES")

    def overview(self) -> None:
        data = self.data
        self.heading("Überblick", 1)
        self.paragraphs(data.introduction_paragraphs)
        if data.fields_sentence:
            self.paragraph(data.fields_sentence)

        self.heading("Stand der Umsetzung", 2)
        figure = self.paragraph("Fortschritt des Plans: ", size=12)
        figure.add_run(data.summary.figure.figure_text).bold = True
        figure.add_run(f" ({data.summary.figure.basis_text})")
        self.paragraph(data.progress_note, size=8.5, colour=MUTED)
        self.picture(
            str(field_status_svg(data)),
            field_status_description(data),
            "Umsetzungsstand der Maßnahmen je Handlungsfeld",
        )
        rows = [
            [
                item.heading,
                str(item.summary.total),
                item.summary.breakdown,
                item.summary.progress_text,
            ]
            for item in data.fields
        ]
        rows.append(
            [
                "Insgesamt",
                str(data.summary.total),
                data.summary.breakdown,
                data.summary.progress_text,
            ]
        )
        self.table(
            ["Handlungsfeld", "Maßnahmen", "davon", "Fortschritt"], rows, [4.4, 2.2, 7.6, 2.4]
        )

        if len(data.history) > 1:
            self.heading("Entwicklung über die Bilanzen", 2)
            self.picture(
                str(progress_history_svg(data)),
                progress_history_description(data),
                "Fortschritt des Plans je Bilanz",
            )

        if data.previous_report is None:
            self.paragraph(
                "Es gibt keine frühere veröffentlichte Bilanz, mit der sich diese vergleichen "
                "ließe.",
                colour=MUTED,
            )
            return
        self.heading(f"Veränderungen seit der Bilanz vom {data.previous_as_of_text}", 2)
        if not data.changes:
            self.paragraph("Seitdem hat sich kein Umsetzungsstand geändert.")
            return
        self.table(
            ["Feld", "Maßnahme", "vorher", "jetzt"],
            [
                [
                    str(change.field_number),
                    f"{change.measure.number} {change.measure.title}",
                    change.old_text if change.old_status else "neu aufgenommen",
                    change.new_text,
                ]
                for change in data.changes
            ],
            [1.4, 8.2, 3.5, 3.5],
        )

    def fields(self) -> None:
        for item in self.data.fields:
            self.heading(item.heading, 1)
            if item.field.motto:
                self.paragraph(f"„{item.field.motto}“", italic=True, colour=ACCENT, size=11)
            self.paragraphs(item.introduction_paragraphs)
            if item.rows:
                self.table(
                    ["Ziele", "Aufgaben/Beschreibung", "Umsetzung"],
                    [
                        [row.goal, row.description_paragraphs, row.implementation]
                        for row in item.rows
                    ],
                    [4.9, 7.7, 4.0],
                )
            else:
                self.paragraph(
                    "Für dieses Handlungsfeld sind keine Maßnahmen erfasst.", colour=MUTED
                )
            if item.examples:
                self.heading(f"{item.examples_heading}:", 2)
                for example in item.examples:
                    self.paragraph(example.text, style="List Bullet")
            for section in item.sections:
                self.contributed(section, 2)

    def contributed(self, section, level: int) -> None:
        """A section that a module above plans adds (plans/contributions.py)."""
        self.heading(section.heading, level)
        self.paragraphs(section.paragraphs)
        if section.chart_svg:
            self.picture(section.chart_svg, section.chart_alt, section.heading)
        if section.table:
            columns = len(section.table.header)
            self.table(
                section.table.header,
                [list(row) for row in section.table.rows],
                [TEXT_WIDTH_CM / columns] * columns,
            )

    def outlook(self) -> None:
        # A Bilanz without an outlook has no such chapter: the council reads no placeholder.
        if self.data.outlook_paragraphs:
            self.heading("Ausblick – Weiteres Vorgehen", 1)
            self.paragraphs(self.data.outlook_paragraphs)

    def render(self) -> bytes:
        self.page_furniture()
        self.title_page()
        self.document.add_page_break()
        self.overview()
        self.fields()
        for section in self.data.sections:
            self.contributed(section, 1)
        self.outlook()
        output = io.BytesIO()
        self.document.save(output)
        return output.getvalue()


def render_docx(data: BilanzData, *, attachment: str = "") -> bytes:
    # A document of a German authority: German whatever language the request speaks.
    with translation.override("de"):
        return _Writer(data, attachment).render()

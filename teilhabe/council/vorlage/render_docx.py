"""The Beschlussvorlage as a Word document, for the office to finish and send to committee.

Built from Word's own styles so that it stays editable like any Vorlage typed by hand: Title for
the subject, Heading 1 for I.–IV. (the navigation pane lists them), List Number / List Number 2
with a real Word numbering (1., 2. … and a., b. …) for the motions, so points inserted in Word
renumber themselves; the Beratungsfolge lines use a right tab stop, not a layout table.
"""

import io

from django.utils import translation

from teilhabe.reports.docx import (
    enable_hyphenation,
    repeat_as_header,
    rgb,
    set_language,
    shade,
    use_font,
    word_field,
)

INK = "1A1A1A"
MUTED = "4A5562"
TEXT_WIDTH_CM = 16.0
INDENT_TWIPS = 567  # 1 cm


def _numbering_definition(document, start: int) -> int:
    """A two-level numbering (1. / a.) for the motions; returns its w:numId."""
    # Imported when a document is written, not with the views: a web worker that serves pages
    # does without python-docx (and lxml), ~7 MB.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    numbering = document.part.numbering_part.element
    abstract_ids = [
        int(e.get(qn("w:abstractNumId"))) for e in numbering.findall(qn("w:abstractNum"))
    ]
    num_ids = [int(e.get(qn("w:numId"))) for e in numbering.findall(qn("w:num"))]
    abstract_id = max(abstract_ids, default=0) + 1
    num_id = max(num_ids, default=0) + 1

    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    multi = OxmlElement("w:multiLevelType")
    multi.set(qn("w:val"), "hybridMultilevel")
    abstract.append(multi)
    for level, (fmt, text) in enumerate((("decimal", "%1."), ("lowerLetter", "%2."))):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (
            ("w:start", "1"),
            ("w:numFmt", fmt),
            ("w:lvlText", text),
            ("w:lvlJc", "left"),
        ):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            lvl.append(element)
        p_pr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(INDENT_TWIPS * (level + 1)))
        ind.set(qn("w:hanging"), str(INDENT_TWIPS))
        p_pr.append(ind)
        lvl.append(p_pr)
        abstract.append(lvl)
    # The schema wants every abstractNum before the first num.
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)

    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    abstract_ref = OxmlElement("w:abstractNumId")
    abstract_ref.set(qn("w:val"), str(abstract_id))
    num.append(abstract_ref)
    if start != 1:
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start_override = OxmlElement("w:startOverride")
        start_override.set(qn("w:val"), str(start))
        override.append(start_override)
        num.append(override)
    numbering.append(num)
    return num_id


def _number(paragraph, num_id: int, level: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num)
    p_pr.append(num_pr)


def _consecutive(motions: list[dict]) -> bool:
    numbers = [int(m["number"]) for m in motions]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers))) if numbers else True


class _Writer:
    def __init__(self, data: dict):
        from docx import Document

        self.data = data
        self.document = Document()
        self._set_up()

    def _set_up(self) -> None:
        from docx.shared import Cm, Pt

        document, data = self.document, self.data
        styles = document.styles
        use_font(styles["Normal"], 11)
        set_language(styles["Normal"])
        styles["Normal"].paragraph_format.space_after = Pt(6)
        use_font(styles["Title"], 16, INK)
        use_font(styles["Heading 1"], 12, INK)
        use_font(styles["Heading 2"], 11, INK)
        styles["Heading 1"].paragraph_format.space_before = Pt(18)
        for name in ("List Number", "List Number 2", "List Bullet", "Header", "Footer"):
            use_font(styles[name], 8 if name in ("Header", "Footer") else None, None)
        enable_hyphenation(document)

        properties = document.core_properties
        properties.title = data["document_title"]
        properties.author = data["organization"]
        properties.subject = data["title"]
        properties.keywords = "Beschlussvorlage, Integrationsplan"
        properties.language = "de-DE"

        section = document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin, section.right_margin = Cm(2.5), Cm(2.5)
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)

    def paragraph(self, text: str = "", *, style: str | None = None, bold=False, tab=False):
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Cm

        paragraph = self.document.add_paragraph(style=style)
        if text:
            paragraph.add_run(text).bold = bold or None
        if tab:
            paragraph.paragraph_format.tab_stops.add_tab_stop(
                Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT
            )
        return paragraph

    def heading(self, text: str, level: int = 1):
        heading = self.document.add_heading(text, level=level)
        heading.paragraph_format.keep_with_next = True
        return heading

    # Parts of the Vorlage

    def letterhead(self) -> None:
        data = self.data
        top = self.paragraph(data["organization"], bold=True, tab=True)
        if data["reference"]:
            top.add_run(f"\tDrucksache Nr. {data['reference']}")
        if data["date"]:
            self.paragraph(f"\t{data['date']}", tab=True)
        self.paragraph("Beschlussvorlage").runs[0].font.color.rgb = rgb(MUTED)
        self.paragraph(data["title"], style="Title")
        if data["attachment"]:
            self.paragraph(data["attachment"])

    def consultations(self) -> None:
        from docx.shared import Pt

        data = self.data
        self.heading(data["headings"]["consultations"])
        if not data["consultations"]:
            self.paragraph("[Gremium, Sitzungstag und Rolle ergänzen]")
        for step in data["consultations"]:
            line = self.paragraph(step["committee"], tab=True)
            line.paragraph_format.keep_with_next = True
            line.paragraph_format.space_after = Pt(0)
            if step["date"]:
                line.add_run(f"\t{step['date']}")
            self.paragraph(f"{step['role']}\t{step['public']}", tab=True)

    def motions(self) -> None:
        from docx.shared import Cm

        data = self.data
        self.heading(data["headings"]["motions"])
        if data["motions_intro"]:
            self.paragraph(data["motions_intro"]).paragraph_format.keep_with_next = True
        motions = data["motions"]
        if not motions:
            self.paragraph("[Beschlussantrag ergänzen]")
            return
        num_id = (
            _numbering_definition(self.document, int(motions[0]["number"]))
            if _consecutive(motions)
            else None
        )
        for motion in motions:
            if num_id:
                paragraph = self.paragraph(motion["text"], style="List Number")
                _number(paragraph, num_id, 0)
            else:
                # Numbers with gaps (a recommendation list after deletions) stay as they are.
                paragraph = self.paragraph(f"{motion['number']}.\t{motion['text']}")
                paragraph.paragraph_format.left_indent = Cm(1)
                paragraph.paragraph_format.first_line_indent = Cm(-1)
            for item in motion["items"]:
                if num_id:
                    _number(self.paragraph(item["text"], style="List Number 2"), num_id, 1)
                else:
                    sub = self.paragraph(f"{item['label']}.\t{item['text']}")
                    sub.paragraph_format.left_indent = Cm(2)
                    sub.paragraph_format.first_line_indent = Cm(-1)

    def reasoning(self) -> None:
        data = self.data
        self.heading(data["headings"]["reasoning"])
        for text in data["reasoning"]:
            self.paragraph(text)
        for text in data["reasoning_list"]:
            self.paragraph(text, style="List Bullet")
        for text in data["reasoning_after_list"]:
            self.paragraph(text)
        if data["table"]:
            self.progress_table(data["table"])
        if data["outlook"]:
            self.heading("Ausblick", 2)
            for text in data["outlook"]:
                self.paragraph(text)

    def progress_table(self, table_data: dict) -> None:
        """The captioned progress table of the reasoning: a shaded header row repeated on every page,
        the rows in small type."""
        from docx.shared import Cm, Pt

        self.paragraph(table_data["caption"], bold=True).paragraph_format.keep_with_next = True
        table = self.document.add_table(rows=1, cols=len(table_data["header"]))
        table.style = "Table Grid"
        head = table.rows[0]
        repeat_as_header(head)
        for cell, text in zip(head.cells, table_data["header"], strict=True):
            shade(cell, "EBEDEF")
            cell.paragraphs[0].add_run(text).bold = True
        for values in table_data["rows"]:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                cell.paragraphs[0].text = text
        for row in table.rows:
            for cell, width in zip(row.cells, (4.6, 2.2, 6.6, 2.6), strict=True):
                cell.width = Cm(width)
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.space_after = Pt(2)
                    for run in paragraph.runs:
                        run.font.size = Pt(9)
        self.paragraph()

    def financial_impact(self) -> None:
        data = self.data
        self.heading(data["headings"]["financial_impact"])
        for text in data["financial_impact"]:
            self.paragraph(text)

    def signature(self) -> None:
        from docx.shared import Cm, Pt

        data = self.data
        space = self.paragraph()
        space.paragraph_format.space_before = Cm(1.5)
        space.paragraph_format.keep_with_next = True
        name = self.paragraph(data["signer"] or "[Name]")
        name.paragraph_format.keep_with_next = True
        name.paragraph_format.space_after = Pt(0)
        if data["signer_role"]:
            self.paragraph(data["signer_role"])

    def page_numbers(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        footer = self.document.sections[0].footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("Seite ")
        word_field(footer, "PAGE")
        footer.add_run(" von ")
        word_field(footer, "NUMPAGES")

    def render(self) -> bytes:
        self.page_numbers()
        self.letterhead()
        self.consultations()
        self.motions()
        self.reasoning()
        self.financial_impact()
        self.signature()
        output = io.BytesIO()
        self.document.save(output)
        return output.getvalue()


def render_vorlage_docx(data: dict) -> bytes:
    with translation.override("de"):
        return _Writer(data).render()

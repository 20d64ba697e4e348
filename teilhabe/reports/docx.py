"""DOCX pieces every Word document of Teilhabe uses: the house font and colours, and the
low-level parts python-docx has no API for (fields, repeating header rows, shading, language,
hyphenation). What a document contains is built by its domain app."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.shared import RGBColor

# Arial is on every office PC; LibreOffice replaces it with the metric-compatible Liberation Sans.
FONT = "Arial"
# Colours in hex, as Word writes them; `rgb` makes python-docx's colour of one when a document is
# written (python-docx is not imported with the views).
ACCENT = "0A4F86"
DRAFT = "8A1C1C"
MUTED = "4A5562"
HEADER_FILL = "EBEDEF"
TEXT_WIDTH_CM = 16.6


def word_field(paragraph, instruction: str) -> None:
    """A Word field such as PAGE; Word and LibreOffice compute it when they lay out the page."""
    # Imported when a document is written, not with the views: a web worker that serves pages
    # does without python-docx (and lxml), ~7 MB.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        run = paragraph.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        run._r.append(element)
        if kind == "separate":
            paragraph.add_run("1")


def repeat_as_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def keep_together(row) -> None:
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def set_language(style, language: str = "de-DE") -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    style.element.get_or_add_rPr().append(lang)


def rgb(colour: str) -> RGBColor:
    """A hex colour such as ACCENT as python-docx sets it (``run.font.color.rgb``)."""
    from docx.shared import RGBColor

    return RGBColor.from_string(colour)


def use_font(style, size: float | None = None, colour: str | None = None) -> None:
    """Drop the template's theme fonts, which would win over an explicit font name."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    r_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(attribute), None)
    style.font.name = FONT
    if size:
        style.font.size = Pt(size)
    if colour is not None:
        style.font.color.rgb = rgb(colour)


def enable_hyphenation(document) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    hyphenation = OxmlElement("w:autoHyphenation")
    hyphenation.set(qn("w:val"), "true")
    # The schema fixes the order of settings; autoHyphenation follows defaultTabStop.
    tab_stop = settings.find(qn("w:defaultTabStop"))
    if tab_stop is not None:
        tab_stop.addnext(hyphenation)
    else:
        settings.append(hyphenation)

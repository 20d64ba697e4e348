import xml.etree.ElementTree as ET

from teilhabe.plans.bilanz.charts import (
    field_status_svg,
    progress_history_svg,
)
from teilhabe.plans.bilanz.data import bilanz_data
from teilhabe.testing.state import shared_fixture

from .sample import make_boeblingen_plan

SVG = "{http://www.w3.org/2000/svg}"


def build_chart_data(get):
    _plan, report = make_boeblingen_plan()
    return bilanz_data(report)


chart_data = shared_fixture(build_chart_data, name="chart_data")


def test_field_chart_is_an_image_with_title_description_and_legend(chart_data):
    svg = ET.fromstring(str(field_status_svg(chart_data)))

    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "Umsetzungsstand je Handlungsfeld"
    description = svg.find(f"{SVG}desc").text
    assert "1. Aufbrechen und Ankommen: 1 umgesetzt, 1 in Umsetzung, 1 im Abstimmungsprozess" in (
        description
    )
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "umgesetzt (2)" in texts
    assert "keine Angabe (1)" in texts
    # No measure of the field has a status that counts: no percentage, the basis instead.
    assert any(text.startswith("4. Religion – 2 Maßnahmen, zu wenige Angaben") for text in texts), (
        texts
    )
    # The colours are attributes, not classes: they survive in Typst and in print.
    fills = {rect.get("fill") for rect in svg.iter(f"{SVG}rect")}
    assert {"#0b5d1e", "#0a4f86", "#6b4e00", "#8a1c1c"} <= fills


def test_history_chart_has_one_point_per_report_with_its_value(chart_data):
    svg = ET.fromstring(str(progress_history_svg(chart_data)))

    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "01.02.2016" in texts and "20.02.2017" in texts
    assert "45\u00a0%" in texts
    assert len(list(svg.iter(f"{SVG}circle"))) == 2
    # German decimal commas stay out of the coordinates.
    assert all("," not in line.get("y1") for line in svg.iter(f"{SVG}line"))


def test_the_phone_chart_is_drawn_for_its_width_with_the_fields_names_only(chart_data):
    """On a phone the wide chart would shrink its text to half; its twin is drawn 340 wide with
    one legend column, and its labels carry no figure (a figure without its basis would break
    the progress rule; the cards and the table carry both)."""
    svg = ET.fromstring(str(field_status_svg(chart_data, "schmal", narrow=True)))

    assert svg.get("width") == "340"
    assert svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "4. Religion" in texts
    assert not any("%" in text or "Angaben" in text for text in texts if text)
    legend_x = {rect.get("x") for rect in svg.iter(f"{SVG}rect") if rect.get("height") == "14"}
    assert legend_x == {"0.5"}
    ids = {element.get("id") for element in svg.iter() if element.get("id")}
    assert ids and all(identifier.startswith("schmal") for identifier in ids)

"""Hand-written SVG charts of a Bilanz, with their text alternative and the same numbers as a table.

The SVG carries its colours as attributes (no CSS classes), so the same markup works inline in a
page, printed, and embedded in the PDF by Typst (`image(bytes(svg), format: "svg")`) or in DOCX
after Typst has turned it into a PNG. Every status also has a text legend with its count, and
counts are written into the bars, so nothing depends on telling colours apart.

Texts follow the active language. In a right-to-left language the status chart is mirrored (bars
grow from the right, labels are right-aligned) and its text runs right to left; the progress
chart keeps its time axis left to right, as numbers and dates read that way. Each SVG states its
`direction`, so an inline chart does not inherit the page's and push its labels off the canvas.
"""

import math
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language_bidi, gettext, ngettext

from teilhabe.plans.progress import Progress
from teilhabe.reports.formatting import (
    clause_separator,
    format_date_short,
    format_percent,
    list_separator,
)

from .data import BilanzData

# The foreground colours of `.status--*` in static/css/teilhabe.css, dark enough for white text
# (contrast ≥ 7:1); "keine Angabe" is white with a dashed outline there and here.
STATUS_COLOURS = {
    "done": "#0b5d1e",
    "in_progress": "#0a4f86",
    "in_coordination": "#6b4e00",
    "not_started": "#8a1c1c",
    "not_possible": "#404040",
    "unknown": "#ffffff",
}
TEXT_ON = dict.fromkeys(STATUS_COLOURS, "#ffffff") | {"unknown": "#1a1a1a"}
OUTLINE = "#404040"
LINE_COLOUR = "#0a4f86"
FONT = "Fira Sans, Arial, Helvetica, sans-serif"

WIDTH = 640
LEGEND_COLUMNS = 3
LEGEND_ROW = 22
FIELD_ROW = 58
BAR_HEIGHT = 24
# Below this a segment is too narrow for its count; the legend and table still have it.
MIN_LABELLED_SEGMENT = 22
LABEL_MAX_CHARS = 88


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    count: int
    x: float
    width: float
    colour: str
    text_colour: str

    @property
    def labelled(self) -> bool:
        return self.width >= MIN_LABELLED_SEGMENT

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class FieldBar:
    label: str
    y: float
    segments: list[Segment]

    @property
    def bar_y(self) -> float:
        return self.y + 8

    @property
    def text_y(self) -> float:
        return self.bar_y + BAR_HEIGHT / 2 + 4.5


@dataclass(frozen=True)
class LegendItem:
    label: str
    colour: str
    x: float
    y: float
    dashed: bool


def _truncate(text: str, limit: int = LABEL_MAX_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _progress_phrase(figure: Progress) -> str:
    """ "Fortschritt 62,5 % (aus 4 von 5 Maßnahmen)" or "zu wenige Angaben (aus 1 von 3 …)"."""
    if not figure.total:
        return gettext("ohne Fortschrittswert")
    if not figure.shown:
        return figure.text
    return gettext("Fortschritt %(percent)s") % {"percent": figure.text}


def field_status_description(data: BilanzData) -> str:
    """The chart in words: its text alternative in the page, the PDF and the DOCX."""
    lines = [
        f"{item.heading}: {item.summary.breakdown}{clause_separator()}"
        + _progress_phrase(item.summary.figure)
        for item in data.fields
    ]
    return gettext("Umsetzungsstand der Maßnahmen je Handlungsfeld.") + " " + ". ".join(lines) + "."


# A phone's chart: drawn for its width, so its text keeps the size of the page's small print
# instead of shrinking to half; one legend column, labels of the field's name only.
NARROW_WIDTH = 340
NARROW_HEADING_MAX_CHARS = 44


def field_status_svg(
    data: BilanzData, id_prefix: str = "umsetzungsstand", *, narrow: bool = False
) -> SafeString:
    """One stacked horizontal bar per field: how many of its measures are in which status."""
    rtl = get_language_bidi()
    chart_width = NARROW_WIDTH if narrow else WIDTH
    columns = 1 if narrow else LEGEND_COLUMNS
    legend = []
    for index, item in enumerate(data.summary.status_counts):
        column, row = index % columns, index // columns
        # Right to left, a legend item's group starts at its column's right edge.
        column_x = column * chart_width / columns
        legend.append(
            LegendItem(
                label=f"{item.label} ({item.count})",
                colour=STATUS_COLOURS[item.key],
                x=round(chart_width - column_x, 2) if rtl else column_x,
                y=row * LEGEND_ROW,
                dashed=item.key == "unknown",
            )
        )
    top = math.ceil(len(legend) / columns) * LEGEND_ROW + 16

    bars = []
    for index, item in enumerate(data.fields):
        total = item.summary.total
        x = 0.0
        segments = []
        for status in item.summary.status_counts:
            if not status.count:
                continue
            width = chart_width * status.count / total
            segments.append(
                Segment(
                    key=status.key,
                    label=status.label,
                    count=status.count,
                    x=round(chart_width - x - width if rtl else x, 2),
                    width=round(width, 2),
                    colour=STATUS_COLOURS[status.key],
                    text_colour=TEXT_ON[status.key],
                )
            )
            x += width
        measures = ngettext("%(count)s Maßnahme", "%(count)s Maßnahmen", total) % {"count": total}
        progress = _progress_phrase(item.summary.figure)
        if narrow:
            # The field's name only: the counts are in the bar's segments, and a figure without
            # its basis would break the progress rule (the cards and the table carry both).
            label = _truncate(item.heading, NARROW_HEADING_MAX_CHARS)
        else:
            label = _truncate(f"{item.heading} – {measures}{list_separator()}{progress}")
        bars.append(FieldBar(label=label, y=top + index * FIELD_ROW, segments=segments))

    return SafeString(
        render_to_string(
            "plans/charts/field_status.svg",
            {
                "id": id_prefix,
                "rtl": rtl,
                "width": chart_width,
                "height": top + len(bars) * FIELD_ROW,
                "legend": legend,
                "bars": bars,
                "bar_height": BAR_HEIGHT,
                "empty_width": chart_width - 1,
                "outline": OUTLINE,
                "font": FONT,
                "description": field_status_description(data),
            },
        )
    )


def field_status_table(data: BilanzData) -> SafeString:
    return SafeString(
        render_to_string(
            "plans/charts/field_status_table.html",
            {"data": data, "statuses": data.summary.status_counts},
        )
    )


# Progress across reports -----------------------------------------------------------------------

HISTORY_HEIGHT = 250
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 64, WIDTH - 24, 24, 200
MAX_DATE_LABELS = 8


@dataclass(frozen=True)
class Point:
    x: float
    y: float | None
    value: str
    date: str
    show_date: bool

    @property
    def label_y(self) -> float | None:
        return None if self.y is None else self.y - 11


@dataclass(frozen=True)
class Tick:
    y: float
    label: str

    @property
    def text_y(self) -> float:
        return self.y + 4


def _y(percent: float) -> float:
    return round(PLOT_BOTTOM - percent / 100 * (PLOT_BOTTOM - PLOT_TOP), 2)


def progress_history_description(data: BilanzData) -> str:
    points = [f"{format_date_short(p.as_of)} ({p.title}): {p.progress_text}" for p in data.history]
    return gettext("Fortschritt des Plans je Bilanz.") + " " + clause_separator().join(points) + "."


def progress_history_svg(data: BilanzData, id_prefix: str = "fortschritt") -> SafeString:
    """The progress figure of each report as a line over time (evenly spaced by report)."""
    history = data.history
    inner = PLOT_RIGHT - PLOT_LEFT - 48
    step = max(1, math.ceil(len(history) / MAX_DATE_LABELS))
    points = []
    for index, point in enumerate(history):
        x = PLOT_LEFT + 24 + (inner * index / (len(history) - 1) if len(history) > 1 else inner / 2)
        points.append(
            Point(
                x=round(x, 2),
                y=None if point.figure.percent is None else _y(point.figure.percent),
                value=point.figure.figure_text,
                date=format_date_short(point.as_of),
                show_date=index % step == 0 or index == len(history) - 1,
            )
        )
    # A report without a figure (nothing countable) breaks the line instead of bridging it.
    lines, current = [], []
    for point in points:
        if point.y is None:
            lines.append(current)
            current = []
        else:
            current.append(f"{point.x},{point.y}")
    lines.append(current)

    return SafeString(
        render_to_string(
            "plans/charts/progress_history.svg",
            {
                "id": id_prefix,
                "width": WIDTH,
                "height": HISTORY_HEIGHT,
                "left": PLOT_LEFT,
                "right": PLOT_RIGHT,
                "tick_x": PLOT_LEFT - 8,
                "date_y": PLOT_BOTTOM + 22,
                "ticks": [Tick(_y(v), format_percent(v)) for v in (0, 25, 50, 75, 100)],
                "points": points,
                "lines": [" ".join(line) for line in lines if len(line) > 1],
                "colour": LINE_COLOUR,
                "font": FONT,
                "description": progress_history_description(data),
            },
        )
    )


def progress_history_table(data: BilanzData) -> SafeString:
    return SafeString(
        render_to_string("plans/charts/progress_history_table.html", {"history": data.history})
    )

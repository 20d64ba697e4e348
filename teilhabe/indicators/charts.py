"""An indicator's values over the years as an SVG line chart: one line per level (the town, its
Kreis, the Land), the target as a dashed line with its value, and a text alternative. Drawn in
Python (no JavaScript, the same picture on the portal, in the PDF and in the DOCX)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.translation import gettext

from .formatting import format_value as format_decimal

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, WIDTH - 24, 24, HEIGHT - 40
# Dark enough on white (WCAG 1.4.11), told apart by dash pattern as well as colour.
STYLES = [("#0a4f86", ""), ("#6b4e00", "6 3"), ("#404040", "2 3")]
TARGET_COLOUR = "#0b5d1e"


@dataclass(frozen=True)
class Series:
    label: str
    points: list[tuple[int, Decimal]]


def line_chart(
    series: list[Series],
    *,
    title: str,
    description: str,
    unit: str = "",
    target: tuple[int, Decimal] | None = None,
    id_prefix: str = "kennzahl",
) -> str:
    values = [float(v) for s in series for _y, v in s.points]
    years = [y for s in series for y, _v in s.points]
    if target is not None:
        values.append(float(target[1]))
        years.append(target[0])
    if not values:
        return ""
    low, high = min(0.0, *values), max(values) or 1.0
    first, last = min(years), max(years)
    span = max(last - first, 1)

    def x(year: int) -> float:
        return round(LEFT + (RIGHT - LEFT) * (year - first) / span, 1)

    def y(value: float) -> float:
        return round(BOTTOM - (BOTTOM - TOP) * (value - low) / ((high - low) or 1), 1)

    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id_prefix}-title '
            f'{id_prefix}-desc" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
            'font-family="Fira Sans, Arial, sans-serif" font-size="12">'
        ),
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
        f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="#404040"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{BOTTOM}" stroke="#404040"/>',
        (
            f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" fill="#1a1a1a">'
            f"{escape(format_decimal(Decimal(str(high))))}</text>"
        ),
        (
            f'<text x="{LEFT - 6}" y="{BOTTOM + 4}" text-anchor="end" fill="#1a1a1a">'
            f"{escape(format_decimal(Decimal(str(low))))}</text>"
        ),
    ]
    parts.extend(
        f'<text x="{x(year)}" y="{BOTTOM + 18}" text-anchor="middle" fill="#1a1a1a">{year}</text>'
        for year in sorted(set(years))
    )
    if target is not None:
        ty = y(float(target[1]))
        label = gettext("Ziel %(value)s %(unit)s (%(year)s)") % {
            "value": format_decimal(target[1]),
            "unit": unit,
            "year": target[0],
        }
        parts.append(
            f'<line x1="{LEFT}" y1="{ty}" x2="{RIGHT}" y2="{ty}" stroke="{TARGET_COLOUR}" '
            'stroke-width="2" stroke-dasharray="8 4"/>'
        )
        parts.append(
            f'<text x="{RIGHT}" y="{ty - 6}" text-anchor="end" fill="{TARGET_COLOUR}">'
            f"{escape(label)}</text>"
        )
    for index, item in enumerate(series):
        colour, dash = STYLES[index % len(STYLES)]
        points = sorted(item.points)
        if not points:
            continue
        path = " ".join(f"{x(year)},{y(float(value))}" for year, value in points)
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dashed}/>'
        )
        parts.extend(
            f'<circle cx="{x(year)}" cy="{y(float(value))}" r="3.5" fill="{colour}"/>'
            for year, value in points
        )
        legend_y = HEIGHT - 6
        legend_x = LEFT + index * 190
        parts.append(
            f'<line x1="{legend_x}" y1="{legend_y - 4}" x2="{legend_x + 24}" y2="{legend_y - 4}" '
            f'stroke="{colour}" stroke-width="2.5"{dashed}/>'
        )
        parts.append(
            f'<text x="{legend_x + 30}" y="{legend_y}" fill="#1a1a1a">{escape(item.label[:28])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)

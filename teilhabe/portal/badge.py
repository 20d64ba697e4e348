"""The progress badge a municipality embeds on its own website with <img>.

A hand-written SVG like the report charts: colours as attributes, system fonts only, nothing
loaded from elsewhere (an <img> may not load anything anyway). The figure is the plan's weighted
progress in its latest *published* report, the one the plan page shows; a plan without one
says so instead of showing 0 %.

Text widths are estimated (the SVG cannot measure them); `textLength` makes every renderer fit
the text into the estimated box, so a wider fallback font never spills over the edge.
"""

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from teilhabe.core import generations
from teilhabe.plans.models import Plan, ProgressEntry, ProgressReport

HEIGHT = 20
PADDING = 6
FONT_SIZE = 11
BAR_HEIGHT = 3
LABEL_BACKGROUND = "#404040"
VALUE_BACKGROUND = "#0a4f86"
BAR_COLOUR = "#9fd0f5"
TEXT_COLOUR = "#ffffff"
FONT = "Verdana, DejaVu Sans, Arial, Helvetica, sans-serif"

# Approximate advance widths at 11 px in Verdana / DejaVu Sans, the widest common fallbacks.
_NARROW = set("iljtfrI.,:;'!|() ")
_WIDE = set("mwMW%@")
_UPPER_OR_DIGIT = set("ABCDEFGHJKLNOPQRSTUVXYZÄÖÜ0123456789")


def text_width(text: str) -> float:
    """The estimated width of `text` in pixels at FONT_SIZE."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 3.9
        elif char in _WIDE:
            width += 10.0
        elif char in _UPPER_OR_DIGIT:
            width += 7.5
        else:
            width += 6.8
    return round(width, 1)


@dataclass(frozen=True)
class PlanProgress:
    """The figure a badge shows: progress in percent (None if nothing counts) as of a report."""

    organization_name: str
    report: ProgressReport | None
    progress: float | None
    too_few: bool = False

    @property
    def as_of(self) -> dt.date | None:
        return self.report.as_of if self.report else None


def plan_progress(plan: Plan, report: ProgressReport | None = None) -> PlanProgress:
    """The progress of a public plan in its latest published report: two queries (one if the
    caller already has that report)."""
    if report is None:
        report = ProgressReport.objects.latest_for(plan, published_only=True)
    elif not report.is_published:
        raise ValueError("the badge shows published reports only")
    progress, too_few = None, False
    if report is not None:
        # Kept under the organisation's content generation: it changes only with the plan.
        progress, too_few = generations.remembered(
            generations.organization_scope(plan.organization.slug),
            f"portal:badge:{report.pk}",
            lambda: _figure(report),
        )
    return PlanProgress(
        organization_name=plan.organization.name,
        report=report,
        progress=progress,
        too_few=too_few,
    )


def _figure(report: ProgressReport) -> tuple[float | None, bool]:
    """The progress rule's figure: none when too few measures have a status."""
    figure = ProgressEntry.objects.for_report(report).summary()["figure"]
    return figure.percent, bool(figure.too_few)


@dataclass(frozen=True)
class Badge:
    label: str
    value: str
    description: str
    progress: float | None
    rtl: bool

    @property
    def label_width(self) -> float:
        return round(text_width(self.label) + 2 * PADDING, 1)

    @property
    def value_width(self) -> float:
        return round(text_width(self.value) + 2 * PADDING, 1)

    @property
    def width(self) -> float:
        return round(self.label_width + self.value_width, 1)

    @property
    def label_x(self) -> float:
        """Where the label's box starts; right-to-left languages put it on the right."""
        return self.value_width if self.rtl else 0

    @property
    def value_x(self) -> float:
        return 0 if self.rtl else self.label_width

    @property
    def label_centre(self) -> float:
        return round(self.label_x + self.label_width / 2, 1)

    @property
    def value_centre(self) -> float:
        return round(self.value_x + self.value_width / 2, 1)

    @property
    def label_text_width(self) -> float:
        return text_width(self.label)

    @property
    def value_text_width(self) -> float:
        return text_width(self.value)

    @property
    def bar_width(self) -> float:
        return round(self.value_width * min(max(self.progress or 0, 0), 100) / 100, 1)

    @property
    def bar_x(self) -> float:
        """The bar grows from the start of the line: from the right in right-to-left languages."""
        return (
            round(self.value_x + self.value_width - self.bar_width, 1) if self.rtl else self.value_x
        )


def format_progress(value: float) -> str:
    """42.5 → "42,5 %" in German, "42.5 %" in English; whole numbers without decimals."""
    decimals = 0 if float(value).is_integer() else 1
    return f"{formats.number_format(value, decimals, use_l10n=True)}\u00a0%"


def badge_for(progress: PlanProgress) -> Badge:
    """The badge's words in the active language."""
    label = _("Integrationsplan")
    if progress.report is None:
        value = _("noch keine Bilanz")
        description = _("Integrationsplan %(organization)s: noch keine Bilanz veröffentlicht") % {
            "organization": progress.organization_name
        }
    else:
        date = formats.date_format(progress.as_of, "SHORT_DATE_FORMAT")
        figure = "–" if progress.progress is None else format_progress(progress.progress)
        value = _("%(figure)s umgesetzt · Stand %(date)s") % {"figure": figure, "date": date}
        if progress.too_few:
            # The progress rule: below half of the measures with a status, no percentage.
            figure = _("zu wenige Angaben")
            value = _("zu wenige Angaben · Stand %(date)s") % {"date": date}
        description = _(
            "Integrationsplan %(organization)s: %(figure)s umgesetzt (gewichteter Fortschritt "
            "der Maßnahmen), Stand %(date)s"
        ) % {"organization": progress.organization_name, "figure": figure, "date": date}
    return Badge(
        label=label,
        value=value,
        description=description,
        progress=progress.progress,
        rtl=translation.get_language_bidi(),
    )


def badge_svg(badge: Badge) -> str:
    return render_to_string(
        "portal/badge.svg",
        {
            "badge": badge,
            "language": translation.get_language(),
            "height": HEIGHT,
            "text_y": 14,
            "bar_y": HEIGHT - BAR_HEIGHT,
            "bar_height": BAR_HEIGHT,
            "font": FONT,
            "font_size": FONT_SIZE,
            "padding": PADDING,
            "colours": {
                "label": LABEL_BACKGROUND,
                "value": VALUE_BACKGROUND,
                "bar": BAR_COLOUR,
                "text": TEXT_COLOUR,
            },
        },
    )

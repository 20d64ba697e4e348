"""The Bilanz as HTML: a standalone document (download, print, archive) and, through
`bilanz_context` and `plans/bilanz/bilanz_body.html`, the body of a back-office or portal page."""

from functools import cache

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from .charts import (
    field_status_svg,
    field_status_table,
    progress_history_svg,
    progress_history_table,
)
from .data import BilanzData


def bilanz_context(data: BilanzData) -> dict:
    """What `plans/bilanz/bilanz_body.html` needs; a page includes that template with this context."""
    has_history = len(data.history) > 1
    return {
        "data": data,
        "field_chart": field_status_svg(data),
        "field_chart_narrow": field_status_svg(data, "umsetzungsstand-schmal", narrow=True),
        "field_table": field_status_table(data),
        "history_chart": progress_history_svg(data) if has_history else "",
        "history_table": progress_history_table(data) if has_history else "",
    }


@cache
def _stylesheet() -> SafeString:
    """The site's status colours and the report's layout, inlined: a downloaded file has no
    server to fetch stylesheets from."""
    with open(finders.find("css/teilhabe.css"), encoding="utf-8") as site_css:
        site = site_css.read()
    return SafeString(site + render_to_string("plans/bilanz/bilanz.css"))


def render_html(data: BilanzData, *, attachment: str = "") -> str:
    # A document of a German authority: German whatever language the request speaks.
    with translation.override("de"):
        context = bilanz_context(data) | {"css": _stylesheet(), "attachment": attachment}
        return render_to_string("plans/bilanz/bilanz.html", context)

"""How a Bilanz words a status when the office gave no wording of its own."""

from django.utils.translation import gettext

from teilhabe.reports.formatting import format_percent

from ..models import ProgressStatus


def status_label(status: str | None) -> str:
    if status is None:
        return gettext("nicht erfasst")
    return str(ProgressStatus(status).label)


def status_text(status: str | None, percent: int | None) -> str:
    """A status as the Umsetzung column writes it when the office gave no wording of its own."""
    if status == ProgressStatus.DONE:
        return gettext("%(percent)s umgesetzt") % {"percent": format_percent(100)}
    label = status_label(status)
    if status in (ProgressStatus.IN_PROGRESS, ProgressStatus.IN_COORDINATION) and percent:
        return f"{label} ({format_percent(percent)})"
    return label


KIND = "Integrationsplan"


def plan_named(title: str, article: str) -> str:
    """The plan named after an article, without saying "Integrationsplan" twice:
    ("Integrationsplan des Landkreises Böblingen", "des") → "des Integrationsplans des Landkreises
    Böblingen"; ("Zusammen leben in Musterstadt", "zum") → "zum Integrationsplan „Zusammen leben
    in Musterstadt“". `article` is den, des, dem or zum (the genitive takes its -s)."""
    noun = KIND + ("s" if article == "des" else "")
    if title.startswith(KIND):
        rest = title[len(KIND) :].removeprefix("s ").lstrip()
        return f"{article} {noun} {rest}".rstrip() if rest else f"{article} {noun}"
    return f"{article} {noun} „{title}“"

"""What the modules above plans add to a plan's pages and to its Bilanz.

Plans sit below funding, interpreters, indicators, offers and practices and must not import
them, yet a measure's page should show the projects funded for it and the Bilanz the money spent
per field. So those apps register contributors here, in their `AppConfig.ready()`, and plans asks
them when it renders: a panel on a measure's or field's page, a section in the Bilanz.

A contributor is a plain function. It returns None (or an empty list) when it has nothing to say,
so a plan without a fund shows no empty funding box. Contributors are asked in the order of
`order`, then registration, so the pages look the same on every start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.translation import get_language

from teilhabe.core import generations

Audience = Literal["portal", "backoffice"]


@dataclass(frozen=True)
class Panel:
    """A block on a measure's or field's page, rendered from the contributing app's template.
    Portal templates translate their text; back-office templates are German."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


# The name the modules' documentation uses for a panel on a measure's page.
MeasurePanel = Panel


@dataclass(frozen=True)
class Table:
    """A table in a Bilanz section: header and rows as text, `numeric` the columns set right."""

    caption: str
    header: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...] = ()


@dataclass(frozen=True)
class BilanzSection:
    """A section of the Bilanz: at the end of a field's chapter when `field_id` is given,
    otherwise in a chapter of its own after the fields. Text in the active language (the PDF
    and DOCX are rendered in German); `chart_svg` needs `chart_alt`, its text alternative."""

    key: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None
    chart_svg: str = ""
    chart_alt: str = ""
    field_id: int | None = None
    order: int = 100


@dataclass(frozen=True)
class OrganizationLink:
    """A part of an organisation's portal beyond its plans (Kennzahlen, Angebote, Förderung …),
    linked from its start page while the module has something published there. Text in the
    active language."""

    label: str
    description: str
    url: str
    order: int = 100


_organization_links: list[Callable[[Any], OrganizationLink | None]] = []
_measure_panels: list[Callable[[Any, Audience], Panel | None]] = []
_field_panels: list[Callable[[Any, Audience], Panel | None]] = []
_bilanz_sections: list[Callable[[Any, Any], list[BilanzSection]]] = []


def _register(registry: list, contributor: Callable) -> Callable:
    # ready() can run twice (tests that reload apps); a contributor counts once.
    if contributor not in registry:
        registry.append(contributor)
    return contributor


def register_measure_panel(contributor: Callable[[Any, Audience], Panel | None]) -> Callable:
    """`contributor(measure, audience)`; usable as a decorator."""
    return _register(_measure_panels, contributor)


def register_field_panel(contributor: Callable[[Any, Audience], Panel | None]) -> Callable:
    """`contributor(field_of_action, audience)`; usable as a decorator."""
    return _register(_field_panels, contributor)


def register_organization_link(contributor: Callable[[Any], OrganizationLink | None]) -> Callable:
    """`contributor(organization)`; one query at most (the page is cached whole); usable as a
    decorator."""
    return _register(_organization_links, contributor)


def organization_links(organization) -> list[OrganizationLink]:
    """Kept under the organisation's content generation, which the writes of every contributing
    app change: one round trip to the cache instead of a query per app on every fresh page."""
    return generations.remembered(
        generations.organization_scope(organization.slug),
        f"portal:links:{get_language()}:{organization.pk}",
        lambda: _organization_links_of(organization),
    )


def _organization_links_of(organization) -> list[OrganizationLink]:
    links = [link for contributor in _organization_links if (link := contributor(organization))]
    return sorted(links, key=lambda link: link.order)


def register_bilanz_sections(contributor: Callable[[Any, Any], list[BilanzSection]]) -> Callable:
    """`contributor(plan, report)`, computed as of `report.as_of`; usable as a decorator."""
    return _register(_bilanz_sections, contributor)


def _panels(registry, obj, audience: Audience) -> list[Panel]:
    panels = [panel for contributor in registry if (panel := contributor(obj, audience))]
    return sorted(panels, key=lambda panel: panel.order)


def measure_panels(measure, audience: Audience) -> list[Panel]:
    return _panels(_measure_panels, measure, audience)


def field_panels(field_of_action, audience: Audience) -> list[Panel]:
    return _panels(_field_panels, field_of_action, audience)


def bilanz_sections(plan, report) -> list[BilanzSection]:
    sections = [
        section for contributor in _bilanz_sections for section in contributor(plan, report)
    ]
    return sorted(sections, key=lambda section: section.order)


# Kinds of `teilhabe report` beyond the Bilanz (the brochure of good practice …):
# writer(organization=…, edition=…, selection=…, format=…) -> (bytes, German description); it
# raises ValueError with a German message for what cannot be done.
_report_kinds: dict[str, Callable[..., tuple[bytes, str]]] = {}


def register_report_kind(kind: str, writer: Callable[..., tuple[bytes, str]]) -> None:
    _report_kinds[kind] = writer


def report_kinds() -> dict[str, Callable[..., tuple[bytes, str]]]:
    return dict(_report_kinds)

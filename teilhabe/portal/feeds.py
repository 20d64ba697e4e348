"""Feeds for readers who follow a plan without visiting the portal.

- Atom feeds of published reports (Bilanzen), per organisation and for the whole platform;
- an iCalendar file of a plan's milestones, to subscribe to in Outlook, Thunderbird or a phone.

Only published content: reports of public plans with status "published", milestones of public
plans (the plan's timeline page shows them too). Texts are in the active language, with German
where a translation is missing. Identifiers (Atom ids, calendar UIDs) are built from SITE_URL
and do not depend on the language, so a reader who switches language sees the same entries.
"""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from teilhabe.plans import snapshot
from teilhabe.plans.milestones import TimelineEntry
from teilhabe.plans.models import Plan, ProgressReport
from teilhabe.plans.querysets import figure_of
from teilhabe.plans.selectors import public_organization

from .badge import format_progress

FEED_ITEMS = 50
FEED_CACHE_SECONDS = 15 * 60
CALENDAR_PRODID = "-//Teilhabe//Zeitplan des Integrationsplans//DE"


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _german_url(viewname: str, args: list) -> str:
    """The address in German (no language prefix): the same for readers of every language."""
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL.rstrip("/") + reverse(viewname, args=args)


# Atom -------------------------------------------------------------------------------------------


def published_reports():
    """Published reports of public plans with their figures, newest first: one query."""
    return (
        ProgressReport.objects.public()
        .select_related("plan__organization")
        .with_progress()
        .order_by("-published_at", "-as_of", "-id")
    )


def _published_plan_title(report) -> str:
    """The plan's title in the reader's language as it was when the report was published."""
    column = build_localized_fieldname("title", get_language() or settings.LANGUAGE_CODE)
    return (
        snapshot.plan_title(report, column)
        or snapshot.plan_title(report, "title_de")
        or report.plan.title
    )


class OrganizationReportFeed(Feed):
    """Anyone: the organisation's published Bilanzen as an Atom feed."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=FEED_CACHE_SECONDS)
        # Feed readers running in a browser fetch the feed from their own origin.
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def get_object(self, request, org_slug):
        return public_organization(org_slug)

    def title(self, organization):
        return _("Neue Bilanzen – %(organization)s") % {"organization": organization.name}

    def subtitle(self, organization):
        return _(
            "Veröffentlichte Bilanzen zum Integrationsplan von %(organization)s: Stand der "
            "Umsetzung aller Maßnahmen."
        ) % {"organization": organization.name}

    def link(self, organization):
        return reverse("portal:organization", args=[organization.slug])

    def feed_guid(self, organization):
        return _german_url("portal:organization", [organization.slug])

    def author_name(self, organization):
        return organization.name

    def items(self, organization):
        return published_reports().filter(plan__organization=organization)[:FEED_ITEMS]

    def item_title(self, report):
        return snapshot.apply_to_report(report).title

    def item_description(self, report):
        # The progress rule (plans.progress): its basis, and no percentage below the threshold.
        shown = figure_of(vars(report))
        counted = shown.basis
        figure = shown.figure_text if shown.too_few or shown.percent is None else None
        figure = figure or format_progress(shown.percent)
        return _(
            "Bilanz zum Plan „%(plan)s“ von %(organization)s, Stand %(date)s. Fortschritt: "
            "%(figure)s, berechnet aus %(counted)s von %(total)s Maßnahmen."
        ) % {
            "plan": _published_plan_title(report),
            "organization": report.plan.organization.name,
            "date": formats.date_format(report.as_of, "SHORT_DATE_FORMAT"),
            "figure": figure,
            "counted": counted,
            "total": report.n_total,
        }

    def item_link(self, report):
        plan = report.plan
        return reverse("portal:report", args=[plan.organization.slug, plan.slug, report.pk])

    def item_guid(self, report):
        plan = report.plan
        return _german_url("portal:report", [plan.organization.slug, plan.slug, report.pk])

    def item_author_name(self, report):
        return report.plan.organization.name

    def item_pubdate(self, report):
        return report.published_at

    def item_updateddate(self, report):
        # A published report never changes (and always has its time: a check constraint).
        return report.published_at


class SiteReportFeed(OrganizationReportFeed):
    """Anyone: the published Bilanzen of every organisation on the platform."""

    def get_object(self, request):
        return None

    def title(self):
        return _("Neue Bilanzen aller Kommunen")

    def subtitle(self):
        return _("Veröffentlichte Bilanzen zu den Integrationsplänen auf dieser Plattform.")

    def link(self):
        return reverse("portal:home")

    def feed_guid(self):
        return _german_url("portal:home", [])

    def author_name(self):
        return None

    def items(self):
        return published_reports()[:FEED_ITEMS]

    def item_title(self, report):
        return f"{report.plan.organization.name}: {snapshot.apply_to_report(report).title}"


# iCalendar --------------------------------------------------------------------------------------


def milestone_calendar(plan: Plan, entries: list[TimelineEntry]) -> bytes:
    """A calendar with one all-day event per milestone that has a date: the day it was done,
    else the day it is planned for. Milestones without any date are left out.

    Events, not to-dos: calendar apps show subscribed events, few show to-dos. So the state
    travels in the text people read (the description says "Überfällig" or "Erledigt am", the
    categories name it) and for programs in X-TEILHABE-MILESTONE-STATUS (PLANNED, COMPLETED)
    with X-TEILHABE-OVERDUE:TRUE on an overdue one. The description names the public papers
    that fulfil the milestone."""
    # Imported when a calendar is asked for, not with the views (~5 MB in every worker).
    from icalendar import Calendar, Event

    host = _host()
    organization = plan.organization
    page = settings.SITE_URL.rstrip("/") + reverse(
        "portal:milestones", args=[organization.slug, plan.slug]
    )
    name = _("Zeitplan: %(plan)s (%(organization)s)") % {
        "plan": plan.title,
        "organization": organization.name,
    }
    calendar = Calendar()
    calendar.add("prodid", CALENDAR_PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    description = _("Meilensteine des Integrationsplans „%(plan)s“ von %(organization)s") % {
        "plan": plan.title,
        "organization": organization.name,
    }
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", description)
    calendar.add("url", page)
    calendar.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")

    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for entry in entries:
        milestone = entry.milestone
        day = milestone.done_on or milestone.due_on
        if day is None:
            continue
        event = Event()
        event.add("uid", f"milestone-{milestone.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        summary = milestone.title
        if entry.done:
            summary = _("Erledigt: %(title)s") % {"title": milestone.title}
        event.add("summary", summary)
        event.add("description", _event_description(entry, plan))
        categories = [str(milestone.get_kind_display())]
        if entry.overdue:
            categories.append(_("überfällig"))
        event.add("categories", categories)
        event.add("url", page)
        # VEVENT knows only TENTATIVE, CONFIRMED and CANCELLED; whether it is done is ours.
        event.add("status", "CONFIRMED")
        event.add("x-teilhabe-milestone-status", "COMPLETED" if entry.done else "PLANNED")
        if entry.overdue:
            event.add("x-teilhabe-overdue", "TRUE")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def _event_description(entry: TimelineEntry, plan: Plan) -> str:
    milestone = entry.milestone
    lines = []
    if entry.overdue:
        lines.append(
            _(
                "Überfällig: der geplante Termin ist vorbei, der Meilenstein ist noch nicht erledigt."
            )
        )
    if milestone.description:
        lines.append(milestone.description)
    if milestone.done_on:
        lines.append(
            _("Erledigt am %(date)s.")
            % {"date": formats.date_format(milestone.done_on, "SHORT_DATE_FORMAT")}
        )
    if milestone.due_on:
        lines.append(
            _("Geplant bis %(date)s.")
            % {"date": formats.date_format(milestone.due_on, "SHORT_DATE_FORMAT")}
        )
    lines.extend(
        _("Drucksache %(reference)s: %(title)s")
        % {"reference": paper.reference, "title": paper.title}
        for paper in entry.papers
    )
    # A title that already says "Integrationsplan" is not put in quotes after the word again.
    phrase = (
        _("%(plan)s von %(organization)s")
        if plan.title.startswith("Integrationsplan")
        else _("Integrationsplan „%(plan)s“ von %(organization)s")
    )
    lines.append(phrase % {"plan": plan.title, "organization": plan.organization.name})
    return "\n\n".join(lines)

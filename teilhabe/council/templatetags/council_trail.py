"""Template tags for the trail and the recommendation panels, for pages that other apps own
(measure pages, the idea page, the process pages): each loads its data in a fixed number of
queries from the object the including page already has."""

from django import template

from teilhabe.participation.models import ModerationStatus

from .. import trail

register = template.Library()


@register.simple_tag
def measure_trail(measure, public=True):
    """The measure's trail; public=False for the back office (unpublished ideas included)."""
    if measure is None:
        return None
    return trail.measure_trail(measure, public=public)


@register.simple_tag
def idea_trail(idea):
    if idea is None or getattr(idea, "status", None) != ModerationStatus.PUBLISHED:
        return None
    return trail.idea_trail(idea)


@register.simple_tag
def recommendations_of(process, public=False):
    """The process's recommendations with the number of their ideas (published ones only for
    the public) and measures: three queries."""
    if process is None:
        return []
    return trail.recommendations_with_counts(process, public=public)

"""Template tags for council papers shown on other apps' pages (measures, plans) and on the paper
lists: each reads through `council.selectors` in a fixed number of queries."""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def measure_papers(measure, public=False):
    """`{% measure_papers measure public=True as papers %}`"""
    if measure is None:
        return []
    return selectors.papers_for_measure(measure, public=public)


@register.simple_tag
def plan_papers(plan, public=False):
    """`{% plan_papers plan public=True as papers %}`"""
    if plan is None:
        return []
    return selectors.papers_for_plan(plan, public=public)


@register.simple_tag
def decision_of(paper):
    """The deciding consultation of a paper whose consultations are prefetched."""
    return getattr(paper, "decision", None) or selectors.decisive_consultation(paper)

"""Reads of the participation app: what the public may see, and what a coordinator works on.

A process of a draft plan is public only when the coordinator opened the draft for
participation (Plan.draft_visibility): a town asks its residents before the plan exists.
"""

from django.db import models
from django.db.models import Q


def _via(prefix: str) -> Q:
    """The object's plan (reached through `prefix`) is adopted or archived, or a draft opened
    for participation."""
    return ~Q(**{f"{prefix}plan__status": "draft"}) | ~Q(
        **{f"{prefix}plan__draft_visibility": "internal"}
    )


class ProcessQuerySet(models.QuerySet):
    def public(self):
        """Processes shown on the portal: marked public, of a plan whose participation is open."""
        return self.filter(public=True).filter(_via(""))


class IdeaQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

    def public(self):
        return self.published().filter(process__public=True).filter(_via("process__"))


class RecommendationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(process__public=True).filter(_via("process__"))

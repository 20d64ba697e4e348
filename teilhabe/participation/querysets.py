"""Reads of the participation app: what the public may see, and what a coordinator works on."""

from django.db import models


class ProcessQuerySet(models.QuerySet):
    def public(self):
        """Processes shown on the portal: marked public, of a plan that is not a draft."""
        return self.filter(public=True).exclude(plan__status="draft")


class IdeaQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

    def public(self):
        return self.published().filter(process__public=True).exclude(process__plan__status="draft")


class RecommendationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(process__public=True).exclude(process__plan__status="draft")

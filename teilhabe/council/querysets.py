"""Reads of the council app."""

from django.db import models


class PaperQuerySet(models.QuerySet):
    def public(self):
        """Papers anyone may read: public ones (non-public papers stay in the back office)."""
        return self.filter(public=True)

    def for_organization(self, organization):
        return self.filter(organization=organization)

"""Reads of the fund: named queryset methods."""

from __future__ import annotations

from django.db import models


class FundQuerySet(models.QuerySet):
    def of_organization(self, organization):
        return self.filter(organization=organization)


class CallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


FUNDED_STATUSES = ("approved", "partial")


class ApplicationQuerySet(models.QuerySet):
    def of_call(self, call):
        return self.filter(call=call)

    def submitted(self):
        """Everything handed in (drafts and withdrawn ones are the applicant's own business)."""
        return self.exclude(status__in=("draft", "withdrawn"))

    def funded(self):
        return self.filter(status__in=FUNDED_STATUSES)

    def public(self):
        """Funded projects of published calls: what the portal and the open data list."""
        return self.funded().filter(call__published=True)


class ProofQuerySet(models.QuerySet):
    def of_fund(self, fund):
        return self.filter(application__call__fund=fund)

    def outstanding(self):
        return self.exclude(status="accepted")

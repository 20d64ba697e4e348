"""Reads of the fund: named queryset methods."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Count, Q, Sum


class FundQuerySet(models.QuerySet):
    def of_organization(self, organization):
        return self.filter(organization=organization)


class CallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def open_on(self, day: dt.date):
        return self.published().filter(opens_on__lte=day, deadline__gte=day)


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

    def by_link_hash(self, link_hash: str):
        return self.filter(link_hash=link_hash)

    def committed_in(self, call) -> models.QuerySet:
        return self.funded().filter(call=call)

    def with_scores(self):
        """Mean score and number of reviews (conflicted reviewers count for nothing)."""
        return self.annotate(
            review_count=Count("reviews", filter=Q(reviews__conflict=False), distinct=True),
        )

    def totals(self) -> dict:
        return self.aggregate(requested=Sum("requested_amount"), approved=Sum("approved_amount"))


class ProofQuerySet(models.QuerySet):
    def of_fund(self, fund):
        return self.filter(application__call__fund=fund)

    def outstanding(self):
        return self.exclude(status="accepted")

    def overdue_on(self, day: dt.date):
        return self.filter(status__in=("open", "queried"), due_on__lt=day)

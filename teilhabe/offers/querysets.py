"""Reads of the inventory: named queryset methods."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Count, Prefetch, Q


class ProviderQuerySet(models.QuerySet):
    def of_organization(self, organization):
        return self.filter(organization=organization)

    def with_offer_count(self):
        return self.annotate(offer_count=Count("offers", distinct=True))

    def by_link_token_hash(self, token_hash: str):
        return self.filter(link_token_hash=token_hash).exclude(link_token_hash="")

    def due_for_reminder(self, *, now: dt.datetime, interval: dt.timedelta):
        """Providers with an address whose last link is older than the interval (or none)."""
        return self.exclude(contact_email="").filter(
            Q(link_sent_at__isnull=True) | Q(link_sent_at__lte=now - interval)
        )


class OfferQuerySet(models.QuerySet):
    def of_organization(self, organization):
        return self.filter(organization=organization)

    def published(self):
        return self.filter(state="published")

    def filtered(
        self,
        *,
        query: str = "",
        field_id: int | None = None,
        target_group: str = "",
        language: str = "",
        municipality_id: int | None = None,
        state: str = "",
        provider_id: int | None = None,
    ):
        """The offers matching every given filter; `query` searches title, description and
        provider name: every word of it a case-folded substring of `search_text`, on both
        databases ("Krabbelgruppe Babytreff" finds the offer that names both, in any order)."""
        offers = self
        for word in query.casefold().split()[:8]:
            offers = offers.filter(search_text__contains=word)
        # Filters on a many-valued relation as `pk__in` subqueries: no join multiplies rows,
        # so no DISTINCT is needed and counting stays cheap.
        if field_id:
            offers = offers.filter(pk__in=self._through("fields", field_id, "fieldofaction_id"))
        if target_group:
            from .models import OfferTargetGroup

            offers = offers.filter(
                pk__in=OfferTargetGroup.objects.filter(group=target_group).values("offer_id")
            )
        if language:
            from .models import OfferLanguage

            offers = offers.filter(
                pk__in=OfferLanguage.objects.filter(code=language).values("offer_id")
            )
        if municipality_id:
            offers = offers.filter(
                pk__in=self._through("service_area", municipality_id, "organization_id")
            )
        if state:
            offers = offers.filter(state=state)
        if provider_id:
            offers = offers.filter(provider_id=provider_id)
        return offers

    def _through(self, relation: str, value: int, column: str):
        through = self.model._meta.get_field(relation).remote_field.through
        return through.objects.filter(**{column: value}).values("offer_id")

    def for_list(self):
        """What a list row shows, in a constant number of queries."""
        from .models import OfferLanguage, OfferTargetGroup

        return self.select_related("provider").prefetch_related(
            Prefetch("languages", queryset=OfferLanguage.objects.order_by("code")),
            Prefetch("target_groups", queryset=OfferTargetGroup.objects.order_by("group")),
        )

    def for_page(self):
        """What an offer's page shows."""
        return self.for_list().prefetch_related(
            "places", "fields", "service_area", "measures__field", "recommendations"
        )


class NetworkQuerySet(models.QuerySet):
    def of_organization(self, organization):
        return self.filter(organization=organization)

    def published(self):
        return self.filter(state="published")

    def with_member_count(self):
        return self.annotate(member_count=Count("members", distinct=True))


class PendingChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state="pending")

    def of_organization(self, organization):
        return self.filter(offer__organization=organization)

"""Reads of the portal's own tables."""

from django.db import models
from django.db.models import Count, Q

# The feedback list's filters, by the word in its address (?status=offen).
FEEDBACK_STATES = {
    "offen": Q(handled_at__isnull=True),
    "erledigt": Q(handled_at__isnull=False),
    "alle": Q(),
}


class FeedbackQuerySet(models.QuerySet):
    def of_organization(self, organization):
        return self.filter(organization=organization)

    def unhandled(self):
        return self.filter(FEEDBACK_STATES["offen"])

    def in_state(self, state: str):
        return self.filter(FEEDBACK_STATES[state])

    def newest_first(self):
        return self.select_related("handled_by").order_by("-created_at", "-id")

    def counts_by_state(self) -> dict[str, int]:
        """How many there are in each state, in one query."""
        return self.aggregate(
            **{
                state: Count("pk", filter=condition) if condition else Count("pk")
                for state, condition in FEEDBACK_STATES.items()
            }
        )

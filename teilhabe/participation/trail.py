"""The numbers beside a process's recommendations: how many ideas (all, published) and measures
each has. (The trail from a measure back to its ideas and decisions reads council papers, so it
lives with the council app.)"""

from django.db.models import Count, Q

from .models import ModerationStatus, Recommendation


def with_counts(recommendations: list) -> list:
    """Set idea_count (all ideas), published_count and measure_count on the recommendations
    (of one process) from two grouped queries over the link tables: a hash join over thousands
    of ideas, not a lookup per idea, and no GROUP BY over the (translated) text columns."""
    ids = [r.pk for r in recommendations]
    ideas = {
        row["recommendation_id"]: row
        for row in Recommendation.ideas.through.objects.filter(recommendation_id__in=ids)
        .values("recommendation_id")
        .annotate(
            n=Count("idea_id"),
            published=Count("idea_id", filter=Q(idea__status=ModerationStatus.PUBLISHED)),
        )
        .order_by()
    }
    measures = dict(
        Recommendation.measures.through.objects.filter(recommendation_id__in=ids)
        .values("recommendation_id")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("recommendation_id", "n")
    )
    for recommendation in recommendations:
        row = ideas.get(recommendation.pk, {})
        recommendation.idea_count = row.get("n", 0)
        recommendation.published_count = row.get("published", 0)
        recommendation.measure_count = measures.get(recommendation.pk, 0)
    return recommendations

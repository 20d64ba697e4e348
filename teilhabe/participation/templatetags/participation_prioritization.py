"""Template tags of prioritisation: the panels on the process pages (back office and portal),
each in a constant number of queries."""

from django import template
from django.db.models import Count

from ..models import GROUP_KINDS, Prioritization
from ..services.prioritization import public_prioritizations

register = template.Library()


@register.simple_tag
def public_prioritizations_of(process):
    """The closed Prioritätenlisten of a public process, newest first (one query)."""
    if process is None:
        return []
    return list(
        public_prioritizations()
        .filter(group__process=process)
        .select_related("group")
        .order_by("-closed_at", "-id")
    )


@register.simple_tag(takes_context=True)
def backoffice_prioritizations_of(context, process):
    """Every vote of the process's groups with its number of ballots, and the groups a
    coordinator may start a vote for (two queries)."""
    if process is None:
        return {"prioritizations": [], "groups": [], "can_manage": False}
    user = context.get("user")
    prioritizations = list(
        Prioritization.objects.filter(group__process=process)
        .select_related("group")
        .annotate(ballots=Count("options__votes__member", distinct=True))
        .order_by("group__position", "-id")
    )
    can_manage = bool(user and user.has_perm("participation.manage", process))
    groups = (
        list(process.formats.filter(kind__in=GROUP_KINDS).order_by("position", "id"))
        if can_manage
        else []
    )
    return {"prioritizations": prioritizations, "groups": groups, "can_manage": can_manage}

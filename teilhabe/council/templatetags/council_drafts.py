"""`{% vorlage_link %}`: where to draft a Beschlussvorlage from the page's paper, process or
Bilanz, for the people who may (admins and coordinators); no query beyond the memberships the
request has already loaded."""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def vorlage_link(context):
    request = context.get("request")
    if request is None:
        return None
    for key, target, url_name, label in (
        ("paper", lambda o: o, "council:draft_from_paper", "aus dieser Drucksache"),
        ("process", lambda o: o, "council:draft_from_process", "aus den Empfehlungen"),
        ("report", lambda o: o.plan, "council:draft_from_report", "aus dieser Bilanz"),
    ):
        obj = context.get(key)
        if obj is None or not getattr(obj, "pk", None):
            continue
        if not request.user.has_perm("council.manage", target(obj)):
            return None
        return {"url": reverse(url_name, args=[obj.pk]), "label": label}
    return None

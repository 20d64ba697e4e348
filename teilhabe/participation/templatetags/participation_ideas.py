"""Template helpers of the ideas part: language marks for what participants wrote, format
labels, and the ideas panels of the process pages (a constant number of queries each)."""

from django import template
from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from ..models import FormatKind, Idea, IdeaComment, ModerationStatus
from ..services.ideas import running_phase

register = template.Library()


@register.filter
def content_lang(obj) -> str:
    """` lang="tr" dir="ltr"` for text a person wrote in the language stored with it (ideas
    and comments keep the language of the page they were written on)."""
    code = getattr(obj, "language", "") or ""
    try:
        bidi = get_language_info(code)["bidi"]
    except KeyError:
        return ""
    return format_html(' lang="{}" dir="{}"', code, "rtl" if bidi else "ltr")


@register.filter
def excerpt(text: str, length: int = 240) -> str:
    """The beginning of a text, cut at a word: Django's truncatechars walks every character of
    the whole text, which for 20 ideas of up to 4,000 characters costs more than the page."""
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut[length // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:-–") + "…"


@register.simple_tag
def format_label(fmt) -> str:
    """A format's name for readers: a numbered working group as "AG 2: title"."""
    if fmt.kind == FormatKind.WORKING_GROUP and fmt.number:
        return _("AG %(number)s: %(title)s") % {"number": fmt.number, "title": fmt.title}
    return fmt.title


@register.inclusion_tag("participation/portal/idea_panel.html", takes_context=True)
def public_ideas_panel(context, process):
    """The public process page's ideas: how many are published, the list, and the way to
    submit while an online phase runs (two queries)."""
    return {
        "organization": context.get("organization") or process.plan.organization,
        "plan": context.get("plan") or process.plan,
        "process": process,
        "published": Idea.objects.filter(
            process=process, status=ModerationStatus.PUBLISHED
        ).count(),
        "phase": running_phase(process),
    }


@register.inclusion_tag("participation/backoffice/idea_panel.html", takes_context=True)
def backoffice_ideas_panel(context, process):
    """The back-office process page's ideas: counts by status and pending comments, with the
    links a person's role allows (two queries)."""
    user = context["request"].user
    counts = Idea.objects.filter(process=process).aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(status=ModerationStatus.PENDING)),
        published=Count("pk", filter=Q(status=ModerationStatus.PUBLISHED)),
        cards=Count("pk", filter=Q(source="card")),
    )
    pending_comments = IdeaComment.objects.filter(
        idea__process=process, status=ModerationStatus.PENDING
    ).count()
    return {
        "process": process,
        "counts": counts,
        "pending_comments": pending_comments,
        "pending_total": counts["pending"] + pending_comments,
        "can_moderate": user.has_perm("participation.moderate", process),
        "can_manage": user.has_perm("participation.manage", process),
    }

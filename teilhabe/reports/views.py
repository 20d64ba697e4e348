"""Downloads of reports."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from teilhabe.plans.models import ProgressReport

from .data import bilanz_data
from .formats import FORMATS, bilanz_filename
from .services import published_document


@require_GET
def bilanz_download(request, report_id: int, fmt: str):
    """The Bilanz of one report as PDF, DOCX or HTML.

    Who may use it: anybody, also without logging in, for a published report of an adopted or
    archived plan; members of the plan's organisation (every role) also for drafts. Everybody else
    gets 404, so that the existence of a draft is not given away.
    """
    if fmt not in FORMATS:
        raise Http404
    report = get_object_or_404(
        ProgressReport.objects.select_related("plan__organization"), pk=report_id
    )
    if not request.user.has_perm("plans.view", report):
        raise Http404

    file_format = FORMATS[fmt]
    if report.is_published:
        content = published_document(report, fmt)
        # Shared caches may keep only what anybody may see (a draft plan's reports are internal).
        cache_control = {"public" if report.plan.is_public else "private": True, "max_age": 3600}
    else:
        content = file_format.render(bilanz_data(report))
        # A draft may change any minute and is for members only: never store it anywhere.
        cache_control = {"private": True, "no_store": True}
    response = HttpResponse(content, content_type=file_format.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=not file_format.inline,
        filename=bilanz_filename(report.plan.slug, report.as_of, fmt),
    )
    patch_cache_control(response, **cache_control)
    return response

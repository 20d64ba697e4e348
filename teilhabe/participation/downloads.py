"""How a Prioritätenliste is handed out, to members in the back office (with names for
coordinators) and to anyone in the portal (anonymous ballots): a CSV or XLSX download."""

from django.http import Http404, HttpResponse
from django.utils.text import slugify

from .services import prioritization as services


def prioritization_list_response(result, fmt: str, title: str) -> HttpResponse:
    """The Prioritätenliste with its votes as a CSV or XLSX file (404 for another format)."""
    if fmt not in services.EXPORTS:
        raise Http404
    render_export, content_type = services.EXPORTS[fmt]
    response = HttpResponse(render_export(result), content_type=content_type)
    filename = f"prioritaetenliste-{slugify(title)[:60] or 'abstimmung'}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

"""How an attachment is handed out, to members in the back office and to anyone in the portal:
the stored file as a download, or a redirect to where it lives."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect

from .models import PaperFile


def attachment_response(attachment: PaperFile) -> HttpResponse:
    if not attachment.file:
        if attachment.access_url:
            return redirect(attachment.access_url)
        # Neither stored nor linked: there is nothing to hand out.
        raise Http404
    suffix = attachment.file.name.rsplit(".", 1)[-1]
    filename = (
        f"{attachment.name}.{suffix}" if not attachment.name.endswith(suffix) else attachment.name
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=attachment.mime_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response

"""Back office: a paper's attachments (Anlagen) — adding an upload or the address of a file,
removing one, downloading one."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from teilhabe.core.access import rule
from teilhabe.core.saving import save_or_conflict

from .. import rules, services
from ..downloads import attachment_response
from ..forms import PaperFileForm


def _attachments_of(paper_id):
    return reverse("council:paper_detail", args=[paper_id]) + "#anlagen"


@rule("council.manage", load=rules.paper)
def file_add(request, paper):
    """Admins and coordinators: attach a file (upload) or the address of one to the paper."""
    form = PaperFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            request,
            form,
            lambda: services.file_add(paper=paper, by=request.user, **form.cleaned_data),
        )
        if saved:
            messages.success(request, f"Die Anlage „{saved.name}“ wurde hinzugefügt.")
            return redirect(_attachments_of(paper.pk))
    return render(
        request,
        "council/backoffice/file_form.html",
        {
            "form": form,
            "paper": paper,
            "heading": f"Anlage zur Drucksache {paper.reference} hinzufügen",
            "cancel_url": reverse("council:paper_detail", args=[paper.pk]),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@rule("council.manage", load=rules.attachment)
@require_POST
def file_delete(request, attachment):
    """Admins and coordinators of the organisation."""
    paper_id = attachment.paper_id
    services.file_delete(attachment=attachment, by=request.user)
    messages.success(request, "Die Anlage wurde entfernt.")
    return redirect(_attachments_of(paper_id))


@rule("council.view_internal", load=rules.attachment)
@require_safe
def file_download(request, attachment):
    """Members of the organisation: an uploaded attachment of any of its papers."""
    return attachment_response(attachment)

"""Back office: the progress table of a plan as a file — download, upload, preview, confirm.

The preview is never trusted: the uploaded bytes wait in the person's upload stash and the
confirmation parses and checks them again before anything is written.
"""

import hashlib

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.uploads import stash, unstash
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.spreadsheet import FORMATS, parse

from .. import rules
from ..exchange import ImportRejected, export_file, import_apply, import_preview
from ..forms_exchange import ConfirmForm, UploadForm
from ..models import Plan, ProgressReport


def _stash_key(plan: Plan) -> str:
    return f"exchange_upload_{plan.pk}"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _breadcrumbs(plan: Plan, current: str) -> list[tuple[str, str | None]]:
    return [
        ("Übersicht", reverse("backoffice:home")),
        (plan.title, reverse("plans:plan_dashboard", args=[plan.slug])),
        (current, None),
    ]


def _render_index(request, plan: Plan, form: UploadForm | None):
    latest = ProgressReport.objects.latest_for(plan)
    context = {
        "plan": plan,
        "latest": latest,
        "form": form,
        "breadcrumbs": _breadcrumbs(plan, "Umsetzungsstand als Tabelle"),
    }
    return render(request, "plans/backoffice/exchange/index.html", context)


def _render_preview(request, plan: Plan, preview, filename: str, form: ConfirmForm):
    context = {
        "plan": plan,
        "preview": preview,
        "changed": preview.changed_rows,
        "problems": preview.problem_rows,
        "noted": preview.noted_rows,
        "filename": filename,
        "form": form,
        "breadcrumbs": _breadcrumbs(plan, "Vorschau des Imports"),
    }
    return render(request, "plans/backoffice/exchange/preview.html", context)


@rule("plans.view_drafts", load=rules.plan)
@require_safe
def exchange_export(request, plan):
    """Everybody who may read the plan's drafts (the members of its organisation).

    Without ``format`` the page offers the downloads (and the upload to those who may import);
    with ``?format=xlsx|csv|json`` it returns the plan with its latest report as that file.
    """
    fmt = request.GET.get("format")
    if fmt is None:
        upload = UploadForm() if request.user.has_perm("plans.import_progress", plan) else None
        return _render_index(request, plan, upload)
    if fmt not in FORMATS:
        raise Http404
    exported = export_file(plan, fmt)
    return HttpResponse(
        exported.content,
        content_type=exported.content_type,
        headers={"Content-Disposition": content_disposition_header(True, exported.filename)},
    )


@rule("plans.import_progress", load=rules.plan)
@require_http_methods(["GET", "POST"])
def exchange_import(request, plan):
    """People who may update the progress of at least one measure of the plan: admins and
    coordinators of its organisation, and office editors whose office leads one of them.

    Reads the uploaded table and shows what it would change; nothing is written here.
    """
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _render_index(request, plan, form)
    upload = form.cleaned_data["file"]
    stash(request, _stash_key(plan), form.content, upload.name)
    preview = import_preview(plan=plan, rows=form.rows, user=request.user)
    confirm = ConfirmForm(
        initial={"digest": _digest(form.content)},
        latest=preview.latest,
        creates_report=preview.creates_report,
    )
    return _render_preview(request, plan, preview, upload.name, confirm)


@rule("plans.import_progress", load=rules.plan)
@require_POST
def exchange_confirm(request, plan):
    """The same people as the import: writes the previewed file, checked once more."""
    stashed = _stashed_rows(request, plan)
    if stashed is None:
        return redirect("plans:exchange_export", slug=plan.slug)
    content, filename, rows = stashed
    preview = import_preview(plan=plan, rows=rows, user=request.user)
    form = ConfirmForm(request.POST, latest=preview.latest, creates_report=preview.creates_report)
    if not form.is_valid():
        return _render_preview(request, plan, preview, filename, form)
    if form.cleaned_data["digest"] != _digest(content):
        # Another tab uploaded a newer file meanwhile: show that one instead of writing it.
        messages.warning(
            request,
            "Inzwischen wurde eine andere Datei hochgeladen. Bitte prüfen Sie deren Vorschau "
            "und bestätigen Sie erneut.",
        )
        form = ConfirmForm(
            initial={"digest": _digest(content), "as_of": form.cleaned_data.get("as_of")},
            latest=preview.latest,
            creates_report=preview.creates_report,
        )
        return _render_preview(request, plan, preview, filename, form)
    try:
        result = import_apply(
            plan=plan, rows=rows, by=request.user, as_of=form.cleaned_data.get("as_of")
        )
    except ImportRejected as rejected:
        form.add_error(None, rejected.message)
        return _render_preview(request, plan, rejected.preview, filename, form)
    except ServiceError as error:
        form.add_error(None, error.message)
        return _render_preview(request, plan, preview, filename, form)
    unstash(request, _stash_key(plan), remove=True)
    return _after_import(request, plan, result)


def _stashed_rows(request, plan: Plan):
    """The uploaded file's bytes, name and rows, or None (with a message) if it is gone."""
    stashed = unstash(request, _stash_key(plan))
    if stashed is None:
        messages.error(
            request,
            "Die hochgeladene Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch.",
        )
        return None
    content, filename = stashed
    try:
        return content, filename, parse(content, filename)
    except DocumentError as error:
        messages.error(request, f"Die Datei kann nicht gelesen werden. {error}")
        return None


def _after_import(request, plan: Plan, result):
    if not result.changed:
        messages.info(request, "Die Datei enthält keine Änderungen; es wurde nichts gespeichert.")
        return redirect("plans:exchange_export", slug=plan.slug)
    created = " (neu angelegt)" if result.created_report else ""
    messages.success(
        request,
        f"{result.changed} Umsetzungsst{'ände' if result.changed != 1 else 'and'} in der Bilanz "
        f"„{result.report.title}“{created} gespeichert.",
    )
    return redirect("plans:report_detail", pk=result.report.pk)

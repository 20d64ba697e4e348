"""Back office: the progress table of a plan as a file — download, upload, preview, confirm.

The preview is never trusted: the uploaded bytes wait in the person's upload stash and the
confirmation parses and checks them again before anything is written.
"""

import hashlib

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from teilhabe.core.errors import ServiceError
from teilhabe.core.forms import KernFormMixin
from teilhabe.core.uploads import read_upload, stash, unstash
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.spreadsheet import FORMATS, parse
from teilhabe.plans.exchange import (
    ImportRejected,
    check_as_of,
    export_file,
    import_apply,
    import_preview,
    may_import,
)
from teilhabe.plans.models import Plan, ProgressReport

from .access import plan_for
from .forms import DATE_WIDGET

ALLOWED_SUFFIXES = tuple(f".{fmt}" for fmt in FORMATS)


def _stash_key(plan: Plan) -> str:
    return f"exchange_upload_{plan.pk}"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class UploadForm(KernFormMixin, forms.Form):
    file = forms.FileField(
        label="Bearbeitete Tabelle",
        help_text="Die exportierte Datei als XLSX, CSV (Trennzeichen Semikolon) oder JSON.",
        widget=forms.FileInput(attrs={"accept": ",".join(ALLOWED_SUFFIXES)}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.TEILHABE_UPLOAD_MAX_BYTES // (1024 * 1024)
        self.fields["file"].help_text += f" Höchstens {limit} MB."

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content = read_upload(upload, ALLOWED_SUFFIXES)
        try:
            self.rows = parse(self.content, upload.name)
        except DocumentError as error:
            raise ValidationError(f"Die Datei kann nicht gelesen werden. {error}") from error
        return upload


class ConfirmForm(KernFormMixin, forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput)
    as_of = forms.DateField(
        label="Stand der neuen Bilanz",
        widget=DATE_WIDGET,
        help_text="Die neueste Bilanz ist veröffentlicht und bleibt, wie sie ist. Ihre "
        "Änderungen kommen in eine neue Bilanz mit diesem Stand.",
    )

    def __init__(self, *args, latest: ProgressReport | None, creates_report: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.latest = latest
        if not creates_report:
            del self.fields["as_of"]
        elif latest is None:
            self.fields["as_of"].help_text = (
                "Für diesen Plan gibt es noch keine Bilanz; der Import legt sie mit diesem "
                "Stand an."
            )

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        try:
            check_as_of(self.latest, as_of)
        except ServiceError as error:
            raise ValidationError(error.message) from error
        return as_of


def _importable_plan(request, slug: str) -> Plan:
    plan = plan_for(request.user, slug)
    if not may_import(request.user, plan):
        raise PermissionDenied
    return plan


def _breadcrumbs(plan: Plan, current: str) -> list[tuple[str, str | None]]:
    return [
        ("Übersicht", reverse("backoffice:home")),
        (plan.title, reverse("backoffice:plan_dashboard", args=[plan.slug])),
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
    return render(request, "backoffice/exchange/index.html", context)


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
    return render(request, "backoffice/exchange/preview.html", context)


@login_required
@require_GET
def exchange_export(request, slug):
    """Everybody who may read the plan's drafts (the members of its organisation).

    Without ``format`` the page offers the downloads (and the upload to those who may import);
    with ``?format=xlsx|csv|json`` it returns the plan with its latest report as that file.
    """
    plan = plan_for(request.user, slug)
    fmt = request.GET.get("format")
    if fmt is None:
        upload = UploadForm() if may_import(request.user, plan) else None
        return _render_index(request, plan, upload)
    if fmt not in FORMATS:
        raise Http404
    exported = export_file(plan, fmt)
    return HttpResponse(
        exported.content,
        content_type=exported.content_type,
        headers={"Content-Disposition": content_disposition_header(True, exported.filename)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def exchange_import(request, slug):
    """People who may update the progress of at least one measure of the plan: admins and
    coordinators of its organisation, and office editors whose office leads one of them.

    Reads the uploaded table and shows what it would change; nothing is written here.
    """
    plan = _importable_plan(request, slug)
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


@login_required
@require_POST
def exchange_confirm(request, slug):
    """The same people as the import: writes the previewed file, checked once more."""
    plan = _importable_plan(request, slug)
    stashed = _stashed_rows(request, plan)
    if stashed is None:
        return redirect("exchange:exchange_export", slug=plan.slug)
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
        return redirect("exchange:exchange_export", slug=plan.slug)
    created = " (neu angelegt)" if result.created_report else ""
    messages.success(
        request,
        f"{result.changed} Umsetzungsst{'ände' if result.changed != 1 else 'and'} in der Bilanz "
        f"„{result.report.title}“{created} gespeichert.",
    )
    return redirect("backoffice:report_detail", pk=result.report.pk)

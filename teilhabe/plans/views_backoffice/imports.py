"""Back office: import a Bilanz document (text, DOCX, PDF) — upload, preview, confirm."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.uploads import read_upload, stash, unstash
from teilhabe.documents.bilanz import parse_bilanz
from teilhabe.documents.errors import DocumentError
from teilhabe.organizations import rules as organization_rules

from ..forms import BilanzUploadForm
from ..models import Plan
from ..services import bilanz_import as importer

STASH_KEY = "bilanz_import"
ALLOWED = (".txt", ".docx", ".pdf")


class _DryRun(Exception):
    """Raised to roll back the preview transaction."""

    def __init__(self, result):
        self.result = result


def _preview(document, *, plan, organization, slug, user):
    """What the import would do, computed by running it and rolling back."""
    try:
        with transaction.atomic():
            result = importer.bilanz_import(
                document=document, plan=plan, organization=organization, plan_slug=slug, by=user
            )
            raise _DryRun(result)
    except _DryRun as dry:
        return dry.result


@rule("plans.manage", load=organization_rules.organization)
def bilanz_import(request, organization):
    """Admins and coordinators of the organisation."""
    org_slug = organization.slug
    plans = Plan.objects.of_organization(organization).by_title()
    target = request.POST.get("plan") or request.GET.get("plan") or ""
    plan = plans.with_slug(target) if target else None
    form = BilanzUploadForm(request.POST or None, request.FILES or None)
    context = {"organization": organization, "plans": plans, "plan": plan, "form": form}

    if request.method == "POST" and request.POST.get("step") == "confirm":
        stashed = unstash(request, STASH_KEY)
        if stashed is None:
            messages.error(
                request,
                "Die hochgeladene Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch.",
            )
            return redirect("plans:bilanz_import", org_slug=org_slug)
        data, filename = stashed
        try:
            document = parse_bilanz(data, filename)
            result = importer.bilanz_import(
                document=document,
                plan=plan,
                organization=organization,
                plan_slug=_new_slug(document) if plan is None else "",
                by=request.user,
            )
        except (DocumentError, ServiceError) as error:
            messages.error(request, f"Nichts wurde gespeichert: {error}")
            return redirect("plans:bilanz_import", org_slug=org_slug)
        unstash(request, STASH_KEY, remove=True)
        messages.success(
            request,
            f"Bilanz importiert: {result.measures_created} Maßnahmen neu, {result.entries_changed} Stände übernommen, "
            f"{result.examples} Beispiele.",
        )
        return redirect("plans:report_detail", pk=result.report.pk)

    if request.method == "POST" and form.is_valid():
        try:
            data = read_upload(form.cleaned_data["file"], ALLOWED)
            document = parse_bilanz(data, form.cleaned_data["file"].name)
            preview = _preview(
                document,
                plan=plan,
                organization=organization,
                slug=_new_slug(document) if plan is None else "",
                user=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        except DocumentError as error:
            form.add_error("file", f"Die Datei konnte nicht gelesen werden: {error}")
        except ServiceError as error:
            form.add_error(
                "file",
                f"Die Datei wurde gelesen, kann aber nicht importiert werden: {error.message}",
            )
        else:
            stash(request, STASH_KEY, data, form.cleaned_data["file"].name)
            context.update(document=document, preview=preview)
            return render(request, "plans/backoffice/bilanz_import_preview.html", context)
    return render(request, "plans/backoffice/bilanz_import.html", context)


def _new_slug(document) -> str:
    return Plan.objects.free_slug(document.title)

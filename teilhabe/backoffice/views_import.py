"""Back office: import a Bilanz document (text, DOCX, PDF) — upload, preview, confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from teilhabe.core.errors import ServiceError
from teilhabe.core.uploads import read_upload, stash, unstash
from teilhabe.documents.bilanz import parse_bilanz
from teilhabe.documents.errors import DocumentError
from teilhabe.organizations.models import Organization
from teilhabe.organizations.permissions import has_role
from teilhabe.plans import bilanz_import as importer
from teilhabe.plans.models import Plan

from .forms import BilanzUploadForm

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


@login_required
def bilanz_import(request, org_slug):
    """Admins and coordinators of the organisation."""
    organization = get_object_or_404(Organization, slug=org_slug)
    if not has_role(request.user, organization.pk, "admin", "coordinator"):
        raise Http404
    plans = Plan.objects.filter(organization=organization).order_by("title")
    target = request.POST.get("plan") or request.GET.get("plan") or ""
    plan = plans.filter(slug=target).first() if target else None
    form = BilanzUploadForm(request.POST or None, request.FILES or None)
    context = {"organization": organization, "plans": plans, "plan": plan, "form": form}

    if request.method == "POST" and request.POST.get("step") == "confirm":
        stashed = unstash(request, STASH_KEY)
        if stashed is None:
            messages.error(
                request,
                "Die hochgeladene Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch.",
            )
            return redirect("backoffice:bilanz_import", org_slug=org_slug)
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
            return redirect("backoffice:bilanz_import", org_slug=org_slug)
        unstash(request, STASH_KEY, remove=True)
        messages.success(
            request,
            f"Bilanz importiert: {result.measures_created} Maßnahmen neu, {result.entries_changed} Stände übernommen, "
            f"{result.examples} Beispiele.",
        )
        return redirect("backoffice:report_detail", pk=result.report.pk)

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
            return render(request, "backoffice/bilanz_import_preview.html", context)
    return render(request, "backoffice/bilanz_import.html", context)


def _new_slug(document) -> str:
    base = slugify(document.title)[:80] or "integrationsplan"
    slug, n = base, 2
    while Plan.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug

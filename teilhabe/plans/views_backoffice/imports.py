"""Back office: import a Bilanz document (text, DOCX, PDF) — upload, preview, confirm.

Documents in the layout of the Böblingen Bilanz go straight to a preview. Any other progress
table goes through the mapping step first: the page shows which column was read as what, which
status word became which status and what was left over; the coordinator corrects it, sees the
preview, and confirms. The confirmed mapping is kept for the organisation's next table of the
same shape.
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.uploads import read_upload, stash, unstash
from teilhabe.documents.bilanz import parse_bilanz, parse_bilanz_blocks
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.progress_report import document_blocks, is_bilanz_layout
from teilhabe.documents.progress_table import ProgressTable, read_progress_table
from teilhabe.organizations import rules as organization_rules

from ..forms import BilanzUploadForm, TableMappingForm
from ..models import Plan, ProgressReport
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
    if request.method == "GET" and not target:
        # The organisation's current plan, not "new plan": most imports add the next Bilanz.
        plan = Plan.objects.of_organization(organization).current_first().first()
    form = BilanzUploadForm(request.POST or None, request.FILES or None)
    context = {
        "organization": organization,
        "plans": plans,
        "plan": plan,
        "form": form,
        # A plan with a draft Bilanz takes no import until the draft is published or deleted.
        "plans_with_draft": set(
            ProgressReport.objects.filter(plan__in=plans, status="draft").values_list(
                "plan_id", flat=True
            )
        ),
    }

    if request.method == "POST" and request.POST.get("step") in ("map", "confirm_table"):
        return _mapping_step(request, organization, plan, context)

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
            blocks = document_blocks(data, form.cleaned_data["file"].name)
            if not is_bilanz_layout(blocks):
                table = read_progress_table(blocks, importer.saved_mapping(organization, blocks))
                stash(request, STASH_KEY, data, form.cleaned_data["file"].name)
                return _render_mapping(request, context, table, None)
            document = parse_bilanz_blocks(blocks)
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


def _mapping_step(request, organization, plan, context):
    """Read the stashed table again with the mapping of the form; preview it or import it."""
    stashed = unstash(request, STASH_KEY)
    if stashed is None:
        messages.error(
            request,
            "Die hochgeladene Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch.",
        )
        return redirect("plans:bilanz_import", org_slug=organization.slug)
    data, filename = stashed
    try:
        blocks = document_blocks(data, filename)
        shown = read_progress_table(blocks, importer.saved_mapping(organization, blocks))
    except DocumentError as error:
        messages.error(request, f"Die Datei konnte nicht gelesen werden: {error}")
        return redirect("plans:bilanz_import", org_slug=organization.slug)
    form = TableMappingForm(request.POST, mapping=shown.mapping, new_plan=plan is None)
    if not form.is_valid():
        return _render_mapping(request, context, shown, form)
    mapping = form.corrected_mapping()
    try:
        table = read_progress_table(blocks, mapping)
    except DocumentError as error:
        form.add_error(None, f"Mit dieser Zuordnung kann die Tabelle nicht gelesen werden: {error}")
        return _render_mapping(request, context, shown, form)
    if request.POST["step"] == "map":
        return _render_mapping(request, context, table, None, form.cleaned_data)
    try:
        result = importer.progress_table_import(
            table=table,
            as_of=form.cleaned_data["as_of"],
            plan=plan,
            organization=organization,
            plan_title=form.cleaned_data.get("plan_title", ""),
            plan_slug=_new_slug(table) if plan is None else "",
            by=request.user,
        )
        importer.import_mapping_save(
            organization=organization, mapping=table.mapping, by=request.user
        )
    except ServiceError as error:
        form.add_error(None, f"Nichts wurde gespeichert: {error.message}")
        return _render_mapping(request, context, table, form)
    unstash(request, STASH_KEY, remove=True)
    messages.success(
        request,
        f"Bilanz importiert: {result.measures_created} Maßnahmen neu, "
        f"{result.entries_changed} Stände übernommen. Die Zuordnung wird für Dokumente "
        "dieser Form wiederverwendet.",
    )
    for note in result.notes:
        messages.info(request, note)
    return redirect("plans:report_detail", pk=result.report.pk)


def _render_mapping(request, context, table: ProgressTable, form, data=None):
    """The mapping page: the reading, a form to correct it, and the preview of the import."""
    plan = context["plan"]
    if form is None:
        initial = {"as_of": (data or {}).get("as_of") or table.as_of or timezone.localdate()}
        if plan is None:
            initial["plan_title"] = (data or {}).get("plan_title") or table.title
        form = TableMappingForm(mapping=table.mapping, new_plan=plan is None, initial=initial)
    as_of = (data or {}).get("as_of") or table.as_of or timezone.localdate()
    match = importer.match_measures(plan, table)
    preview, problem = None, ""
    try:
        preview = _table_preview(table, as_of, context["organization"], plan, request.user)
    except ServiceError as error:
        problem = error.message
    examples = _examples(table)
    context.update(
        table=table,
        form=form,
        match=match,
        preview=preview,
        problem=problem,
        columns=[
            (header, field, examples[index] if index < len(examples) else "")
            for index, (header, field) in enumerate(
                zip(table.mapping.columns, form.role_fields, strict=True)
            )
        ],
        status_counts=_status_counts(table),
    )
    return render(request, "plans/backoffice/bilanz_import_mapping.html", context)


def _table_preview(table, as_of: dt.date, organization, plan, user):
    try:
        with transaction.atomic():
            result = importer.progress_table_import(
                table=table,
                as_of=as_of,
                plan=plan,
                organization=organization,
                plan_slug=_new_slug(table) if plan is None else "",
                by=user,
            )
            raise _DryRun(result)
    except _DryRun as dry:
        return dry.result


def _examples(table: ProgressTable) -> list[str]:
    """The first row's cells in column order, to show what a column holds."""
    first = table.rows[0] if table.rows else None
    if first is None:
        return []
    by_role = {
        "number": first.number,
        "title": first.title,
        "description": first.description,
        "lead": first.lead,
        "period": first.period,
        "priority": first.priority,
        "status": first.status.text,
        "percent": str(first.status.percent or ""),
    }
    return [by_role.get(role.value, "") for role in table.mapping.roles]


def _status_counts(table: ProgressTable) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in table.rows:
        counts[row.status_word] = counts.get(row.status_word, 0) + 1
    return counts

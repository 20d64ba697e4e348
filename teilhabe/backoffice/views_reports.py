"""Back office: progress reports (Bilanz), entries, examples, update requests, publication."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from teilhabe.core.errors import ServiceError
from teilhabe.core.htmx import htmx_error
from teilhabe.core.saving import render_form_page, save_form, save_or_conflict
from teilhabe.organizations.models import Unit
from teilhabe.organizations.permissions import editor_unit_ids
from teilhabe.plans import services
from teilhabe.plans.models import (
    Example,
    FieldOfAction,
    ProgressEntry,
    UpdateRequest,
)
from teilhabe.plans.update_requests import update_request_answer, update_requests_send
from teilhabe.reports.services import bilanz_publish

from .access import entry_for, plan_for, report_for
from .forms import EntryForm, ExampleForm, ReportCreateForm, ReportForm, UpdateRequestForm


@login_required
def report_create(request, slug):
    """Admins and coordinators: a new report, starting as a copy of the last state."""
    plan = plan_for(request.user, slug, "plans.manage")
    today = timezone.localdate()
    form = ReportCreateForm(
        request.POST or None, plan=plan, initial={"as_of": today, "title": f"Bilanz {today.year}"}
    )
    report = save_form(
        request,
        form,
        lambda version, **data: services.report_create(plan=plan, by=request.user, **data),
    )
    if report:
        messages.success(
            request, "Die Bilanz wurde angelegt; sie übernimmt den letzten Stand aller Maßnahmen."
        )
        return redirect("backoffice:report_detail", pk=report.pk)
    return render_form_page(
        request,
        form,
        heading=f"Neue Bilanz für {plan.title}",
        intro="Die neue Bilanz übernimmt den letzten Stand jeder Maßnahme. Danach tragen die Ämter ein, was sich geändert hat.",
        submit="Bilanz anlegen",
        cancel_url=reverse("backoffice:plan_dashboard", args=[plan.slug]),
    )


def _request_overview(report):
    """Per office: how many of its measures were updated in this report, and its request."""
    today = timezone.localdate()
    requests = {
        r.unit_id: r for r in UpdateRequest.objects.filter(report=report).select_related("unit")
    }
    rows = (
        ProgressEntry.objects.filter(report=report, measure__lead_unit__isnull=False)
        .values("measure__lead_unit", "measure__lead_unit__name")
        .annotate(total=Count("pk"), unknown=Count("pk", filter=Q(status="unknown")))
        .order_by("measure__lead_unit__name")
    )
    overview = []
    for row in rows:
        request = requests.get(row["measure__lead_unit"])
        overview.append(
            {
                "unit_name": row["measure__lead_unit__name"],
                "unit_id": row["measure__lead_unit"],
                "total": row["total"],
                "unknown": row["unknown"],
                "request": request,
                "overdue": bool(request and not request.answered_at and request.due_on < today),
            }
        )
    return overview


@login_required
def report_detail(request, pk):
    """Members of the plan's organisation; editors see edit links for their office's measures."""
    report = report_for(request.user, pk)
    plan = report.plan
    entries = (
        ProgressEntry.objects.filter(report=report)
        .select_related(
            "measure__field", "measure__lead_unit", "measure__lead_organization", "updated_by"
        )
        .order_by("measure__field__number", "measure__position", "measure_id")
    )
    own_units = editor_unit_ids(request.user, plan.organization_id)
    only_mine = request.GET.get("nur") == "meine" and own_units
    if only_mine:
        entries = entries.filter(measure__lead_unit_id__in=own_units)
    can_manage = request.user.has_perm("plans.manage", plan)
    fields = {
        f.pk: {"field": f, "entries": [], "examples": []}
        for f in FieldOfAction.objects.for_plan(plan)
    }
    for entry in entries:
        entry.can_edit = report.status == "draft" and (
            can_manage or entry.measure.lead_unit_id in own_units
        )
        fields[entry.measure.field_id]["entries"].append(entry)
    for example in Example.objects.filter(report=report).order_by("position"):
        fields[example.field_id]["examples"].append(example)
    own_requests = UpdateRequest.objects.filter(
        report=report, unit_id__in=own_units
    ).select_related("unit")
    return render(
        request,
        "backoffice/report_detail.html",
        {
            "plan": plan,
            "report": report,
            "fields": list(fields.values()),
            "can_manage": can_manage,
            "is_draft": report.status == "draft",
            "overview": _request_overview(report)
            if can_manage and report.status == "draft"
            else None,
            "request_form": UpdateRequestForm(
                initial={"due_on": timezone.localdate() + dt.timedelta(days=14)}
            ),
            "example_form": ExampleForm(plan=plan),
            "own_requests": own_requests,
            "only_mine": only_mine,
            "has_units": bool(own_units),
        },
    )


@login_required
def report_edit(request, pk):
    """Admins and coordinators, while the report is a draft."""
    report = report_for(request.user, pk, "plans.edit_report")
    form = ReportForm(request.POST or None, instance=report)
    saved = save_form(
        request, form, lambda **data: services.report_update(report=report, by=request.user, **data)
    )
    if saved:
        messages.success(request, "Die Bilanz wurde gespeichert.")
        return redirect("backoffice:report_detail", pk=report.pk)
    return render_form_page(
        request,
        form,
        heading=f"Bilanz bearbeiten: {report.title}",
        cancel_url=reverse("backoffice:report_detail", args=[report.pk]),
    )


@login_required
def report_publish(request, pk):
    """Admins and coordinators: publish a draft report; afterwards it never changes."""
    report = report_for(request.user, pk, "plans.publish_report")
    if request.method == "POST":
        try:
            bilanz_publish(report=report, by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, "Die Bilanz ist veröffentlicht. Sie kann nun nicht mehr geändert werden."
            )
        return redirect("backoffice:report_detail", pk=report.pk)
    summary = ProgressEntry.objects.for_report(report).summary()
    unanswered = UpdateRequest.objects.open().filter(report=report).select_related("unit")
    return render(
        request,
        "backoffice/report_publish.html",
        {"plan": report.plan, "report": report, "summary": summary, "unanswered": unanswered},
    )


PUBLISHED_WHILE_EDITING = (
    "Diese Bilanz wurde inzwischen veröffentlicht; Ihre Eingabe wurde nicht gespeichert. "
    "Ihr Text steht noch im Formular – übernehmen Sie ihn bei Bedarf in die nächste Bilanz."
)


@login_required
def entry_edit(request, pk):
    """Admins and coordinators, and the office editor whose office leads the measure; drafts only.
    With htmx the form is swapped in place in the report page."""
    entry = entry_for(request.user, pk)
    form = EntryForm(request.POST or None, instance=entry)
    if entry.report.status != "draft":
        # Published while the person was typing: say so and keep the text to copy.
        if request.method != "POST":
            raise PermissionDenied
        if request.htmx:
            return htmx_error(PUBLISHED_WHILE_EDITING, 403)
        form.is_valid()
        form.add_error(None, PUBLISHED_WHILE_EDITING)
        context = {"form": form, "entry": entry, "report": entry.report, "plan": entry.report.plan}
        return render(request, "backoffice/entry_form.html", context, status=403)
    template = (
        "backoffice/partials/entry_form.html" if request.htmx else "backoffice/entry_form.html"
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = save_or_conflict(
            request,
            form,
            lambda: services.measure_update_progress(
                entry=entry,
                version=data["version"],
                status=data["status"],
                percent=data["percent"],
                description=data["description"],
                original_wording=data["original_wording"],
                by=request.user,
            ),
        )
        if saved:
            if request.htmx:
                saved.can_edit = True
                return render(
                    request,
                    "backoffice/partials/entry_row.html",
                    {"entry": saved, "report": saved.report, "just_saved": True},
                )
            messages.success(
                request, f"Der Umsetzungsstand von {entry.measure.number} wurde gespeichert."
            )
            return redirect(
                reverse("backoffice:report_detail", args=[entry.report_id]) + f"#eintrag-{entry.pk}"
            )
    previous_entry = (
        ProgressEntry.objects.filter(
            measure_id=entry.measure_id,
            report__status="published",
            report__as_of__lt=entry.report.as_of,
        )
        .select_related("report")
        .order_by("-report__as_of")
        .first()
    )
    return render(
        request,
        template,
        {
            "form": form,
            "entry": entry,
            "report": entry.report,
            "plan": entry.report.plan,
            "previous_entry": previous_entry,
        },
    )


@login_required
def entry_row(request, pk):
    """Same people as entry_edit: the read-only row, for htmx "Abbrechen"."""
    entry = entry_for(request.user, pk)
    entry.can_edit = entry.report.status == "draft"
    return render(
        request, "backoffice/partials/entry_row.html", {"entry": entry, "report": entry.report}
    )


@login_required
@require_POST
def example_add(request, pk):
    """Admins and coordinators, while the report is a draft."""
    report = report_for(request.user, pk, "plans.edit_report")
    form = ExampleForm(request.POST, plan=report.plan)
    if form.is_valid():
        services.example_add(report=report, by=request.user, **form.cleaned_data)
        messages.success(request, "Das Beispiel wurde hinzugefügt.")
    else:
        messages.error(request, "Bitte Handlungsfeld und Text des Beispiels angeben.")
    return redirect("backoffice:report_detail", pk=report.pk)


@login_required
@require_POST
def example_delete(request, pk):
    """Admins and coordinators, while the report is a draft."""
    example = get_object_or_404(Example.objects.select_related("report__plan__organization"), pk=pk)
    report_for(request.user, example.report_id, "plans.edit_report")
    services.example_delete(example=example, by=request.user)
    messages.success(request, "Das Beispiel wurde entfernt.")
    return redirect("backoffice:report_detail", pk=example.report_id)


@login_required
@require_POST
def requests_send(request, pk):
    """Admins and coordinators: ask every office that leads measures for its progress."""
    report = report_for(request.user, pk, "plans.edit_report")
    form = UpdateRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(reverse("backoffice:report_detail", args=[report.pk]) + "#rueckmeldungen")
    result = update_requests_send(
        report=report,
        due_on=form.cleaned_data["due_on"],
        note=form.cleaned_data["message"],
        by=request.user,
    )
    messages.success(
        request,
        f"{len(result.requested)} Ämter wurden per E-Mail um ihren Umsetzungsstand gebeten.",
    )
    if result.unreachable:
        names = ", ".join(unit.name for unit in result.unreachable)
        messages.warning(
            request,
            f"Nicht angefragt, weil weder eine E-Mail-Adresse noch eine Person hinterlegt ist: {names}. "
            "Bitte unter „Ämter und Personen“ ergänzen.",
        )
    return redirect("backoffice:report_detail", pk=report.pk)


@login_required
@require_POST
def request_answer(request, pk, unit_id):
    """The office editor of that office (or a coordinator): report the office's answer as complete."""
    report = report_for(request.user, pk)
    unit = get_object_or_404(Unit, pk=unit_id, organization_id=report.plan.organization_id)
    if unit.pk not in editor_unit_ids(request.user) and not request.user.has_perm(
        "plans.manage", report.plan
    ):
        raise PermissionDenied
    try:
        update_request_answer(report=report, unit=unit, by=request.user)
    except (ServiceError, UpdateRequest.DoesNotExist):
        messages.error(request, "Für dieses Amt liegt keine offene Anfrage zu dieser Bilanz vor.")
    else:
        messages.success(request, f"Danke! Die Rückmeldung von {unit.name} ist vermerkt.")
    mine = "?nur=meine" if unit.pk in editor_unit_ids(request.user) else ""
    return redirect(reverse("backoffice:report_detail", args=[report.pk]) + mine)


@login_required
def report_delete(request, pk):
    """Admins and coordinators: delete a draft report (published ones stay for good)."""
    report = report_for(request.user, pk, "plans.edit_report")
    if request.method == "POST":
        try:
            services.report_delete(report=report, by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("backoffice:report_detail", pk=report.pk)
        messages.success(request, f"Der Entwurf „{report.title}“ wurde gelöscht.")
        return redirect("backoffice:plan_dashboard", slug=report.plan.slug)
    return render(request, "backoffice/report_delete.html", {"plan": report.plan, "report": report})

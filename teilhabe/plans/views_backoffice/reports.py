"""Back office: progress reports (Bilanz) — creating, the report page with its entries, examples
and the offices' update requests, editing, publishing, deleting, and the documents."""

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST, require_safe

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.saving import render_form_page, save_form
from teilhabe.organizations.permissions import editor_unit_ids

from .. import rules, selectors, services
from ..bilanz.data import bilanz_data
from ..bilanz.formats import FORMATS, bilanz_filename
from ..forms import ExampleForm, ReportCreateForm, ReportForm, UpdateRequestForm
from ..models import ProgressEntry, UpdateRequest
from ..services.corrections import correction_blocker
from ..services.publication import bilanz_publish, published_document
from ..services.update_requests import update_request_answer, update_requests_send


@rule("plans.manage", load=rules.plan)
def report_create(request, plan):
    """Admins and coordinators: a new report, starting as a copy of the last state."""
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
        return redirect("plans:report_detail", pk=report.pk)
    return render_form_page(
        request,
        form,
        heading=f"Neue Bilanz für {plan.title}",
        intro="Die neue Bilanz übernimmt den letzten Stand jeder Maßnahme. Danach tragen die Ämter ein, was sich geändert hat.",
        submit="Bilanz anlegen",
        cancel_url=reverse("plans:plan_dashboard", args=[plan.slug]),
    )


@rule("plans.view_drafts", load=rules.report)
def report_detail(request, report):
    """Members of the plan's organisation; editors see edit links for their office's measures."""
    plan = report.plan
    own_units = editor_unit_ids(request.user, plan.organization_id)
    only_mine = request.GET.get("nur") == "meine" and bool(own_units)
    can_manage = request.user.has_perm("plans.manage", plan)
    page = selectors.report_page(report, units=own_units if only_mine else None)
    for entry in page.entries:
        entry.can_edit = request.user.has_perm("plans.edit_entry", entry)
    is_draft = report.status == "draft"
    return render(
        request,
        "plans/backoffice/report_detail.html",
        {
            "plan": plan,
            "report": report,
            "fields": page.fields,
            "can_manage": can_manage,
            "is_draft": is_draft,
            "reach": selectors.request_reach(report) if can_manage and is_draft else None,
            "request_form": UpdateRequestForm(
                initial={"due_on": timezone.localdate() + dt.timedelta(days=14)}
            ),
            "example_form": ExampleForm(plan=plan),
            "own_requests": UpdateRequest.objects.of_report(report).to_units(own_units),
            "correction_blocker": "" if is_draft or not can_manage else correction_blocker(report),
            "only_mine": only_mine,
            "has_units": bool(own_units),
        },
    )


@rule("plans.edit_report", load=rules.report)
def report_edit(request, report):
    """Admins and coordinators, while the report is a draft."""
    form = ReportForm(request.POST or None, instance=report)
    saved = save_form(
        request, form, lambda **data: services.report_update(report=report, by=request.user, **data)
    )
    if saved:
        messages.success(request, "Die Bilanz wurde gespeichert.")
        return redirect("plans:report_detail", pk=report.pk)
    return render_form_page(
        request,
        form,
        heading=f"Bilanz bearbeiten: {report.title}",
        cancel_url=reverse("plans:report_detail", args=[report.pk]),
    )


@rule("plans.publish_report", load=rules.report)
def report_publish(request, report):
    """Admins and coordinators: publish a draft report; afterwards it never changes."""
    if request.method == "POST":
        try:
            bilanz_publish(report=report, by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, "Die Bilanz ist veröffentlicht. Sie kann nun nicht mehr geändert werden."
            )
        return redirect("plans:report_detail", pk=report.pk)
    return render(
        request,
        "plans/backoffice/report_publish.html",
        {
            "plan": report.plan,
            "report": report,
            "summary": ProgressEntry.objects.for_report(report).summary(),
            "unanswered": UpdateRequest.objects.of_report(report).open(),
        },
    )


@rule("plans.edit_report", load=rules.report)
def report_delete(request, report):
    """Admins and coordinators: delete a draft report (published ones stay for good)."""
    if request.method == "POST":
        try:
            services.report_delete(report=report, by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("plans:report_detail", pk=report.pk)
        messages.success(request, f"Der Entwurf „{report.title}“ wurde gelöscht.")
        return redirect("plans:plan_dashboard", slug=report.plan.slug)
    return render(
        request, "plans/backoffice/report_delete.html", {"plan": report.plan, "report": report}
    )


@rule("plans.edit_report", load=rules.report)
@require_POST
def example_add(request, report):
    """Admins and coordinators, while the report is a draft."""
    form = ExampleForm(request.POST, plan=report.plan)
    if form.is_valid():
        services.example_add(report=report, by=request.user, **form.cleaned_data)
        messages.success(request, "Das Beispiel wurde hinzugefügt.")
    else:
        messages.error(request, "Bitte Handlungsfeld und Text des Beispiels angeben.")
    return redirect("plans:report_detail", pk=report.pk)


@rule("plans.edit_report", load=rules.example)
@require_POST
def example_delete(request, example):
    """Admins and coordinators, while the report is a draft."""
    services.example_delete(example=example, by=request.user)
    messages.success(request, "Das Beispiel wurde entfernt.")
    return redirect("plans:report_detail", pk=example.report_id)


@rule("plans.edit_report", load=rules.report)
@require_POST
def requests_send(request, report):
    """Admins and coordinators: ask every office that leads measures for its progress."""
    form = UpdateRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(reverse("plans:report_detail", args=[report.pk]) + "#rueckmeldungen")
    result = update_requests_send(
        report=report,
        due_on=form.cleaned_data["due_on"],
        note=form.cleaned_data["message"],
        by=request.user,
    )
    sent, covered = len(result.requested), result.measures_requested
    if sent:
        offices = "1 Amt wurde" if sent == 1 else f"{sent} Ämter wurden"
        measures = "1 Maßnahme" if covered == 1 else f"{covered} Maßnahmen"
        messages.success(
            request,
            f"{offices} per E-Mail um den Umsetzungsstand gebeten ({measures}). "
            "Wer angefragt wurde, steht unter „Rückmeldungen der Ämter“.",
        )
    else:
        messages.warning(
            request,
            "Es wurde keine Anfrage verschickt: kein Amt ist erreichbar "
            "oder alle Ämter haben schon geantwortet.",
        )
    if result.unreached:
        count = len(result.unreached)
        measures = "1 Maßnahme wurde" if count == 1 else f"{count} Maßnahmen wurden"
        messages.warning(
            request,
            f"{measures} nicht angefragt. Die Gründe stehen unter „Rückmeldungen der Ämter“; "
            "die Empfänger der Ämter pflegen Sie unter „Ämter und Empfänger“.",
        )
    return redirect("plans:report_detail", pk=report.pk)


@rule("plans.answer_request", load=rules.update_request)
@require_POST
def request_answer(request, update_request):
    """The office editor of the office asked (or a coordinator): report the office's answer as
    complete."""
    report, unit = update_request.report, update_request.unit
    try:
        update_request_answer(report=report, unit=unit, by=request.user)
    except (ServiceError, UpdateRequest.DoesNotExist):
        messages.error(request, "Für dieses Amt liegt keine offene Anfrage zu dieser Bilanz vor.")
    else:
        messages.success(request, f"Danke! Die Rückmeldung für „{unit.name}“ ist vermerkt.")
    mine = "?nur=meine" if unit.pk in editor_unit_ids(request.user) else ""
    return redirect(reverse("plans:report_detail", args=[report.pk]) + mine)


@rule("plans.view", load=rules.any_report, sign_in=False)
@require_safe
def bilanz_download(request, report, fmt: str):
    """The Bilanz of one report as PDF, DOCX or HTML.

    Who may use it: anybody, also without logging in, for a published report of an adopted or
    archived plan; members of the plan's organisation (every role) also for drafts. Everybody else
    gets 404, so that the existence of a draft is not given away.
    """
    if fmt not in FORMATS:
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

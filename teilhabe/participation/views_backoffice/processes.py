"""Back office: participation processes, formats, group members and registrations.

Members of the plan's organisation see processes and formats; admins and coordinators manage
them and alone see personal data (names, email addresses, needs).
"""

import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST, require_safe

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.htmx import htmx_error
from teilhabe.core.saving import render_form_page, save_form
from teilhabe.documents import cells
from teilhabe.plans import rules as plan_rules

from .. import rules, selectors
from ..forms_processes import FormatForm, MemberForm, ProcessForm
from ..models import FormatKind, ParticipationFormat, RegistrationStatus
from ..services import processes, registrations
from .pages import crumbs as _crumbs

# Back office: processes ------------------------------------------------------------------------


@rule("participation.view_internal", load=plan_rules.plan)
def process_list(request, plan):
    """Members of the plan's organisation: the plan's participation processes."""
    processes_ = selectors.plan_processes(plan)
    return render(
        request,
        "participation/backoffice/process_list.html",
        {
            "plan": plan,
            "processes": processes_,
            "can_manage": request.user.has_perm("participation.manage", plan),
            "breadcrumbs": [
                (plan.title, reverse("plans:plan_dashboard", args=[plan.slug])),
                ("Beteiligung", None),
            ],
        },
    )


@rule("participation.manage", load=plan_rules.plan)
def process_create(request, plan):
    """Admins and coordinators of the plan's organisation."""
    form = ProcessForm(request.POST or None, plan=plan)
    process = save_form(
        request,
        form,
        lambda version, **data: processes.process_create(plan=plan, by=request.user, **data),
    )
    if process:
        messages.success(request, f"Der Beteiligungsprozess „{process.title}“ wurde angelegt.")
        return redirect("participation:process_detail", pk=process.pk)
    return render_form_page(
        request,
        form,
        heading=f"Neuer Beteiligungsprozess für {plan.title}",
        cancel_url=reverse("participation:process_list", args=[plan.slug]),
        breadcrumbs=[
            (plan.title, reverse("plans:plan_dashboard", args=[plan.slug])),
            ("Beteiligung", reverse("participation:process_list", args=[plan.slug])),
            ("Neuer Beteiligungsprozess", None),
        ],
    )


@rule("participation.manage", load=rules.process)
def process_edit(request, process):
    """Admins and coordinators of the plan's organisation; versioned (a concurrent save wins
    nothing silently)."""
    form = ProcessForm(request.POST or None, instance=process, plan=process.plan)
    saved = save_form(
        request,
        form,
        lambda **data: processes.process_update(process=process, by=request.user, **data),
    )
    if saved:
        messages.success(request, "Der Beteiligungsprozess wurde gespeichert.")
        return redirect("participation:process_detail", pk=saved.pk)
    return render_form_page(
        request,
        form,
        heading=f"Beteiligungsprozess bearbeiten: {process.title}",
        cancel_url=reverse("participation:process_detail", args=[process.pk]),
        breadcrumbs=_crumbs(process, ("Bearbeiten", None)),
    )


@rule("participation.view_internal", load=rules.process)
def process_detail(request, process):
    """Members of the plan's organisation: the process with its formats, and the panels for
    ideas, recommendations and prioritisations."""
    return render(
        request,
        "participation/backoffice/process_detail.html",
        {
            "plan": process.plan,
            "process": process,
            **selectors.grouped_formats(selectors.process_formats(process)),
            "kinds": FormatKind.choices,
            "can_manage": request.user.has_perm("participation.manage", process),
            "can_view_personal": request.user.has_perm("participation.view_personal", process),
            "breadcrumbs": [*_crumbs(process)[:-1], (process.title, None)],
        },
    )


# Back office: formats --------------------------------------------------------------------------


@rule("participation.manage", load=rules.process)
def format_create(request, process, kind):
    """Admins and coordinators: a new format of the given kind."""
    if kind not in FormatKind.values:
        raise Http404
    initial = {}
    if kind == FormatKind.WORKING_GROUP:
        initial["parent"] = request.GET.get("zu")
        initial["number"] = selectors.next_number(process, kind)
    form = FormatForm(request.POST or None, process=process, kind=kind, initial=initial)
    fmt = save_form(
        request,
        form,
        lambda version, **data: processes.format_create(
            process=process, kind=kind, by=request.user, **data
        ),
    )
    if fmt:
        messages.success(request, f"„{fmt}“ wurde angelegt.")
        return redirect("participation:process_detail", pk=process.pk)
    label = FormatKind(kind).label
    return render_form_page(
        request,
        form,
        heading=f"Neu: {label}",
        preline=process.title,
        cancel_url=reverse("participation:process_detail", args=[process.pk]),
        breadcrumbs=_crumbs(process, (f"Neu: {label}", None)),
    )


@rule("participation.manage", load=rules.fmt)
def format_edit(request, fmt):
    """Admins and coordinators; versioned."""
    form = FormatForm(request.POST or None, instance=fmt, process=fmt.process, kind=fmt.kind)
    saved = save_form(
        request, form, lambda **data: processes.format_update(fmt=fmt, by=request.user, **data)
    )
    if saved:
        messages.success(request, f"„{saved}“ wurde gespeichert.")
        return redirect("participation:format_detail", pk=saved.pk)
    return render_form_page(
        request,
        form,
        heading=f"{fmt.get_kind_display()} bearbeiten: {fmt}",
        preline=fmt.process.title,
        cancel_url=reverse("participation:format_detail", args=[fmt.pk]),
        breadcrumbs=_crumbs(fmt.process, (str(fmt), None)),
    )


@rule("participation.view_internal", load=rules.fmt)
def format_detail(request, fmt):
    """Members of the plan's organisation: a format; its members' names and emails only for
    admins and coordinators."""
    can_view_personal = request.user.has_perm("participation.view_personal", fmt.process)
    return render(
        request,
        "participation/backoffice/format_detail.html",
        {
            "plan": fmt.process.plan,
            "process": fmt.process,
            "format": fmt,
            **selectors.format_page(fmt),
            "can_manage": request.user.has_perm("participation.manage", fmt.process),
            "can_view_personal": can_view_personal,
            "breadcrumbs": _crumbs(fmt.process, (str(fmt), None)),
        },
    )


@rule("participation.manage", load=rules.fmt)
def format_delete(request, fmt):
    """Admins and coordinators: delete a format nobody registered for and no idea came from."""
    if request.method == "POST":
        try:
            processes.format_delete(fmt=fmt, by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("participation:format_detail", pk=fmt.pk)
        messages.success(request, f"„{fmt}“ wurde gelöscht.")
        return redirect("participation:process_detail", pk=fmt.process_id)
    return render(
        request,
        "participation/backoffice/format_delete.html",
        {
            "process": fmt.process,
            "format": fmt,
            "breadcrumbs": _crumbs(fmt.process, (str(fmt), None)),
        },
    )


# Back office: members of project and steering groups -------------------------------------------


@rule("participation.manage", load=rules.fmt)
def member_create(request, fmt):
    """Admins and coordinators: add a member to a project or steering group."""
    group = fmt
    if not group.is_group:
        raise Http404
    form = MemberForm(request.POST or None)
    member = save_form(
        request,
        form,
        lambda version, **data: processes.member_add(group=group, by=request.user, **data),
    )
    if member:
        messages.success(request, f"{member.name} ist jetzt Mitglied von „{group}“.")
        return redirect("participation:format_detail", pk=group.pk)
    return render_form_page(
        request,
        form,
        heading=f"Mitglied hinzufügen: {group}",
        preline=group.process.title,
        intro="Name und E-Mail-Adresse sehen nur Koordination und Administration; öffentlich "
        "erscheinen nur Organisation und Bereich.",
        cancel_url=reverse("participation:format_detail", args=[group.pk]),
        breadcrumbs=_crumbs(group.process, (str(group), None)),
    )


@rule("participation.manage", load=rules.member)
def member_edit(request, member):
    """Admins and coordinators of the plan's organisation."""
    form = MemberForm(request.POST or None, instance=member)
    saved = save_form(
        request,
        form,
        lambda version, **data: processes.member_update(member=member, by=request.user, **data),
    )
    if saved:
        messages.success(request, "Das Mitglied wurde gespeichert.")
        return redirect("participation:format_detail", pk=member.group_id)
    return render_form_page(
        request,
        form,
        heading=f"Mitglied bearbeiten: {member.name}",
        preline=str(member.group),
        cancel_url=reverse("participation:format_detail", args=[member.group_id]),
        breadcrumbs=_crumbs(member.group.process, (str(member.group), None)),
    )


@rule("participation.manage", load=rules.member)
@require_POST
def member_delete(request, member):
    """Admins and coordinators: remove a member from the group."""
    try:
        processes.member_remove(member=member, by=request.user)
        messages.success(request, f"{member.name} wurde aus der Gruppe entfernt.")
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("participation:format_detail", pk=member.group_id)


# Back office: registrations --------------------------------------------------------------------


@rule("participation.view_personal", load=rules.event)
def registration_list(request, event):
    """Admins and coordinators only (personal data): who registered, their needs and language
    help, the waiting list, and attendance."""
    registrations_ = list(selectors.ordered_registrations(event))
    counts = dict.fromkeys(RegistrationStatus.values, 0)
    for registration in registrations_:
        counts[registration.status] += 1
    return render(
        request,
        "participation/backoffice/registration_list.html",
        {
            "process": event.process,
            "event": event,
            "registrations": registrations_,
            "counts": counts,
            "breadcrumbs": _crumbs(
                event.process,
                (str(event), reverse("participation:format_detail", args=[event.pk])),
                ("Anmeldungen", None),
            ),
        },
    )


EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PERSONAL_DATA_NOTE = (
    "Enthält personenbezogene Daten. Nur für die Organisation der Veranstaltung verwenden, "
    "nicht weitergeben, nach der Veranstaltung löschen."
)


def registrations_table(event: ParticipationFormat) -> tuple[list[str], list[list[str]]]:
    headers = [
        "Name",
        "E-Mail",
        "Organisation / Kommune",
        "Barrierefreiheit",
        "Sprachmittlung",
        "Status",
        "teilgenommen",
        "angemeldet am",
    ]
    attended = {True: "ja", False: "nein", None: ""}
    rows = [
        [
            registration.name,
            registration.email,
            registration.affiliation,
            registration.accessibility_needs,
            registration.language_help,
            registration.get_status_display(),
            attended[registration.attended],
            timezone.localtime(registration.created_at).strftime("%d.%m.%Y %H:%M"),
        ]
        for registration in selectors.ordered_registrations(event)
    ]
    # The note travels with the file: as its last row, where every spreadsheet shows it.
    rows.append([f"Hinweis: {PERSONAL_DATA_NOTE}", *[""] * (len(headers) - 1)])
    return headers, rows


def registrations_file(event: ParticipationFormat, fmt: str) -> bytes:
    """The registrations as CSV or XLSX; what people typed goes through the one formula escape
    (teilhabe.documents.cells), so a name "=HYPERLINK(…)" stays text."""
    headers, rows = registrations_table(event)
    if fmt == "csv":
        return cells.write_csv(headers, rows)
    # Imported when a workbook is written, not with the views: a web worker that serves
    # pages does without openpyxl (and lxml), ~12 MB.
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Anmeldungen")
    for row in [headers, *rows]:
        sheet.append([cells.xlsx_value(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@rule("participation.view_personal", load=rules.event)
@require_safe
def registration_export(request, event, fmt):
    """Admins and coordinators only: the registrations as CSV or XLSX (personal data)."""
    if fmt not in EXPORT_FORMATS:
        raise Http404
    content = registrations_file(event, fmt)
    filename = f"anmeldungen-{event.pk}.{fmt}"
    return HttpResponse(
        content,
        content_type=EXPORT_FORMATS[fmt],
        headers={
            "Content-Disposition": content_disposition_header(True, filename),
            "Cache-Control": "no-store",
        },
    )


@rule("participation.view_personal", load=rules.registration)
@require_POST
def registration_attendance(request, registration):
    """Admins and coordinators: record whether somebody came (htmx swaps the row)."""
    event = registration.event
    value = {"ja": True, "nein": False}.get(request.POST.get("attended"))
    try:
        registration = registrations.registration_set_attendance(
            registration=registration, attended=value, by=request.user
        )
    except ServiceError as error:
        if request.htmx:
            return htmx_error(error.message, 400)
        messages.error(request, error.message)
        return redirect("participation:registration_list", pk=event.pk)
    if request.htmx:
        return render(
            request,
            "participation/backoffice/registration_row.html",
            {"registration": registration, "event": event, "just_saved": True},
        )
    return redirect(
        reverse("participation:registration_list", args=[event.pk])
        + f"#anmeldung-{registration.pk}"
    )

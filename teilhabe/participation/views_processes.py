"""Participation processes, formats, group members and registrations: back office and portal.

Back office (German, sign-in required): members of the plan's organisation see processes and
formats; admins and coordinators manage them and alone see personal data (names, email
addresses, needs). Portal: anyone sees public processes, registers for open events, and — with
the personal link from their email — sees, downloads, cancels or deletes what is stored about
them.
"""

from functools import wraps

import tablib
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Prefetch, Q, Value, When
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from teilhabe.backoffice.access import plan_for
from teilhabe.core.errors import ServiceError
from teilhabe.core.page_cache import cached_public_page
from teilhabe.core.saving import render_form_page, save_form, save_or_conflict
from teilhabe.organizations.models import Organization
from teilhabe.plans.selectors import public_plan

from .forms_processes import FormatForm, MemberForm, ProcessForm, RegistrationForm
from .models import (
    EVENT_KINDS,
    GROUP_KINDS,
    FormatKind,
    GroupMember,
    ParticipationFormat,
    ParticipationProcess,
    Registration,
    RegistrationStatus,
)
from .services import antispam, privacy, processes, registrations

# Loading with permission checks (also for the other parts' views) -------------------------------


def process_for(user, pk: int, perm: str = "participation.view_internal") -> ParticipationProcess:
    """The process `pk`: 404 unless the person may see it, 403 if they may see but not `perm`."""
    process = get_object_or_404(
        ParticipationProcess.objects.select_related("plan__organization"), pk=pk
    )
    if not user.has_perm("participation.view_internal", process):
        raise Http404
    if perm != "participation.view_internal" and not user.has_perm(perm, process):
        raise PermissionDenied
    return process


def format_for(user, pk: int, perm: str = "participation.view_internal") -> ParticipationFormat:
    """The format `pk`, checked like process_for."""
    fmt = get_object_or_404(
        ParticipationFormat.objects.select_related(
            "process__plan__organization", "parent", "field"
        ),
        pk=pk,
    )
    if not user.has_perm("participation.view_internal", fmt.process):
        raise Http404
    if perm != "participation.view_internal" and not user.has_perm(perm, fmt.process):
        raise PermissionDenied
    return fmt


def _member_for(user, pk: int) -> GroupMember:
    member = get_object_or_404(
        GroupMember.objects.select_related("group__process__plan__organization"), pk=pk
    )
    if not user.has_perm("participation.view_internal", member.group.process):
        raise Http404
    if not user.has_perm("participation.manage", member.group.process):
        raise PermissionDenied
    return member


def _crumbs(process: ParticipationProcess, *extra) -> list:
    plan = process.plan
    return [
        (plan.title, reverse("plans:plan_dashboard", args=[plan.slug])),
        ("Beteiligung", reverse("participation:process_list", args=[plan.slug])),
        (process.title, reverse("participation:process_detail", args=[process.pk])),
        *extra,
    ]


def _formats_of(process: ParticipationProcess):
    """The process's formats in one query each for formats, members' counts and registrations."""
    return list(
        process.formats.select_related("field", "parent").annotate(
            confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
            waiting=Count("registrations", filter=Q(registrations__status="waiting")),
            member_count=Count("members", distinct=True),
        )
    )


def grouped_formats(formats) -> dict:
    """Formats by kind, for the process pages: events with their working groups, groups, phases."""
    events = [f for f in formats if f.kind in EVENT_KINDS]
    by_parent = {}
    for fmt in formats:
        if fmt.kind == FormatKind.WORKING_GROUP:
            by_parent.setdefault(fmt.parent_id, []).append(fmt)
    for event in events:
        event.working_groups = sorted(
            by_parent.get(event.pk, []), key=lambda f: (f.number or 0, f.position, f.pk)
        )
    return {
        "events": events,
        "loose_working_groups": by_parent.get(None, []),
        "groups": [f for f in formats if f.kind in GROUP_KINDS],
        "phases": [f for f in formats if f.kind == FormatKind.ONLINE_PHASE],
    }


# Back office: processes ------------------------------------------------------------------------


@login_required
def process_list(request, slug):
    """Members of the plan's organisation: the plan's participation processes."""
    plan = plan_for(request.user, slug)
    if not request.user.has_perm("participation.view_internal", plan):
        raise Http404
    processes_ = plan.processes.annotate(format_count=Count("formats")).order_by("-id")
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


@login_required
def process_create(request, slug):
    """Admins and coordinators of the plan's organisation."""
    plan = plan_for(request.user, slug)
    if not request.user.has_perm("participation.manage", plan):
        raise PermissionDenied
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


@login_required
def process_edit(request, pk):
    """Admins and coordinators of the plan's organisation; versioned (a concurrent save wins
    nothing silently)."""
    process = process_for(request.user, pk, "participation.manage")
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


@login_required
def process_detail(request, pk):
    """Members of the plan's organisation: the process with its formats, and the panels for
    ideas, recommendations and prioritisations."""
    process = process_for(request.user, pk)
    return render(
        request,
        "participation/backoffice/process_detail.html",
        {
            "plan": process.plan,
            "process": process,
            **grouped_formats(_formats_of(process)),
            "kinds": FormatKind.choices,
            "can_manage": request.user.has_perm("participation.manage", process),
            "can_view_personal": request.user.has_perm("participation.view_personal", process),
            "breadcrumbs": [*_crumbs(process)[:-1], (process.title, None)],
        },
    )


# Back office: formats --------------------------------------------------------------------------


@login_required
def format_create(request, pk, kind):
    """Admins and coordinators: a new format of the given kind."""
    process = process_for(request.user, pk, "participation.manage")
    if kind not in FormatKind.values:
        raise Http404
    initial = {}
    if kind == FormatKind.WORKING_GROUP:
        initial["parent"] = request.GET.get("zu")
        highest = process.formats.filter(kind=kind).order_by("-number").first()
        initial["number"] = (highest.number or 0) + 1 if highest else 1
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


@login_required
def format_edit(request, pk):
    """Admins and coordinators; versioned."""
    fmt = format_for(request.user, pk, "participation.manage")
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


@login_required
def format_detail(request, pk):
    """Members of the plan's organisation: a format; its members' names and emails only for
    admins and coordinators."""
    fmt = format_for(request.user, pk)
    can_view_personal = request.user.has_perm("participation.view_personal", fmt.process)
    members = fmt.members.order_by("sector", "name") if fmt.is_group else []
    counts = (
        fmt.registrations.aggregate(
            confirmed=Count("pk", filter=Q(status="confirmed")),
            waiting=Count("pk", filter=Q(status="waiting")),
            cancelled=Count("pk", filter=Q(status="cancelled")),
            attended=Count("pk", filter=Q(attended=True)),
        )
        if fmt.is_event
        else None
    )
    return render(
        request,
        "participation/backoffice/format_detail.html",
        {
            "plan": fmt.process.plan,
            "process": fmt.process,
            "format": fmt,
            "members": members,
            "working_groups": fmt.children.order_by("number", "position", "id"),
            "counts": counts,
            "can_manage": request.user.has_perm("participation.manage", fmt.process),
            "can_view_personal": can_view_personal,
            "breadcrumbs": _crumbs(fmt.process, (str(fmt), None)),
        },
    )


@login_required
def format_delete(request, pk):
    """Admins and coordinators: delete a format nobody registered for and no idea came from."""
    fmt = format_for(request.user, pk, "participation.manage")
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


@login_required
def member_create(request, pk):
    """Admins and coordinators: add a member to a project or steering group."""
    group = format_for(request.user, pk, "participation.manage")
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


@login_required
def member_edit(request, pk):
    """Admins and coordinators of the plan's organisation."""
    member = _member_for(request.user, pk)
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


@login_required
@require_POST
def member_delete(request, pk):
    """Admins and coordinators: remove a member from the group."""
    member = _member_for(request.user, pk)
    try:
        processes.member_remove(member=member, by=request.user)
        messages.success(request, f"{member.name} wurde aus der Gruppe entfernt.")
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("participation:format_detail", pk=member.group_id)


# Back office: registrations --------------------------------------------------------------------


# Who holds a place first, then the waiting list in its order, then who cancelled.
STATUS_ORDER = Case(
    When(status=RegistrationStatus.CONFIRMED, then=Value(0)),
    When(status=RegistrationStatus.WAITING, then=Value(1)),
    default=Value(2),
)


def _ordered_registrations(event: ParticipationFormat):
    return event.registrations.order_by(STATUS_ORDER, "created_at", "id")


def _event_for_personal(user, pk: int) -> ParticipationFormat:
    event = format_for(user, pk)
    if not event.is_event:
        raise Http404
    if not user.has_perm("participation.view_personal", event.process):
        raise PermissionDenied
    return event


@login_required
def registration_list(request, pk):
    """Admins and coordinators only (personal data): who registered, their needs and language
    help, the waiting list, and attendance."""
    event = _event_for_personal(request.user, pk)
    registrations_ = list(_ordered_registrations(event))
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


def registrations_dataset(event: ParticipationFormat) -> tablib.Dataset:
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
    dataset = tablib.Dataset(headers=headers, title="Anmeldungen")
    attended = {True: "ja", False: "nein", None: ""}
    for registration in _ordered_registrations(event):
        dataset.append(
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
        )
    # The note travels with the file: as its last row, where every spreadsheet shows it.
    dataset.append([f"Hinweis: {PERSONAL_DATA_NOTE}", *[""] * (len(headers) - 1)])
    return dataset


@login_required
@require_GET
def registration_export(request, pk, fmt):
    """Admins and coordinators only: the registrations as CSV or XLSX (personal data)."""
    event = _event_for_personal(request.user, pk)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    content = registrations_dataset(event).export(fmt)
    if isinstance(content, str):
        content = ("\ufeff" + content).encode("utf-8")  # Excel reads UTF-8 CSV with a BOM
    filename = f"anmeldungen-{event.pk}.{fmt}"
    return HttpResponse(
        content,
        content_type=EXPORT_FORMATS[fmt],
        headers={
            "Content-Disposition": content_disposition_header(True, filename),
            "Cache-Control": "no-store",
        },
    )


@login_required
@require_POST
def registration_attendance(request, pk):
    """Admins and coordinators: record whether somebody came (htmx swaps the row)."""
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    event = _event_for_personal(request.user, registration.event_id)
    value = {"ja": True, "nein": False}.get(request.POST.get("attended"))
    try:
        registration = registrations.registration_set_attendance(
            registration=registration, attended=value, by=request.user
        )
    except ServiceError as error:
        if request.htmx:
            from teilhabe.core.htmx import htmx_error

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
        reverse("participation:registration_list", args=[event.pk]) + f"#anmeldung-{pk}"
    )


# Portal ----------------------------------------------------------------------------------------


def public_process(org_slug: str, plan_slug: str, process_slug: str) -> ParticipationProcess:
    """A public process of a public plan; 404 otherwise (for the other parts' portal views too)."""
    plan = public_plan(org_slug, plan_slug)
    process = get_object_or_404(
        ParticipationProcess.objects.public().filter(plan=plan), slug=process_slug
    )
    process.plan = plan
    return process


def _public_formats(process: ParticipationProcess):
    """Formats for the public page: members only as affiliation and sector (never names)."""
    members = Prefetch(
        "members", queryset=GroupMember.objects.only("id", "group_id", "affiliation", "sector")
    )
    return list(process.formats.select_related("field").prefetch_related(members))


@require_GET
@cached_public_page
def portal_process_list(request, org_slug, plan_slug):
    """Anyone: the public participation processes of a published plan."""
    plan = public_plan(org_slug, plan_slug)
    return render(
        request,
        "participation/portal/process_list.html",
        {
            "organization": plan.organization,
            "plan": plan,
            "processes": ParticipationProcess.objects.public().filter(plan=plan).order_by("-id"),
        },
    )


@require_GET
@cached_public_page
def portal_process(request, org_slug, plan_slug, process_slug):
    """Anyone: a public process with its formats and its ideas, recommendations and
    prioritisations (the panels); registration links while registration is open."""
    process = public_process(org_slug, plan_slug, process_slug)
    now = timezone.now()
    grouped = grouped_formats(_public_formats(process))
    for event in grouped["events"]:
        event.can_register = registrations.registration_open(event, now)
    return render(
        request,
        "participation/portal/process.html",
        {"organization": process.plan.organization, "plan": process.plan, "process": process}
        | grouped,
    )


def _public_event(org_slug, plan_slug, process_slug, event_id) -> ParticipationFormat:
    process = public_process(org_slug, plan_slug, process_slug)
    event = get_object_or_404(
        process.formats.filter(kind__in=EVENT_KINDS).select_related("field"), pk=event_id
    )
    event.process = process
    return event


@require_http_methods(["GET", "POST"])
def event_register(request, org_slug, plan_slug, process_slug, event_id):
    """Anyone: register for an event of a public process (not cached: the form needs CSRF)."""
    event = _public_event(org_slug, plan_slug, process_slug, event_id)
    is_open = registrations.registration_open(event)
    confirmed = registrations.confirmed_count(event)
    form = RegistrationForm(request.POST if request.method == "POST" else None) if is_open else None
    if form is not None and form.is_bound and form.is_valid():
        registration = save_or_conflict(
            request,
            form,
            lambda: registrations.registration_create(
                event=event, sender_key=antispam.sender_key(request), **form.service_data()
            ),
        )
        if registration is not None:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(
                    request,
                    _(
                        "Sie sind angemeldet. Wir haben Ihnen eine Bestätigung per E-Mail geschickt."
                    ),
                )
            else:
                messages.info(
                    request,
                    _(
                        "Alle Plätze sind vergeben: Sie stehen auf der Warteliste. Wird ein Platz "
                        "frei, rücken Sie nach und bekommen eine E-Mail."
                    ),
                )
            return redirect(
                "portal:my_data",
                org_slug=org_slug,
                plan_slug=plan_slug,
                token=registration.token,
            )
    if form is not None:
        form.renew_timestamp()
    return render(
        request,
        "participation/portal/event_register.html",
        {
            "organization": event.process.plan.organization,
            "plan": event.process.plan,
            "process": event.process,
            "event": event,
            "form": form,
            "is_open": is_open,
            "full": not registrations.has_free_place(event, confirmed),
            "places_left": (event.capacity - confirmed) if event.capacity is not None else None,
        },
        status=400 if form is not None and form.is_bound else 200,
    )


class UnknownToken(Exception):
    pass


def _participant(org_slug, plan_slug, token) -> privacy.Participant:
    """The token's registration, idea or membership, if it belongs to this plan."""
    participant = privacy.participant_by_token(token)
    if participant is None:
        raise UnknownToken
    plan = participant.process.plan
    if plan.slug != plan_slug or plan.organization.slug != org_slug:
        raise UnknownToken
    return participant


def _token_page(view):
    """An unknown (or deleted) personal link is a 404 that says so, in the reader's language."""

    @wraps(view)
    def wrapper(request, org_slug, plan_slug, token, **kwargs):
        try:
            return view(request, org_slug, plan_slug, token, **kwargs)
        except UnknownToken:
            response = render(
                request,
                "participation/portal/my_data_unknown.html",
                {"organization": Organization.objects.filter(slug=org_slug).first()},
                status=404,
            )
            response["Cache-Control"] = "private, no-store"
            return response

    return wrapper


def _my_data_context(participant: privacy.Participant) -> dict:
    process = participant.process
    return {
        "organization": process.plan.organization,
        "plan": process.plan,
        "process": process,
        "participant": participant,
        "record": participant.record,
        "data": privacy.participant_data(participant),
        "process_is_public": ParticipationProcess.objects.public().filter(pk=process.pk).exists(),
    }


@_token_page
@require_GET
def my_data(request, org_slug, plan_slug, token):
    """The holder of the personal link: what is stored about them, with download, cancellation
    and deletion. Never cached: the page is the person's own."""
    participant = _participant(org_slug, plan_slug, token)
    response = render(request, "participation/portal/my_data.html", _my_data_context(participant))
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@_token_page
@require_GET
def my_data_download(request, org_slug, plan_slug, token):
    """The holder of the personal link: their data as JSON."""
    participant = _participant(org_slug, plan_slug, token)
    response = JsonResponse(
        privacy.participant_data(participant),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = content_disposition_header(True, "meine-daten.json")
    response["Cache-Control"] = "private, no-store"
    return response


@_token_page
@require_POST
def my_data_delete(request, org_slug, plan_slug, token):
    """The holder of the personal link: delete their personal data."""
    participant = _participant(org_slug, plan_slug, token)
    context = _my_data_context(participant)
    kind = privacy.participant_data_delete(token)
    response = render(
        request, "participation/portal/my_data_deleted.html", {**context, "kind": kind}
    )
    response["Cache-Control"] = "private, no-store"
    return response


@_token_page
@require_http_methods(["GET", "POST"])
def event_cancel(request, org_slug, plan_slug, token):
    """The holder of a registration's personal link: cancel it (asks first)."""
    participant = _participant(org_slug, plan_slug, token)
    if participant.kind != "registration":
        raise Http404
    registration = participant.record
    if request.method == "POST":
        registrations.registration_cancel(registration=registration)
        messages.success(request, _("Sie sind abgemeldet. Danke, dass Sie Bescheid gegeben haben."))
        return redirect("portal:my_data", org_slug=org_slug, plan_slug=plan_slug, token=token)
    response = render(
        request,
        "participation/portal/event_cancel.html",
        {
            "organization": participant.process.plan.organization,
            "plan": participant.process.plan,
            "process": participant.process,
            "registration": registration,
            "event": registration.event,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response

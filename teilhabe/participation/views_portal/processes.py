"""Public pages of participation processes: the processes of a plan, a process with its
formats, registration for its events, and — with the personal link from their email — what is
stored about a participant, to see, download, cancel or delete."""

from functools import wraps

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teilhabe.core.access import PUBLIC, rule
from teilhabe.core.page_cache import cached_public_page
from teilhabe.core.saving import save_or_conflict
from teilhabe.plans.selectors import participation_plan

from .. import selectors
from ..forms_processes import RegistrationForm
from ..models import RegistrationStatus
from ..services import antispam, privacy, registrations


@rule(PUBLIC)
@require_safe
@cached_public_page
def portal_process_list(request, org_slug, plan_slug):
    """Anyone: the public participation processes of a published plan, or of a draft opened
    for participation."""
    plan = participation_plan(org_slug, plan_slug)
    return render(
        request,
        "participation/portal/process_list.html",
        {
            "organization": plan.organization,
            "plan": plan,
            "processes": selectors.public_processes(plan),
        },
    )


@rule(PUBLIC)
@require_safe
@cached_public_page
def portal_process(request, org_slug, plan_slug, process_slug):
    """Anyone: a public process with its formats and its ideas, recommendations and
    prioritisations (the panels); registration links while registration is open."""
    process = selectors.public_process(org_slug, plan_slug, process_slug)
    now = timezone.now()
    grouped = selectors.grouped_formats(selectors.public_formats(process))
    for event in grouped["events"]:
        event.can_register = registrations.registration_open(event, now)
    return render(
        request,
        "participation/portal/process.html",
        {"organization": process.plan.organization, "plan": process.plan, "process": process}
        | grouped,
    )


@rule(PUBLIC)
@require_http_methods(["GET", "POST"])
def event_register(request, org_slug, plan_slug, process_slug, event_id):
    """Anyone: register for an event of a public process (not cached: the form needs CSRF)."""
    event = selectors.public_event(org_slug, plan_slug, process_slug, event_id)
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
                {"organization": selectors.organization_named(org_slug)},
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
        "process_is_public": selectors.process_is_public(process),
    }


@rule(PUBLIC)
@_token_page
@require_safe
def my_data(request, org_slug, plan_slug, token):
    """The holder of the personal link: what is stored about them, with download, cancellation
    and deletion. Never cached: the page is the person's own."""
    participant = _participant(org_slug, plan_slug, token)
    response = render(request, "participation/portal/my_data.html", _my_data_context(participant))
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@rule(PUBLIC)
@_token_page
@require_safe
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


@rule(PUBLIC)
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


@rule(PUBLIC)
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

"""The pages behind the personal links of the interpreter pool, in the portal at
/<organisation>/sprachmittlung/ (namespace portal):

- a mediator's page (`m/<token>/`): consent and guidelines, pause/resume, the open offers with
  what they need to decide, their assignments and allowances, their data as JSON, deletion;
- an offer's page (`angebot/<token>/`), the link of the offer email: accept or decline;
- an institution person's page (`e/<token>/`): new request, the institution's requests, and per
  request (`e/<token>/anfrage/<pk>/`) cancellation, confirmation of attendance and feedback.

A link opens only its holder's own data; an unknown link is a 404 that says so. Never cached.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teilhabe.core.access import PUBLIC, rule
from teilhabe.core.errors import ServiceError

from .. import selectors_pool as selectors
from ..forms_pool import AttendanceForm, CancelForm, RequestForm
from ..models.pool import Assignment, Offer, OfferAnswer, RequestStatus
from ..services import pool as services


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    # The token in the address must not travel to other sites; same-origin keeps the
    # Origin header that the CSRF check needs (no-referrer would send "null").
    response["Referrer-Policy"] = "same-origin"
    return response


def _unknown(request):
    return _private(render(request, "interpreters/portal/pool/unknown_link.html", status=404))


def _holder(find):
    """Loads the holder of the link in the URL (and checks the organisation in the URL), or
    answers with the page about an unknown link."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, org_slug, token, **kwargs):
            holder = find(token)
            if holder is None or selectors.organization_of(holder).slug != org_slug:
                return _unknown(request)
            return _private(view(request, holder, token, **kwargs))

        return wrapper

    return decorate


# Mediators -------------------------------------------------------------------------------------


@rule(PUBLIC)
@require_http_methods(["GET", "POST"])
@_holder(services.mediator_by_token)
def mediator_page(request, mediator, token):
    """The mediator: consent, pause/resume, open offers (accept/decline), assignments."""
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "consent":
                services.mediator_consent_give(
                    mediator=mediator, guidelines=request.POST.get("guidelines") == "on"
                )
                messages.success(request, _("Danke! Sie können jetzt Einsätze angeboten bekommen."))
            elif action in ("pause", "resume"):
                services.mediator_set_status(
                    mediator=mediator, status="paused" if action == "pause" else "active"
                )
                messages.success(request, _("Ihr Status ist geändert."))
            elif action == "feedback":
                assignment = get_object_or_404(
                    Assignment, pk=request.POST.get("assignment", "0") or 0, mediator=mediator
                )
                services.mediator_feedback_give(
                    assignment=assignment, mediator=mediator, text=request.POST.get("text", "")
                )
                messages.success(request, _("Danke für Ihre Rückmeldung."))
            elif action in ("accept", "decline"):
                offer = get_object_or_404(
                    Offer, pk=request.POST.get("offer", "0") or 0, mediator=mediator
                )
                _answer(request, offer, action)
            else:
                raise Http404
        except ServiceError as error:
            messages.error(request, str(error))
        return redirect(request.path)
    return render(
        request,
        "interpreters/portal/pool/mediator.html",
        {"mediator": mediator, "token": token, **selectors.mediator_overview(mediator)},
    )


def _answer(request, offer: Offer, action: str) -> None:
    if action == "accept":
        if services.offer_accept(offer=offer):
            messages.success(
                request, _("Der Einsatz ist Ihrer. Sie bekommen eine Bestätigung per E-Mail.")
            )
        else:
            messages.warning(
                request, _("Dieser Einsatz ist schon vergeben oder abgesagt. Danke trotzdem!")
            )
    else:
        services.offer_decline(offer=offer)
        messages.success(request, _("Sie haben abgelehnt. Danke für die Rückmeldung."))


@rule(PUBLIC)
@require_safe
@_holder(services.mediator_by_token)
def mediator_data(request, mediator, token):
    """The mediator: everything stored about them, as JSON."""
    response = JsonResponse(
        services.mediator_data(mediator), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = content_disposition_header(True, "meine-daten.json")
    return response


@rule(PUBLIC)
@require_POST
@_holder(services.mediator_by_token)
def mediator_delete(request, mediator, token):
    """The mediator: withdraw consent and delete everything about them."""
    organization = mediator.pool.organization
    services.mediator_delete(mediator=mediator)
    return render(request, "interpreters/portal/pool/deleted.html", {"organization": organization})


@rule(PUBLIC)
@require_http_methods(["GET", "POST"])
@_holder(services.offer_by_token)
def offer_page(request, offer, token):
    """The mediator, from the offer email: the request as far as they need it; accept or
    decline."""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ("accept", "decline"):
            raise Http404
        try:
            _answer(request, offer, action)
        except ServiceError as error:
            messages.error(request, str(error))
        return redirect(request.path)
    return render(
        request,
        "interpreters/portal/pool/offer.html",
        {
            "offer": offer,
            "item": selectors.request_for_mediator(offer.request),
            "organization": offer.request.pool.organization,
            "is_open": offer.answer == OfferAnswer.OPEN
            and offer.request.status == RequestStatus.OFFERED,
        },
    )


# Institutions ----------------------------------------------------------------------------------


@rule(PUBLIC)
@require_http_methods(["GET", "POST"])
@_holder(services.requester_by_token)
def requester_page(request, requester, token):
    """A person of a requesting institution: a new request, checked against the pool's rules,
    and the institution's requests."""
    form = RequestForm(request.POST or None, initial={"municipality": requester.body.municipality})
    if request.method == "POST" and form.is_valid():
        try:
            services.request_submit(requester=requester, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Ihre Anfrage ist eingegangen. Wir melden uns, sobald sie vergeben ist.")
            )
            return redirect(request.path)
    return render(
        request,
        "interpreters/portal/pool/requester.html",
        {
            "requester": requester,
            "token": token,
            "pool": requester.body.pool,
            "organization": requester.body.pool.organization,
            "form": form,
            "requests": selectors.body_requests(requester.body),
        },
    )


@rule(PUBLIC)
@require_http_methods(["GET", "POST"])
@_holder(services.requester_by_token)
def requester_request(request, requester, token, pk):
    """A person of the requesting institution: one of its requests — cancel it, or confirm
    attendance with duration, travel and feedback."""
    item = get_object_or_404(selectors.body_requests(requester.body), pk=pk)
    attendance = AttendanceForm(
        request.POST if request.POST.get("action") == "confirm" else None,
        initial={"minutes": item.duration_minutes},
    )
    cancel = CancelForm(request.POST if request.POST.get("action") == "cancel" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "confirm" and attendance.is_valid():
                services.attendance_confirm(
                    request=item, requester=requester, **attendance.cleaned_data
                )
                messages.success(request, _("Danke für die Bestätigung."))
                return redirect(request.path)
            if request.POST.get("action") == "cancel" and cancel.is_valid():
                services.request_cancel(
                    request=item, reason=cancel.cleaned_data["reason"], requester=requester
                )
                messages.success(
                    request, _("Die Anfrage ist abgesagt; alle Beteiligten wissen Bescheid.")
                )
                return redirect(request.path)
        except ServiceError as error:
            messages.error(request, str(error))
    return render(
        request,
        "interpreters/portal/pool/requester_request.html",
        {
            "requester": requester,
            "token": token,
            "organization": requester.body.pool.organization,
            "item": item,
            "attendance": attendance,
            "cancel": cancel,
        },
    )

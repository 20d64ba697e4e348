"""Public pages of prioritisations: the member's ballot (by personal link, or signed in when the
membership names their account) and, once the vote is closed and the process public, the
Prioritätenliste for anyone."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from teilhabe.core.access import PUBLIC, rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.page_cache import cached_public_page

from .. import rules, selectors
from ..downloads import prioritization_list_response
from ..forms_prioritization import BallotForm
from ..models import PrioritizationMethod, PrioritizationStatus
from ..services import prioritization as services
from ..services.prioritization import BallotError


def _public_context(prioritization, result):
    process = prioritization.group.process
    plan = process.plan
    return {
        "organization": plan.organization,
        "plan": plan,
        "process": process,
        "group": prioritization.group,
        "prioritization": prioritization,
        "result": result,
    }


@rule(PUBLIC)
@require_safe
@cached_public_page
def prioritization_page(request, org_slug, plan_slug, process_slug, prioritization_id):
    """Anyone, once the vote is closed and the process public: the Prioritätenliste with the
    anonymous votes behind it."""
    prioritization = selectors.portal_prioritization(
        org_slug, plan_slug, process_slug, prioritization_id
    )
    result = services.prioritization_result(prioritization)
    return render(
        request,
        "participation/portal/prioritization_result.html",
        _public_context(prioritization, result),
    )


@rule(PUBLIC)
@require_safe
def prioritization_download(request, org_slug, plan_slug, process_slug, prioritization_id, fmt):
    """Anyone, like the list page: the list and the anonymous votes as CSV or XLSX."""
    prioritization = selectors.portal_prioritization(
        org_slug, plan_slug, process_slug, prioritization_id
    )
    return prioritization_list_response(
        services.prioritization_result(prioritization), fmt, prioritization.title
    )


def _ballot_page(request, prioritization, member, *, action_url):
    """The ballot of `member`: a form while the vote is open, the result once it is closed."""
    options = services.options_of(prioritization)
    context = {
        **_public_context(prioritization, None),
        "member": member,
        "action_url": action_url,
        "is_dots": prioritization.method == PrioritizationMethod.DOTS,
        "limit": services.rank_limit(prioritization, len(options)),
        "option_count": len(options),
    }
    if prioritization.status != PrioritizationStatus.OPEN:
        context["result"] = services.prioritization_result(prioritization)
        context["own"] = services.member_ballot(prioritization, member)
        context["own_rows"] = [
            (services.option_label(o), context["own"].get(o.pk)) for o in options
        ]
        return render(request, "participation/portal/prioritization_ballot.html", context)
    current = services.member_ballot(prioritization, member)
    initial = {f"option_{option_id}": value for option_id, value in current.items()}
    form = BallotForm(
        request.POST or None,
        prioritization=prioritization,
        options=options,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_submit(
                prioritization=prioritization, member=member, values=form.values(), by=None
            )
        except BallotError as error:
            form.add_ballot_error(error)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Vielen Dank, Ihre Stimme ist gespeichert. Bis zum Ende der Abstimmung "
                    "können Sie sie hier noch ändern."
                ),
            )
            return redirect(action_url)
    context.update({"form": form, "has_voted": bool(current)})
    return render(
        request,
        "participation/portal/prioritization_ballot.html",
        context,
        status=400 if form.is_bound else 200,
    )


@rule(PUBLIC)
@require_http_methods(["GET", "POST"])
def ballot(request, org_slug, plan_slug, process_slug, prioritization_id, token):
    """The member holding the personal link (no account needed): their ballot. A wrong link, or
    one of another vote or group, is a 404."""
    prioritization = selectors.portal_prioritization(
        org_slug, plan_slug, process_slug, prioritization_id, public=False
    )
    member = selectors.member_by_token(prioritization, token)
    return _ballot_page(request, prioritization, member, action_url=request.path)


@rule("participation.vote", load=rules.ballot)
@require_http_methods(["GET", "POST"])
def ballot_signed_in(request, prioritization):
    """A signed-in person whose group membership names their account: their ballot; anybody
    else gets a 404."""
    member = selectors.signed_in_member(prioritization, request.user)
    return _ballot_page(request, prioritization, member, action_url=request.path)

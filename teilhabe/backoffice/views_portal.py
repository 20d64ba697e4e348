"""Back office: what an organisation shows on the public portal (Impressum, Datenschutz,
Erklärung zur Barrierefreiheit, licence of the open data) and the feedback readers send.

Every view is for the admins and coordinators of the organisation and superusers; other
members of the organisation get 403, everybody else 404, anonymous people the login."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST, require_safe
from rules import has_perm as test_rule

from teilhabe.core.access import rule
from teilhabe.core.saving import save_form
from teilhabe.organizations import rules as organization_rules
from teilhabe.plans.selectors import is_public_organization
from teilhabe.plans.translations import language_name
from teilhabe.portal import rules, services
from teilhabe.portal.models import Feedback
from teilhabe.portal.pages import profile_for
from teilhabe.portal.querysets import FEEDBACK_STATES as FEEDBACK_FILTERS

from .forms import PortalProfileForm

FEEDBACK_PER_PAGE = 25


def _conflicting_fields(form) -> list[str]:
    """The labels of the fields whose saved value differs from what the person typed."""
    saved = form.conflict
    return [
        str(form.fields[name].label)
        for name in PortalProfileForm.Meta.fields
        if name in form.cleaned_data and getattr(saved, name) != form.cleaned_data[name]
    ]


@rule("portal.manage", load=organization_rules.organization)
def profile_edit(request, organization):
    """Admins and coordinators of the organisation: Impressum, Datenschutzerklärung,
    Erklärung zur Barrierefreiheit, Leichte Sprache and the licence of the open data."""
    form = PortalProfileForm(request.POST or None, instance=profile_for(organization))
    saved = save_form(
        request,
        form,
        lambda **data: services.portal_profile_update(
            organization=organization, by=request.user, **data
        ),
    )
    if saved:
        messages.success(request, "Die Angaben für die öffentlichen Seiten wurden gespeichert.")
        return redirect("backoffice:profile_edit", org_slug=organization.slug)
    return render(
        request,
        "backoffice/portal/profile_form.html",
        {
            "organization": organization,
            "form": form,
            "conflict_fields": _conflicting_fields(form) if getattr(form, "conflict", None) else [],
            "is_public": is_public_organization(organization),
            "open_feedback": Feedback.objects.of_organization(organization).unhandled().count(),
        },
    )


@rule("portal.manage", load=organization_rules.organization)
@require_safe
def feedback_list(request, organization):
    """Admins and coordinators of the organisation: readers' feedback, newest first. Names and
    e-mail addresses only for the organisation's own admins and coordinators — a superuser
    without that role sees the messages only."""
    selected = request.GET.get("status", "offen")
    if selected not in FEEDBACK_FILTERS:
        selected = "offen"
    feedback = Feedback.objects.of_organization(organization)
    counts = feedback.counts_by_state()
    page = Paginator(feedback.in_state(selected).newest_first(), FEEDBACK_PER_PAGE).get_page(
        request.GET.get("seite")
    )
    for item in page.object_list:
        item.language_name = language_name(item.language)
    return render(
        request,
        "backoffice/portal/feedback_list.html",
        {
            "organization": organization,
            "page": page,
            "selected": selected,
            "filters": [
                ("offen", "Offen", counts["offen"]),
                ("erledigt", "Erledigt", counts["erledigt"]),
                ("alle", "Alle", counts["alle"]),
            ],
            # The rule itself, not user.has_perm: Django grants a superuser every permission.
            "show_personal": test_rule("portal.view_feedback_personal", request.user, organization),
            "retention_days": services.feedback_retention_days(),
        },
    )


@rule("portal.manage", load=rules.feedback)
@require_POST
def feedback_handle(request, feedback):
    """Admins and coordinators of the organisation: mark one feedback as handled."""
    organization = feedback.organization
    services.feedback_mark_handled(feedback=feedback, by=request.user)
    messages.success(
        request,
        f"Die Rückmeldung vom {localtime(feedback.created_at):%d.%m.%Y} ist als erledigt markiert.",
    )
    url = reverse("backoffice:feedback_list", args=[organization.slug])
    status = request.POST.get("status")
    return redirect(f"{url}?status={status}" if status in FEEDBACK_FILTERS else url)

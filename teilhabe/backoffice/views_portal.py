"""Back office: what an organisation shows on the public portal (Impressum, Datenschutz,
Erklärung zur Barrierefreiheit, licence of the open data) and the feedback readers send.

Every view is for the admins and coordinators of the organisation and superusers; other
members of the organisation get 403, everybody else 404, anonymous people the login."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.timezone import localtime
from django.views.decorators.http import require_GET, require_POST

from teilhabe.core.saving import save_form
from teilhabe.organizations.models import Organization, Role
from teilhabe.organizations.permissions import has_role, member_organization_ids, roles_in
from teilhabe.plans.selectors import public_organizations
from teilhabe.plans.translations import language_name
from teilhabe.portal import services
from teilhabe.portal.models import Feedback, PortalProfile

from .forms_portal import PortalProfileForm

FEEDBACK_PER_PAGE = 25
MANAGING_ROLES = (Role.ADMIN, Role.COORDINATOR)
FEEDBACK_FILTERS = {
    "offen": Q(handled_at__isnull=True),
    "erledigt": Q(handled_at__isnull=False),
    "alle": Q(),
}


def _organization_for_manager(user, slug) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    if has_role(user, organization.pk, *MANAGING_ROLES):
        return organization
    if organization.pk in member_organization_ids(user):
        raise PermissionDenied
    raise Http404


def _conflicting_fields(form) -> list[str]:
    """The labels of the fields whose saved value differs from what the person typed."""
    saved = form.conflict
    return [
        str(form.fields[name].label)
        for name in PortalProfileForm.Meta.fields
        if name in form.cleaned_data and getattr(saved, name) != form.cleaned_data[name]
    ]


@login_required
def profile_edit(request, slug):
    """Admins and coordinators of the organisation: Impressum, Datenschutzerklärung,
    Erklärung zur Barrierefreiheit, Leichte Sprache and the licence of the open data."""
    organization = _organization_for_manager(request.user, slug)
    profile = PortalProfile.objects.filter(organization=organization).first() or PortalProfile(
        organization=organization
    )
    form = PortalProfileForm(request.POST or None, instance=profile)
    saved = save_form(
        request,
        form,
        lambda **data: services.portal_profile_update(
            organization=organization, by=request.user, **data
        ),
    )
    if saved:
        messages.success(request, "Die Angaben für die öffentlichen Seiten wurden gespeichert.")
        return redirect("portal_admin:profile_edit", slug=organization.slug)
    is_public = public_organizations().filter(pk=organization.pk).exists()
    open_feedback = Feedback.objects.filter(
        organization=organization, handled_at__isnull=True
    ).count()
    return render(
        request,
        "backoffice/portal/profile_form.html",
        {
            "organization": organization,
            "form": form,
            "conflict_fields": _conflicting_fields(form) if getattr(form, "conflict", None) else [],
            "is_public": is_public,
            "open_feedback": open_feedback,
        },
    )


@login_required
@require_GET
def feedback_list(request, slug):
    """Admins and coordinators of the organisation: readers' feedback, newest first. Names and
    e-mail addresses only for the organisation's own admins and coordinators — a superuser
    without that role sees the messages only."""
    organization = _organization_for_manager(request.user, slug)
    selected = request.GET.get("status", "offen")
    if selected not in FEEDBACK_FILTERS:
        selected = "offen"
    feedback = Feedback.objects.filter(organization=organization)
    counts = feedback.aggregate(
        offen=Count("pk", filter=FEEDBACK_FILTERS["offen"]),
        erledigt=Count("pk", filter=FEEDBACK_FILTERS["erledigt"]),
        alle=Count("pk"),
    )
    page = Paginator(
        feedback.filter(FEEDBACK_FILTERS[selected])
        .select_related("handled_by")
        .order_by("-created_at", "-id"),
        FEEDBACK_PER_PAGE,
    ).get_page(request.GET.get("seite"))
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
            "show_personal": bool(roles_in(request.user, organization.pk) & set(MANAGING_ROLES)),
            "retention_days": services.feedback_retention_days(),
        },
    )


@login_required
@require_POST
def feedback_handle(request, slug, pk):
    """Admins and coordinators of the organisation: mark one feedback as handled."""
    organization = _organization_for_manager(request.user, slug)
    feedback = get_object_or_404(Feedback, pk=pk, organization=organization)
    services.feedback_mark_handled(feedback=feedback, by=request.user)
    messages.success(
        request,
        f"Die Rückmeldung vom {localtime(feedback.created_at):%d.%m.%Y} ist als erledigt markiert.",
    )
    url = reverse("portal_admin:feedback_list", args=[organization.slug])
    status = request.POST.get("status")
    return redirect(f"{url}?status={status}" if status in FEEDBACK_FILTERS else url)

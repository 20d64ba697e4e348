"""Back office: an organisation's committees (Kreistag/Gemeinderat, Ausschüsse) and their
meetings, entered by hand or synced over OParl."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.saving import render_form_page, save_form
from teilhabe.organizations import rules as organization_rules

from .. import rules, selectors, services
from ..forms import CommitteeForm, MeetingForm
from .pages import confirm_delete, crumbs


@rule("council.view_internal", load=organization_rules.organization)
def committee_list(request, organization):
    """Members of the organisation: its committees (Kreistag/Gemeinderat, Ausschüsse)."""
    return render(
        request,
        "council/backoffice/committee_list.html",
        {
            "organization": organization,
            "committees": selectors.committees_of(organization),
            "can_manage": request.user.has_perm("council.manage", organization),
            "breadcrumbs": crumbs(organization, ("Gremien", None)),
        },
    )


@rule("council.manage", load=organization_rules.organization)
def committee_create(request, organization):
    """Admins and coordinators of the organisation."""
    form = CommitteeForm(request.POST or None, organization=organization)
    committee = save_form(
        request,
        form,
        lambda version, **data: services.committee_create(
            organization=organization, by=request.user, **data
        ),
    )
    if committee:
        messages.success(request, f"Das Gremium „{committee}“ wurde angelegt.")
        return redirect("council:committee_detail", pk=committee.pk)
    return render_form_page(
        request,
        form,
        heading=f"Neues Gremium für {organization.name}",
        cancel_url=reverse("council:committee_list", args=[organization.slug]),
    )


@rule("council.view_internal", load=rules.committee)
def committee_detail(request, committee):
    """Members of the organisation: a committee, its meetings and the papers consulted there."""
    organization = committee.organization
    return render(
        request,
        "council/backoffice/committee_detail.html",
        {
            "organization": organization,
            "committee": committee,
            **selectors.committee_page(committee),
            "can_manage": request.user.has_perm("council.manage", committee),
            "breadcrumbs": crumbs(
                organization,
                ("Gremien", reverse("council:committee_list", args=[organization.slug])),
                (committee.name, None),
            ),
        },
    )


@rule("council.manage", load=rules.committee)
def committee_edit(request, committee):
    """Admins and coordinators of the organisation."""
    form = CommitteeForm(
        request.POST or None, instance=committee, organization=committee.organization
    )
    saved = save_form(
        request,
        form,
        lambda version, **data: services.committee_update(
            committee=committee, by=request.user, **data
        ),
    )
    if saved:
        messages.success(request, "Das Gremium wurde gespeichert.")
        return redirect("council:committee_detail", pk=saved.pk)
    return render_form_page(
        request,
        form,
        heading=f"Gremium bearbeiten: {committee}",
        cancel_url=reverse("council:committee_detail", args=[committee.pk]),
    )


@rule("council.manage", load=rules.committee)
def committee_delete(request, committee):
    """Admins and coordinators: delete a committee in whose Beratungsfolge no paper stands."""
    organization = committee.organization
    if request.method == "POST":
        try:
            services.committee_delete(committee=committee, by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("council:committee_detail", pk=committee.pk)
        messages.success(request, f"Das Gremium „{committee}“ wurde gelöscht.")
        return redirect("council:committee_list", org_slug=organization.slug)
    return confirm_delete(
        request,
        heading=f"Gremium „{committee}“ löschen?",
        text="Die Sitzungen des Gremiums werden mitgelöscht.",
        cancel_url=reverse("council:committee_detail", args=[committee.pk]),
    )


@rule("council.manage", load=rules.committee)
def meeting_create(request, committee):
    """Admins and coordinators of the organisation: a meeting of the committee."""
    form = MeetingForm(request.POST or None)
    meeting = save_form(
        request,
        form,
        lambda version, **data: services.meeting_create(
            committee=committee, by=request.user, **data
        ),
    )
    if meeting:
        messages.success(request, f"Die Sitzung „{meeting}“ wurde angelegt.")
        return redirect("council:committee_detail", pk=committee.pk)
    return render_form_page(
        request,
        form,
        heading=f"Neue Sitzung: {committee}",
        cancel_url=reverse("council:committee_detail", args=[committee.pk]),
    )


@rule("council.manage", load=rules.meeting)
def meeting_edit(request, meeting):
    """Admins and coordinators of the organisation."""
    form = MeetingForm(request.POST or None, instance=meeting)
    saved = save_form(
        request,
        form,
        lambda version, **data: services.meeting_update(meeting=meeting, by=request.user, **data),
    )
    if saved:
        messages.success(request, "Die Sitzung wurde gespeichert.")
        return redirect("council:committee_detail", pk=meeting.committee_id)
    return render_form_page(
        request,
        form,
        heading=f"Sitzung bearbeiten: {meeting}",
        cancel_url=reverse("council:committee_detail", args=[meeting.committee_id]),
    )


@rule("council.manage", load=rules.meeting)
def meeting_delete(request, meeting):
    """Admins and coordinators: delete a meeting (consultations keep committee and date)."""
    committee_id = meeting.committee_id
    if request.method == "POST":
        services.meeting_delete(meeting=meeting, by=request.user)
        messages.success(request, "Die Sitzung wurde gelöscht.")
        return redirect("council:committee_detail", pk=committee_id)
    return confirm_delete(
        request,
        heading=f"Sitzung „{meeting}“ löschen?",
        text="Beratungen in dieser Sitzung behalten Gremium und Datum.",
        cancel_url=reverse("council:committee_detail", args=[committee_id]),
    )

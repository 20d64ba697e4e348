"""Back office: the catalogue of good practice — practices, their partners and pictures,
promoting Bilanz examples and closed funded projects, and adoptions by other municipalities."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.saving import render_form_page, run_and_return, save_form
from teilhabe.funding.models import Application
from teilhabe.organizations import rules as organization_rules
from teilhabe.organizations.models import Organization, Role
from teilhabe.organizations.permissions import organization_ids_with_role
from teilhabe.plans.models import Example

from .. import rules, selectors, services
from ..forms import AdoptionForm, PartnerForm, PictureForm, PracticeForm
from ..models import Area, TargetGroup


def crumbs(organization, *more):
    return [("Good Practice", reverse("practices:practice_list", args=[organization.slug])), *more]


def _data(form) -> dict:
    data = {
        k: v
        for k, v in form.cleaned_data.items()
        if k not in ("version", "plan_fields", "target_groups")
    }
    return data | {
        "fields": form.cleaned_data["plan_fields"],
        "target_groups": form.cleaned_data["target_groups"],
    }


@rule("practices.see", load=organization_rules.organization)
def practice_list(request, organization):
    """Members of the organisation: its practices; what can be promoted for those who keep them."""
    can_manage = request.user.has_perm("practices.manage", organization)
    area = request.GET.get("bereich", "")
    return render(
        request,
        "practices/backoffice/practice_list.html",
        {
            "organization": organization,
            "practices": selectors.practices_of(
                organization, area=area if area in Area.values else ""
            ),
            "areas": Area.choices,
            "area": area,
            "can_manage": can_manage,
            "examples": selectors.promotable_examples(organization) if can_manage else [],
            "grants": selectors.promotable_grants(organization) if can_manage else [],
            "breadcrumbs": crumbs(organization),
        },
    )


@rule("practices.manage", load=organization_rules.organization)
def practice_create(request, organization):
    """Admins and coordinators of the organisation."""
    form = PracticeForm(request.POST or None, organization=organization)
    practice = save_form(
        request,
        form,
        lambda version, **_: services.practice_create(
            organization=organization, by=request.user, **_data(form)
        ),
    )
    if practice:
        messages.success(request, f"„{practice}“ wurde als Entwurf angelegt.")
        return redirect("practices:practice_detail", pk=practice.pk)
    return render_form_page(
        request,
        form,
        heading="Neues Good-Practice-Beispiel",
        cancel_url=reverse("practices:practice_list", args=[organization.slug]),
    )


@rule("practices.see_published", load=rules.practice)
def practice_detail(request, practice):
    """Members of the organisation; any signed-in person for a published practice (to take it up)."""
    practice = selectors.practice_page(practice)
    user = request.user
    adoption_form = None
    if user.has_perm("practices.adopt", practice):
        managed = organization_ids_with_role(user, Role.ADMIN, Role.COORDINATOR) - {
            practice.organization_id
        }
        adoption_form = AdoptionForm(
            organizations=Organization.objects.filter(pk__in=managed).order_by("name"),
            initial={"year": timezone.localdate().year},
        )
    return render(
        request,
        "practices/backoffice/practice_detail.html",
        {
            "practice": practice,
            "organization": practice.organization,
            "can_manage": user.has_perm("practices.manage", practice),
            "sees_internal": user.has_perm("practices.see", practice),
            "partner_form": PartnerForm(),
            "picture_form": PictureForm(),
            "adoption_form": adoption_form,
            "target_groups": dict(TargetGroup.choices),
            "breadcrumbs": crumbs(practice.organization, (practice.title, None)),
        },
    )


@rule("practices.manage", load=rules.practice)
def practice_edit(request, practice):
    """Admins and coordinators of the organisation."""
    form = PracticeForm(request.POST or None, instance=practice, organization=practice.organization)
    saved = save_form(
        request,
        form,
        lambda version, **_: services.practice_update(
            practice=practice, version=version, by=request.user, **_data(form)
        ),
    )
    if saved:
        messages.success(request, "Das Beispiel wurde gespeichert.")
        return redirect("practices:practice_detail", pk=practice.pk)
    return render_form_page(
        request,
        form,
        heading=f"{practice.title} bearbeiten",
        cancel_url=reverse("practices:practice_detail", args=[practice.pk]),
    )


@rule("practices.manage", load=rules.practice)
@require_POST
def practice_publish(request, practice):
    """Admins and coordinators of the organisation: publish or withdraw to draft."""
    publish = request.POST.get("publish") == "1"
    return run_and_return(
        request,
        lambda: services.practice_publish(practice=practice, publish=publish, by=request.user),
        "Das Beispiel ist veröffentlicht." if publish else "Das Beispiel ist wieder ein Entwurf.",
        reverse("practices:practice_detail", args=[practice.pk]),
    )


@rule("practices.manage", load=rules.practice)
@require_POST
def partner_add(request, practice):
    """Admins and coordinators of the organisation."""
    form = PartnerForm(request.POST)
    name = form.cleaned_data["name"] if form.is_valid() else ""
    role = form.cleaned_data.get("role", "") if form.is_valid() else ""
    return run_and_return(
        request,
        lambda: services.partner_add(practice=practice, name=name, role=role, by=request.user),
        "Der Partner wurde hinzugefügt.",
        reverse("practices:practice_detail", args=[practice.pk]),
    )


@rule("practices.manage", load=rules.partner)
@require_POST
def partner_remove(request, partner):
    """Admins and coordinators of the organisation."""
    return run_and_return(
        request,
        lambda: services.partner_remove(partner=partner, by=request.user),
        "Der Partner wurde entfernt.",
        reverse("practices:practice_detail", args=[partner.practice_id]),
    )


@rule("practices.manage", load=rules.practice)
@require_POST
def picture_add(request, practice):
    """Admins and coordinators of the organisation: a picture with its consent record."""
    form = PictureForm(request.POST, request.FILES)
    back = reverse("practices:practice_detail", args=[practice.pk])
    if not form.is_valid():
        messages.error(request, "Bitte wählen Sie ein Bild und beschreiben Sie es.")
        return redirect(back)
    data = form.cleaned_data
    return run_and_return(
        request,
        lambda: services.picture_add(
            practice=practice,
            upload=data["file"],
            alt=data["alt"],
            consent=data["consent"],
            consent_note=data["consent_note"],
            by=request.user,
        ),
        "Das Bild wurde hinzugefügt.",
        back,
    )


@rule("practices.see", load=rules.picture)
def picture_file(request, picture):
    """Members of the organisation: a picture, with or without consent (the portal shows only
    those with consent)."""
    response = FileResponse(picture.file.open("rb"), content_type=picture.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@rule("practices.adopt", load=rules.practice)
@require_POST
def practice_adopt(request, practice):
    """The coordination of another municipality: records that it took the practice up."""
    managed = organization_ids_with_role(request.user, Role.ADMIN, Role.COORDINATOR)
    form = AdoptionForm(request.POST, organizations=Organization.objects.filter(pk__in=managed))
    back = reverse("practices:practice_detail", args=[practice.pk])
    if not form.is_valid():
        messages.error(request, "Bitte wählen Sie Ihre Organisation und das Jahr.")
        return redirect(back)
    data = form.cleaned_data
    return run_and_return(
        request,
        lambda: services.adoption_record(
            practice=practice,
            organization=data["organization"],
            year=data["year"],
            note=data["note"],
            by=request.user,
        ),
        "Vermerkt: Ihre Kommune hat das Beispiel übernommen.",
        back,
    )


@rule("practices.manage", load=organization_rules.organization)
@require_POST
def promote_example(request, organization):
    """Admins and coordinators: a Bilanz example becomes a draft practice."""
    example = get_object_or_404(
        Example, pk=request.POST.get("example") or 0, field__plan__organization=organization
    )
    try:
        practice = services.practice_from_example(example=example, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("practices:practice_list", org_slug=organization.slug)
    messages.success(
        request, "Aus dem Beispiel der Bilanz ist ein Entwurf geworden. Ergänzen Sie ihn."
    )
    return redirect("practices:practice_edit", pk=practice.pk)


@rule("practices.manage", load=organization_rules.organization)
@require_POST
def promote_grant(request, organization):
    """Admins and coordinators: a closed funded project becomes a draft practice."""
    application = get_object_or_404(
        Application, pk=request.POST.get("application") or 0, call__fund__organization=organization
    )
    try:
        practice = services.practice_from_grant(application=application, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("practices:practice_list", org_slug=organization.slug)
    messages.success(
        request, "Aus dem geförderten Projekt ist ein Entwurf geworden. Ergänzen Sie ihn."
    )
    return redirect("practices:practice_edit", pk=practice.pk)

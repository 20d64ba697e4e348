"""Back office: an organisation's papers (Drucksachen) — the searchable list, the paper with its
Beratungsfolge, attachments, links and history, and their changes."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.saving import render_form_page, save_form
from teilhabe.organizations import rules as organization_rules

from .. import rules, selectors, services
from ..forms import ConsultationForm, LinkForm, PaperFilterForm, PaperForm
from .pages import confirm_delete, crumbs

PAPERS_PER_PAGE = 50


@rule("council.view_internal", load=organization_rules.organization)
def paper_list(request, organization):
    """Members of the organisation: all its papers, public or not, searchable and filtered."""
    form = PaperFilterForm(request.GET or None, organization=organization)
    papers = selectors.organization_papers(organization, **form.filters())
    page = Paginator(papers, PAPERS_PER_PAGE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "council/backoffice/paper_list.html",
        {
            "organization": organization,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_manage": request.user.has_perm("council.manage", organization),
            "breadcrumbs": [("Drucksachen", None)],
        },
    )


@rule("council.manage", load=organization_rules.organization)
def paper_create(request, organization):
    """Admins and coordinators of the organisation."""
    form = PaperForm(request.POST or None, organization=organization)
    paper = save_form(
        request,
        form,
        lambda version, **data: services.paper_create(
            organization=organization, by=request.user, **data
        ),
    )
    if paper:
        messages.success(request, f"Die Drucksache {paper.reference} wurde angelegt.")
        return redirect("council:paper_detail", pk=paper.pk)
    return render_form_page(
        request,
        form,
        heading=f"Neue Drucksache für {organization.name}",
        cancel_url=reverse("council:paper_list", args=[organization.slug]),
        breadcrumbs=crumbs(organization, ("Neue Drucksache", None)),
    )


@rule("council.view_internal", load=rules.paper)
def paper_detail(request, paper):
    """Members of the organisation: the paper with its Beratungsfolge, attachments, links and
    history; admins and coordinators also change them here."""
    organization = paper.organization
    can_manage = request.user.has_perm("council.manage", paper)
    return render(
        request,
        "council/backoffice/paper_detail.html",
        {
            "organization": organization,
            "paper": paper,
            **selectors.paper_page(paper),
            "can_manage": can_manage,
            "link_form": LinkForm(organization=organization, paper=paper) if can_manage else None,
            "breadcrumbs": crumbs(organization, (paper.reference, None)),
        },
    )


@rule("council.manage", load=rules.paper)
def paper_edit(request, paper):
    """Admins and coordinators of the organisation; a concurrent edit shows a conflict."""
    form = PaperForm(request.POST or None, instance=paper, organization=paper.organization)
    saved = save_form(
        request, form, lambda **data: services.paper_update(paper=paper, by=request.user, **data)
    )
    if saved:
        messages.success(request, "Die Drucksache wurde gespeichert.")
        return redirect("council:paper_detail", pk=saved.pk)
    return render_form_page(
        request,
        form,
        heading=f"Drucksache {paper.reference} bearbeiten",
        cancel_url=reverse("council:paper_detail", args=[paper.pk]),
        breadcrumbs=crumbs(
            paper.organization,
            (paper.reference, reverse("council:paper_detail", args=[paper.pk])),
            ("bearbeiten", None),
        ),
    )


@rule("council.manage", load=rules.paper)
def paper_delete(request, paper):
    """Admins and coordinators of the organisation."""
    organization = paper.organization
    if request.method == "POST":
        services.paper_delete(paper=paper, by=request.user)
        messages.success(request, f"Die Drucksache {paper.reference} wurde gelöscht.")
        return redirect("council:paper_list", org_slug=organization.slug)
    return confirm_delete(
        request,
        heading=f"Drucksache {paper.reference} löschen?",
        text="Beratungsfolge, Anlagen und Verknüpfungen werden mitgelöscht; die verknüpften "
        "Pläne, Bilanzen, Empfehlungen und Maßnahmen bleiben erhalten.",
        cancel_url=reverse("council:paper_detail", args=[paper.pk]),
    )


# Beratungsfolge ---------------------------------------------------------------------------------


def _consultations_of(paper_id):
    return reverse("council:paper_detail", args=[paper_id]) + "#beratungsfolge"


@rule("council.manage", load=rules.paper)
def consultation_create(request, paper):
    """Admins and coordinators: add a step to the Beratungsfolge of the paper."""
    form = ConsultationForm(request.POST or None, organization=paper.organization)
    consultation = save_form(
        request,
        form,
        lambda version, **data: services.consultation_create(paper=paper, by=request.user, **data),
    )
    if consultation:
        messages.success(request, "Die Beratung wurde eingetragen.")
        return redirect(_consultations_of(paper.pk))
    return render_form_page(
        request,
        form,
        heading=f"Beratung zur Drucksache {paper.reference} eintragen",
        cancel_url=reverse("council:paper_detail", args=[paper.pk]),
    )


@rule("council.manage", load=rules.consultation)
def consultation_edit(request, consultation):
    """Admins and coordinators of the organisation."""
    paper = consultation.paper
    form = ConsultationForm(
        request.POST or None, instance=consultation, organization=paper.organization
    )
    saved = save_form(
        request,
        form,
        lambda version, **data: services.consultation_update(
            consultation=consultation, by=request.user, **data
        ),
    )
    if saved:
        messages.success(request, "Die Beratung wurde gespeichert.")
        return redirect(_consultations_of(paper.pk))
    return render_form_page(
        request,
        form,
        heading=f"Beratung zur Drucksache {paper.reference} bearbeiten",
        cancel_url=reverse("council:paper_detail", args=[paper.pk]),
    )


@rule("council.manage", load=rules.consultation)
@require_POST
def consultation_delete(request, consultation):
    """Admins and coordinators of the organisation."""
    paper_id = consultation.paper_id
    services.consultation_delete(consultation=consultation, by=request.user)
    messages.success(request, "Die Beratung wurde aus der Beratungsfolge entfernt.")
    return redirect(_consultations_of(paper_id))


# Links ------------------------------------------------------------------------------------------


def _links_of(paper):
    return reverse("council:paper_detail", args=[paper.pk]) + "#verknuepfungen"


@rule("council.manage", load=rules.paper)
@require_POST
def link_add(request, paper):
    """Admins and coordinators: link the paper to a plan, Bilanz, recommendation, measure or
    milestone of its organisation."""
    form = LinkForm(request.POST, organization=paper.organization, paper=paper)
    if form.is_valid():
        kind, target_id = form.cleaned_data["target"]
        try:
            services.paper_link(paper=paper, kind=kind, target_id=target_id, by=request.user)
            messages.success(request, "Die Verknüpfung wurde hinzugefügt.")
        except ServiceError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, "Bitte wählen Sie aus, womit die Drucksache verknüpft werden soll.")
    return redirect(_links_of(paper))


@rule("council.manage", load=rules.paper)
@require_POST
def link_remove(request, paper):
    """Admins and coordinators of the organisation."""
    kind = request.POST.get("kind", "")
    target_id = request.POST.get("target_id", "")
    if not target_id.isdigit():
        # No such link: the form names one by its number.
        raise Http404
    try:
        services.paper_unlink(paper=paper, kind=kind, target_id=int(target_id), by=request.user)
        messages.success(request, "Die Verknüpfung wurde entfernt.")
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect(_links_of(paper))

"""Council records entered by hand: committees, meetings, papers (Drucksachen) with their
Beratungsfolge, attachments and links — in the back office (German only) and, for public papers,
in the portal.

Back office: members of the organisation read everything, including non-public papers
(council.view_internal); admins and coordinators change it (council.manage). Others get a 404,
members who may not change a record a 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from teilhabe.core.errors import ServiceError
from teilhabe.core.page_cache import cached_public_page
from teilhabe.core.saving import render_form_page, save_form, save_or_conflict
from teilhabe.organizations.models import Organization
from teilhabe.plans.selectors import public_organization

from . import services
from .forms import (
    CommitteeForm,
    ConsultationForm,
    LinkForm,
    MeetingForm,
    PaperFileForm,
    PaperFilterForm,
    PaperForm,
)
from .models import Committee, Consultation, Meeting, Paper, PaperFile
from .templatetags.council import paper_links, public_paper_links, with_consultations

PAPERS_PER_PAGE = 50
VIEW = "council.view_internal"
MANAGE = "council.manage"


# Access -----------------------------------------------------------------------------------------


def _check(user, obj, perm: str):
    if not user.has_perm(VIEW, obj):
        raise Http404
    if perm != VIEW and not user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def organization_for(user, org_slug: str, perm: str = VIEW) -> Organization:
    return _check(user, get_object_or_404(Organization, slug=org_slug), perm)


def paper_for(user, pk: int, perm: str = VIEW) -> Paper:
    return _check(
        user, get_object_or_404(Paper.objects.select_related("organization"), pk=pk), perm
    )


def committee_for(user, pk: int, perm: str = VIEW) -> Committee:
    committee = get_object_or_404(Committee.objects.select_related("organization"), pk=pk)
    return _check(user, committee, perm)


def meeting_for(user, pk: int, perm: str = VIEW) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("committee__organization"), pk=pk)
    return _check(user, meeting, perm)


def consultation_for(user, pk: int, perm: str = VIEW) -> Consultation:
    consultation = get_object_or_404(
        Consultation.objects.select_related("paper__organization", "committee", "meeting"), pk=pk
    )
    return _check(user, consultation, perm)


def attachment_for(user, pk: int, perm: str = VIEW) -> PaperFile:
    attachment = get_object_or_404(PaperFile.objects.select_related("paper__organization"), pk=pk)
    return _check(user, attachment, perm)


def _crumbs(organization, *more):
    return [
        ("Drucksachen", reverse("council:paper_list", args=[organization.slug])),
        *more,
    ]


# Committees and meetings ------------------------------------------------------------------------


@login_required
def committee_list(request, org_slug):
    """Members of the organisation: its committees (Kreistag/Gemeinderat, Ausschüsse)."""
    organization = organization_for(request.user, org_slug)
    committees = (
        Committee.objects.filter(organization=organization)
        .annotate(meeting_count=Count("meetings", distinct=True))
        .order_by("kind", "name")
    )
    return render(
        request,
        "council/backoffice/committee_list.html",
        {
            "organization": organization,
            "committees": committees,
            "can_manage": request.user.has_perm(MANAGE, organization),
            "breadcrumbs": _crumbs(organization, ("Gremien", None)),
        },
    )


@login_required
def committee_create(request, org_slug):
    """Admins and coordinators of the organisation."""
    organization = organization_for(request.user, org_slug, MANAGE)
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


@login_required
def committee_detail(request, pk):
    """Members of the organisation: a committee, its meetings and the papers consulted there."""
    committee = committee_for(request.user, pk)
    organization = committee.organization
    consultations = (
        Consultation.objects.filter(committee=committee)
        .select_related("paper", "meeting")
        .order_by("-date", "-id")[:100]
    )
    return render(
        request,
        "council/backoffice/committee_detail.html",
        {
            "organization": organization,
            "committee": committee,
            "meetings": committee.meetings.annotate(paper_count=Count("consultations")),
            "consultations": consultations,
            "can_manage": request.user.has_perm(MANAGE, committee),
            "breadcrumbs": _crumbs(
                organization,
                ("Gremien", reverse("council:committee_list", args=[organization.slug])),
                (committee.name, None),
            ),
        },
    )


@login_required
def committee_edit(request, pk):
    """Admins and coordinators of the organisation."""
    committee = committee_for(request.user, pk, MANAGE)
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


@login_required
def committee_delete(request, pk):
    """Admins and coordinators: delete a committee in whose Beratungsfolge no paper stands."""
    committee = committee_for(request.user, pk, MANAGE)
    organization = committee.organization
    if request.method == "POST":
        try:
            services.committee_delete(committee=committee, by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("council:committee_detail", pk=committee.pk)
        messages.success(request, f"Das Gremium „{committee}“ wurde gelöscht.")
        return redirect("council:committee_list", org_slug=organization.slug)
    return _confirm_delete(
        request,
        heading=f"Gremium „{committee}“ löschen?",
        text="Die Sitzungen des Gremiums werden mitgelöscht.",
        cancel_url=reverse("council:committee_detail", args=[committee.pk]),
    )


@login_required
def meeting_create(request, pk):
    """Admins and coordinators of the organisation: a meeting of the committee `pk`."""
    committee = committee_for(request.user, pk, MANAGE)
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


@login_required
def meeting_edit(request, pk):
    """Admins and coordinators of the organisation."""
    meeting = meeting_for(request.user, pk, MANAGE)
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


@login_required
def meeting_delete(request, pk):
    """Admins and coordinators: delete a meeting (consultations keep committee and date)."""
    meeting = meeting_for(request.user, pk, MANAGE)
    committee_id = meeting.committee_id
    if request.method == "POST":
        services.meeting_delete(meeting=meeting, by=request.user)
        messages.success(request, "Die Sitzung wurde gelöscht.")
        return redirect("council:committee_detail", pk=committee_id)
    return _confirm_delete(
        request,
        heading=f"Sitzung „{meeting}“ löschen?",
        text="Beratungen in dieser Sitzung behalten Gremium und Datum.",
        cancel_url=reverse("council:committee_detail", args=[committee_id]),
    )


def _confirm_delete(request, *, heading, text, cancel_url):
    return render(
        request,
        "council/backoffice/confirm_delete.html",
        {"heading": heading, "text": text, "cancel_url": cancel_url},
    )


# Papers -----------------------------------------------------------------------------------------


def _filtered_papers(papers, form):
    if not form.is_valid():
        return papers
    data = form.cleaned_data
    if data["q"]:
        query = data["q"].strip()
        papers = papers.filter(Q(reference__icontains=query) | Q(title__icontains=query))
    if data["committee"]:
        papers = papers.filter(
            pk__in=Consultation.objects.filter(committee=data["committee"]).values("paper_id")
        )
    if data["year"]:
        papers = papers.filter(date__year=data["year"])
    if data["paper_type"]:
        papers = papers.filter(paper_type=data["paper_type"])
    return papers


@login_required
def paper_list(request, org_slug):
    """Members of the organisation: all its papers, public or not, searchable and filtered."""
    organization = organization_for(request.user, org_slug)
    form = PaperFilterForm(request.GET or None, organization=organization)
    papers = with_consultations(
        _filtered_papers(Paper.objects.filter(organization=organization), form)
    ).order_by("-date", "-id")
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
            "can_manage": request.user.has_perm(MANAGE, organization),
            "breadcrumbs": [("Drucksachen", None)],
        },
    )


@login_required
def paper_create(request, org_slug):
    """Admins and coordinators of the organisation."""
    organization = organization_for(request.user, org_slug, MANAGE)
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
        breadcrumbs=_crumbs(organization, ("Neue Drucksache", None)),
    )


@login_required
def paper_detail(request, pk):
    """Members of the organisation: the paper with its Beratungsfolge, attachments, links and
    history; admins and coordinators also change them here."""
    paper = paper_for(request.user, pk)
    organization = paper.organization
    can_manage = request.user.has_perm(MANAGE, paper)
    history = paper.history.select_related("history_user").order_by("-history_date")[:30]
    consultation_history = (
        Consultation.history.filter(paper_id=paper.pk)
        .select_related("history_user")
        .order_by("-history_date")[:30]
    )
    return render(
        request,
        "council/backoffice/paper_detail.html",
        {
            "organization": organization,
            "paper": paper,
            "consultations": paper.consultations.select_related("committee", "meeting"),
            "files": paper.files.all(),
            "links": paper_links(paper),
            "history": history,
            "consultation_history": consultation_history,
            "can_manage": can_manage,
            "link_form": LinkForm(organization=organization, paper=paper) if can_manage else None,
            "breadcrumbs": _crumbs(organization, (paper.reference, None)),
        },
    )


@login_required
def paper_edit(request, pk):
    """Admins and coordinators of the organisation; a concurrent edit shows a conflict."""
    paper = paper_for(request.user, pk, MANAGE)
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
        breadcrumbs=_crumbs(
            paper.organization,
            (paper.reference, reverse("council:paper_detail", args=[paper.pk])),
            ("bearbeiten", None),
        ),
    )


@login_required
def paper_delete(request, pk):
    """Admins and coordinators of the organisation."""
    paper = paper_for(request.user, pk, MANAGE)
    organization = paper.organization
    if request.method == "POST":
        services.paper_delete(paper=paper, by=request.user)
        messages.success(request, f"Die Drucksache {paper.reference} wurde gelöscht.")
        return redirect("council:paper_list", org_slug=organization.slug)
    return _confirm_delete(
        request,
        heading=f"Drucksache {paper.reference} löschen?",
        text="Beratungsfolge, Anlagen und Verknüpfungen werden mitgelöscht; die verknüpften "
        "Pläne, Bilanzen, Empfehlungen und Maßnahmen bleiben erhalten.",
        cancel_url=reverse("council:paper_detail", args=[paper.pk]),
    )


# Beratungsfolge ---------------------------------------------------------------------------------


@login_required
def consultation_create(request, pk):
    """Admins and coordinators: add a step to the Beratungsfolge of paper `pk`."""
    paper = paper_for(request.user, pk, MANAGE)
    form = ConsultationForm(request.POST or None, organization=paper.organization)
    consultation = save_form(
        request,
        form,
        lambda version, **data: services.consultation_create(paper=paper, by=request.user, **data),
    )
    if consultation:
        messages.success(request, "Die Beratung wurde eingetragen.")
        return redirect(reverse("council:paper_detail", args=[paper.pk]) + "#beratungsfolge")
    return render_form_page(
        request,
        form,
        heading=f"Beratung zur Drucksache {paper.reference} eintragen",
        cancel_url=reverse("council:paper_detail", args=[paper.pk]),
    )


@login_required
def consultation_edit(request, pk):
    """Admins and coordinators of the organisation."""
    consultation = consultation_for(request.user, pk, MANAGE)
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
        return redirect(reverse("council:paper_detail", args=[paper.pk]) + "#beratungsfolge")
    return render_form_page(
        request,
        form,
        heading=f"Beratung zur Drucksache {paper.reference} bearbeiten",
        cancel_url=reverse("council:paper_detail", args=[paper.pk]),
    )


@login_required
@require_POST
def consultation_delete(request, pk):
    """Admins and coordinators of the organisation."""
    consultation = consultation_for(request.user, pk, MANAGE)
    paper_id = consultation.paper_id
    services.consultation_delete(consultation=consultation, by=request.user)
    messages.success(request, "Die Beratung wurde aus der Beratungsfolge entfernt.")
    return redirect(reverse("council:paper_detail", args=[paper_id]) + "#beratungsfolge")


# Attachments ------------------------------------------------------------------------------------


@login_required
def file_add(request, pk):
    """Admins and coordinators: attach a file (upload) or the address of one to paper `pk`."""
    paper = paper_for(request.user, pk, MANAGE)
    form = PaperFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            request,
            form,
            lambda: services.file_add(paper=paper, by=request.user, **form.cleaned_data),
        )
        if saved:
            messages.success(request, f"Die Anlage „{saved.name}“ wurde hinzugefügt.")
            return redirect(reverse("council:paper_detail", args=[paper.pk]) + "#anlagen")
    return render(
        request,
        "council/backoffice/file_form.html",
        {
            "form": form,
            "paper": paper,
            "heading": f"Anlage zur Drucksache {paper.reference} hinzufügen",
            "cancel_url": reverse("council:paper_detail", args=[paper.pk]),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def file_delete(request, pk):
    """Admins and coordinators of the organisation."""
    attachment = attachment_for(request.user, pk, MANAGE)
    paper_id = attachment.paper_id
    services.file_delete(attachment=attachment, by=request.user)
    messages.success(request, "Die Anlage wurde entfernt.")
    return redirect(reverse("council:paper_detail", args=[paper_id]) + "#anlagen")


def _file_response(attachment: PaperFile):
    if not attachment.file:
        if attachment.access_url:
            return redirect(attachment.access_url)
        raise Http404
    suffix = attachment.file.name.rsplit(".", 1)[-1]
    filename = (
        f"{attachment.name}.{suffix}" if not attachment.name.endswith(suffix) else attachment.name
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=attachment.mime_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def file_download(request, pk):
    """Members of the organisation: an uploaded attachment of any of its papers."""
    return _file_response(attachment_for(request.user, pk))


# Links ------------------------------------------------------------------------------------------


@login_required
@require_POST
def link_add(request, pk):
    """Admins and coordinators: link paper `pk` to a plan, Bilanz, recommendation, measure or
    milestone of its organisation."""
    paper = paper_for(request.user, pk, MANAGE)
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
    return redirect(reverse("council:paper_detail", args=[paper.pk]) + "#verknuepfungen")


@login_required
@require_POST
def link_remove(request, pk):
    """Admins and coordinators of the organisation."""
    paper = paper_for(request.user, pk, MANAGE)
    kind = request.POST.get("kind", "")
    target_id = request.POST.get("target_id", "")
    if not target_id.isdigit():
        raise Http404
    try:
        services.paper_unlink(paper=paper, kind=kind, target_id=int(target_id), by=request.user)
        messages.success(request, "Die Verknüpfung wurde entfernt.")
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect(reverse("council:paper_detail", args=[paper.pk]) + "#verknuepfungen")


# Portal -----------------------------------------------------------------------------------------

PUBLIC_PAPERS_PER_PAGE = 30


def _public_consultations():
    return Prefetch(
        "consultations",
        queryset=Consultation.objects.select_related("committee", "meeting").order_by(
            "position", "date", "id"
        ),
    )


@require_GET
@cached_public_page
def public_paper_list(request, org_slug):
    """Anyone: the organisation's public papers, newest first, with a search."""
    organization = public_organization(org_slug)
    papers = Paper.objects.public().for_organization(organization)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        papers = papers.filter(Q(reference__icontains=query) | Q(title__icontains=query))
    papers = papers.prefetch_related(_public_consultations()).order_by("-date", "-id")
    page = Paginator(papers, PUBLIC_PAPERS_PER_PAGE).get_page(request.GET.get("seite"))
    return render(
        request,
        "council/portal/paper_list.html",
        {"organization": organization, "page": page, "query": query},
    )


def _public_paper(org_slug, paper_id):
    organization = public_organization(org_slug)
    paper = get_object_or_404(
        Paper.objects.public()
        .for_organization(organization)
        .prefetch_related(_public_consultations(), "files"),
        pk=paper_id,
    )
    return organization, paper


@require_GET
@cached_public_page
def public_paper_detail(request, org_slug, paper_id):
    """Anyone: a public paper, its Beratungsfolge (non-public steps without their result) and
    the public plans, Bilanzen, recommendations, measures and milestones it set in motion."""
    organization, paper = _public_paper(org_slug, paper_id)
    return render(
        request,
        "council/portal/paper_detail.html",
        {"organization": organization, "paper": paper, "links": public_paper_links(paper)},
    )


@require_GET
def public_paper_file(request, org_slug, paper_id):
    """Anyone: an uploaded attachment of a public paper (`?datei=<id>`)."""
    _organization, paper = _public_paper(org_slug, paper_id)
    file_id = request.GET.get("datei", "")
    if not file_id.isdigit():
        raise Http404
    return _file_response(get_object_or_404(PaperFile, paper=paper, pk=int(file_id)))

"""Back office: brochure editions (title, foreword, chosen practices in order), their
downloads (PDF, DOCX, HTML), and the Beschlussvorlage "zur Kenntnisnahme" drafted from the fund
and the brochure, downloadable or filed as a Drucksache."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.council.services.drafts import vorlage_file_as_paper
from teilhabe.council.vorlage.render_docx import render_vorlage_docx
from teilhabe.council.vorlage.render_pdf import render_vorlage_pdf
from teilhabe.organizations import rules as organization_rules

from .. import rules, services, vorlage
from ..brochure.data import edition_data
from ..brochure.render import FORMATS
from ..forms import EditionForm, VorlageForm
from ..models import Edition, Practice
from .practices import crumbs


def _chosen(request, organization) -> list[Practice]:
    ids = [int(x) for x in request.POST.getlist("practice") if x.isdigit() and len(x) < 10]
    found = {p.pk: p for p in Practice.objects.filter(pk__in=ids, organization=organization)}
    order = {}
    for pk in ids:
        raw = request.POST.get(f"position-{pk}", "")
        order[pk] = int(raw) if raw.isdigit() and len(raw) < 5 else 999
    return [
        found[pk] for pk in sorted(ids, key=lambda pk: (order[pk], ids.index(pk))) if pk in found
    ]


@rule("practices.see", load=organization_rules.organization)
def edition_list(request, organization):
    """Members of the organisation: the brochure editions."""
    return render(
        request,
        "practices/backoffice/edition_list.html",
        {
            "organization": organization,
            "editions": Edition.objects.filter(organization=organization).order_by("-year", "-pk"),
            "can_manage": request.user.has_perm("practices.manage", organization),
            "breadcrumbs": crumbs(organization, ("Broschüren", None)),
        },
    )


def _edition_form(request, organization, edition=None):
    initial = {
        "title": edition.title if edition else services.default_title(organization),
        "year": edition.year if edition else None,
        "foreword": edition.foreword if edition else "",
        "foreword_by": edition.foreword_by if edition else "",
    }
    form = EditionForm(request.POST or None, initial=initial)
    published = list(
        Practice.objects.of_organization(organization).published().order_by("area", "title")
    )
    positions = {e.practice_id: e.position for e in edition.entries.all()} if edition else {}
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.edition_save(
                organization=organization,
                edition=edition,
                by=request.user,
                practices=_chosen(request, organization),
                title=form.cleaned_data["title"],
                foreword=form.cleaned_data["foreword"],
                foreword_by=form.cleaned_data["foreword_by"],
                year=form.cleaned_data["year"],
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Die Broschüre wurde gespeichert.")
            return redirect("practices:edition_detail", pk=saved.pk)
    return render(
        request,
        "practices/backoffice/edition_form.html",
        {
            "organization": organization,
            "form": form,
            "edition": edition,
            "choices": [(p, positions.get(p.pk)) for p in published],
            "breadcrumbs": crumbs(
                organization,
                ("Broschüren", reverse("practices:edition_list", args=[organization.slug])),
                ("Bearbeiten", None),
            ),
        },
    )


@rule("practices.manage", load=organization_rules.organization)
def edition_create(request, organization):
    """Admins and coordinators of the organisation."""
    return _edition_form(request, organization)


@rule("practices.manage", load=rules.edition)
def edition_edit(request, edition):
    """Admins and coordinators of the organisation."""
    return _edition_form(request, edition.organization, edition)


@rule("practices.see", load=rules.edition)
def edition_detail(request, edition):
    """Members of the organisation: the brochure as the reader sees it, with its downloads."""
    return render(
        request,
        "practices/backoffice/edition_detail.html",
        {
            "edition": edition,
            "organization": edition.organization,
            "brochure": edition_data(edition),
            "can_manage": request.user.has_perm("practices.manage", edition),
            "vorlage_form": VorlageForm(),
            "breadcrumbs": crumbs(
                edition.organization,
                ("Broschüren", reverse("practices:edition_list", args=[edition.organization.slug])),
                (edition.title[:60], None),
            ),
        },
    )


@rule("practices.see", load=rules.edition)
def edition_download(request, edition, fmt):
    """Members of the organisation: the brochure as PDF, DOCX or HTML."""
    if fmt not in FORMATS:
        raise Http404
    content_type, render_format = FORMATS[fmt]
    response = HttpResponse(render_format(edition_data(edition)), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        fmt != "html", f"good-practice-{edition.year}.{fmt}"
    )
    return response


def _vorlage(edition, form):
    funds = vorlage.funds_of(edition.organization)
    data = form.cleaned_data
    return vorlage.vorlage_data(
        edition=edition,
        fund=funds[0] if funds else None,
        committee=data["committee"],
        reference=data["reference"],
        date=data["date"],
        signer=data["signer"],
    )


@rule("practices.manage", load=rules.edition)
def vorlage_download(request, edition, fmt):
    """Admins and coordinators: the Beschlussvorlage zur Kenntnisnahme as DOCX or PDF."""
    form = VorlageForm(request.GET or {"committee": vorlage.DEFAULT_COMMITTEE})
    if fmt not in ("docx", "pdf") or not form.is_valid():
        raise Http404
    data = _vorlage(edition, form)
    if fmt == "pdf":
        body, content_type = render_vorlage_pdf(data), "application/pdf"
    else:
        body = render_vorlage_docx(data)
        content_type = FORMATS["docx"][0]
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, f"vorlage-good-practice.{fmt}"
    )
    return response


@rule("practices.manage", load=rules.edition)
@require_POST
def vorlage_paper(request, edition):
    """Admins and coordinators: the Vorlage filed as a (not yet public) Drucksache."""
    form = VorlageForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Bitte prüfen Sie die Angaben zur Vorlage.")
        return redirect("practices:edition_detail", pk=edition.pk)
    from teilhabe.council.vorlage.data import Step

    data = _vorlage(edition, form)
    try:
        paper = vorlage_file_as_paper(
            organization=edition.organization,
            data=data,
            reference=form.cleaned_data["reference"],
            date=form.cleaned_data["date"],
            financial_impact="\n\n".join(data["financial_impact"]),
            steps=[
                Step(
                    committee=form.cleaned_data["committee"],
                    date=form.cleaned_data["date"],
                    role="notice",
                )
            ],
            by=request.user,
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("practices:edition_detail", pk=edition.pk)
    messages.success(request, f"Die Drucksache {paper.reference} ist angelegt.")
    return redirect("council:paper_detail", pk=paper.pk)

"""Back office: draft a Beschlussvorlage from a Bilanz, from a participation process's
recommendation list or from a paper, and download it as Word or PDF — or, from a Bilanz or a
recommendation list, file it straight away as a draft paper (Drucksache) with its Beratungsfolge.

Only admins and coordinators of the organisation (`council.manage`); its other members get 403,
everybody else 404 (they do not learn that the Bilanz, process or paper exists)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError

from .. import rules, selectors
from ..forms_drafts import DraftForm
from ..services.drafts import vorlage_file_as_paper
from ..vorlage.data import default_role, vorlage_data
from ..vorlage.render_docx import render_vorlage_docx
from ..vorlage.render_pdf import render_vorlage_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@rule("council.manage", load=rules.report)
def draft_from_report(request, report):
    """Admins and coordinators of the Bilanz's organisation (others of it: 403; everybody else:
    404): the Vorlage by which the council takes note of the Bilanz."""
    plan = report.plan
    return _draft(request, {"report": report, "organization": plan.organization, "plan": plan})


@rule("council.manage", load=rules.process)
def draft_from_process(request, process):
    """Admins and coordinators of the process's organisation (others of it: 403; everybody
    else: 404): the Vorlage by which the council adopts the recommendations."""
    plan = process.plan
    return _draft(request, {"process": process, "organization": plan.organization, "plan": plan})


@rule("council.manage", load=rules.paper)
def draft_from_paper(request, paper):
    """Admins and coordinators of the paper's organisation (others of it: 403; everybody else:
    404): the Vorlage of a paper already entered, with its own texts and Beratungsfolge."""
    return _draft(request, {"paper": paper, "organization": paper.organization, "plan": None})


def _draft(request, source: dict) -> HttpResponse:
    """The form "Beschlussvorlage erstellen" and, on POST, the DOCX or PDF download or a new draft
    paper. Invalid input shows the form again with everything typed kept."""
    organization = source["organization"]
    from_kwargs = {k: source[k] for k in ("report", "process", "paper") if k in source}
    committees = selectors.committee_names(organization)
    # What the Vorlage says before anything is typed: the form's presets and the page's preview.
    proposed = vorlage_data(**from_kwargs)
    form = DraftForm(
        request.POST or None,
        initial={"title": proposed["title"], "attachment": proposed["attachment"]},
        with_steps="paper" not in source,
        role=default_role(report=source.get("report"), process=source.get("process")),
        committees=committees,
    )
    action = request.POST.get("action", "docx")
    if request.method == "POST" and form.is_valid():
        data = vorlage_data(**from_kwargs, steps=form.steps(), **form.texts())
        if action == "paper" and "paper" not in source:
            try:
                paper = vorlage_file_as_paper(
                    organization=organization,
                    data=data,
                    reference=form.cleaned_data.get("reference", ""),
                    date=form.cleaned_data.get("date"),
                    financial_impact=form.cleaned_data.get("financial_impact", ""),
                    steps=form.steps(),
                    plan=source.get("plan"),
                    report=source.get("report"),
                    process=source.get("process"),
                    by=request.user,
                )
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    f"Die Drucksache {paper.reference} wurde als nichtöffentlicher Entwurf "
                    "angelegt.",
                )
                return redirect("council:paper_detail", pk=paper.pk)
        elif action in ("docx", "pdf"):
            return _download(data, action)
    return render(
        request,
        "council/backoffice/draft_form.html",
        {
            "form": form,
            "organization": organization,
            "source": source,
            "committees": committees,
            "preview": proposed,
            "can_file": "paper" not in source,
        },
    )


def _download(data: dict, fmt: str) -> HttpResponse:
    if fmt == "pdf":
        content, content_type = render_vorlage_pdf(data), "application/pdf"
    else:
        content, content_type = render_vorlage_docx(data), DOCX
    name = slugify(data["reference"].replace("/", "-") or data["title"])[:60] or "vorlage"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"beschlussvorlage-{name}.{fmt}"
    )
    # Internal drafts: never in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response

"""Back office: draft a Beschlussvorlage from a Bilanz, from a participation process's
recommendation list or from a paper, and download it as Word or PDF — or, from a Bilanz or a
recommendation list, file it straight away as a draft paper (Drucksache) with its Beratungsfolge.

Only admins and coordinators of the organisation (`council.manage`); its other members get 403,
everybody else 404 (they do not learn that the Bilanz, process or paper exists)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from teilhabe.core.errors import ServiceError
from teilhabe.core.forms import KernFormMixin
from teilhabe.participation.models import ParticipationProcess
from teilhabe.plans.models import ProgressReport
from teilhabe.reports.beschlussvorlage import Step, default_role, vorlage_data
from teilhabe.reports.render_vorlage_docx import render_vorlage_docx
from teilhabe.reports.render_vorlage_pdf import render_vorlage_pdf

from . import services
from .models import Committee, ConsultationRole, Paper, PaperType

STEP_ROWS = 3
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class DraftForm(KernFormMixin, forms.Form):
    title = forms.CharField(label="Betreff", max_length=500)
    attachment = forms.CharField(
        label="Anlage", max_length=300, required=False, help_text="z. B. „Anlage: Bilanz 2017“"
    )
    reference = forms.CharField(
        label="Drucksachennummer",
        max_length=50,
        required=False,
        help_text="z. B. 035/2021 – nötig, um die Vorlage als Drucksache anzulegen.",
    )
    date = forms.DateField(label="Datum der Vorlage", required=False, widget=DATE_WIDGET)
    extra_motions = forms.CharField(
        label="Weitere Beschlusspunkte",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Einer je Zeile; sie werden hinter den vorgeschlagenen Punkten weiter "
        "nummeriert.",
    )
    reasoning = forms.CharField(
        label="Einleitung der Begründung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Steht vor der vorgeschlagenen Begründung. Absätze durch Leerzeilen trennen.",
    )
    financial_impact = forms.CharField(
        label="Finanzielle Auswirkungen",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Leer: In der Vorlage steht ein Platzhalter zum Ergänzen.",
    )
    signer = forms.CharField(label="Unterzeichnet von", max_length=200, required=False)
    signer_role = forms.CharField(
        label="Funktion", max_length=200, required=False, help_text="z. B. Landrat"
    )

    def __init__(self, *args, with_steps: bool, role: str, committees: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.with_steps = with_steps
        if not with_steps:
            return
        for n in range(1, STEP_ROWS + 1):
            self.fields[f"committee_{n}"] = forms.CharField(
                label=f"Gremium {n}",
                max_length=300,
                required=n == 1,
                widget=forms.TextInput(attrs={"list": "gremien", "autocomplete": "off"}),
            )
            self.fields[f"date_{n}"] = forms.DateField(
                label=f"Sitzungstag {n}", required=False, widget=DATE_WIDGET
            )
            self.fields[f"role_{n}"] = forms.ChoiceField(
                label=f"Rolle {n}", choices=ConsultationRole.choices, initial=role
            )
            self.fields[f"public_{n}"] = forms.BooleanField(
                label=f"öffentlich ({n})", required=False, initial=True
            )
        # The mixin styled the fields it found; these rows came later.
        for name in self.step_field_names():
            widget = self.fields[name].widget
            css = (
                "kern-form-check__checkbox"
                if isinstance(widget, forms.CheckboxInput)
                else "kern-form-input__select"
                if isinstance(widget, forms.Select)
                else "kern-form-input__input"
            )
            widget.attrs["class"] = css
        self.committees = committees

    def step_field_names(self) -> list[str]:
        return [
            f"{kind}_{n}"
            for n in range(1, STEP_ROWS + 1)
            for kind in ("committee", "date", "role", "public")
        ]

    def step_rows(self):
        return [
            [self[f"{kind}_{n}"] for kind in ("committee", "date", "role", "public")]
            for n in range(1, STEP_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        for n in range(2, STEP_ROWS + 1) if self.with_steps else ():
            if data.get(f"date_{n}") and not data.get(f"committee_{n}", "").strip():
                self.add_error(f"committee_{n}", "Bitte nennen Sie das Gremium zu diesem Tag.")
        return data

    def steps(self) -> list[Step]:
        if not self.with_steps:
            return []
        data = self.cleaned_data
        return [
            Step(
                committee=data[f"committee_{n}"].strip(),
                date=data.get(f"date_{n}"),
                role=data[f"role_{n}"],
                public=data.get(f"public_{n}", False),
            )
            for n in range(1, STEP_ROWS + 1)
            if data.get(f"committee_{n}", "").strip()
        ]

    def texts(self) -> dict:
        data = self.cleaned_data
        return {
            name: data.get(name) or ""
            for name in (
                "title",
                "attachment",
                "reference",
                "extra_motions",
                "reasoning",
                "financial_impact",
                "signer",
                "signer_role",
            )
        } | {"date": data.get("date")}


# Sources ----------------------------------------------------------------------------------------


def _allowed(user, obj) -> None:
    """404 unless a member of the organisation; 403 unless admin or coordinator there."""
    if not user.has_perm("council.view_internal", obj):
        raise Http404
    if not user.has_perm("council.manage", obj):
        raise PermissionDenied


def _source(user, kind: str, pk: int) -> dict:
    if kind == "report":
        report = get_object_or_404(
            ProgressReport.objects.select_related("plan__organization"), pk=pk
        )
        _allowed(user, report.plan)
        return {"report": report, "organization": report.plan.organization, "plan": report.plan}
    if kind == "process":
        process = get_object_or_404(
            ParticipationProcess.objects.select_related("plan__organization"), pk=pk
        )
        _allowed(user, process)
        return {"process": process, "organization": process.plan.organization, "plan": process.plan}
    paper = get_object_or_404(Paper.objects.select_related("organization"), pk=pk)
    _allowed(user, paper)
    return {"paper": paper, "organization": paper.organization, "plan": None}


def _proposal_text(data: dict) -> str:
    lines = [data["motions_intro"]] if data["motions_intro"] else []
    for motion in data["motions"]:
        lines.append(f"{motion['number']}. {motion['text']}")
        lines.extend(f"   {item['label']}. {item['text']}" for item in motion["items"])
    return "\n".join(lines)


@transaction.atomic
def _file_as_paper(*, source: dict, data: dict, form: DraftForm, by) -> Paper:
    """The draft as a non-public Beschlussvorlage with its Beratungsfolge, linked to the Bilanz or
    the recommendations (and their plan) it was drafted from."""
    organization = source["organization"]
    reference = form.cleaned_data.get("reference", "").strip()
    if not reference:
        raise ServiceError("Bitte geben Sie die Drucksachennummer an, um die Drucksache anzulegen.")
    committees = {c.name: c for c in Committee.objects.filter(organization=organization)}
    steps = form.steps()
    missing = [s.committee for s in steps if s.committee not in committees]
    if missing:
        raise ServiceError(
            f"Das Gremium „{missing[0]}“ ist nicht eingetragen. Wählen Sie eines aus der Liste "
            "oder legen Sie es unter „Gremien“ an."
        )
    reasoning = data["reasoning"] + data["reasoning_list"] + data["reasoning_after_list"]
    paper = services.paper_create(
        organization=organization,
        reference=reference,
        title=data["title"],
        by=by,
        paper_type=PaperType.DECISION,
        date=form.cleaned_data.get("date"),
        proposal=_proposal_text(data),
        reasoning="\n\n".join(reasoning),
        financial_impact=form.cleaned_data.get("financial_impact", ""),
        # A draft: the public sees it once somebody makes it public on the paper's page.
        public=False,
    )
    for position, step in enumerate(steps, start=1):
        services.consultation_create(
            paper=paper,
            by=by,
            committee=committees[step.committee],
            date=step.date,
            role=step.role,
            public=step.public,
            position=position,
        )
    if source.get("plan") is not None:
        services.paper_link(paper=paper, kind="plan", target_id=source["plan"].pk, by=by)
    if source.get("report") is not None:
        services.paper_link(paper=paper, kind="report", target_id=source["report"].pk, by=by)
    if source.get("process") is not None:
        for rec_id in source["process"].recommendations.values_list("pk", flat=True):
            services.paper_link(paper=paper, kind="recommendation", target_id=rec_id, by=by)
    return paper


@login_required
def draft_create(request, kind: str, pk: int):
    """Admins and coordinators of the organisation (others of it: 403; everybody else: 404):
    the form "Beschlussvorlage erstellen" and, on POST, the DOCX or PDF download or a new draft
    paper. Invalid input shows the form again with everything typed kept."""
    source = _source(request.user, kind, pk)
    organization = source["organization"]
    from_kwargs = {k: source[k] for k in ("report", "process", "paper") if k in source}
    committees = list(
        Committee.objects.filter(organization=organization)
        .order_by("kind", "name")
        .values_list("name", flat=True)
    )
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
                paper = _file_as_paper(source=source, data=data, form=form, by=request.user)
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

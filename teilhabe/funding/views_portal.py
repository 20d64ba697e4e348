"""Public pages of the fund, in the portal at /<organisation>/foerderung/ (namespace portal):

- the overview (`""`): the funds with their current call, the statistics per round and the
  funded projects by year, field of action, municipality and area, with open data;
- a fund's call (`<fund>/`): in plain words, with the deadline, the budget left and the
  projects funded in past years, and the form to start an application;
- a funded project (`projekt/<pk>/`);
- the applicant's pages behind the personal link (`antrag/<token>/`): the draft with its cost
  plan and files, submission, status, the office's questions, the proof of use, the
  applicant's data as JSON and their deletion. Never cached; a link opens only its own
  application, an unknown one is a 404 that says so.

Anyone reads published calls and funded projects' public data; contact persons, cost plans,
answers, files, reviews and everything not funded do not exist here.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teilhabe.core.access import PUBLIC, rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.page_cache import cached_public_page
from teilhabe.organizations.models import Organization

from . import opendata, selectors
from .forms import (
    COST_ROWS,
    RECEIPT_ROWS,
    RECEIPT_ROWS_EMPTY,
    ApplicationForm,
    StartForm,
    cost_rows_from,
    receipt_rows_from,
)
from .models import Area, Attachment, Call, Fund, ProofStatus, Status
from .services import applications as services
from .services import money

DATA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _organization(org_slug: str) -> Organization:
    """Organisations with at least one published call show their fund on the portal."""
    published = Call.objects.filter(fund__organization=OuterRef("pk"), published=True)
    return get_object_or_404(Organization.objects.filter(Exists(published)), slug=org_slug)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


@rule(PUBLIC)
@require_safe
@cached_public_page
def overview(request, org_slug):
    """Anyone: the funds, statistics per round and the funded projects with filters."""
    organization = _organization(org_slug)
    filters = {
        "year": _int(request.GET.get("jahr")),
        "field_id": _int(request.GET.get("feld")),
        "municipality": request.GET.get("ort", "").strip()[:120],
        "area": request.GET.get("bereich", "") if request.GET.get("bereich") in Area.values else "",
    }
    today = timezone.localdate()
    funds = [
        (fund, selectors.public_call(fund, today), selectors.statistics(fund))
        for fund in selectors.public_funds(organization)
    ]
    return render(
        request,
        "funding/portal/overview.html",
        {
            "organization": organization,
            "funds": [f for f in funds if f[1] is not None],
            "projects": selectors.funded_projects(organization, **filters),
            "filters": filters,
            "choices": selectors.filter_choices(organization),
            "fields": selectors.public_fields(organization),
            "today": today,
        },
    )


@rule(PUBLIC)
@require_safe
@cached_public_page
def call_page(request, org_slug, fund_slug):
    """Anyone: the fund's current call in plain words, with its deadline and budget left,
    and what it funded in past years."""
    organization = _organization(org_slug)
    fund = get_object_or_404(Fund.objects.of_organization(organization), slug=fund_slug)
    today = timezone.localdate()
    call = selectors.public_call(fund, today)
    if call is None:
        raise Http404
    from .services.decisions import committed

    return render(
        request,
        "funding/portal/call.html",
        {
            "organization": organization,
            "fund": fund,
            "call": call,
            "is_open": call.opens_on <= today <= call.deadline,
            "budget_left": call.budget - committed(call),
            "areas": [Area(a).label for a in call.areas if a in Area.values],
            "eligible": [
                label
                for value, label in StartForm.base_fields["applicant_kind"].choices
                if not call.eligible_kinds or value in call.eligible_kinds
            ],
            "past": selectors.funded_projects(organization, fund=fund),
            "statistics": selectors.statistics(fund),
            "form": StartForm(),
        },
    )


@rule(PUBLIC)
@require_POST
def apply(request, org_slug, fund_slug):
    """Anyone, while the call is open: starts an application and sends its personal link."""
    organization = _organization(org_slug)
    fund = get_object_or_404(Fund.objects.of_organization(organization), slug=fund_slug)
    call = selectors.public_call(fund, timezone.localdate())
    if call is None:
        raise Http404
    form = StartForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("privacy")
        try:
            _application, token = services.application_start(
                call=call, language=request.LANGUAGE_CODE, **data
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Ihr Antrag ist angelegt. Den persönlichen Link zu dieser Seite haben wir "
                    "Ihnen geschickt: Damit können Sie später weiterschreiben. Speichern Sie "
                    "ihn gut."
                ),
            )
            return redirect("portal:funding_application", org_slug=org_slug, token=token)
    response = render(
        request,
        "funding/portal/start.html",
        {"organization": organization, "fund": fund, "call": call, "form": form},
        status=400,
    )
    return _private(response)


@rule(PUBLIC)
@require_safe
@cached_public_page
def project(request, org_slug, pk):
    """Anyone: a funded project's public data."""
    organization = _organization(org_slug)
    application = selectors.public_project(organization, pk)
    if application is None:
        raise Http404
    return render(
        request,
        "funding/portal/project.html",
        {
            "organization": organization,
            "project": application,
            "fields": [f for f in application.fields.all() if f.plan.status != "draft"],
        },
    )


@rule(PUBLIC)
@require_safe
@cached_public_page
def projects_data(request, org_slug, fmt):
    """Anyone: funded projects and the statistics per round as open data (CSV, XLSX, JSON)."""
    organization = _organization(org_slug)
    if fmt not in DATA_TYPES:
        raise Http404
    content = {"csv": opendata.as_csv, "xlsx": opendata.as_xlsx, "json": opendata.as_json}[fmt](
        organization
    )
    response = HttpResponse(content, content_type=DATA_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        True, f"gefoerderte-projekte-{organization.slug}.{fmt}"
    )
    return response


# The applicant's link ---------------------------------------------------------------------------


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    # The token in the address must not travel to other sites; same-origin keeps the Origin
    # header that the CSRF check needs.
    response["Referrer-Policy"] = "same-origin"
    return response


def _holder(view):
    def wrapper(request, org_slug, token, **kwargs):
        application = services.by_token(token)
        if application is None or application.call.fund.organization.slug != org_slug:
            return _private(render(request, "funding/portal/unknown_link.html", status=404))
        return _private(view(request, application, token, **kwargs))

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _cost_rows(application, post=None):
    """The cost plan's rows as the form shows them: posted values, else the saved lines,
    padded with empty rows."""
    if post is not None:
        return [{"kind": k, "label": label, "amount": a} for k, label, a in cost_rows_from(post)]
    rows = [
        {"kind": x.kind, "label": x.label, "amount": f"{x.amount:.2f}".replace(".", ",")}
        for x in application.cost_lines.all()
    ]
    return rows + [{"kind": "expense", "label": "", "amount": ""}] * (COST_ROWS - len(rows))


def _receipt_rows(proof, post=None):
    if post is not None:
        return [
            {"date": d, "payee": p, "purpose": u, "amount": a}
            for d, p, u, a in receipt_rows_from(post)
        ]
    rows = [
        {
            "date": r.date.isoformat(),
            "payee": r.payee,
            "purpose": r.purpose,
            "amount": f"{r.amount:.2f}".replace(".", ","),
        }
        for r in proof.receipts.all()
    ]
    empty = max(RECEIPT_ROWS_EMPTY, 8 - len(rows))
    return rows + [{"date": "", "payee": "", "purpose": "", "amount": ""}] * min(
        empty, RECEIPT_ROWS - len(rows)
    )


def _save_draft(request, application, form, submit: bool) -> str | None:
    if not form.is_valid():
        return None
    application = services.application_update(
        application=application,
        version=form.cleaned_data["version"],
        cost_rows=cost_rows_from(request.POST),
        fields=[f.pk for f in form.cleaned_data["plan_fields"]],
        **form.changes(),
    )
    if submit:
        services.application_submit(application=application)
        return _("Ihr Antrag ist eingereicht. Sie bekommen eine Bestätigung per E-Mail.")
    return _("Ihr Entwurf ist gespeichert.")


def _attach(request, application, proof) -> str:
    upload = request.FILES.get("file")
    if upload is None:
        raise ServiceError(_("Bitte wählen Sie eine Datei."))
    services.attachment_add(application=application, upload=upload, for_proof=proof is not None)
    return _("Die Datei ist angehängt.")


def _detach(request, application) -> str:
    attachment = get_object_or_404(
        Attachment, pk=_int(request.POST.get("attachment")) or 0, application=application
    )
    services.attachment_remove(application=application, attachment=attachment)
    return _("Die Datei ist entfernt.")


def _answer(request, application) -> str:
    query = get_object_or_404(application.queries, pk=_int(request.POST.get("query")) or 0)
    services.query_answer(application=application, query=query, text=request.POST.get("text", ""))
    return _("Danke! Ihre Antwort ist angekommen.")


def _withdraw(request, application) -> str:
    services.application_withdraw(application=application)
    return _("Ihr Antrag ist zurückgezogen.")


def _proof(request, application, proof, submit: bool) -> str:
    if proof is None:
        raise Http404
    money.proof_save(
        proof=proof,
        report=request.POST.get("report", ""),
        participants=_int(request.POST.get("participants")),
        actuals={
            line.pk: request.POST.get(f"actual-{line.pk}", "")
            for line in application.cost_lines.all()
        },
        receipts=receipt_rows_from(request.POST),
    )
    if submit:
        money.proof_submit(proof=proof)
        return _("Ihr Verwendungsnachweis ist eingereicht. Danke!")
    return _("Ihr Verwendungsnachweis ist gespeichert.")


def _act(request, application, proof, form, action: str) -> str | None:
    """Runs the posted action; its German success message, or None when the form has errors."""
    handlers = {
        "save": lambda: _save_draft(request, application, form, submit=False),
        "submit": lambda: _save_draft(request, application, form, submit=True),
        "attach": lambda: _attach(request, application, proof),
        "detach": lambda: _detach(request, application),
        "answer": lambda: _answer(request, application),
        "withdraw": lambda: _withdraw(request, application),
        "proof_save": lambda: _proof(request, application, proof, submit=False),
        "proof_submit": lambda: _proof(request, application, proof, submit=True),
    }
    if action not in handlers:
        raise Http404
    return handlers[action]()


@rule(PUBLIC)
@require_http_methods(["GET", "POST"])
@_holder
def application_page(request, application, token):
    """The applicant, by their link: the draft (save, submit), or the status with the office's
    questions, the decision and the proof of use."""
    action = request.POST.get("action", "") if request.method == "POST" else ""
    drafting = action in ("save", "submit")
    form = ApplicationForm(request.POST if drafting else None, application=application)
    proof = getattr(application, "proof", None)
    if request.method == "POST":
        try:
            done = _act(request, application, proof, form, action)
        except ServiceError as error:
            # Nothing was saved (each service is one transaction); the page shows what was typed.
            messages.error(request, error.message)
        else:
            if done:
                messages.success(request, done)
                return redirect(request.path)
    application.refresh_from_db()
    cost_rows = _cost_rows(application, request.POST if drafting else None)
    proof_posted = action in ("proof_save", "proof_submit")
    receipt_rows = _receipt_rows(proof, request.POST if proof_posted else None) if proof else []
    call = application.call
    today = timezone.localdate()
    return render(
        request,
        "funding/portal/application.html",
        {
            "organization": call.fund.organization,
            "application": application,
            "call": call,
            "form": form,
            "cost_rows": cost_rows,
            "cost_kinds": [
                ("expense", _("Ausgabe")),
                ("own", _("Eigenanteil")),
                ("other_funding", _("andere Förderung")),
            ],
            "proof": proof,
            "receipt_rows": receipt_rows,
            "lines": list(application.cost_lines.all()),
            "missing": services.missing_for_submission(application)
            if application.status == Status.DRAFT
            else [],
            "is_open": call.opens_on <= today <= call.deadline
            or bool(application.late_admitted_note),
            "proof_editable": proof is not None
            and proof.status in (ProofStatus.OPEN, ProofStatus.QUERIED),
            "token": token,
        },
        status=400 if request.method == "POST" else 200,
    )


@rule(PUBLIC)
@require_safe
@_holder
def application_data(request, application, token):
    """The applicant: everything stored about their application, as JSON."""
    response = JsonResponse(
        services.application_data(application),
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"antrag-{application.number}.json"
    )
    return response


@rule(PUBLIC)
@require_http_methods(["GET", "POST"])
@_holder
def application_delete(request, application, token):
    """The applicant: deletes their application (or, once decided, their personal data)."""
    if request.method == "POST":
        removed = services.application_delete_by_applicant(application=application)
        return render(
            request,
            "funding/portal/deleted.html",
            {"organization": application.call.fund.organization, "removed": removed},
        )
    return render(
        request,
        "funding/portal/delete.html",
        {
            "organization": application.call.fund.organization,
            "application": application,
            "token": token,
        },
    )


@rule(PUBLIC)
@require_safe
@_holder
def application_file(request, application, token, attachment_pk):
    """The applicant: a file of their own application — never another's."""
    attachment = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response

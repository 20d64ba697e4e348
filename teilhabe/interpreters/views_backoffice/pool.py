"""Back office of the interpreter pool (Sprachmittlerpool): the coordination's pages. Every page
needs `interpreters.manage_pool` — the organisation's administrators and coordinators; other
members get 403, other organisations 404. Looking at a mediator's personal data is logged."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.saving import render_form_page, save_form
from teilhabe.documents import cells
from teilhabe.organizations import rules as organization_rules

from .. import rules
from .. import selectors_pool as selectors
from ..forms_pool import (
    BodyForm,
    MediatorForm,
    PoolForm,
    RequesterForm,
    StatementForm,
    TrainingForm,
)
from ..models.pool import AccessLog, Mediator, RequestStatus
from ..services import pool as services
from ..statement_pdf import statement_pdf

MANAGE = "interpreters.manage_pool"


def _crumbs(pool, *rest):
    return [
        ("Sprachmittlung", reverse("interpreters:pool_list", args=[pool.organization.slug])),
        (pool.name, reverse("interpreters:pool_detail", args=[pool.pk])),
        *rest,
    ]


@rule(MANAGE, load=organization_rules.organization)
def pool_list(request, organization):
    """The pool coordination: the organisation's interpreter pools."""
    return render(
        request,
        "interpreters/backoffice/pool/pool_list.html",
        {
            "organization": organization,
            "pools": selectors.pools_of(organization),
            "breadcrumbs": [("Sprachmittlung", None)],
        },
    )


@rule(MANAGE, load=organization_rules.organization)
def pool_create(request, organization):
    """The pool coordination: a new pool with its rules and rates."""
    form = PoolForm(request.POST or None, organization=organization)
    pool = save_form(
        request,
        form,
        lambda version, **data: services.pool_create(
            organization=organization, by=request.user, **data
        ),
    )
    if pool:
        messages.success(request, f"Der Pool „{pool}“ wurde angelegt.")
        return redirect("interpreters:pool_detail", pk=pool.pk)
    return render_form_page(
        request,
        form,
        heading="Neuer Sprachmittlerpool",
        cancel_url=reverse("interpreters:pool_list", args=[organization.slug]),
    )


@rule(MANAGE, load=rules.pool)
def pool_detail(request, pool):
    """The pool coordination: statistics, open requests, links to everything else."""
    return render(
        request,
        "interpreters/backoffice/pool/pool_detail.html",
        {
            "pool": pool,
            "organization": pool.organization,
            "stats": selectors.statistics(pool),
            "open_requests": selectors.pool_requests(pool).filter(
                status__in=[RequestStatus.SUBMITTED, RequestStatus.OFFERED]
            )[:50],
            "breadcrumbs": [*_crumbs(pool)[:1], (pool.name, None)],
        },
    )


@rule(MANAGE, load=rules.pool)
def pool_edit(request, pool):
    """The pool coordination: the pool's rules, rates and retention."""
    form = PoolForm(request.POST or None, instance=pool, organization=pool.organization)
    saved = save_form(
        request,
        form,
        lambda version, **data: services.pool_update(
            pool=pool, version=version, by=request.user, **data
        ),
    )
    if saved:
        messages.success(request, "Die Regeln des Pools wurden gespeichert.")
        return redirect("interpreters:pool_detail", pk=pool.pk)
    return render_form_page(
        request,
        form,
        heading=f"Regeln: {pool.name}",
        cancel_url=reverse("interpreters:pool_detail", args=[pool.pk]),
    )


# Mediators -------------------------------------------------------------------------------------


@rule(MANAGE, load=rules.pool)
def mediator_list(request, pool):
    """The pool coordination: the mediators with languages, status and consent."""
    return render(
        request,
        "interpreters/backoffice/pool/mediator_list.html",
        {
            "pool": pool,
            "mediators": selectors.pool_mediators(pool),
            "breadcrumbs": _crumbs(pool, ("Sprachmittler/innen", None)),
        },
    )


@rule(MANAGE, load=rules.pool)
def mediator_create(request, pool):
    """The pool coordination: a new mediator, invited by email to consent."""
    form = MediatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            mediator, _token = services.mediator_create(pool=pool, by=request.user, **data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"{mediator.name} ist eingetragen und per E-Mail um die Einwilligung gebeten.",
            )
            return redirect("interpreters:mediator_detail", pk=mediator.pk)
    return render_form_page(
        request,
        form,
        heading="Neue Sprachmittlerin / neuer Sprachmittler",
        intro="Die Person bekommt einen persönlichen Link per E-Mail. Angebote bekommt sie erst, "
        "wenn sie dort eingewilligt und die Leitlinien bestätigt hat.",
        cancel_url=reverse("interpreters:mediator_list", args=[pool.pk]),
    )


@rule(MANAGE, load=rules.mediator)
def mediator_detail(request, mediator):
    """The pool coordination: one mediator's personal data (the look is logged)."""
    services.log_access(mediator=mediator, user=request.user, action="Stammdaten angesehen")
    mediator = selectors.mediator_detail(mediator)
    return render(
        request,
        "interpreters/backoffice/pool/mediator_detail.html",
        {
            "mediator": mediator,
            "pool": mediator.pool,
            "training_form": TrainingForm(),
            "breadcrumbs": _crumbs(
                mediator.pool,
                (
                    "Sprachmittler/innen",
                    reverse("interpreters:mediator_list", args=[mediator.pool_id]),
                ),
                (mediator.name, None),
            ),
        },
    )


def _mediator_initial(mediator: Mediator) -> dict:
    return {
        "name": mediator.name,
        "email": mediator.email,
        "phone": mediator.phone,
        "background": mediator.background,
        "languages": "\n".join(
            f"{s.language}; {s.dialect}; {s.understanding}; {s.speaking}; {s.reading}; {s.writing}"
            for s in mediator.languages.all()
        ),
        "areas": "\n".join(mediator.areas),
        "weekdays": [str(day) for day in mediator.weekdays],
        "available_from": mediator.available_from,
        "available_until": mediator.available_until,
        "modes": mediator.modes,
        "preferred_hours_per_month": mediator.preferred_hours_per_month,
        "confidentiality_signed_on": mediator.confidentiality_signed_on,
    }


@rule(MANAGE, load=rules.mediator)
def mediator_edit(request, mediator):
    """The pool coordination: a mediator's languages, area, availability and agreements."""
    services.log_access(mediator=mediator, user=request.user, action="Stammdaten bearbeitet")
    form = MediatorForm(request.POST or None, initial=_mediator_initial(mediator))
    if request.method == "POST" and form.is_valid():
        try:
            services.mediator_update(mediator=mediator, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Die Angaben zu {mediator.name} wurden gespeichert.")
            return redirect("interpreters:mediator_detail", pk=mediator.pk)
    return render_form_page(
        request,
        form,
        heading=f"{mediator.name} bearbeiten",
        cancel_url=reverse("interpreters:mediator_detail", args=[mediator.pk]),
    )


@rule(MANAGE, load=rules.mediator)
@require_POST
def training_add(request, mediator):
    """The pool coordination: record a training (Kulturvermittler course, neutrality, …)."""
    form = TrainingForm(request.POST)
    if form.is_valid():
        services.training_add(mediator=mediator, by=request.user, **form.cleaned_data)
        messages.success(request, "Die Schulung ist eingetragen.")
    else:
        messages.error(request, "Bitte wählen Sie die Schulung und geben Sie das Datum an.")
    return redirect("interpreters:mediator_detail", pk=mediator.pk)


@rule(MANAGE, load=rules.mediator)
@require_POST
def mediator_link(request, mediator):
    """The pool coordination: send the mediator a new personal link (the old one dies)."""
    services.mediator_link_renew(mediator=mediator, by=request.user)
    messages.success(request, f"{mediator.name} hat einen neuen Link per E-Mail bekommen.")
    return redirect("interpreters:mediator_detail", pk=mediator.pk)


@rule(MANAGE, load=rules.mediator)
@require_POST
def mediator_status(request, mediator):
    """The pool coordination: pause or resume a mediator."""
    try:
        services.mediator_set_status(
            mediator=mediator, status=request.POST.get("status", ""), by=request.user
        )
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect("interpreters:mediator_detail", pk=mediator.pk)


@rule(MANAGE, load=rules.pool)
def access_log(request, pool):
    """The pool coordination: who looked at which mediator's data, when."""
    entries = AccessLog.objects.filter(pool=pool).select_related("user")[:500]
    names = dict(Mediator.objects.filter(pool=pool).values_list("pk", "name"))
    return render(
        request,
        "interpreters/backoffice/pool/access_log.html",
        {
            "pool": pool,
            "entries": [(entry, names.get(entry.mediator_ref, "(gelöscht)")) for entry in entries],
            "breadcrumbs": _crumbs(pool, ("Zugriffsprotokoll", None)),
        },
    )


# Institutions ----------------------------------------------------------------------------------


@rule(MANAGE, load=rules.pool)
def body_list(request, pool):
    """The pool coordination: the requesting institutions and their people."""
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        body = services.body_create(pool=pool, by=request.user, **form.cleaned_data)
        messages.success(request, f"„{body.name}“ ist eingetragen.")
        return redirect("interpreters:body_list", pk=pool.pk)
    return render(
        request,
        "interpreters/backoffice/pool/body_list.html",
        {
            "pool": pool,
            "bodies": selectors.pool_bodies(pool),
            "form": form,
            "requester_form": RequesterForm(),
            "breadcrumbs": _crumbs(pool, ("Einrichtungen", None)),
        },
    )


@rule(MANAGE, load=rules.body)
@require_POST
def requester_create(request, body):
    """The pool coordination: a person of an institution, who gets a personal link."""
    form = RequesterForm(request.POST)
    if form.is_valid():
        requester, _token = services.requester_create(
            body=body, by=request.user, **form.cleaned_data
        )
        messages.success(
            request, f"{requester.name} hat einen persönlichen Link per E-Mail bekommen."
        )
    else:
        messages.error(request, "Bitte geben Sie Name und eine gültige E-Mail-Adresse an.")
    return redirect("interpreters:body_list", pk=body.pool_id)


@rule(MANAGE, load=rules.requester)
@require_POST
def requester_link(request, requester):
    """The pool coordination: send an institution's person a new personal link."""
    services.requester_link_renew(requester=requester, by=request.user)
    messages.success(request, f"{requester.name} hat einen neuen Link per E-Mail bekommen.")
    return redirect("interpreters:body_list", pk=requester.body.pool_id)


# Requests --------------------------------------------------------------------------------------


@rule(MANAGE, load=rules.pool)
def request_list(request, pool):
    """The pool coordination: all requests, filtered by state."""
    status = request.GET.get("stand", "")
    if status not in RequestStatus.values:
        status = ""
    return render(
        request,
        "interpreters/backoffice/pool/request_list.html",
        {
            "pool": pool,
            "requests": selectors.pool_requests(pool, status)[:200],
            "status": status,
            "statuses": RequestStatus.choices,
            "breadcrumbs": _crumbs(pool, ("Anfragen", None)),
        },
    )


@rule(MANAGE, load=rules.request)
def request_detail(request, interpreting_request):
    """The pool coordination: a request, the matching mediators fairest first, the offers."""
    item = interpreting_request
    is_open = item.status in (RequestStatus.SUBMITTED, RequestStatus.OFFERED)
    return render(
        request,
        "interpreters/backoffice/pool/request_detail.html",
        {
            "pool": item.pool,
            "item": item,
            "is_open": is_open,
            "candidates": services.request_candidates(item) if is_open else [],
            "offers": selectors.request_offers(item),
            "breadcrumbs": _crumbs(
                item.pool,
                ("Anfragen", reverse("interpreters:request_list", args=[item.pool_id])),
                (str(item), None),
            ),
        },
    )


@rule(MANAGE, load=rules.request)
@require_POST
def request_offer(request, interpreting_request):
    """The pool coordination: offer the request to the chosen mediators."""
    ids = [int(value) for value in request.POST.getlist("mediator") if value.isdigit()]
    mediators = list(Mediator.objects.filter(pool=interpreting_request.pool, pk__in=ids))
    try:
        sent = services.request_offer(
            request=interpreting_request, mediators=mediators, by=request.user
        )
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Angebot an {len(sent)} Person(en) verschickt.")
    return redirect("interpreters:request_detail", pk=interpreting_request.pk)


@rule(MANAGE, load=rules.request)
@require_POST
def request_close(request, interpreting_request):
    """The pool coordination: cancel the request, or close it as unmet."""
    try:
        if request.POST.get("action") == "unmet":
            services.request_mark_unmet(request=interpreting_request, by=request.user)
            messages.success(request, "Die Anfrage ist als nicht vermittelt abgeschlossen.")
        else:
            reason = request.POST.get("reason", "").strip() or "Abgesagt durch die Koordination"
            services.request_cancel(request=interpreting_request, reason=reason, by=request.user)
            messages.success(request, "Die Anfrage ist abgesagt; alle Beteiligten wissen Bescheid.")
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect("interpreters:request_detail", pk=interpreting_request.pk)


# Statements ------------------------------------------------------------------------------------


@rule(MANAGE, load=rules.pool)
def statement_list(request, pool):
    """The pool coordination: the monthly allowance statements; make the next one."""
    form = StatementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            statement = services.statement_create(
                pool=pool, month=form.cleaned_data["month"], by=request.user
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Die Abrechnung {statement.month:%m/%Y} ist erstellt.")
            return redirect("interpreters:statement_detail", pk=statement.pk)
    return render(
        request,
        "interpreters/backoffice/pool/statement_list.html",
        {
            "pool": pool,
            "statements": pool.statements.all(),
            "form": form,
            "breadcrumbs": _crumbs(pool, ("Abrechnungen", None)),
        },
    )


@rule(MANAGE, load=rules.statement)
def statement_detail(request, statement):
    """The pool coordination: a month's statement, with downloads for the finance office."""
    return render(
        request,
        "interpreters/backoffice/pool/statement_detail.html",
        {
            "pool": statement.pool,
            "statement": statement,
            "header": selectors.STATEMENT_HEADER,
            "rows": selectors.statement_rows(statement),
            "breadcrumbs": _crumbs(
                statement.pool,
                ("Abrechnungen", reverse("interpreters:statement_list", args=[statement.pool_id])),
                (f"{statement.month:%m/%Y}", None),
            ),
        },
    )


def _text(value: object) -> str:
    # The one formula escape of every export (teilhabe.documents.cells).
    return cells.escape_formula(str(value))


def _csv_value(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")  # type: ignore[union-attr]
    return _text(value)


@rule(MANAGE, load=rules.statement)
def statement_download(request, statement, fmt):
    """The pool coordination: the statement as CSV (German Excel), XLSX or PDF."""
    rows = selectors.statement_rows(statement)
    name = f"aufwandsentschaedigung-{statement.month:%Y-%m}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(selectors.STATEMENT_HEADER)
        writer.writerows([[_csv_value(v) for v in row] for row in rows])
        writer.writerow(["Summe", "", "", "", "", "", "", "", _csv_value(statement.total)])
        body, content_type = buffer.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        # Imported when a workbook is written, not with the views: a web worker that serves
        # pages does without openpyxl (and lxml), ~12 MB.
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(f"{statement.month:%m-%Y}")

        def cell(value: object) -> object:
            return cells.xlsx_value(sheet, value)

        sheet.append([cell(h) for h in selectors.STATEMENT_HEADER])
        for row in rows:
            sheet.append([cell(v) for v in row])
        sheet.append([cell("Summe"), *[None] * 7, statement.total])
        out = io.BytesIO()
        workbook.save(out)
        body = out.getvalue()
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "pdf":
        body, content_type = statement_pdf(statement, rows), "application/pdf"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    return response

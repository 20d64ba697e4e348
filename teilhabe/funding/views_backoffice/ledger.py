"""Back office: the fund's ledger and its export for the finance office, and the proofs of use
that are due, overdue and done."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from teilhabe.core.access import rule

from .. import exports, rules, selectors
from .pages import fund_crumbs


@rule("funding.finance", load=rules.fund)
def ledger(request, fund):
    """The office and the finance office: per year budget, committed, paid, returned, free."""
    return render(
        request,
        "funding/backoffice/ledger.html",
        {
            "fund": fund,
            "years": selectors.ledger(fund),
            "breadcrumbs": fund_crumbs(fund, ("Haushaltsbuch", None)),
        },
    )


@rule("funding.finance", load=rules.fund)
def ledger_export(request, fund, fmt):
    """The office and the finance office: one row per funded project, CSV or XLSX."""
    year = request.GET.get("jahr", "")
    rows = selectors.ledger_rows(fund, int(year) if year.isdigit() and len(year) == 4 else None)
    if fmt == "csv":
        body, content_type = (
            exports.as_csv(selectors.LEDGER_HEADER, rows),
            "text/csv; charset=utf-8",
        )
    elif fmt == "xlsx":
        body, content_type = (
            exports.as_xlsx("Haushaltsbuch", selectors.LEDGER_HEADER, rows),
            exports.XLSX,
        )
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, f"foerderung-{fund.slug}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    )
    return response


@rule("funding.manage", load=rules.fund)
def proofs(request, fund):
    """Admins and coordinators of the organisation: proofs of use due, overdue, submitted, done."""
    return render(
        request,
        "funding/backoffice/proofs.html",
        {
            "fund": fund,
            "overview": selectors.proofs_at_a_glance(fund, timezone.localdate()),
            "breadcrumbs": fund_crumbs(fund, ("Verwendungsnachweise", None)),
        },
    )

"""Back office: the organisation's funds, a fund's page (calls, ledger, proofs of use), its
settings, the finance office and the letters' wording."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.saving import render_form_page, save_form
from teilhabe.organizations import rules as organization_rules

from .. import letters, rules, selectors
from ..forms import FinanceForm, FundForm, LetterTemplateForm
from ..services import setup
from .pages import crumbs, fund_crumbs


@rule("funding.see", load=organization_rules.organization)
def fund_list(request, organization):
    """Members of the organisation: its funds."""
    return render(
        request,
        "funding/backoffice/fund_list.html",
        {
            "organization": organization,
            "funds": selectors.funds_of(organization),
            "can_manage": request.user.has_perm("funding.manage", organization),
            "breadcrumbs": crumbs(organization),
        },
    )


@rule("funding.manage", load=organization_rules.organization)
def fund_create(request, organization):
    """Admins and coordinators of the organisation."""
    form = FundForm(request.POST or None, organization=organization)
    fund = save_form(
        request,
        form,
        lambda version, **data: setup.fund_create(
            organization=organization, by=request.user, **data
        ),
    )
    if fund:
        messages.success(request, f"Der Fonds „{fund}“ wurde angelegt.")
        return redirect("funding:fund_detail", pk=fund.pk)
    return render_form_page(
        request,
        form,
        heading=f"Neuer Fonds für {organization.name}",
        cancel_url=reverse("funding:fund_list", args=[organization.slug]),
    )


@rule("funding.see", load=rules.fund)
def fund_detail(request, fund):
    """Members of the organisation, the fund's reviewers and finance office: the calls; the
    ledger and the proofs of use for the office and the finance office."""
    user = request.user
    can_finance = user.has_perm("funding.finance", fund)
    can_manage = user.has_perm("funding.manage", fund)
    today = timezone.localdate()
    return render(
        request,
        "funding/backoffice/fund_detail.html",
        {
            "fund": fund,
            "organization": fund.organization,
            "calls": selectors.calls_of(fund),
            "ledger": selectors.ledger(fund) if can_finance else None,
            "proofs": selectors.proof_counts(fund, today) if can_manage else None,
            "can_manage": can_manage,
            "can_finance": can_finance,
            "sees_applications": user.has_perm("funding.see_applications", fund),
            "breadcrumbs": fund_crumbs(fund),
        },
    )


@rule("funding.manage", load=rules.fund)
def fund_edit(request, fund):
    """Admins and coordinators of the organisation."""
    form = FundForm(request.POST or None, instance=fund, organization=fund.organization)
    saved = save_form(
        request,
        form,
        lambda version, **data: setup.fund_update(
            fund=fund, version=version, by=request.user, **data
        ),
    )
    if saved:
        messages.success(request, "Der Fonds wurde gespeichert.")
        return redirect("funding:fund_detail", pk=fund.pk)
    return render_form_page(
        request,
        form,
        heading=f"{fund.name} bearbeiten",
        cancel_url=reverse("funding:fund_detail", args=[fund.pk]),
    )


@rule("funding.manage", load=rules.fund)
def fund_finance(request, fund):
    """Admins and coordinators of the organisation: who is the finance office."""
    form = FinanceForm(request.POST or None, fund=fund)
    if request.method == "POST" and form.is_valid():
        try:
            setup.fund_finance_set(fund=fund, people=form.cleaned_data["people"], by=request.user)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Die Finanzverwaltung wurde gespeichert.")
            return redirect("funding:fund_detail", pk=fund.pk)
    return render_form_page(
        request,
        form,
        heading=f"Kasse und Finanzverwaltung – {fund.name}",
        cancel_url=reverse("funding:fund_detail", args=[fund.pk]),
        intro="Die Finanzverwaltung sieht das Haushaltsbuch und erfasst Aus- und Rückzahlungen, "
        "aber nicht die Inhalte der Anträge.",
    )


@rule("funding.manage", load=rules.fund)
def letter_templates(request, fund):
    """Admins and coordinators of the organisation: the wording of the letters."""
    setup.letter_templates_ensure(fund=fund)
    return render(
        request,
        "funding/backoffice/letter_templates.html",
        {
            "fund": fund,
            "templates": fund.letter_templates.order_by("kind"),
            "placeholders": letters.PLACEHOLDERS,
            "breadcrumbs": fund_crumbs(fund, ("Schreiben", None)),
        },
    )


@rule("funding.manage", load=rules.letter_template)
def letter_template_edit(request, template):
    """Admins and coordinators of the organisation."""
    form = LetterTemplateForm(request.POST or None, instance=template)
    saved = save_form(
        request,
        form,
        lambda version, **data: setup.letter_template_update(
            template=template, version=version, by=request.user, **data
        ),
    )
    if saved:
        messages.success(request, "Die Vorlage wurde gespeichert.")
        return redirect("funding:letter_templates", pk=template.fund_id)
    placeholders = ", ".join(f"{{{name}}} ({text})" for name, text in letters.PLACEHOLDERS.items())
    return render_form_page(
        request,
        form,
        heading=f"{template.get_kind_display()} – Vorlage bearbeiten",
        cancel_url=reverse("funding:letter_templates", args=[template.fund_id]),
        intro=f"Platzhalter in geschweiften Klammern werden beim Erstellen ersetzt: {placeholders}.",
    )

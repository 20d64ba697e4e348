"""Back office: an organisation's indicators, the catalogue to adopt from, an indicator's values
(typed in or imported) and the targets its plan sets."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.uploads import read_upload
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.observations import parse_observations
from teilhabe.organizations import rules as organization_rules
from teilhabe.organizations.models import Organization
from teilhabe.plans.models import Plan

from .. import overview, rules, selectors, services
from ..forms import ImportForm, TargetForm
from ..models import Indicator
from ..progress import RULE


def _plan_of(organization):
    return Plan.objects.of_organization(organization).order_by("-pk").first()


@rule("indicators.view_internal", load=organization_rules.organization)
def indicator_list(request, organization):
    """Members of the organisation: its indicators, and the catalogue for those who manage."""
    return render(
        request,
        "indicators/backoffice/indicator_list.html",
        {
            "organization": organization,
            "indicators": Indicator.objects.of_organization(organization),
            "catalogue": Indicator.objects.catalogue(),
            "adopted": set(
                Indicator.objects.of_organization(organization).values_list(
                    "adopted_from_id", flat=True
                )
            ),
            "can_manage": request.user.has_perm("indicators.manage", organization),
            "plan": _plan_of(organization),
        },
    )


@rule("indicators.manage", load=organization_rules.organization)
@require_POST
def indicator_adopt(request, organization, entry_id):
    """Admins and coordinators: take over a catalogue definition as the organisation's own."""
    entry = Indicator.objects.catalogue().filter(pk=entry_id).first()
    if entry is None:
        messages.error(request, "Diesen Katalogeintrag gibt es nicht.")
        return redirect("indicators:indicator_list", org_slug=organization.slug)
    indicator = services.indicator_adopt(entry=entry, organization=organization, by=request.user)
    messages.success(request, f"„{indicator.title}“ gehört jetzt zu den Kennzahlen.")
    return redirect("indicators:indicator_detail", pk=indicator.pk)


@rule("indicators.view_internal", load=rules.indicator)
def indicator_detail(request, indicator):
    """Members: values at three levels, targets with their status; forms for those who manage."""
    plan = _plan_of(indicator.organization)
    return render(
        request,
        "indicators/backoffice/indicator_detail.html",
        {
            "indicator": indicator,
            "organization": indicator.organization,
            "page": selectors.indicator_page(indicator, public=False),
            "rule_text": RULE,
            "plan": plan,
            "import_form": ImportForm(),
            "target_form": TargetForm(plan=plan, initial=selectors.target_initial(indicator, plan))
            if plan
            else None,
            "can_manage": request.user.has_perm("indicators.manage", indicator),
        },
    )


@rule("indicators.manage", load=rules.indicator)
@require_POST
def indicator_import(request, indicator):
    """Admins and coordinators: values from a CSV/XLSX file; all or nothing."""
    form = ImportForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError("Bitte eine Datei auswählen.")
        upload = form.cleaned_data["file"]
        data = read_upload(upload, (".csv", ".xlsx"))
        rows = parse_observations(data, upload.name)
        known = services.known_keys(Organization.objects.exclude(ags=""))
        counts = services.observations_import(
            indicator=indicator, rows=rows, known=known, by=request.user
        )
    except ValidationError as error:
        messages.error(request, f"Nichts wurde gespeichert: {' '.join(error.messages)}")
    except DocumentError as error:
        messages.error(request, f"Nichts wurde gespeichert. {error}")
    except ServiceError as error:
        messages.error(request, f"Nichts wurde gespeichert. {error.message}")
    else:
        messages.success(
            request,
            f"{counts['created']} Werte neu, {counts['changed']} geändert, "
            f"{counts['unchanged']} unverändert.",
        )
    return redirect("indicators:indicator_detail", pk=indicator.pk)


@rule("indicators.manage", load=rules.indicator)
@require_POST
def indicator_target(request, indicator):
    """Admins and coordinators: the plan's baseline and target for the indicator."""
    plan = _plan_of(indicator.organization)
    form = TargetForm(request.POST, plan=plan)
    if plan is None or not form.is_valid():
        messages.error(request, "Bitte Basisjahr und Basiswert angeben (Zieljahr mit Zielwert).")
        return redirect("indicators:indicator_detail", pk=indicator.pk)
    try:
        services.target_set(indicator=indicator, plan=plan, by=request.user, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Der Zielwert ist gespeichert.")
    return redirect("indicators:indicator_detail", pk=indicator.pk)


@rule("indicators.manage", load=rules.indicator)
@require_POST
def indicator_publish(request, indicator):
    """Admins and coordinators: show the indicator on the portal, or stop showing it."""
    public = request.POST.get("public") == "1"
    services.indicator_update(
        indicator=indicator, version=indicator.version, by=request.user, public=public
    )
    messages.success(
        request,
        "Die Kennzahl steht im Portal." if public else "Die Kennzahl ist nicht mehr im Portal.",
    )
    return redirect("indicators:indicator_detail", pk=indicator.pk)


@rule("indicators.view_land", load=rules.state)
def land_overview(request, state):
    """The Land's own people: the Kreise and Gemeinden below it as they stand inside — plans
    still drafted internally, indicators not shown in the portal — read-only."""
    return render(
        request,
        "indicators/backoffice/land_overview.html",
        {
            "organization": state,
            **overview.page_context(overview.land_overview(state), request.GET),
        },
    )

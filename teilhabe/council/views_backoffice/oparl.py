"""Back office: an organisation's council information systems (OParl), their sync runs and
"Jetzt abgleichen". Admins and coordinators of the organisation only (`council.manage`): its
other members get 403, everybody else 404."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from teilhabe.core.access import rule
from teilhabe.core.saving import render_form_page, save_or_conflict
from teilhabe.organizations import rules as organization_rules

from .. import rules, selectors
from ..oparl.forms import OParlSourceForm
from ..services.oparl import (
    oparl_source_create,
    oparl_source_delete,
    oparl_source_update,
    oparl_sync_request,
)


def _sources_page(source):
    return redirect("council:oparl_sources", org_slug=source.organization.slug)


@rule("council.manage", load=organization_rules.organization)
def oparl_sources(request, organization):
    """Admins and coordinators of the organisation: its OParl sources with their runs; add one."""
    form = OParlSourceForm(
        request.POST if request.method == "POST" else None, organization=organization
    )
    if form.is_bound and form.is_valid():
        source = save_or_conflict(
            request,
            form,
            lambda: oparl_source_create(
                organization=organization, by=request.user, **form.cleaned_data
            ),
        )
        if source:
            messages.success(
                request,
                f"Das Ratsinformationssystem {source.system_url} ist eingetragen. "
                "Mit „Jetzt abgleichen“ werden Gremien, Sitzungen und Drucksachen übernommen.",
            )
            return redirect("council:oparl_sources", org_slug=organization.slug)
    return render(
        request,
        "council/backoffice/oparl_sources.html",
        {
            "organization": organization,
            "sources": selectors.oparl_sources_of(organization),
            "form": form,
        },
    )


@rule("council.manage", load=rules.oparl_source)
def oparl_source_edit(request, source):
    """Admins and coordinators of the organisation: change a source's address or schedule."""
    form = OParlSourceForm(
        request.POST if request.method == "POST" else None,
        instance=source,
        organization=source.organization,
    )
    if form.is_bound and form.is_valid():
        saved = save_or_conflict(
            request,
            form,
            lambda: oparl_source_update(source=source, by=request.user, **form.cleaned_data),
        )
        if saved:
            messages.success(request, "Gespeichert.")
            return _sources_page(source)
    return render_form_page(
        request,
        form,
        heading=f"Ratsinformationssystem bearbeiten: {source.organization.name}",
        cancel_url=reverse("council:oparl_sources", kwargs={"org_slug": source.organization.slug}),
        intro="Eine andere Adresse oder Körperschaft bedeutet: der nächste Abgleich liest "
        "wieder alles.",
    )


@rule("council.manage", load=rules.oparl_source)
@require_POST
def oparl_source_delete_view(request, source):
    """Admins and coordinators of the organisation: remove a source (synced records stay)."""
    oparl_source_delete(source=source, by=request.user)
    messages.success(
        request,
        f"{source.system_url} ist entfernt. Übernommene Gremien, Sitzungen und Drucksachen "
        "bleiben erhalten.",
    )
    return _sources_page(source)


@rule("council.manage", load=rules.oparl_source)
@require_POST
def oparl_sync_now(request, source):
    """Admins and coordinators of the organisation: queue a sync now."""
    if oparl_sync_request(source=source, by=request.user) is None:
        messages.info(request, "Ein Abgleich wartet oder läuft bereits.")
    else:
        messages.success(
            request,
            "Der Abgleich ist eingeplant; der Stand erscheint unten und aktualisiert sich selbst.",
        )
    return _sources_page(source)


@rule("council.manage", load=rules.oparl_source)
def oparl_runs(request, source):
    """Admins and coordinators of the organisation: a source's run history (the page polls it
    with htmx while a run waits or runs)."""
    return render(
        request,
        "council/backoffice/oparl_runs.html",
        {"organization": source.organization, **selectors.oparl_source_status(source)},
    )

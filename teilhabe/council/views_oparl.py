"""Back office: an organisation's council information systems (OParl), their sync runs and
"Jetzt abgleichen". Admins and coordinators of the organisation only (`council.manage`): its
other members get 403, everybody else 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from teilhabe.core.saving import render_form_page, save_or_conflict
from teilhabe.organizations.models import Organization

from .models import OParlSource, SyncStatus
from .oparl.forms import OParlSourceForm
from .oparl.services import oparl_source_create, oparl_source_delete, oparl_source_update
from .oparl.sync import LABELS, progress_line
from .oparl.tasks import enqueue_sync

RUNS_SHOWN = 10


def _organization(user, org_slug) -> Organization:
    organization = get_object_or_404(Organization, slug=org_slug)
    if not user.has_perm("council.view_internal", organization):
        raise Http404
    if not user.has_perm("council.manage", organization):
        raise PermissionDenied
    return organization


def _source(user, org_slug, source_id) -> OParlSource:
    organization = _organization(user, org_slug)
    return get_object_or_404(
        OParlSource.objects.select_related("organization"),
        pk=source_id,
        organization=organization,
    )


def _runs(source):
    runs = list(source.runs.all()[:RUNS_SHOWN])
    for run in runs:
        run.lines = [
            progress_line(key, run.counts)
            for key in LABELS
            if (run.counts.get(key) or {}).get("read")
        ]
        run.notes = run.counts.get("notes", []) if isinstance(run.counts, dict) else []
    return runs


def _source_context(source):
    runs = _runs(source)
    return {
        "source": source,
        "runs": runs,
        "polling": any(r.status in (SyncStatus.QUEUED, SyncStatus.RUNNING) for r in runs),
    }


@login_required
def oparl_sources(request, org_slug):
    """Admins and coordinators of the organisation: its OParl sources with their runs; add one."""
    organization = _organization(request.user, org_slug)
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
    sources = [
        _source_context(source) for source in organization.oparl_sources.order_by("system_url")
    ]
    return render(
        request,
        "council/backoffice/oparl_sources.html",
        {"organization": organization, "sources": sources, "form": form},
    )


@login_required
def oparl_source_edit(request, org_slug, source_id):
    """Admins and coordinators of the organisation: change a source's address or schedule."""
    source = _source(request.user, org_slug, source_id)
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
            return redirect("council:oparl_sources", org_slug=org_slug)
    return render_form_page(
        request,
        form,
        heading=f"Ratsinformationssystem bearbeiten: {source.organization.name}",
        cancel_url=reverse("council:oparl_sources", kwargs={"org_slug": org_slug}),
        intro="Eine andere Adresse oder Körperschaft bedeutet: der nächste Abgleich liest "
        "wieder alles.",
    )


@login_required
@require_POST
def oparl_source_delete_view(request, org_slug, source_id):
    """Admins and coordinators of the organisation: remove a source (synced records stay)."""
    source = _source(request.user, org_slug, source_id)
    oparl_source_delete(source=source, by=request.user)
    messages.success(
        request,
        f"{source.system_url} ist entfernt. Übernommene Gremien, Sitzungen und Drucksachen "
        "bleiben erhalten.",
    )
    return redirect("council:oparl_sources", org_slug=org_slug)


@login_required
@require_POST
def oparl_sync_now(request, org_slug, source_id):
    """Admins and coordinators of the organisation: queue a sync now."""
    source = _source(request.user, org_slug, source_id)
    if source.runs.filter(status__in=[SyncStatus.QUEUED, SyncStatus.RUNNING]).exists():
        messages.info(request, "Ein Abgleich wartet oder läuft bereits.")
    else:
        enqueue_sync(source)
        messages.success(
            request,
            "Der Abgleich ist eingeplant; der Stand erscheint unten und aktualisiert sich selbst.",
        )
    return redirect("council:oparl_sources", org_slug=org_slug)


@login_required
def oparl_runs(request, org_slug, source_id):
    """Admins and coordinators of the organisation: a source's run history (the page polls it
    with htmx while a run waits or runs)."""
    source = _source(request.user, org_slug, source_id)
    return render(
        request,
        "council/backoffice/oparl_runs.html",
        {"organization": source.organization, **_source_context(source)},
    )

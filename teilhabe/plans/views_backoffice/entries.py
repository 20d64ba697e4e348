"""Back office: the progress of one measure in a draft Bilanz (entry), edited in place with htmx
or on a page of its own without JavaScript."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from teilhabe.core.access import rule
from teilhabe.core.htmx import htmx_error
from teilhabe.core.saving import save_or_conflict

from .. import rules, services
from ..forms import EntryForm
from ..models import ProgressEntry

PUBLISHED_WHILE_EDITING = (
    "Diese Bilanz wurde inzwischen veröffentlicht; Ihre Eingabe wurde nicht gespeichert. "
    "Ihr Text steht noch im Formular – übernehmen Sie ihn bei Bedarf in die nächste Bilanz."
)


@rule("plans.update_progress", load=rules.entry)
def entry_edit(request, entry):
    """Admins and coordinators, and the office editor whose office leads the measure; drafts only.
    With htmx the form is swapped in place in the report page."""
    form = EntryForm(request.POST or None, instance=entry)
    if not request.user.has_perm("plans.edit_entry", entry):
        return _published_meanwhile(request, form, entry)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = save_or_conflict(
            request,
            form,
            lambda: services.measure_update_progress(
                entry=entry,
                version=data["version"],
                status=data["status"],
                percent=data["percent"],
                description=data["description"],
                original_wording=data["original_wording"],
                by=request.user,
            ),
        )
        if saved:
            return _saved(request, entry, saved)
    template = (
        "plans/backoffice/partials/entry_form.html"
        if request.htmx
        else "plans/backoffice/entry_form.html"
    )
    return render(
        request,
        template,
        {
            "form": form,
            "entry": entry,
            "report": entry.report,
            "plan": entry.report.plan,
            "previous_entry": ProgressEntry.objects.previous_published(entry),
        },
    )


def _published_meanwhile(request, form, entry):
    """Published while the person was typing: say so and keep the text to copy."""
    if request.method != "POST":
        raise PermissionDenied
    if request.htmx:
        return htmx_error(PUBLISHED_WHILE_EDITING, 403)
    form.is_valid()
    form.add_error(None, PUBLISHED_WHILE_EDITING)
    context = {"form": form, "entry": entry, "report": entry.report, "plan": entry.report.plan}
    return render(request, "plans/backoffice/entry_form.html", context, status=403)


def _saved(request, entry, saved):
    if request.htmx:
        saved.can_edit = True
        return render(
            request,
            "plans/backoffice/partials/entry_row.html",
            {"entry": saved, "report": saved.report, "just_saved": True},
        )
    messages.success(request, f"Der Umsetzungsstand von {entry.measure.number} wurde gespeichert.")
    return redirect(reverse("plans:report_detail", args=[entry.report_id]) + f"#eintrag-{entry.pk}")


@rule("plans.update_progress", load=rules.entry)
def entry_row(request, entry):
    """Same people as entry_edit: the read-only row, for htmx "Abbrechen"."""
    entry.can_edit = request.user.has_perm("plans.edit_entry", entry)
    return render(
        request,
        "plans/backoffice/partials/entry_row.html",
        {"entry": entry, "report": entry.report},
    )

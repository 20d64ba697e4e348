"""Putting a published Bilanz right: a corrected edition (see plans.services.corrections)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.forms import KernFormMixin
from teilhabe.core.saving import render_form_page

from .. import rules
from ..services.corrections import report_correct as correct


class CorrectionForm(KernFormMixin, forms.Form):
    note = forms.CharField(
        label="Was wird berichtigt und warum?",
        help_text=(
            "Steht in der berichtigten Fassung und neben der ursprünglichen, im Portal und in "
            "den Dokumenten, z. B. „Der Umsetzungsstand der Maßnahme 3.2 war vertauscht.“"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


@rule("plans.correct_report", load=rules.report)
def report_correct(request, report):
    """Admins and coordinators, for a published Bilanz: start its corrected edition."""
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = correct(report=report, note=form.cleaned_data["note"], by=request.user)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                "Die berichtigte Fassung ist als Entwurf angelegt, mit allen Umsetzungsständen der "
                "veröffentlichten. Ändern Sie, was falsch war, und veröffentlichen Sie sie dann.",
            )
            return redirect("plans:report_detail", pk=correction.pk)
    return render_form_page(
        request,
        form,
        heading=f"„{report.title}“ berichtigen",
        preline=report.plan.title,
        intro=(
            f"Die am {report.published_at:%d.%m.%Y} veröffentlichte Fassung bleibt, wie sie ist: "
            "Ihre Seite und ihre Dokumente ändern sich nicht. Die Berichtigung ist eine neue "
            f"Fassung mit demselben Stand ({report.as_of:%d.%m.%Y}), zunächst ein Entwurf mit allen "
            "Umsetzungsständen und Texten der veröffentlichten. Veröffentlicht tritt sie an deren "
            "Stelle – in den Listen, im Verlauf und in den offenen Daten –, und beide Fassungen "
            "verweisen aufeinander."
        ),
        submit="Berichtigte Fassung anlegen",
        cancel_url=reverse("plans:report_detail", args=[report.pk]),
        plan=report.plan,
    )

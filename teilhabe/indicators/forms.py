"""Forms of the indicators' back office (German only)."""

from django import forms

from teilhabe.core.forms import KernFormMixin
from teilhabe.plans.models import FieldOfAction


class ImportForm(KernFormMixin, forms.Form):
    file = forms.FileField(
        label="Datei mit Werten (CSV oder XLSX)",
        help_text=(
            "Spalten „AGS“, „Jahr“ und „Wert“, wie das Statistische Landesamt sie veröffentlicht; "
            "„.“ steht für geheim gehalten, „p“ hinter dem Wert für vorläufig."
        ),
    )


class TargetForm(KernFormMixin, forms.Form):
    field = forms.ModelChoiceField(
        label="Handlungsfeld", queryset=FieldOfAction.objects.none(), required=False
    )
    baseline_year = forms.IntegerField(label="Basisjahr", min_value=1990, max_value=2100)
    baseline_value = forms.DecimalField(label="Basiswert", max_digits=14, decimal_places=4)
    target_year = forms.IntegerField(
        label="Zieljahr", min_value=1990, max_value=2100, required=False
    )
    target_value = forms.DecimalField(
        label="Zielwert", max_digits=14, decimal_places=4, required=False
    )

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.fields["field"].queryset = FieldOfAction.objects.for_plan(plan)

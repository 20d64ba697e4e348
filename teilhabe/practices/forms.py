"""Forms of good practice (German: the back office). Writes happen in practices.services."""

from __future__ import annotations

from django import forms

from teilhabe.core.forms import KernFormMixin
from teilhabe.plans.models import FieldOfAction

from .models import Practice, TargetGroup


class PracticeForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    plan_fields = forms.ModelMultipleChoiceField(
        label="Handlungsfelder",
        queryset=FieldOfAction.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.MultipleChoiceField(
        label="Zielgruppen",
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Practice
        fields = [
            "title",
            "area",
            "municipality",
            "provider",
            "summary",
            "approach",
            "cooperation",
            "added_value",
            "success_factors",
            "transferability",
            "period",
            "costs",
            "funding",
            "contact_name",
            "contact_email",
            "contact_phone",
            "contact_public",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 5})
            for name in (
                "approach",
                "cooperation",
                "added_value",
                "success_factors",
                "transferability",
            )
        } | {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_fields"].queryset = (
            FieldOfAction.objects.filter(plan__organization=organization)
            .select_related("plan")
            .order_by("plan", "number")
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["plan_fields"].initial = list(
                self.instance.fields.values_list("pk", flat=True)
            )
            self.fields["target_groups"].initial = list(
                self.instance.target_groups.values_list("group", flat=True)
            )


class PartnerForm(KernFormMixin, forms.Form):
    name = forms.CharField(label="Partner", max_length=200)
    role = forms.CharField(label="Rolle", max_length=200, required=False)


class PictureForm(KernFormMixin, forms.Form):
    file = forms.FileField(label="Bild (JPEG oder PNG)")
    alt = forms.CharField(label="Bildbeschreibung (Alternativtext)", max_length=300)
    consent = forms.BooleanField(
        label="Die abgebildeten Personen haben eingewilligt", required=False
    )
    consent_note = forms.CharField(
        label="Einwilligung: wer, wann, wie", max_length=300, required=False
    )


class AdoptionForm(KernFormMixin, forms.Form):
    organization = forms.ModelChoiceField(label="Übernommen von", queryset=None)
    year = forms.IntegerField(label="Jahr", min_value=2000, max_value=2100)
    note = forms.CharField(label="Vermerk", max_length=300, required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class EditionForm(KernFormMixin, forms.Form):
    title = forms.CharField(label="Titel", max_length=300)
    year = forms.IntegerField(label="Jahr", min_value=2000, max_value=2100)
    foreword = forms.CharField(
        label="Vorwort", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    foreword_by = forms.CharField(label="Vorwort von", max_length=200, required=False)
    practices = forms.CharField(
        label="Beispiele in dieser Reihenfolge",
        widget=forms.HiddenInput,
        required=False,
    )


class VorlageForm(KernFormMixin, forms.Form):
    committee = forms.CharField(
        label="Gremium", max_length=200, initial="Sozial- und Gesundheitsausschuss"
    )
    reference = forms.CharField(
        label="Drucksachennummer",
        max_length=40,
        required=False,
        help_text="z. B. 197/2021 – nötig, um die Vorlage als Drucksache anzulegen.",
    )
    date = forms.DateField(
        label="Sitzung am",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    signer = forms.CharField(label="Unterschrift", max_length=200, required=False)

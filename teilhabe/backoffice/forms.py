"""Forms of the back office's own pages: an organisation's offices and people, and its public
portal details. They validate input only; the writes happen in the services."""

from django import forms
from django.core.exceptions import ValidationError

from teilhabe.core.forms import DATE_WIDGET, KernFormMixin
from teilhabe.organizations.models import Organization, Role, Unit
from teilhabe.portal.models import PortalProfile


class UnitForm(KernFormMixin, forms.Form):
    name = forms.CharField(label="Name des Amts", max_length=200)
    email = forms.EmailField(
        label="E-Mail-Adresse für Anfragen",
        required=False,
        help_text="Hierhin gehen Anfragen zum Umsetzungsstand, zusätzlich zu den Personen des Amts.",
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Unit.objects.filter(organization=self.organization, name__iexact=name).exists():
            raise ValidationError("Dieses Amt gibt es schon.")
        return name


class UnitEmailForm(KernFormMixin, forms.Form):
    email = forms.EmailField(
        label="E-Mail-Adresse des Amts",
        required=False,
        help_text="Eine Funktionsadresse (z. B. integration@…); leer lassen, um sie zu entfernen.",
    )


class UnitPersonForm(KernFormMixin, forms.Form):
    email = forms.EmailField(label="E-Mail-Adresse der Person")
    first_name = forms.CharField(label="Vorname", required=False, max_length=150)
    last_name = forms.CharField(label="Nachname", required=False, max_length=150)


class MemberForm(KernFormMixin, forms.Form):
    email = forms.EmailField(label="E-Mail-Adresse")
    first_name = forms.CharField(label="Vorname", required=False, max_length=150)
    last_name = forms.CharField(label="Nachname", required=False, max_length=150)
    role = forms.ChoiceField(label="Rolle", choices=Role.choices)
    unit = forms.ModelChoiceField(
        label="Amt",
        queryset=Unit.objects.none(),
        required=False,
        help_text="Nur für die Rolle „Fachamt“: das Amt, dessen Maßnahmen die Person bearbeitet.",
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organization=organization).order_by(
            "name"
        )

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.EDITOR and not data.get("unit"):
            self.add_error("unit", "Für die Rolle „Fachamt“ bitte das Amt auswählen.")
        return data


class PortalProfileForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = PortalProfile
        fields = [
            "imprint",
            "privacy",
            "accessibility_conformance",
            "accessibility_known_issues",
            "accessibility_reviewed_on",
            "enforcement_body",
            "feedback_email",
            "easy_language_text",
            "data_licence",
            "data_attribution",
        ]
        widgets = {
            "imprint": forms.Textarea(attrs={"rows": 8}),
            "privacy": forms.Textarea(attrs={"rows": 12}),
            "accessibility_known_issues": forms.Textarea(attrs={"rows": 6}),
            "accessibility_reviewed_on": DATE_WIDGET,
            "enforcement_body": forms.Textarea(attrs={"rows": 4}),
            "easy_language_text": forms.Textarea(attrs={"rows": 8, "lang": "de-x-ls"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # 0: the person started from no saved details; a profile saved meanwhile is a conflict.
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0

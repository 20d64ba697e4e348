from django import forms

from teilhabe.core.forms import KernFormMixin


class TokenCreateForm(KernFormMixin, forms.Form):
    name = forms.CharField(
        label="Bezeichnung",
        max_length=100,
        help_text="Wofür der Schlüssel dient, z. B. „Fachverfahren Gesundheitsamt“.",
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Bitte geben Sie dem Schlüssel eine Bezeichnung.")
        return name

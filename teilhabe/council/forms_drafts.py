"""The back-office form "Beschlussvorlage erstellen": the texts that win over the proposed ones
and, unless the Vorlage is drafted from a paper, its Beratungsfolge in up to three rows."""

from django import forms

from teilhabe.core.forms import KernFormMixin

from .models import ConsultationRole
from .vorlage.data import Step

STEP_ROWS = 3
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DraftForm(KernFormMixin, forms.Form):
    title = forms.CharField(label="Betreff", max_length=500)
    attachment = forms.CharField(
        label="Anlage", max_length=300, required=False, help_text="z. B. „Anlage: Bilanz 2017“"
    )
    reference = forms.CharField(
        label="Drucksachennummer",
        max_length=50,
        required=False,
        help_text="z. B. 035/2021 – nötig, um die Vorlage als Drucksache anzulegen.",
    )
    date = forms.DateField(label="Datum der Vorlage", required=False, widget=DATE_WIDGET)
    extra_motions = forms.CharField(
        label="Weitere Beschlusspunkte",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Einer je Zeile; sie werden hinter den vorgeschlagenen Punkten weiter "
        "nummeriert.",
    )
    reasoning = forms.CharField(
        label="Einleitung der Begründung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Steht vor der vorgeschlagenen Begründung. Absätze durch Leerzeilen trennen.",
    )
    financial_impact = forms.CharField(
        label="Finanzielle Auswirkungen",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Leer: In der Vorlage steht ein Platzhalter zum Ergänzen.",
    )
    signer = forms.CharField(label="Unterzeichnet von", max_length=200, required=False)
    signer_role = forms.CharField(
        label="Funktion", max_length=200, required=False, help_text="z. B. Landrat"
    )

    def __init__(self, *args, with_steps: bool, role: str, committees: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.with_steps = with_steps
        if not with_steps:
            return
        for n in range(1, STEP_ROWS + 1):
            self.fields[f"committee_{n}"] = forms.CharField(
                label=f"Gremium {n}",
                max_length=300,
                required=n == 1,
                widget=forms.TextInput(attrs={"list": "gremien", "autocomplete": "off"}),
            )
            self.fields[f"date_{n}"] = forms.DateField(
                label=f"Sitzungstag {n}", required=False, widget=DATE_WIDGET
            )
            self.fields[f"role_{n}"] = forms.ChoiceField(
                label=f"Rolle {n}", choices=ConsultationRole.choices, initial=role
            )
            self.fields[f"public_{n}"] = forms.BooleanField(
                label=f"öffentlich ({n})", required=False, initial=True
            )
        # The mixin styled the fields it found; these rows came later.
        for name in self.step_field_names():
            widget = self.fields[name].widget
            css = (
                "kern-form-check__checkbox"
                if isinstance(widget, forms.CheckboxInput)
                else "kern-form-input__select"
                if isinstance(widget, forms.Select)
                else "kern-form-input__input"
            )
            widget.attrs["class"] = css
        self.committees = committees

    def step_field_names(self) -> list[str]:
        return [
            f"{kind}_{n}"
            for n in range(1, STEP_ROWS + 1)
            for kind in ("committee", "date", "role", "public")
        ]

    def step_rows(self):
        return [
            [self[f"{kind}_{n}"] for kind in ("committee", "date", "role", "public")]
            for n in range(1, STEP_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        for n in range(2, STEP_ROWS + 1) if self.with_steps else ():
            if data.get(f"date_{n}") and not data.get(f"committee_{n}", "").strip():
                self.add_error(f"committee_{n}", "Bitte nennen Sie das Gremium zu diesem Tag.")
        return data

    def steps(self) -> list[Step]:
        if not self.with_steps:
            return []
        data = self.cleaned_data
        return [
            Step(
                committee=data[f"committee_{n}"].strip(),
                date=data.get(f"date_{n}"),
                role=data[f"role_{n}"],
                public=data.get(f"public_{n}", False),
            )
            for n in range(1, STEP_ROWS + 1)
            if data.get(f"committee_{n}", "").strip()
        ]

    def texts(self) -> dict:
        data = self.cleaned_data
        return {
            name: data.get(name) or ""
            for name in (
                "title",
                "attachment",
                "reference",
                "extra_motions",
                "reasoning",
                "financial_impact",
                "signer",
                "signer_role",
            )
        } | {"date": data.get("date")}

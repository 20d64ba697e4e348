"""Back-office forms for recommendations (German only, like the whole back office)."""

from django import forms

from teilhabe.core.forms import KernFormMixin
from teilhabe.plans.models import Measure

from .models import Recommendation


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RecommendationCreateForm(KernFormMixin, forms.Form):
    number = forms.IntegerField(
        label="Nummer",
        required=False,
        min_value=1,
        help_text="Leer lassen: die nächste freie Nummer.",
    )
    text = forms.CharField(label="Text der Empfehlung", widget=forms.Textarea(attrs={"rows": 4}))
    items = forms.CharField(
        label="Unterpunkte",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Je Zeile ein Unterpunkt; sie werden a, b, c … nummeriert.",
    )
    adopted_on = forms.DateField(
        label="beschlossen am",
        required=False,
        widget=_date_widget(),
        help_text="Leer: noch nicht beschlossen.",
    )

    def clean_items(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class RecommendationEditForm(KernFormMixin, forms.Form):
    """Text, adoption date and every sub-item in one form, under the recommendation's version."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label="Text der Empfehlung", widget=forms.Textarea(attrs={"rows": 4}))
    adopted_on = forms.DateField(
        label="beschlossen am",
        required=False,
        widget=_date_widget(),
        help_text="Leer: noch nicht beschlossen. Wer über den Weg seiner Idee informiert werden "
        "möchte, erhält eine E-Mail, sobald das Datum eingetragen ist.",
    )
    new_items = forms.CharField(
        label="Neue Unterpunkte",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Je Zeile ein Unterpunkt; sie werden hinten angefügt.",
    )

    def __init__(self, *args, recommendation: Recommendation, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "version": recommendation.version,
                "text": recommendation.text,
                "adopted_on": recommendation.adopted_on,
            },
        )
        super().__init__(*args, **kwargs)
        self.item_names = {}
        for item in recommendation.items.all():
            name = f"item_{item.pk}"
            self.fields[name] = forms.CharField(
                label=f"Unterpunkt {item.label}",
                required=False,
                initial=item.text,
                widget=forms.Textarea(
                    attrs={
                        "rows": 2,
                        "class": "kern-form-input__input",
                        "aria-describedby": f"id_{self.add_prefix(name)}_helptext",
                    }
                ),
                help_text="Leeren, um den Unterpunkt zu entfernen.",
            )
            self.item_names[name] = item.pk
        # The sub-items between the text and the new ones, in the order of the page.
        order = ["version", "text", "adopted_on", *self.item_names, "new_items"]
        self.order_fields(order)

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "version": data["version"],
            "text": data["text"],
            "adopted_on": data["adopted_on"],
            "items": {pk: data.get(name, "") for name, pk in self.item_names.items()},
            "new_items": [line for line in data["new_items"].splitlines() if line.strip()],
        }


class GroupForm(KernFormMixin, forms.Form):
    """Which ideas go where: an existing recommendation, one of its sub-items, or a new one."""

    ideas = forms.ModelMultipleChoiceField(queryset=None, label="Ideen")
    target = forms.ChoiceField(label="Zuordnen zu")
    new_text = forms.CharField(
        label="Text der neuen Empfehlung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Nur für „Neue Empfehlung“.",
    )

    def __init__(self, *args, ideas, recommendations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ideas"].queryset = ideas
        self.fields["ideas"].error_messages["required"] = (
            "Bitte wählen Sie mindestens eine Idee aus."
        )
        choices = [("new", "Neue Empfehlung")]
        for rec in recommendations:
            choices.append((f"rec:{rec.pk}", f"Empfehlung {rec.number}: {rec.text[:70]}"))
            choices.extend(
                (f"item:{item.pk}", f"Empfehlung {rec.number}{item.label}: {item.text[:60]}")
                for item in rec.items.all()
            )
        self.fields["target"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("target") == "new" and not (data.get("new_text") or "").strip():
            self.add_error("new_text", "Bitte geben Sie den Text der neuen Empfehlung ein.")
        return data


class MeasureLinkForm(KernFormMixin, forms.Form):
    measure = forms.ModelChoiceField(
        queryset=Measure.objects.none(),
        label="Maßnahme",
        empty_label="– Maßnahme wählen –",
        error_messages={"required": "Bitte wählen Sie eine Maßnahme aus."},
    )

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures
        self.fields["measure"].label_from_instance = lambda m: f"{m.number} {m.title}"[:120]


class AdoptionForm(forms.Form):
    """Which field of action the new measures go to."""

    field = forms.ModelChoiceField(
        label="Handlungsfeld der neuen Maßnahmen",
        queryset=None,
        empty_label=None,
        help_text="Titel und Beschreibung kommen aus der Empfehlung; Sie können sie danach an "
        "der Maßnahme bearbeiten.",
    )

    def __init__(self, *args, fields, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = fields
        self.fields["field"].label_from_instance = lambda f: f"{f.number}. {f.title}"

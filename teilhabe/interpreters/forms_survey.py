"""Forms of the staff language survey. They validate input only; the writes happen in
services/survey.py."""

from django import forms

from teilhabe.core.forms import KernFormMixin
from teilhabe.organizations.models import Organization, Unit

from .models import LANGUAGE_NAMES, LanguageLevel, LanguageSkillSurvey, SkillVisibility
from .services.survey import DEFAULT_CONSENT_TEXT, SKILLS

SKILL_LABELS = {
    "understanding": "Verstehen",
    "speaking": "Sprechen",
    "reading": "Lesen",
    "writing": "Schreiben",
}
LANGUAGE_CHOICES = [
    ("", "– bitte wählen –"),
    *sorted(LANGUAGE_NAMES.items(), key=lambda item: str(item[1])),
]


class SurveyForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = LanguageSkillSurvey
        fields = [
            "title",
            "description",
            "participants",
            "is_open",
            "consent_text",
            "retention_months",
            "log_retention_days",
        ]
        widgets = {"participants": forms.CheckboxSelectMultiple}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        participants = self.fields["participants"]
        participants.queryset = Organization.objects.filter(
            pk=organization.pk
        ) | Organization.objects.filter(parent=organization)
        participants.widget.attrs.pop("class", None)
        self.fields["consent_text"].required = False
        self.fields["consent_text"].help_text = (
            "Leer lassen für den vorgeschlagenen Text. Sobald Angaben vorliegen, bleibt der Text "
            "unverändert."
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_consent_text(self):
        return self.cleaned_data["consent_text"].strip() or DEFAULT_CONSENT_TEXT


class SkillEntryForm(KernFormMixin, forms.Form):
    """A staff member's entry: where they work, who may see it, and up to `rows` languages."""

    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label="Verwaltung")
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Amt",
        required=False,
        help_text="Nötig, wenn nur Ihr Amt den Eintrag sehen soll.",
    )
    visibility = forms.ChoiceField(
        choices=SkillVisibility.choices, label="Wer darf meinen Eintrag sehen?"
    )
    willing_to_help = forms.BooleanField(
        required=False,
        label="Ich darf für Sprachhilfe angefragt werden",
        help_text="Ohne dieses Häkchen zählen Ihre Angaben nur in der Statistik ohne Namen; im "
        "Verzeichnis erscheinen Sie nicht.",
    )
    phone = forms.CharField(label="Telefon (dienstlich)", max_length=50, required=False)
    note = forms.CharField(
        label="Hinweis für Anfragende",
        max_length=300,
        required=False,
        help_text="z. B. erreichbar vormittags",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organizations, entry=None, ask_consent=False, consent_text="", **kw):
        super().__init__(*args, **kw)
        self.fields["organization"].queryset = organizations
        self.fields["unit"].queryset = Unit.objects.filter(
            organization__in=organizations
        ).select_related("organization")
        self.fields["unit"].label_from_instance = lambda unit: f"{unit.organization} – {unit}"
        existing = list(entry.languages.all()) if entry else []
        self.rows = max(len(existing) + 2, 3)
        for number in range(1, self.rows + 1):
            self.fields[f"language_{number}"] = forms.ChoiceField(
                choices=LANGUAGE_CHOICES, required=False, label="Sprache"
            )
            self.fields[f"dialect_{number}"] = forms.CharField(
                required=False, max_length=100, label="Dialekt oder Variante"
            )
            for skill in SKILLS:
                self.fields[f"{skill}_{number}"] = forms.ChoiceField(
                    choices=LanguageLevel.choices, required=False, label=SKILL_LABELS[skill]
                )
        if ask_consent:
            self.fields["consent"] = forms.BooleanField(
                required=False, label="Ich willige ein.", help_text=consent_text
            )
            self.fields["consent"].widget.attrs.update(
                {"class": "kern-form-check__checkbox", "aria-describedby": "id_consent_helptext"}
            )
        # The mixin styled the fields that existed in its __init__; the rows come later.
        for name, field in self.fields.items():
            if name.rsplit("_", 1)[0] in {"language", "dialect", *SKILLS}:
                css = (
                    "kern-form-input__select"
                    if isinstance(field.widget, forms.Select)
                    else "kern-form-input__input"
                )
                field.widget.attrs["class"] = css
        if self.is_bound:
            return
        if entry is not None:
            self.initial.update(
                organization=entry.organization_id,
                unit=entry.unit_id,
                visibility=entry.visibility,
                willing_to_help=entry.willing_to_help,
                phone=entry.phone,
                note=entry.note,
                version=entry.version,
            )
            for number, language in enumerate(existing, start=1):
                self.initial[f"language_{number}"] = language.language
                self.initial[f"dialect_{number}"] = language.dialect
                for skill in SKILLS:
                    self.initial[f"{skill}_{number}"] = getattr(language, skill)
        else:
            self.initial.update(willing_to_help=True, visibility=SkillVisibility.ORGANIZATION)
            if organizations.count() == 1:
                self.initial["organization"] = organizations.first().pk

    def language_rows(self):
        """The bound fields of each language row, for the template."""
        return [
            {
                "number": number,
                "language": self[f"language_{number}"],
                "dialect": self[f"dialect_{number}"],
                "skills": [self[f"{skill}_{number}"] for skill in SKILLS],
            }
            for number in range(1, self.rows + 1)
        ]

    def clean(self):
        data = super().clean()
        languages = []
        for number in range(1, self.rows + 1):
            code = data.get(f"language_{number}", "")
            levels = {skill: data.get(f"{skill}_{number}", "") for skill in SKILLS}
            dialect = data.get(f"dialect_{number}", "")
            if not code:
                if any(levels.values()) or dialect:
                    self.add_error(f"language_{number}", "Bitte wählen Sie die Sprache.")
                continue
            languages.append({"language": code, "dialect": dialect, **levels})
        data["languages"] = languages
        unit = data.get("unit")
        organization = data.get("organization")
        if (
            unit is not None
            and organization is not None
            and unit.organization_id != organization.pk
        ):
            self.add_error("unit", f"Dieses Amt gehört nicht zu {organization}.")
        if data.get("visibility") == SkillVisibility.UNIT and unit is None:
            self.add_error("unit", "Für „nur mein Amt“ wählen Sie bitte Ihr Amt.")
        return data

    def entry_data(self) -> dict:
        data = self.cleaned_data
        return {
            "organization": data["organization"],
            "unit": data.get("unit"),
            "visibility": data["visibility"],
            "willing_to_help": data.get("willing_to_help", False),
            "phone": data.get("phone", ""),
            "note": data.get("note", ""),
            "languages": data["languages"],
            "consent": data.get("consent", False),
            "version": data.get("version"),
        }


class DirectoryFilterForm(KernFormMixin, forms.Form):
    sprache = forms.ChoiceField(
        choices=[("", "alle Sprachen"), *LANGUAGE_CHOICES[1:]], required=False, label="Sprache"
    )

    def language(self) -> str:
        return self.cleaned_data.get("sprache", "") if self.is_valid() else ""

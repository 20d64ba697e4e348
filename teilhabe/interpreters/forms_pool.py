"""Forms of the interpreter pool. The request and attendance forms are shown on the link pages of
the portal and translated; the back-office forms are German."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernFormMixin

from .models.pool import (
    BodyKind,
    InterpreterPool,
    Level,
    MediatorBackground,
    Mode,
    Setting,
    TrainingKind,
)


class RequestForm(KernFormMixin, forms.Form):
    language = forms.CharField(label=_("Sprache"), max_length=60)
    dialect = forms.CharField(label=_("Dialekt (falls wichtig)"), max_length=60, required=False)
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Beginn"), widget=forms.TimeInput(attrs={"type": "time"}))
    duration_minutes = forms.IntegerField(
        label=_("Erwartete Dauer in Minuten"), min_value=15, max_value=480, initial=60
    )
    mode = forms.ChoiceField(label=_("Art des Einsatzes"), choices=Mode.choices)
    place = forms.CharField(label=_("Ort, Raum oder Einwahl"), max_length=300, required=False)
    municipality = forms.CharField(label=_("Gemeinde"), max_length=100, required=False)
    setting = forms.ChoiceField(label=_("Einsatzbereich"), choices=Setting.choices)
    topic = forms.CharField(
        label=_("Thema für die Sprachmittlung"),
        max_length=200,
        help_text=_("Nur was zur Vorbereitung nötig ist, ohne Namen von Klientinnen und Klienten."),
    )
    professional_present = forms.BooleanField(
        label=_("Eine Fachkraft unserer Einrichtung ist beim Gespräch dabei."), required=False
    )
    internal_note = forms.CharField(
        label=_("Hinweis nur für die Koordination"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttendanceForm(KernFormMixin, forms.Form):
    attended = forms.TypedChoiceField(
        label=_("Hat der Einsatz stattgefunden?"),
        choices=[("1", _("Ja")), ("0", _("Nein, die Sprachmittlung ist nicht gekommen"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    minutes = forms.IntegerField(
        label=_("Tatsächliche Dauer in Minuten"), min_value=0, max_value=600, required=False
    )
    travel_km = forms.DecimalField(
        label=_("Fahrtstrecke in km (hin und zurück)"),
        min_value=Decimal("0"),
        max_digits=6,
        decimal_places=1,
        initial=Decimal("0"),
    )
    rating = forms.TypedChoiceField(
        label=_("Wie zufrieden waren Sie? (1 = gar nicht, 5 = sehr)"),
        choices=[("", "–"), *[(str(i), str(i)) for i in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    feedback = forms.CharField(
        label=_("Rückmeldung an die Koordination"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CancelForm(KernFormMixin, forms.Form):
    reason = forms.CharField(label=_("Grund der Absage"), max_length=300)


# Back office (German only) ---------------------------------------------------------------------


class PoolForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    excluded_settings = forms.MultipleChoiceField(
        label="Ausgeschlossene Einsatzbereiche",
        choices=Setting.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    allowed_body_kinds = forms.MultipleChoiceField(
        label="Wer anfragen darf (leer: alle eingetragenen Einrichtungen)",
        choices=BodyKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipalities = forms.CharField(
        label="Gemeinden im Einsatzgebiet (eine je Zeile)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = InterpreterPool
        fields = [
            "name",
            "measure",
            "contact_email",
            "min_lead_days",
            "excluded_settings",
            "professional_required",
            "allowed_body_kinds",
            "municipalities",
            "hourly_rate",
            "km_rate",
            "rotation_days",
            "retention_days",
        ]
        # Shown and typed as German writes money: "15,00", not "15.00".
        localized_fields = ["hourly_rate", "km_rate"]

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        from teilhabe.plans.models import Measure

        measures = Measure.objects.filter(field__plan__organization=organization).select_related(
            "field__plan"
        )
        self.fields["measure"].queryset = measures
        self.fields["measure"].label_from_instance = lambda m: f"{m.field.plan.title}: {m.title}"
        if self.instance.pk:
            self.initial["version"] = self.instance.version
            self.initial["municipalities"] = "\n".join(self.instance.municipalities)

    def clean_municipalities(self):
        return [
            line.strip()
            for line in self.cleaned_data["municipalities"].splitlines()
            if line.strip()
        ]


WEEKDAYS = [(str(i), name) for i, name in enumerate(["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"])]


class MediatorForm(KernFormMixin, forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    email = forms.EmailField(label="E-Mail-Adresse")
    phone = forms.CharField(label="Telefon", max_length=40, required=False)
    background = forms.ChoiceField(label="Hintergrund", choices=MediatorBackground.choices)
    languages = forms.CharField(
        label="Sprachen",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Eine Sprache je Zeile: Sprache; Dialekt; Verstehen; Sprechen; Lesen; "
        "Schreiben — Niveau 1 (A1) bis 6 (C2), 7 = Muttersprache. Beispiel: "
        "„Arabisch; Syrisch; 7; 7; 6; 5“.",
    )
    areas = forms.CharField(
        label="Einsatzgebiet (Gemeinden, eine je Zeile; leer: überall)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    weekdays = forms.MultipleChoiceField(
        label="Verfügbare Wochentage",
        choices=WEEKDAYS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    available_from = forms.TimeField(
        label="Verfügbar ab", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    available_until = forms.TimeField(
        label="Verfügbar bis", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    modes = forms.MultipleChoiceField(
        label="Einsatzarten",
        choices=Mode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_hours_per_month = forms.IntegerField(
        label="Gewünschter Umfang (Stunden im Monat)", min_value=1, max_value=200, initial=4
    )
    confidentiality_signed_on = forms.DateField(
        label="Verschwiegenheitserklärung unterschrieben am",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_languages(self):
        levels = {level.value for level in Level}
        entries = []
        for number, line in enumerate(self.cleaned_data["languages"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(";")]
            if len(parts) == 1:
                parts += ["", "4", "4", "4", "4"]
            if len(parts) != 6 or not all(p.isdigit() and int(p) in levels for p in parts[2:]):
                raise forms.ValidationError(
                    f"Zeile {number} ist nicht lesbar: bitte „Sprache; Dialekt; Verstehen; "
                    "Sprechen; Lesen; Schreiben“ mit Niveaus von 1 bis 7."
                )
            entries.append(
                {
                    "language": parts[0],
                    "dialect": parts[1],
                    "understanding": int(parts[2]),
                    "speaking": int(parts[3]),
                    "reading": int(parts[4]),
                    "writing": int(parts[5]),
                }
            )
        if not entries:
            raise forms.ValidationError("Bitte geben Sie mindestens eine Sprache an.")
        return entries

    def clean_areas(self):
        return [line.strip() for line in self.cleaned_data["areas"].splitlines() if line.strip()]

    def clean_weekdays(self):
        return sorted(int(day) for day in self.cleaned_data["weekdays"])


class TrainingForm(KernFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Schulung", choices=TrainingKind.choices)
    completed_on = forms.DateField(
        label="Abgeschlossen am", widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label="Bemerkung", max_length=200, required=False)


class BodyForm(KernFormMixin, forms.Form):
    name = forms.CharField(label="Name der Einrichtung", max_length=200)
    kind = forms.ChoiceField(label="Art", choices=BodyKind.choices)
    municipality = forms.CharField(label="Gemeinde", max_length=100, required=False)
    address = forms.CharField(label="Anschrift", max_length=300, required=False)


class RequesterForm(KernFormMixin, forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    email = forms.EmailField(label="E-Mail-Adresse")
    phone = forms.CharField(label="Telefon", max_length=40, required=False)


class StatementForm(KernFormMixin, forms.Form):
    month = forms.DateField(
        label="Monat",
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )

"""Forms for processes, formats, group members (back office, German) and the registration for
an event (portal, translatable). They validate input only; services do the writes."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernFormMixin

from .forms_protection import TOO_LONG, ProtectedForm
from .models import (
    EVENT_KINDS,
    FormatKind,
    GroupMember,
    ParticipationFormat,
    ParticipationProcess,
    Registration,
)
from .services.processes import RESERVED_SLUGS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ProcessForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ParticipationProcess
        fields = ["title", "slug", "description", "status", "public", "ends_on", "retention_days"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "ends_on": DATE_WIDGET}
        help_texts = {
            "slug": "Teil der öffentlichen Adresse, z. B. „fachtag-2014“.",
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise ValidationError(f"Der Kurzname „{slug}“ ist für Seiten des Portals reserviert.")
        taken = ParticipationProcess.objects.filter(plan=self.plan, slug=slug).exclude(
            pk=self.instance.pk
        )
        if taken.exists():
            raise ValidationError(f"Den Kurznamen „{slug}“ hat schon ein Prozess dieses Plans.")
        return slug


# Which fields each kind of format asks for.
FORMAT_FIELDS_BY_KIND = {
    FormatKind.CONFERENCE: [
        "title",
        "description",
        "starts_at",
        "ends_at",
        "place",
        "moderation",
        "invited",
        "capacity",
        "registration_open",
        "position",
    ],
    FormatKind.WORKING_GROUP: [
        "number",
        "title",
        "theme",
        "field",
        "parent",
        "moderation",
        "description",
        "position",
    ],
    FormatKind.PROJECT_GROUP: ["title", "theme", "field", "description", "position"],
    FormatKind.ONLINE_PHASE: ["title", "description", "field", "starts_at", "ends_at", "position"],
}
FORMAT_FIELDS_BY_KIND[FormatKind.WORKSHOP] = FORMAT_FIELDS_BY_KIND[FormatKind.CONFERENCE]
FORMAT_FIELDS_BY_KIND[FormatKind.STEERING_GROUP] = FORMAT_FIELDS_BY_KIND[FormatKind.PROJECT_GROUP]


class FormatForm(KernFormMixin, forms.ModelForm):
    """One form for every kind; the kind decides which fields it shows."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ParticipationFormat
        fields = [
            "number",
            "title",
            "theme",
            "field",
            "parent",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "moderation",
            "invited",
            "capacity",
            "registration_open",
            "position",
        ]
        widgets = {
            "theme": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "invited": forms.Textarea(attrs={"rows": 3}),
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
        }
        labels = {"parent": "gehört zur Veranstaltung"}

    def __init__(self, *args, process, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process
        self.kind = kind
        wanted = FORMAT_FIELDS_BY_KIND[kind]
        for name in list(self.fields):
            if name != "version" and name not in wanted:
                del self.fields[name]
        if "field" in self.fields:
            self.fields["field"].queryset = process.plan.fields.order_by("number")
        if "parent" in self.fields:
            self.fields["parent"].queryset = process.formats.filter(kind__in=EVENT_KINDS)
        if kind == FormatKind.ONLINE_PHASE:
            self.fields["starts_at"].required = True
            self.fields["ends_at"].required = True
        if kind == FormatKind.WORKING_GROUP:
            self.fields["theme"].label = "Thema der Arbeitsgruppe"
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", "Das Ende liegt vor dem Beginn.")
        return data


class MemberForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = GroupMember
        fields = ["name", "email", "affiliation", "sector", "may_vote"]


ACCESSIBILITY_MAX = 2000


class RegistrationForm(ProtectedForm, forms.ModelForm):
    """The public registration for a Fachtag or workshop, protected like the idea form
    (honeypot, signed fill time, text checks; the flood limit is the service's)."""

    text_fields = ("name", "affiliation", "accessibility_needs", "language_help")
    # What the service takes; the honeypot and the timestamp stay in the form.
    service_fields = ("name", "email", "affiliation", "accessibility_needs", "language_help")

    class Meta:
        model = Registration
        fields = ["name", "email", "affiliation", "accessibility_needs", "language_help"]
        labels = {
            "name": _("Ihr Name"),
            "email": _("Ihre E-Mail-Adresse"),
            "affiliation": _("Organisation oder Kommune"),
            "accessibility_needs": _("Was brauchen Sie, um gut teilnehmen zu können?"),
            "language_help": _("Sprachmittlung gewünscht – für welche Sprache?"),
        }
        help_texts = {
            "email": _("An diese Adresse schicken wir die Bestätigung und eine Erinnerung."),
            "accessibility_needs": _(
                "z. B. Rollstuhlplatz, Gebärdensprache, Induktionsschleife, große Schrift"
            ),
            "language_help": _("z. B. Arabisch, Türkisch, Ukrainisch; leer lassen, wenn nicht"),
        }
        widgets = {
            "accessibility_needs": forms.Textarea(
                attrs={"rows": 3, "maxlength": ACCESSIBILITY_MAX}
            ),
        }
        error_messages = {
            "name": {"required": _("Bitte geben Sie Ihren Namen an."), "max_length": TOO_LONG},
            "email": {
                "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
                "invalid": _(
                    "Bitte prüfen Sie die E-Mail-Adresse: sie sollte aussehen wie name@beispiel.de."
                ),
                "max_length": TOO_LONG,
            },
            "affiliation": {"max_length": TOO_LONG},
            "language_help": {"max_length": TOO_LONG},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's text field has no limit of its own; the form sets one (and says so).
        needs = self.fields["accessibility_needs"]
        needs.max_length = ACCESSIBILITY_MAX
        needs.validators.append(MaxLengthValidator(ACCESSIBILITY_MAX, message=TOO_LONG))

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.service_fields}

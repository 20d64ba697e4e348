"""Back-office forms for council records. They validate input only; the writes happen in
council.services."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from teilhabe.core.forms import KernFormMixin

from .models import Committee, Consultation, Meeting, Paper, PaperType
from .selectors import link_choices
from .services import FILE_SUFFIXES

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def https_by_default(model_field, **kwargs):
    """Addresses typed without a scheme get https (Django 6's default, asked for explicitly)."""
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


class CommitteeForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Committee
        formfield_callback = https_by_default
        fields = ["name", "short_name", "kind", "web_url"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Committee.objects.for_organization(self.organization).filter(name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(f"Ein Gremium „{name}“ gibt es in dieser Organisation schon.")
        return name


class MeetingForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        formfield_callback = https_by_default
        fields = ["starts_at", "name", "location", "cancelled", "web_url"]
        widgets = {"starts_at": DATETIME_WIDGET}
        help_texts = {"name": "leer: Gremium und Datum"}


class PaperForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Paper
        formfield_callback = https_by_default
        fields = [
            "reference",
            "title",
            "paper_type",
            "date",
            "proposal",
            "reasoning",
            "financial_impact",
            "public",
            "web_url",
        ]
        widgets = {
            "date": DATE_WIDGET,
            "title": forms.TextInput(),
            "proposal": forms.Textarea(attrs={"rows": 8}),
            "reasoning": forms.Textarea(attrs={"rows": 12}),
            "financial_impact": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "public": "Nichtöffentliche Drucksachen sehen nur Mitglieder der Organisation.",
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        taken = Paper.objects.filter(organization=self.organization, reference__iexact=reference)
        if taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(
                f"Die Drucksachennummer „{reference}“ ist in dieser Organisation schon vergeben."
            )
        return reference


class ConsultationForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["committee", "meeting", "date", "role", "public", "result", "position"]
        widgets = {"date": DATE_WIDGET}
        help_texts = {
            "meeting": "Wenn die Sitzung eingetragen ist; sonst genügen Gremium und Datum.",
            "date": "leer: das Datum der Sitzung",
            "result": "z. B. „beschlossen“, „zur Kenntnis genommen“, „vertagt“",
            "position": "leer: ans Ende der Beratungsfolge",
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.for_organization(organization)
        self.fields["committee"].required = False
        self.fields["meeting"].queryset = Meeting.objects.filter(
            committee__organization=organization
        ).select_related("committee")
        self.fields["position"].required = False

    def clean(self):
        data = super().clean()
        committee, meeting = data.get("committee"), data.get("meeting")
        if committee is None and meeting is None:
            self.add_error("committee", "Bitte wählen Sie das Gremium oder eine seiner Sitzungen.")
        elif committee and meeting and meeting.committee_id != committee.pk:
            self.add_error("meeting", f"Diese Sitzung ist eine Sitzung von „{meeting.committee}“.")
        return data


class PaperFileForm(KernFormMixin, forms.Form):
    name = forms.CharField(label="Bezeichnung", max_length=300, required=False)
    upload = forms.FileField(
        label="Datei",
        required=False,
        help_text="Erlaubt: " + ", ".join(FILE_SUFFIXES),
    )
    access_url = forms.URLField(
        label="oder Adresse der Datei",
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="z. B. im Ratsinformationssystem oder auf der Website",
    )

    def clean(self):
        data = super().clean()
        if not data.get("upload") and not data.get("access_url"):
            raise ValidationError("Bitte laden Sie eine Datei hoch oder geben Sie ihre Adresse an.")
        if data.get("upload") and data.get("access_url"):
            raise ValidationError("Bitte entweder eine Datei hochladen oder eine Adresse angeben.")
        return data


class LinkForm(KernFormMixin, forms.Form):
    """One select with everything of the organisation a paper can be linked to, grouped by kind.

    Values are "<kind>:<id>" (see services.LINK_KINDS)."""

    target = forms.ChoiceField(label="Verknüpfen mit")

    def __init__(self, *args, organization, paper: Paper, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "– bitte wählen –"), *link_choices(organization)]

    def clean_target(self):
        kind, _, target_id = self.cleaned_data["target"].partition(":")
        return kind, int(target_id)


class PaperFilterForm(forms.Form):
    """Search and filters of the paper list (GET)."""

    q = forms.CharField(label="Suche nach Nummer oder Betreff", required=False)
    committee = forms.ModelChoiceField(
        label="Gremium", queryset=Committee.objects.none(), required=False, empty_label="alle"
    )
    year = forms.IntegerField(label="Jahr", required=False, min_value=1900, max_value=2100)
    paper_type = forms.ChoiceField(
        label="Art", choices=[("", "alle"), *PaperType.choices], required=False
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.for_organization(organization)

    def filters(self) -> dict:
        """The filters as `PaperQuerySet.filtered` takes them; none while the input is invalid."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "committee": data["committee"],
            "year": data["year"],
            "paper_type": data["paper_type"],
        }

"""Forms of the inventory. They validate input only; writes happen in offers.services.

The provider's form (ProviderUpdateForm) is shown in the portal in the reader's language; the
others are back-office forms in German.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import DATE_WIDGET, KernFormMixin
from teilhabe.funding.models import Application
from teilhabe.organizations.models import Organization
from teilhabe.participation.models import Recommendation
from teilhabe.plans.models import FieldOfAction, Measure
from teilhabe.practices.models import Practice

from . import languages as language_names
from .models import Network, NetworkMember, Offer, Place, Provider, TargetGroup


def https_by_default(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


def municipalities_of(organization: Organization):
    """The municipalities an offer of this inventory may serve: the organisation, its Kreis and
    the Kreis's (or its own) Gemeinden."""
    top_id = organization.parent_id or organization.pk
    return Organization.objects.filter(
        models.Q(pk__in=[organization.pk, top_id]) | models.Q(parent_id=top_id)
    ).order_by("name")


def _plan_choices(organization: Organization, form: forms.Form, *names: str) -> None:
    plans = {"plan__organization": organization}
    querysets = {
        "fields": FieldOfAction.objects.filter(**plans).select_related("plan"),
        "measures": Measure.objects.filter(field__plan__organization=organization)
        .select_related("field")
        .order_by("field__plan", "field__number", "position"),
        "recommendations": Recommendation.objects.filter(
            process__plan__organization=organization
        ).order_by("process", "number"),
        "practices": Practice.objects.of_organization(organization).order_by("title"),
        "grants": Application.objects.funded()
        .filter(call__fund__organization=organization)
        .select_related("call")
        .order_by("-call__year", "title"),
    }
    for name in names:
        form.fields[name].queryset = querysets[name]  # type: ignore[attr-defined]


class ProviderForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Provider
        formfield_callback = https_by_default
        fields = [
            "name",
            "kind",
            "description",
            "website",
            "email",
            "phone",
            "contact_name",
            "contact_email",
        ]


class OfferForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    target_groups = forms.MultipleChoiceField(
        label="Zielgruppen",
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label="Sprachen",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Sprachen, in denen das Angebot stattfindet (ISO 639).",
    )

    class Meta:
        model = Offer
        formfield_callback = https_by_default
        fields = [
            "title",
            "provider",
            "description",
            "fields",
            "target_groups",
            "languages",
            "schedule",
            "free_of_charge",
            "cost",
            "eligibility",
            "service_area",
            "contact_email",
            "contact_phone",
            "website",
            "measures",
            "recommendations",
            "practices",
            "grants",
            "state",
            "last_verified",
        ]
        widgets = {
            "fields": forms.CheckboxSelectMultiple,
            "service_area": forms.CheckboxSelectMultiple,
            "last_verified": DATE_WIDGET,
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Provider.objects.of_organization(organization)  # type: ignore[attr-defined]
        self.fields["service_area"].queryset = municipalities_of(organization)  # type: ignore[attr-defined]
        self.fields["languages"].choices = language_names.choices()  # type: ignore[attr-defined]
        _plan_choices(
            organization, self, "fields", "measures", "recommendations", "practices", "grants"
        )
        if self.instance.pk:
            self.initial["target_groups"] = [g.group for g in self.instance.target_groups.all()]
            self.initial["languages"] = [lang.code for lang in self.instance.languages.all()]


class PlaceForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Place
        fields = ["name", "street", "postal_code", "city", "wheelchair_accessible", "accessibility"]
        widgets = {
            "wheelchair_accessible": forms.Select(
                choices=[("", "keine Angabe"), ("true", "ja"), ("false", "nein")]
            )
        }


class NetworkForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Network
        fields = [
            "name",
            "kind",
            "purpose",
            "coordinated_by",
            "meeting_rhythm",
            "fields",
            "measures",
            "recommendations",
            "practices",
            "grants",
            "state",
            "last_verified",
        ]
        widgets = {"fields": forms.CheckboxSelectMultiple, "last_verified": DATE_WIDGET}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinated_by"].queryset = Provider.objects.of_organization(organization)  # type: ignore[attr-defined]
        _plan_choices(
            organization, self, "fields", "measures", "recommendations", "practices", "grants"
        )


class MemberForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = NetworkMember
        fields = ["provider", "name", "role", "member_from", "member_to"]
        widgets = {"member_from": DATE_WIDGET, "member_to": DATE_WIDGET}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Provider.objects.of_organization(organization)  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        if not data.get("provider") and not data.get("name"):
            raise forms.ValidationError(
                "Bitte wählen Sie einen Träger oder tragen Sie einen Namen ein."
            )
        start, end = data.get("member_from"), data.get("member_to")
        if start and end and end < start:
            self.add_error("member_to", "„Mitglied bis“ liegt vor „Mitglied seit“.")
        return data


class MeetingForm(KernFormMixin, forms.Form):
    date = forms.DateField(label="Datum", widget=DATE_WIDGET)
    topic = forms.CharField(label="Thema", max_length=300, required=False)
    participants = forms.IntegerField(label="Teilnehmende", min_value=0, required=False)


class ImportForm(KernFormMixin, forms.Form):
    table = forms.FileField(
        label="Tabelle (CSV oder XLSX)",
        help_text="Eine Zeile je Angebot; Spalten „Titel“ und „Träger“ sind Pflicht.",
    )

    def clean_table(self):
        upload = self.cleaned_data["table"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Bitte laden Sie eine CSV- oder XLSX-Datei hoch.")
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError("Die Datei ist größer als 10 MB.")
        return upload


class RejectForm(KernFormMixin, forms.Form):
    note = forms.CharField(
        label="Begründung (geht nicht an den Träger)", required=False, widget=forms.Textarea
    )


# The provider's form, in the portal: labels translated.
class ProviderUpdateForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    description = forms.CharField(label=_("Beschreibung"), widget=forms.Textarea, required=False)
    schedule = forms.CharField(label=_("Zeiten"), max_length=500, required=False)
    free_of_charge = forms.BooleanField(label=_("kostenlos"), required=False)
    cost = forms.CharField(label=_("Kosten"), max_length=300, required=False)
    eligibility = forms.CharField(label=_("Voraussetzungen"), max_length=500, required=False)
    contact_email = forms.EmailField(label=_("Kontakt-E-Mail"), required=False)
    contact_phone = forms.CharField(label=_("Kontakt-Telefon"), max_length=50, required=False)
    website = forms.URLField(label=_("Internetseite"), required=False, assume_scheme="https")
    target_groups = forms.MultipleChoiceField(
        label=_("Zielgruppen"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Sprachen"), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=_("Hinweis an die Koordination"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_names.choices()  # type: ignore[attr-defined]

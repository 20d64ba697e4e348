"""Forms of the fund. They validate input only; writes happen in funding.services.

Back-office forms are German; the applicant's forms (StartForm, ApplicationForm, ProofForm)
are shown in the portal in the reader's language.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import DATE_WIDGET, KernFormMixin
from teilhabe.documents.amounts import AmountError, parse_amount
from teilhabe.organizations.models import Membership, Unit, User
from teilhabe.plans.models import FieldOfAction

from .models import (
    ApplicantKind,
    Application,
    Area,
    Call,
    Criterion,
    Fund,
    LetterTemplate,
    Recommendation,
)

COST_ROWS = 12
RECEIPT_ROWS = 60
# Rows the page shows beyond those filled in; more appear after saving.
RECEIPT_ROWS_EMPTY = 5


class AmountField(forms.CharField):
    """An amount as people type it ("1.250,00", "1250", "1.250 €"): a Decimal with two places."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("maxlength", "20")

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:.2f}".replace(".", ",")
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > 30:
            raise forms.ValidationError("Das ist kein Betrag.")
        try:
            return parse_amount(text)
        except AmountError as error:
            raise forms.ValidationError(str(error)) from error


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class FundForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    annual_budget = AmountField(label="Jahresbudget (EUR)")

    class Meta:
        model = Fund
        fields = [
            "name",
            "slug",
            "purpose",
            "council_paper",
            "established_year",
            "annual_budget",
            "deciding_unit",
            "proof_due_months",
            "retention_months",
        ]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deciding_unit"].queryset = Unit.objects.of_organization(organization.pk)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class CallForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    budget = AmountField(label="Budget dieses Aufrufs (EUR)")
    min_amount = AmountField(label="Mindestbetrag (EUR)", required=False)
    max_amount = AmountField(label="Höchstbetrag (EUR)")
    areas = forms.MultipleChoiceField(
        label="Förderbereiche", choices=Area.choices, widget=forms.CheckboxSelectMultiple
    )
    eligible_kinds = forms.MultipleChoiceField(
        label="Wer kann beantragen",
        choices=ApplicantKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    criteria = forms.MultipleChoiceField(
        label="Bewertungskriterien (je 0 bis 5 Punkte)",
        choices=Criterion.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    questions_text = forms.CharField(
        label="Weitere Fragen des Antrags",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Eine Frage je Zeile, z. B. „Wie erreichen Sie Ihre Zielgruppe?“",
    )

    class Meta:
        model = Call
        fields = [
            "title",
            "text",
            "easy_text",
            "opens_on",
            "deadline",
            "budget",
            "areas",
            "eligible_kinds",
            "min_amount",
            "max_amount",
            "own_contribution_percent",
            "criteria",
            "published",
        ]
        widgets = {"opens_on": DATE_WIDGET, "deadline": DATE_WIDGET}

    field_order = ["year"]

    def __init__(self, *args, with_year: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_year:
            self.fields["year"] = forms.IntegerField(label="Jahr", min_value=2000, max_value=2100)
            self.order_fields(["year", *self.fields])
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["questions_text"].initial = "\n".join(self.instance.questions)
        else:
            self.fields["criteria"].initial = list(Criterion.values)

    def clean(self):
        data = super().clean()
        data["questions"] = _lines(data.pop("questions_text", ""))
        if data.get("min_amount") is None:
            data["min_amount"] = Decimal("0.00")
        return data


class FinanceForm(KernFormMixin, forms.Form):
    people = forms.ModelMultipleChoiceField(
        label="Kasse / Finanzverwaltung",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Diese Personen sehen das Haushaltsbuch, erfassen Zahlungen und exportieren sie.",
    )

    def __init__(self, *args, fund: Fund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = User.objects.filter(
            memberships__organization=fund.organization_id
        ).order_by("email")
        self.fields["people"].initial = list(fund.finance_people.values_list("pk", flat=True))


class ReviewerForm(KernFormMixin, forms.Form):
    user = forms.ModelChoiceField(label="Person", queryset=User.objects.none())
    kind = forms.ChoiceField(
        label="Art", choices=[("internal", "intern"), ("council", "Integrationsrat")]
    )

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(organization=call.fund.organization_id).values(
            "user_id"
        )
        self.fields["user"].queryset = (
            User.objects.filter(pk__in=members)
            .exclude(funding_reviews__call=call)
            .order_by("email")
        )


class EligibilityForm(KernFormMixin, forms.Form):
    eligible = forms.TypedChoiceField(
        label="Ergebnis der Prüfung",
        choices=[("1", "förderfähig"), ("0", "nicht förderfähig")],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(
        label="Prüfvermerk",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bei „nicht förderfähig“ die Begründung; sie steht im Schreiben an die Antragsteller.",
    )


class ReviewForm(KernFormMixin, forms.Form):
    recommendation = forms.ChoiceField(label="Empfehlung", choices=Recommendation.choices)
    recommended_amount = AmountField(
        label="Empfohlener Betrag bei teilweiser Bewilligung (EUR)", required=False
    )
    comment = forms.CharField(
        label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in call.criteria:
            if criterion in Criterion.values:
                self.fields[f"score_{criterion}"] = forms.TypedChoiceField(
                    label=Criterion(criterion).label,
                    choices=[
                        ("", "– bitte wählen –"),
                        *((str(i), f"{i} Punkte") for i in range(6)),
                    ],
                    coerce=int,
                    widget=forms.Select(attrs={"class": "kern-form-input__select"}),
                )
        self.order_fields([f for f in self.fields if f.startswith("score_")])

    def scores(self) -> dict[str, int]:
        return {
            name.removeprefix("score_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("score_")
        }


class ConflictForm(KernFormMixin, forms.Form):
    note = forms.CharField(label="Grund (für die Akte)", required=False, max_length=300)


class DecisionForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    outcome = forms.ChoiceField(
        label="Entscheidung",
        choices=[
            ("approve", "bewilligen (beantragter Betrag)"),
            ("partial", "teilweise bewilligen"),
            ("reject", "ablehnen"),
        ],
    )
    amount = AmountField(
        label="Bewilligter Betrag bei teilweiser Bewilligung (EUR)", required=False
    )
    conditions = forms.CharField(
        label="Auflagen", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reasons = forms.CharField(
        label="Begründung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bei einer Ablehnung nötig; sie steht im Schreiben.",
    )


class LateForm(KernFormMixin, forms.Form):
    note = forms.CharField(label="Grund der Nachfrist", max_length=250)


class QueryForm(KernFormMixin, forms.Form):
    text = forms.CharField(
        label="Rückfrage an die Antragsteller", widget=forms.Textarea(attrs={"rows": 3})
    )


class PaymentForm(KernFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Art", choices=[("payout", "Auszahlung"), ("return", "Rückzahlung")]
    )
    amount = AmountField(label="Betrag (EUR)")
    booked_on = forms.DateField(label="Datum", widget=DATE_WIDGET)
    note = forms.CharField(label="Vermerk", required=False, max_length=200)


class ProofAcceptForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(
        label="Prüfvermerk", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    repayment_claim = AmountField(label="Rückforderung (EUR)", required=False)
    repayment_reason = forms.CharField(
        label="Grund der Rückforderung", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class LetterTemplateForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = LetterTemplate
        fields = ["subject", "body", "signature"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


# --- The applicant's forms (portal, translated) ----------------------------------------------


class StartForm(KernFormMixin, forms.Form):
    applicant_name = forms.CharField(
        label=_("Name Ihrer Organisation oder Initiative"), max_length=200
    )
    applicant_kind = forms.ChoiceField(
        label=_("Art der Organisation"), choices=ApplicantKind.choices
    )
    contact_name = forms.CharField(label=_("Ihr Name"), max_length=200)
    contact_email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        help_text=_("Hierhin schicken wir den persönlichen Link zu Ihrem Antrag."),
    )
    title = forms.CharField(label=_("Titel des Projekts"), max_length=200)
    privacy = forms.BooleanField(
        label=_(
            "Ich habe die Hinweise zum Datenschutz gelesen. Meine Angaben werden nur für die "
            "Bearbeitung des Antrags verwendet."
        )
    )


class ApplicationForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    applicant_name = forms.CharField(
        label=_("Name Ihrer Organisation oder Initiative"), max_length=200
    )
    applicant_kind = forms.ChoiceField(
        label=_("Art der Organisation"), choices=ApplicantKind.choices
    )
    contact_name = forms.CharField(label=_("Ansprechperson"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-Mail-Adresse"))
    contact_phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    address = forms.CharField(
        label=_("Anschrift"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    title = forms.CharField(label=_("Titel des Projekts"), max_length=200)
    summary = forms.CharField(
        label=_("Kurzbeschreibung für die Öffentlichkeit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Zwei oder drei Sätze. Sie erscheinen im Portal, wenn das Projekt gefördert wird."
        ),
    )
    description = forms.CharField(
        label=_("Projektbeschreibung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Was haben Sie vor? Mit wem? Was soll sich dadurch ändern?"),
    )
    target_groups = forms.CharField(label=_("Zielgruppen"), max_length=300, required=False)
    area = forms.ChoiceField(label=_("Förderbereich"), required=False)
    plan_fields = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder des Integrationsplans"),
        queryset=FieldOfAction.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = forms.CharField(label=_("Stadt oder Gemeinde"), max_length=120, required=False)
    starts_on = forms.DateField(label=_("Projektbeginn"), required=False, widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Projektende"), required=False, widget=DATE_WIDGET)
    requested_amount = AmountField(label=_("Beantragter Betrag (EUR)"), required=False)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        call = application.call
        self.fields["area"].choices = [("", "–")] + [
            (value, label) for value, label in Area.choices if not call.areas or value in call.areas
        ]
        self.fields["plan_fields"].queryset = (
            FieldOfAction.objects.filter(plan__organization=call.fund.organization_id)
            .exclude(plan__status="draft")
            .order_by("plan", "number")
        )
        for index, question in enumerate(call.questions):
            # Added after KernFormMixin styled the declared fields: styled here.
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "class": "kern-form-input__input"}),
            )
        if not self.is_bound:
            self.fields["version"].initial = application.version
            # Every field named like the application's own column starts from its value.
            for name in self.fields:
                if name != "version" and hasattr(Application, name):
                    self.fields[name].initial = getattr(application, name)
            self.fields["plan_fields"].initial = [f.pk for f in application.fields.all()]
            for index, question in enumerate(call.questions):
                self.fields[f"answer_{index}"].initial = (application.answers or {}).get(
                    question, ""
                )
        else:
            self.fields["version"].initial = application.version
        self.questions = list(call.questions)

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("plan_fields", None)
        answers = {
            question: data.pop(f"answer_{index}", "")
            for index, question in enumerate(self.questions)
        }
        data["answers"] = answers
        if data.get("requested_amount") is None:
            data["requested_amount"] = Decimal("0.00")
        return data


def cost_rows_from(post) -> list[tuple[str, str, str]]:
    return [
        (
            post.get(f"cost-{i}-kind", ""),
            post.get(f"cost-{i}-label", ""),
            post.get(f"cost-{i}-amount", ""),
        )
        for i in range(COST_ROWS)
    ]


def receipt_rows_from(post) -> list[tuple[str, str, str, str]]:
    return [
        (
            post.get(f"receipt-{i}-date", ""),
            post.get(f"receipt-{i}-payee", ""),
            post.get(f"receipt-{i}-purpose", ""),
            post.get(f"receipt-{i}-amount", ""),
        )
        for i in range(RECEIPT_ROWS)
    ]

"""Back-office forms of plans. They validate input only; the writes happen in the services."""

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from teilhabe.core.forms import DATE_WIDGET, KernFormMixin
from teilhabe.documents.progress_table import ROLE_LABELS, STATUS_LABELS, Role, TableMapping
from teilhabe.documents.status import StatusKey
from teilhabe.organizations.models import Organization, Unit

from .models import (
    DraftVisibility,
    FieldOfAction,
    Goal,
    Measure,
    Milestone,
    Plan,
    ProgressEntry,
    ProgressReport,
)


class PlanForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "title",
            "slug",
            "status",
            "introduction",
            "adopted_on",
            "council_reference",
            "period_start",
            "period_end",
            "predecessor",
            "draft_visibility",
        ]
        widgets = {
            "draft_visibility": forms.RadioSelect,
            "adopted_on": DATE_WIDGET,
            "period_start": DATE_WIDGET,
            "period_end": DATE_WIDGET,
            "introduction": forms.Textarea(attrs={"rows": 5}),
        }

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["predecessor"].queryset = Plan.objects.filter(organization=organization)
        # Left out of a submission (an older form, the API): the plan keeps what it had, a new
        # plan stays internal.
        self.fields["draft_visibility"].required = False
        if self.instance.pk:
            self.fields["predecessor"].queryset = self.fields["predecessor"].queryset.exclude(
                pk=self.instance.pk
            )
            self.fields["version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        if not data.get("draft_visibility"):
            data["draft_visibility"] = self.instance.draft_visibility or DraftVisibility.INTERNAL
        if data.get("status") == "adopted" and not data.get("adopted_on"):
            self.add_error(
                "adopted_on", "Ein beschlossener Plan braucht das Datum des Beschlusses."
            )
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Das Ende der Laufzeit liegt vor ihrem Beginn.")
        return data


class FieldOfActionForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FieldOfAction
        fields = ["number", "title", "motto", "introduction", "page_range", "recommendation_count"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = FieldOfAction.objects.filter(plan=self.plan, number=number).exclude(
            pk=self.instance.pk
        )
        if taken.exists():
            raise ValidationError(f"Das Handlungsfeld Nr. {number} gibt es in diesem Plan schon.")
        return number


class GoalForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class MeasureForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Measure
        fields = [
            "number",
            "title",
            "description",
            "goal",
            "lead_unit",
            "lead_organization",
            "partners",
            "responsibility",
            "priority",
            "starts_on",
            "ends_on",
            "ongoing",
            "planned_cost",
            "weight",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
        }

    def __init__(self, *args, field: FieldOfAction, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_of_action = field
        organization = field.plan.organization
        self.fields["number"].required = False
        self.fields[
            "number"
        ].help_text = "z. B. 2a oder 4.12 – leer lassen für die nächste freie Nummer."
        self.fields["goal"].queryset = Goal.objects.filter(field=field)
        self.fields["lead_unit"].queryset = Unit.objects.filter(organization=organization)
        self.fields["lead_organization"].queryset = Organization.objects.exclude(pk=organization.pk)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_number(self):
        number = self.cleaned_data.get("number", "").strip()
        if number:
            taken = Measure.objects.filter(field=self.field_of_action, number=number).exclude(
                pk=self.instance.pk
            )
            if taken.exists():
                raise ValidationError(
                    f"Die Nummer {number} ist in diesem Handlungsfeld schon vergeben."
                )
        return number

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "Das Ende liegt vor dem Beginn.")
        if data.get("ongoing") and end:
            self.add_error(
                "ends_on",
                "Eine Daueraufgabe hat kein Ende – bitte das Enddatum leeren oder „Daueraufgabe“ abwählen.",
            )
        if data.get("lead_unit") and data.get("lead_organization"):
            self.add_error(
                "lead_organization",
                "Bitte entweder ein eigenes Amt oder eine andere Organisation als federführend angeben, nicht beides.",
            )
        return data


class ReportCreateForm(KernFormMixin, forms.Form):
    title = forms.CharField(label="Titel", max_length=300)
    as_of = forms.DateField(
        label="Stand", widget=DATE_WIDGET, help_text="Das Datum, auf das sich die Bilanz bezieht."
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        if ProgressReport.objects.filter(plan=self.plan, as_of=as_of).exists():
            raise ValidationError(f"Es gibt schon eine Bilanz mit Stand {as_of:%d.%m.%Y}.")
        return as_of


class ReportForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ProgressReport
        fields = ["title", "as_of", "introduction", "outlook"]
        widgets = {
            "as_of": DATE_WIDGET,
            "introduction": forms.Textarea(attrs={"rows": 8}),
            "outlook": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


class EntryForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    percent = forms.IntegerField(
        label="Prozent umgesetzt",
        required=False,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1, "inputmode": "numeric"}),
        help_text="0 bis 100. Bei „umgesetzt“ gilt 100, bei „nicht umgesetzt“ 0.",
    )

    class Meta:
        model = ProgressEntry
        fields = ["status", "percent", "description", "original_wording"]
        widgets = {
            "percent": forms.NumberInput(
                attrs={"min": 0, "max": 100, "step": 1, "inputmode": "numeric"}
            ),
            "description": forms.Textarea(attrs={"rows": 4}),
            "original_wording": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["version"].initial = self.instance.version

    def _post_clean(self):
        # Constraints are checked by the service after status-dependent percent normalisation.
        pass


class ExampleForm(KernFormMixin, forms.Form):
    field = forms.ModelChoiceField(label="Handlungsfeld", queryset=FieldOfAction.objects.none())
    text = forms.CharField(label="Beispiel", widget=forms.Textarea(attrs={"rows": 3}))
    place = forms.CharField(label="Ort", required=False, max_length=200)
    provider = forms.CharField(label="Träger", required=False, max_length=300)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = FieldOfAction.objects.for_plan(plan)


class UpdateRequestForm(KernFormMixin, forms.Form):
    due_on = forms.DateField(label="Rückmeldung bis", widget=DATE_WIDGET)

    message = forms.CharField(
        label="Nachricht an die Ämter",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wird in die E-Mail übernommen.",
    )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on <= timezone.localdate():
            raise ValidationError("Das Datum für die Rückmeldung muss in der Zukunft liegen.")
        return due_on


class BilanzUploadForm(KernFormMixin, forms.Form):
    file = forms.FileField(
        label="Bilanz-Dokument",
        help_text="Text (.txt), Word (.docx) oder PDF (.pdf), höchstens 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,.pdf"}),
    )


class MilestoneForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Milestone
        fields = ["kind", "title", "description", "due_on", "done_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "due_on": DATE_WIDGET,
            "done_on": DATE_WIDGET,
        }
        help_texts = {
            "due_on": "Bis wann der Meilenstein erreicht sein soll. Ist der Tag vorbei und "
            "kein Erledigt-Datum eingetragen, gilt er als überfällig.",
            "done_on": "Leer lassen, solange der Meilenstein nicht erreicht ist.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_done_on(self):
        done_on = self.cleaned_data.get("done_on")
        if done_on and done_on > timezone.localdate():
            raise forms.ValidationError(
                "Das Erledigt-Datum liegt in der Zukunft. Tragen Sie es ein, wenn der "
                "Meilenstein erreicht ist, und bis dahin nur „geplant bis“."
            )
        return done_on


def _word_field_name(word: str) -> str:
    return "status_" + hashlib.sha256(word.encode()).hexdigest()[:10]


class TableMappingForm(KernFormMixin, forms.Form):
    """The reading of a progress table, as the coordinator corrects it: a role per column, a
    status per status word, the report's date and, for a new plan, its title."""

    as_of = forms.DateField(
        label="Stand der Bilanz",
        widget=DATE_WIDGET,
        help_text="Das Datum, auf das sich die Angaben beziehen.",
    )
    plan_title = forms.CharField(label="Titel des neuen Plans", max_length=300, required=False)

    def __init__(self, *args, mapping: TableMapping, new_plan: bool, **kwargs):
        self.mapping = mapping
        super_fields = {}
        for index, header in enumerate(mapping.columns):
            super_fields[f"role_{index}"] = forms.ChoiceField(
                label=f"Spalte {index + 1}: „{header or '(ohne Überschrift)'}“",
                choices=[(role.value, label) for role, label in ROLE_LABELS.items()],
                initial=mapping.roles[index].value,
            )
        for word, key in mapping.statuses.items():
            super_fields[_word_field_name(word)] = forms.ChoiceField(
                label=f"„{word}“",
                choices=[(status.value, label) for status, label in STATUS_LABELS.items()],
                initial=key.value,
            )
        super().__init__(*args, **kwargs)
        # Role and status fields come after the date, in the order of the table; they are added
        # after KernFormMixin set its classes, so they get theirs here.
        self.fields.update(super_fields)
        if not new_plan:
            del self.fields["plan_title"]
        for name in super_fields:
            self.fields[name].widget.attrs["class"] = "kern-form-input__select"

    @property
    def role_fields(self):
        return [self[f"role_{index}"] for index in range(len(self.mapping.columns))]

    @property
    def status_fields(self):
        return [self[_word_field_name(word)] for word in self.mapping.statuses]

    def clean(self):
        cleaned = super().clean()
        roles = [cleaned.get(f"role_{index}") for index in range(len(self.mapping.columns))]
        if Role.TITLE.value not in roles:
            raise ValidationError(
                f"Eine Spalte muss die Rolle „{ROLE_LABELS[Role.TITLE]}“ haben: sie gibt den "
                "Maßnahmen ihren Titel."
            )
        return cleaned

    def corrected_mapping(self) -> TableMapping:
        roles = tuple(
            Role(self.cleaned_data[f"role_{index}"]) for index in range(len(self.mapping.columns))
        )
        statuses = {
            word: StatusKey(self.cleaned_data[_word_field_name(word)])
            for word in self.mapping.statuses
        }
        return TableMapping(columns=self.mapping.columns, roles=roles, statuses=statuses)

"""Forms of prioritisation: the coordinator's settings, a member's ballot, and the grid for
typing in paper ballots. They parse input; the rules of a ballot live in the service, whose
messages the views put next to the fields concerned."""

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernFormMixin
from teilhabe.plans.models import Measure

from .models import PrioritizationMethod, Recommendation
from .services.prioritization import BallotError, option_label, rank_limit


class PrioritizationForm(KernFormMixin, forms.Form):
    """Create or change a prioritisation (back office, German only)."""

    title = forms.CharField(label="Titel", max_length=300)
    method = forms.ChoiceField(
        label="Verfahren",
        choices=PrioritizationMethod.choices,
        widget=forms.RadioSelect,
        help_text="Punktevergabe: Klebepunkte verteilen. Rangfolge: Einträge der Reihe nach ordnen.",
    )
    points_per_member = forms.IntegerField(
        label="Punkte je Mitglied", min_value=1, max_value=100, initial=5, required=False
    )
    max_points_per_option = forms.IntegerField(
        label="Höchstens Punkte je Eintrag",
        min_value=1,
        max_value=100,
        required=False,
        help_text="Leer: beliebig viele Punkte auf einen Eintrag.",
    )
    all_points_required = forms.BooleanField(
        label="Alle Punkte müssen vergeben werden",
        required=False,
        help_text="Sonst dürfen Mitglieder Punkte übrig lassen.",
    )
    ranks_per_member = forms.IntegerField(
        label="Anzahl der Ränge",
        min_value=1,
        max_value=200,
        required=False,
        help_text="Nur bei Rangfolge: so viele Einträge ordnet jedes Mitglied (die wichtigsten). "
        "Leer: alle Einträge.",
    )
    recommendations = forms.ModelMultipleChoiceField(
        label="Empfehlungen des Beteiligungsprozesses",
        queryset=Recommendation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    measures = forms.ModelMultipleChoiceField(
        label="Maßnahmen des Plans",
        queryset=Measure.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, process, instance=None, locked: bool = False, **kwargs):
        if instance is not None and not kwargs.get("initial"):
            options = list(instance.options.all())
            kwargs["initial"] = {
                "title": instance.title,
                "method": instance.method,
                "points_per_member": instance.points_per_member,
                "max_points_per_option": instance.max_points_per_option,
                "all_points_required": instance.all_points_required,
                "ranks_per_member": instance.ranks_per_member,
                "recommendations": [o.recommendation_id for o in options if o.recommendation_id],
                "measures": [o.measure_id for o in options if o.measure_id],
                "version": instance.version,
            }
        super().__init__(*args, **kwargs)
        self.fields["recommendations"].queryset = Recommendation.objects.filter(
            process=process
        ).order_by("number")
        self.fields["measures"].queryset = (
            Measure.objects.filter(field__plan_id=process.plan_id)
            .select_related("field")
            .order_by("field__number", "position", "id")
        )
        self.fields["recommendations"].label_from_instance = lambda r: f"{r.number}. {r.text}"
        self.fields["measures"].label_from_instance = lambda m: f"{m.number} {m.title}"
        # Once somebody voted, only the title may change (the service enforces it too).
        self.locked = locked
        if locked:
            for name, field in self.fields.items():
                if name not in ("title", "version"):
                    field.disabled = True

    def clean(self):
        data = super().clean()
        method = data.get("method")
        if method == PrioritizationMethod.DOTS and not data.get("points_per_member"):
            self.add_error(
                "points_per_member", "Bitte geben Sie an, wie viele Punkte jedes Mitglied hat."
            )
        most, points = data.get("max_points_per_option"), data.get("points_per_member")
        if method == PrioritizationMethod.DOTS and most and points and most > points:
            self.add_error(
                "max_points_per_option",
                f"Höchstens so viele Punkte je Eintrag, wie jedes Mitglied insgesamt hat ({points}).",
            )
        entries = [*data.get("recommendations", []), *data.get("measures", [])]
        if not self.locked and len(entries) < 2:
            self.add_error(None, "Bitte wählen Sie mindestens zwei Einträge zur Abstimmung.")
        return data

    def settings(self) -> dict:
        """The settings as the service takes them; the other method's fields at their default."""
        data = self.cleaned_data
        dots = data["method"] == PrioritizationMethod.DOTS
        return {
            "title": data["title"],
            "method": data["method"],
            "points_per_member": data.get("points_per_member") or 5,
            "max_points_per_option": data.get("max_points_per_option") if dots else None,
            "all_points_required": bool(data.get("all_points_required")) if dots else False,
            "ranks_per_member": None if dots else data.get("ranks_per_member"),
        }

    def entries(self) -> list:
        return [*self.cleaned_data["recommendations"], *self.cleaned_data["measures"]]


def option_field_name(option_id: int) -> str:
    return f"option_{option_id}"


class BallotForm(forms.Form):
    """A member's ballot: a number per entry (points, or a rank). Plain number inputs, so it
    works by keyboard, with screen readers and without JavaScript."""

    def __init__(self, *args, prioritization, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.prioritization = prioritization
        self.options = options
        self.is_dots = prioritization.method == PrioritizationMethod.DOTS
        self.limit = rank_limit(prioritization, len(options))
        for option in options:
            if self.is_dots:
                top = prioritization.max_points_per_option or prioritization.points_per_member
                field = forms.IntegerField(
                    required=False,
                    min_value=0,
                    max_value=top,
                    error_messages={
                        "invalid": _("Bitte eine ganze Zahl eintragen."),
                        "min_value": _("Bitte keine negativen Zahlen."),
                        "max_value": _("Höchstens %(limit_value)s Punkte je Eintrag."),
                    },
                )
            else:
                field = forms.IntegerField(
                    required=False,
                    min_value=1,
                    max_value=self.limit,
                    error_messages={
                        "invalid": _("Bitte eine ganze Zahl eintragen."),
                        "min_value": _("Rang 1 ist der höchste Rang."),
                        "max_value": _("Bitte nur Ränge bis %(limit_value)s vergeben."),
                    },
                )
            field.label = option_label(option)
            field.widget.attrs.update(
                {"class": "kern-form-input__input ballot__input", "inputmode": "numeric"}
            )
            self.fields[option_field_name(option.pk)] = field

    def rows(self):
        """(option, bound field) pairs for the template."""
        return [(option, self[option_field_name(option.pk)]) for option in self.options]

    def values(self) -> dict[int, int | None]:
        return {
            option.pk: self.cleaned_data.get(option_field_name(option.pk))
            for option in self.options
        }

    def add_ballot_error(self, error: BallotError) -> None:
        for option_id, messages in error.errors.items():
            name = option_field_name(option_id) if option_id is not None else None
            for message in messages:
                self.add_error(name if name in self.fields else None, message)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"id_{name}_error"


def encode_ballot(ballot: dict[int, int]) -> str:
    """A ballot as a short text for a hidden field ("12:3,15:1")."""
    return ",".join(f"{option_id}:{value}" for option_id, value in sorted(ballot.items()))


def decode_ballot(text: str) -> dict[int, int]:
    ballot = {}
    for part in (text or "").split(","):
        if not part:
            continue
        option_id, _sep, value = part.partition(":")
        if option_id.isdigit() and value.isdigit():
            ballot[int(option_id)] = int(value)
    return ballot


class BallotGridForm(forms.Form):
    """Paper ballots: members × entries, a number per cell (points, or a rank). Each row also
    carries the ballot as it was shown, so rows nobody touched stay as they are."""

    def __init__(self, *args, prioritization, options, members, ballots, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options
        self.members = members
        self.row_errors: dict[int, str] = {}
        is_dots = prioritization.method == PrioritizationMethod.DOTS
        top = (
            (prioritization.max_points_per_option or prioritization.points_per_member)
            if is_dots
            else rank_limit(prioritization, len(options))
        )
        for member in members:
            shown = ballots.get(member.pk, {})
            self.fields[f"shown_{member.pk}"] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=encode_ballot(shown)
            )
            for option in options:
                field = forms.IntegerField(
                    required=False,
                    min_value=0 if is_dots else 1,
                    max_value=top,
                    initial=shown.get(option.pk),
                    label=f"{member.name}: {option_label(option)}",
                    error_messages={"invalid": "Bitte eine ganze Zahl eintragen."},
                )
                field.widget.attrs.update(
                    {"class": "kern-form-input__input ballot-grid__input", "inputmode": "numeric"}
                )
                self.fields[self.cell_name(member.pk, option.pk)] = field

    @staticmethod
    def cell_name(member_id: int, option_id: int) -> str:
        return f"m{member_id}_o{option_id}"

    def grid(self):
        """Rows for the template: (member, shown field, [bound cells], row error)."""
        return [
            (
                member,
                self[f"shown_{member.pk}"],
                [self[self.cell_name(member.pk, option.pk)] for option in self.options],
                self.row_errors.get(member.pk, ""),
            )
            for member in self.members
        ]

    def ballots(self) -> dict[int, dict[int, int | None]]:
        return {
            member.pk: {
                option.pk: self.cleaned_data.get(self.cell_name(member.pk, option.pk))
                for option in self.options
            }
            for member in self.members
        }

    def shown(self) -> dict[int, dict[int, int]]:
        return {
            member.pk: decode_ballot(self.cleaned_data.get(f"shown_{member.pk}", ""))
            for member in self.members
        }

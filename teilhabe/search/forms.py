"""The public search form: what a reader may ask for, checked before anything reaches the index.

Every choice is built from public data. Field and office only narrow a search within one
organisation (their lists depend on it); without an organisation they are ignored.
"""

from __future__ import annotations

import unicodedata
from html import escape

from django import forms
from django.db.models import F
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname

from teilhabe.organizations.models import Organization, Unit
from teilhabe.plans.models import FieldOfAction, Measure, Plan, ProgressStatus
from teilhabe.portal.pages import public_organizations

from .engine import Filters
from .results import MAX_PAGE
from .text import MAX_QUERY_LENGTH, QueryError, parse_query

# Control and format characters are never part of a search: NUL bytes would not even reach
# PostgreSQL, bidi overrides and zero-width characters only hide what was typed.
_DROPPED = {"Cf", "Cs", "Co", "Cn"}


def _clean_text(value: str) -> str:
    kept = []
    for char in value:
        category = unicodedata.category(char)
        if category == "Cc":
            kept.append(" ")
        elif category not in _DROPPED:
            kept.append(char)
    return " ".join("".join(kept).split())


class QueryField(forms.CharField):
    def to_python(self, value):
        return _clean_text(super().to_python(value))


class FastSelect(forms.Select):
    """A select whose options are written directly: the list of a whole Land's organisations
    has over a thousand, and rendering each through a template would dominate the page.
    Every value and label is escaped."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = "" if value is None else str(value)

        def options(choices) -> str:
            parts = []
            for option_value, label in choices:
                if isinstance(label, list | tuple):
                    parts.append(f'<optgroup label="{escape(str(option_value))}">')
                    parts.append(options(label))
                    parts.append("</optgroup>")
                else:
                    mark = " selected" if str(option_value) == selected else ""
                    parts.append(
                        f'<option value="{escape(str(option_value))}"{mark}>'
                        f"{escape(str(label))}</option>"
                    )
            return "".join(parts)

        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return mark_safe(f"<select{flatatt(final_attrs)}>{options(self.choices)}</select>")  # noqa: S308


class SearchForm(forms.Form):
    q = QueryField(
        label=_("Suchbegriff"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "class": "kern-form-input__input"}),
        error_messages={
            "max_length": _("Der Suchbegriff ist zu lang: höchstens %(limit_value)d Zeichen.")
        },
    )
    organisation = forms.ChoiceField(
        label=_("Organisation"),
        required=False,
        widget=FastSelect(attrs={"class": "kern-form-input__select"}),
        error_messages={"invalid_choice": _("Diese Organisation gibt es hier nicht.")},
    )
    feld = forms.IntegerField(
        label=_("Handlungsfeld"),
        required=False,
        min_value=1,
        max_value=32767,
        widget=FastSelect(attrs={"class": "kern-form-input__select"}),
        error_messages={
            key: _("Bitte wählen Sie ein Handlungsfeld aus der Liste.")
            for key in ("invalid", "min_value", "max_value")
        },
    )
    status = forms.ChoiceField(
        label=_("Umsetzungsstand"),
        required=False,
        choices=[("", _("alle"))] + list(ProgressStatus.choices),
        widget=FastSelect(attrs={"class": "kern-form-input__select"}),
        error_messages={"invalid_choice": _("Diesen Umsetzungsstand gibt es nicht.")},
    )
    amt = forms.CharField(
        label=_("Zuständig"),
        required=False,
        max_length=100,
        widget=FastSelect(attrs={"class": "kern-form-input__select"}),
    )
    page = forms.CharField(required=False)

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.query = None
        organizations = list(
            public_organizations().order_by("name").values_list("pk", "slug", "name")
        )
        self.fields["organisation"].choices = [("", _("alle Organisationen"))] + [
            (slug, name) for _pk, slug, name in organizations
        ]
        slug = self.data.get("organisation") if self.is_bound else self.initial.get("organisation")
        chosen = next((pk for pk, org_slug, _name in organizations if org_slug == slug), None)
        self.organization = Organization.objects.get(pk=chosen) if chosen else None
        self.field_numbers: set[int] = set()
        self.offices: dict[str, tuple[str, int]] = {}
        if self.organization is None:
            return
        plans = Plan.objects.public().filter(organization=self.organization)
        fields = (
            FieldOfAction.objects.filter(plan__in=plans)
            .only("number", *_localized("title"))
            .order_by("number", "plan__status", F("plan__adopted_on").desc(nulls_last=True))
        )
        field_choices = [("", _("alle Handlungsfelder"))]
        for field in fields:
            if field.number not in self.field_numbers:
                self.field_numbers.add(field.number)
                field_choices.append((str(field.number), f"{field.number}. {field.title}"))
        self.fields["feld"].widget.choices = field_choices
        measures = Measure.objects.filter(field__plan__in=plans).order_by()
        units = Unit.objects.filter(pk__in=measures.values("lead_unit_id")).order_by("name")
        others = Organization.objects.filter(
            pk__in=measures.values("lead_organization_id")
        ).order_by("name")
        unit_choices = [(str(unit.pk), unit.name) for unit in units]
        other_choices = [(org.slug, org.name) for org in others]
        self.offices = {value: ("unit", int(value)) for value, _name in unit_choices}
        self.offices.update({org.slug: ("organization", org.pk) for org in others})
        choices = [("", _("alle"))]
        if unit_choices:
            choices.append((_("Ämter"), unit_choices))
        if other_choices:
            choices.append((_("andere Stellen"), other_choices))
        self.fields["amt"].widget.choices = choices

    def clean_q(self):
        text = self.cleaned_data["q"]
        if text:
            try:
                self.query = parse_query(text, self.language)
            except QueryError as error:
                raise forms.ValidationError(str(error)) from error
        return text

    def clean_page(self):
        value = self.cleaned_data["page"]
        if not value:
            return 1
        if not (
            value.isascii() and value.isdigit() and len(value) <= 4 and 1 <= int(value) <= MAX_PAGE
        ):
            raise forms.ValidationError(
                gettext("Die Seitenzahl muss eine ganze Zahl von 1 bis %(max)d sein.")
                % {"max": MAX_PAGE}
            )
        return int(value)

    def clean_feld(self):
        number = self.cleaned_data["feld"]
        if number is None or self.organization is None:
            return None
        if number not in self.field_numbers:
            raise forms.ValidationError(
                gettext("Dieses Handlungsfeld gibt es bei %(name)s nicht.")
                % {"name": self.organization.name}
            )
        return number

    def clean_amt(self):
        value = self.cleaned_data["amt"]
        if not value or self.organization is None:
            return None
        if value not in self.offices:
            raise forms.ValidationError(
                gettext("Diese Stelle ist bei %(name)s für keine Maßnahme zuständig.")
                % {"name": self.organization.name}
            )
        return self.offices[value]

    @property
    def has_filters(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("organisation") or data.get("status"))

    def filters(self) -> Filters:
        data = self.cleaned_data
        office = data.get("amt")
        return Filters(
            organization_id=self.organization.pk if self.organization else None,
            field_number=data.get("feld"),
            status=data.get("status") or "",
            lead_unit_id=office[1] if office and office[0] == "unit" else None,
            lead_organization_id=office[1] if office and office[0] == "organization" else None,
        )

    def error_messages(self) -> list[str]:
        return [str(message) for errors in self.errors.values() for message in errors]


def _localized(name: str) -> list[str]:
    return [name] + [build_localized_fieldname(name, code) for code in AVAILABLE_LANGUAGES]

"""The public search form: what a reader may ask for, checked before anything reaches the index.

Every choice is built from public data. Field and office only narrow a search within one
organisation (their lists depend on it); without an organisation they are ignored.
"""

from __future__ import annotations

import unicodedata
from html import escape

from django import forms
from django.core.cache import cache
from django.db.models import F
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname

from teilhabe.organizations.models import Organization, Unit
from teilhabe.plans.models import FieldOfAction, Measure, Plan, ProgressStatus
from teilhabe.plans.selectors import public_organizations

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


def _options(choices, selected: str) -> str:
    parts = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            parts.append(f'<optgroup label="{escape(str(value))}">')
            parts.append(_options(label, selected))
            parts.append("</optgroup>")
        else:
            mark = " selected" if str(value) == selected else ""
            parts.append(
                f'<option value="{escape(str(value))}"{mark}>{escape(str(label))}</option>'
            )
    return "".join(parts)


class FastSelect(forms.Select):
    """A select whose options are written directly: the list of a whole Land's organisations
    has over a thousand, and rendering each through a template would dominate the page.
    Every value and label is escaped.

    `options_html` is a prepared list of options without a selection (Django would normalise
    `choices` on every copy of the form's fields); the selected one is marked when rendering.
    """

    options_html = None

    def render(self, name, value, attrs=None, renderer=None):
        selected = "" if value is None else str(value)
        if self.options_html is None:
            options = _options(self.choices, selected)
        else:
            options = self.options_html
            if selected:
                option = f'<option value="{escape(selected)}">'
                options = options.replace(option, option[:-1] + " selected>", 1)
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")  # noqa: S308


# The organisations change when a plan is adopted or withdrawn: rarely. A minute's delay in the
# list costs nothing (the index itself is always current), a query and a thousand rows per search
# would.
ORGANIZATIONS_TTL = 60


def organization_choices() -> tuple[str, dict[str, int]]:
    """The public organisations as options of the select, grouped by Landkreis, and their ids
    by slug."""
    return cache.get_or_set("search:organization-choices", _organization_choices, ORGANIZATIONS_TTL)


def _organization_choices() -> tuple[str, dict[str, int]]:
    rows = list(
        public_organizations()
        .order_by("name")
        .values_list("pk", "slug", "name", "parent_id", "parent__name")
    )
    members: dict[int, list] = {}
    for _pk, slug, name, parent_id, _parent_name in rows:
        if parent_id is not None:
            members.setdefault(parent_id, []).append((slug, name))
    choices, grouped = [], set()
    for pk, slug, name, parent_id, _parent_name in rows:
        if parent_id is None and pk in members:
            choices.append((name, [(slug, name), *members[pk]]))
            grouped.add(pk)
    for _pk, _slug, _name, parent_id, parent_name in rows:
        # Members of a Landkreis that publishes nothing itself still appear under its name.
        if parent_id is not None and parent_id not in grouped:
            grouped.add(parent_id)
            choices.append((parent_name, members[parent_id]))
    for pk, slug, name, parent_id, _parent_name in rows:
        if parent_id is None and pk not in members:
            choices.append((slug, name))
    choices.sort(key=lambda choice: choice[0] if isinstance(choice[1], list) else choice[1])
    return _options(choices, ""), {slug: pk for pk, slug, *_rest in rows}


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
    organisation = forms.CharField(
        label=_("Organisation"),
        required=False,
        widget=FastSelect(attrs={"class": "kern-form-input__select"}),
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
        choices=[("", _("alle")), *ProgressStatus.choices],
        widget=FastSelect(attrs={"class": "kern-form-input__select"}),
        error_messages={"invalid_choice": _("Diesen Umsetzungsstand gibt es nicht.")},
    )
    amt = forms.CharField(
        label=_("Zuständig"),
        required=False,
        widget=FastSelect(attrs={"class": "kern-form-input__select"}),
    )
    page = forms.CharField(required=False)

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.query = None
        options_html, ids = organization_choices()
        self.organization_ids = ids
        everyone = escape(gettext("alle Organisationen"))
        self.fields[
            "organisation"
        ].widget.options_html = f'<option value="">{everyone}</option>{options_html}'
        slug = self.data.get("organisation") if self.is_bound else self.initial.get("organisation")
        chosen = ids.get(slug) if isinstance(slug, str) else None
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

    def clean_organisation(self):
        slug = self.cleaned_data["organisation"]
        if slug and slug not in self.organization_ids:
            raise forms.ValidationError(gettext("Diese Organisation gibt es hier nicht."))
        return slug

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

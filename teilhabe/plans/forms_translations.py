"""The back-office form for translating a plan's public texts. It validates input only; the
writes happen in the services."""

from dataclasses import dataclass

from django import forms

from teilhabe.core.forms import KernFormMixin

from . import translations
from .services.translations import TranslationChange

# The textarea of a short text (a title) is small; long texts get room.
SHORT_TEXT_ROWS = 2
LONG_TEXT_ROWS = 6


@dataclass
class TranslationText:
    """One German text with the field for its translation."""

    label: str
    german: str
    source_id: str
    field: forms.BoundField
    seen: forms.BoundField
    conflict: str | None = None


@dataclass
class TranslationItem:
    heading: str
    obj: object
    texts: list[TranslationText]


class TranslationForm(KernFormMixin, forms.Form):
    """The translations of the German texts of `objects` (one page of a group) in `language`.

    For each text with a German original: a textarea ``t-<pk>-<field>`` and a hidden
    ``s-<pk>-<field>`` with the fingerprint of the translation the page showed."""

    def __init__(self, *args, group, objects, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.objects = list(objects)
        self.language = language
        self.conflicts: dict[tuple[int, str], str] = {}
        self.conflict_message = ""
        direction = "rtl" if translations.is_right_to_left(language) else "ltr"
        phrase = translations.language_phrase(language)
        for obj in self.objects:
            for name in group.fields:
                if not translations.normalized(translations.german_text(obj, name)):
                    continue
                model_field = group.model._meta.get_field(name)
                current = getattr(obj, translations.column(name, language)) or ""
                attrs = {
                    "class": "kern-form-input__input",
                    "lang": language,
                    "dir": direction,
                    "rows": SHORT_TEXT_ROWS if model_field.max_length else LONG_TEXT_ROWS,
                    "aria-describedby": self.source_id(obj.pk, name),
                }
                self.fields[self.text_name(obj.pk, name)] = forms.CharField(
                    label=f"{model_field.verbose_name} {phrase}",
                    required=False,
                    max_length=model_field.max_length,
                    initial=current,
                    widget=forms.Textarea(attrs=attrs),
                )
                self.fields[self.seen_name(obj.pk, name)] = forms.CharField(
                    required=False,
                    initial=translations.fingerprint(current),
                    widget=forms.HiddenInput,
                )

    @staticmethod
    def text_name(pk, field) -> str:
        return f"t-{pk}-{field}"

    @staticmethod
    def seen_name(pk, field) -> str:
        return f"s-{pk}-{field}"

    @staticmethod
    def source_id(pk, field) -> str:
        return f"de-{pk}-{field}"

    def changes(self) -> list:
        """What the person typed, for contents_translate()."""
        return [
            TranslationChange(
                self.group.model,
                obj.pk,
                name,
                self.cleaned_data[self.text_name(obj.pk, name)],
                self.cleaned_data[self.seen_name(obj.pk, name)] or None,
            )
            for obj in self.objects
            for name in self.group.fields
            if self.text_name(obj.pk, name) in self.fields
        ]

    def show_conflicts(self, conflict) -> None:
        """After a ConflictError: show what is saved now next to each text, and let the next
        submit replace it deliberately (the person has now seen it)."""
        self.conflict_message = conflict.message
        data = self.data.copy()
        for item in conflict.current:
            self.conflicts[(item.pk, item.field)] = item.current
            data[self.seen_name(item.pk, item.field)] = translations.fingerprint(item.current)
        self.data = data

    def items(self) -> list[TranslationItem]:
        result = []
        for obj in self.objects:
            texts = [
                TranslationText(
                    label=str(self.group.model._meta.get_field(name).verbose_name),
                    german=translations.german_text(obj, name),
                    source_id=self.source_id(obj.pk, name),
                    field=self[self.text_name(obj.pk, name)],
                    seen=self[self.seen_name(obj.pk, name)],
                    conflict=self.conflicts.get((obj.pk, name)),
                )
                for name in self.group.fields
                if self.text_name(obj.pk, name) in self.fields
            ]
            result.append(TranslationItem(self.group.describe(obj), obj, texts))
        return result

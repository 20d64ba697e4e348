"""Form helpers shared by every part of Teilhabe."""

from typing import TYPE_CHECKING, Any

from django import forms

# Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069). A
# title with U+202E (right-to-left override) shows its text reversed wherever it appears - in
# lists, exports, PDFs - and can disguise what it says; nobody needs to type them, since every
# page sets the direction of its language itself. Marks (U+200E/U+200F) stay: they only nudge
# neutral characters and cannot reorder text.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def strip_bidi_controls(text: str) -> str:
    """`text` without bidirectional embedding, override and isolate controls."""
    return text.translate(BIDI_CONTROLS)


# Dates as the browser's date picker sends and shows them.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The mixin goes in front of a form class; mypy checks it as one.
if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class KernFormMixin(_FormBase):
    """Adds KERN UX classes and aria attributes so every field is labelled and errors are announced."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                css = "kern-form-check__checkbox"
            elif isinstance(widget, forms.Select):
                css = "kern-form-input__select"
            else:
                css = "kern-form-input__input"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            described = []
            if field.help_text:
                described.append(f"id_{self.add_prefix(name)}_helptext")
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)

    def _clean_fields(self) -> None:
        # The one place where typed text loses its bidi controls: before clean() and before a
        # model form builds its instance, so nothing stored or shown ever has them.
        super()._clean_fields()  # type: ignore[misc]
        for name, value in self.cleaned_data.items():
            if isinstance(value, str):
                self.cleaned_data[name] = strip_bidi_controls(value)
        # An edit form of a versioned record carries the version it started from (the field's
        # initial value). Posted without it, the save could not tell a newer save in between
        # and would silently overwrite it: refuse instead, keeping what was typed.
        version = self.fields.get("version")
        if (
            version is not None
            and version.initial is not None
            and "version" not in getattr(self, "_errors", {})
            and self.cleaned_data.get("version") is None
        ):
            self.add_error(
                None,
                "Das Formular kam ohne seinen Bearbeitungsstand an, daher wurde nichts "
                "gespeichert. Bitte laden Sie die Seite neu und übernehmen Sie Ihre Eingaben.",
            )

    def full_clean(self) -> None:
        # Errors are known only here; marking them earlier would validate before subclasses
        # finish setting up their fields (e.g. a queryset limited to the plan).
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                ids = widget.attrs.get("aria-describedby", "").split()
                error_id = f"id_{self.add_prefix(name)}_error"
                if error_id not in ids:
                    widget.attrs["aria-describedby"] = " ".join([*ids, error_id])

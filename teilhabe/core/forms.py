"""Form helpers shared by every part of Teilhabe."""

from typing import TYPE_CHECKING, Any

from django import forms

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

"""The protection every public participation form shares (ideas, comments, registrations):
a honeypot, a signed minimum fill time and checks of the text fields, all from
services/antispam.py. Refusals become errors on the form, so nothing the person typed is lost."""

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernFormMixin

from .services import antispam

# The message for a text over its maximum length, shared by the public forms.
TOO_LONG = _(
    "Bitte fassen Sie sich kürzer: höchstens %(limit_value)d Zeichen (jetzt %(show_value)d)."
)


class ProtectedForm(KernFormMixin, forms.Form):
    """A public form with a honeypot and a signed fill-time stamp; refusals become errors on the
    form, and everything the person typed stays in it."""

    # The honeypot: hidden from people (CSS and aria-hidden, see the template), filled by bots.
    website = forms.CharField(label=_("Bitte leer lassen"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    text_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["started"] = antispam.form_timestamp()

    def renew_timestamp(self) -> None:
        """Shown again after an error: a forged or expired stamp is replaced, so the next
        attempt can succeed; a fresh one keeps its time (it only needs to age)."""
        if self.is_bound and antispam.fill_time_is_renewable(self.data.get("started", "")):
            data = self.data.copy()
            data["started"] = antispam.form_timestamp()
            self.data = data

    def clean(self):
        cleaned = super().clean()
        try:
            antispam.check_honeypot(cleaned.get("website", ""))
            antispam.check_fill_time(cleaned.get("started", ""))
        except antispam.Refused as refused:
            raise forms.ValidationError(refused.message, code="refused") from None
        for name in self.text_fields:
            value = cleaned.get(name)
            if value:
                try:
                    antispam.check_text(value, label=str(self.fields[name].label))
                except antispam.Refused as refused:
                    self.add_error(name, refused.message)
        return cleaned

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernFormMixin

from .models import Feedback


class FeedbackForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["message", "page_url", "name", "email"]
        labels = {
            "message": _("Welche Barriere haben Sie gefunden?"),
            # Optional fields say so by themselves (the form layout adds "(optional)").
            "page_url": _("Auf welcher Seite? (Adresse)"),
            "name": _("Ihr Name"),
            "email": _("Ihre E-Mail-Adresse (für unsere Antwort)"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) > 5000:
            raise forms.ValidationError(_("Bitte fassen Sie sich kürzer (höchstens 5000 Zeichen)."))
        return message

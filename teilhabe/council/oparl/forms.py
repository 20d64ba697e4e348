"""The back-office form for an OParl source."""

from django import forms

from teilhabe.council.models import OParlSource


class OParlSourceForm(forms.ModelForm):
    system_url = forms.URLField(
        label="OParl-System-URL",
        max_length=500,
        assume_scheme="https",
        help_text="z. B. https://ris.beispiel.de/oparl/v1/system",
    )
    body_url = forms.URLField(
        label="OParl-Körperschaft (nur nötig, wenn das System mehrere hat)",
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="leer lassen: die einzige Körperschaft des Systems",
    )

    class Meta:
        model = OParlSource
        fields = ["system_url", "body_url", "schedule_hours"]
        labels = {
            "system_url": "OParl-System-URL",
            "body_url": "OParl-Körperschaft (nur nötig, wenn das System mehrere hat)",
            "schedule_hours": "Automatisch abgleichen alle … Stunden",
        }
        help_texts = {
            "system_url": "z. B. https://ris.beispiel.de/oparl/v1/system",
            "body_url": "leer lassen: die einzige Körperschaft des Systems",
            "schedule_hours": "leer: nur von Hand („Jetzt abgleichen“); z. B. 24 für täglich",
        }

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["schedule_hours"].min_value = 1
        self.fields["schedule_hours"].widget.attrs["min"] = 1

    def validate_unique(self):
        # The service checks (organization, system_url) with a German message.
        pass

"""Forms of the progress table's round trip: the upload, and the confirmation of its preview."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from teilhabe.core.errors import ServiceError
from teilhabe.core.forms import DATE_WIDGET, KernFormMixin
from teilhabe.core.uploads import read_upload
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.spreadsheet import FORMATS, parse

from .exchange import check_as_of
from .models import ProgressReport

ALLOWED_SUFFIXES = tuple(f".{fmt}" for fmt in FORMATS)


class UploadForm(KernFormMixin, forms.Form):
    file = forms.FileField(
        label="Bearbeitete Tabelle",
        help_text="Die exportierte Datei als XLSX, CSV (Trennzeichen Semikolon) oder JSON.",
        widget=forms.FileInput(attrs={"accept": ",".join(ALLOWED_SUFFIXES)}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.TEILHABE_UPLOAD_MAX_BYTES // (1024 * 1024)
        self.fields["file"].help_text += f" Höchstens {limit} MB."

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content = read_upload(upload, ALLOWED_SUFFIXES)
        try:
            self.rows = parse(self.content, upload.name)
        except DocumentError as error:
            raise ValidationError(f"Die Datei kann nicht gelesen werden. {error}") from error
        return upload


class ConfirmForm(KernFormMixin, forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput)
    as_of = forms.DateField(
        label="Stand der neuen Bilanz",
        widget=DATE_WIDGET,
        help_text="Die neueste Bilanz ist veröffentlicht und bleibt, wie sie ist. Ihre "
        "Änderungen kommen in eine neue Bilanz mit diesem Stand.",
    )

    def __init__(self, *args, latest: ProgressReport | None, creates_report: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.latest = latest
        if not creates_report:
            del self.fields["as_of"]
        elif latest is None:
            self.fields["as_of"].help_text = (
                "Für diesen Plan gibt es noch keine Bilanz; der Import legt sie mit diesem "
                "Stand an."
            )

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        try:
            check_as_of(self.latest, as_of)
        except ServiceError as error:
            raise ValidationError(error.message) from error
        return as_of

"""Publishing a Bilanz: the report is frozen and its documents are rendered once, in the same
transaction, so that what was published is exactly what everybody downloads from then on."""

from django.db import IntegrityError, transaction
from django.utils import translation

from teilhabe.organizations.models import User

from ..bilanz.data import bilanz_data
from ..bilanz.formats import FORMATS
from ..models import ProgressReport, PublishedDocument
from . import report_publish


# The documents are what the council and the public get, whoever publishes in whichever interface
# language: always German.
@transaction.atomic
def bilanz_publish(*, report: ProgressReport, by: User | None) -> ProgressReport:
    published = report_publish(report=report, by=by)
    published = ProgressReport.objects.select_related("plan__organization").get(pk=published.pk)
    with translation.override("de"):
        data = bilanz_data(published)
        documents = [
            PublishedDocument(report=published, format=fmt, content=f.render(data))
            for fmt, f in FORMATS.items()
        ]
    PublishedDocument.objects.bulk_create(documents)
    return published


def published_document(report: ProgressReport, fmt: str) -> bytes:
    """The stored document of a published report. Reports published before documents were
    stored (or loaded in bulk) are rendered on first request and kept from then on."""
    stored = (
        PublishedDocument.objects.filter(report=report, format=fmt)
        .values_list("content", flat=True)
        .first()
    )
    if stored is not None:
        return bytes(stored)
    with translation.override("de"):
        content = FORMATS[fmt].render(bilanz_data(report))
    try:
        with transaction.atomic():
            PublishedDocument.objects.create(report=report, format=fmt, content=content)
    except IntegrityError:
        # Rendered at the same moment by another request: serve what was stored first.
        return bytes(PublishedDocument.objects.get(report=report, format=fmt).content)
    return content

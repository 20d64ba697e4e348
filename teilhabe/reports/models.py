from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.plans.models import ProgressReport


class PublishedDocument(models.Model):
    """A published Bilanz as it was rendered at publication: later edits to the plan's fields
    or measures (texts, order, titles) must not rewrite what the council received."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.PROTECT, related_name="published_documents"
    )
    format = models.CharField(_("Format"), max_length=10)
    content = models.BinaryField()
    created_at = models.DateTimeField(_("erzeugt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("veröffentlichte Fassung")
        verbose_name_plural = _("veröffentlichte Fassungen")
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="published_document_unique"),
        ]

    def __str__(self):
        return f"{self.report} ({self.format})"

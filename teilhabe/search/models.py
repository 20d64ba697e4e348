"""The search index: published content of public plans, one row per object and language.

Rows are written only by `services.search_refresh`; nothing else refers to them. PostgreSQL
searches the stored `vector` through a GIN index, SQLite the FTS5 table `search_fts` (rowid =
entry id) holding the rows' stemmed words; both structures are made by the migration for the
database in use only.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.organizations.models import Organization
from teilhabe.plans.models import Plan


class Kind(models.TextChoices):
    MEASURE = "measure", _("Maßnahme")
    GOAL = "goal", _("Ziel")
    FIELD = "field", _("Handlungsfeld")
    REPORT = "report", _("Bilanz")
    PLAN = "plan", _("Integrationsplan")


class Entry(models.Model):
    """One searchable object in one language.

    Every object has a German row. An object with text in another language has a row in that
    language too, holding that text (German where a part is not translated) plus the German
    text in the fallback columns, so that a German word finds it as well; the German row then
    lists the language in `shadowed_by`, and a reader of that language gets each object once.
    """

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField()
    language = models.CharField(max_length=10)
    shadowed_by = models.CharField(max_length=60, blank=True)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # Ids and values as of indexing (the plan's revision covers every change to them).
    field_number = models.PositiveSmallIntegerField(null=True)
    number = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=20, blank=True)
    lead_unit_id = models.BigIntegerField(null=True)
    lead_organization_id = models.BigIntegerField(null=True)
    title = models.TextField()
    body = models.TextField(blank=True)
    fallback_title = models.TextField(blank=True)
    fallback_body = models.TextField(blank=True)
    vector = SearchVectorField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="search_entry_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "field_number"], name="search_entry_org"),
            models.Index(fields=["lead_unit_id"], name="search_entry_lead_unit"),
            models.Index(fields=["lead_organization_id"], name="search_entry_lead_org"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.language})"


class IndexedPlan(models.Model):
    """Which state of a public plan the index holds: its content revision and its own version
    (title and introduction change the version, not the revision)."""

    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, primary_key=True, related_name="search_index"
    )
    revision = models.PositiveIntegerField()
    version = models.PositiveIntegerField()
    indexed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.plan_id}@{self.revision}/{self.version}"

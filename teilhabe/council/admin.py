"""System administration of council records (superusers). Day-to-day work happens in the back
office through council.services; the admin is for repairs."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AgendaItem,
    Committee,
    Consultation,
    Meeting,
    OParlSource,
    Paper,
    PaperFile,
    SyncRun,
)


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "organization"]
    list_filter = ["kind", "organization"]
    search_fields = ["name", "short_name"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "committee", "starts_at", "cancelled"]
    list_filter = ["committee__organization"]
    list_select_related = ["committee"]
    date_hierarchy = "starts_at"


class ConsultationInline(admin.TabularInline):
    model = Consultation
    extra = 0
    fields = ["position", "committee", "meeting", "date", "role", "public", "result"]
    raw_id_fields = ["committee", "meeting"]


class PaperFileInline(admin.TabularInline):
    model = PaperFile
    extra = 0
    fields = ["position", "name", "file", "access_url"]


@admin.register(Paper)
class PaperAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "paper_type", "date", "public", "organization"]
    list_filter = ["public", "paper_type", "organization"]
    search_fields = ["reference", "title"]
    list_select_related = ["organization"]
    raw_id_fields = ["plans", "reports", "recommendations", "measures", "milestones"]
    readonly_fields = ["version", "oparl_id", "oparl_modified"]
    inlines = [ConsultationInline, PaperFileInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "meeting", "public"]
    raw_id_fields = ["meeting", "paper"]


class SyncRunInline(admin.TabularInline):
    model = SyncRun
    extra = 0
    can_delete = False
    readonly_fields = ["status", "started_at", "finished_at", "counts", "error"]
    fields = readonly_fields


@admin.register(OParlSource)
class OParlSourceAdmin(admin.ModelAdmin):
    list_display = ["system_url", "organization", "schedule_hours", "synced_until"]
    inlines = [SyncRunInline]

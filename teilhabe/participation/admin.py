"""System administration of participation (superusers). Personal data is shown read-only and
nothing is exported from here: the back office and the person's own link are the ways to it."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    GroupMember,
    Idea,
    ParticipationFormat,
    ParticipationProcess,
    Recommendation,
    Registration,
)


class FormatInline(admin.TabularInline):
    model = ParticipationFormat
    fk_name = "process"
    extra = 0
    fields = ["kind", "number", "title", "starts_at", "ends_at", "capacity", "registration_open"]
    show_change_link = True


@admin.register(ParticipationProcess)
class ProcessAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "status", "public", "ends_on", "personal_data_purged_on"]
    list_filter = ["status", "public"]
    search_fields = ["title", "slug", "plan__title"]
    readonly_fields = ["personal_data_purged_on", "version"]
    inlines = [FormatInline]


class MemberInline(admin.TabularInline):
    model = GroupMember
    extra = 0
    fields = ["name", "affiliation", "sector", "may_vote"]
    readonly_fields = ["name"]


@admin.register(ParticipationFormat)
class FormatAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "process", "starts_at", "capacity", "registration_open"]
    list_filter = ["kind"]
    search_fields = ["title", "process__title"]
    readonly_fields = ["version"]
    inlines = [MemberInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "status", "attended", "created_at"]
    list_filter = ["status"]
    readonly_fields = [
        "name",
        "email",
        "affiliation",
        "accessibility_needs",
        "language_help",
        "language",
        "created_at",
        "reminder_sent_at",
        "version",
    ]


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ["title", "process", "status", "source", "created_at"]
    list_filter = ["status", "source"]
    search_fields = ["title"]
    readonly_fields = ["author_name", "author_email", "created_at", "version"]


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "process", "adopted_on"]
    search_fields = ["text"]
    readonly_fields = ["version"]

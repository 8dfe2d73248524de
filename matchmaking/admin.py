from django.contrib import admin
from django.db import models

from .models import (
    BrokerAssignment,
    BrokerMeeting,
    BrokerNote,
    BrokerProfile,
    BrokerRating,
    BrokerSuggestion,
    Event,
    EventLead,
    Meeting,
    Registration,
)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "organizer", "start", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    raw_id_fields = ["organizer"]
    filter_horizontal = ["featured_results", "featured_demands"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as Django 6 will


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "organization", "status", "checked_in_at"]
    list_filter = ["status"]
    raw_id_fields = ["event", "organization", "user", "checked_in_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["event", "requester", "counterpart", "start", "end", "status"]
    list_filter = ["status"]
    raw_id_fields = ["event", "requester", "counterpart", "requested_by"]


@admin.register(EventLead)
class EventLeadAdmin(admin.ModelAdmin):
    list_display = ["event", "meeting", "inquiry", "proposal", "created_at"]
    raw_id_fields = ["event", "meeting", "inquiry", "proposal", "created_by"]


# ------------------------------------------------------------------------------------------ technology brokers


@admin.register(BrokerProfile)
class BrokerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "level", "certificate_number", "certificate_expires", "status"]
    list_filter = ["status", "level"]
    search_fields = ["user__display_name", "user__username", "certificate_number", "organization__name"]
    raw_id_fields = ["user", "organization", "verified_by"]
    filter_horizontal = ["tech_fields", "industry_chains", "regions"]


@admin.register(BrokerAssignment)
class BrokerAssignmentAdmin(admin.ModelAdmin):
    list_display = ["broker", "demand", "inquiry", "auction", "contract", "status", "commission_kind", "created_at"]
    list_filter = ["status", "commission_kind", "firm_consent"]
    search_fields = ["broker__user__display_name", "demand__title", "contract__title"]
    raw_id_fields = ["broker", "demand", "inquiry", "auction", "contract", "assigned_by", "assigned_by_organization"]


@admin.register(BrokerNote)
class BrokerNoteAdmin(admin.ModelAdmin):
    list_display = ["assignment", "author", "created_at"]
    search_fields = ["body"]
    list_filter = ["created_at"]
    raw_id_fields = ["assignment", "author"]


@admin.register(BrokerSuggestion)
class BrokerSuggestionAdmin(admin.ModelAdmin):
    list_display = ["assignment", "institute", "result", "created_at"]
    search_fields = ["note", "institute__name", "result__title"]
    list_filter = ["created_at"]
    raw_id_fields = ["assignment", "institute", "result", "created_by"]


@admin.register(BrokerMeeting)
class BrokerMeetingAdmin(admin.ModelAdmin):
    list_display = ["assignment", "topic", "start", "end", "place"]
    search_fields = ["topic", "place"]
    list_filter = ["start"]
    raw_id_fields = ["assignment", "created_by"]


@admin.register(BrokerRating)
class BrokerRatingAdmin(admin.ModelAdmin):
    list_display = ["assignment", "organization", "score", "created_at"]
    list_filter = ["score"]
    search_fields = ["comment", "organization__name"]
    raw_id_fields = ["assignment", "organization", "rated_by"]

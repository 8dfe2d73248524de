from django.contrib import admin
from django.db import models

from .models import Event, EventLead, Meeting, Registration


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

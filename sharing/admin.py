"""Admin for the sharing app. Ratings and sent reminders are records of what people did or what was sent: read-only
here (ratings are given and answered through ``services.ratings``); runtime and national records are the owners'
data, which the operator may correct."""

from django.contrib import admin

from .models import NationalRecord, RuntimeRecord, SentReminder, ServiceRating


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ServiceRating)
class ServiceRatingAdmin(ReadOnlyAdmin):
    list_display = ["booking", "organization", "timeliness", "quality", "attitude", "created_at", "answered_at"]
    list_filter = ["timeliness", "quality", "attitude", ("answered_at", admin.EmptyFieldListFilter)]
    search_fields = ["comment", "answer", "organization__name", "booking__instrument__name"]
    list_select_related = ["booking__instrument", "organization"]
    date_hierarchy = "created_at"


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyAdmin):
    list_display = ["booking", "kind", "sent_at", "skipped", "recipients"]
    list_filter = ["kind", "skipped"]
    search_fields = ["kind", "booking__instrument__name"]
    list_select_related = ["booking__instrument"]
    raw_id_fields = ["booking"]


@admin.register(RuntimeRecord)
class RuntimeRecordAdmin(admin.ModelAdmin):
    list_display = ["instrument", "date", "start_time", "end_time", "hours", "kind", "user_name", "source"]
    list_filter = ["kind", "source", "date"]
    search_fields = ["instrument__name", "instrument__owner__name", "user_name", "note"]
    list_select_related = ["instrument"]
    raw_id_fields = ["instrument", "created_by"]
    date_hierarchy = "date"


@admin.register(NationalRecord)
class NationalRecordAdmin(admin.ModelAdmin):
    list_display = [
        "instrument",
        "internal_number",
        "category_code",
        "funding_source",
        "sharing_mode",
        "customs_status",
    ]
    list_filter = ["funding_source", "sharing_mode", "customs_status"]
    search_fields = ["instrument__name", "instrument__owner__name", "internal_number", "category_code"]
    list_select_related = ["instrument"]
    raw_id_fields = ["instrument"]

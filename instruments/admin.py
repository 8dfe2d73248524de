"""Admin for the instrument catalogue and bookings. Booking states change only through the services (the API)."""

from django.contrib import admin

from .models import Booking, BookingQuota, Closure, Instrument, OpeningHours, Qualification, ServiceItem, WaitlistEntry


class ServiceItemInline(admin.TabularInline):
    model = ServiceItem
    extra = 0


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0


class BookingQuotaInline(admin.TabularInline):
    model = BookingQuota
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["name", "model_number", "owner", "category", "status", "voucher_eligible", "booking_mode"]
    list_filter = ["category", "status", "voucher_eligible", "booking_mode", "approval_mode"]
    search_fields = ["name", "model_number", "manufacturer", "owner__name"]
    list_select_related = ["owner"]
    inlines = [ServiceItemInline, OpeningHoursInline, ClosureInline, BookingQuotaInline]


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    list_display = ["user", "instrument", "valid_until"]
    search_fields = ["user__username", "instrument__name"]
    autocomplete_fields = ["user", "instrument"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["instrument", "start", "end", "requester_org", "status", "amount", "fee", "final_amount"]
    list_filter = ["status", "unit"]
    search_fields = ["instrument__name", "requester_org__name"]
    list_select_related = ["instrument", "requester_org"]
    date_hierarchy = "start"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Booking._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    list_display = ["instrument", "user", "window_start", "window_end", "min_minutes", "notified_at"]
    list_select_related = ["instrument", "user"]
    readonly_fields = ["notified_at"]

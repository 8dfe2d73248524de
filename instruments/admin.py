"""Admin for the instrument catalogue and bookings. Booking states change only through the services: the booking
list's actions (confirm, reject with a reason, cancel for the owner) call them and report refusals as messages."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from marketplace.admin import ReadOnlyAdmin
from marketplace.exceptions import DomainError

from . import services
from .models import (
    Booking,
    BookingMonth,
    BookingQuota,
    BookingRollupState,
    BookingSeries,
    Closure,
    Instrument,
    OpeningHours,
    Qualification,
    ServiceItem,
    WaitlistEntry,
)


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
    search_fields = ["name", "name_en", "model_number", "manufacturer", "owner__name"]
    list_select_related = ["owner"]
    autocomplete_fields = ["owner"]
    date_hierarchy = "created_at"
    inlines = [ServiceItemInline, OpeningHoursInline, ClosureInline, BookingQuotaInline]


@admin.register(ServiceItem)
class ServiceItemAdmin(admin.ModelAdmin):
    list_display = ["name", "instrument", "unit", "price_enterprise", "price_academic", "price_internal", "active"]
    list_filter = ["unit", "active"]
    search_fields = ["name", "instrument__name"]
    list_select_related = ["instrument"]
    autocomplete_fields = ["instrument"]


@admin.register(OpeningHours)
class OpeningHoursAdmin(admin.ModelAdmin):
    list_display = ["instrument", "weekday", "start", "end"]
    list_filter = ["weekday"]
    search_fields = ["instrument__name"]
    list_select_related = ["instrument"]
    autocomplete_fields = ["instrument"]


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ["instrument", "kind", "start", "end", "reason", "declared_by", "ended_at"]
    list_filter = ["kind"]
    search_fields = ["instrument__name", "reason"]
    list_select_related = ["instrument", "declared_by"]
    autocomplete_fields = ["instrument"]
    raw_id_fields = ["declared_by"]
    date_hierarchy = "start"


@admin.register(BookingSeries)
class BookingSeriesAdmin(admin.ModelAdmin):
    """Recurring bookings are made and cancelled through ``instruments.series`` (pages and API); read-only here."""

    list_display = ["instrument", "requester_org", "frequency", "first_start", "count", "until", "on_conflict"]
    list_filter = ["frequency", "on_conflict"]
    search_fields = ["instrument__name", "requester_org__name", "requester__username"]
    list_select_related = ["instrument", "requester_org"]
    date_hierarchy = "first_start"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in BookingSeries._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(BookingQuota)
class BookingQuotaAdmin(admin.ModelAdmin):
    list_display = ["instrument", "period", "max_hours", "max_bookings"]
    list_filter = ["period"]
    search_fields = ["instrument__name"]
    list_select_related = ["instrument"]
    autocomplete_fields = ["instrument"]


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    list_display = ["user", "instrument", "valid_until", "granted_at"]
    search_fields = ["user__username", "instrument__name"]
    list_select_related = ["user", "instrument"]
    autocomplete_fields = ["user", "instrument"]


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("拒绝原因"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Bookings are read-only here; the actions run the booking services as the instrument's owner would (the audit
    entry names the operator as the actor and the owner as the organization), one booking at a time, so a refusal of
    one (a DomainError: wrong state, too late…) is reported and the others still go through."""

    list_display = ["instrument", "start", "end", "requester_org", "status", "amount", "fee", "final_amount"]
    list_filter = ["status", "unit", "price_tier"]
    search_fields = ["instrument__name", "requester_org__name", "requester__username", "purpose"]
    list_select_related = ["instrument", "requester_org"]
    date_hierarchy = "start"
    actions = ["confirm_selected", "reject_selected", "cancel_selected"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Booking._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _run(self, request, queryset, service, done_message, **kwargs):
        done = 0
        for booking in queryset.select_related("instrument__owner"):
            try:
                service(booking, actor=request.user, organization=booking.instrument.owner, **kwargs)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{booking}: {exc.message}", messages.WARNING)
        if done:
            self.message_user(request, done_message % {"n": done}, messages.SUCCESS)

    @admin.action(description=_("确认所选预约"))
    def confirm_selected(self, request, queryset):
        self._run(request, queryset, services.confirm_booking, _("已确认 %(n)d 个预约。"))

    @admin.action(description=_("拒绝所选预约（需填写原因）"))
    def reject_selected(self, request, queryset):
        """An intermediate page asks for the reason (the service requires one); its POST comes back here."""
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._run(
                request,
                queryset,
                services.reject_booking,
                _("已拒绝 %(n)d 个预约。"),
                reason=form.cleaned_data["reason"],
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("拒绝预约"),
            "opts": self.model._meta,
            "bookings": queryset.select_related("instrument", "requester_org"),
            "form": form,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/instruments/booking/reject.html", context)

    @admin.action(description=_("取消所选预约（代所有方）"))
    def cancel_selected(self, request, queryset):
        self._run(request, queryset, services.cancel_booking, _("已取消 %(n)d 个预约。"), reason=str(_("运营后台取消")))


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    list_display = ["instrument", "user", "organization", "window_start", "window_end", "min_minutes", "notified_at"]
    search_fields = ["instrument__name", "user__username", "organization__name"]
    list_select_related = ["instrument", "user", "organization"]
    autocomplete_fields = ["instrument", "user", "organization"]
    readonly_fields = ["notified_at"]
    date_hierarchy = "window_start"


@admin.register(BookingMonth)
class BookingMonthAdmin(ReadOnlyAdmin):
    """Derived from the bookings (``instruments.rollup``); repaired with ``manage.py booking_rollup rebuild``."""

    list_display = ["month", "instrument", "status", "external", "bookings", "booked_hours", "used_hours", "billed"]
    list_filter = ["status", "external", "month"]
    search_fields = ["instrument__name"]
    list_select_related = ["instrument"]


@admin.register(BookingRollupState)
class BookingRollupStateAdmin(ReadOnlyAdmin):
    list_display = ["id", "refreshed_at"]

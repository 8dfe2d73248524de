"""Admin for participants. The audit log is read-only here as everywhere."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .exceptions import DomainError
from .models import (
    AuditEntry,
    IndustryChain,
    LoginLock,
    Membership,
    Notification,
    Organization,
    Region,
    TechField,
    User,
)
from .services import login_guard
from .services.organizations import verify_organization


class ReadOnlyAdmin(admin.ModelAdmin):
    """For append-only records (audit and ledger entries, issued documents, bids, derived index rows): the back office
    reads and searches them; nobody adds, changes or deletes them here (corrections are new entries made by the
    services). Superusers included: the permission methods answer False whatever the user's flags."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "email", "is_platform_admin", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_platform_admin", "is_staff", "is_active"]
    search_fields = ["username", "display_name", "email", "phone"]
    date_hierarchy = "date_joined"
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("科技大市场"), {"fields": ("display_name", "phone", "is_platform_admin")}),
    )


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "credit_code", "region", "verified", "is_market_operator", "created_at"]
    list_filter = ["kind", "verified", "is_market_operator", "industry_chains"]
    search_fields = ["name", "name_en", "credit_code", "contact_name"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]
    date_hierarchy = "created_at"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as Django 6 will; typed without a scheme
    readonly_fields = ["verified", "verified_at", "created_at", "updated_at"]
    filter_horizontal = ["industry_chains", "tech_fields"]
    inlines = [MembershipInline]
    actions = ["verify_selected"]

    @admin.action(description=_("认证所选机构"))
    def verify_selected(self, request, queryset):
        done = 0
        for organization in queryset:
            try:
                verify_organization(organization, actor=request.user, note="admin")
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{organization}: {exc.message}", messages.WARNING)
        self.message_user(request, _("已认证 %(n)d 个机构") % {"n": done})


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role", "organization__kind"]
    search_fields = ["user__username", "user__display_name", "organization__name"]
    list_select_related = ["user", "organization"]
    autocomplete_fields = ["user", "organization"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name", "name_en"]
    list_select_related = ["parent"]
    raw_id_fields = ["parent"]


@admin.register(IndustryChain, TechField)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "position"]
    search_fields = ["code", "name", "name_en"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor_repr", "organization", "action", "content_type", "object_repr", "transition"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_repr", "object_id", "transition"]
    list_select_related = ["organization", "content_type"]
    date_hierarchy = "created_at"


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__username"]
    list_select_related = ["recipient"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False


@admin.register(LoginLock)
class LoginLockAdmin(admin.ModelAdmin):
    """Failed sign-ins and locks by username and by address (marketplace/services/login_guard.py); administrators
    lift a lock with the action (or by deleting the row)."""

    list_display = ["kind", "key", "failures", "first_failure_at", "last_failure_at", "locked_until", "is_locked"]
    list_filter = ["kind"]
    search_fields = ["key"]
    readonly_fields = ["kind", "key", "failures", "first_failure_at", "last_failure_at", "locked_until"]
    actions = ["unlock"]

    def has_add_permission(self, request):
        return False

    @admin.display(boolean=True, description=_("锁定中"))
    def is_locked(self, obj):
        return bool(obj.locked_until and obj.locked_until > timezone.now())

    @admin.action(description=_("解除所选锁定"))
    def unlock(self, request, queryset):
        count = login_guard.unlock(queryset)
        self.message_user(request, _("已解除 %(n)d 条登录锁定。") % {"n": count})

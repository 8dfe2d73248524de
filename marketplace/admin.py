"""Admin for participants. The audit log is read-only here as everywhere."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .exceptions import DomainError
from .models import AuditEntry, IndustryChain, Membership, Notification, Organization, Region, TechField, User
from .services.organizations import verify_organization


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "email", "is_platform_admin", "is_staff", "is_active"]
    list_filter = ["is_platform_admin", "is_staff", "is_active"]
    search_fields = ["username", "display_name", "email"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("科技大市场"), {"fields": ("display_name", "phone", "is_platform_admin")}),
    )


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "credit_code", "region", "verified"]
    list_filter = ["kind", "verified", "industry_chains"]
    search_fields = ["name", "name_en", "credit_code"]
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


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


@admin.register(IndustryChain, TechField)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "position"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_repr", "organization", "action", "content_type", "object_repr", "transition"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_repr", "object_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__username"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False

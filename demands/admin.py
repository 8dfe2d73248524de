"""Admin for demands, proposals, invitations and evaluations. Lifecycle fields are read-only here: they change
through ``demands.services`` (moderation, acceptance, solving). Invitations are records of what a firm did."""

from django.contrib import admin

from marketplace.admin import ReadOnlyAdmin

from .models import Demand, DemandInvitation, Evaluation, Proposal


@admin.register(Demand)
class DemandAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "firm",
        "risk_class",
        "cooperation_mode",
        "deadline",
        "is_challenge",
        "anonymous",
        "status",
    ]
    list_filter = ["status", "risk_class", "cooperation_mode", "is_challenge", "anonymous", "tech_field"]
    search_fields = ["title", "problem", "firm__name"]
    list_select_related = ["firm", "tech_field"]
    autocomplete_fields = ["firm"]
    readonly_fields = ["status", "review_note", "published_at", "created_at", "updated_at"]
    date_hierarchy = "created_at"


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["demand", "institute", "budget", "duration_days", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["demand__title", "institute__name", "approach"]
    list_select_related = ["demand", "institute"]
    autocomplete_fields = ["demand", "institute", "author"]
    readonly_fields = ["status", "created_at"]
    date_hierarchy = "created_at"


@admin.register(DemandInvitation)
class DemandInvitationAdmin(ReadOnlyAdmin):
    list_display = ["demand", "institute", "invited_by", "created_at"]
    search_fields = ["demand__title", "institute__name"]
    list_select_related = ["demand", "institute", "invited_by"]
    date_hierarchy = "created_at"


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["demand", "rating", "expert_reviewed_at", "created_at"]
    list_filter = ["rating"]
    search_fields = ["demand__title", "comment", "expert_review"]
    list_select_related = ["demand"]
    autocomplete_fields = ["demand"]
    readonly_fields = ["expert_reviewed_at", "created_at"]
    date_hierarchy = "created_at"

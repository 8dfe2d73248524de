"""Admin for results, inquiries, auctions and contracts. Lifecycle fields (status, review, signatures, winning bid)
are read-only here: they change through ``tech_transfer.services`` (the API and the workspace pages). Bids and
confidentiality acceptances are records of what a party did and cannot be edited."""

from django.contrib import admin

from marketplace.admin import ReadOnlyAdmin

from .models import (
    Auction,
    AuctionDeposit,
    Bid,
    ConfidentialityAcceptance,
    EvaluationBody,
    EvaluationExpert,
    Inquiry,
    Patent,
    Result,
    ResultEvaluation,
    TechContract,
)


class PatentInline(admin.TabularInline):
    model = Patent
    extra = 0


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "tech_field", "trl", "price", "status", "published_at"]
    list_filter = ["status", "tech_field", "trl", "industry_chains"]
    search_fields = ["title", "abstract", "owner__name", "patents__number"]
    list_select_related = ["owner", "tech_field"]
    autocomplete_fields = ["owner"]
    filter_horizontal = ["industry_chains"]
    readonly_fields = ["status", "review_note", "published_at", "created_at", "updated_at"]
    date_hierarchy = "created_at"
    inlines = [PatentInline]


@admin.register(Patent)
class PatentAdmin(admin.ModelAdmin):
    list_display = ["number", "patent_type", "legal_status", "result"]
    list_filter = ["patent_type", "legal_status"]
    search_fields = ["number", "result__title"]
    list_select_related = ["result"]
    autocomplete_fields = ["result"]


@admin.register(ConfidentialityAcceptance)
class ConfidentialityAcceptanceAdmin(ReadOnlyAdmin):
    list_display = ["result", "organization", "user", "accepted_at"]
    search_fields = ["result__title", "organization__name", "user__username"]
    list_select_related = ["result", "organization", "user"]
    date_hierarchy = "accepted_at"


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    list_display = ["result", "organization", "status", "feedback_topic", "created_at", "replied_at"]
    list_filter = ["status", "feedback_topic"]
    search_fields = ["result__title", "organization__name", "message", "reply"]
    list_select_related = ["result", "organization"]
    autocomplete_fields = ["result", "organization", "user"]
    readonly_fields = ["status", "replied_at", "created_at"]
    date_hierarchy = "created_at"


class BidInline(admin.TabularInline):
    model = Bid
    extra = 0
    can_delete = False
    readonly_fields = ["organization", "user", "amount", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Auction)
class AuctionAdmin(admin.ModelAdmin):
    list_display = ["result", "starting_price", "current_price", "deposit", "closes_at", "status"]
    list_filter = ["status"]
    search_fields = ["result__title", "result__owner__name"]
    list_select_related = ["result"]
    autocomplete_fields = ["result"]
    readonly_fields = ["status", "current_price", "winning_bid", "created_at"]
    date_hierarchy = "closes_at"
    inlines = [BidInline]


@admin.register(Bid)
class BidAdmin(ReadOnlyAdmin):
    list_display = ["auction", "organization", "amount", "created_at"]
    search_fields = ["auction__result__title", "organization__name"]
    list_select_related = ["auction__result", "organization"]
    date_hierarchy = "created_at"


@admin.register(AuctionDeposit)
class AuctionDepositAdmin(admin.ModelAdmin):
    list_display = ["auction", "organization", "amount", "status", "confirmed_at", "refunded_at", "created_at"]
    list_filter = ["status"]
    search_fields = ["auction__result__title", "organization__name", "refund_reference"]
    list_select_related = ["auction__result", "organization"]
    raw_id_fields = ["auction"]
    autocomplete_fields = ["organization", "user", "confirmed_by"]
    readonly_fields = ["status", "review_note", "confirmed_by", "confirmed_at", "refund_reference", "refunded_at"]
    date_hierarchy = "created_at"


@admin.register(TechContract)
class TechContractAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "seller", "buyer", "amount", "status", "signed_on", "registration_number"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "registration_number", "seller__name", "buyer__name"]
    list_select_related = ["seller", "buyer"]
    autocomplete_fields = ["seller", "buyer", "result"]
    raw_id_fields = ["demand", "proposal", "auction", "inquiry"]
    readonly_fields = [
        "status", "seller_signed_at", "seller_signed_by", "buyer_signed_at", "buyer_signed_by", "signed_on",
        "registration_number", "registered_at", "paid_at", "payment_reference", "created_at",
    ]  # fmt: skip
    date_hierarchy = "created_at"


@admin.register(EvaluationBody)
class EvaluationBodyAdmin(admin.ModelAdmin):
    list_display = ["organization", "active", "granted_by", "granted_at"]
    list_filter = ["active"]
    search_fields = ["organization__name", "scope"]
    list_select_related = ["organization", "granted_by"]
    autocomplete_fields = ["organization", "granted_by"]
    readonly_fields = ["granted_at"]


class EvaluationExpertInline(admin.TabularInline):
    model = EvaluationExpert
    extra = 0
    raw_id_fields = ["affiliation"]


@admin.register(ResultEvaluation)
class ResultEvaluationAdmin(admin.ModelAdmin):
    """Issued evaluations are numbered records whose report is rendered from the snapshot: every lifecycle and report
    field is read-only here (they change through ``tech_transfer.evaluations``)."""

    list_display = ["result", "body", "status", "grade", "total_score", "number", "issued_at"]
    list_filter = ["status", "grade", "novelty"]
    search_fields = ["number", "result__title", "body__organization__name"]
    list_select_related = ["result", "body__organization"]
    autocomplete_fields = ["result", "requested_by"]
    raw_id_fields = ["body"]
    readonly_fields = [
        "status", "decline_reason", "scores", "total_score", "trl", "novelty", "grade", "conclusion", "number",
        "issued_at", "issued_by", "snapshot", "document", "created_at",
    ]  # fmt: skip
    date_hierarchy = "created_at"
    inlines = [EvaluationExpertInline]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.status != "issued")

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.status != "issued")


@admin.register(EvaluationExpert)
class EvaluationExpertAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "affiliation_name", "field", "is_chair", "evaluation"]
    list_filter = ["is_chair"]
    search_fields = ["name", "affiliation_name", "field", "evaluation__number"]
    list_select_related = ["evaluation__result"]
    raw_id_fields = ["evaluation", "affiliation"]

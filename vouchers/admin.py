"""Admin for voucher programmes, grants, the ledger, claims, settlements and issued documents.

Money moves only through ``vouchers.services`` (ledger entries are append-only, balances are derived), so here:
ledger entries, holds, claim lines, issued 结算单 / 收费确认单 (invoices) and the document counters are read-only;
a settlement is read-only once approved; grants, claims and registrations show their decided fields read-only."""

from django.contrib import admin

from marketplace.admin import ReadOnlyAdmin

from .choices import SettlementStatus
from .models import (
    Claim,
    ClaimLine,
    DocumentCounter,
    Invoice,
    LedgerEntry,
    ProviderRegistration,
    Settlement,
    VoucherGrant,
    VoucherHold,
    VoucherProgram,
)


@admin.register(VoucherProgram)
class VoucherProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "issuer", "year", "total_budget", "granted_total", "coverage_ratio", "per_firm_cap"]
    list_filter = ["year"]
    search_fields = ["name", "issuer__name", "number_prefix"]
    list_select_related = ["issuer"]
    autocomplete_fields = ["issuer"]
    readonly_fields = ["granted_total", "created_at"]
    date_hierarchy = "valid_from"


@admin.register(ProviderRegistration)
class ProviderRegistrationAdmin(admin.ModelAdmin):
    list_display = ["provider", "program", "status", "created_at"]
    list_filter = ["status", "program"]
    search_fields = ["provider__name", "program__name", "services"]
    list_select_related = ["provider", "program"]
    autocomplete_fields = ["provider"]
    raw_id_fields = ["program"]
    readonly_fields = ["status", "review_note", "created_at"]
    date_hierarchy = "created_at"


@admin.register(VoucherGrant)
class VoucherGrantAdmin(admin.ModelAdmin):
    list_display = ["firm", "program", "requested_amount", "amount", "available", "held", "redeemed", "status"]
    list_filter = ["status", "program"]
    search_fields = ["firm__name", "program__name", "purpose"]
    list_select_related = ["firm", "program"]
    readonly_fields = [f.name for f in VoucherGrant._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # a firm applies and an administrator approves through the services (ledger entries)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VoucherHold)
class VoucherHoldAdmin(ReadOnlyAdmin):
    list_display = ["grant", "provider", "amount", "redeemed_amount", "status", "created_at", "closed_at"]
    list_filter = ["status"]
    search_fields = ["grant__firm__name", "provider__name"]
    list_select_related = ["grant__firm", "grant__program", "provider"]
    date_hierarchy = "created_at"


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "grant", "kind", "amount", "hold", "actor", "note"]
    list_filter = ["kind"]
    search_fields = ["grant__firm__name", "note"]
    list_select_related = ["grant__firm", "grant__program", "hold", "actor"]
    date_hierarchy = "created_at"


class ClaimLineInline(admin.TabularInline):
    model = ClaimLine
    extra = 0
    can_delete = False
    readonly_fields = ["redemption", "amount"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["provider", "program", "period_start", "period_end", "amount", "invoice_number", "status"]
    list_filter = ["status", "program"]
    search_fields = ["provider__name", "invoice_number", "program__name"]
    list_select_related = ["provider", "program"]
    readonly_fields = [f.name for f in Claim._meta.fields]
    date_hierarchy = "created_at"
    inlines = [ClaimLineInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ClaimLine)
class ClaimLineAdmin(ReadOnlyAdmin):
    list_display = ["claim", "redemption", "amount"]
    search_fields = ["claim__provider__name", "claim__invoice_number"]
    list_select_related = ["claim__provider", "claim__program", "redemption"]


@admin.register(Settlement)
class SettlementAdmin(admin.ModelAdmin):
    """Batched and approved through the services (the number and the PDF are issued on approval); nothing is edited
    here, and once approved (or paid) a settlement is a legal record: no change or delete permission at all."""

    list_display = ["number", "provider", "program", "period_start", "period_end", "total", "status", "paid_at"]
    list_filter = ["status", "program"]
    search_fields = ["number", "provider__name", "payment_reference"]
    list_select_related = ["provider", "program"]
    readonly_fields = [f.name for f in Settlement._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.status == SettlementStatus.DRAFT

    def has_delete_permission(self, request, obj=None):
        return False  # its claims point at it (PROTECT); a wrong draft is corrected through the services


@admin.register(DocumentCounter)
class DocumentCounterAdmin(ReadOnlyAdmin):
    list_display = ["scope", "year", "last"]
    list_filter = ["year"]
    search_fields = ["scope"]


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "provider", "customer", "total", "voucher_paid", "amount_owed", "issued_at"]
    list_filter = ["kind"]
    search_fields = ["number", "fapiao_number", "provider__name", "customer__name"]
    list_select_related = ["provider", "customer"]
    date_hierarchy = "issued_at"

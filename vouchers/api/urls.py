"""The vouchers app's API routes."""

from django.urls import path

from . import views


def register(router):
    router.register("voucher-programs", views.VoucherProgramViewSet)
    router.register("voucher-providers", views.ProviderRegistrationViewSet)
    router.register("voucher-grants", views.VoucherGrantViewSet)
    router.register("voucher-entries", views.LedgerEntryViewSet)
    router.register("claims", views.ClaimViewSet)
    router.register("claim-notices", views.ClaimNoticeViewSet, basename="claim-notice")
    router.register("settlements", views.SettlementViewSet)
    router.register("invoices", views.InvoiceViewSet)


urlpatterns = [
    path("organizations/<int:pk>/voucher-balance/", views.VoucherBalanceView.as_view(), name="voucher-balance"),
    path("contracts/<int:pk>/use-voucher/", views.ContractVoucherView.as_view(), name="contract-use-voucher"),
    # The documents as the README names them, without the router's trailing slash. Without these, the router's
    # format-suffix route of the invoice detail takes ``invoices/statement.pdf`` for invoice "statement" in format
    # "pdf" and answers 404. Listed before the router's routes; left out of the schema (the slashed routes are in it).
    path(
        "invoices/statement.pdf",
        views.InvoiceDocumentAliasViewSet.as_view({"get": "statement"}),
        name="invoice-statement-pdf",
    ),
    path(
        "invoices/<int:pk>/invoice.pdf",
        views.InvoiceDocumentAliasViewSet.as_view({"get": "document"}),
        name="invoice-document-pdf",
    ),
    path(
        "settlements/<int:pk>/statement.pdf",
        views.SettlementDocumentAliasViewSet.as_view({"get": "statement"}),
        name="settlement-statement-pdf",
    ),
]

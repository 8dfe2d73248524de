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
]

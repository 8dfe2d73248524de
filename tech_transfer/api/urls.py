"""The tech-transfer app's API routes."""

from . import views


def register(router):
    router.register("results", views.ResultViewSet)
    router.register("inquiries", views.InquiryViewSet)
    router.register("auctions", views.AuctionViewSet)
    router.register("auction-deposits", views.AuctionDepositViewSet)
    router.register("contracts", views.TechContractViewSet)
    router.register("evaluation-bodies", views.EvaluationBodyViewSet)
    router.register("evaluations", views.ResultEvaluationViewSet)

"""科技成果 from the firm's side: the results catalogue and a result's page, where a signed-in organization accepts
the confidentiality terms (then sees the confidential details), expresses interest (意向) and bids in the result's
auction; 我的意向 (the acting organization's inquiries, the owner's replies, closing them and structured feedback)
and the auctions (成果竞价: price, increment, closing time, deposit, bid history, bidding).

Every change goes through the same ``tech_transfer.services`` functions the API calls, and each page shows what the
API shows to the same person: results and auctions by ``Result.visible_to``, inquiries to their two parties; a POST
by an organization that is not the right party is refused (403), as the API's ``not_a_party``.
"""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.validators import FileExtensionValidator
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_filters.filterset import filterset_factory

from marketplace.choices import OrganizationKind
from marketplace.exceptions import DomainError
from marketplace.permissions import can_moderate
from tech_transfer import services
from tech_transfer.choices import (
    AuctionStatus,
    DepositStatus,
    FeedbackTopic,
    InquiryStatus,
    ResultStatus,
    TransferMode,
)
from tech_transfer.filtersets import ResultFilterSet
from tech_transfer.models import Auction, AuctionDeposit, Bid, Inquiry, Patent, Result
from tech_transfer.validators import validate_proof_file

from ..forms import ResultFilterForm
from ..templatetags.frontend_tags import money
from .base import (
    acting_organization,
    filter_queryset,
    paginate,
    post_action,
    require_party,
    run_service,
    safe_next,
    show_error,
    workspace_view,
)
from .evaluations import result_evaluations

MESSAGE_MAX = 2000
BID_HISTORY = 50

# The API filters inquiries and auctions with ``filterset_fields``; these are the FilterSets it builds from them.
InquiryFilterSet = filterset_factory(Inquiry, fields=["result", "status"])
AuctionFilterSet = filterset_factory(Auction, fields=["status", "result"])


# ------------------------------------------------------------------------------------------------------------ forms


class InquiryForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("意向说明"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("请说明贵机构的应用场景、希望的转化方式和时间安排，成果方会在平台回复。"),
    )

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("请填写意向说明。"))
        return message


class ReplyForm(forms.Form):
    reply = forms.CharField(label=gettext_lazy("回复"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))


class FeedbackForm(forms.Form):
    """The API's ``FeedbackSerializer``: a topic and an optional comment."""

    topic = forms.ChoiceField(
        label=gettext_lazy("反馈类型"),
        choices=FeedbackTopic.choices,
        widget=forms.RadioSelect(attrs={"class": "field-choices"}),
    )
    comment = forms.CharField(
        label=gettext_lazy("反馈意见"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class BidForm(forms.Form):
    """The API's ``PlaceBidSerializer`` (shown once a required deposit is confirmed)."""

    amount = forms.DecimalField(
        label=gettext_lazy("出价(元)"), max_digits=13, decimal_places=2, min_value=Decimal("0.01")
    )

    def __init__(self, *args, auction, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].initial = next_minimum(auction)
        self.fields["amount"].widget.attrs.update({"step": "0.01", "inputmode": "decimal"})


class DepositForm(forms.Form):
    """The API's ``SubmitDepositSerializer``: the deposit paid offline and its proof, for the operator to confirm."""

    amount = forms.DecimalField(
        label=gettext_lazy("保证金金额(元)"), max_digits=13, decimal_places=2, min_value=Decimal("0.01")
    )
    proof = forms.FileField(
        label=gettext_lazy("缴纳凭证"),
        help_text=gettext_lazy("银行回单的 PDF、JPG 或 PNG 文件，不超过 5 MB。"),
        validators=[FileExtensionValidator(["pdf", "jpg", "jpeg", "png"]), validate_proof_file],
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, auction, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].initial = auction.deposit


class DepositReviewForm(forms.Form):
    """The operator's note on a deposit (the reason when rejecting) or the refund's bank reference."""

    note = forms.CharField(label=gettext_lazy("审核意见"), max_length=2000, required=False)
    reference = forms.CharField(label=gettext_lazy("退款凭证号"), max_length=64, required=False)


# ---------------------------------------------------------------------------------------------------------- helpers


def _mode_labels(modes) -> list[str]:
    labels = dict(TransferMode.choices)
    return [labels.get(mode, mode) for mode in modes or []]


def next_minimum(auction) -> Decimal:
    """The lowest bid the auction accepts now (the rule of ``services.place_bid``)."""
    if auction.current_price:
        return auction.current_price + auction.min_increment
    return auction.starting_price


def _is_open(auction, now=None) -> bool:
    return auction.status == AuctionStatus.OPEN and (now or timezone.now()) < auction.closes_at


def _auction_context(request, auction, organization, bid_form=None, deposit_form=None) -> dict:
    """What the auction box shows: prices, closing time, deposit, the bid history and (for someone who may bid)
    the bid form — or, while a required deposit is not confirmed yet, the organization's deposit and the form to
    record it; for the market operator every deposit with its confirm / reject / refund buttons.
    ``auction.bid_list`` must hold its bids, highest first."""
    bids = auction.bid_list
    is_open = _is_open(auction)
    mine = organization is not None and any(b.organization_id == organization.pk for b in bids)
    may_bid = is_open and organization is not None and organization.pk != auction.result.owner_id
    my_deposit = None
    if auction.deposit and organization is not None and organization.pk != auction.result.owner_id:
        my_deposit = AuctionDeposit.objects.filter(auction=auction, organization=organization).first()
    deposit_confirmed = my_deposit is not None and my_deposit.status in (
        DepositStatus.CONFIRMED,
        DepositStatus.APPLIED,
    )
    can_bid = may_bid and (not auction.deposit or deposit_confirmed)
    if can_bid and bid_form is None:
        bid_form = BidForm(auction=auction)
    can_deposit = may_bid and auction.deposit and (my_deposit is None or my_deposit.status == DepositStatus.REJECTED)
    if can_deposit and deposit_form is None:
        deposit_form = DepositForm(auction=auction)
    reviewer = bool(auction.deposit) and can_moderate(request.user)
    return {
        "my_deposit": my_deposit,
        "deposit_form": deposit_form if can_deposit else None,
        "deposit_reviewer": reviewer,
        "deposits": list(auction.deposits.select_related("organization")) if reviewer else [],
        "deposit_statuses": DepositStatus,
        "auction": auction,
        "bids": bids[:BID_HISTORY],
        "bid_count": len(bids),
        "auction_open": is_open,
        "next_minimum": next_minimum(auction),
        "my_bid": mine,
        "deposit_confirmed": deposit_confirmed,
        "leading": bool(bids) and organization is not None and bids[0].organization_id == organization.pk,
        "can_bid": can_bid,
        "bid_form": bid_form if can_bid else None,
        "is_owner": organization is not None and organization.pk == auction.result.owner_id,
    }


def _bids():
    return Prefetch("bids", Bid.objects.select_related("organization").order_by("-amount"), to_attr="bid_list")


def _visible_results(request):
    return Result.objects.visible_to(request.user)


# ---------------------------------------------------------------------------------------------- catalogue and page


def result_list(request):
    """科技成果: the results the visitor may see, newest first, filtered through the API's ``ResultFilterSet`` (text,
    tech field, industry chain, transfer mode, TRL, 面议), 20 per page."""
    form = ResultFilterForm(request.GET or None)
    form.is_valid()  # only to show what was chosen; the FilterSet below does the filtering
    results = filter_queryset(
        ResultFilterSet,
        request.GET,
        _visible_results(request)
        .select_related("owner", "tech_field")
        .prefetch_related("industry_chains")
        .annotate(auction_open=Exists(Auction.objects.filter(result=OuterRef("pk"), status=AuctionStatus.OPEN))),
        request=request,
    )
    page = paginate(request, results)
    for result in page.object_list:
        result.mode_labels = _mode_labels(result.transfer_modes)
    return render(request, "frontend/result_list.html", {"form": form, "page_obj": page, "results": page.object_list})


def _result_context(request, result, *, inquiry_form=None, bid_form=None) -> dict:
    organization = acting_organization(request)
    is_owner = organization is not None and organization.pk == result.owner_id
    context = {
        "result": result,
        "mode_labels": _mode_labels(result.transfer_modes),
        "show_confidential": services.can_see_confidential(result, request.user),
        "organization": organization,
        "is_owner": is_owner,
        "can_inquire": organization is not None and not is_owner and result.status == ResultStatus.PUBLISHED,
        "my_inquiries": [],
        "result_evaluations": result_evaluations(result),  # issued 科技成果评价 reports: grade, date, PDF
    }
    if organization is not None and not is_owner:
        context["my_inquiries"] = list(
            Inquiry.objects.visible_to(request.user).filter(result=result, organization=organization)[:5]
        )
    if context["can_inquire"] or inquiry_form is not None:  # a refused form comes back with its error
        context["inquiry_form"] = inquiry_form or InquiryForm()
    auction = getattr(result, "auction", None)  # the reverse one-to-one raises an AttributeError when absent
    if auction is not None:
        auction.bid_list = list(auction.bids.select_related("organization").order_by("-amount"))
        context.update(_auction_context(request, auction, organization, bid_form))
    return context


def _result_or_404(request, pk):
    return get_object_or_404(
        _visible_results(request)
        .select_related("owner__region", "tech_field", "auction")
        .prefetch_related("industry_chains", Prefetch("patents", Patent.objects.order_by("number")), "acceptances"),
        pk=pk,
    )


def result_detail(request, pk):
    """A result: the public summary, TRL, transfer modes, price or 面议, patents and owner; its confidential details
    only for those ``can_see_confidential`` allows (owner, administrators, organizations that accepted the terms),
    otherwise the terms and a button to accept them; the 表达意向 form; and its auction, if it has one."""
    result = _result_or_404(request, pk)
    return render(request, "frontend/result_detail.html", _result_context(request, result))


@require_POST
@workspace_view()
def accept_terms(request, pk):
    """接受保密条款 as the acting organization (any organization may, as in the API); the details then show."""
    result = _result_or_404(request, pk)
    return post_action(
        request,
        services.accept_terms,
        result,
        actor=request.user,
        organization=request.organization,
        success=_("已接受保密条款，保密详情如下。"),
        redirect_to=reverse("frontend:result_detail", args=[result.pk]) + "#confidential-title",
    )


@require_POST
@workspace_view()
def create_inquiry(request, pk):
    """表达意向: the form on the result's page → ``services.create_inquiry`` as the acting organization. A blank or
    overlong message, or a refusal (own result, not published), comes back on the form."""
    result = _result_or_404(request, pk)
    form = InquiryForm(request.POST)
    if form.is_valid():
        inquiry = run_service(
            request,
            services.create_inquiry,
            result=result,
            organization=request.organization,
            actor=request.user,
            message=form.cleaned_data["message"],
            form=form,
        )
        if inquiry is not None:
            messages.success(request, _("意向已发送，成果方回复后会通知您。"))
            return redirect(inquiry.get_absolute_url() + "#conversation-title")
    return render(request, "frontend/result_detail.html", _result_context(request, result, inquiry_form=form))


# -------------------------------------------------------------------------------------------------------- inquiries


@workspace_view()
def inquiry_list(request):
    """我的意向: the inquiries the acting organization sent, newest first, by status."""
    inquiries = filter_queryset(
        InquiryFilterSet,
        request.GET,
        Inquiry.objects.visible_to(request.user)
        .filter(organization=request.organization)
        .select_related("result__owner"),
        request=request,
    )
    page = paginate(request, inquiries)
    return render(
        request,
        "frontend/results/inquiry_list.html",
        {
            "organization": request.organization,
            "page_obj": page,
            "inquiries": page.object_list,
            "statuses": InquiryStatus.choices,
            "current_status": request.GET.get("status", ""),
        },
    )


def _inquiry_or_404(request, pk):
    return get_object_or_404(
        Inquiry.objects.visible_to(request.user).select_related("result__owner", "organization"), pk=pk
    )


def _inquiry_context(request, inquiry, *, feedback_form=None, reply_form=None) -> dict:
    organization = request.organization
    is_inquirer = organization.pk == inquiry.organization_id
    is_owner = organization.pk == inquiry.result.owner_id
    open_ = inquiry.status != InquiryStatus.CLOSED
    context = {
        "inquiry": inquiry,
        "result": inquiry.result,
        "organization": organization,
        "is_inquirer": is_inquirer,
        "is_owner": is_owner,
        "can_close": (is_inquirer or is_owner) and open_,
        "can_reply": is_owner and open_,
    }
    if is_inquirer:
        initial = {"topic": inquiry.feedback_topic, "comment": inquiry.feedback_comment}
        context["feedback_form"] = feedback_form or FeedbackForm(initial=initial if inquiry.feedback_topic else None)
    if context["can_reply"]:
        context["reply_form"] = reply_form or ReplyForm(initial={"reply": inquiry.reply} if inquiry.reply else None)
    return context


@workspace_view()
def inquiry_detail(request, pk):
    """An inquiry: the message, the owner's reply when there is one, its status; closing it (either party),
    the inquirer's structured feedback and the owner's reply form. Only its two parties see it (404 otherwise)."""
    inquiry = _inquiry_or_404(request, pk)
    return render(request, "frontend/results/inquiry_detail.html", _inquiry_context(request, inquiry))


@require_POST
@workspace_view()
def close_inquiry(request, pk):
    inquiry = _inquiry_or_404(request, pk)
    require_party(request, inquiry.result.owner_id, inquiry.organization_id)
    return post_action(
        request,
        services.close_inquiry,
        inquiry,
        actor=request.user,
        organization=request.organization,
        success=_("意向已关闭。"),
        redirect_to=reverse("frontend:inquiry_detail", args=[inquiry.pk]),
    )


@require_POST
@workspace_view()
def inquiry_feedback(request, pk):
    """The inquirer's structured feedback (topic + comment) → ``services.leave_feedback``; the owner sees it."""
    inquiry = _inquiry_or_404(request, pk)
    require_party(request, inquiry.organization_id)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        done = run_service(
            request,
            services.leave_feedback,
            inquiry,
            actor=request.user,
            organization=request.organization,
            form=form,
            **form.cleaned_data,
        )
        if done is not None:
            messages.success(request, _("感谢反馈，成果方将看到您的意见。"))
            return redirect(inquiry)
    context = _inquiry_context(request, inquiry, feedback_form=form)
    return render(request, "frontend/results/inquiry_detail.html", context)


@require_POST
@workspace_view()
def reply_inquiry(request, pk):
    """The result owner's reply → ``services.reply_inquiry`` (the inquirer is notified)."""
    inquiry = _inquiry_or_404(request, pk)
    require_party(request, inquiry.result.owner_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        done = run_service(
            request,
            services.reply_inquiry,
            inquiry,
            actor=request.user,
            organization=request.organization,
            reply=form.cleaned_data["reply"],
            form=form,
        )
        if done is not None:
            messages.success(request, _("回复已发送。"))
            return redirect(inquiry)
    context = _inquiry_context(request, inquiry, reply_form=form)
    return render(request, "frontend/results/inquiry_detail.html", context)


# --------------------------------------------------------------------------------------------------------- auctions


def auction_list(request):
    """成果竞价: the auctions of the results the visitor may see, open ones by default, closing soonest first."""
    data = request.GET.copy()
    data.setdefault("status", AuctionStatus.OPEN)
    auctions = filter_queryset(
        AuctionFilterSet,
        data,
        Auction.objects.visible_to(request.user)
        .select_related("result__owner", "result__tech_field")
        .annotate(bid_count=Count("bids"))
        .order_by("closes_at", "id"),
        request=request,
    )
    page = paginate(request, auctions)
    for auction in page.object_list:
        auction.next_minimum = next_minimum(auction)
        auction.is_open = _is_open(auction)
    return render(
        request,
        "frontend/results/auction_list.html",
        {
            "page_obj": page,
            "auctions": page.object_list,
            "statuses": AuctionStatus.choices,
            "current_status": data.get("status"),
        },
    )


def _auction_or_404(request, pk):
    return get_object_or_404(
        Auction.objects.visible_to(request.user)
        .select_related("result__owner", "result__tech_field")
        .prefetch_related(_bids()),
        pk=pk,
    )


def auction_detail(request, pk):
    """An auction: current price, minimum increment, next minimum bid, closing time and time left, deposit, the bid
    history (amounts, times and bidding organizations, as the API's bid list shows them) and the bid form."""
    auction = _auction_or_404(request, pk)
    context = _auction_context(request, auction, acting_organization(request))
    return render(request, "frontend/results/auction_detail.html", context)


@require_POST
@workspace_view()
def place_bid(request, pk):
    """出价 → ``services.place_bid`` as the acting organization. A bid below the next minimum is an error on the
    amount; a closed auction, the owner's own bid or a missing deposit confirmation are shown on the page. Posted
    from the result's page (``from=result``) errors come back there, else on the auction's page."""
    auction = _auction_or_404(request, pk)
    form = BidForm(request.POST, auction=auction)
    on_result = request.POST.get("from") == "result"
    default = (
        reverse("frontend:result_detail", args=[auction.result_id]) + "#auction-title"
        if on_result
        else reverse("frontend:auction_detail", args=[auction.pk])
    )
    if form.is_valid():
        try:
            bid = services.place_bid(
                auction,
                actor=request.user,
                organization=request.organization,
                amount=form.cleaned_data["amount"],
            )
        except DomainError as exc:
            if exc.code == "bid_too_low":
                form.add_error("amount", str(exc.message))
            elif exc.code in ("auction_closed", "own_result", "deposit_required"):
                messages.error(request, str(exc.message))
                return redirect(safe_next(request, default))
            else:
                show_error(request, exc, form)
        else:
            messages.success(request, _("出价成功：%(a)s。") % {"a": money(bid.amount)})
            return redirect(safe_next(request, default))
    if on_result:
        result = _result_or_404(request, auction.result_id)
        return render(request, "frontend/result_detail.html", _result_context(request, result, bid_form=form))
    auction = _auction_or_404(request, pk)  # fresh: another bid may have come in meanwhile
    context = _auction_context(request, auction, request.organization, bid_form=form)
    return render(request, "frontend/results/auction_detail.html", context)


@require_POST
@workspace_view()
def submit_deposit(request, pk):
    """缴纳保证金: the acting organization records the deposit it paid offline with the proof
    (``services.submit_deposit``, as the API's ``auctions/{id}/deposit``); the form again with messages otherwise."""
    auction = _auction_or_404(request, pk)
    form = DepositForm(request.POST, request.FILES, auction=auction)
    if form.is_valid():
        deposit = run_service(
            request, services.submit_deposit, auction, actor=request.user, organization=request.organization,
            form=form, **form.cleaned_data,
        )  # fmt: skip
        if deposit is not None:
            messages.success(request, _("保证金凭证已提交，平台确认后即可出价。"))
            return redirect(reverse("frontend:auction_detail", args=[auction.pk]) + "#deposit")
    context = _auction_context(request, auction, request.organization, deposit_form=form)
    return render(request, "frontend/results/auction_detail.html", context, status=400)


DEPOSIT_DECISIONS = {
    "confirm": (services.confirm_deposit, "note", gettext_lazy("保证金已确认。")),
    "reject": (services.reject_deposit, "note", gettext_lazy("已退回保证金凭证。")),
    "refund": (services.record_deposit_refund, "reference", gettext_lazy("保证金退还已登记。")),
}


@require_POST
@workspace_view()
def review_deposit(request, pk, decision):
    """The market operator confirms or rejects a deposit, or records its refund after the close (403 for anyone
    else), through the services the API's ``auction-deposits/{id}/confirm|reject|refund`` actions use."""
    if decision not in DEPOSIT_DECISIONS:
        raise Http404
    if not can_moderate(request.user):
        raise PermissionDenied
    deposit = get_object_or_404(AuctionDeposit.objects.visible_to(request.user), pk=pk)
    service, field, success = DEPOSIT_DECISIONS[decision]
    form = DepositReviewForm(request.POST)
    form.is_valid()
    return post_action(
        request,
        service,
        deposit,
        actor=request.user,
        **{field: form.cleaned_data.get(field, "")},
        success=str(success),
        redirect_to=reverse("frontend:auction_detail", args=[deposit.auction_id]) + "#deposits",
    )


urlpatterns = [
    path("results/", result_list, name="result_list"),
    path("results/<int:pk>/", result_detail, name="result_detail"),
    path("results/<int:pk>/accept-terms/", accept_terms, name="result_accept_terms"),
    path("results/<int:pk>/inquire/", create_inquiry, name="result_inquire"),
    path("inquiries/", inquiry_list, name="inquiry_list"),
    path("inquiries/<int:pk>/", inquiry_detail, name="inquiry_detail"),
    path("inquiries/<int:pk>/close/", close_inquiry, name="inquiry_close"),
    path("inquiries/<int:pk>/feedback/", inquiry_feedback, name="inquiry_feedback"),
    path("inquiries/<int:pk>/reply/", reply_inquiry, name="inquiry_reply"),
    path("auctions/", auction_list, name="auction_list"),
    path("auctions/<int:pk>/", auction_detail, name="auction_detail"),
    path("auctions/<int:pk>/bid/", place_bid, name="auction_bid"),
    path("auctions/<int:pk>/deposit/", submit_deposit, name="auction_deposit"),
    path("auction-deposits/<int:pk>/<str:decision>/", review_deposit, name="auction_deposit_review"),
]


# ------------------------------------------------------------------------------------------------------- workspace


def dashboard_items(request, organization):
    """Inquiries the owner answered that the firm has not yet closed or given feedback on (to do), and the open
    auctions the organization bid in (information)."""
    from .workspace import ActionItem

    items = []
    if organization.kind == OrganizationKind.ENTERPRISE:
        answered = Inquiry.objects.filter(
            organization=organization, status=InquiryStatus.REPLIED, feedback_topic=""
        ).count()
        url = reverse("frontend:inquiry_list") + "?status=" + InquiryStatus.REPLIED
        items.append(ActionItem(_("成果方已回复的意向"), answered, url, area="results"))
    # For information only: a queryset, counted where the item is shown (not for the header's badge).
    bidding = Auction.objects.filter(
        status=AuctionStatus.OPEN,
        closes_at__gt=timezone.now(),
        pk__in=Bid.objects.filter(organization=organization).values("auction_id"),
    )
    if organization.kind != OrganizationKind.AUTHORITY:
        items.append(
            ActionItem(_("参与中的竞价"), bidding, reverse("frontend:auction_list"), action=False, area="results")
        )
    return items


def nav_links(request, organization):
    if organization.kind != OrganizationKind.ENTERPRISE:
        return []
    return [
        {
            "label": _("意向"),
            "url": reverse("frontend:inquiry_list"),
            "name": "inquiry_list",
            "also": ("inquiry_detail",),
        },
        {
            "label": _("竞价"),
            "url": reverse("frontend:auction_list"),
            "name": "auction_list",
            "also": ("auction_detail",),
        },
    ]

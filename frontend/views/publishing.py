"""成果发布: the owner's side of tech transfer, for institutes and service providers — 我的成果 (the acting
organization's results in every state), the form to draft and edit a result with its patents, submitting it for
review (and, after a rejection, fixing and resubmitting it), withdrawing a published result, putting it up for auction,
and 收到的意向 (the inquiries firms sent about our results, unanswered first; the reply form is on the inquiry's page).

A result's fields are validated by the API's ``ResultSerializer`` (with its nested ``PatentSerializer``: the check
digit of an application number, the type digit, IPC symbols) and saved through the audited record services, as the
API saves them; every state change is the ``tech_transfer.services`` function the API calls. A patent's error comes
back on its own row of the patents table. Lists are filtered through the API's FilterSets.
"""

import re
from datetime import timedelta
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.forms import formset_factory
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from marketplace.choices import OrganizationKind
from marketplace.exceptions import DomainError
from marketplace.models import IndustryChain, TechField
from marketplace.services.records import create_record, update_record
from tech_transfer import services
from tech_transfer.api.serializers import AuctionSerializer, ResultSerializer
from tech_transfer.choices import AuctionStatus, InquiryStatus, LegalStatus, PatentType, ResultStatus, TransferMode
from tech_transfer.filtersets import ResultFilterSet
from tech_transfer.models import Inquiry, Result

from ..forms import LocalizedModelChoiceField
from ..templatetags.frontend_tags import loc_name
from .base import filter_queryset, paginate, post_action, require_party, run_service, show_error, workspace_view
from .results import InquiryFilterSet, _mode_labels

SOLVERS = (OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)
KEYWORD_SPLIT = re.compile(r"[,，、;；\n]+")
IPC_SPLIT = re.compile(r"[,，、;；\n]+")
STATUS_TABS = (
    ResultStatus.DRAFT,
    ResultStatus.PENDING_REVIEW,
    ResultStatus.PUBLISHED,
    ResultStatus.TRANSFERRED,
    ResultStatus.WITHDRAWN,
)
TRL_LABELS = {
    1: gettext_lazy("发现基本原理"),
    2: gettext_lazy("形成技术概念"),
    3: gettext_lazy("关键功能验证"),
    4: gettext_lazy("实验室环境验证"),
    5: gettext_lazy("相关环境验证"),
    6: gettext_lazy("原型样机演示"),
    7: gettext_lazy("实际环境演示"),
    8: gettext_lazy("定型并通过验证"),
    9: gettext_lazy("实际应用验证"),
}
RECENT_INQUIRIES = 5


# ------------------------------------------------------------------------------------------------------------ forms


class LocalizedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several taxonomy terms, labelled in the page's language."""

    def label_from_instance(self, obj):
        return loc_name(obj)


class ResultForm(forms.Form):
    """Every field of a result, labelled for the page. Only presentation and types: the rules (transfer modes,
    keyword lengths, a price not below zero, TRL 1–9) are the model's and the API serializer's."""

    FIXED, NEGOTIABLE = "fixed", "negotiable"

    title = forms.CharField(label=gettext_lazy("成果名称"), max_length=200)
    abstract = forms.CharField(
        label=gettext_lazy("公开摘要"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("所有访客可见：解决的问题、核心指标和应用场景，请勿写入保密内容。"),
    )
    keywords = forms.CharField(
        label=gettext_lazy("关键词"),
        required=False,
        max_length=1000,
        help_text=gettext_lazy("用逗号或顿号分隔，最多 20 个，例如：随形冷却、3D打印、注塑模具。"),
    )
    tech_field = LocalizedModelChoiceField(
        label=gettext_lazy("技术领域"),
        queryset=TechField.objects.all(),
        to_field_name="code",
        empty_label=gettext_lazy("请选择技术领域"),
    )
    trl = forms.TypedChoiceField(
        label=gettext_lazy("技术成熟度(TRL)"),
        coerce=int,
        choices=[("", gettext_lazy("请选择"))] + [(n, f"TRL {n} · {label}") for n, label in TRL_LABELS.items()],
    )
    industry_chains = LocalizedModelMultipleChoiceField(
        label=gettext_lazy("产业链"),
        required=False,
        queryset=IndustryChain.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "field-choices"}),
    )
    transfer_modes = forms.MultipleChoiceField(
        label=gettext_lazy("转化方式"),
        choices=TransferMode.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "field-choices"}),
    )
    price_mode = forms.ChoiceField(
        label=gettext_lazy("报价方式"),
        choices=[(FIXED, gettext_lazy("明码标价")), (NEGOTIABLE, gettext_lazy("面议"))],
        initial=NEGOTIABLE,
        widget=forms.RadioSelect(attrs={"class": "field-choices"}),
    )
    price = forms.DecimalField(
        label=gettext_lazy("价格(元)"),
        required=False,
        max_digits=13,
        decimal_places=2,
        min_value=Decimal("0"),  # the model's constraint result_price_not_negative
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal", "min": "0"}),
        help_text=gettext_lazy("选择“明码标价”时填写。"),
    )
    confidential_details = forms.CharField(
        label=gettext_lazy("保密详情"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("工艺参数、配方、图纸要点等，仅对接受保密条款的机构显示。"),
    )
    confidentiality_terms = forms.CharField(
        label=gettext_lazy("保密条款"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=Result._meta.get_field("confidentiality_terms").default,
        help_text=gettext_lazy("查看保密详情前，对方机构须接受的条款。"),
    )

    CONTENT = ("title", "abstract", "keywords")
    CLASSIFICATION = ("tech_field", "trl")
    DEAL = ("transfer_modes", "price_mode", "price")
    CONFIDENTIAL = ("confidential_details", "confidentiality_terms")

    @classmethod
    def initial_from(cls, result) -> dict:
        return {
            "title": result.title,
            "abstract": result.abstract,
            "keywords": "、".join(result.keywords or []),
            "tech_field": result.tech_field_id,
            "trl": result.trl,
            "industry_chains": [chain.code for chain in result.industry_chains.all()],
            "transfer_modes": result.transfer_modes,
            "price_mode": cls.NEGOTIABLE if result.price is None else cls.FIXED,
            "price": result.price,
            "confidential_details": result.confidential_details,
            "confidentiality_terms": result.confidentiality_terms,
        }

    def group(self, names):
        return [self[name] for name in names]

    def clean(self):
        data = super().clean()
        if data.get("price_mode") == self.FIXED and data.get("price") is None and "price" not in self.errors:
            self.add_error("price", _("请填写价格，或选择“面议”。"))
        return data

    def api_data(self) -> dict:
        """The cleaned values as the API's serializer takes them (codes for taxonomies, a string for the price)."""
        data = self.cleaned_data
        price = data.get("price") if data["price_mode"] == self.FIXED else None
        keywords = [k.strip() for k in KEYWORD_SPLIT.split(data.get("keywords") or "") if k.strip()]
        return {
            "title": data["title"],
            "abstract": data["abstract"],
            "keywords": keywords,
            "tech_field": data["tech_field"].code,
            "trl": data["trl"],
            "industry_chains": [chain.code for chain in data.get("industry_chains") or []],
            "transfer_modes": data["transfer_modes"],
            "price": None if price is None else str(price),
            "confidential_details": data.get("confidential_details", ""),
            "confidentiality_terms": data.get("confidentiality_terms", ""),
        }


class PatentRowForm(forms.Form):
    """One row of the patents table: the nested ``PatentSerializer``'s fields. A row left empty is ignored."""

    number = forms.CharField(
        label=gettext_lazy("申请号"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"placeholder": "202110123456.7", "inputmode": "text", "autocomplete": "off"}),
    )
    patent_type = forms.ChoiceField(
        label=gettext_lazy("专利类型"), required=False, choices=[("", gettext_lazy("请选择")), *PatentType.choices]
    )
    legal_status = forms.ChoiceField(
        label=gettext_lazy("法律状态"), required=False, choices=[("", gettext_lazy("请选择")), *LegalStatus.choices]
    )
    ipc_codes = forms.CharField(
        label=gettext_lazy("IPC分类号"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "B29C45/73, B33Y80/00", "autocomplete": "off"}),
    )

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) for name in ("number", "patent_type", "legal_status", "ipc_codes"))

    def clean(self):
        data = super().clean()
        if self.is_blank() or data.get("DELETE"):
            return data
        for name in ("number", "patent_type", "legal_status"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("请填写此项。"))
        return data

    def api_data(self) -> dict:
        data = self.cleaned_data
        return {
            "number": data["number"],
            "patent_type": data["patent_type"],
            "legal_status": data["legal_status"],
            "ipc_codes": split_ipc_codes(data.get("ipc_codes") or ""),
        }


def split_ipc_codes(text: str) -> list[str]:
    """``B29C 45/73, B33Y80/00`` → ``["B29C 45/73", "B33Y80/00"]``: commas (or 、;) and spaces separate symbols, but a
    space between a subclass and its group (``B29C 45/73``, as symbols are often written) does not."""
    codes = []
    for piece in IPC_SPLIT.split(text):
        for token in piece.split():
            if codes and token[:1].isdigit() and not codes[-1][-1:].isdigit():
                codes[-1] = f"{codes[-1]} {token}"
            else:
                codes.append(token)
    return codes


class BasePatentFormSet(forms.BaseFormSet):
    def filled_rows(self) -> list:
        """The rows to save, in order (not blank, not marked for deletion)."""
        return [row for row in self.forms if not row.is_blank() and not row.cleaned_data.get("DELETE")]


NewPatentFormSet = formset_factory(PatentRowForm, formset=BasePatentFormSet, extra=2, can_delete=True)
EditPatentFormSet = formset_factory(PatentRowForm, formset=BasePatentFormSet, extra=1, can_delete=True)


def _patent_formset(result=None, data=None):
    if result is None:
        return NewPatentFormSet(data, prefix="patents")
    initial = [
        {
            "number": patent.number,
            "patent_type": patent.patent_type,
            "legal_status": patent.legal_status,
            "ipc_codes": ", ".join(patent.ipc_codes or []),
        }
        for patent in result.patents.all()
    ]
    return EditPatentFormSet(data, initial=initial, prefix="patents")


class AuctionForm(forms.Form):
    """The API's ``AuctionSerializer`` fields the owner sets: starting price, optional deposit, minimum increment
    and closing time."""

    starting_price = forms.DecimalField(
        label=gettext_lazy("起拍价(元)"),
        max_digits=13,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal", "min": "0.01"}),
    )
    deposit = forms.DecimalField(
        label=gettext_lazy("保证金(元)"),
        required=False,
        max_digits=13,
        decimal_places=2,
        min_value=Decimal("0"),
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal", "min": "0"}),
        help_text=gettext_lazy("可不设；设置后，竞买方须确认已缴纳保证金才能出价。"),
    )
    min_increment = forms.DecimalField(
        label=gettext_lazy("最低加价(元)"),
        max_digits=13,
        decimal_places=2,
        min_value=Decimal("0.01"),
        initial=Decimal("1000.00"),
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal", "min": "0.01"}),
    )
    closes_at = forms.DateTimeField(
        label=gettext_lazy("截止时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("截止后出价最高者竞得，并生成技术转让合同草稿。"),
    )

    def api_data(self, result) -> dict:
        data = self.cleaned_data

        def amount(value):
            return None if value is None else str(value)

        return {
            "result": result.pk,
            "starting_price": amount(data["starting_price"]),
            "deposit": amount(data.get("deposit")),
            "min_increment": amount(data["min_increment"]),
            "closes_at": data["closes_at"].isoformat(),
        }


class MyResultFilterForm(forms.Form):
    """我的成果's search box: the ``q`` parameter of ``ResultFilterSet`` (the status is chosen by the tabs)."""

    q = forms.CharField(
        label=gettext_lazy("关键词"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": gettext_lazy("成果名称、摘要或关键词")}),
    )
    transfer_mode = forms.ChoiceField(
        label=gettext_lazy("转化方式"),
        required=False,
        choices=[("", gettext_lazy("全部方式")), *TransferMode.choices],
    )


# ---------------------------------------------------------------------------------------------------------- helpers


def _messages_of(errors) -> list[str]:
    """Every message of a (possibly nested) DRF error structure, flattened."""
    if isinstance(errors, dict):
        return [text for value in errors.values() for text in _messages_of(value)]
    if isinstance(errors, list | tuple):
        return [text for value in errors for text in _messages_of(value)]
    return [str(errors)]


def _copy_errors(form, formset, rows, errors) -> None:
    """Put the serializer's errors on the page: a result field's on its field, a patent's on its row's field (the
    ``patents`` list holds one dict per row sent, in the order of ``rows``), a list-wide one above the table."""
    formset.patent_errors = []
    for field, value in errors.items():
        if field == "patents":
            # Per row: a list of dicts (one per row sent) or a dict keyed by the row's index; else list-wide.
            if isinstance(value, dict) and value and all(isinstance(key, int) for key in value):
                per_row = value
            elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
                per_row = dict(enumerate(value))
            else:
                formset.patent_errors.extend(_messages_of(value))
                continue
            for index, row_errors in per_row.items():
                row = rows[index] if index < len(rows) else None
                if row is None or not isinstance(row_errors, dict):
                    formset.patent_errors.extend(_messages_of(row_errors))
                    continue
                for name, texts in row_errors.items():
                    row.add_error(name if name in row.fields else None, _messages_of(texts))
            continue
        texts = _messages_of(value) or [_("请检查填写的内容。")]
        form.add_error(field if field in form.fields else None, texts)


def _save_result(request, form, formset, *, instance=None):
    """Validate the result and its patents with the API's ``ResultSerializer`` and save them through the audited
    record services (the owner is the acting organization). Returns the result, or None with the errors shown."""
    rows = formset.filled_rows()
    data = {**form.api_data(), "patents": [row.api_data() for row in rows]}
    serializer = ResultSerializer(
        instance=instance, data=data, partial=instance is not None, context={"request": request}
    )
    if not serializer.is_valid():
        _copy_errors(form, formset, rows, serializer.errors)
        return None
    try:
        with transaction.atomic():
            if instance is None:
                return create_record(
                    serializer,
                    actor=request.user,
                    organization=request.organization,
                    save={"owner": request.organization},
                )
            return update_record(serializer, actor=request.user, organization=request.organization)
    except (DomainError, DjangoValidationError) as exc:
        show_error(request, exc, form)
        return None


def _own_results(request):
    return Result.objects.visible_to(request.user).filter(owner=request.organization)


def _own_result(request, pk, queryset=None):
    """The acting organization's result ``pk`` (404 for anything else, like the API for what one may not edit)."""
    queryset = queryset if queryset is not None else _own_results(request)
    return get_object_or_404(queryset, pk=pk)


def _party_result(request, pk):
    """A result for a POST: 404 if the user may not see it, 403 if the acting organization is not its owner."""
    result = get_object_or_404(Result.objects.visible_to(request.user), pk=pk)
    require_party(request, result.owner_id)
    return result


def _page(result, section="") -> str:
    url = reverse("frontend:my_result", args=[result.pk])
    return f"{url}#{section}" if section else url


def _has_auction(result) -> bool:
    try:
        return result.auction is not None
    except Result.auction.RelatedObjectDoesNotExist:
        return False


# -------------------------------------------------------------------------------------------------------- my results


@workspace_view(kinds=SOLVERS)
def my_results(request):
    """我的成果: the acting organization's results in every state (tabs by status), filtered through the API's
    ``ResultFilterSet``, 20 per page, with the inquiries each received (and how many wait for our reply)."""
    own = _own_results(request)
    counts = dict(own.order_by().values_list("status").annotate(n=Count("id")))
    results = filter_queryset(
        ResultFilterSet,
        request.GET,
        own.select_related("tech_field", "auction")
        .annotate(
            inquiry_count=Count("inquiries", distinct=True),
            open_inquiries=Count("inquiries", filter=Q(inquiries__status=InquiryStatus.OPEN), distinct=True),
        )
        .order_by("-updated_at", "-id"),
        request=request,
    )
    page = paginate(request, results)
    for result in page.object_list:
        result.mode_labels = _mode_labels(result.transfer_modes)
    current = request.GET.get("status", "")
    base = reverse("frontend:my_results")
    tabs = [{"value": "", "label": _("全部"), "count": sum(counts.values()), "url": base, "current": not current}]
    for status in STATUS_TABS:
        tabs.append(
            {
                "value": status,
                "label": status.label,
                "count": counts.get(status, 0),
                "url": f"{base}?status={status}",
                "current": current == status,
            }
        )
    return render(
        request,
        "frontend/publishing/my_results.html",
        {
            "form": MyResultFilterForm(request.GET or None),
            "page_obj": page,
            "results": page.object_list,
            "tabs": tabs,
            "status": current,
            "organization": request.organization,
        },
    )


def _form_page(request, form, formset, result=None):
    return render(
        request,
        "frontend/publishing/form.html",
        {
            "form": form,
            "formset": formset,
            "result": result,
            "groups": {
                "content": form.group(ResultForm.CONTENT),
                "classification": form.group(ResultForm.CLASSIFICATION),
                "deal": form.group(ResultForm.DEAL),
                "confidential": form.group(ResultForm.CONFIDENTIAL),
            },
        },
    )


@workspace_view(kinds=SOLVERS)
def result_create(request):
    """发布成果: a new draft of the acting organization with its patents, validated by the API's serializer; then
    the owner reviews it on its page and submits it."""
    form = ResultForm(request.POST or None)
    formset = _patent_formset(data=request.POST or None)
    if request.method == "POST" and all([form.is_valid(), formset.is_valid()]):
        result = _save_result(request, form, formset)
        if result is not None:
            messages.success(request, _("成果草稿已保存。确认无误后请提交审核。"))
            return redirect(_page(result))
    return _form_page(request, form, formset)


@workspace_view(kinds=SOLVERS)
def result_edit(request, pk):
    """Edit a result and its patents (the patents are replaced as a whole, as the API does). The rules are the
    service's (``services.ensure_result_editable``, applied by the record service): a published result whose content
    changes goes back to review and leaves the catalogue until approved again, which the form and the message say;
    a transferred result or one on auction is refused."""
    result = _own_result(request, pk, _own_results(request).prefetch_related("industry_chains", "patents"))
    try:
        services.ensure_result_editable(result)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect(_page(result))
    form = ResultForm(request.POST or None, initial=ResultForm.initial_from(result))
    formset = _patent_formset(result, data=request.POST or None)
    if request.method == "POST" and all([form.is_valid(), formset.is_valid()]):
        was_published = result.status == ResultStatus.PUBLISHED  # read first: the save updates ``result`` itself
        saved = _save_result(request, form, formset, instance=result)
        if saved is not None:
            if was_published and saved.status == ResultStatus.PENDING_REVIEW:
                messages.warning(request, _("成果已修改，已重新提交审核；审核通过前不在成果库公开展示。"))
            elif saved.status == ResultStatus.DRAFT:
                messages.success(request, _("成果已保存。确认无误后请提交审核。"))
            else:
                messages.success(request, _("成果已保存。"))
            return redirect(_page(saved))
    return _form_page(request, form, formset, result)


@workspace_view(kinds=SOLVERS)
def my_result(request, pk):
    """The owner's page of a result: its state (and the reviewers' reason after a rejection, with 修改 and 重新提交),
    every field including the confidential ones, the patents, the inquiries received and the auction, with the
    buttons its state allows (submit, withdraw, put up for auction)."""
    result = _own_result(
        request,
        pk,
        _own_results(request)
        .select_related("tech_field", "auction")
        .prefetch_related("industry_chains", "patents")
        .annotate(
            inquiry_count=Count("inquiries", distinct=True),
            open_inquiries=Count("inquiries", filter=Q(inquiries__status=InquiryStatus.OPEN), distinct=True),
            acceptance_count=Count("acceptances", distinct=True),
        ),
    )
    auction = result.auction if _has_auction(result) else None
    inquiries = list(
        Inquiry.objects.filter(result=result)
        .select_related("organization")
        .order_by(_unanswered_first(), "-created_at", "-id")[:RECENT_INQUIRIES]
    )
    published = result.status == ResultStatus.PUBLISHED
    return render(
        request,
        "frontend/publishing/detail.html",
        {
            "result": result,
            "mode_labels": _mode_labels(result.transfer_modes),
            "rejected": result.status == ResultStatus.DRAFT and bool(result.review_note),
            "auction": auction,
            "auction_open": auction is not None and auction.status == AuctionStatus.OPEN,
            "can_auction": published and auction is None,
            "can_withdraw": published and not (auction is not None and auction.status == AuctionStatus.OPEN),
            # as services.ensure_result_editable: not while the auction runs nor once it was won
            "can_edit": not (auction is not None and (auction.status == AuctionStatus.OPEN or auction.winning_bid_id)),
            "inquiries": inquiries,
            "organization": request.organization,
        },
    )


@workspace_view(kinds=SOLVERS)
@require_POST
def result_submit(request, pk):
    """提交审核 / 重新提交: the draft goes to the platform's reviewers (``services.submit_result``)."""
    result = _party_result(request, pk)
    resubmit = bool(result.review_note)
    return post_action(
        request, services.submit_result, result, actor=request.user, organization=request.organization,
        success=_("已重新提交审核。") if resubmit else _("已提交审核，平台审核通过后即公开发布。"),
        redirect_to=_page(result),
    )  # fmt: skip


@workspace_view(kinds=SOLVERS)
@require_POST
def result_withdraw(request, pk):
    """撤回: a published result leaves the catalogue (``services.withdraw_result``; refused while its auction runs)."""
    result = _party_result(request, pk)
    return post_action(
        request, services.withdraw_result, result, actor=request.user, organization=request.organization,
        success=_("成果已撤回，不再公开展示。"), redirect_to=_page(result),
    )  # fmt: skip


@workspace_view(kinds=SOLVERS)
def result_auction(request, pk):
    """发起竞价: put a published result up for auction. The values are validated by the API's ``AuctionSerializer``
    and the auction is opened by ``services.create_auction``; a closing time in the past, a starting price of zero or
    a result that is not published come back on the form."""
    # A POST for another owner's published result is refused (403); the form itself is only for our own (404).
    result = _party_result(request, pk) if request.method == "POST" else _own_result(request, pk)
    if _has_auction(result):
        messages.info(request, _("该成果已发起过竞价。"))
        return redirect(_page(result, "auction"))
    initial = {"min_increment": Decimal("1000.00"), "closes_at": timezone.localtime() + timedelta(days=7)}
    if result.price is not None:
        initial["starting_price"] = result.price
    form = AuctionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        serializer = AuctionSerializer(data=form.api_data(result), context={"request": request})
        if not serializer.is_valid():
            for field, value in serializer.errors.items():
                form.add_error(field if field in form.fields else None, _messages_of(value))
        else:
            auction = run_service(
                request, services.create_auction, actor=request.user, organization=request.organization,
                form=form, **serializer.validated_data,
            )  # fmt: skip
            if auction is not None:
                messages.success(request, _("竞价已发起，截止前企业可在线出价。"))
                return redirect(_page(result, "auction"))
    return render(
        request,
        "frontend/publishing/auction_form.html",
        {"result": result, "form": form, "published": result.status == ResultStatus.PUBLISHED},
    )


# --------------------------------------------------------------------------------------------- received inquiries


def _unanswered_first():
    return Case(When(status=InquiryStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField())


@workspace_view(kinds=SOLVERS)
def received_inquiries(request):
    """收到的意向: the inquiries firms sent about the acting organization's results, unanswered first, filtered
    through the API's inquiry filters (``status``, ``result``). Replying is on the inquiry's page."""
    received = Inquiry.objects.visible_to(request.user).filter(result__owner=request.organization)
    counts = dict(received.order_by().values_list("status").annotate(n=Count("id")))
    inquiries = filter_queryset(
        InquiryFilterSet,
        request.GET,
        received.select_related("result", "organization").order_by(_unanswered_first(), "-created_at", "-id"),
        request=request,
    )
    page = paginate(request, inquiries)
    current = request.GET.get("status", "")
    base = reverse("frontend:received_inquiries")
    result_id = request.GET.get("result", "")
    suffix = f"&result={result_id}" if result_id.isdigit() else ""
    tabs = [
        {
            "label": _("全部"),
            "count": sum(counts.values()),
            "url": base + (f"?result={result_id}" if suffix else ""),
            "current": not current,
        }
    ]
    for status in InquiryStatus:
        tabs.append(
            {
                "label": status.label,
                "count": counts.get(status, 0),
                "url": f"{base}?status={status}{suffix}",
                "current": current == status,
            }
        )
    only = None
    if suffix:
        only = _own_results(request).filter(pk=int(result_id)).first()
    return render(
        request,
        "frontend/publishing/inquiries.html",
        {
            "page_obj": page,
            "inquiries": page.object_list,
            "tabs": tabs,
            "status": current,
            "only_result": only,
            "organization": request.organization,
        },
    )


urlpatterns = [
    path("workspace/results/", my_results, name="my_results"),
    path("workspace/results/new/", result_create, name="result_create"),
    path("workspace/results/inquiries/", received_inquiries, name="received_inquiries"),
    path("workspace/results/<int:pk>/", my_result, name="my_result"),
    path("workspace/results/<int:pk>/edit/", result_edit, name="result_edit"),
    path("workspace/results/<int:pk>/submit/", result_submit, name="result_submit"),
    path("workspace/results/<int:pk>/withdraw/", result_withdraw, name="result_withdraw"),
    path("workspace/results/<int:pk>/auction/", result_auction, name="result_auction"),
]


# ------------------------------------------------------------------------------------------ dashboard and navigation


def dashboard_items(request, organization):
    """An institute's or provider's to-dos: inquiries waiting for our reply, results the reviewers returned to fix;
    and, for information, results waiting for review. Two count queries."""
    from .workspace import ActionItem

    if organization is None or organization.kind not in SOLVERS:
        return []
    waiting = Inquiry.objects.filter(result__owner=organization, status=InquiryStatus.OPEN).count()
    counts = Result.objects.filter(owner=organization).aggregate(
        rejected=Count("id", filter=Q(status=ResultStatus.DRAFT) & ~Q(review_note="")),
        pending=Count("id", filter=Q(status=ResultStatus.PENDING_REVIEW)),
    )
    base = reverse("frontend:my_results")
    inbox = reverse("frontend:received_inquiries")
    return [
        ActionItem(_("待回复的意向"), waiting, f"{inbox}?status={InquiryStatus.OPEN}", area="publishing"),
        ActionItem(
            _("审核退回待修改的成果"), counts["rejected"], f"{base}?status={ResultStatus.DRAFT}", area="publishing"
        ),
        ActionItem(
            _("审核中的成果"),
            counts["pending"],
            f"{base}?status={ResultStatus.PENDING_REVIEW}",
            action=False,
            area="publishing",
        ),
    ]


def nav_links(request, organization):
    if organization is None or organization.kind not in SOLVERS:
        return []
    return [
        {
            "label": _("我的成果"),
            "url": reverse("frontend:my_results"),
            "name": "my_results",
            "also": ("result_create", "result_edit", "my_result", "result_auction"),
        },
        {
            "label": _("收到的意向"),
            "url": reverse("frontend:received_inquiries"),
            "name": "received_inquiries",
            "also": ("inquiry_detail",),
        },
    ]

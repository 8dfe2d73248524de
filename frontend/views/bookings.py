"""Booking an instrument from the web: a form that calls the same booking service as the API (rules, frozen price,
voucher co-payment), and the list of the acting organization's bookings."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from instruments import services
from instruments.models import Booking, Instrument
from marketplace.api.acting import resolve_acting_organization
from marketplace.exceptions import DomainError


class BookingForm(forms.Form):
    service_item = forms.ModelChoiceField(queryset=None, label=_("服务项目"), empty_label=None)
    start = forms.DateTimeField(label=_("开始时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    end = forms.DateTimeField(label=_("结束时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    sample_count = forms.IntegerField(label=_("样品数"), min_value=0, max_value=10000, initial=0, required=False)
    purpose = forms.CharField(label=_("用途说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    use_voucher = forms.BooleanField(label=_("使用创新券抵扣"), required=False)

    def __init__(self, *args, instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_item"].queryset = instrument.service_items.filter(active=True)
        if not instrument.voucher_eligible:
            del self.fields["use_voucher"]


@login_required
def book_instrument(request, pk):
    """Request a booking as the acting organization. Rule breaks and conflicts come back as form errors."""
    instrument = get_object_or_404(Instrument.objects.visible_to(request.user).select_related("owner"), pk=pk)
    organization = resolve_acting_organization(request)
    form = BookingForm(request.POST or None, instrument=instrument)
    if organization is None:
        messages.warning(request, _("请先在页面顶部选择您代表的机构。"))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.request_booking(
                actor=request.user,
                organization=organization,
                instrument=instrument,
                service_item=data["service_item"],
                start=data["start"],
                end=data["end"],
                sample_count=data.get("sample_count") or 0,
                purpose=data.get("purpose", ""),
                payment={"use_voucher": bool(data.get("use_voucher"))},
            )
        except DomainError as exc:
            field = next(iter(exc.details.get("errors", {})), None)
            form.add_error(field if field in form.fields else None, str(exc.message))
        else:
            messages.success(
                request,
                _("预约已提交（%(status)s），报价 %(amount)s 元。")
                % {"status": booking.get_status_display(), "amount": booking.amount},
            )
            return redirect("frontend:booking_list")
    return render(
        request,
        "frontend/booking_form.html",
        {"instrument": instrument, "form": form, "organization": organization},
    )


@login_required
def booking_list(request):
    """The acting organization's bookings (as requester and, for an owner, on its instruments)."""
    organization = resolve_acting_organization(request)
    bookings = Booking.objects.none()
    if organization is not None:
        bookings = (
            Booking.objects.visible_to(request.user)
            .filter(requester_org=organization)
            .select_related("instrument", "service_item", "voucher_hold")
            .order_by("-start")[:100]
        )
        incoming = (
            Booking.objects.filter(instrument__owner=organization)
            .select_related("instrument", "requester_org", "service_item")
            .order_by("-start")[:100]
        )
    else:
        incoming = Booking.objects.none()
    return render(
        request,
        "frontend/booking_list.html",
        {"bookings": bookings, "incoming": incoming, "organization": organization},
    )


urlpatterns = [
    path("instruments/<int:pk>/book/", book_instrument, name="book_instrument"),
    path("bookings/", booking_list, name="booking_list"),
]


def dashboard_items(request, organization):
    """Bookings waiting for the owner's confirmation, and the organization's upcoming sessions."""
    from django.urls import reverse
    from django.utils import timezone

    from instruments.choices import BookingStatus

    from .workspace import ActionItem

    items = []
    url = reverse("frontend:booking_list")
    if Instrument.objects.filter(owner=organization).exists():
        waiting = Booking.objects.filter(instrument__owner=organization, status=BookingStatus.REQUESTED).count()
        items.append(ActionItem(_("待确认的预约"), waiting, url, area="bookings"))
    upcoming = Booking.objects.filter(
        requester_org=organization, status=BookingStatus.CONFIRMED, start__gte=timezone.now()
    ).count()
    items.append(ActionItem(_("即将进行的预约"), upcoming, url, action=False, area="bookings"))
    return items


def nav_links(request, organization):
    from django.urls import reverse

    return [{"label": _("预约"), "url": reverse("frontend:booking_list"), "name": "booking_list"}]

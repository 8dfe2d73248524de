"""A matchmaking event in a real browser: the organizer publishes it, a firm registers, the organizer confirms and
checks it in, the firm's meeting request is accepted by an institute and turned into an inquiry, and the event
report counts it."""

import pytest

from matchmaking.models import EventLead, Registration
from matchmaking.tests.factories import make_event, make_result, party, registered
from tech_transfer.models import Inquiry

pytestmark = pytest.mark.django_db(transaction=True)


def test_event_from_publishing_to_report(page, url, login):
    organizer, firm, institute = party("service_provider"), party(), party("institute")
    event = make_event(organizer.organization, title="浏览器模具对接会", status="draft", published_at=None)
    result = make_result(institute.organization, title="随形冷却模具设计")

    login(page, organizer.user)
    page.goto(url("frontend:event_manage", event.pk))
    page.click("header button:has-text('发布')")
    page.wait_for_load_state()
    assert "活动已发布" in page.inner_text("main")
    registered(event, institute, organizer)  # the institute registered too, already confirmed

    login(page, firm.user)
    page.goto(url("frontend:event_detail", event.pk))
    page.fill("[name=note]", "参会 2 人")
    page.click("[data-role=register-form] button[type=submit]")
    page.wait_for_url("**/workspace/my-events/*/")
    registration = Registration.objects.get(event=event, organization=firm.organization)
    assert registration.status == "pending"

    login(page, organizer.user)
    page.goto(url("frontend:event_manage", event.pk))
    row = page.locator(f"tr[data-organization='{firm.organization.name}']")
    row.locator("button:has-text('确认')").click()
    page.wait_for_load_state()
    page.locator(f"tr[data-organization='{firm.organization.name}'] button:has-text('签到')").click()
    page.wait_for_load_state()
    registration.refresh_from_db()
    assert registration.status == "confirmed" and registration.checked_in_at is not None
    page.goto(url("frontend:event_checkin_list", event.pk))
    assert page.locator("[data-role=checkin-list] svg").count() == 2

    login(page, firm.user)
    page.goto(url("frontend:my_registration", registration.pk))
    page.select_option("[name=counterpart]", label=institute.organization.name)
    page.fill("[name=table]", "A1")
    page.click("[data-role=meeting-form] button[type=submit]")
    page.wait_for_load_state()
    assert "洽谈邀请已发送" in page.inner_text("main")

    login(page, institute.user)
    page.goto(url("frontend:my_events"))
    page.click(f"text={event.title}")
    page.click("[data-role=meetings] button:has-text('接受')")
    page.wait_for_load_state()
    assert "已接受" in page.inner_text("[data-role=meetings]")

    login(page, firm.user)
    page.goto(url("frontend:my_registration", registration.pk))
    page.click("summary:has-text('转为后续合作')")
    page.select_option("[name=target]", value=f"result:{result.pk}")
    page.fill("[name=message]", "希望获得随形冷却技术的许可")
    page.click("[data-role=lead-form] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("[data-role=lead]").count() == 1
    inquiry = Inquiry.objects.get(result=result, organization=firm.organization)
    assert EventLead.objects.get(event=event).inquiry == inquiry

    login(page, organizer.user)
    page.goto(url("frontend:event_report", event.pk))
    assert page.inner_text("[data-stat=leads]") == "1"
    assert page.inner_text("[data-stat=checked_in]") == "1"
    assert page.inner_text("[data-stat=meetings]") == "1"
    assert not page.js_errors

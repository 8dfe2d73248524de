"""An event as iCalendar (one VEVENT), for the API's ``calendar.ics`` and the public page's download."""

import icalendar
from django.utils import timezone


def event_calendar(event, url: str = "") -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//kjdsc//events//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", event.title)
    item = icalendar.Event()
    item.add("uid", f"event-{event.pk}@kjdsc")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", event.start)
    item.add("dtend", event.end)
    item.add("summary", event.title)
    item.add("location", event.place or event.online_url)
    item.add("description", event.agenda)
    if url:
        item.add("url", url)
    item.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    calendar.add_component(item)
    return calendar.to_ical()

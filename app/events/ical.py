"""iCalendar (RFC 5545) feeds of events: pure functions, no Flask, no database.

Times are written in local time with TZID=Asia/Almaty, not as UTC, so a school's calendar
shows the hour printed on the poster, and the calendar carries its own VTIMEZONE for
Asia/Almaty so clients without a time-zone database (or with an old one, from before
Kazakhstan moved to a single offset in 2024) still place events at the right instant.
Subscribers are asked to refresh hourly, so a moved or cancelled event reaches them the
same day.

Folding, escaping and CRLF line endings are left to the `icalendar` library.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vDuration, vText

TZID = "Asia/Almaty"
LOCAL = ZoneInfo(TZID)
REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class CalendarEntry:
    """One event as it appears in a feed; all datetimes are timezone-aware."""

    uid: str  # globally unique and stable, e.g. "event-12@integrity-hour"
    title: str
    description: str
    location: str
    url: str
    starts_at: datetime
    ends_at: datetime
    updated_at: datetime
    cancelled: bool = False
    sequence: int = 0  # raised whenever the event changes (see revision_number)


def event_uid(event_id: int, host: str) -> str:
    """An event's UID for ever: its number and the site's canonical host, never the
    request's, so a calendar that subscribed through another address sees the same event
    (and updates it) rather than a duplicate."""
    return f"event-{event_id}@{host}"


def calendar(
    name: str,
    entries: Iterable[CalendarEntry],
    *,
    product_id: str = "-//Integrity Hour//Events//EN",
) -> bytes:
    """The serialized VCALENDAR (UTF-8, CRLF line endings) with one VEVENT per entry."""
    entries = list(entries)
    cal = Calendar()
    cal.add("PRODID", product_id)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    # Plain add() rather than the library's calendar_name / refresh_interval setters: those
    # changed between 6.x and 7.x (6.x writes no X-WR-CALNAME) and write no VALUE=DURATION,
    # which RFC 7986 requires. vDuration because a bare timedelta on an X- property is
    # written as "1:00:00".
    # vText: the library escapes , ; \\ and line breaks only in properties it knows as
    # text, and it does not know these two; a class title with a comma broke strict parsers.
    cal.add("NAME", vText(name))
    cal.add("X-WR-CALNAME", vText(name))
    cal.add("X-WR-TIMEZONE", TZID)
    cal.add("REFRESH-INTERVAL", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", vDuration(REFRESH))  # Outlook's older spelling of the same

    for entry in entries:
        cal.add_component(_event(entry))

    if entries:
        # The VTIMEZONE only needs to cover this feed's events; starting it at the earliest
        # one leaves out the daylight-saving rules (dropped in 2004) that nobody will look up.
        earliest = min(min(e.starts_at, e.ends_at) for e in entries)
        cal.add_missing_timezones(first_date=earliest.astimezone(LOCAL).date())
    return cal.to_ical()


def _event(entry: CalendarEntry) -> Event:
    event = Event()
    event.add("UID", entry.uid)
    # DTSTAMP is when this version of the event was made, so clients see no change in an
    # unchanged event on every hourly refresh.
    event.add("DTSTAMP", entry.updated_at.astimezone(UTC))
    event.add("LAST-MODIFIED", entry.updated_at.astimezone(UTC))
    event.add("SUMMARY", entry.title)
    if entry.description:
        event.add("DESCRIPTION", entry.description)
    if entry.location:
        event.add("LOCATION", entry.location)
    if entry.url:
        event.add("URL", entry.url)
    event.add("DTSTART", entry.starts_at.astimezone(LOCAL))
    event.add("DTEND", entry.ends_at.astimezone(LOCAL))
    event.add("STATUS", "CANCELLED" if entry.cancelled else "CONFIRMED")
    # With the UID unchanged, a higher SEQUENCE tells a phone to update its copy rather
    # than keep the old one or add a second.
    event.add("SEQUENCE", entry.sequence)
    return event


def revision_number(created_at: datetime, updated_at: datetime) -> int:
    """SEQUENCE from the event's own times: whole seconds from creation to its last change.
    It is 0 for an event never changed and grows with every change (RFC 5545 asks only
    that it increase), so no counter has to be stored; it stays within 32 bits for 60
    years."""
    return max(0, int((updated_at - created_at).total_seconds()))

"""The iCalendar feed, read back with the `icalendar` parser a subscriber's client would resemble."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from app.events.ical import CalendarEntry, calendar, revision_number

ALMATY = ZoneInfo("Asia/Almaty")
START = datetime(2026, 11, 25, 4, 0, tzinfo=UTC)
# Kazakhstan moved Almaty from UTC+6 to UTC+5 on 2024-03-01, so this is 09:00, not 10:00.
START_WALL_CLOCK = datetime(2026, 11, 25, 9, 0)

ENTRY = CalendarEntry(
    uid="event-12@integrity-hour",
    title="Адалдық сағаты",
    description="Пікірсайыс",
    location="",
    url="",
    starts_at=START,
    ends_at=START + timedelta(hours=1, minutes=30),
    updated_at=datetime(2026, 11, 1, 8, 15, tzinfo=UTC),
)


def feed(*entries: CalendarEntry, name: str = "Мектеп №12") -> bytes:
    return calendar(name, entries)


def parse(raw: bytes) -> Calendar:
    return Calendar.from_ical(raw)


def only_event(raw: bytes):
    (event,) = parse(raw).walk("VEVENT")
    return event


def physical_lines(raw: bytes) -> list[bytes]:
    assert raw.endswith(b"\r\n")
    lines = raw[: -len(b"\r\n")].split(b"\r\n")
    assert not any(b"\n" in line or b"\r" in line for line in lines), "a bare LF or CR"
    return lines


def assert_well_formed(raw: bytes) -> None:
    raw.decode("utf-8")
    for line in physical_lines(raw):
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a multi-byte character


def test_start_and_end_are_the_right_instants_in_almaty_wall_clock_time():
    raw = feed(ENTRY)
    event = only_event(raw)
    start, end = event["DTSTART"].dt, event["DTEND"].dt

    assert start == ENTRY.starts_at and end == ENTRY.ends_at
    assert start.tzinfo == ALMATY and end.tzinfo == ALMATY
    assert event["DTSTART"].params["TZID"] == "Asia/Almaty"
    assert start.replace(tzinfo=None) == ENTRY.starts_at.astimezone(ALMATY).replace(tzinfo=None)
    assert start.replace(tzinfo=None) == START_WALL_CLOCK
    assert end.replace(tzinfo=None) == datetime(2026, 11, 25, 10, 30)
    assert b"DTSTART;TZID=Asia/Almaty:20261125T090000\r\n" in raw
    assert b"DTEND;TZID=Asia/Almaty:20261125T103000\r\n" in raw


def test_the_feed_carries_a_vtimezone_that_is_right_without_a_tz_database():
    before_2024 = replace(
        ENTRY,
        uid="event-1@integrity-hour",
        starts_at=datetime(2023, 11, 25, 4, 0, tzinfo=UTC),
        ends_at=datetime(2023, 11, 25, 5, 0, tzinfo=UTC),
    )
    cal = parse(feed(ENTRY, before_2024))

    (vtimezone,) = cal.walk("VTIMEZONE")
    assert vtimezone["TZID"] == "Asia/Almaty"
    # Build the zone from the VTIMEZONE alone, as a client with no tz database must.
    from_feed = vtimezone.to_tz(lookup_tzid=False)
    offsets = {}
    for event in cal.walk("VEVENT"):
        wall_clock = event["DTSTART"].dt.replace(tzinfo=from_feed)
        offsets[str(event["UID"])] = wall_clock.utcoffset()
        assert wall_clock.astimezone(UTC) == event["DTSTART"].dt.astimezone(UTC)
    assert offsets == {
        "event-12@integrity-hour": timedelta(hours=5),
        "event-1@integrity-hour": timedelta(hours=6),
    }


def test_calendar_properties_ask_subscribers_to_refresh_hourly():
    raw = feed(ENTRY)
    cal = parse(raw)

    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"] == "-//Integrity Hour//Events//EN"
    assert cal["CALSCALE"] == "GREGORIAN"
    assert cal["METHOD"] == "PUBLISH"
    assert cal["X-WR-CALNAME"] == "Мектеп №12"
    assert cal["X-WR-TIMEZONE"] == "Asia/Almaty"
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in raw
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in raw

    other = parse(calendar("x", [ENTRY], product_id="-//Example//Test//KK"))
    assert other["PRODID"] == "-//Example//Test//KK"


def test_kazakh_text_with_comma_semicolon_and_newline_round_trips_exactly():
    title = "Адалдық сағаты, 9-сынып; ұстаздар\nәріптестер: ғ қ ң ө ұ ү һ і"
    location = "Алматы, Абай даңғылы 1; 2-қабат"
    raw = feed(replace(ENTRY, title=title, location=location, description=title))
    event = only_event(raw)

    assert str(event["SUMMARY"]) == title
    assert str(event["DESCRIPTION"]) == title
    assert str(event["LOCATION"]) == location
    unfolded = raw.replace(b"\r\n ", b"")
    assert "SUMMARY:Адалдық сағаты\\, 9-сынып\\; ұстаздар\\nәріптестер".encode() in unfolded
    assert_well_formed(raw)


def test_a_long_description_is_folded_and_round_trips():
    description = " ".join(f"{n}. Адалдық — әр оқушының ісі, сөзі; бәрі бір." for n in range(40))
    raw = feed(replace(ENTRY, description=description, url="https://example.kz/e/12?" + "x" * 200))
    event = only_event(raw)

    assert str(event["DESCRIPTION"]) == description
    assert str(event["URL"]) == "https://example.kz/e/12?" + "x" * 200
    assert any(line.startswith(b" ") for line in physical_lines(raw)), "nothing was folded"
    assert_well_formed(raw)


def test_lines_end_with_crlf_and_are_at_most_75_octets():
    raw = feed(ENTRY, replace(ENTRY, uid="event-13@integrity-hour", title="ә" * 200))
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert_well_formed(raw)


def test_several_entries_give_several_events_with_their_uids():
    uids = [f"event-{n}@integrity-hour" for n in (12, 13, 14)]
    entries = [
        replace(
            ENTRY,
            uid=uid,
            starts_at=START + timedelta(days=n),
            ends_at=START + timedelta(days=n, hours=1),
        )
        for n, uid in enumerate(uids)
    ]
    cal = parse(calendar("Мектеп", iter(entries)))  # any iterable, read once

    events = cal.walk("VEVENT")
    assert [str(event["UID"]) for event in events] == uids
    assert [event["DTSTART"].dt for event in events] == [entry.starts_at for entry in entries]
    assert len(cal.walk("VTIMEZONE")) == 1


def test_a_cancelled_entry_is_marked_cancelled_and_others_confirmed():
    cal = parse(feed(ENTRY, replace(ENTRY, uid="event-13@integrity-hour", cancelled=True)))

    statuses = {str(event["UID"]): str(event["STATUS"]) for event in cal.walk("VEVENT")}
    assert statuses == {
        "event-12@integrity-hour": "CONFIRMED",
        "event-13@integrity-hour": "CANCELLED",
    }


def test_empty_location_url_and_description_are_left_out():
    event = only_event(feed(replace(ENTRY, description="")))
    for name in ("LOCATION", "URL", "DESCRIPTION"):
        assert name not in event

    event = only_event(
        feed(replace(ENTRY, location="Мектеп залы", url="https://example.kz/events/12"))
    )
    assert str(event["LOCATION"]) == "Мектеп залы"
    assert str(event["URL"]) == "https://example.kz/events/12"


def test_stamp_and_last_modified_are_the_update_time_in_utc():
    updated_in_almaty = datetime(2026, 11, 1, 13, 15, tzinfo=ALMATY)  # 08:15 UTC
    raw = feed(replace(ENTRY, updated_at=updated_in_almaty))
    event = only_event(raw)

    assert event["DTSTAMP"].dt == updated_in_almaty
    assert event["LAST-MODIFIED"].dt == updated_in_almaty
    assert b"\r\nDTSTAMP:20261101T081500Z\r\n" in raw
    assert b"\r\nLAST-MODIFIED:20261101T081500Z\r\n" in raw


def test_a_feed_with_no_entries_still_parses():
    cal = parse(feed())
    assert cal["X-WR-CALNAME"] == "Мектеп №12"
    assert cal.walk("VEVENT") == []


# --- issue 24: strict parsers, escaped names, SEQUENCE ------------------------------------

AWKWARD = "9А, 10Б; актовый зал\nвечер"  # a class list, a semicolon and a line break


def test_the_calendar_name_is_escaped_like_every_text_property():
    raw = feed(ENTRY, name=AWKWARD)
    escaped = "9А\\, 10Б\\; актовый зал\\nвечер"  # RFC 5545 3.3.11 TEXT
    lines = raw.decode().split("\r\n")
    assert f"NAME:{escaped}" in lines and f"X-WR-CALNAME:{escaped}" in lines
    assert_well_formed(raw)


def test_a_strict_second_parser_reads_the_feed_as_written():
    """`ical` (a pydantic RFC 5545 reader, independent of the `icalendar` writer)."""
    changed = replace(ENTRY, title=AWKWARD, description="a; b, c\\d", sequence=7)
    calendar_ = IcsCalendarStream.calendar_from_ics(feed(changed, name=AWKWARD).decode())
    assert calendar_.name == [AWKWARD]  # unescaped again: it was escaped as TEXT
    [event] = calendar_.events
    assert (event.uid, event.summary, event.description) == (
        ENTRY.uid,
        AWKWARD,
        "a; b, c\\d",
    )
    assert event.sequence == 7
    assert event.dtstart == START


def test_sequence_is_zero_until_the_event_changes_then_rises():
    created = datetime(2026, 11, 1, 8, 0, 0, 400_000, tzinfo=UTC)
    assert revision_number(created, created + timedelta(microseconds=300)) == 0
    first_edit = revision_number(created, created + timedelta(minutes=5))
    assert 0 < first_edit < revision_number(created, created + timedelta(days=3))
    assert only_event(feed(replace(ENTRY, sequence=first_edit)))["SEQUENCE"] == first_edit

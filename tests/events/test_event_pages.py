"""Event pages: the form (who may invite whom, bad input), lists, calendar, iCalendar files
and feeds, and the student's card on the profile."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import sqlalchemy as sa

from app.core.access import Role
from app.core.time import utcnow
from app.events.models import Audience, Event, EventKind

ALMATY = ZoneInfo("Asia/Almaty")


def _form(**changes) -> dict:
    data = {
        "kind": "integrity_hour",
        "title_kk": "Адалдық сағаты: сыбайлас жемқорлық деген не?",
        "title_en": "Integrity Hour: what is corruption?",
        "starts_at": "2026-12-01T10:00",
        "ends_at": "2026-12-01T11:30",
        "place": "Assembly hall",
        "points": "100",
        "audience": "classes",
    }
    return data | changes


def _events(db) -> list[Event]:
    return list(db.session.scalars(sa.select(Event).order_by(Event.id)))


def test_a_teacher_creates_an_event_for_their_class(client, auth, hall, db):
    auth.login(hall.teacher)
    before = len(_events(db))
    response = client.post(
        "/events/new",
        data=_form(
            class_ids=[hall.klass.id],
            region_id=hall.school.region_id,
            institution_id=hall.school.id,
        ),
    )
    assert response.status_code == 302
    event = _events(db)[before]
    assert event.title["kk"] == "Адалдық сағаты: сыбайлас жемқорлық деген не?"
    # 10:00 typed in Almaty is 05:00 UTC (UTC+5 since March 2024)
    assert event.starts_at == datetime(2026, 12, 1, 10, tzinfo=ALMATY)
    assert event.starts_at.utcoffset() == timedelta(0)
    assert event.starts_at.hour == 5
    assert [klass.id for klass in event.classes] == [hall.klass.id]
    assert (event.audience, event.created_by_id) == (Audience.CLASSES, hall.teacher.id)


def test_a_teacher_cannot_invite_another_teachers_class(client, auth, make, hall, db):
    other = make.school_class(hall.school, teacher=make.user(Role.TEACHER), name="10B")
    auth.login(hall.teacher)
    before = len(_events(db))
    response = client.post(
        "/events/new",
        data=_form(
            class_ids=[other.id], region_id=hall.school.region_id, institution_id=hall.school.id
        ),
    )
    assert response.status_code == 200
    assert "not a valid choice" in response.text
    assert len(_events(db)) == before


def test_an_event_ending_before_it_starts_is_refused(client, auth, hall, db):
    auth.login(hall.teacher)
    before = len(_events(db))
    response = client.post(
        "/events/new",
        data=_form(
            ends_at="2026-12-01T09:00",
            class_ids=[hall.klass.id],
            region_id=hall.school.region_id,
            institution_id=hall.school.id,
        ),
    )
    assert response.status_code == 200
    assert "must end after it starts" in response.text
    assert len(_events(db)) == before


def test_missing_title_and_place_are_explained(client, auth, hall):
    auth.login(hall.teacher)
    response = client.post(
        "/events/new", data=_form(title_kk="", title_en="", place="", class_ids=[hall.klass.id])
    )
    assert "title in at least one language" in response.text
    assert "Enter a place, or an online link" in response.text


def test_a_regional_organizer_creates_only_in_their_region(
    client, auth, make, region, other_region, db
):
    organizer = make.user(Role.ORGANIZER, region=region)
    auth.login(organizer)
    before = len(_events(db))
    refused = client.post(
        "/events/new", data=_form(audience="open", region_id=other_region.id, institution_id=0)
    )
    assert refused.status_code == 200
    assert len(_events(db)) == before
    created = client.post(
        "/events/new", data=_form(audience="region", region_id=region.id, institution_id=0)
    )
    assert created.status_code == 302
    assert _events(db)[before].region_id == region.id


def test_institutions_must_belong_to_the_region(client, auth, make, region, other_region, db):
    admin = make.user(Role.ADMIN)
    far = make.institution(other_region)
    auth.login(admin)
    response = client.post(
        "/events/new",
        data=_form(
            audience="institutions",
            region_id=region.id,
            institution_id=0,
            institution_ids=[far.id],
        ),
    )
    assert "Choose institutions of the event&#39;s region only." in response.text


def test_editing_keeps_what_was_typed_when_refused(client, auth, hall):
    auth.login(hall.teacher)
    page = client.get(f"/events/{hall.event.id}/edit")
    assert 'value="Integrity Hour"' in page.text
    assert 'value="Адалдық сағаты"' in page.text


def _listed(client, url: str) -> set[int]:
    """Ids of the events a list page links to."""
    page = client.get(url).text
    return {
        int(part.split('"')[0]) for part in page.split('href="/events/')[1:] if part[0].isdigit()
    }


def test_lists_show_each_user_their_own_events(client, auth, make, region, hall):
    organizer = make.user(Role.ORGANIZER, region=region)
    public = make.event(organizer, region_id=region.id)
    other_class = make.school_class(hall.school, teacher=hall.teacher, name="11A")
    private = make.event(hall.teacher, other_class)
    auth.login(None)
    assert _listed(client, "/events") == {public.id}
    assert client.get(f"/events/{private.id}").status_code == 404  # as for a missing id
    auth.login(hall.student)
    assert _listed(client, "/events") == {public.id, hall.event.id}
    assert client.get(f"/events/{private.id}").status_code == 404
    auth.login(organizer)
    assert _listed(client, "/events") == {public.id, hall.event.id, private.id}  # their region
    auth.login(make.user(Role.ORGANIZER, region=make.db.session.get(type(region), 1)))
    assert _listed(client, "/events") == {public.id}


def test_past_events_and_filters(client, auth, make, region, hall):
    old = make.event(hall.teacher, hall.klass, starts_in=timedelta(days=-10))
    auth.login(hall.student)
    assert _listed(client, "/events") == {hall.event.id}
    assert _listed(client, "/events?when=past") == {old.id}
    assert _listed(client, "/events?when=past&kind=contest") == set()
    assert _listed(client, f"/events?when=past&kind={old.kind}") == {old.id}
    assert _listed(client, "/events?region=999999") == set()
    assert _listed(client, f"/events?region={region.id}") == {hall.event.id}
    assert _listed(client, "/events?kind=nonsense") == {hall.event.id}  # unknown: no filter


def test_the_calendar_shows_events_on_their_almaty_day(client, auth, make, hall):
    # 23:30 UTC on 9 December is 04:30 on 10 December in Almaty
    starts = datetime(2026, 12, 9, 23, 30, tzinfo=ZoneInfo("UTC"))
    event = make.event(hall.teacher, hall.klass, starts_in=starts - utcnow(), title={"en": "Night"})
    auth.login(hall.student)
    page = client.get("/events/calendar?month=2026-12").text
    cell = page.split('<span class="day-number">10</span>')[1].split("</td>")[0]
    assert f"/events/{event.id}" in cell
    assert "Night" not in page.split('<span class="day-number">9</span>')[1].split("</td>")[0]
    assert client.get("/events/calendar?month=garbage").status_code == 200


def test_the_ics_file_parses_and_carries_almaty_times(client, auth, hall):
    auth.login(hall.student)
    response = client.get(f"/events/{hall.event.id}/event.ics")
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    [vevent] = calendar.walk("VEVENT")
    start = vevent.decoded("DTSTART")
    expected_start = hall.event.starts_at.replace(microsecond=0)  # iCalendar counts seconds
    assert str(start.tzinfo) == "Asia/Almaty"
    assert start == expected_start
    assert start.replace(tzinfo=None) == expected_start.astimezone(ALMATY).replace(tzinfo=None)
    assert vevent.decoded("DTEND") == hall.event.ends_at.replace(microsecond=0)
    assert str(vevent["SUMMARY"]) == "Integrity Hour"
    assert str(vevent["URL"]).endswith(f"/events/{hall.event.id}")


def test_the_calendar_feed_follows_its_owner_without_a_session(client, auth, make, hall):
    later = make.event(
        hall.teacher, hall.klass, starts_in=timedelta(days=3), title={"en": "Next week"}
    )
    auth.login(hall.student)
    page = client.get("/events/mine").text
    feed_url = page.split('readonly value="')[1].split('"')[0]
    auth.login(None)
    feed = client.get(feed_url.removeprefix("http://localhost"))
    assert feed.status_code == 200
    titles = {str(v["SUMMARY"]) for v in icalendar.Calendar.from_ical(feed.data).walk("VEVENT")}
    assert titles == {"Integrity Hour", later.display_title}
    assert client.get("/events/feed/forged.ics").status_code == 404


def test_the_profile_shows_the_students_card(client, auth, hall):
    auth.login(hall.student)
    page = client.get("/account").text
    assert "My check-in card" in page
    assert "<svg" in page


def test_kinds_have_labels(hall):
    for kind in EventKind:
        hall.event.kind = kind
        assert hall.event.kind_label


def test_an_organizer_edits_a_class_event_and_it_keeps_its_classes(
    client, auth, make, region, hall
):
    organizer = make.user(Role.ORGANIZER, region=region)
    auth.login(organizer)
    page = client.get(f"/events/{hall.event.id}/edit").text
    data = _form(
        region_id=region.id,
        institution_id=hall.school.id,
        class_ids=[hall.klass.id],
        place="Gym",
    )
    assert 'value="classes"' in page
    assert client.post(f"/events/{hall.event.id}/edit", data=data).status_code == 302
    make.db.session.refresh(hall.event)
    assert (hall.event.place, [k.id for k in hall.event.classes]) == ("Gym", [hall.klass.id])
    # a new event of an organizer is for a region, institutions or everyone, not classes
    refused = client.post("/events/new", data=data)
    assert refused.status_code == 200
    assert "not a valid choice" in refused.text.lower()

"""Nobody outside an event's audience learns that it exists (issue 18, finding 9): they get
the very 404 a missing id gets, from its page, its calendar file and a forged check-in link."""

import re
from urllib.parse import quote

from app.core.access import Role

TITLE = "Secret class meeting"
CSRF_VALUE = re.compile(
    r'(?<=name="csrf_token" )value="[^"]*"|(?<=name="csrf-token" )content="[^"]*"'
)


def _class_event(make, hall):
    return make.event(hall.teacher, hall.klass, title={"en": TITLE, "kk": TITLE})


def _same_404(client, url: str, missing: str):
    found, absent = client.get(url), client.get(missing)
    assert (found.status_code, absent.status_code) == (404, 404)
    assert TITLE not in found.text
    # the pages differ only where they link back to their own address
    assert _without(found.text, url) == _without(absent.text, missing)


def _without(page: str, path: str) -> str:
    """The page without its own address, and without the form token, which carries the
    second it was signed in (two requests may fall on either side of one)."""
    page = CSRF_VALUE.sub('value="TOKEN"', page)
    return page.replace(path, "PATH").replace(quote(path, safe=""), "PATH")


def test_anonymous_visitors_get_the_missing_events_404(client, auth, make, hall):
    event = _class_event(make, hall)
    auth.login(None)
    _same_404(client, f"/events/{event.id}", "/events/999999")
    _same_404(client, f"/events/{event.id}/event.ics", "/events/999999/event.ics")
    _same_404(client, f"/e/{event.id}/1.forged", "/e/999999/1.forged")
    # the 404 page still lets a student who was not signed in reach their own event
    page = client.get(f"/events/{event.id}", headers={"Accept-Language": "en"})
    assert "sign in to see it" in page.text


def test_a_student_outside_the_audience_gets_the_same_404(client, auth, make, hall):
    event = _class_event(make, hall)
    auth.login(make.user(Role.STUDENT, institution=hall.school))  # not in the class
    _same_404(client, f"/events/{event.id}", "/events/999999")
    _same_404(client, f"/e/{event.id}/1.forged", "/e/999999/1.forged")
    _same_404(client, f"/events/{event.id}/attendance", "/events/999999/attendance")


def test_the_audience_still_sees_the_refusal_of_a_forged_link(client, auth, make, hall):
    event = _class_event(make, hall)
    auth.login(hall.student)
    response = client.get(f"/e/{event.id}/1.forged")
    assert response.status_code == 410
    assert TITLE in response.text

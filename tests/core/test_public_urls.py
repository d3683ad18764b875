"""The canonical public base URL (issue 24): ids, UIDs, QR code targets and links in
credentials and exports come from PUBLIC_BASE_URL, whatever Host header a request carried."""

import json
from datetime import timedelta

import icalendar
import pytest
import sqlalchemy as sa

from app import create_app
from app.config import ProductionConfig
from app.core.access import Role
from app.core.urls import base_url_problem, public_host, public_url
from app.gamification import openbadges
from app.gamification.models import BadgeAward, PointSource
from app.gamification.services import award

BASE = "https://adaldyq.example.kz"
HOSTS = ("localhost", "forged.example.com")


@pytest.fixture
def canonical(app):
    app.config["PUBLIC_BASE_URL"] = BASE
    yield BASE
    app.config["PUBLIC_BASE_URL"] = ""


def _as_hosts(client, path: str) -> list:
    """The same request under each Host header, signed in as the client is."""
    if session := client.get_cookie("session"):
        client.set_cookie("session", session.value, domain=HOSTS[1])
    responses = [client.get(path, headers={"Host": host}) for host in HOSTS]
    assert [response.status_code for response in responses] == [200, 200], path
    return responses


# --- the setting ------------------------------------------------------------------------


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "a-real-secret-" + "x" * 40)
    return ProductionConfig


def test_production_refuses_to_start_without_a_base_url(production, monkeypatch):
    monkeypatch.setattr(production, "PUBLIC_BASE_URL", "")
    with pytest.raises(RuntimeError, match="set PUBLIC_BASE_URL"):
        create_app(production)


def test_production_refuses_a_base_url_that_is_not_https(production, monkeypatch):
    monkeypatch.setattr(production, "PUBLIC_BASE_URL", "http://adaldyq.example.kz")
    with pytest.raises(RuntimeError, match="https:// in production"):
        create_app(production)


def test_production_starts_with_an_https_base_url(production, monkeypatch):
    monkeypatch.setattr(production, "PUBLIC_BASE_URL", BASE)
    assert create_app(production).config["PUBLIC_BASE_URL"] == BASE


@pytest.mark.parametrize(
    ("base", "production_", "wanted"),
    [
        ("", False, None),
        ("http://127.0.0.1:5000", False, None),
        ("adaldyq.kz", False, "absolute http(s) address"),
        ("https://adaldyq.kz/?x=1", True, "query or a fragment"),
        ("ftp://adaldyq.kz", True, "absolute http(s) address"),
        ("https://adaldyq.kz/integrity", True, None),
    ],
)
def test_base_url_problems(base, production_, wanted):
    problem = base_url_problem(base, production_)
    assert (problem is None) if wanted is None else (wanted in problem)


def test_public_urls_follow_the_base_not_the_request(app, canonical):
    with app.test_request_context("/", base_url="http://forged.example.com:8080"):
        assert public_url("gamification.issuer_document") == f"{BASE}/ob/issuer"
        assert public_url("gamification.catalog", _anchor="first-quiz").endswith("#first-quiz")
        assert public_host() == "adaldyq.example.kz"


def test_a_base_url_with_a_path_keeps_it(app):
    app.config["PUBLIC_BASE_URL"] = "https://example.kz/integrity"
    try:
        with app.test_request_context("/"):
            assert (
                public_url("events.detail", event_id=7) == "https://example.kz/integrity/events/7"
            )
    finally:
        app.config["PUBLIC_BASE_URL"] = ""


def test_public_urls_are_built_outside_a_request_too(app, canonical):
    with app.app_context():
        assert public_url("live.join") == f"{BASE}/join"


def test_without_a_base_url_development_uses_the_request(app):
    with app.test_request_context("/", base_url="http://127.0.0.1:5000"):
        assert public_url("live.join") == "http://127.0.0.1:5000/join"


# --- what it is used for ----------------------------------------------------------------


def _badge_award(make, db) -> BadgeAward:
    student = make.user(login="aigerim@example.kz", display_name="Aigerim")
    award(student.id, PointSource.QUIZ_COMPLETION, "1", "first completion of quiz q")
    db.session.commit()
    return db.session.scalar(sa.select(BadgeAward).filter_by(user_id=student.id))


def test_badge_documents_are_identical_whatever_the_host_header(client, make, db, canonical):
    badge_award = _badge_award(make, db)
    first, second = (
        json.loads(response.data)
        for response in _as_hosts(client, f"/ob/assertions/{badge_award.public_id}")
    )
    assert first == second
    assert first["id"] == f"{BASE}/ob/assertions/{badge_award.public_id}"
    assert first["badge"] == f"{BASE}/ob/badges/{badge_award.badge_id}"
    assert first["image"].startswith(BASE)
    badge_class, again = (
        json.loads(r.data) for r in _as_hosts(client, f"/ob/badges/{badge_award.badge_id}")
    )
    assert badge_class == again
    assert badge_class["issuer"] == f"{BASE}/ob/issuer"
    issuer, again = (json.loads(r.data) for r in _as_hosts(client, "/ob/issuer"))
    assert issuer == again
    assert (issuer["id"], issuer["url"]) == (f"{BASE}/ob/issuer", f"{BASE}/")


def test_calendar_uids_and_links_are_identical_whatever_the_host_header(
    client, auth, make, region, canonical
):
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, institution=school)
    event = make.event(teacher)
    auth.login(teacher)
    events = [
        icalendar.Calendar.from_ical(response.data).walk("VEVENT")[0]
        for response in _as_hosts(client, f"/events/{event.id}/event.ics")
    ]
    assert [str(vevent["UID"]) for vevent in events] == [f"event-{event.id}@adaldyq.example.kz"] * 2
    assert [str(vevent["URL"]) for vevent in events] == [f"{BASE}/events/{event.id}"] * 2


def test_qr_code_targets_are_identical_whatever_the_host_header(
    client, auth, make, region, canonical
):
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, institution=school)
    event = make.event(teacher)
    auth.login(teacher)
    states = [r.json for r in _as_hosts(client, f"/events/{event.id}/projector.json")]
    assert all(state["link"].startswith(f"{BASE}/e/{event.id}/") for state in states)
    assert all(state["url"] == f"{BASE}/check-in" for state in states)
    assert all("forged" not in state["qr_svg"] for state in states)


def test_an_event_keeps_its_uid_and_raises_its_sequence_when_it_changes(
    client, auth, make, db, region, canonical
):
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, institution=school)
    event = make.event(teacher)
    auth.login(teacher)

    def vevent():
        return icalendar.Calendar.from_ical(client.get(f"/events/{event.id}/event.ics").data).walk(
            "VEVENT"
        )[0]

    before = vevent()
    event.updated_at = event.created_at + timedelta(minutes=3)  # as an edit stamps it
    db.session.commit()
    after = vevent()
    assert str(after["UID"]) == str(before["UID"])
    assert before["SEQUENCE"] == 0 < after["SEQUENCE"]


def test_a_badge_earned_under_the_base_url_names_its_recipient_by_an_iri(
    client, make, db, canonical
):
    badge_award = _badge_award(make, db)
    assert badge_award.recipient_identity.startswith(f"{BASE}/ob/recipients/")
    recipient = json.loads(client.get(f"/ob/assertions/{badge_award.public_id}").data)["recipient"]
    assert recipient["type"] == "url"  # schema:url in the context; "id" maps to @id
    assert recipient["identity"] == openbadges.hash_identity(
        badge_award.recipient_identity, recipient["salt"]
    )

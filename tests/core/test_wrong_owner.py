"""Every route that takes an object's id, asked by someone of the right role who does not own
the object: another student, another teacher (same school, not their class), another
region's organizer. Each gets the expected 403 or 404, GET and POST, and the database is
exactly as it was. A new id-taking route fails ``test_every_id_route_has_a_wrong_owner_row``
until someone decides here who its wrong owner is (or why it is public by design).
"""

import pytest
import sqlalchemy as sa

from app.core.access import Role
from app.extensions import db as _db
from app.live.models import TeamMode
from app.live.scoring import Scoring
from app.live.services import create_game
from tests.core.test_access_matrix import _fill

WRONG_OWNERS = ("other_student", "other_teacher", "other_organizer", "other_player")
TO_JOIN = "to /join"  # the phone page sends a token of another game back to the join form


def wrong(method, url, who, status):
    # a player token is a credential: another game's token is 401 "not in this game"
    allowed = (401, TO_JOIN) if who == "other_player" else (403, 404)
    assert who in WRONG_OWNERS and status in allowed
    return pytest.param(method, url, who, status, id=f"{method} {url} as {who}")


ROWS = [
    # a class and its roster are its teachers'; a school is its region's
    wrong("GET", "/classes/{class}", "other_teacher", 403),
    wrong("POST", "/classes/{class}/join-code", "other_teacher", 403),
    wrong("POST", "/classes/{class}/slips", "other_teacher", 403),
    wrong("GET", "/classes/{class}/roster", "other_teacher", 403),
    wrong("POST", "/classes/{class}/roster", "other_teacher", 403),
    wrong("GET", "/institutions/{school}/edit", "other_organizer", 403),
    wrong("POST", "/institutions/{school}/edit", "other_organizer", 403),
    wrong("POST", "/teachers/{pending}/approve", "other_organizer", 404),
    wrong("POST", "/teachers/{pending}/decline", "other_organizer", 404),
    # an attempt is its player's
    wrong("GET", "/attempts/{attempt}", "other_student", 403),
    wrong("POST", "/attempts/{attempt}", "other_student", 403),
    wrong("GET", "/attempts/{attempt}/result", "other_student", 403),
    # a draft and its answer key are its author's (and their region's staff)
    wrong("POST", "/quizzes/{draft_slug}/start", "other_student", 403),
    wrong("GET", "/teach/quizzes/{draft}", "other_teacher", 403),
    wrong("GET", "/teach/quizzes/{draft}/guide", "other_teacher", 403),
    wrong("GET", "/teach/quizzes/{draft}/details", "other_teacher", 403),
    wrong("POST", "/teach/quizzes/{draft}/details", "other_teacher", 403),
    wrong("GET", "/teach/quizzes/{draft}/cases", "other_teacher", 403),
    wrong("POST", "/teach/quizzes/{draft}/cases", "other_teacher", 403),
    wrong("GET", "/teach/quizzes/{draft}/questions/new", "other_teacher", 403),
    wrong("POST", "/teach/quizzes/{draft}/questions/new", "other_teacher", 403),
    wrong("GET", "/teach/quizzes/{draft}/questions/q1", "other_teacher", 403),
    wrong("POST", "/teach/quizzes/{draft}/questions/q1", "other_teacher", 403),
    wrong("POST", "/teach/quizzes/{draft}/questions/q1/delete", "other_teacher", 403),
    wrong("POST", "/teach/quizzes/{draft}/questions/q1/move/down", "other_teacher", 403),
    wrong("POST", "/teach/quizzes/{draft}/submit", "other_teacher", 403),
    wrong("GET", "/teach/quizzes/{draft}/export.gift", "other_teacher", 403),
    wrong("GET", "/teach/quizzes/{draft}/export.xml", "other_teacher", 403),
    wrong("GET", "/teach/quizzes/{draft}/export.csv", "other_organizer", 403),
    wrong("GET", "/teach/quizzes/{draft}/export.yaml", "other_teacher", 403),
    wrong("GET", "/teach/quizzes/{draft}/export.xml", "other_teacher", 403),
    wrong("GET", "/teach/quizzes/{draft}/export.xml", "other_organizer", 403),
    wrong("GET", "/teach/quizzes/{submitted}/review", "other_organizer", 404),
    wrong("POST", "/teach/quizzes/{submitted}/review", "other_organizer", 404),
    wrong("GET", "/teach/quizzes/{draft}/assign", "other_teacher", 403),
    wrong("POST", "/teach/quizzes/{draft}/assign", "other_teacher", 403),
    wrong("GET", "/live/new/{draft}", "other_teacher", 403),
    wrong("POST", "/live/new/{draft}", "other_teacher", 403),
    # an assignment is its class's teachers'
    wrong("GET", "/teach/assignments/{assignment}", "other_teacher", 403),
    wrong("POST", "/teach/assignments/{assignment}/delete", "other_teacher", 403),
    wrong("GET", "/teach/assignments/{assignment}/students.csv", "other_teacher", 403),
    wrong("GET", "/teach/assignments/{assignment}/questions.csv", "other_teacher", 403),
    # a badge is revoked by staff of its holder's region
    wrong("POST", "/badges/{badge}/revoke", "other_organizer", 403),
    # a live game is its host's
    wrong("GET", "/live/games/{game}/host", "other_teacher", 403),
    wrong("GET", "/live/games/{game}/report", "other_teacher", 403),
    wrong("GET", "/live/games/{game}/players.csv", "other_teacher", 403),
    wrong("GET", "/live/api/games/{game}/host-events", "other_teacher", 403),
    wrong("GET", "/live/api/games/{game}/report.json", "other_teacher", 403),
    wrong("POST", "/live/api/games/{game}/start", "other_teacher", 403),
    wrong("POST", "/live/api/games/{game}/next", "other_teacher", 403),
    wrong("POST", "/live/api/games/{game}/reveal", "other_teacher", 403),
    wrong("POST", "/live/api/games/{game}/finish", "other_teacher", 403),
    wrong("POST", "/live/api/games/{game}/teams", "other_teacher", 403),
    wrong("POST", "/live/api/games/{game}/players/{game_player}/remove", "other_teacher", 403),
    wrong("POST", "/live/api/games/{game}/players/{game_player}/team", "other_teacher", 403),
    # the phone's side of a game is its player's (their token), never another game's player's
    wrong("GET", "/live/play/{game}", "other_player", TO_JOIN),
    wrong("GET", "/live/api/games/{game}/state", "other_player", 401),
    wrong("GET", "/live/api/games/{game}/events", "other_player", 401),
    wrong("POST", "/live/api/games/{game}/answers", "other_player", 401),
    # a class event is for its class, run by its teachers and the region's organizers
    wrong("GET", "/events/{event}", "other_student", 404),
    wrong("GET", "/events/{event}/event.ics", "other_student", 404),
    wrong("POST", "/events/{event}/register", "other_student", 404),
    wrong("POST", "/events/{event}/cancel", "other_student", 404),
    wrong("GET", "/events/{event}/check-in", "other_student", 404),
    wrong("POST", "/events/{event}/check-in", "other_student", 404),
    wrong("GET", "/e/{event}/1.forged", "other_student", 404),
    wrong("GET", "/events/{event}/edit", "other_teacher", 404),
    wrong("POST", "/events/{event}/edit", "other_teacher", 404),
    wrong("GET", "/events/{event}/projector", "other_teacher", 404),
    wrong("GET", "/events/{event}/projector.json", "other_teacher", 404),
    wrong("GET", "/events/{event}/scanner", "other_teacher", 404),
    wrong("POST", "/events/{event}/scans", "other_teacher", 404),
    wrong("GET", "/events/{event}/attendance", "other_organizer", 404),
    wrong("GET", "/events/{event}/attendance.csv", "other_organizer", 404),
    wrong("POST", "/events/{event}/attendance/{student}", "other_organizer", 404),
    # volunteering: an application is its applicant's, a consent their teacher's, the
    # queue its region's organizers'
    wrong("POST", "/volunteer/applications/{student_application}/withdraw", "other_student", 404),
    wrong("POST", "/volunteer/applications/{student_application}/erase", "other_student", 404),
    wrong("POST", "/volunteer/consents/{student_application}/confirm", "other_teacher", 404),
    wrong("GET", "/volunteer/applications/{volunteer_application}", "other_organizer", 404),
    wrong("POST", "/volunteer/applications/{volunteer_application}/move", "other_organizer", 404),
    wrong("POST", "/volunteer/activities/{activity}/review", "other_organizer", 404),
    # a tournament is run by its author and its region's organizers
    wrong("GET", "/debates/{tournament}/manage", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/teams", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/adjudicators", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/venues", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/rounds", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/release", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/finish", "other_organizer", 403),
    wrong("GET", "/debates/{tournament}/rounds/1", "other_teacher", 404),
    wrong("GET", "/debates/{tournament}/standings", "other_teacher", 404),
    wrong("GET", "/debates/{tournament}/speakers", "other_organizer", 404),
    wrong("GET", "/debates/{tournament}/break", "other_organizer", 404),
    wrong("GET", "/debates/{tournament}/motions.csv", "other_teacher", 403),
    wrong("GET", "/debates/{tournament}/rounds/1/projector", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/rounds/1/draw", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/rounds/1/draw/delete", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/rounds/1/allocate", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/rounds/1/release", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/rounds/1/motion", "other_organizer", 403),
    wrong("GET", "/debates/{tournament}/debates/{debate}", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/debates/{debate}", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/debates/{debate}/confirm", "other_organizer", 403),
    # the tab room's lists, settings, check-in desk and feedback: another tournament's tab room
    wrong("POST", "/debates/{tournament}/settings", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/teams/{team}/swing", "other_teacher", 403),
    wrong("GET", "/debates/{tournament}/import", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/import", "other_organizer", 403),
    wrong("GET", "/debates/{tournament}/teams.csv", "other_teacher", 403),
    wrong("GET", "/debates/{tournament}/adjudicators.csv", "other_organizer", 403),
    wrong("GET", "/debates/{tournament}/check-ins", "other_teacher", 403),
    wrong("POST", "/debates/{tournament}/check-ins", "other_teacher", 403),
    wrong("GET", "/debates/{tournament}/feedback", "other_organizer", 403),
    wrong("POST", "/debates/{tournament}/adjudicators/{adjudicator}/rating", "other_teacher", 403),
    wrong("GET", "/debates/{tournament}/rounds/1/print/ballots", "other_teacher", 403),
    # a team's page opened with another team's link, a judge's with another judge's
    wrong("GET", "/team/{team}/{other_team_token}", "other_student", 404),
    wrong("POST", "/team/{team}/{other_team_token}/check-in", "other_student", 404),
    wrong(
        "POST",
        "/team/{team}/{other_team_token}/feedback/{debate}/{adjudicator}",
        "other_student",
        404,
    ),
    wrong("GET", "/judge/{adjudicator}/{other_judge_token}", "other_student", 404),
    wrong("POST", "/judge/{adjudicator}/{other_judge_token}/check-in", "other_student", 404),
    wrong(
        "POST",
        "/judge/{adjudicator}/{other_judge_token}/feedback/{debate}/{adjudicator}",
        "other_student",
        404,
    ),
]

# Routes with an id or a key that are not anyone's to own, and why.
PUBLIC_BY_DESIGN = {
    "/badges/<public_id>": "a badge's public page, shared by its holder",
    "/badges/<public_id>/badge.svg": "the badge's image",
    "/ob/assertions/<public_id>": "Open Badges verification is public by the standard",
    "/ob/badges/<badge_id>": "a badge class, the same for everyone",
    "/ballot/<int:debate_id>/<int:adjudicator_id>/<token>": "the signed link is the right",
    "/ballot/<int:debate_id>/<int:adjudicator_id>/<token>/confirm": "the signed link",
    "/events/feed/<token>.ics": "the secret feed link is the right",
    "/join/<pin>": "anyone in the hall joins with the PIN",
    "/quizzes/<slug>/start": "library quizzes are for everyone; drafts have a row above",
    "/debates/<int:tournament_id>": "a tournament's public page",
    "/debates/<int:tournament_id>/motions": "released motions are public",
    "/debates/<int:tournament_id>/register": "anyone registers a team while it is open",
    "/dashboard/export/<table>.csv": "a table name, not an object: scoped by region",
    "/teach/quizzes/<int:quiz_id>": "a library quiz is public; a draft has a row above",
    "/media/<key>/<variant>.webp": "a question's picture, named by the hash of its content",
}


@pytest.fixture
def wrong_owners(make, world, region, other_region):
    school = world["school"]
    other_teacher = make.user(Role.TEACHER, institution=school)
    return {
        "other_student": make.user(Role.STUDENT, institution=school),
        "other_teacher": other_teacher,
        "other_organizer": make.user(Role.ORGANIZER, region=other_region),
        "other_game": create_game(other_teacher, world["quiz"], "en", TeamMode.NONE, Scoring()),
    }


def _sign_in(client, auth, wrong_owners, who) -> None:
    if who != "other_player":
        auth.login(wrong_owners[who])
        return
    auth.login(None)  # a guest who joined another game: the phone holds that game's token
    body = {"pin": wrong_owners["other_game"].pin, "nickname": "Bystander", "language": "en"}
    assert client.post("/live/api/join", json=body).status_code == 201


def _snapshot() -> dict:
    """Every row of every table, to show that a refused request wrote nothing."""
    metadata = _db.metadata
    with _db.engine.connect() as connection:
        return {
            table.name: sorted(map(repr, connection.execute(sa.select(table)).all()))
            for table in metadata.sorted_tables
        }


@pytest.mark.parametrize(("method", "url", "who", "status"), ROWS)
def test_a_wrong_owner_is_refused_and_nothing_changes(
    client, auth, world, wrong_owners, method, url, who, status
):
    _sign_in(client, auth, wrong_owners, who)
    _db.session.commit()
    before = _snapshot()
    if method == "POST" and "/live/api/" in url:
        response = client.post(_fill(url, world), json={})
    else:
        response = client.open(_fill(url, world), method=method, data={})
    if status == TO_JOIN:
        assert response.status_code == 302
        assert response.headers["Location"] == "/join"
    else:
        assert response.status_code == status
    _db.session.rollback()
    assert _snapshot() == before


def test_every_id_route_has_a_wrong_owner_row(app, world):
    adapter = app.url_map.bind("localhost")
    covered = set()
    for param in ROWS:
        method, url, _who, _status = param.values
        path = _fill(url, world)
        endpoint, _args = adapter.match(path, method=method)
        covered.add((endpoint, method))
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.arguments or rule.endpoint == "static" or rule.rule in PUBLIC_BY_DESIGN:
            continue
        for method in rule.methods & {"GET", "POST"}:
            if (rule.endpoint, method) not in covered:
                missing.append(f"{method} {rule.rule}")
    assert not missing, f"id-taking routes with no wrong-owner row: {missing}"


def test_the_snapshot_sees_a_write_by_the_owner(client, auth, world):
    """The control: the same request by the class's own teacher does change the database."""
    auth.login(world["actors"]["teacher"])
    _db.session.commit()
    before = _snapshot()
    assert client.post(_fill("/classes/{class}/join-code", world)).status_code == 302
    assert _snapshot() != before

"""No request a user can type or replay answers 5xx (issue 18): every route of the URL map, as
every role, with hostile path values, query strings, form bodies and JSON bodies.

It grows with the app by itself: the routes come from the URL map, the query parameters
from the code's ``request.args.get("...")`` calls, the form fields from every WTForms form.
A route's real ids come from the access matrix's world, so the hostile values also reach
the code behind the access checks.
"""

import re
from pathlib import Path

import pytest
from werkzeug.routing.converters import AnyConverter, IntegerConverter
from wtforms import Form
from wtforms.fields.core import UnboundField

import app as app_package
from app.accounts.models import User
from app.extensions import db as _db
from tests.core.test_access_matrix import ROLES, _debate_placeholders

HUGE = str(2**63)
PATH_INTS = (HUGE, str(2**31), "0", "9" * 40)
PATH_TEXTS = ("%00", "x" * 2000, "ә𝕏\u202e", "..%2F..%2Fetc", "'%20OR%201=1--", "{{7*7}}")
QUERY_VALUES = (HUGE, "-1", "\x00", "ü" * 300, "m9999-99", "[]", "x" * 3000, "0-0")
BODY_VALUES = (HUGE, "\x00\ud7ff", "x" * 5000)
JSON_BODIES = (
    b'{"pin": 123456, "nickname": ["a"], "scans": "x", "choices": {"a": 1}, "language": null}',
    b"[1, 2, 3]",
    b'{"scans": [{"id": 1, "card": 2, "scanned_at": "9999-99-99"}], "team": "x"}',
    b"\xff\xfe not json",
)


def _query_names() -> list[str]:
    source = "\n".join(path.read_text() for path in Path(app_package.__file__).parent.rglob("*.py"))
    names = set(re.findall(r"args\.get(?:list)?\(\s*[\"'](\w+)[\"']", source))
    return sorted(names | {"scope", "page", "lang"})


def _form_fields() -> list[str]:
    names, seen, todo = set(), set(), [Form]
    while todo:
        form = todo.pop()
        for subclass in form.__subclasses__():
            if subclass not in seen:
                seen.add(subclass)
                todo.append(subclass)
                names |= {
                    n for n in dir(subclass) if isinstance(getattr(subclass, n), UnboundField)
                }
    return sorted(names)


def _real_values(world) -> dict[str, str]:
    """The world's objects by the names routes give their arguments."""
    debate = _debate_placeholders(world["tournament"])
    return {
        "class_id": world["class"].id,
        "institution_id": world["school"].id,
        "user_id": world["actors"]["student"].id,
        "attempt_id": world["attempt"].id,
        "quiz_id": world["draft"].id,
        "slug": world["quiz"].slug,
        "key": "q1",
        "assignment_id": world["assignment"].id,
        "public_id": world["badge"].public_id,
        "badge_id": "first-quiz",
        "game_id": world["game"].id,
        "player_id": world["game_player"].id,
        "pin": world["game"].pin,
        "event_id": world["event"].id,
        "application_id": world["volunteer_application"].id,
        "activity_id": world["activity"].id,
        "tournament_id": debate["tournament"],
        "debate_id": debate["debate"],
        "adjudicator_id": debate["adjudicator"],
        "token": debate["ballot_token"],
        "number": 1,
    }


def _build(rule, values: dict) -> str:
    path = rule.rule
    for name in rule._converters:  # not rule.arguments: that also holds a rule's defaults
        path = re.sub(rf"<[^>]*\b{name}>", str(values[name]), path)
    return path


def _paths(rule, real: dict):
    """The route with every argument hostile (by its converter), then with real values.
    Werkzeug keeps a rule's converters in ``_converters``; no public attribute has them."""
    converters = rule._converters
    if converters:
        for index in range(max(len(PATH_INTS), len(PATH_TEXTS))):
            values = {}
            for name, converter in converters.items():
                if isinstance(converter, AnyConverter):
                    values[name] = sorted(converter.items)[0]
                elif isinstance(converter, IntegerConverter):
                    values[name] = PATH_INTS[index % len(PATH_INTS)]
                else:
                    values[name] = PATH_TEXTS[index % len(PATH_TEXTS)]
            yield _build(rule, values)
    yield _build(rule, {name: _any_or(converters[name], real.get(name, 1)) for name in converters})


def _any_or(converter, value):
    return sorted(converter.items)[0] if isinstance(converter, AnyConverter) else value


def _requests(rule, real, query_names, form_fields):
    """(method, path, keyword arguments of client.open) for one route."""
    *hostile, real_path = list(_paths(rule, real))
    for method in sorted(rule.methods & {"GET", "POST"}):
        for path in hostile:
            yield method, path, {}
        for value in QUERY_VALUES:
            yield method, real_path, {"query_string": dict.fromkeys(query_names, value)}
        if method == "POST":
            for value in BODY_VALUES:
                yield method, real_path, {"data": dict.fromkeys(form_fields, value)}
            for body in JSON_BODIES:
                yield method, real_path, {"data": body, "content_type": "application/json"}


@pytest.fixture
def routes(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]


def test_no_request_answers_a_server_error(client, auth, world, routes):
    real, query_names, form_fields = _real_values(world), _query_names(), _form_fields()
    user_ids = {role: user.id for role, user in world["actors"].items() if user is not None}
    failures, sent = [], 0
    for role in ROLES:
        for rule in routes:
            _sign_in(auth, user_ids.get(role))
            for method, path, options in _requests(rule, real, query_names, form_fields):
                sent += 1
                problem = _send(client, method, path, options)
                if problem:
                    failures.append(f"{role} {method} {path[:120]} {options.keys()}: {problem}")
    print(f"route fuzz: {sent} requests over {len(routes)} routes as {len(ROLES)} roles")
    assert sent > 5000  # the sweep really ran
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures[:40])


def _sign_in(auth, user_id: int | None) -> None:
    """Again before each route, with the user read afresh: a route may have signed the
    client out (logout) or changed the user's session token."""
    _db.session.rollback()
    auth.login(_db.session.get(User, user_id) if user_id else None)


def _send(client, method, path, options) -> str | None:
    try:
        response = client.open(path, method=method, **options)
    except Exception as error:  # noqa: BLE001 - TESTING propagates what would be a 500
        _db.session.rollback()
        return f"{type(error).__name__}: {str(error)[:200]}"
    status = response.status_code
    response.close()  # an event stream is not read: its status is what counts
    return f"HTTP {status}" if status >= 500 else None

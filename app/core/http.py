"""Small HTTP helpers shared by views."""

from urllib.parse import urlsplit

from flask import abort, current_app, request

# Where the access log finds the path to write (gunicorn.conf.py): the request's path with
# the secret route arguments replaced, so ballot links, calendar-feed tokens, check-in
# tokens and game PINs never reach the logs.
LOG_PATH_KEY = "integrity_hour.log_path"
SECRET_ARGUMENTS = frozenset({"token", "pin"})
REDACTED = "redacted"


def safe_next_url(target: str | None) -> str | None:
    """Return ``target`` if it is a path on this site, else None (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target


def refuse_nul_characters() -> None:
    """Answer 400 to a request with a NUL character in its path, query, form or JSON.

    No page or client of ours sends one, and PostgreSQL text cannot hold it: left to the
    database, the first query that compares it fails with a 500. One check at the door
    keeps every route from needing its own.
    """
    texts = [request.path, *_strings(request.args), *_strings(request.form)]
    if request.is_json:
        texts.extend(_json_strings(request.get_json(silent=True)))
    if any("\x00" in text for text in texts):
        abort(400)


def _strings(values) -> list[str]:
    return [text for key, value in values.items(multi=True) for text in (key, value)]


def _json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (key, *_json_strings(item))]
    if isinstance(value, list):
        return [text for item in value for text in _json_strings(item)]
    return []


def mark_log_path() -> None:
    """Leave the path the access log may show in the WSGI environ: for a route with a
    secret argument, the route built again with that argument redacted."""
    rule = request.url_rule
    if rule is None or not rule.arguments & SECRET_ARGUMENTS:
        return
    values = {
        name: REDACTED if name in SECRET_ARGUMENTS else value
        for name, value in (request.view_args or {}).items()
    }
    adapter = current_app.url_map.bind("")
    request.environ[LOG_PATH_KEY] = adapter.build(rule.endpoint, values, method=request.method)

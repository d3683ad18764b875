"""Public addresses: every id, link and QR code target that leaves the site.

A badge assertion id, a calendar UID or the link in a QR code must not depend on how the
request that made it reached us: the same badge would get other ids through another host
name, and a forged Host header would mint ids under someone else's domain. With
PUBLIC_BASE_URL set (required in production) they are all built from it; without it (a
laptop, the tests) from the request, as Flask's ``url_for(_external=True)`` does.
"""

from urllib.parse import urlsplit

from flask import current_app, url_for


def public_url(endpoint: str, **values) -> str:
    """The absolute address of ``endpoint`` under the canonical base URL."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if not base:
        return url_for(endpoint, _external=True, **values)
    parts = urlsplit(base)
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path.rstrip("/") or "/", url_scheme=parts.scheme
    )
    anchor = values.pop("_anchor", None)
    url = adapter.build(endpoint, values, force_external=True)
    return f"{url}#{anchor}" if anchor else url


def public_host() -> str:
    """The host name the site is known by (no port), for identifiers such as calendar UIDs."""
    return urlsplit(public_url("home.index")).hostname or "localhost"


def base_url_problem(base: str, production: bool) -> str | None:
    """Why PUBLIC_BASE_URL cannot be used, or None. Production needs one, over https."""
    if not base:
        return (
            "set PUBLIC_BASE_URL to the site's public address, e.g. https://adaldyq.kz"
            if production
            else None
        )
    parts = urlsplit(base)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return f"PUBLIC_BASE_URL must be an absolute http(s) address, not {base!r}"
    if parts.query or parts.fragment:
        return "PUBLIC_BASE_URL must not carry a query or a fragment"
    if production and parts.scheme != "https":
        return "PUBLIC_BASE_URL must start with https:// in production"
    return None

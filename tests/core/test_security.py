"""Security baseline: headers, CSRF, cookies, rate limits, and the production guard."""

import os

import pytest

from app import create_app
from app.config import ProductionConfig
from app.core.access import Role
from tests.conftest import PASSWORD


def test_security_headers_on_every_page(client):
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_templates_have_no_inline_scripts_or_styles(client, auth, make, region):
    """The CSP forbids them; a page that used one would silently break."""
    school = make.institution(region)
    teacher = make.user(Role.TEACHER, institution=school)
    klass = make.school_class(school, teacher=teacher)
    auth.login(teacher)
    for url in ("/", f"/classes/{klass.id}", f"/classes/{klass.id}/roster", "/account"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>" not in page and "style=" not in page and "<style" not in page


@pytest.fixture
def csrf_client(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield app.test_client()
    app.config["WTF_CSRF_ENABLED"] = False


def test_posts_without_a_csrf_token_are_refused_with_a_translated_page(csrf_client, make):
    make.user(login="dana")
    response = csrf_client.post("/login", data={"login": "dana", "password": PASSWORD})
    assert response.status_code == 400
    assert "Форманың мерзімі өтіп кеткен" in response.get_data(as_text=True)


def test_every_form_carries_a_csrf_token(csrf_client, make):
    make.user(login="dana")
    page = csrf_client.get("/login").get_data(as_text=True)
    assert page.count('name="csrf_token"') >= 2  # the login form and the language switch
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = csrf_client.post(
        "/login", data={"login": "dana", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_session_cookie_is_httponly_and_samesite_lax(client, make):
    make.user(login="dana")
    response = client.post("/login", data={"login": "dana", "password": PASSWORD})
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_production_refuses_the_default_secret_key(monkeypatch):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "dev-only-insecure-secret-key")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(ProductionConfig)


def test_production_refuses_a_short_secret_key(monkeypatch):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "x" * 31)
    with pytest.raises(RuntimeError, match="shorter than 32"):
        create_app(ProductionConfig)


def test_hsts_goes_with_secure_cookies(app, client):
    assert "Strict-Transport-Security" not in client.get("/login").headers  # plain HTTP here
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        hsts = client.get("/login").headers["Strict-Transport-Security"]
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    assert hsts == "max-age=31536000; includeSubDomains"


def test_production_uses_secure_cookies(monkeypatch):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "a-real-secret-" + "x" * 40)
    monkeypatch.setattr(ProductionConfig, "PUBLIC_BASE_URL", "https://adaldyq.example.kz")
    app = create_app(ProductionConfig)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["DEMO_ALLOWED"] is False


def rate_limited_app(spawn_app, storage_uri: str):
    return spawn_app(
        RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=storage_uri, LOGIN_RATE_LIMIT="3 per minute"
    )


def assert_login_is_limited(app):
    client = app.test_client()
    english = {"Accept-Language": "en"}
    guess = {"login": "dana", "password": "guess-123"}
    answers = [client.post("/login", data=guess, headers=english).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert "Too many attempts" in client.post("/login", data=guess, headers=english).get_data(
        as_text=True
    )
    # Classmates behind the same school address still get in; so does the page itself.
    assert client.post("/login", data={"login": "arman", "password": "x"}).status_code == 200
    assert client.get("/login").status_code == 200


def test_login_is_rate_limited_in_memory(spawn_app):
    assert_login_is_limited(rate_limited_app(spawn_app, "memory://"))


@pytest.mark.redis
@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="TEST_REDIS_URL is not set")
def test_login_is_rate_limited_in_redis_across_processes(spawn_app):
    import redis

    url = os.environ["TEST_REDIS_URL"]
    redis.Redis.from_url(url).flushdb()
    first, second = rate_limited_app(spawn_app, url), rate_limited_app(spawn_app, url)
    client_a, client_b = first.test_client(), second.test_client()
    guess = {"login": "dana", "password": "guess-123"}
    for _ in range(3):
        assert client_a.post("/login", data=guess).status_code == 200
    # A second app instance (another server process) sees the same counter.
    assert client_b.post("/login", data=guess).status_code == 429


def test_one_pupil_cannot_lock_a_hall_out_of_signing_in(spawn_app, make):
    """Issue 18, finding 6, with the default limits: behind one school address, a pupil
    hammering their own login is stopped at the per-login limit, and a hall of classmates
    (more than the per-address ceiling, a tenth of them mistyping once) still signs in."""
    app = spawn_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    assert app.config["LOGIN_RATE_LIMIT"] == "10 per minute"
    assert app.config["LOGIN_IP_RATE_LIMIT"] == "300 per minute"
    make.user(login="hammer")
    hall = [make.user(login=f"pupil-{n}").login for n in range(400)]
    answers = [
        app.test_client().post("/login", data={"login": "hammer", "password": "guess-1234"})
        for _ in range(400)
    ]
    assert [a.status_code for a in answers] == [200] * 10 + [429] * 390
    for number, login in enumerate(hall):
        phone = app.test_client()
        if number % 10 == 0:  # a typo first
            typo = phone.post("/login", data={"login": login, "password": "typo-typo-1"})
            assert typo.status_code == 200
        signed_in = phone.post("/login", data={"login": login, "password": PASSWORD})
        assert signed_in.status_code == 302, number


def test_the_per_address_ceiling_still_stops_guessing_across_logins(spawn_app, make):
    app = spawn_app(
        RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://", LOGIN_IP_RATE_LIMIT="20 per hour"
    )
    client = app.test_client()
    guesses = [
        client.post("/login", data={"login": f"guess-{n}", "password": "x"}).status_code
        for n in range(25)
    ]
    assert guesses == [200] * 20 + [429] * 5

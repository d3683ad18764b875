"""Login, logout, remember me, password change and one-time passwords."""

from app.core.access import Role
from tests.conftest import PASSWORD

ENGLISH = {"Accept-Language": "en"}


def login(client, login, password, **extra):
    return client.post(
        "/login", data={"login": login, "password": password, **extra}, headers=ENGLISH
    )


def test_login_and_logout(client, make):
    make.user(login="dana")
    response = login(client, "  DANA ", PASSWORD)
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/account").status_code == 302


def test_wrong_login_and_wrong_password_get_the_same_message(client, make):
    make.user(login="dana")
    wrong_password = login(client, "dana", "not-the-password").get_data(as_text=True)
    wrong_login = login(client, "nobody", PASSWORD).get_data(as_text=True)
    assert "Wrong login or password." in wrong_password
    assert "Wrong login or password." in wrong_login
    assert 'id="login-errors"' not in wrong_login  # nothing hints that the login is unknown


def test_remember_me_sets_a_lasting_cookie(client, make):
    make.user(login="dana")
    response = login(client, "dana", PASSWORD, remember="y")
    cookies = response.headers.getlist("Set-Cookie")
    remember = next(cookie for cookie in cookies if cookie.startswith("remember_token="))
    assert "HttpOnly" in remember
    assert "Expires=" in remember


def test_login_redirects_only_to_local_pages(client, make):
    make.user(login="dana")
    response = client.post("/login?next=/account", data={"login": "dana", "password": PASSWORD})
    assert response.headers["Location"] == "/account"
    client.post("/logout")
    response = client.post(
        "/login?next=https://evil.example/", data={"login": "dana", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"


def test_password_change_needs_the_current_password(client, auth, make, db):
    user = make.user(login="dana")
    auth.login(user)
    form = {
        "current_password": "wrong-one-1",
        "password": "new-password-1",
        "confirm": "new-password-1",
    }
    page = client.post("/account/password", data=form, headers=ENGLISH).get_data(as_text=True)
    assert "The current password is wrong." in page
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_password_change_signs_out_other_sessions(app, client, auth, make, db):
    user = make.user(login="dana")
    other_device = app.test_client()
    login(other_device, "dana", PASSWORD)
    assert other_device.get("/account").status_code == 200

    auth.login(user)
    form = {"current_password": PASSWORD, "password": "new-password-1", "confirm": "new-password-1"}
    assert client.post("/account/password", data=form).status_code == 302
    assert client.get("/account").status_code == 200  # this session stays signed in
    assert other_device.get("/account").status_code == 302  # the other one is signed out
    db.session.refresh(user)
    assert user.check_password("new-password-1")


def test_one_time_password_must_be_replaced_before_anything_else(client, make, db):
    user = make.user(login="s1", one_time_password=True)
    login(client, "s1", PASSWORD)
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/password"
    form = {"current_password": PASSWORD, "password": "my-own-pass-1", "confirm": "my-own-pass-1"}
    client.post("/account/password", data=form)
    assert client.get("/").status_code == 200
    db.session.refresh(user)
    assert not user.must_change_password


def test_profile_saves_display_name_and_language(client, auth, make, db):
    user = make.user(Role.STUDENT, login="dana")
    auth.login(user)
    client.post("/account", data={"display_name": "Dana the Brave", "locale": "ru"})
    db.session.refresh(user)
    assert user.display_name == "Dana the Brave"
    assert user.locale == "ru"
    assert '<html lang="ru">' in client.get("/").get_data(as_text=True)


def test_profile_refuses_an_unknown_language(client, auth, make, db):
    user = make.user(login="dana")
    auth.login(user)
    response = client.post("/account", data={"display_name": "Dana", "locale": "xx"})
    assert response.status_code == 200
    db.session.refresh(user)
    assert user.locale == "en"


def test_logout_ends_the_session_and_remember_me_on_the_server(app, client, make):
    """Issue 18, finding 4: cookies copied before logout (a shared school computer) open
    nothing after it, neither the session cookie nor the year-long remember-me one."""
    make.user(login="dana")
    login(client, "dana", PASSWORD, remember="y")
    copied = {name: client.get_cookie(name).value for name in ("session", "remember_token")}
    assert client.post("/logout").status_code == 302
    for name, value in copied.items():
        replay = app.test_client()
        replay.set_cookie(name, value)
        assert replay.get("/account").status_code == 302, name
        assert replay.get("/account").headers["Location"].startswith("/login")
    # and signing in again works as before
    login(client, "dana", PASSWORD)
    assert client.get("/account").status_code == 200

"""Choosing the language, falling back in content, and formatting per locale."""

from datetime import UTC, datetime

from app.core.access import Role
from app.i18n import format_date, translate
from tests.conftest import PASSWORD


def lang_of(response) -> str:
    return response.get_data(as_text=True).split('<html lang="')[1].split('"')[0]


def test_kazakh_is_the_default(client):
    assert lang_of(client.get("/")) == "kk"
    assert "Адалдық сағаты" in client.get("/").get_data(as_text=True)


def test_browser_language_is_used_when_nothing_else_is_chosen(client):
    assert lang_of(client.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9"})) == "ru"
    assert lang_of(client.get("/", headers={"Accept-Language": "de"})) == "kk"


def test_the_switch_beats_the_browser_and_returns_to_the_same_page(client):
    response = client.post("/language", data={"language": "en", "next": "/login"})
    assert response.headers["Location"] == "/login"
    assert lang_of(client.get("/", headers={"Accept-Language": "ru"})) == "en"


def test_the_switch_refuses_foreign_redirects_and_unknown_languages(client):
    response = client.post("/language", data={"language": "xx", "next": "//evil.example/"})
    assert response.headers["Location"] == "/"
    assert lang_of(client.get("/")) == "kk"


def test_a_signed_in_users_preference_wins_and_the_switch_updates_it(client, auth, make, db):
    user = make.user(Role.STUDENT, locale="ru")
    auth.login(user)
    assert lang_of(client.get("/", headers={"Accept-Language": "en"})) == "ru"
    client.post("/language", data={"language": "kk"})
    db.session.refresh(user)
    assert user.locale == "kk"
    assert lang_of(client.get("/")) == "kk"


def test_error_pages_are_translated(client):
    assert "Бет табылмады" in client.get("/no-such-page").get_data(as_text=True)
    english = client.get("/no-such-page", headers={"Accept-Language": "en"})
    assert english.status_code == 404
    assert "Page not found" in english.get_data(as_text=True)


def test_translate_falls_back_kk_ru_en_then_anything():
    names = {"kk": "Астана", "ru": "Астана (ru)", "en": "Astana"}
    assert translate(names, "en") == "Astana"
    assert translate({"ru": "Только русский", "en": "English"}, "kk") == "Только русский"
    assert translate({"en": "English only", "kk": ""}, "ru") == "English only"
    assert translate({"de": "Deutsch"}, "kk") == "Deutsch"
    assert translate(None, "kk") == ""


def test_translate_uses_the_current_locale_in_a_request(in_language):
    with in_language("ru"):
        assert translate({"kk": "Сәлем", "ru": "Привет"}) == "Привет"


def test_dates_are_formatted_per_locale(in_language):
    day = datetime(2026, 11, 24, 12, tzinfo=UTC)
    formatted = {}
    for language in ("kk", "ru", "en"):
        with in_language(language):
            formatted[language] = format_date(day, "long")
    assert formatted["en"] == "November 24, 2026"
    assert "ноября" in formatted["ru"]
    assert "қараша" in formatted["kk"]


def test_the_language_chosen_on_the_login_page_is_kept_and_saved(client, make, db):
    user = make.user(Role.STUDENT, login="dana", locale="kk")
    client.post("/language", data={"language": "ru", "next": "/login"})
    client.post("/login", data={"login": "dana", "password": PASSWORD})
    assert lang_of(client.get("/")) == "ru"
    db.session.refresh(user)
    assert user.locale == "ru"


def test_a_previous_users_choice_on_a_shared_computer_does_not_carry_over(client, make, db):
    first = make.user(Role.STUDENT, login="aigerim", locale="kk")
    second = make.user(Role.STUDENT, login="dana", locale="kk")
    client.post("/login", data={"login": "aigerim", "password": PASSWORD})
    client.post("/language", data={"language": "en"})  # saved to aigerim's account
    client.post("/logout")
    client.post("/login", data={"login": "dana", "password": PASSWORD})
    assert lang_of(client.get("/")) == "kk"
    db.session.refresh(first)
    db.session.refresh(second)
    assert (first.locale, second.locale) == ("en", "kk")

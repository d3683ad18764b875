"""Error pages: every status has a translated page, and an unexpected error is a calm 500."""

import pytest

from app.core.errors import ERROR_TEXTS


@pytest.fixture
def failing_app(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    yield app
    app.config["PROPAGATE_EXCEPTIONS"] = None


def test_unexpected_errors_render_the_500_page(failing_app, client, monkeypatch):
    def explode():
        raise RuntimeError("boom")

    monkeypatch.setitem(failing_app.view_functions, "home.health", explode)
    response = client.get("/healthz", headers={"Accept-Language": "ru"})
    assert response.status_code == 500
    assert "Что-то пошло не так" in response.get_data(as_text=True)
    assert "boom" not in response.get_data(as_text=True)


@pytest.mark.parametrize("status", sorted(ERROR_TEXTS))
def test_each_error_page_renders_in_each_language(app, in_language, status):
    from app.core.errors import render_error

    for language in ("kk", "ru", "en"):
        with in_language(language):
            page, code = render_error(status)
        assert code == status
        assert f'<html lang="{language}">' in page


def test_wrong_method_gets_405(client):
    assert client.get("/logout").status_code == 405

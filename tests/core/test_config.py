"""Every plain setting can be overridden by an environment variable of the same name."""

import os
import subprocess
import sys

import pytest

from app.config import TestingConfig, environment_overrides


def test_plain_settings_follow_the_environment(monkeypatch):
    monkeypatch.setenv("MAX_CONTENT_LENGTH", "1234")
    monkeypatch.setenv("PASSWORD_HASH_METHOD", "scrypt:65536:8:1")
    monkeypatch.setenv("SESSION_COOKIE_HTTPONLY", "no")
    monkeypatch.setenv("WTF_CSRF_TIME_LIMIT", "60")
    expected = {
        "MAX_CONTENT_LENGTH": 1234,
        "PASSWORD_HASH_METHOD": "scrypt:65536:8:1",
        "SESSION_COOKIE_HTTPONLY": False,
        "WTF_CSRF_TIME_LIMIT": 60,
    }
    assert environment_overrides(TestingConfig).items() >= expected.items()


def test_a_value_that_does_not_fit_names_the_setting(monkeypatch):
    monkeypatch.setenv("MAX_CONTENT_LENGTH", "two megabytes")
    with pytest.raises(RuntimeError, match="MAX_CONTENT_LENGTH"):
        environment_overrides(TestingConfig)


def test_without_variables_nothing_changes(monkeypatch):
    monkeypatch.delenv("MAX_CONTENT_LENGTH", raising=False)
    assert "MAX_CONTENT_LENGTH" not in environment_overrides(TestingConfig)


def test_on_off_variables_are_read_when_the_module_loads():
    """The classes read some variables as they are defined: a fresh interpreter loads the
    module with RATELIMIT_ENABLED set (a NameError there once broke every production start)."""
    env = {**os.environ, "RATELIMIT_ENABLED": "0"}
    code = "import app.config as c; print(c.Config.RATELIMIT_ENABLED)"
    done = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout.strip()) == (0, "False"), done.stderr

"""Rotating check-in codes with a controllable clock: rotation, expiry, forgery, other events."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.events.tokens import (
    CODE_DIGITS,
    WINDOW_SECONDS,
    new_secret,
    numeric_code,
    numeric_code_is_valid,
    qr_token,
    qr_token_is_valid,
    seconds_left,
    window_of,
)

SECRET = new_secret()
START = datetime(2026, 11, 25, 5, 0, 0, tzinfo=UTC)  # 10:00 in Almaty, on a window boundary


def later(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def test_the_code_changes_every_window_and_holds_within_one():
    assert qr_token(SECRET, 1, START) == qr_token(SECRET, 1, later(WINDOW_SECONDS - 1))
    assert qr_token(SECRET, 1, START) != qr_token(SECRET, 1, later(WINDOW_SECONDS))
    assert numeric_code(SECRET, 1, START) != numeric_code(SECRET, 1, later(WINDOW_SECONDS))
    assert seconds_left(START) == WINDOW_SECONDS and seconds_left(later(5)) == WINDOW_SECONDS - 5


def test_a_screenshot_works_through_the_next_window_then_expires():
    token, code = qr_token(SECRET, 1, START), numeric_code(SECRET, 1, START)
    for seconds in (0, WINDOW_SECONDS - 1, WINDOW_SECONDS, 2 * WINDOW_SECONDS - 1):
        assert qr_token_is_valid(SECRET, 1, token, later(seconds))
        assert numeric_code_is_valid(SECRET, 1, code, later(seconds))
    for seconds in (2 * WINDOW_SECONDS, 60, 3600):
        assert not qr_token_is_valid(SECRET, 1, token, later(seconds))
        assert not numeric_code_is_valid(SECRET, 1, code, later(seconds))


def test_a_token_from_the_future_is_refused():
    assert not qr_token_is_valid(SECRET, 1, qr_token(SECRET, 1, later(WINDOW_SECONDS)), START)


def test_another_events_or_secrets_code_is_refused():
    token, code = qr_token(SECRET, 1, START), numeric_code(SECRET, 1, START)
    assert not qr_token_is_valid(SECRET, 2, token, START)
    assert not qr_token_is_valid(new_secret(), 1, token, START)
    assert not numeric_code_is_valid(SECRET, 2, code, START) or code == numeric_code(
        SECRET, 2, START
    )  # six digits may collide by chance (1 in a million); the QR token never does


@given(st.text(max_size=40))
def test_forged_or_malformed_tokens_are_refused_without_errors(forged):
    assert qr_token_is_valid(SECRET, 1, forged, START) is (forged == qr_token(SECRET, 1, START))


def test_a_forged_signature_for_the_current_window_is_refused():
    window = window_of(START)
    assert not qr_token_is_valid(SECRET, 1, f"{window}.AAAAAAAAAAAAAAAAAAAAAA", START)


@given(st.integers(0, 10**6))
def test_numeric_codes_are_six_digits(offset):
    code = numeric_code(SECRET, 1, later(offset))
    assert len(code) == CODE_DIGITS and code.isdigit()


def test_numeric_code_input_is_trimmed_and_checked():
    code = numeric_code(SECRET, 1, START)
    assert numeric_code_is_valid(SECRET, 1, f" {code} ", START)
    assert not numeric_code_is_valid(SECRET, 1, code[:-1], START)
    assert not numeric_code_is_valid(SECRET, 1, "abcdef", START)


@given(st.text(max_size=8))
def test_any_typed_code_is_checked_without_errors(typed):
    assert numeric_code_is_valid(SECRET, 1, typed, START) is (
        typed.strip() == numeric_code(SECRET, 1, START)
        or typed.strip() == numeric_code(SECRET, 1, later(-WINDOW_SECONDS))
    )

"""Debate engines (draw, allocation, standings) are pure: their tests need no app and no database."""

import pytest


@pytest.fixture(autouse=True)
def db():
    """Overrides the suite's autouse database fixture for these tests."""
    return None

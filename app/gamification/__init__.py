"""Gamification: the points ledger every area pays into, levels, badges, streaks, boards.

Importing the package installs the listener that keeps board columns in step with accounts.
"""

from . import scopes  # noqa: F401

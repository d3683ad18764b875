"""Who owns the transaction: the use case.

A service function marked ``@use_case`` commits its own work; if anything goes wrong inside
it, the session is rolled back before the exception leaves, so the caller (a view, a CLI
command, another use case) never holds a half-made change and never calls ``rollback()``
itself. Views catch a refusal only to show it.
"""

import functools

from app.extensions import db


def use_case(function):
    @functools.wraps(function)
    def run(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception:
            db.session.rollback()
            raise

    return run

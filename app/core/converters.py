"""Whole numbers from URLs, query strings and forms, bounded to what a database column holds.

A number the database cannot hold is not an id of anything: SQLite raises OverflowError
above 2**63 - 1 and PostgreSQL's INTEGER columns stop at 2**31 - 1, so an unbounded
``<int:id>`` or ``type=int`` turned a hostile URL into a 500. Bounded here, such a number
is "no such page" (404) in a route and "not given" (the default) in a query string.
"""

import builtins

from werkzeug.routing import IntegerConverter

# PostgreSQL INTEGER, the narrowest integer column we have: every id fits, and so does any
# count or year a page takes as a parameter.
INT_MIN = -(2**31)
INT_MAX = 2**31 - 1


class BoundedIntegerConverter(IntegerConverter):
    """Flask's ``int`` converter, capped at INT_MAX unless a rule asks for less."""

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):  # noqa: A002
        low = INT_MIN if signed else 0
        super().__init__(
            map,
            fixed_digits,
            min=low if min is None else builtins.max(min, low),
            max=INT_MAX if max is None else builtins.min(max, INT_MAX),
            signed=signed,
        )


def bounded_int(text: str) -> int:
    """``type=`` for request.args.get and request.form.get: a whole number within INT_MIN..
    INT_MAX, else ValueError (which makes ``get`` return its default)."""
    value = int(text)
    if not INT_MIN <= value <= INT_MAX:
        raise ValueError(f"{value} is outside {INT_MIN}..{INT_MAX}")
    return value


def register_converters(app) -> None:
    """Replace ``int`` for every route, so no rule can forget the bound."""
    app.url_map.converters["int"] = BoundedIntegerConverter

"""The roster parser on its own: table-driven cases and a property test."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.accounts.roster import RosterInvalid, RosterRow, parse_roster
from app.core.time import utcnow


@pytest.fixture(autouse=True)
def english(in_language):
    with in_language("en"):
        yield


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("Aigerim Nur,2011\n", [RosterRow("Aigerim Nur", 2011)]),
        ("name,year\nA B,2011\n", [RosterRow("A B", 2011)]),
        ("A  B ; 2011\r\n\r\nC D;2012", [RosterRow("A B", 2011), RosterRow("C D", 2012)]),
        ('"Surname, Name",2010\n', [RosterRow("Surname, Name", 2010)]),
    ],
)
def test_valid_rosters(text, rows):
    assert parse_roster(text.encode()) == rows


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("A B,2011\nC D\n", 2, "Expected 2 columns"),
        ("A B,twenty\n", 1, "must be a number"),
        ("A B,2011\n\n\n,2011\n", 4, "full name is empty"),
        ("x" * 151 + ",2011\n", 1, "longer than 150"),
    ],
)
def test_invalid_rosters_name_the_line(text, line, fragment):
    with pytest.raises(RosterInvalid) as raised:
        parse_roster(text.encode())
    [error] = raised.value.errors
    assert error.row == line
    assert fragment in error.message


def test_too_many_rows_are_refused():
    text = "".join(f"Student {i},2011\n" for i in range(4))
    with pytest.raises(RosterInvalid) as raised:
        parse_roster(text.encode(), max_rows=3)
    assert raised.value.errors[0].row == 4


names = st.text(alphabet=st.characters(whitelist_categories=("L",)), min_size=1, max_size=20)


@given(
    st.lists(
        st.tuples(names, names, st.integers(utcnow().year - 100, utcnow().year - 5)),
        min_size=1,
        max_size=30,
    )
)
def test_any_written_roster_parses_back(people):
    text = "".join(f"{first} {last},{year}\n" for first, last, year in people)
    assert parse_roster(text.encode()) == [
        RosterRow(f"{first} {last}", year) for first, last, year in people
    ]

"""How big the national demo is: the national scale by default, a small one for tests."""

from dataclasses import dataclass
from datetime import date

START = date(2025, 9, 1)


@dataclass(frozen=True)
class Scale:
    """The sizes of the national demo; the defaults are the national scale."""

    institutions: int = 2000  # spread evenly over the 20 regions
    students: int = 200_000
    teachers_per_institution: float = 2.0  # on average; every institution has at least one
    class_size: tuple[int, int] = (16, 30)
    events: int = 50_000  # tournament days included; 0.5% are still to come
    check_ins_per_event: tuple[int, int] = (10, 40)
    # The ledger's size to aim for: events, quizzes, debates and volunteering are sized by
    # the settings here, and live games fill the rest, day by day.
    ledger_rows: int = 5_000_000
    assignments_per_class: tuple[int, int] = (1, 3)
    self_paced_quizzes: float = 1.0  # completions per student besides assignments, on average
    tournaments_per_region: int = 3
    teams_per_tournament: int = 12
    volunteer_applications: int = 4_000
    corrections: int = 400
    # Live games keep one answer row per player and question only for the most recent weeks:
    # for all of them it would be ~30 million rows. Older games keep players and scores.
    live_answer_weeks: int = 2
    start: date = START

    @classmethod
    def small(cls, **changes) -> "Scale":
        """A few hundred students: for tests."""
        sizes = dict(
            institutions=24,
            students=400,
            events=80,
            ledger_rows=5_000,
            # Three chances a region: with 24 schools over 20 regions, a single date often
            # finds no region with two schools' worth of students aged 13 or more yet.
            tournaments_per_region=3,
            teams_per_tournament=4,
            volunteer_applications=30,
            corrections=10,
            live_answer_weeks=80,
        )
        return cls(**(sizes | changes))

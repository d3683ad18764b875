"""The national demo's world while it is generated: the people and places made so far, the
dice, the calendar, the writer and the ledger, shared by the modules of every area.

Each area's module adds the buffers of its own tables to the world (``tables(world)``) and
the plans of its days (``plan(world)``); ``run.py`` puts the days together.
"""

import bisect
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .calendar import Calendar
from .scale import Scale
from .writer import Writer

Progress = Callable[[int, int], None]  # (done, total) in permille
PERMILLE = 1000


@dataclass
class Institution:
    id: int
    region: int  # index into the world's regions
    kind: str
    name: str
    created_at: datetime
    size: int
    classes: list
    teachers: list
    students: list  # user ids, by joining time
    joined: list | None = None  # their joining times


@dataclass
class Class:
    id: int
    institution: Institution
    name: str
    grade: int | None
    created_at: datetime
    teachers: list
    students: list  # (joined_at, user id), by joining time

    def members_by(self, moment: datetime) -> list[int]:
        return [user for joined, user in self.students if joined < moment]


@dataclass
class Student:
    id: int
    klass: Class
    joined: datetime
    ability: float  # added to each question's chance of a right answer
    engagement: float  # multiplies how much they take part
    locale: str
    nickname: str
    birth_year: int


class World:
    def __init__(self, scale: Scale, regions, progress: Progress | None, seed: int, now):
        self.scale = scale
        self.regions = [(row.id, row.code) for row in regions]
        self.report = progress or (lambda done, total: None)
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
        self.calendar = Calendar(scale.start, now)
        self.now = self.calendar.now
        self.writer = Writer()
        self.done = 0

    def progress(self, done: int) -> None:
        done = min(done, PERMILLE)
        if done > self.done:
            self.done = done
            self.report(done, PERMILLE)

    def next_id(self, table: str) -> int:
        ids = self.writer.next_ids
        if table not in ids:
            self.writer.next_id(table)
        ids[table] += 1
        return ids[table] - 1

    def host(self, moment: datetime) -> Institution | None:
        """An institution with students by ``moment``, bigger ones more often."""
        for _ in range(30):
            institution = self.rng.choices(self.institutions, cum_weights=self.host_weights)[0]
            if institution.joined and institution.joined[0] < moment:
                return institution
        eligible = bisect.bisect_left(self.by_first_join, (moment,))
        if not eligible:
            return None
        return self.institutions[self.by_first_join[self.rng.randrange(eligible)][1]]

    def members(self, institutions, moment: datetime) -> list[int]:
        members = []
        for institution in institutions:
            members += institution.students[: bisect.bisect_left(institution.joined, moment)]
        return members

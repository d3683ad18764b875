"""Event fixtures: a class with its teacher and student, an event under way, and a clock
the check-in pages read (tokens rotate with it)."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from app.accounts.models import Institution, SchoolClass, User
from app.core.access import Role
from app.core.time import utcnow
from app.events import checkin_views, views
from app.events.models import Event


class Clock:
    def __init__(self):
        self.moment = utcnow()

    def __call__(self):
        return self.moment

    def advance(self, **delta) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(views, "utcnow", clock)
    monkeypatch.setattr(checkin_views, "utcnow", clock)
    return clock


@dataclass
class Hall:
    school: Institution
    klass: SchoolClass
    teacher: User
    student: User
    event: Event


@pytest.fixture
def hall(make, region) -> Hall:
    school = make.institution(region, name="School No. 7")
    teacher = make.user(Role.TEACHER, institution=school)
    student = make.user(Role.STUDENT, institution=school, full_name="Aruzhan Seitkali")
    klass = make.school_class(school, teacher=teacher)
    klass.students.append(student)
    make.db.session.commit()
    return Hall(school, klass, teacher, student, make.event(teacher, klass))

"""The national demo's people: a national and 20 regional organizers; institutions in
every region, onboarded in waves; their teachers, classes and students."""

import random
import secrets
from collections import defaultdict
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app
from werkzeug.security import generate_password_hash

from app.accounts.services import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, public_name
from app.core.access import Role
from app.extensions import db
from app.live.nicknames import NICKNAME_MAX

from ..basic.accounts import DEMO_PASSWORD
from .chance import choose
from .names import (
    CITIES,
    CLASS_LETTERS,
    COLLEGE_NAMES,
    GROUPS,
    KK_FEMALE,
    KK_MALE,
    KK_SURNAMES,
    RU_FEMALE,
    RU_MALE,
    RU_SURNAMES,
    SCHOOL_NAMES,
    UNIVERSITY_NAMES,
)
from .world import Class, Institution, Student, World

NATIONAL_ORGANIZER = "organizer-kz"
STUDENT_LOGIN = "kz-s{:06d}"
TEACHER_LOGIN = "kz-t{:05d}"
REGIONAL_ORGANIZER = "organizer-{}"  # + the region's code


class _People:
    """The users and role_grants tables, with their running ids."""

    def __init__(self, world: World):
        self.world = world
        self.users = world.writer.table(
            "users",
            ("id", "login", "password_hash", "must_change_password", "display_name", "full_name",
             "birth_year", "locale", "institution_id", "created_at", "session_token",
             "show_on_boards"),
        )  # fmt: skip
        self.grants = world.writer.table(
            "role_grants",
            ("id", "user_id", "role", "region_id", "approved_at", "approved_by_id", "created_at"),
        )
        self.user_id = world.writer.next_id("users")
        self.grant_id = world.writer.next_id("role_grants")
        self.password_hash = generate_password_hash(
            DEMO_PASSWORD, method=current_app.config["PASSWORD_HASH_METHOD"]
        )
        self.teachers = self.students = 0  # numbers in their logins

    def add(self, login, display, full, birth, locale, institution, created, listed=True) -> int:
        user_id = self.user_id
        self.users.append((user_id, login, self.password_hash, False, display, full, birth,
                           locale, institution, created, secrets.token_hex(16), listed))  # fmt: skip
        self.world.logins[user_id] = login
        self.user_id += 1
        return user_id

    def grant(self, user: int, role: Role, region, approved, by) -> None:
        self.grants.append((self.grant_id, user, role.value, region, approved, by, approved))
        self.grant_id += 1


def create(world: World) -> None:
    """Every account, institution and class, written before the days are simulated."""
    world.logins, world.scope = {}, {}
    people = _People(world)
    launch = world.calendar.at(world.scale.start, 9) - timedelta(days=14)
    _organizers(world, people, launch)
    taken_codes = set(db.session.scalars(sa.select(db.metadata.tables["classes"].c.join_code)))
    _institutions(world, launch)
    world.students, world.teacher_locale, world.teachers = {}, {}, []
    world.teacher_classes = defaultdict(list)
    classes = _ClassRows(world)
    class_students = world.writer.table("class_students", ("class_id", "user_id"))
    for institution in world.institutions:
        _teachers(world, people, institution)
        classes.add_all(institution, taken_codes)
        _students(world, people, institution, class_students)
    for organizer in [world.national_organizer, *world.organizers]:
        world.scope[organizer] = (None, None, True)
    world.writer.next_ids.update(users=people.user_id, role_grants=people.grant_id)
    world.writer.next_ids.update(classes=classes.class_id)


def _organizers(world: World, people: _People, launch) -> None:
    national = people.add(NATIONAL_ORGANIZER, "Antikor (national)", "National Demo-Organizer",
                          None, "kk", None, launch)  # fmt: skip
    people.grant(national, Role.ORGANIZER, None, launch, None)
    world.national_organizer = national
    world.organizers = []
    for region_id, code in world.regions:
        organizer = people.add(REGIONAL_ORGANIZER.format(code), f"Organizer {code}",
                               f"Regional Demo-Organizer {code}", None, "kk", None, launch)  # fmt: skip
        people.grant(organizer, Role.ORGANIZER, region_id, launch, national)
        world.organizers.append(organizer)


def _institutions(world: World, launch) -> None:
    """Spread evenly over the regions, of log-normal sizes that add up to the students."""
    rng, scale, writer = world.rng, world.scale, world.writer
    rows = writer.table("institutions", ("id", "name", "kind", "region_id", "created_at"))
    institution_id = writer.next_id("institutions")
    world.institutions = []
    world.by_region = [[] for _ in world.regions]
    per_region, extra = divmod(scale.institutions, len(world.regions))
    sizes = [rng.lognormvariate(0, 0.5) for _ in range(scale.institutions)]
    size_total = sum(sizes)
    students_left = scale.students
    number = 0
    for region_index, (region_id, code) in enumerate(world.regions):
        count = per_region + (1 if region_index < extra else 0)
        towns = CITIES.get(code, [(code, code)])
        school_numbers = rng.sample(range(1, 40 * count + 40), count)
        for k in range(count):
            kind, name = _institution_name(rng, towns, k, school_numbers[k])
            onboarded = _onboarding(world, launch)
            if number == scale.institutions - 1:
                size = students_left
            else:
                size = max(1, round(scale.students * sizes[number] / size_total))
                size = min(size, students_left - (scale.institutions - number - 1))
            students_left -= size
            institution = Institution(institution_id, region_index, kind, name, onboarded,
                                      size, [], [], [])  # fmt: skip
            rows.append((institution_id, name, kind, region_id, onboarded))
            world.institutions.append(institution)
            world.by_region[region_index].append(institution)
            institution_id += 1
            number += 1
    writer.next_ids["institutions"] = institution_id


def _institution_name(rng: random.Random, towns, k: int, number: int) -> tuple[str, str]:
    kind = choose(rng, (("school", 0.85), ("college", 0.1), ("university", 0.05)))
    kk, ru = towns[0] if k % 3 or len(towns) == 1 else towns[rng.randrange(len(towns))]
    pattern = rng.choice(
        {"school": SCHOOL_NAMES, "college": COLLEGE_NAMES}.get(kind, UNIVERSITY_NAMES)
    )
    return kind, pattern.format(kk=kk, ru=ru, n=number)


def _onboarding(world: World, launch):
    """Most at the launch, more during the year, a second wave in September 2026."""
    rng, cal = world.rng, world.calendar
    wave = rng.random()
    if wave < 0.6:
        onboarded = launch + timedelta(days=rng.uniform(0, 40))
    elif wave < 0.85:
        onboarded = launch + timedelta(days=rng.uniform(40, 270))
    else:
        onboarded = cal.at(date(2026, 8, 20), 10) + timedelta(days=rng.uniform(0, 60))
    return min(onboarded, cal.now - timedelta(days=30))


def _class_count(world: World, institution: Institution) -> int:
    low, high = world.scale.class_size
    return max(1, round(institution.size / ((low + high) / 2)))


def _teachers(world: World, people: _People, institution: Institution) -> None:
    rng = world.rng
    region_id = world.regions[institution.region][0]
    organizer = world.organizers[institution.region]
    teacher_count = max(1, round(rng.gauss(world.scale.teachers_per_institution, 0.6)))
    teacher_count = min(teacher_count, _class_count(world, institution))  # a class each
    for _ in range(teacher_count):
        people.teachers += 1
        created = institution.created_at + timedelta(days=rng.uniform(0, 5))
        first, surname, locale = _person(rng, adult=True)
        teacher = people.add(TEACHER_LOGIN.format(people.teachers), public_name(f"{first} {surname}"),
                             f"{first} {surname}", None, locale, institution.id, created)  # fmt: skip
        people.grant(teacher, Role.TEACHER, None, created + timedelta(days=1), organizer)
        institution.teachers.append(teacher)
        world.teacher_locale[teacher] = locale
        world.teachers.append(teacher)
        world.scope[teacher] = (institution.id, region_id, True)


class _ClassRows:
    """The classes table and its teachers, with the running class id."""

    def __init__(self, world: World):
        self.world = world
        self.rows = world.writer.table(
            "classes", ("id", "name", "institution_id", "join_code", "created_at")
        )
        self.teachers = world.writer.table("class_teachers", ("class_id", "user_id"))
        self.class_id = world.writer.next_id("classes")

    def add_all(self, institution: Institution, taken_codes: set) -> None:
        rng, world = self.world.rng, self.world
        names = _class_names(rng, institution.kind, _class_count(world, institution))
        teachers = institution.teachers
        for index, (name, grade) in enumerate(names):
            created = institution.created_at + timedelta(days=rng.uniform(1, 6))
            code = _join_code(rng, taken_codes)
            klass = Class(self.class_id, institution, name, grade, created,
                          [teachers[index % len(teachers)]], [])  # fmt: skip
            if len(teachers) > 1 and rng.random() < 0.1:
                klass.teachers.append(teachers[(index + 1) % len(teachers)])
            for member in klass.teachers:
                self.teachers.append((self.class_id, member))
                world.teacher_classes[member].append(klass)
            self.rows.append((self.class_id, name, institution.id, code, created))
            institution.classes.append(klass)
            self.class_id += 1


def _students(world: World, people: _People, institution: Institution, class_students) -> None:
    """Students joining their classes, most in the first weeks, a few much later."""
    rng, cal = world.rng, world.calendar
    region_id = world.regions[institution.region][0]
    for k in range(institution.size):
        klass = institution.classes[k % len(institution.classes)]
        people.students += 1
        delay = rng.expovariate(1 / 25) if rng.random() < 0.8 else rng.uniform(0, 400)
        joined = klass.created_at + timedelta(days=delay, hours=rng.uniform(0, 8))
        latest_join = cal.now - timedelta(hours=12)
        if joined > latest_join:  # later than now: some time in the class's life
            joined = klass.created_at + (latest_join - klass.created_at) * rng.random()
        first, surname, locale = _person(rng, adult=False)
        full = f"{first} {surname}"
        birth = _birth_year(world, institution.kind, klass.grade)
        listed = rng.random() > 0.04
        student = people.add(STUDENT_LOGIN.format(people.students), public_name(full), full,
                             birth, locale, institution.id, joined, listed)  # fmt: skip
        people.grant(student, Role.STUDENT, None, joined, None)
        class_students.append((klass.id, student))
        klass.students.append((joined, student))
        nickname = public_name(full)[:NICKNAME_MAX]
        world.students[student] = Student(
            student, klass, joined, rng.gauss(0, 0.08), rng.lognormvariate(0, 0.6),
            locale, nickname, birth,
        )  # fmt: skip
        world.scope[student] = (institution.id, region_id, listed)
    for klass in institution.classes:
        klass.students.sort()
    members = sorted(
        (joined, user) for klass in institution.classes for joined, user in klass.students
    )
    institution.students = [user for _joined, user in members]
    institution.joined = [joined for joined, _user in members]


def _person(rng: random.Random, adult: bool) -> tuple[str, str, str]:
    female = rng.random() < 0.5
    if rng.random() < 0.72:
        first = rng.choice(KK_FEMALE if female else KK_MALE)
        surname = rng.choice(KK_SURNAMES)[int(female)]
        locale = choose(rng, (("kk", 0.8), ("ru", 0.16), ("en", 0.04)))
    else:
        first = rng.choice(RU_FEMALE if female else RU_MALE)
        surname = rng.choice(RU_SURNAMES)[int(female)]
        locale = choose(rng, (("ru", 0.88), ("kk", 0.06), ("en", 0.06)))
    if adult and locale == "en":
        locale = "ru"
    return first, surname, locale


def _class_names(rng: random.Random, kind: str, count: int) -> list[tuple[str, int | None]]:
    if kind == "school":
        grades = [7, 8, 9, 10, 11]
        rng.shuffle(grades)
        names = []
        for index in range(count):
            grade = grades[index % len(grades)]
            letter = CLASS_LETTERS[index // len(grades) % len(CLASS_LETTERS)]
            suffix = "" if index < len(grades) * len(CLASS_LETTERS) else str(index)
            names.append((f"{grade}{letter}{suffix}", grade))
        return names
    year = 25 if kind == "college" else 2
    return [
        (f"{GROUPS[index % len(GROUPS)]}-{year}{index // len(GROUPS) + 1}", None)
        for index in range(count)
    ]


def _join_code(rng: random.Random, taken: set) -> str:
    while True:
        code = "".join(rng.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if code not in taken:
            taken.add(code)
            return code


def _birth_year(world: World, kind: str, grade: int | None) -> int:
    rng, today = world.rng, world.calendar.today
    year = today.year if today.month >= 9 else today.year - 1
    if grade is not None:
        return year - 6 - grade - (1 if rng.random() < 0.2 else 0)
    if kind == "college":
        return year - rng.randint(15, 19)
    return year - rng.randint(17, 21)

"""Load test: a school hall checks in to an event at once (app/events).

The moment measured: an assembly of --students students types the projector's 6-digit code
within --window seconds, while the teacher's scanner syncs a queue of --scans card scans it
collected at the door (plus ~10% replays of scans already synced, as after a dropped
connection). Everything goes through HTTP to a running server; only the setup and the final
count use the database directly.

1. Setup, in this process, with the app factory on the server's database (DATABASE_URL or
   --database-url; SECRET_KEY must be the server's, because card codes are signed with it):
   a school, an approved teacher, a class "Hall" of --idle + --students students, a class
   "Door" of 100 + --scans students, and an event under way (`services.create_event`) for
   both classes. Passwords are the production hash (scrypt), computed once and copied to
   every account: hashing 700 passwords would take over a minute and measures nothing here;
   every login still verifies a full scrypt hash on the server. --other-events adds events
   open at the same time elsewhere (a national Integrity Hour): a typed code is looked up
   among every event open for check-in.
2. Logins (not timed as load, reported apart): the teacher and every student of "Hall" sign
   in through the form, GET /login for the CSRF token then POST /login, --login-concurrency
   at a time. The server must run with RATELIMIT_ENABLED=false: production allows 300
   logins a minute per address, and the whole hall comes from 127.0.0.1.
3. Idle baseline: --idle students check in one after another (GET /check-in, POST the code),
   then the scanner syncs two batches of 50 cards, alone on the server (the first one also
   warms the scan route up; the second is the baseline).
4. The burst: each of --students students waits a random delay in [0, --window) seconds,
   GETs /check-in (the form and its CSRF token) and POSTs the code the projector shows at
   that moment (`tokens.numeric_code` of the event's secret; this client read the secret
   at setup). A share of them (--double-taps) sends the POST twice at once. --scanner-start
   seconds into the window, the teacher's scanner POSTs /events/<id>/scans in batches of 50
   (45 new scans + 5 replays), one batch after the other, as static/js/event-scanner.js does.
   The students' latency is also split by whether their requests overlapped a scan batch
   being processed: a batch is many commits in one request.
5. The count: every student and every scanned card must have exactly one row in
   event_check_ins and one payment in point_entries (`event:<id>`), of the event's points.

Latency is from sending a request until its whole body is read, on a new connection per
request (nginx's default towards gunicorn; --keep-alive reuses connections, which pins each
to the worker that accepted it). `loop_lag_ms` is the delay of this client's own event loop
(one Python process on the same machine): when it is large, part of every latency is the
client's. The accounts are new, so every check-in is the student's first payment (the
ledger's totals rows are inserted, not updated): a little more work than for a student who
already has points. With --watch-pid NAME=PID (a process and its
children, e.g. the gunicorn master or the postmaster) the CPU seconds each tree used during
the burst are reported beside the whole machine's; with --server-log the gunicorn access
log (its `%(M)sms` field) gives the server's own time per request and the status counts,
and any traceback in it is reported. It prints one JSON object to stdout; progress goes to
stderr. It exits 1 when a check failed (a missing or doubled check-in or payment, a 5xx, a
replay not answered "already").

    .venv/bin/pip install -e '.[bench]'
    export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')
    export APP_ENV=production PUBLIC_BASE_URL=https://bench.example.kz RATELIMIT_ENABLED=false DATABASE_URL=sqlite:////tmp/bench_events.db
    .venv/bin/flask --app 'app:create_app()' db upgrade
    BIND=127.0.0.1:8011 .venv/bin/gunicorn -c gunicorn.conf.py "app:create_app()" \
        > /tmp/gunicorn.log 2>&1 &
    .venv/bin/python bench/checkin_burst.py --url http://127.0.0.1:8011 --students 300 \
        --window 30 --watch-pid server=$! --server-log /tmp/gunicorn.log

On PostgreSQL, the same with DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench_events
(a scratch database: `createdb`, `flask db upgrade`, `dropdb` afterwards) and
REDIS_URL=redis://127.0.0.1:6379/1, which gives one gunicorn worker per core.

Production's session cookie is `Secure`; this client sends it to --url even over plain HTTP,
as browsers do for localhost. Run it against a scratch database: it adds accounts and events.
"""

import argparse
import asyncio
import json
import os
import random
import re
import resource
import secrets
import statistics
import sys
import time
import uuid
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
from yarl import URL

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from app import create_app  # noqa: E402
from app.accounts.cards import card_code  # noqa: E402
from app.accounts.models import (  # noqa: E402
    Institution,
    InstitutionKind,
    Region,
    RoleGrant,
    SchoolClass,
    User,
)
from app.core.access import Role  # noqa: E402
from app.events import services, tokens  # noqa: E402
from app.events.models import Audience, CheckIn, Event, EventKind  # noqa: E402
from app.extensions import db  # noqa: E402
from app.gamification.models import PointEntry, PointSource  # noqa: E402
from app.gamification.rules import rule  # noqa: E402

PASSWORD = "bench-hall-password-7"  # noqa: S105 - the bench accounts' password
BATCH = 50  # scans per request, as the scanner page sends them
IDLE_BATCHES = 2
REPLAY_SHARE = 0.1  # of every batch: scans already synced, sent again
SCANNER_TIMEOUT_S = 15  # the scanner page aborts a batch after this long and sends it again
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=120)
NETWORK_ERRORS = (aiohttp.ClientError, TimeoutError)
CSRF_INPUT = re.compile(r'<input\b[^>]*\bname="csrf_token"[^>]*>')
VALUE_ATTRIBUTE = re.compile(r'\bvalue="([^"]*)"')
CREATED_TEXT = "You are checked in. Welcome!"  # checked_in.html, in English (locale "en")
ALREADY_TEXT = "You are already checked in"
ACCESS_LINE = re.compile(r'"(\w+) (\S+)" (\d{3}) \S+ (\d+)ms')
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def percentiles(values: list[float], *points: int) -> dict[str, float | None]:
    """{"p50": …, "max": …} in ms with one decimal; None for an empty list."""
    if not values:
        return {f"p{point}": None for point in points} | {"max": None, "n": 0}
    cuts = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else None
    result = {f"p{point}": round(cuts[point - 1] if cuts else values[0], 1) for point in points}
    return result | {"max": round(max(values), 1), "n": len(values)}


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 2)


def find_csrf_token(html: str) -> str | None:
    tag = CSRF_INPUT.search(html)
    value = VALUE_ATTRIBUTE.search(tag.group(0)) if tag else None
    return value.group(1) if value else None


def safe_url(url: str) -> str:
    return sa.engine.make_url(url).render_as_string(hide_password=True)


# --- setup, in process ----------------------------------------------------------------------


@dataclass
class Plan:
    """What the setup made, and what the client needs to know of it."""

    event_id: int
    secret: str
    points: int
    teacher_login: str
    idle_logins: list[str]
    burst_logins: list[str]
    idle_cards: list[str]  # IDLE_BATCHES batches, synced alone before the burst
    burst_cards: list[str]
    expected_user_ids: set[int]
    seconds: float


def make_app(database_url: str):
    return create_app({"SQLALCHEMY_DATABASE_URI": database_url})


def set_up(options: argparse.Namespace) -> Plan:
    started = time.perf_counter()
    tag = secrets.token_hex(3)
    app = make_app(options.database_url)
    with app.app_context():
        region = db.session.scalar(sa.select(Region).order_by(Region.id))
        if region is None:
            raise SystemExit("no regions: run `flask db upgrade` on this database first")
        now = datetime.now(UTC)
        school = Institution(
            name=f"Bench hall school {tag}", kind=InstitutionKind.SCHOOL, region_id=region.id
        )
        teacher = new_user(f"bench-{tag}-teacher", "Bench Teacher", school)
        teacher.set_password(PASSWORD, one_time=False)  # the production hash, computed once
        teacher.grants.append(RoleGrant(role=Role.TEACHER, approved_at=now))
        hall = SchoolClass(name="Hall", institution=school, join_code=f"H{tag.upper()}")
        door = SchoolClass(name="Door", institution=school, join_code=f"D{tag.upper()}")
        hall.teachers.append(teacher)
        door.teachers.append(teacher)
        hall_students = [
            new_user(f"bench-{tag}-s{i:04d}", f"Hall Student {i}", school, teacher.password_hash)
            for i in range(options.idle + options.students)
        ]
        door_students = [
            new_user(f"bench-{tag}-c{i:04d}", f"Door Student {i}", school, teacher.password_hash)
            for i in range(IDLE_BATCHES * BATCH + options.scans)
        ]
        for student in hall_students:
            student.classes.append(hall)
        for student in door_students:
            student.classes.append(door)
        db.session.add_all([school, teacher, hall, door, *hall_students, *door_students])
        db.session.commit()
        elsewhere = SchoolClass(name="Elsewhere", institution=school, join_code=f"E{tag.upper()}")
        add_other_events(options.other_events, region.id, teacher.id, elsewhere, now)
        points = rule(PointSource.EVENT_CHECKIN).points
        details = services.EventDetails(
            kind=EventKind.INTEGRITY_HOUR,
            title={"en": f"Bench assembly {tag}", "kk": f"Bench assembly {tag}"},
            description={},
            starts_at=now - timedelta(minutes=5),
            ends_at=now + timedelta(hours=2),
            place="Assembly hall",
            online_url="",
            region_id=region.id,
            institution_id=school.id,
            audience=Audience.CLASSES,
            class_ids=(hall.id, door.id),
            institution_ids=(),
            registration_required=False,
            capacity=None,
            points=points,
        )
        event = services.create_event(teacher, details, now)
        cards = [card_code(student) for student in door_students]
        plan = Plan(
            event_id=event.id,
            secret=event.checkin_secret,
            points=event.points,
            teacher_login=teacher.login,
            idle_logins=[student.login for student in hall_students[: options.idle]],
            burst_logins=[student.login for student in hall_students[options.idle :]],
            idle_cards=cards[: IDLE_BATCHES * BATCH],
            burst_cards=cards[IDLE_BATCHES * BATCH :],
            expected_user_ids={student.id for student in hall_students + door_students},
            seconds=0.0,
        )
        db.session.remove()
        db.engine.dispose()
    plan.seconds = time.perf_counter() - started
    return plan


def new_user(login: str, name: str, school: Institution, password_hash: str = "") -> User:
    user = User(
        login=login,
        password_hash=password_hash,
        must_change_password=False,
        display_name=name,
        full_name=name,
        birth_year=2009,
        locale="en",  # the client reads the English confirmation page
        institution=school,
        session_token=secrets.token_hex(16),
    )
    if password_hash:
        user.grants.append(RoleGrant(role=Role.STUDENT, approved_at=datetime.now(UTC)))
    return user


def add_other_events(
    count: int, region_id: int, author_id: int, elsewhere: SchoolClass, now: datetime
) -> None:
    """Events open for check-in at the same time for other classes, as on a national
    Integrity Hour (one class stands for them all): the hall's students are not their
    audience, so a typed code is not looked up among them."""
    if not count:
        return
    db.session.add_all(
        Event(
            kind=EventKind.INTEGRITY_HOUR,
            title={"en": f"Other class's hour {i}"},
            description={},
            starts_at=now - timedelta(minutes=10),
            ends_at=now + timedelta(hours=1),
            place="",
            online_url="",
            region_id=region_id,
            audience=Audience.CLASSES,
            classes=[elsewhere],
            points=100,
            checkin_secret=tokens.new_secret(),
            created_by_id=author_id,
        )
        for i in range(count)
    )
    db.session.commit()


def count_in_database(database_url: str, plan: Plan) -> dict:
    """Rows of the event in event_check_ins and point_entries, against what was expected."""
    app = make_app(database_url)
    with app.app_context():
        session = db.session
        rows = session.execute(
            sa.select(CheckIn.user_id, CheckIn.method).where(CheckIn.event_id == plan.event_id)
        ).all()
        payments = session.execute(
            sa.select(PointEntry.user_id, PointEntry.amount).where(
                PointEntry.source_kind == PointSource.EVENT_CHECKIN,
                PointEntry.source_key == f"event:{plan.event_id}",
            )
        ).all()
        db.session.remove()
        db.engine.dispose()
    checked_in = Counter(user_id for user_id, _ in rows)
    paid = Counter(user_id for user_id, _ in payments)
    expected = plan.expected_user_ids
    result = {
        "expected_students": len(expected),
        "check_in_rows": len(rows),
        "check_in_students": len(checked_in),
        "check_ins_by_method": dict(Counter(str(method) for _, method in rows)),
        "missing_check_ins": len(expected - set(checked_in)),
        "doubled_check_ins": sum(1 for n in checked_in.values() if n > 1),
        "point_entries": len(payments),
        "paid_students": len(paid),
        "doubled_payments": sum(1 for n in paid.values() if n > 1),
        "unpaid_check_ins": len(set(checked_in) - set(paid)),
        "points_paid": sum(amount for _, amount in payments),
        "points_expected": len(expected) * plan.points,
    }
    result["ok"] = (
        result["check_in_rows"] == len(expected)
        and set(checked_in) == expected
        and result["point_entries"] == len(expected)
        and set(paid) == expected
        and result["points_paid"] == result["points_expected"]
    )
    return result


# --- CPU accounting and the server's log ----------------------------------------------------


def machine_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of every CPU since boot, from /proc/stat."""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def process_tree(pid: int) -> list[int]:
    pids, pending = [], [pid]
    while pending:
        current = pending.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            with suppress(OSError):  # the task ended meanwhile
                pending.extend(int(child) for child in (task / "children").read_text().split())
    return pids


def tree_cpu_seconds(pid: int) -> dict[int, float]:
    """User + system CPU of a process and each of its live children, by pid (children that
    exited while measuring are not counted)."""
    seconds = {}
    for member in process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds[member] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime
    return seconds


@dataclass
class CpuSnapshot:
    wall: float
    machine: tuple[int, int]
    client: float
    trees: dict[str, dict[int, float]]

    @classmethod
    def take(cls, watched: dict[str, int]) -> "CpuSnapshot":
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return cls(
            wall=time.perf_counter(),
            machine=machine_jiffies(),
            client=usage.ru_utime + usage.ru_stime,
            trees={name: tree_cpu_seconds(pid) for name, pid in watched.items()},
        )

    def until(self, later: "CpuSnapshot") -> dict:
        wall = later.wall - self.wall
        busy = later.machine[0] - self.machine[0]
        total = later.machine[1] - self.machine[1]
        cores = os.cpu_count() or 1
        machine_cpu = busy / CLOCK_TICKS
        result = {
            "wall_s": round(wall, 2),
            "machine_busy_share": round(busy / total, 3) if total else None,
            "machine_cpu_s": round(machine_cpu, 2),
            "client_cpu_s": round(later.client - self.client, 2),
        }
        accounted = result["client_cpu_s"]
        for name, tree in later.trees.items():
            before = self.trees[name]
            used = {pid: seconds - before.get(pid, 0.0) for pid, seconds in tree.items()}
            accounted += sum(used.values())
            result[f"{name}_cpu_s"] = round(sum(used.values()), 2)
            busiest = sorted(used.values(), reverse=True)[:4]
            result[f"{name}_busiest_processes_cpu_s"] = [round(value, 2) for value in busiest]
        result["other_cpu_s"] = round(machine_cpu - accounted, 2)
        result["cores"] = cores
        return result


def log_offset(path: Path | None) -> int:
    return path.stat().st_size if path and path.exists() else 0


def read_server_log(path: Path, start: int, end: int | None = None) -> str:
    with path.open("rb") as log_file:
        log_file.seek(start)
        data = log_file.read() if end is None else log_file.read(end - start)
    return data.decode("utf-8", "replace")


def route_of(method: str, path: str) -> str:
    return f"{method} " + re.sub(r"/\d+", "/<id>", path)


def server_times(text: str) -> dict:
    """The server's own time per route (the access log's `%(M)sms`), and status counts."""
    times: dict[str, list[float]] = {}
    statuses: Counter[str] = Counter()
    for method, path, status, ms in ACCESS_LINE.findall(text):
        statuses[status] += 1
        times.setdefault(route_of(method, path), []).append(float(ms))
    return {
        "statuses": dict(sorted(statuses.items())),
        "ms": {route: percentiles(values, 50, 95, 99) for route, values in sorted(times.items())},
    }


def server_problems(text: str) -> dict:
    statuses = [status for *_, status, _ms in ACCESS_LINE.findall(text)]
    first = text.find("Traceback")
    return {
        "5xx": sum(1 for status in statuses if status >= "500"),
        "tracebacks": text.count("Traceback"),
        "worker_timeouts": text.count("WORKER TIMEOUT"),
        "first_traceback": text[first : first + 4000] if first >= 0 else None,
    }


# --- the client -----------------------------------------------------------------------------


@dataclass
class Metrics:
    login_ms: list[float] = field(default_factory=list)
    idle_get_ms: list[float] = field(default_factory=list)
    idle_post_ms: list[float] = field(default_factory=list)
    idle_batch_ms: list[float] = field(default_factory=list)
    get_ms: list[float] = field(default_factory=list)
    post_ms: list[float] = field(default_factory=list)
    total_ms: list[float] = field(default_factory=list)  # GET + POST, what a student waits
    student_spans: list[tuple[float, float]] = field(default_factory=list)  # (sent, done)
    batch_spans: list[tuple[float, float]] = field(default_factory=list)
    batch_ms: list[float] = field(default_factory=list)
    per_scan_ms: list[float] = field(default_factory=list)
    post_statuses: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)  # per POST: created/already/…
    created_per_student: Counter[str] = field(default_factory=Counter)
    scan_results: Counter[str] = field(default_factory=Counter)  # "<expected>-><got>"
    errors: Counter[str] = field(default_factory=Counter)
    samples: dict[str, str] = field(default_factory=dict)  # first body of each odd outcome
    loop_lag_ms: list[float] = field(default_factory=list)
    burst_first_sent: float | None = None
    burst_last_done: float | None = None


@dataclass
class Student:
    login: str
    http: aiohttp.ClientSession
    logged_in: bool = False


class CheckInBurst:
    def __init__(self, options: argparse.Namespace, plan: Plan) -> None:
        self.options = options
        self.plan = plan
        self.base = options.url.rstrip("/")
        self.rng = random.Random(options.seed)  # noqa: S311 - load pattern, not security
        self.metrics = Metrics()
        self.origin = URL(self.base).origin()
        # A new connection per request, as nginx's default proxying to gunicorn does (and
        # so each request goes to whichever worker accepts it); --keep-alive reuses them.
        self.connector = aiohttp.TCPConnector(limit=0, force_close=not options.keep_alive)
        self.teacher = Student(plan.teacher_login, self.session())
        self.idle = [Student(login, self.session()) for login in plan.idle_logins]
        self.students = [Student(login, self.session()) for login in plan.burst_logins]
        self.synced: list[dict] = []  # scans the server has answered, for replays

    def session(self) -> aiohttp.ClientSession:
        """One browser: its own cookies, connections from the shared pool."""
        jar = aiohttp.CookieJar(unsafe=True, treat_as_secure_origin=[self.origin])
        return aiohttp.ClientSession(
            connector=self.connector,
            connector_owner=False,
            cookie_jar=jar,
            timeout=REQUEST_TIMEOUT,
        )

    async def close(self) -> None:
        for student in [self.teacher, *self.idle, *self.students]:
            await student.http.close()
        await self.connector.close()

    def url(self, path: str) -> str:
        return self.base + path

    def sample(self, key: str, body: str) -> None:
        self.metrics.samples.setdefault(key, re.sub(r"\s+", " ", body)[:600])

    # --- logins

    async def log_in(self, student: Student, limit: asyncio.Semaphore) -> None:
        async with limit:
            try:
                async with student.http.get(self.url("/login")) as response:
                    token = find_csrf_token(await response.text())
                if token is None:
                    self.metrics.errors["login:no_csrf_token"] += 1
                    return
                form = {"csrf_token": token, "login": student.login, "password": PASSWORD}
                sent = time.perf_counter()
                async with student.http.post(
                    self.url("/login"), data=form, allow_redirects=False
                ) as response:
                    body = await response.text()
                    self.metrics.login_ms.append((time.perf_counter() - sent) * 1000)
                    if response.status != 302:
                        self.metrics.errors[f"login:http_{response.status}"] += 1
                        self.sample(f"login:{response.status}", body)
                        return
                student.logged_in = True
            except NETWORK_ERRORS as error:
                self.metrics.errors[f"login:{type(error).__name__}"] += 1

    async def log_everyone_in(self) -> float:
        limit = asyncio.Semaphore(self.options.login_concurrency)
        everyone = [self.teacher, *self.idle, *self.students]
        started = time.perf_counter()
        await asyncio.gather(*(self.log_in(student, limit) for student in everyone))
        return time.perf_counter() - started

    # --- self check-in by code

    async def check_in(self, student: Student, taps: int = 1) -> tuple[float, list[float]] | None:
        """GET the form, POST the projector's current code (`taps` times at once); returns
        the GET's ms and each POST's ms, or None when it failed before the POST."""
        try:
            sent = time.perf_counter()
            async with student.http.get(self.url("/check-in")) as response:
                page = await response.text()
                get_ms = (time.perf_counter() - sent) * 1000
            token = find_csrf_token(page) if response.status == 200 else None
            if token is None:
                self.metrics.errors[f"get:http_{response.status}"] += 1
                self.sample(f"get:{response.status}", page)
                return None
        except NETWORK_ERRORS as error:
            self.metrics.errors[f"get:{type(error).__name__}"] += 1
            return None
        code = tokens.numeric_code(self.plan.secret, self.plan.event_id, datetime.now(UTC))
        form = {"csrf_token": token, "code": code}
        posts = await asyncio.gather(*(self.post_code(student, form) for _ in range(taps)))
        return get_ms, [ms for ms in posts if ms is not None]

    async def post_code(self, student: Student, form: dict) -> float | None:
        try:
            sent = time.perf_counter()
            async with student.http.post(
                self.url("/check-in"), data=form, allow_redirects=False
            ) as response:
                body = await response.text()
                ms = (time.perf_counter() - sent) * 1000
        except NETWORK_ERRORS as error:
            self.metrics.errors[f"post:{type(error).__name__}"] += 1
            self.metrics.outcomes["network_error"] += 1
            return None
        self.metrics.post_statuses[str(response.status)] += 1
        if response.status == 200 and CREATED_TEXT in body:
            outcome = "created"
            self.metrics.created_per_student[student.login] += 1
        elif response.status == 200 and ALREADY_TEXT in body:
            outcome = "already"
        else:
            outcome = f"http_{response.status}"
            self.sample(f"post:{response.status}", body)
        self.metrics.outcomes[outcome] += 1
        return ms

    async def idle_check_ins(self) -> None:
        for student in self.idle:
            if not student.logged_in:
                continue
            timing = await self.check_in(student)
            if timing is not None:
                self.metrics.idle_get_ms.append(timing[0])
                self.metrics.idle_post_ms.extend(timing[1])

    async def burst_student(self, student: Student, delay: float, taps: int) -> None:
        await asyncio.sleep(delay)
        sent = time.perf_counter()
        if self.metrics.burst_first_sent is None:
            self.metrics.burst_first_sent = sent
        timing = await self.check_in(student, taps)
        done = time.perf_counter()
        self.metrics.burst_last_done = max(self.metrics.burst_last_done or done, done)
        if timing is None:
            return
        get_ms, post_ms = timing
        self.metrics.get_ms.append(get_ms)
        self.metrics.post_ms.extend(post_ms)
        if post_ms:
            self.metrics.total_ms.append((done - sent) * 1000)
            self.metrics.student_spans.append((sent, done))

    # --- the scanner

    def new_scan(self, card: str) -> dict:
        # Queued at the door during the last few minutes, as an offline scanner would.
        scanned_at = datetime.now(UTC) - timedelta(seconds=self.rng.uniform(0, 180))
        return {"id": str(uuid.uuid4()), "card": card, "scanned_at": scanned_at.isoformat()}

    async def sync_batch(self, batch: list[dict], replays: set[str]) -> float | None:
        """POSTs one batch; returns its ms. Checks every answer: new scans must answer
        "checked_in", replays "already"."""
        try:
            sent = time.perf_counter()
            async with self.teacher.http.post(
                self.url(f"/events/{self.plan.event_id}/scans"),
                json={"scans": batch},
                allow_redirects=False,
            ) as response:
                text = await response.text()
                ms = (time.perf_counter() - sent) * 1000
        except NETWORK_ERRORS as error:
            self.metrics.errors[f"scans:{type(error).__name__}"] += 1
            return None
        if response.status != 200:
            self.metrics.errors[f"scans:http_{response.status}"] += 1
            self.sample(f"scans:{response.status}", text)
            return None
        answers = {result["id"]: result["status"] for result in json.loads(text)["results"]}
        for scan in batch:
            expected = "already" if scan["id"] in replays else "checked_in"
            got = answers.get(scan["id"], "missing")
            self.metrics.scan_results[f"{expected}->{got}"] += 1
        self.synced.extend(scan for scan in batch if scan["id"] not in replays)
        return ms

    async def idle_scanner(self) -> None:
        cards = self.plan.idle_cards
        for start in range(0, len(cards), BATCH):
            batch = [self.new_scan(card) for card in cards[start : start + BATCH]]
            ms = await self.sync_batch(batch, set())
            if ms is not None:
                self.metrics.idle_batch_ms.append(ms)

    async def burst_scanner(self, delay: float) -> None:
        await asyncio.sleep(delay)
        queue = [self.new_scan(card) for card in self.plan.burst_cards]
        fresh_per_batch = BATCH - round(BATCH * REPLAY_SHARE)
        while queue:
            fresh, queue = queue[:fresh_per_batch], queue[fresh_per_batch:]
            replays = self.rng.sample(
                self.synced, min(len(self.synced), round(len(fresh) * REPLAY_SHARE / 0.9))
            )
            batch = fresh + [dict(scan) for scan in replays]
            self.rng.shuffle(batch)
            sent = time.perf_counter()
            ms = await self.sync_batch(batch, {scan["id"] for scan in replays})
            self.metrics.batch_spans.append((sent, time.perf_counter()))
            if ms is not None:
                self.metrics.batch_ms.append(ms)
                self.metrics.per_scan_ms.append(ms / len(batch))

    async def watch_loop_lag(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.1)
            self.metrics.loop_lag_ms.append((time.perf_counter() - before - 0.1) * 1000)

    # --- the whole run

    async def run(self) -> dict:
        options, metrics = self.options, self.metrics
        watched = dict(options.watch_pid)
        lag = asyncio.ensure_future(self.watch_loop_lag())
        log_start = log_offset(options.server_log)

        log(
            f"logging in {1 + len(self.idle) + len(self.students)} accounts, "
            f"{options.login_concurrency} at a time"
        )
        login_seconds = await self.log_everyone_in()
        log(f"logged in in {login_seconds:.1f} s; errors so far {dict(metrics.errors)}")
        if not self.teacher.logged_in:
            raise SystemExit("the teacher could not log in")

        log(f"idle baseline: {len(self.idle)} check-ins one by one, then two scan batches")
        await self.idle_check_ins()
        await self.idle_scanner()
        await asyncio.sleep(1)  # gunicorn writes a request's log line after its response

        taps = {
            i: 2 if self.rng.random() < options.double_taps else 1
            for i in range(len(self.students))
        }
        delays = [self.rng.random() * options.window for _ in self.students]
        log(
            f"burst: {len(self.students)} students within {options.window:g} s "
            f"({sum(t == 2 for t in taps.values())} double taps), "
            f"{len(self.plan.burst_cards)} card scans from {options.scanner_start:g} s"
        )
        lag_before = len(metrics.loop_lag_ms)
        burst_log_start = log_offset(options.server_log)
        cpu_before = CpuSnapshot.take(watched)
        started = time.perf_counter()
        await asyncio.gather(
            *(
                self.burst_student(student, delays[i], taps[i])
                for i, student in enumerate(self.students)
            ),
            self.burst_scanner(options.scanner_start),
        )
        burst_seconds = time.perf_counter() - started
        cpu = cpu_before.until(CpuSnapshot.take(watched))
        await asyncio.sleep(1)
        burst_log_end = log_offset(options.server_log)
        burst_lag = metrics.loop_lag_ms[lag_before:]
        lag.cancel()
        log(f"burst done in {burst_seconds:.1f} s; counting rows")

        database = count_in_database(options.database_url, self.plan)
        return self.summary(
            login_seconds,
            burst_seconds,
            burst_lag,
            cpu,
            database,
            (log_start, burst_log_start, burst_log_end),
        )

    def summary(self, login_seconds, burst_seconds, burst_lag, cpu, database, offsets) -> dict:
        options, metrics, plan = self.options, self.metrics, self.plan
        idle_post = percentiles(metrics.idle_post_ms, 50, 95)
        post = percentiles(metrics.post_ms, 50, 95, 99)
        idle_batch = metrics.idle_batch_ms[-1] if metrics.idle_batch_ms else None
        batch = percentiles(metrics.batch_ms, 50, 95)
        per_scan = percentiles(metrics.per_scan_ms, 50, 95)
        span = (
            metrics.burst_last_done - metrics.burst_first_sent
            if metrics.burst_first_sent and metrics.burst_last_done
            else None
        )
        overlapping, apart = [], []
        for (sent, done), ms in zip(metrics.student_spans, metrics.total_ms, strict=True):
            hit = any(sent < end and start < done for start, end in metrics.batch_spans)
            (overlapping if hit else apart).append(ms)
        students_created_once = sum(
            1 for s in self.students if metrics.created_per_student[s.login] == 1
        )
        result = {
            "url": options.url,
            "database": safe_url(options.database_url),
            "seed": options.seed,
            "keep_alive": options.keep_alive,
            "students": len(self.students),
            "window_s": options.window,
            "scans": len(plan.burst_cards),
            "other_events": options.other_events,
            "setup_s": round(plan.seconds, 2),
            "login": {
                "accounts": 1 + len(self.idle) + len(self.students),
                "concurrency": options.login_concurrency,
                "seconds": round(login_seconds, 2),
                "post_ms": percentiles(metrics.login_ms, 50, 95),
            },
            "idle": {
                "check_ins": len(metrics.idle_post_ms),
                "get_ms": percentiles(metrics.idle_get_ms, 50, 95),
                "post_ms": idle_post,
                "scan_batch_ms_each": [round(ms, 1) for ms in metrics.idle_batch_ms],
                "scan_batch_ms": round(idle_batch, 1) if idle_batch else None,
                "per_scan_ms": round(idle_batch / BATCH, 1) if idle_batch else None,
            },
            "burst": {
                "seconds": round(burst_seconds, 2),
                "first_send_to_last_answer_s": round(span, 2) if span else None,
                "check_ins_per_s": round(len(metrics.total_ms) / span, 1) if span else None,
                "get_ms": percentiles(metrics.get_ms, 50, 95, 99),
                "post_ms": post,
                "get_plus_post_ms": percentiles(metrics.total_ms, 50, 95, 99),
                "get_plus_post_ms_overlapping_a_scan_batch": percentiles(overlapping, 50, 95, 99),
                "get_plus_post_ms_not_overlapping": percentiles(apart, 50, 95, 99),
                "post_statuses": dict(sorted(metrics.post_statuses.items())),
                "post_outcomes": dict(sorted(metrics.outcomes.items())),
                "students_created_exactly_once": students_created_once,
            },
            "scanner": {
                "batches": len(metrics.batch_ms),
                "batch_ms": batch,
                "batch_ms_each": [round(ms) for ms in metrics.batch_ms],
                "per_scan_ms": per_scan,
                "batches_over_15s": sum(ms > SCANNER_TIMEOUT_S * 1000 for ms in metrics.batch_ms),
                "results": dict(sorted(metrics.scan_results.items())),
            },
            "ratios": {
                "burst_post_p50_to_idle_p50": ratio(post["p50"], idle_post["p50"]),
                "burst_post_p95_to_idle_p50": ratio(post["p95"], idle_post["p50"]),
                "burst_batch_p50_to_idle_batch": ratio(batch["p50"], idle_batch),
                "idle_per_scan_to_idle_post_p50": ratio(
                    idle_batch / BATCH if idle_batch else None, idle_post["p50"]
                ),
            },
            "database_check": database,
            "client": {
                "loop_lag_ms_burst": percentiles(burst_lag, 50, 99),
                "cpu_during_burst": cpu,
            },
            "errors": dict(sorted(metrics.errors.items())),
            "samples": metrics.samples,
        }
        if options.server_log:
            whole, burst_start, burst_end = offsets
            text = read_server_log(options.server_log, whole)
            result["server_log"] = {
                "burst": server_times(read_server_log(options.server_log, burst_start, burst_end)),
                "whole_run": server_times(text) | server_problems(text),
            }
        result["ok"] = self.ok(result, students_created_once)
        return result

    def ok(self, result: dict, students_created_once: int) -> bool:
        scans = self.metrics.scan_results
        wrong_scans = sum(n for key, n in scans.items() if key.split("->")[0] != key.split("->")[1])
        server = result.get("server_log", {}).get("whole_run", {})
        return (
            result["database_check"]["ok"]
            and students_created_once == len(self.students)
            and not self.metrics.errors
            and wrong_scans == 0
            and not server.get("5xx")
            and not server.get("tracebacks")
        )


def pid_option(text: str) -> tuple[str, int]:
    name, _, pid = text.partition("=")
    if not name or not pid.isdigit():
        raise argparse.ArgumentTypeError("expected NAME=PID, e.g. server=1234")
    return name, int(pid)


def parse_options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="the server's database (default: DATABASE_URL)",
    )
    parser.add_argument("--students", type=int, default=300, help="students typing the code")
    parser.add_argument(
        "--window", type=float, default=30.0, help="they send within this many seconds"
    )
    parser.add_argument("--scans", type=int, default=300, help="new card scans in the burst")
    parser.add_argument(
        "--scanner-start",
        type=float,
        default=None,
        help="seconds into the burst (default: window/3)",
    )
    parser.add_argument("--idle", type=int, default=20, help="check-ins of the idle baseline")
    parser.add_argument(
        "--double-taps", type=float, default=0.05, help="share of students who POST twice at once"
    )
    parser.add_argument(
        "--other-events", type=int, default=0, help="other events open for check-in meanwhile"
    )
    parser.add_argument("--login-concurrency", type=int, default=4)
    parser.add_argument(
        "--keep-alive", action="store_true", help="reuse connections (default: one per request)"
    )
    parser.add_argument(
        "--watch-pid",
        type=pid_option,
        action="append",
        default=[],
        metavar="NAME=PID",
        help="report the CPU of this process tree during the burst (repeatable)",
    )
    parser.add_argument("--server-log", type=Path, help="gunicorn's log (access + errors)")
    parser.add_argument("--seed", type=int, default=None, help="default: a random one")
    options = parser.parse_args(argv)
    if not options.database_url:
        parser.error("give --database-url or DATABASE_URL: the server's database")
    if not os.environ.get("SECRET_KEY"):
        parser.error("set SECRET_KEY to the server's: card codes are signed with it")
    if options.scanner_start is None:
        options.scanner_start = options.window / 3
    if options.seed is None:
        options.seed = random.SystemRandom().randrange(2**31)
    return options


async def main_async(options: argparse.Namespace, plan: Plan) -> dict:
    bench = CheckInBurst(options, plan)
    try:
        return await bench.run()
    finally:
        await bench.close()


def main() -> None:
    options = parse_options()
    log(f"seed {options.seed}; setting up on {safe_url(options.database_url)}")
    plan = set_up(options)
    log(
        f"event {plan.event_id}: {len(plan.idle_logins) + len(plan.burst_logins)} students in "
        f"the hall, {len(plan.idle_cards) + len(plan.burst_cards)} cards ({plan.seconds:.1f} s)"
    )
    result = asyncio.run(main_async(options, plan))
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if not result["ok"]:
        log("FAILED: see database_check, errors, scanner.results and server_log")
        sys.exit(1)


if __name__ == "__main__":
    main()

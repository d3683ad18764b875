"""Benchmark: loading a large curriculum, and answering quizzes with many players at once.

Part 1, validate + load. QUIZZES generated quiz files of QUESTIONS questions each (the type
mix, option counts and text lengths of the real curriculum, every text in kk, ru and en) are
written to a temporary folder. Then each step is timed on its own:
  - read_folder(folder): what `flask quizzes validate` runs;
  - load_quizzes(files) into a fresh migrated database: what `flask quizzes load` runs;
  - the same load again, nothing changed (the usual re-run);
  - a load after one question was edited in every file (every quiz gets a new version;
    the files are rewritten and read again first).
Each load starts with an empty session, as a new CLI process would. Memory is the peak
resident set size of this process during the step: resource.getrusage(RUSAGE_SELF).ru_maxrss,
whose high-water mark is reset before each step by writing 5 to /proc/self/clear_refs
(Linux). Where that reset is refused, the figure is the process's peak so far.

Part 2, answer latency. The real app runs under gunicorn (gunicorn.conf.py, overridden to
WORKERS x THREADS; APP_ENV=production, CSRF on, rate limits on and kept in Redis) on a fresh
migrated database holding the curriculum in quizzes/ and PLAYERS student accounts. One thread
per player, each with its own cookies, logs in through the form, then all wait at a barrier
and play every quiz: POST /quizzes/<slug>/start, then per question GET /attempts/<id> (the
CSRF token, question id and choices come from the HTML) and POST a random valid answer.
Only the answer POSTs are timed: from opening the connection (one per request, as nginx's
default proxying does) until the whole response is read. Every answer POST must return 200
with the feedback page, and the database must then hold exactly players x questions answers;
otherwise the script says what failed and exits 1.

    .venv/bin/python bench/quizzes.py
    .venv/bin/python bench/quizzes.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench_quizzes

Without --database-url each part uses a new SQLite file in a temporary folder. A PostgreSQL
database named in the URL must not exist: the script creates it for each part (connecting to
the `postgres` database) and drops it afterwards. Never a test.
"""

import argparse
import gc
import html.parser
import http.client
import os
import random
import re
import resource
import runpy
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from unittest import mock
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("APP_ENV", "development")

import sqlalchemy as sa  # noqa: E402
import yaml  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from app import create_app  # noqa: E402
from app.accounts import services as accounts  # noqa: E402
from app.accounts.models import Institution, InstitutionKind, SchoolClass  # noqa: E402
from app.extensions import db  # noqa: E402
from app.quizzes.content import CONTENT_DIR, read_folder  # noqa: E402
from app.quizzes.models import Answer, Attempt, Question, Quiz  # noqa: E402
from app.quizzes.services import load_quizzes  # noqa: E402
from bench.databases import fresh_database  # noqa: E402

WORKERS, THREADS = 4, 4
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
PASSWORD = "bench-password-9"  # noqa: S105 - the bench players' password
LANGUAGES = ("kk", "ru", "en")

# --- part 1: generated curriculum ----------------------------------------------------------

WORDS = {  # realistic letters and word lengths, not sense
    "kk": "адалдық жемқорлық пара сыйлық мұғалім оқушы мектеп әкім заң құқық міндет шешім "
    "қызмет азамат мемлекет ашықтық жауапкершілік сенім әділдік ереже бақылау хабарлау "
    "емтихан баға ата-ана дәрігер полиция сот бюджет еріктілер қоғам мүдде қақтығыс "
    "туысқан лауазым өкілеттік шенеунік құжат өтініш кезек ақша пайда зиян",
    "ru": "честность коррупция взятка подарок учитель ученик школа акимат закон право "
    "обязанность решение служба гражданин государство открытость ответственность доверие "
    "справедливость правило контроль сообщение экзамен оценка родители врач полиция суд "
    "бюджет волонтёры общество интерес конфликт родственник должность полномочия "
    "чиновник документ заявление очередь деньги выгода вред",
    "en": "integrity corruption bribe gift teacher student school akimat law right duty "
    "decision service citizen state openness responsibility trust fairness rule oversight "
    "report exam grade parents doctor police court budget volunteers society interest "
    "conflict relative position power official document application queue money benefit "
    "harm",
}
VOCABULARY = {language: words.split() for language, words in WORDS.items()}
TOPICS = [
    "corruption-basics",
    "gifts-and-conflicts",
    "academic-integrity",
    "reporting",
    "volunteering",
    "heritage",
]
# Per 20 questions, as in the real curriculum (41 single, 13 multiple, 12 true/false, 6 polls
# of 72): 11 single, 4 multiple, 3 true/false, 2 polls.
TYPE_MIX = ["single"] * 11 + ["multiple"] * 4 + ["true_false"] * 3 + ["poll"] * 2


def sentence(rng: random.Random, language: str, length: int) -> str:
    words = []
    while sum(len(word) + 1 for word in words) < length:
        words.append(rng.choice(VOCABULARY[language]))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def texts(rng: random.Random, shortest: int, longest: int) -> dict:
    """One text in all three languages, about the same length (the real files' ranges)."""
    length = rng.randint(shortest, longest)
    return {language: sentence(rng, language, length) for language in LANGUAGES}


def options(rng: random.Random, kind: str) -> list[dict]:
    count = rng.choice([3, 4, 4, 4, 4, 5, 6])
    items = [{"id": chr(ord("a") + i), "text": texts(rng, 10, 75)} for i in range(count)]
    if kind == "single":
        items[rng.randrange(count)]["correct"] = True
    elif kind == "multiple":
        for item in rng.sample(items, rng.randint(1, count - 1)):
            item["correct"] = True
    return items


def generated_question(rng: random.Random, number: int, kind: str) -> dict:
    question = {"id": f"q{number:02d}", "type": kind, "text": texts(rng, 30, 160)}
    if kind == "true_false":
        question["answer"] = rng.random() < 0.5
    else:
        question["options"] = options(rng, kind)
    question["explanation"] = texts(rng, 100, 360)
    if rng.random() < 0.45:
        question["source"] = {"title": texts(rng, 20, 130)}
        if rng.random() < 0.7:
            question["source"]["url"] = f"https://adilet.zan.kz/rus/docs/Z{rng.randrange(10**10)}"
    question["time_limit"] = rng.choice([20, 25, 30, 35, 40, 45])
    question["points"] = rng.choice([100, 100, 100, 150])
    return question


def generated_quiz(number: int, questions: int, edited: bool) -> dict:
    """The same quiz for the same number; `edited` changes one question's text."""
    rng = random.Random(number)  # noqa: S311 - reproducible content, not secrets
    kinds = [TYPE_MIX[i * len(TYPE_MIX) // questions] for i in range(questions)]  # the mix
    rng.shuffle(kinds)
    min_grade = rng.randint(1, 11)
    quiz = {
        "slug": f"bench-quiz-{number:04d}",
        "version": 2 if edited else 1,
        "topic": rng.choice(TOPICS),
        "audience": {"min_grade": min_grade, "max_grade": rng.randint(min_grade, 16)},
        "title": texts(rng, 20, 56),
        "description": texts(rng, 110, 170),
        "questions": [generated_question(rng, i, kind) for i, kind in enumerate(kinds, 1)],
    }
    if edited:
        edited_question = quiz["questions"][number % questions]
        for language in LANGUAGES:
            edited_question["text"][language] += " (2)"
    return quiz


def curriculum_kib_per_question() -> float:
    quiz_files, _errors = read_folder(CONTENT_DIR)
    size = sum(quiz.path.stat().st_size for quiz in quiz_files)
    return size / sum(len(quiz.data["questions"]) for quiz in quiz_files) / 1024


def write_quizzes(folder: Path, count: int, questions: int, edited: bool = False) -> int:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    size = 0
    for number in range(1, count + 1):
        data = generated_quiz(number, questions, edited)
        text = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
        size += (folder / f"{data['slug']}.yaml").write_bytes(text.encode())
    return size


# --- part 1: measuring ---------------------------------------------------------------------


def reset_peak_memory() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # high-water mark := current RSS
        return True
    except OSError:
        return False


def current_rss_mib() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(label: str, step):
    """Run step(); print its time and this process's peak RSS while it ran."""
    gc.collect()
    start_rss = current_rss_mib()
    reset = reset_peak_memory()
    started = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - started
    peak = f"peak RSS {peak_rss_mib():7.0f} MiB" + ("" if reset else " (process peak so far)")
    print(f"  {label:<36} {seconds:7.2f} s   {peak}, {start_rss:.0f} MiB at start")
    return result


def fresh_load(quiz_files):
    """`flask quizzes load` in a new process: an empty session, one transaction."""
    db.session.remove()
    report = load_quizzes(quiz_files)
    db.session.remove()
    return report


def read_checked(folder: Path, label: str, count: int):
    quiz_files, errors = measure(label, lambda: read_folder(folder))
    if errors or len(quiz_files) != count:
        sys.exit(f"FAILED: {len(quiz_files)} valid quizzes of {count}; first errors: {errors[:3]}")
    return quiz_files


def expect(report, field_name: str, count: int) -> None:
    got = {name: len(getattr(report, name)) for name in ("created", "new_versions", "unchanged")}
    if got[field_name] != count:
        sys.exit(f"FAILED: expected {field_name}={count}, the load reported {got}")


def bench_load(url: str, workdir: Path, count: int, questions: int) -> None:
    folder = workdir / "generated"
    folder.mkdir()
    started = time.perf_counter()
    size = write_quizzes(folder, count, questions)
    print(
        f"part 1: {count} quizzes x {questions} questions generated in {folder} "
        f"({size / 2**20:.1f} MiB of YAML, {size / count / questions / 1024:.1f} KiB a question; "
        f"quizzes/ has {curriculum_kib_per_question():.1f}; {time.perf_counter() - started:.0f} s)"
    )
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        quiz_files = read_checked(folder, "validate: read_folder", count)
        expect(measure("load: new database", lambda: fresh_load(quiz_files)), "created", count)
        expect(
            measure("load again: nothing changed", lambda: fresh_load(quiz_files)),
            "unchanged",
            count,
        )
        del quiz_files
        write_quizzes(folder, count, questions, edited=True)
        quiz_files = read_checked(folder, "validate: read_folder (edited files)", count)
        expect(
            measure("load: one question edited per file", lambda: fresh_load(quiz_files)),
            "new_versions",
            count,
        )
        stored = db.session.scalar(sa.select(sa.func.count(Question.id)))
        if stored != 2 * count * questions:
            sys.exit(f"FAILED: {stored} question rows, expected {2 * count * questions}")
        print(f"  checked: {stored} question rows (two versions of every quiz)")
        db.session.remove()
        db.engine.dispose()


# --- part 2: players -----------------------------------------------------------------------


class FormInputs(html.parser.HTMLParser):
    """The <input> elements of a page, as attribute dicts."""

    def __init__(self, page: str):
        super().__init__()
        self.inputs: list[dict] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            self.inputs.append(dict(attrs))

    def value(self, name: str) -> str:
        return next(item["value"] for item in self.inputs if item.get("name") == name)

    def choices(self) -> list[dict]:
        return [item for item in self.inputs if item.get("name") == "choice"]


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: str
    seconds: float


class Player:
    """One browser: its own cookies, a new connection per request, no redirects followed."""

    def __init__(self, port: int, login: str, seed: int):
        self.port, self.login = port, login
        self.cookies: dict[str, str] = {}
        self.rng = random.Random(seed)  # noqa: S311 - which answer to click

    def request(self, method: str, path: str, form: dict | None = None) -> Response:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            data = response.read()
            seconds = time.perf_counter() - started
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return Response(response.status, response.headers, data.decode(), seconds)

    def log_in(self) -> None:
        token = FormInputs(self.get("/login").body).value("csrf_token")
        form = {"csrf_token": token, "login": self.login, "password": PASSWORD}
        response = self.request("POST", "/login", form)
        if response.status != 302:
            raise RuntimeError(f"{self.login}: login returned {response.status}")

    def start(self, slug: str) -> str:
        """Open the quiz list, press the quiz's start button; the attempt's path."""
        token = FormInputs(self.get("/quizzes").body).value("csrf_token")
        response = self.request("POST", f"/quizzes/{slug}/start", {"csrf_token": token})
        if response.status != 302:
            raise RuntimeError(f"{self.login}: starting {slug} returned {response.status}")
        return urlsplit(response.headers["Location"]).path

    def get(self, path: str) -> Response:
        response = self.request("GET", path)
        if response.status != 200:
            raise RuntimeError(f"{self.login}: GET {path} returned {response.status}")
        return response

    def pick(self, choices: list[dict]) -> list[str]:
        values = [choice["value"] for choice in choices]
        if choices[0].get("type") == "checkbox":
            return self.rng.sample(values, self.rng.randint(1, len(values)))
        return [self.rng.choice(values)]


@dataclass
class PlayResults:
    seconds: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def play_quiz(player: Player, slug: str, questions: int, results: PlayResults) -> None:
    attempt = player.start(slug)
    for _ in range(questions):
        inputs = FormInputs(player.get(attempt).body)
        form = {
            "csrf_token": inputs.value("csrf_token"),
            "question_id": inputs.value("question_id"),
            "choice": player.pick(inputs.choices()),
        }
        answer = player.request("POST", attempt, form)
        results.seconds.append(answer.seconds)
        if answer.status != 200 or 'class="feedback' not in answer.body:
            results.failures.append(f"{player.login}: POST {attempt} returned {answer.status}")
            return
    if player.request("GET", attempt).status != 302:  # finished: sent on to the result
        results.failures.append(f"{player.login}: {attempt} not finished after {questions}")


def run_player(player, curriculum, barrier, results, index) -> None:
    try:
        player.log_in()
    except Exception as error:
        results.failures.append(f"{player.login}: {error!r}")
        barrier.abort()
        return
    try:
        barrier.wait()
    except threading.BrokenBarrierError:
        return  # another player could not log in: already reported
    order = curriculum[index % len(curriculum) :] + curriculum[: index % len(curriculum)]
    try:
        for slug, questions in order:
            play_quiz(player, slug, questions, results)
    except Exception as error:
        results.failures.append(f"{player.login}: {error!r}")


def create_players(count: int) -> list[str]:
    school = Institution(name="Bench school", kind=InstitutionKind.SCHOOL, region_id=1)
    klass = SchoolClass(name="Bench", institution=school, join_code="BENCH2")
    db.session.add_all([school, klass])
    db.session.commit()
    logins = [f"bench-player-{i:03d}" for i in range(count)]
    for i, login in enumerate(logins):
        account = accounts.NewAccount(
            login=login,
            password=PASSWORD,
            display_name=f"Player {i}",
            full_name=f"Bench Player {i}",
            birth_year=2010,
            locale=LANGUAGES[i % 3],
        )
        accounts.register_student(klass.join_code, account)
    return logins


def load_curriculum() -> list[tuple[str, int]]:
    quiz_files, errors = read_folder()
    if errors:
        sys.exit(f"FAILED: the curriculum in quizzes/ has errors: {errors[:3]}")
    load_quizzes(quiz_files)
    quizzes = db.session.scalars(sa.select(Quiz).order_by(Quiz.slug))
    return [(quiz.slug, len(quiz.current_version.questions)) for quiz in quizzes]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(url: str, port: int) -> dict[str, str]:
    """Production settings, but on plain http with no proxy in front."""
    environment = {
        **os.environ,
        "APP_ENV": "production",
        "PUBLIC_BASE_URL": "https://bench.example.kz",
        "SECRET_KEY": secrets.token_hex(32),
        "PROXY_COUNT": "0",  # no proxy in front
        "SESSION_COOKIE_SECURE": "false",  # plain http
        "DATABASE_URL": url,
        "REDIS_URL": REDIS_URL,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(WORKERS),
        "THREADS": str(THREADS),
    }
    environment.pop("GUNICORN_CMD_ARGS", None)
    return environment


def describe_config(environment: dict[str, str]) -> str:
    """The settings gunicorn.conf.py gives under this environment."""
    with mock.patch.dict(os.environ, environment, clear=True):
        conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    names = ["workers", "threads", "timeout", "max_requests", "max_requests_jitter", "raw_env"]
    return ", ".join(f"{name}={conf[name]}" for name in names)


@contextmanager
def gunicorn(url: str, log_path: Path):
    """The app under gunicorn.conf.py, as production runs it; yields the port."""
    port = free_port()
    environment = server_environment(url, port)
    print(f"  gunicorn.conf.py with {describe_config(environment)}")
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "app:create_app()"]
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        wait_until_up(server, port, log_path)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=60)


def wait_until_up(server: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"FAILED: gunicorn exited:\n{log_path.read_text()[-3000:]}")
        try:
            if Player(port, "probe", 0).request("GET", "/login").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"FAILED: gunicorn did not answer within 60 s:\n{log_path.read_text()[-3000:]}")


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report_latency(results: PlayResults, seconds: float) -> None:
    ordered = sorted(results.seconds)
    if not ordered:
        return
    figures = ", ".join(
        f"{name} {1000 * percentile(ordered, share):.0f} ms"
        for name, share in (("p50", 0.50), ("p95", 0.95), ("p99", 0.99), ("max", 1.0))
    )
    print(
        f"  answer POSTs: {len(ordered)}, {figures} (mean {1000 * statistics.mean(ordered):.0f} ms)"
    )
    print(
        f"  throughput: {len(ordered) / seconds:.1f} answers/s over the {seconds:.1f} s play phase "
        "(which also holds the question GETs and quiz starts)"
    )


def verify_database(players: int, curriculum: list[tuple[str, int]]) -> list[str]:
    expected_answers = players * sum(questions for _, questions in curriculum)
    expected_attempts = players * len(curriculum)
    answers = db.session.scalar(sa.select(sa.func.count(Answer.id)))
    finished = db.session.scalar(
        sa.select(sa.func.count(Attempt.id)).where(Attempt.finished_at.is_not(None))
    )
    print(
        f"  checked: {answers} answer rows (expected {expected_answers}), "
        f"{finished} finished attempts (expected {expected_attempts})"
    )
    problems = []
    if answers != expected_answers:
        problems.append(f"{answers} answer rows, expected {expected_answers}")
    if finished != expected_attempts:
        problems.append(f"{finished} finished attempts, expected {expected_attempts}")
    return problems


def check_server_log(log_path: Path) -> list[str]:
    """Print what the access log saw; any 5xx or traceback is a failure."""
    log = log_path.read_text()
    statuses = re.findall(r'" (\d{3}) ', log)
    counts = {status: statuses.count(status) for status in sorted(set(statuses))}
    restarts = log.count("Autorestarting worker")
    tracebacks = log.count("Traceback")
    worker = re.search(r"Using worker: (\w+)", log)
    print(
        f"  server log: {worker.group(1) if worker else '?'} workers, status counts {counts}, "
        f"worker restarts {restarts}, tracebacks {tracebacks}"
    )
    errors = sum(count for status, count in counts.items() if status >= "500")
    if not errors and not tracebacks:
        return []
    first = log.find("Traceback")
    excerpt = log[first : first + 3000] if first >= 0 else ""
    return [f"the server answered {errors} requests with 5xx; first traceback:\n{excerpt}"]


def bench_play(url: str, workdir: Path, players: int) -> bool:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        logins = create_players(players)
        curriculum = load_curriculum()
        db.session.remove()
        db.engine.dispose()
    total = sum(questions for _, questions in curriculum)
    print(
        f"part 2: {players} players x {len(curriculum)} quizzes ({total} questions); "
        f"SECRET_KEY random, CSRF on, PROXY_COUNT=0, SESSION_COOKIE_SECURE=false, "
        f"rate limits on (Redis {REDIS_URL})"
    )
    log_path = workdir / "gunicorn.log"
    results = PlayResults()
    with gunicorn(url, log_path) as port:
        barrier = threading.Barrier(players + 1)
        threads = [
            threading.Thread(
                target=run_player,
                args=(Player(port, login, i), curriculum, barrier, results, i),
            )
            for i, login in enumerate(logins)
        ]
        login_started = time.perf_counter()
        for thread in threads:
            thread.start()
        with suppress(threading.BrokenBarrierError):  # a failed login: reported below
            barrier.wait()
        print(
            f"  {players} players logged in ({time.perf_counter() - login_started:.1f} s, not timed)"
        )
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
    report_latency(results, seconds)
    problems = results.failures + check_server_log(log_path)
    with app.app_context():
        problems += verify_database(players, curriculum)
        db.session.remove()
        db.engine.dispose()
    for problem in problems[:20]:
        print(f"  FAILED: {problem}")
    if len(problems) > 20:
        print(f"  ... and {len(problems) - 20} more failures")
    return not problems


# --- databases and main --------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL database to create, use and drop (default: temporary SQLite files)",
    )
    parser.add_argument("--quizzes", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--players", type=int, default=50)
    parser.add_argument("--part", choices=["all", "load", "play"], default="all")
    args = parser.parse_args()
    if args.database_url and not args.database_url.startswith("postgresql"):
        parser.error("--database-url must be a postgresql+psycopg:// URL")

    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M')}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-quizzes-") as tmp:
        workdir = Path(tmp)
        ok = True
        if args.part in ("all", "load"):
            with fresh_database(args.database_url, workdir, "load") as url:
                print(f"database: {sa.engine.make_url(url).get_backend_name()}")
                bench_load(url, workdir, args.quizzes, args.questions)
        if args.part in ("all", "play"):
            with fresh_database(args.database_url, workdir, "play") as url:
                ok = bench_play(url, workdir, args.players)
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()

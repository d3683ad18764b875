"""The national demo's events: Integrity Hours, lectures, contests and the rest, each for
its audience (classes, institutions, a region or everyone), with check-ins that pay through
the ledger and, where seats are limited, registrations."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.events import tokens as event_tokens

from .calendar import LESSON_HOURS
from .chance import choose
from .world import Institution, World

# (kind, share, audiences with their shares, points with their shares, titles kk/ru/en)
EVENT_KINDS = (
    ("integrity_hour", 0.55, (("classes", 0.7), ("institutions", 0.3)), (
        ("Адалдық сағаты: сыбайлас жемқорлық деген не?", "Час добропорядочности: что такое коррупция?", "Integrity Hour: what is corruption?"),
        ("Адалдық сағаты: сыйлық па, пара ма?", "Час добропорядочности: подарок или взятка?", "Integrity Hour: a gift or a bribe?"),
        ("Адалдық сағаты: академиялық адалдық", "Час добропорядочности: академическая честность", "Integrity Hour: academic integrity"),
        ("Адалдық сағаты: мүдделер қақтығысы", "Час добропорядочности: конфликт интересов", "Integrity Hour: conflicts of interest"),
        ("Адалдық сағаты: сыбайлас жемқорлық туралы қалай хабарлау керек", "Час добропорядочности: как сообщить о коррупции", "Integrity Hour: how to report corruption"),
        ("Адалдық сағаты: Абай адалдық туралы", "Час добропорядочности: Абай о честности", "Integrity Hour: Abai on honesty"),
        ("Адалдық сағаты: қоғамдық бақылау", "Час добропорядочности: общественный контроль", "Integrity Hour: public control"),
    )),
    ("lecture", 0.15, (("institutions", 0.55), ("region", 0.4), ("open", 0.05)), (
        ("Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі өкілімен кездесу", "Встреча с представителем Агентства по противодействию коррупции", "Meeting with an officer of the Anti-Corruption Agency"),
        ("Бейнедәріс: Төле би, Қазыбек би, Әйтеке би әділдік туралы", "Видеолекция: Толе би, Казыбек би и Айтеке би о справедливости", "Video lecture: Tole bi, Kazybek bi and Aiteke bi on justice"),
        ("Заңгермен кездесу: жастардың құқықтары", "Встреча с юристом: права молодёжи", "Meeting with a lawyer: young people's rights"),
        ("TEDx үлгісіндегі конференция: адал болу — сән", "Конференция в стиле TEDx: быть честным — модно", "TEDx-style conference: honesty is in"),
    )),
    ("contest", 0.1, (("institutions", 0.5), ("region", 0.5)), (
        ("Эссе байқауы: «Адал ұрпақ — ел болашағы»", "Конкурс эссе «Честное поколение — будущее страны»", "Essay contest: an honest generation is the country's future"),
        ("Сурет байқауы: «Сыбайлас жемқорлыққа жол жоқ»", "Конкурс рисунков «Коррупции — нет»", "Drawing contest: no to corruption"),
        ("Мурал күні: адалдық туралы қабырға суреті", "День мурала: роспись о добропорядочности", "Mural day: a wall painting on integrity"),
        ("Ақындар айтысы: әділдік жырлары", "Айтыс акынов: песни о справедливости", "Aitys of akyns: songs of justice"),
        ("Театрлық қойылым: «Пара»", "Театральная постановка «Взятка»", "Theatre: The Bribe"),
    )),
    ("intellectual_game", 0.09, (("institutions", 0.8), ("classes", 0.2)), (
        ("Зияткерлік ойын: «Адалдық білгірі»", "Интеллектуальная игра «Знаток добропорядочности»", "Intellectual game: integrity expert"),
        ("Брейн-ринг: сыбайлас жемқорлыққа қарсы", "Брейн-ринг против коррупции", "Brain ring against corruption"),
        ("Квиз: заң және әділдік", "Квиз: закон и справедливость", "Quiz night: law and justice"),
    )),
    ("debate_day", 0.04, (("institutions", 0.6), ("region", 0.4)), (
        ("Дебат күні: адалдық туралы пікірталас", "День дебатов: спор о честности", "Debate day: arguing about integrity"),
        ("Мектепішілік дебат турнирі", "Внутришкольный турнир по дебатам", "School debate tournament"),
    )),
    ("volunteer_action", 0.04, (("region", 0.7), ("institutions", 0.3)), (
        ("Қоғамдық бақылау: ойын алаңдарын тексеру", "Общественный контроль: проверка детских площадок", "Public control: checking playgrounds"),
        ("Қоғамдық бақылау: жол жөндеу сапасы", "Общественный контроль: качество ремонта дорог", "Public control: road repair quality"),
        ("Ерікті акция: мобильді заң кеңесі", "Волонтёрская акция: мобильная юридическая консультация", "Volunteer action: mobile legal consultation"),
    )),
    ("other", 0.03, (("institutions", 0.7), ("open", 0.3)), (
        ("Ата-аналар жиналысы: адалдық отбасынан басталады", "Родительское собрание: честность начинается в семье", "Parents' meeting: integrity starts at home"),
        ("Халықаралық сыбайлас жемқорлыққа қарсы күрес күні", "Международный день борьбы с коррупцией", "International Anti-Corruption Day"),
    )),
)  # fmt: skip
EVENT_KIND_CHOICES = tuple((entry, entry[1]) for entry in EVENT_KINDS)
EVENT_POINTS = ((100, 0.8), (50, 0.1), (150, 0.08), (200, 0.02))
CHECK_IN_METHODS = (("qr", 0.6), ("code", 0.15), ("scan", 0.12), ("manual", 0.13))
EVENT_TIMES = {  # kind -> (starting hours, minutes long)
    "integrity_hour": (LESSON_HOURS, 45),
    "lecture": ((10.0, 11.0, 14.0, 15.0), 80),
    "contest": ((10.0, 11.0, 14.0), 150),
    "intellectual_game": ((14.5, 15.5, 16.0), 90),
    "debate_day": ((10.0, 14.0), 180),
    "volunteer_action": ((11.0, 15.0), 120),
    "other": ((17.5, 18.0), 60),
}
PLACES = ("актовый зал", "акт залы", "кабинет 204", "спортзал")


def tables(world: World) -> None:
    table = world.writer.table
    world.events = table(
        "events",
        ("id", "kind", "title", "description", "starts_at", "ends_at", "place", "online_url",
         "region_id", "institution_id", "audience", "registration_required", "capacity",
         "points", "checkin_secret", "created_by_id", "created_at", "updated_at",
         "seats_changed_at"),
    )  # fmt: skip
    world.event_classes = table("event_classes", ("event_id", "class_id"))
    world.event_institutions = table("event_institutions", ("event_id", "institution_id"))
    world.registrations = table(
        "event_registrations",
        ("id", "event_id", "user_id", "status", "queued_at", "updated_at"),
    )
    world.check_ins = table(
        "event_check_ins",
        ("id", "event_id", "user_id", "method", "checked_in_at", "recorded_at", "by_id"),
    )
    world.writer.next_id("event_check_ins")


@dataclass
class _Event:
    kind: str
    title: dict
    start: datetime
    end: datetime
    host: Institution
    upcoming: bool
    audience: str
    author: int
    points: int
    registration: bool
    capacity: int | None
    created: datetime
    classes: list = ()
    institutions: list = ()  # of an "institutions" audience (or the region's few, else)
    pool: list = ()  # who could come
    wanted: int = 0  # how many come


def event(world: World, day: date, upcoming: bool = False, minimum: int = 0) -> bool:
    """One event on ``day`` with its check-ins (none yet for one still to come); False
    (nothing written) when fewer than ``minimum`` of its audience could come."""
    planned = _plan(world, day, upcoming)
    if planned is None:
        return False
    _audience(world, planned)
    seats = min(planned.wanted, len(planned.pool), planned.capacity or len(planned.pool))
    if not planned.upcoming and seats < minimum:
        return False
    event_id = _write(world, planned)
    if planned.upcoming:
        return True
    attendees = world.rng.sample(planned.pool, seats)
    _check_ins(world, planned, event_id, attendees)
    if planned.registration:
        _registrations(world, planned, event_id, attendees)
    return True


def _plan(world: World, day: date, upcoming: bool) -> _Event | None:
    rng, cal = world.rng, world.calendar
    kind, _share, audiences, titles = choose(rng, EVENT_KIND_CHOICES)
    hours, minutes = EVENT_TIMES[kind]
    if upcoming:
        day = cal.today + timedelta(days=rng.randint(1, 14))
    start = cal.at(day, rng.choice(hours))
    end = start + timedelta(minutes=minutes)
    host = world.host(min(start, world.now))
    if host is None:
        return None
    audience = choose(rng, audiences)
    if audience in ("region", "open"):
        regional = world.organizers[host.region]
        national = audience == "open" and rng.random() < 0.5
        author = world.national_organizer if national else regional
    else:
        author = rng.choice(host.teachers)
    kk, ru, en = rng.choice(titles)
    points = choose(rng, EVENT_POINTS)
    registration = audience in ("region", "open") and kind in ("lecture", "contest")
    registration = registration and rng.random() < 0.35
    capacity = rng.choice((60, 100, 150, 250)) if registration else None
    created = max(start - timedelta(days=rng.uniform(1, 14)), host.created_at)
    return _Event(kind, {"kk": kk, "ru": ru, "en": en}, start, end, host,
                  upcoming or end > world.now, audience, author, points, registration,
                  capacity, created)  # fmt: skip


def _audience(world: World, event: _Event) -> None:
    """Who could come: the chosen classes' members, or those of the chosen institutions."""
    rng, host = world.rng, event.host
    if event.audience == "classes":
        own = [k for k in host.classes if event.author in k.teachers] or host.classes
        event.classes = rng.sample(own, min(len(own), rng.choice((1, 1, 1, 2))))
        event.pool = [user for klass in event.classes for user in klass.members_by(event.start)]
        event.wanted = round(len(event.pool) * rng.uniform(0.75, 0.97))
        return
    if event.audience == "institutions":
        neighbours = [i for i in world.by_region[host.region] if i is not host]
        extra = min(len(neighbours), rng.choice((0, 0, 1, 2)))
        event.institutions = [host, *rng.sample(neighbours, extra)]
    elif rng.random() < 0.6:
        event.institutions = [host]
    else:
        region = world.by_region[host.region]
        event.institutions = rng.sample(region, min(3, len(region)))
    event.pool = world.members(event.institutions, event.start)
    event.wanted = rng.randint(*world.scale.check_ins_per_event)


def _write(world: World, event: _Event) -> int:
    rng, host = world.rng, event.host
    event_id = world.next_id("events")
    region_id = world.regions[host.region][0]
    place = f"{host.name}, {rng.choice(PLACES)}"
    online = f"https://meet.integrity-hour.example/{event_id}" if event.audience == "open" else ""
    created = event.created
    world.events.append(
        (event_id, event.kind, event.title, {}, event.start, event.end, place, online,
         region_id, host.id, event.audience, event.registration, event.capacity, event.points,
         event_tokens.new_secret(), event.author, created, created, created),
    )  # fmt: skip
    for klass in event.classes:
        world.event_classes.append((event_id, klass.id))
    if event.audience == "institutions":
        for institution in event.institutions:
            world.event_institutions.append((event_id, institution.id))
    return event_id


def _check_ins(world: World, event: _Event, event_id: int, attendees: list) -> None:
    """Each by QR code, number, scan or roster, paid at the moment it was recorded."""
    rng, host, author = world.rng, event.host, event.author
    staff = host.teachers if author in host.teachers or not host.teachers else [author]
    for user in attendees:
        method = choose(rng, CHECK_IN_METHODS)
        at = event.start + timedelta(minutes=rng.uniform(-12, 20))
        recorded = at + timedelta(minutes=rng.uniform(0, 30)) if method == "scan" else at
        by = rng.choice(staff) if method in ("scan", "manual") else None
        world.check_ins.append(
            (world.next_id("event_check_ins"), event_id, user, method, at, recorded, by)
        )
        world.ledger.pay(recorded, user, "event_checkin", f"event:{event_id}", event.title["en"],
                         amount=event.points)  # fmt: skip


def _registrations(world: World, event: _Event, event_id: int, attendees: list) -> None:
    """Those who came registered, and a few who did not come, up to the seats."""
    came = set(attendees)
    no_shows = [user for user in event.pool if user not in came][: round(len(attendees) * 0.2)]
    for user in (attendees + no_shows)[: event.capacity]:
        queued = event.created + (event.start - event.created) * world.rng.random()
        world.registrations.append(
            (world.next_id("event_registrations"), event_id, user, "confirmed", queued, queued)
        )

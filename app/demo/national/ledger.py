"""The national demo's ledger: one day's awards at a time, paid in the order they happen
through ``gamification.payments.settle`` (what ``award`` pays and adds to), with what
``award`` maintains alongside: daily caps, point and institution totals per period, weeks
of participation and streaks (``periods.StreakRun``), badges. Totals are kept in memory and
written once their period is over."""

import secrets
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta

from app.gamification.badges import All, Count, Points, all_badges, watching
from app.gamification.models import PointSource
from app.gamification.openbadges import new_recipient_identity, recipient
from app.gamification.payments import counts_against_cap, offered_points, settle
from app.gamification.periods import ALL_TIME, StreakRun, day_period_keys, week_start
from app.gamification.rules import rules

from .writer import Writer

ENTRY_COLUMNS = ("id", "user_id", "amount", "capped_from", "source_kind", "source_key",
                 "reason", "awarded_by_id", "created_at")  # fmt: skip
BADGE_COLUMNS = ("id", "public_id", "user_id", "badge_id", "awarded_at", "evidence",
                 "recipient_identity", "recipient_type", "recipient_hash", "salt", "seen_at")  # fmt: skip


class _UserState:
    """What badge criteria ask about a user, as the ledger stands."""

    __slots__ = ("counts", "evidence", "held", "streak")

    def __init__(self):
        self.counts: dict[str, int] = {}  # ledger rows per source
        self.evidence: dict[str, list] = {}  # source -> the first (entry id, reason) rows
        self.held: set[str] = set()
        self.streak = StreakRun()


class _BadgeFacts:
    """badges.Facts over one user's running state, as the ledger stands at an award."""

    def __init__(self, ledger: "Ledger"):
        self.ledger = ledger
        self.user = 0
        self.state: _UserState | None = None
        self.week: date | None = None  # the week of the award, as award's clock sees it

    def count(self, sources) -> int:
        return sum(self.state.counts.get(source, 0) for source in sources)

    def points(self) -> int:
        return self.ledger.all_time_points(self.user)

    def streak(self) -> int:
        return self.state.streak.length(self.week)

    def evidence(self, sources) -> list[str]:
        rows = sorted(row for source in sources for row in self.state.evidence.get(source, ()))
        return [reason for _id, reason in rows]


class Ledger:
    def __init__(self, writer: Writer, scope: dict, now: datetime):
        self.writer = writer
        self.scope = scope  # user id -> (institution id, region id, listed)
        self.now = now
        self.rules = {source.value: rule for source, rule in rules().sources.items()}
        self.entries = writer.table("point_entries", ENTRY_COLUMNS)
        self.totals_rows = writer.table(
            "point_totals",
            ("user_id", "period", "points", "reached_at", "institution_id", "region_id", "listed"),
        )
        self.institution_rows = writer.table(
            "institution_totals",
            ("institution_id", "period", "points", "active_students", "reached_at"),
        )
        self.daily_rows = writer.table("daily_points", ("user_id", "source_kind", "day", "points"))
        self.week_rows = writer.table("activity_weeks", ("user_id", "week_start"))
        self.badge_rows = writer.table("badge_awards", BADGE_COLUMNS)
        self.next_entry = writer.next_id("point_entries")
        self.next_badge = writer.next_id("badge_awards")
        self.pending: list = []
        self.sequence = 0
        self.rows = 0
        # period key -> user -> [points, reached at]; -> institution -> [points, active, at]
        self.totals: dict[str, dict[int, list]] = defaultdict(dict)
        self.institutions: dict[str, dict[int, list]] = defaultdict(dict)
        self.week_users: dict[date, set[int]] = defaultdict(set)
        self.users: dict[int, _UserState] = {}
        self.facts = _BadgeFacts(self)
        self.watching = {
            source.value: [(badge, _fast_criterion(badge.criteria)) for badge in watching(source)]
            for source in PointSource
        }
        self.evidence_needed = _evidence_needed()

    def pay(self, at: datetime, user_id: int, source: str, key: str, reason: str, *,
            count: int = 1, amount: int | None = None, by_id: int | None = None) -> None:  # fmt: skip
        """One award() call of the day being simulated, with award's arguments."""
        offered = offered_points(self.rules[source], count, amount)
        self.sequence += 1
        self.pending.append((at, self.sequence, user_id, source, key, reason[:200], offered, by_id))

    def all_time_points(self, user_id: int) -> int:
        total = self.totals[ALL_TIME].get(user_id)
        return total[0] if total else 0

    def event_count(self, user_id: int) -> int:
        state = self.users.get(user_id)
        return state.counts.get(PointSource.EVENT_CHECKIN.value, 0) if state else 0

    def badges_of(self, user_id: int) -> frozenset[str]:
        state = self.users.get(user_id)
        return frozenset(state.held) if state else frozenset()

    def close_day(self, day: date, bounds: tuple[datetime, datetime]) -> None:
        """Pay the day's awards in the order they happened, as award would one by one."""
        self._flush_finished(day)
        self.facts.week = week_start(day)
        pending, self.pending = self.pending, []
        pending.sort()
        spent: dict[tuple[int, str], int] = {}  # (user, source) -> points under today's cap
        low, high = bounds
        for at, _seq, user, source, key, reason, offered, by_id in pending:
            if not low <= at < high:
                raise RuntimeError(f"an award at {at} UTC is not on the Almaty day {day}")
            rule = self.rules[source]
            capped = counts_against_cap(rule, offered)
            payment = settle(rule, offered, day, spent.get((user, source), 0) if capped else 0)
            if capped:
                spent[(user, source)] = spent.get((user, source), 0) + payment.granted
            entry_id = self.next_entry
            self.next_entry += 1
            self.entries.append((entry_id, user, payment.granted, payment.capped_from, source,
                                 key, reason, by_id, at))  # fmt: skip
            if payment.periods:
                self._add_to_totals(user, payment.granted, payment.periods, at)
            state = self._count(user, source, entry_id, reason)
            if payment.week is not None:
                self.week_users[payment.week].add(user)
                state.streak = state.streak.with_week(payment.week)
            self._check_badges(user, state, source, at)
        for (user, source), points in sorted(spent.items()):
            self.daily_rows.append((user, source, day, points))
        self.rows += len(pending)

    def _count(self, user: int, source: str, entry_id: int, reason: str) -> _UserState:
        """The user's row counted for badges, and kept as evidence if a badge may quote it."""
        state = self.users.get(user)
        if state is None:
            state = self.users[user] = _UserState()
        state.counts[source] = state.counts.get(source, 0) + 1
        needed = self.evidence_needed.get(source)
        if needed:
            quoted = state.evidence.setdefault(source, [])
            if len(quoted) < needed:
                quoted.append((entry_id, reason))
        return state

    def _add_to_totals(self, user: int, amount: int, periods: tuple[str, ...], at) -> None:
        institution = self.scope[user][0]
        for period in periods:
            totals = self.totals[period]
            total = totals.get(user)
            if total is None:
                totals[user] = [amount, at]
                created = 1
            else:
                total[0] += amount
                total[1] = at
                created = 0
            if institution is not None:
                institutions = self.institutions[period]
                row = institutions.get(institution)
                if row is None:
                    institutions[institution] = [amount, 1, at]
                else:
                    row[0] += amount
                    row[1] += created
                    row[2] = at

    def _check_badges(self, user: int, state: _UserState, source: str, at: datetime) -> None:
        facts = self.facts
        facts.user, facts.state = user, state
        for badge, met in self.watching[source]:
            if badge.id in state.held or not met(facts):
                continue
            state.held.add(badge.id)
            identity, salt = new_recipient_identity(), secrets.token_hex(8)
            hashed = recipient(identity, salt)
            seen = at + timedelta(minutes=5) if at < self.now - timedelta(days=3) else None
            evidence = [{"narrative": line} for line in badge.criteria.evidence(facts)]
            self.badge_rows.append((self.next_badge, secrets.token_hex(16), user, badge.id, at,
                                    evidence, identity, hashed["type"], hashed["identity"], salt,
                                    seen))  # fmt: skip
            self.next_badge += 1

    def _flush_finished(self, day: date) -> None:
        """Write the totals of the periods that ended before ``day``, and its past weeks."""
        current = set(day_period_keys(day))
        for period in [p for p in self.totals if p not in current]:
            self._flush_period(period)
        this_week = week_start(day)
        for week in [w for w in self.week_users if w != this_week]:
            self._flush_week(week)

    def _flush_period(self, period: str) -> None:
        scope = self.scope
        for user, (points, reached) in sorted(self.totals.pop(period).items()):
            institution, region, listed = scope[user]
            self.totals_rows.append((user, period, points, reached, institution, region, listed))
        for institution, (points, active, reached) in sorted(
            self.institutions.pop(period, {}).items()
        ):
            self.institution_rows.append((institution, period, points, active, reached))

    def _flush_week(self, week: date) -> None:
        self.week_rows.extend((user, week) for user in sorted(self.week_users.pop(week)))

    def finish(self) -> None:
        for period in list(self.totals):
            self._flush_period(period)
        for week in list(self.week_users):
            self._flush_week(week)
        self.writer.next_ids["point_entries"] = self.next_entry
        self.writer.next_ids["badge_awards"] = self.next_badge


def _evidence_needed() -> dict[str, int]:
    """How many ledger rows of each source a badge's evidence may quote."""
    needed: dict[str, int] = defaultdict(int)
    for badge in all_badges():
        for criterion in _counts_of(badge.criteria):
            for source in criterion.sources:
                needed[source.value] = max(needed[source.value], criterion.at_least)
    return needed


def _fast_criterion(criterion) -> Callable[[_BadgeFacts], bool]:
    """``criterion.met`` for the ledger replay: the same answer, without the generic calls
    (checked on every ledger row); criteria of other kinds keep their own ``met``."""
    if isinstance(criterion, Count):
        sources, at_least = tuple(s.value for s in criterion.sources), criterion.at_least
        if len(sources) == 1:
            (source,) = sources
            return lambda facts: facts.state.counts.get(source, 0) >= at_least
        return lambda facts: sum(facts.state.counts.get(s, 0) for s in sources) >= at_least
    if isinstance(criterion, Points):
        at_least = criterion.at_least
        return lambda facts: facts.points() >= at_least
    if isinstance(criterion, All):
        parts = [_fast_criterion(part) for part in criterion.parts]
        return lambda facts: all(part(facts) for part in parts)
    return criterion.met


def _counts_of(criterion):
    """The Count criteria inside a badge's criterion."""
    if hasattr(criterion, "parts"):
        return [count for part in criterion.parts for count in _counts_of(part)]
    return [criterion] if hasattr(criterion, "at_least") and hasattr(criterion, "sources") else []

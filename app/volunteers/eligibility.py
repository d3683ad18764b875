"""Who is invited to volunteer: the rules in eligibility.yaml, checked against a student's
facts. Pure: the caller gathers the facts (points, events attended, badges held)."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

RULES_FILE = Path(__file__).with_name("eligibility.yaml")
KINDS = ("points", "events", "badge")


class EligibilityError(ValueError):
    """eligibility.yaml is malformed."""


@dataclass(frozen=True)
class Rule:
    kind: str  # one of KINDS
    target: int | str  # a number of points or events, or a badge id


@dataclass(frozen=True)
class Facts:
    points: int
    events: int
    badges: frozenset[str]


@dataclass(frozen=True)
class Progress:
    rule: Rule
    have: int  # points or events so far; 1 or 0 for a badge
    need: int

    @property
    def met(self) -> bool:
        return self.have >= self.need


def parse_rules(entries, where: str) -> tuple[Rule, ...]:
    if not isinstance(entries, list) or not entries:
        raise EligibilityError(f"{where}: a list of rules is needed")
    rules = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or len(entry) != 1:
            raise EligibilityError(f"{where}, rule {number}: one of {', '.join(KINDS)}")
        [(kind, target)] = entry.items()
        if kind not in KINDS:
            raise EligibilityError(f"{where}, rule {number}: unknown rule {kind!r}")
        if kind == "badge" and not (isinstance(target, str) and target):
            raise EligibilityError(f"{where}, rule {number}: a badge id is needed")
        if kind != "badge" and not (isinstance(target, int) and target > 0):
            raise EligibilityError(f"{where}, rule {number}: a positive whole number is needed")
        rules.append(Rule(kind, target))
    return tuple(rules)


@cache
def load_rules(path: Path = RULES_FILE) -> tuple[tuple[Rule, ...], dict[str, tuple[Rule, ...]]]:
    """The default rules and the per-region overrides (by region code)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    default = parse_rules(data.get("default"), "default")
    regions = data.get("regions") or {}
    if not isinstance(regions, dict):
        raise EligibilityError("regions: a mapping of region codes to rules is needed")
    overrides = {code: parse_rules(rules, f"regions.{code}") for code, rules in regions.items()}
    return default, overrides


def rules_for(region_code: str | None) -> tuple[Rule, ...]:
    default, overrides = load_rules()
    return overrides.get(region_code or "", default)


def progress(rules: tuple[Rule, ...], facts: Facts) -> list[Progress]:
    """How far the student is toward each rule."""
    result = []
    for rule in rules:
        if rule.kind == "badge":
            result.append(Progress(rule, int(rule.target in facts.badges), 1))
        else:
            result.append(Progress(rule, getattr(facts, rule.kind), rule.target))
    return result


def is_eligible(rules: tuple[Rule, ...], facts: Facts) -> bool:
    return all(step.met for step in progress(rules, facts))

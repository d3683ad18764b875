"""The sources questions cite: which need a link, when a person last checked them. Pure.

A ``source`` is {"title", "url"?, "checked"?}; ``checked`` is the day a person opened the
URL and checked the claim against it, never written by anyone who did not. A source
without it awaits a human check (``flask quizzes sources --unchecked`` lists them); a
check older than a year is due again (a warning); a check in the future is a mistake.
"""

import re
from collections.abc import Iterator
from datetime import date, timedelta

# A source title that names a law, a code or the constitution, or cites an article, is a
# legal text: it must link to it (adilet.zan.kz has them all). Capitalised on purpose: a
# school's "code of conduct" is no legal text; "Criminal Code" and "Law No. 410-V" are.
LEGAL_TEXT = re.compile(r"\b(Law|Code|Constitution)\b|\b[Aa]rt(icle)?s?\.?\s*\d")
CHECK_VALID_FOR = timedelta(days=365)


def sources_in(data: dict) -> Iterator[tuple[int, dict, dict]]:
    """(question index, question, source) for every question that names a source."""
    for index, question in enumerate(data["questions"]):
        if "source" in question:
            yield index, question, question["source"]


def _checked_on(source: dict) -> date | None:
    try:
        return date.fromisoformat(source["checked"]) if "checked" in source else None
    except ValueError:
        return None


def source_problems(data: dict, today: date) -> list[tuple[list, str]]:
    """Errors, as (path, message): a legal text without its URL, a check date that is no
    date or lies in the future."""
    problems = []
    for index, _question, source in sources_in(data):
        at = ["questions", index, "source"]
        if "url" not in source and LEGAL_TEXT.search(source["title"]["en"]):
            problems.append((at, "a source that names a law, a code or an article needs its url"))
        if "checked" in source:
            checked = _checked_on(source)
            if checked is None:
                problems.append((at + ["checked"], f"{source['checked']!r} is not a date"))
            elif checked > today:
                problems.append((at + ["checked"], f"checked on {checked}, a day still to come"))
    return problems


def stale_sources(data: dict, today: date) -> list[tuple[list, str]]:
    """Warnings, as (path, message): sources checked more than a year ago."""
    return [
        (["questions", index, "source", "checked"], f"source checked on {checked}: check it again")
        for index, _question, source in sources_in(data)
        if (checked := _checked_on(source)) and checked < today - CHECK_VALID_FOR
    ]


def unchecked_sources(data: dict) -> list[tuple[str, dict]]:
    """(question id, source) for every source no person has checked yet."""
    return [
        (question["id"], source)
        for _index, question, source in sources_in(data)
        if "checked" not in source
    ]

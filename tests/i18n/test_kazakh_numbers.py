"""No Kazakh string glues a case or possessive suffix to a number placeholder.

A Kazakh suffix follows the vowel harmony and the last sound of the number as it is read
(1-і, 2-сі, 6-сы, 9-ы, 10-ы), so a fixed suffix after %(number)d is right for some numbers
and wrong for the others. A placeholder may only be followed by a hyphen and a noun: that is
an ordinal («%(number)d-сұрақ», «%(grade)d-сынып» — the hyphen reads «-ші/-шы» whatever the
number), and the noun takes the suffixes («%(number)s-раундқа»).
"""

import re

import pytest

from tests.i18n.test_catalogs import catalog

# Nouns an ordinal placeholder may stand before. Add a noun here when a new string needs it.
ORDINAL_NOUNS = (
    "апта",
    "бет",
    "бөлме",
    "деңгей",
    "жауап",
    "жол",
    "кезең",
    "кейс",
    "күн",
    "курс",
    "нұсқа",
    "орын",
    "раунд",
    "санат",
    "спикер",
    "сұрақ",
    "сынып",
    "топ",
)
PLACEHOLDER = r"(?:%\(\w+\)[sd]|\{\w+\})"
LETTERS = "А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
AFTER_PLACEHOLDER = re.compile(rf"({PLACEHOLDER})(-?)([{LETTERS}]+)")


def glued_suffixes(text: str) -> list[str]:
    """The places in text where a placeholder is followed by a suffix rather than a noun."""
    problems = []
    for match in AFTER_PLACEHOLDER.finditer(text):
        placeholder, hyphen, word = match.groups()
        if hyphen and word.lower().startswith(ORDINAL_NOUNS):
            continue
        problems.append(f"{placeholder}{hyphen}{word}")
    return problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("%(total)d сұрақтың %(number)d-сі", ["%(number)d-сі"]),
        ("%(count)d-ке дейін", ["%(count)d-ке"]),
        ("{seconds}-тан кейін", ["{seconds}-тан"]),
        ("%(name)sтың", ["%(name)sтың"]),
        ("%(grade)d-сынып", []),
        ("%(number)s-раундқа келгені белгіленді.", []),
        ("Сіз күту тізімінде %(position)d-орындасыз.", []),
        ("%(number)d-сұрақ (барлығы %(total)d)", []),
        ("{seconds} секундтан кейін жаңа код", []),
        ("%(right)d / %(total)d", []),
    ],
)
def test_glued_suffixes_are_found(text, expected):
    assert glued_suffixes(text) == expected


def test_no_kazakh_string_glues_a_suffix_to_a_number():
    problems = []
    for message in catalog("kk"):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if found := glued_suffixes(text or ""):
                problems.append(f"{text!r}: {', '.join(found)}")
    assert not problems, (
        "reword so that no suffix follows a placeholder (e.g. «%(number)d-сұрақ (барлығы "
        "%(total)d)»), or add the noun to ORDINAL_NOUNS if it is an ordinal: " + "; ".join(problems)
    )

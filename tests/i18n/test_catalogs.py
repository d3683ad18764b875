"""The message catalogs are complete: every string in code and templates is in the kk, ru
and en catalogs, translated, not fuzzy, with the same placeholders, and compiled."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from app.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def strings_in_code() -> set[tuple[str | None, str]]:
    """(context, msgid) of every string marked in code and templates."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {
        "_": None,
        "_l": None,
        "N_": None,
        "gettext": None,
        "ngettext": (1, 2),
        "lazy_gettext": None,
        "lazy_ngettext": (1, 2),
        "pgettext": ((1, "c"), 2),
        "lazy_pgettext": ((1, "c"), 2),
    }
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def _key(value):
    """Plural ids and strings come back as lists from .mo and tuples from .po."""
    return tuple(value) if isinstance(value, list | tuple) else value


def catalog(language: str):
    with (ROOT / "translations" / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file)


@pytest.fixture(scope="module")
def code_strings():
    return strings_in_code()


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_string_in_code_is_in_the_catalog(code_strings, language):
    ids = {
        (m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalog(language) if m.id
    }
    missing = sorted(code_strings - ids, key=lambda pair: (pair[1], pair[0] or ""))
    assert not missing, f"{language}: run `flask translate update`, then translate: {missing}"


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_entry_is_translated_and_not_fuzzy(language):
    problems = []
    for message in catalog(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(f"untranslated: {message.id!r}")
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        source = message.id[0] if isinstance(message.id, tuple) else message.id
        for text in strings:
            if text and set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(source)):
                problems.append(f"placeholders differ: {message.id!r} -> {text!r}")
    assert not problems, f"{language}: {problems}"


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_compiled_catalog_matches_the_po_file(language):
    """The .mo files are committed (a fresh clone runs without a build step); they must be current."""
    mo_path = ROOT / "translations" / language / "LC_MESSAGES" / "messages.mo"
    with mo_path.open("rb") as file:
        compiled = {(m.context, _key(m.id)): _key(m.string) for m in read_mo(file) if m.id}
    source = {(m.context, _key(m.id)): _key(m.string) for m in catalog(language) if m.id}
    assert compiled == source, f"{language}: run `flask translate compile`"


def test_kazakh_catalog_is_written_in_kazakh_letters():
    """A cheap guard against a Russian text pasted into the Kazakh catalog."""
    kazakh_letters = set("әғқңөұүһі")
    texts = [m.string for m in catalog("kk") if m.id and isinstance(m.string, str)]
    with_kazakh = [text for text in texts if kazakh_letters & set(text.lower())]
    assert len(with_kazakh) > 0.6 * len(texts)

"""One word for one thing: no catalog msgstr, no quiz string and no string of the app's own
content files (badges, debate formats and motions, ...) uses a term that
translations/glossary.yaml says to avoid."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from app.i18n import LANGUAGES
from tests.i18n.test_catalogs import catalog

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "translations" / "glossary.yaml"
QUIZZES = ROOT / "quizzes"
CONTENT_FILES = sorted(QUIZZES.glob("*.yaml")) + sorted((ROOT / "app").glob("**/*.yaml"))
WORD_LETTER = r"\w"  # Cyrillic and Latin letters and digits: a term must start a word


def load_glossary() -> list[dict]:
    with GLOSSARY.open(encoding="utf-8") as file:
        return yaml.safe_load(file)["terms"]


def avoided_pattern(term: str) -> re.Pattern:
    return re.compile(rf"(?<!{WORD_LETTER}){re.escape(term)}", re.IGNORECASE)


def avoided_terms(text: str, language: str, where: str, glossary: list[dict]) -> list[str]:
    """The avoided terms text uses, for a catalog (where="ui") or a quiz (where="quiz")."""
    found = []
    for entry in glossary:
        if entry.get("scope", "all") == "ui" and where != "ui":
            continue
        checked = text
        for allowed in entry.get("allow", {}).get(language, []):
            checked = re.sub(allowed, " ", checked, flags=re.IGNORECASE)
        for term in entry.get("avoid", {}).get(language, []):
            if avoided_pattern(term).search(checked):
                found.append(f"{term} (use «{entry[language]}»)")
    return found


def quiz_texts(node, label: str) -> Iterator[tuple[str, str, str]]:
    """(where in the quiz, language, text) of every translated string of a quiz file; the
    label names the nearest question or item id."""
    if isinstance(node, dict):
        if node.get("id") is not None and not isinstance(node["id"], dict | list):
            label = f"{label}/{node['id']}" if label else str(node["id"])
        for key, value in node.items():
            if key in LANGUAGES and isinstance(value, str):
                yield label, key, value
            else:
                yield from quiz_texts(value, label)
    elif isinstance(node, list):
        for value in node:
            yield from quiz_texts(value, label)


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def test_the_glossary_is_complete(glossary):
    for entry in glossary:
        assert {"en", "kk", "ru"} <= entry.keys(), entry
        assert set(entry.get("avoid", {})) <= set(LANGUAGES), entry
        assert entry.get("scope", "all") in {"all", "ui"}, entry
        for language, terms in entry.get("avoid", {}).items():
            for term in terms:
                assert not avoided_pattern(term).search(entry[language]), (
                    f"the preferred term «{entry[language]}» contains the avoided «{term}»"
                )


@pytest.mark.parametrize(
    ("text", "language", "where", "expected"),
    [
        ("Мысалы, 9А немесе Пікірсайыс клубы.", "kk", "ui", ["пікірсайыс (use «дебат»)"]),
        ("Дебат клубы", "kk", "ui", []),
        ("Волонтерлер (еріктілер) қоғамдық бақылауға қатысады", "kk", "quiz", []),
        ("«Волонтерлік қызмет туралы» Заң", "kk", "quiz", []),
        ("Волонтер ешкімге айыппұл салмайды", "kk", "quiz", ["волонтер (use «ерікті»)"]),
        ("сенің жеке картаң арқылы", "kk", "quiz", []),
        ("Жеке карта сканерленді", "kk", "ui", ["жеке карта (use «қатысу картасы»)"]),
        ("Позвоните в call-центр 1424", "ru", "quiz", ["call-центр (use «колл-центр 1424»)"]),
        ("Позвоните в колл-центр 1424", "ru", "quiz", []),
    ],
)
def test_avoided_terms_are_found(glossary, text, language, where, expected):
    assert avoided_terms(text, language, where, glossary) == expected


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_catalog_uses_no_avoided_term(glossary, language):
    problems = []
    for message in catalog(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if found := avoided_terms(text or "", language, "ui", glossary):
                problems.append(f"{text!r}: {', '.join(found)}")
    assert not problems, f"{language}, see translations/glossary.yaml: {problems}"


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_content_uses_no_avoided_term(glossary, path):
    with path.open(encoding="utf-8") as file:
        quiz = yaml.safe_load(file)
    problems = []
    for where, language, text in quiz_texts(quiz, ""):
        if found := avoided_terms(text, language, "quiz", glossary):
            problems.append(f"{where} [{language}]: {', '.join(found)}")
    assert not problems, f"{path.name}, see translations/glossary.yaml: {problems}"

"""Nicknames in live games: what a player typed, made fit to show in front of a whole hall.

Three jobs, all pure (standard library only, no Flask, no database), so they are easy to test:
- ``clean_nickname`` turns raw input into the text shown, or refuses it (``NicknameError``);
- ``nickname_key`` is what two nicknames collide on, so nobody can pose as another player by
  swapping a Latin "a" for a Cyrillic "а";
- the blocklist (``nickname_blocklist.txt`` beside this file) refuses obscene words, slurs and
  staff titles, however they are disguised: case, look-alike letters, leetspeak, repeated
  letters, separators. Entries and nicknames are compared in the key's folding (but with "l"
  kept apart from "i") plus leetspeak and collapsed repeats.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

NICKNAME_MAX = 20
# The database column for the key is String(40); folding may lengthen text ("ß" -> "ss").
NICKNAME_KEY_MAX = 40
BLOCKLIST_PATH = Path(__file__).with_name("nickname_blocklist.txt")

# Invisible characters outside the C* categories: fillers that render as nothing.
_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0")

# Look-alikes and Kazakh letters folded onto one letter each, applied after casefolding and
# stripping accents. The target is arbitrary; what matters is that look-alikes meet.
_HOMOGLYPHS = str.maketrans(
    {
        # Cyrillic letters that look like Latin ones (lower case, or their capitals do).
        "а": "a", "в": "b", "е": "e", "и": "i", "і": "i", "ї": "i", "ј": "j",
        "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y",
        "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "i",
        # Kazakh letters to their nearest base letter (then on, as above, to Latin).
        "ә": "a", "ғ": "г", "қ": "k", "ң": "h", "ө": "o", "ұ": "y", "ү": "y", "һ": "x",
        # Latin letters that carry no decomposable accent.
        "ı": "i", "ə": "a", "ø": "o", "đ": "d", "ł": "l", "ħ": "h",
        # Greek look-alikes.
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
        "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    }
)  # fmt: skip

# For the key only: "I" and "l" look alike in most fonts ("AIex" would pass for "Alex"), but in
# blocklist matching this fold turned innocent words into roots ("xylophone", "Debian").
_KEY_ONLY = str.maketrans({"l": "i"})

# Leetspeak, for blocklist matching only: "Aru1" and "Arui" are different players.
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)
_LEET_SYMBOLS = str.maketrans({"@": "a", "$": "s", "!": "i"})
_REPEATS = re.compile(r"(.)\1+")
_WORD = re.compile(r"[^\W_]+")


class NicknameError(ValueError):
    """A nickname was refused; ``code`` is the protocol's error code for the client."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def clean_nickname(raw: str) -> str:
    """Return the nickname as it will be shown: NFC-normalized, whitespace collapsed and
    stripped, control/format/invisible characters removed.

    Raises NicknameError("nickname_invalid") when the result is empty, longer than
    NICKNAME_MAX, or has no letter or digit, and NicknameError("nickname_blocked") when it
    contains a blocked word.
    """
    shown = " ".join(_visible(unicodedata.normalize("NFC", raw)).split())
    shown = unicodedata.normalize("NFC", shown)
    if not _well_formed(shown):
        raise NicknameError("nickname_invalid")
    if is_blocked(shown):
        raise NicknameError("nickname_blocked")
    return shown


def nickname_key(nickname: str) -> str:
    """The key two nicknames collide on: casefolded, accents dropped, look-alike and Kazakh
    letters folded together ("l" with "I" too), everything but letters and digits removed.

    "Aru", "ARU" and "Аru" (Cyrillic А) share a key. Never longer than NICKNAME_KEY_MAX: an
    overlong fold keeps its start and gets a hash suffix, so it still fits the column.
    """
    key = _bare_key(_visible(nickname))
    if len(key) <= NICKNAME_KEY_MAX:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    return key[: NICKNAME_KEY_MAX - len(digest)] + digest


def is_blocked(nickname: str) -> bool:
    """Whether the nickname contains a blocked root anywhere, or a blocked whole word.

    Roots are matched in the nickname folded with its separators removed, so "f.u.c.k" is
    caught; whole words (short words that hide inside innocent ones, like "cock" in
    "Hancock") only against the nickname's words.
    """
    blocklist = _blocklist()
    joined = _match_form(nickname)
    if any(root in joined for root in blocklist.roots):
        return True
    return not blocklist.words.isdisjoint(_word_forms(nickname))


def _visible(text: str) -> str:
    """Whitespace becomes a plain space; control, format, unassigned, private-use and
    invisible filler characters go, so nobody can hide or fake a nickname with them."""
    kept = []
    for ch in text:
        if ch.isspace():
            kept.append(" ")
        elif unicodedata.category(ch)[0] != "C" and ch not in _INVISIBLE:
            kept.append(ch)
    return "".join(kept)


def _well_formed(shown: str) -> bool:
    """Has a letter or digit, fits NICKNAME_MAX, and folds to a key that is neither empty nor
    too long for the column (a few compatibility characters expand a lot when folded)."""
    if not 0 < len(shown) <= NICKNAME_MAX:
        return False
    if not any(unicodedata.category(ch)[0] == "L" or ch.isdecimal() for ch in shown):
        return False
    return 0 < len(_bare_key(shown)) <= NICKNAME_KEY_MAX


def _bare_key(text: str) -> str:
    """The key before any shortening: the skeleton's letters and digits, with l/I together."""
    return "".join(ch for ch in _skeleton(text).translate(_KEY_ONLY) if ch.isalnum())


def _skeleton(text: str) -> str:
    """Casefold, decompose compatibility forms (full-width, math letters) and drop accents,
    then fold look-alikes: the shape a reader sees rather than the code points typed."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch)[0] != "M")
    return bare.translate(_HOMOGLYPHS)


def _squeeze(text: str) -> str:
    """Leetspeak to letters, separators dropped, repeated letters collapsed ("fuuuck")."""
    letters = "".join(ch for ch in text.translate(_LEET) if ch.isalnum())
    return _REPEATS.sub(r"\1", letters)


def _match_form(text: str) -> str:
    """The form blocklist entries and nicknames are compared in."""
    return _squeeze(_skeleton(text))


def _word_forms(nickname: str) -> set[str]:
    """The nickname's words in match form, plus a few ways of splitting it differently:
    camelCase parts ("SuperAdmin"), words without the digits stuck to their ends
    ("admin2024"), runs of single letters joined ("a d m i n"), and the whole nickname."""
    words = _WORD.findall(_skeleton(_split_camel(nickname)).translate(_LEET_SYMBOLS))
    forms = {_squeeze(word) for word in words}
    forms |= {_squeeze(word.strip("0123456789")) for word in words}
    forms |= {_squeeze(run) for run in _single_letter_runs(words)}
    forms.add(_match_form(nickname))
    forms.discard("")
    return forms


def _split_camel(text: str) -> str:
    """A space where a lower-case letter meets a capital, so "SuperAdmin" has two words."""
    out = []
    for before, ch in zip(" " + text, text, strict=False):
        if before.islower() and ch.isupper():
            out.append(" ")
        out.append(ch)
    return "".join(out)


def _single_letter_runs(words: list[str]) -> list[str]:
    """Consecutive one-character words joined: "c.u.n.t" spells a word, too."""
    runs, current = [], ""
    for word in words:
        if len(word) == 1:
            current += word
            continue
        runs.append(current)
        current = ""
    runs.append(current)
    return [run for run in runs if len(run) > 1]


@dataclass(frozen=True)
class _Blocklist:
    roots: tuple[str, ...]  # match anywhere in the nickname
    words: frozenset[str]  # match whole words only


@cache
def _blocklist() -> _Blocklist:
    """Read and fold the blocklist once. A line is an entry; "#" starts a comment; a leading
    "=" marks a whole-word entry. Entries that fold to nothing are skipped: an empty root
    would block every nickname."""
    roots, words = [], set()
    for line in BLOCKLIST_PATH.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        whole_word = entry.startswith("=")
        folded = _match_form(entry.removeprefix("="))
        if not folded:
            continue
        if whole_word:
            words.add(folded)
        else:
            roots.append(folded)
    return _Blocklist(roots=tuple(dict.fromkeys(roots)), words=frozenset(words))

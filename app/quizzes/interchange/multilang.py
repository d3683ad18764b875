"""Moodle's ways of holding several languages in one text, read into one text per language.

- The core Multi-Language Content filter: ``<span lang="kk" class="multilang">…</span>``,
  its two attributes in either order.
- The popular filter_multilang2: ``{mlang kk}…{mlang}``.

Text outside them belongs to every language, as Moodle's filters show it. Languages
other than kk, ru and en are left out; ``en_us`` counts as ``en``. Spans are found with
plain searches, so a file of unclosed spans cannot make a regex backtrack for ever.
"""

import re

from .common import LANGUAGES

OPENING = re.compile(
    r"<span\s+(?:lang=[\"'](?P<a>[\w-]+)[\"']\s+class=[\"']multilang[\"']"
    r"|class=[\"']multilang[\"']\s+lang=[\"'](?P<b>[\w-]+)[\"'])\s*>"
    r"|\{mlang\s+(?P<c>[\w-]+)\s*\}",
    re.IGNORECASE,
)
CLOSING = {"span": re.compile(r"</span\s*>", re.IGNORECASE), "mlang": re.compile(r"\{mlang\}")}

Span = tuple[int, int, str, str]  # (start, end, language or "", body)


def spans(text: str) -> list[Span]:
    """Each multilang span of the text, in order."""
    found, position = [], 0
    while opening := OPENING.search(text, position):
        closing = CLOSING["mlang" if opening["c"] else "span"].search(text, opening.end())
        if closing is None:
            break
        body = text[opening.end() : closing.start()]
        found.append((opening.start(), closing.end(), _code(opening), body))
        position = closing.end()
    return found


def _code(opening: re.Match) -> str:
    code = re.split(r"[_-]", (opening["a"] or opening["b"] or opening["c"]).lower())[0]
    return code if code in LANGUAGES else ""


def by_language(text: str, language: str) -> dict[str, str]:
    """The text as each language sees it; all of it in `language` when it has no spans,
    and {} when its spans are all in other languages."""
    found = spans(text)
    if not found:
        return {language: text}
    result = {}
    for code in LANGUAGES:
        if any(span_code == code for _start, _end, span_code, _body in found):
            pieces, position = [], 0
            for start, end, span_code, body in found:
                pieces += [text[position:start], body if span_code == code else ""]
                position = end
            result[code] = "".join([*pieces, text[position:]])
    return result


def outside_and_inside(text: str, language: str) -> list[tuple[str, str]]:
    """(language, piece) for the text outside every span (in `language`) and for each span
    in kk, ru or en: where an image's alt text comes from."""
    found = spans(text)
    outside, position = [], 0
    for start, end, _code, _body in found:
        outside.append(text[position:start])
        position = end
    outside.append(text[position:])
    pieces = [(language, "".join(outside))]
    return pieces + [(code, body) for _start, _end, code, body in found if code]


def span_markup(translations: dict[str, str]) -> str:
    """Texts (already escaped for their format) as core multilang spans, kk, ru, en."""
    return "".join(
        f'<span lang="{code}" class="multilang">{translations[code]}</span>'
        for code in LANGUAGES
        if code in translations
    )

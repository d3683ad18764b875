"""HTML from Moodle's text editors as the plain text our questions hold, and back.

Reading: paragraphs and line breaks become lines, a table becomes one line per row (cells
between " | "), a link keeps its text and its address, images are collected (src and alt)
rather than written, and audio, video, embedded pages and drawings are left out, each kind
named so the importer can tell the teacher. Whitespace collapses as a browser shows it;
``&nbsp;`` and other character references are kept as written.

Writing is the inverse for our texts: escaped, a line break per line, and the spaces a
browser would collapse written as ``&nbsp;``, so reading it back gives the same text.
"""

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    ]
)
CELLS = frozenset({"td", "th"})
# What is left out, by the kind of note it earns (None: left out without a word).
LEFT_OUT = {
    "audio": "media",
    "video": "media",
    "iframe": "embedded",
    "object": "embedded",
    "embed": "embedded",
    "svg": "drawing",
    "canvas": "drawing",
    "math": "drawing",
    "script": None,
    "style": None,
    "noscript": None,
    "template": None,
}
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
ASCII_SPACE = " \t\n\r\f"
# Characters XML 1.0 cannot carry at all, even escaped: an export leaves them out.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Reduced:
    text: str
    images: list[tuple[str, str]]  # (src, alt), in the order they appear
    left_out: frozenset[str]  # "media", "embedded", "drawing", "table"


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.lines: list[list[str]] = [[]]
        self.skipping = 0  # depth inside an element that is left out
        self.preformatted = 0
        self.links: list[str | None] = []
        self.row_cells = 0
        self.images: list[tuple[str, str]] = []
        self.left_out: set[str] = set()

    # --- lines ----------------------------------------------------------------------------

    def _has_content(self) -> bool:
        return bool("".join(self.lines[-1]).strip(ASCII_SPACE))

    def _break(self) -> None:
        """End the line, unless nothing has been written on it (blocks do not stack)."""
        if self._has_content():
            self.lines.append([])

    def _hard_break(self) -> None:
        self.lines.append([])

    # --- the parser's events --------------------------------------------------------------

    def handle_starttag(self, tag, attrs):
        if tag in LEFT_OUT:
            if not self.skipping and LEFT_OUT[tag]:
                self.left_out.add(LEFT_OUT[tag])
            if tag not in VOID:
                self.skipping += 1
            return
        if self.skipping:
            return
        attributes = {name: value or "" for name, value in attrs}
        if tag == "br":
            self._hard_break()
        elif tag == "img":
            self.images.append((attributes.get("src", ""), attributes.get("alt", "").strip()))
        elif tag in CELLS:
            if self.row_cells:
                self.lines[-1].append(" | ")
            self.row_cells += 1
        elif tag == "a":
            self.links.append(attributes.get("href"))
            self.lines[-1].append("\x01")  # where the link's text starts
        elif tag in BLOCKS:
            self._break()
            self.row_cells = 0
            self.left_out |= {"table"} if tag == "table" else set()
            self.preformatted += tag == "pre"

    def handle_endtag(self, tag):
        if tag in LEFT_OUT:
            if tag not in VOID and self.skipping:
                self.skipping -= 1
            return
        if self.skipping:
            return
        if tag == "a" and self.links:
            self._end_link(self.links.pop())
        elif tag in BLOCKS:
            self._break()
            self.row_cells = 0
            self.preformatted -= tag == "pre" and self.preformatted > 0

    def _end_link(self, href: str | None) -> None:
        """A link keeps its text, and its address after it when that is not the text."""
        line = "".join(self.lines[-1])
        start = line.rfind("\x01")
        label = line[start + 1 :].strip(ASCII_SPACE)
        self.lines[-1] = [line[:start] + line[start + 1 :]]
        if href and re.match(r"https?://", href) and href != label:
            self.lines[-1].append(f" ({href})" if label else href)

    def handle_data(self, data):
        if self.skipping:
            return
        if not self.preformatted:
            self.lines[-1].append(COLLAPSIBLE.sub(" ", data))
            return
        first, *rest = data.split("\n")
        self.lines[-1].append(first)
        for line in rest:
            self._hard_break()
            self.lines[-1].append(line)

    def handle_entityref(self, name):
        if not self.skipping:
            self.lines[-1].append(html.unescape(f"&{name};"))

    def handle_charref(self, name):
        if not self.skipping:
            self.lines[-1].append(html.unescape(f"&#{name};"))

    def text(self) -> str:
        lines = []
        for pieces in self.lines:
            line = "".join(pieces).replace("\x01", "").strip(ASCII_SPACE).replace("\xa0", " ")
            lines.append(line if line.strip() else "")
        return "\n".join(lines).strip("\n")


def reduce(text: str, text_format: str = "html") -> Reduced:
    """A Moodle text in one of its formats (html, moodle_auto_format, plain_text,
    markdown) as plain text; only HTML and Moodle's auto format hold markup."""
    if text_format not in {"html", "moodle_auto_format"}:
        return Reduced(text.strip(), [], frozenset())
    if text_format == "moodle_auto_format":  # Moodle shows its line ends as breaks
        text = text.replace("\r\n", "\n").replace("\n", "<br>\n")
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return Reduced(reader.text(), reader.images, frozenset(reader.left_out))


def to_html(text: str) -> str:
    """Our plain text as HTML that `reduce` reads back to the same text."""
    lines = []
    for line in NOT_XML.sub("", text).split("\n"):
        escaped = html.escape(line, quote=False).replace("{mlang", "&#123;mlang")
        escaped = escaped.replace("\t", "&#9;").replace("\r", "&#13;")
        # Spaces a browser would collapse or drop: at either end, and after another space.
        escaped = re.sub(r"(?<= ) |^ | $", "&nbsp;", escaped)
        lines.append(escaped)
    return "<br>\n".join(lines)


def attribute(text: str) -> str:
    """Text for an HTML attribute value in double quotes."""
    return html.escape(NOT_XML.sub("", text), quote=True)

"""An uploaded XML file as a small tree whose elements know their line, read safely.

defusedxml's expat reader refuses a document type declaration, and with it every entity:
no external entities (XXE: reading the server's files or fetching URLs) and no entity
expansion (the "billion laughs" that turns a few bytes into gigabytes). Moodle never writes
a DOCTYPE. Comments are kept on their element: our metadata travels in one.
"""

import io
import xml.sax
from dataclasses import dataclass, field
from xml.parsers import expat
from xml.sax.handler import ContentHandler, LexicalHandler, property_lexical_handler
from xml.sax.xmlreader import InputSource

import defusedxml.sax
from defusedxml import DefusedXmlException

from app.i18n import _


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list["Element"] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # character data directly inside
    comments: list[tuple[int, str]] = field(default_factory=list)  # (line, text)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def find(self, tag: str) -> "Element | None":
        return next((child for child in self.children if child.tag == tag), None)

    def findall(self, tag: str) -> list["Element"]:
        return [child for child in self.children if child.tag == tag]

    def value(self, *path: str, default: str = "") -> str:
        """The text at a path of child tags (the first of each), stripped; `default` when
        the path does not exist."""
        node = self
        for tag in path:
            node = node.find(tag)
            if node is None:
                return default
        return node.text.strip()


class Refused(Exception):
    """The file is not XML we can read; the message names why, for the teacher."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


class _Builder(ContentHandler, LexicalHandler):
    def __init__(self):
        super().__init__()
        self.root: Element | None = None
        self.stack: list[Element] = []
        self.locator = None

    def line(self) -> int:
        return self.locator.getLineNumber() if self.locator else 1

    def setDocumentLocator(self, locator):  # noqa: N802 - the SAX interface
        self.locator = locator

    def startElement(self, name, attrs):  # noqa: N802
        element = Element(name, dict(attrs.items()), self.line())
        if self.stack:
            self.stack[-1].children.append(element)
        else:
            self.root = element
        self.stack.append(element)

    def endElement(self, name):  # noqa: N802
        self.stack.pop()

    def characters(self, content):
        if self.stack:
            self.stack[-1].parts.append(content)

    def comment(self, content):
        if self.stack:
            self.stack[-1].comments.append((self.line(), content))


def _messages() -> dict[str, str]:
    """expat's reasons a teacher meets most, translated; others keep expat's words."""
    errors = expat.errors
    return {
        errors.XML_ERROR_TAG_MISMATCH: _("A closing tag does not match the tag it closes."),
        errors.XML_ERROR_INVALID_TOKEN: _(
            "A character here is not allowed in XML (a stray < or &, or a control character)."
        ),
        errors.XML_ERROR_UNCLOSED_TOKEN: _("A tag here is not finished."),
        errors.XML_ERROR_NO_ELEMENTS: _(
            "The file ends before its XML is complete (it is empty, or an element is never closed)."
        ),
        errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT: _("There is more after the closing </quiz>."),
        errors.XML_ERROR_UNDEFINED_ENTITY: _(
            "An entity like &name; here is not one XML knows; write &amp; for a plain &."
        ),
        errors.XML_ERROR_DUPLICATE_ATTRIBUTE: _("A tag here has the same attribute twice."),
        errors.XML_ERROR_UNCLOSED_CDATA_SECTION: _("A <![CDATA[ section is never closed."),
        errors.XML_ERROR_UNBOUND_PREFIX: _("A tag here uses a namespace prefix never declared."),
        errors.XML_ERROR_SYNTAX: _("The XML is broken here."),
        errors.XML_ERROR_INCORRECT_ENCODING: _("The file is not in the encoding it declares."),
        errors.XML_ERROR_UNKNOWN_ENCODING: _("The file declares an encoding we cannot read."),
    }


def parse(data: bytes) -> Element:
    """The document's root element; raises Refused with the line of the first problem."""
    builder = _Builder()
    parser = defusedxml.sax.make_parser()
    parser.forbid_dtd = True  # and with it every entity declaration
    parser.setContentHandler(builder)
    parser.setProperty(property_lexical_handler, builder)
    source = InputSource()
    source.setByteStream(io.BytesIO(data))
    try:
        parser.parse(source)
    except xml.sax.SAXParseException as error:
        reason = error.getMessage()
        message = _messages().get(reason) or _(
            "The XML is broken here (%(reason)s).", reason=reason
        )
        raise Refused(error.getLineNumber() or 1, message) from None
    except DefusedXmlException:
        message = _(
            "The file declares a document type or entities (<!DOCTYPE …>). Moodle never"
            " writes one, and for safety such files are refused."
        )
        raise Refused(builder.line(), message) from None
    if builder.root is None:  # pragma: no cover - expat reports a file without elements
        raise Refused(1, _("The file has no questions in it."))
    return builder.root

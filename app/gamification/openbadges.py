"""Open Badges 2.0 documents for hosted verification, and SVG baking.

Pure on purpose: no Flask, no database, standard library only. The routes that serve these
documents and the code that decides who earned what live elsewhere; this module only knows
the shape the specification asks for, so it can be tested without an app.

Spec references (IMS Global / 1EdTech, Open Badges v2.0 Final, 12 April 2018):
https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html
https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/baking/index.html

Required properties, as the spec marks them (bold in its tables):

* Assertion: id, type, recipient, badge, verification, issuedOn.
* BadgeClass: id, type, name, description, image, criteria, issuer.
* Profile used as an issuer: id, type, name, url, email ("A note on required properties").
* IdentityObject: identity, type, hashed (salt is optional but needed to check a salted hash).
* VerificationObject: type ("hosted" is the context's alias for HostedBadge).
* Revoked hosted Assertion: only id and revoked; served with HTTP 410 Gone.
"""

import hashlib
import json
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.sax.saxutils import escape

CONTEXT = "https://w3id.org/openbadges/v2"

SVG_NS = "http://www.w3.org/2000/svg"
OPENBADGES_NS = "http://openbadges.org"
_ASSERTION_TAG = f"{{{OPENBADGES_NS}}}assertion"


@dataclass(frozen=True)
class Issuer:
    """The organizing body, built from app settings; one Profile document per site."""

    id: str  # URL of the issuer document
    name: str
    url: str  # the organisation's homepage
    email: str
    description: str = ""
    image: str = ""  # URL, optional


# --- recipients -------------------------------------------------------------------------


def hash_identity(identity: str, salt: str) -> str:
    """Return ``sha256$<hex>`` of ``identity.lower() + salt``.

    Accounts store e-mails and usernames lower-case, so hashing the lower-cased value means a
    verifier that types the address in any case, as long as it lower-cases too, gets the same
    hash. (The reference validator hashes the profile value as given, without lower-casing.)
    """
    digest = hashlib.sha256((identity.lower() + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def new_recipient_identity(base_url: str = "") -> str:
    """A recipient identity of its own for each award, random, so that nothing public (a
    login, a name, a roster's pattern) can be hashed to match it; the holder sees it on
    their own badge page and can prove the badge is theirs with it.

    With the site's canonical base URL it is an https URL under it (a Profile's ``url``,
    which the IdentityObject can name by an IRI); without one (a laptop) a random URN."""
    if base_url:
        return f"{base_url}/ob/recipients/{uuid.uuid4()}"
    return f"urn:uuid:{uuid.uuid4()}"


def recipient(identity: str, salt: str) -> dict:
    """The IdentityObject: always hashed, so a public assertion URL leaks no address.

    The spec's ``type`` names the Profile property the identity is a value of, as an IRI
    of the context: ``email`` (schema:email) for an address, ``url`` (schema:url) for an
    http(s) identity. ``id`` is kept only for URN identities (issued before there was a
    base URL, or on a laptop): the context maps it to the keyword ``@id``, not to an IRI,
    so the reference validator (1EdTech openbadges-validator-core) rejects it when asked
    to check a recipient profile.
    """
    if identity.startswith(("https://", "http://")):
        kind = "url"
    else:
        kind = "email" if "@" in identity else "id"
    return {
        "type": kind,
        "hashed": True,
        "salt": salt,
        "identity": hash_identity(identity, salt),
    }


# --- documents ---------------------------------------------------------------------------


def _base(type_: str, id: str) -> dict:
    """Every document starts alike, so JSON-LD readers can resolve its terms."""
    return {"@context": CONTEXT, "type": type_, "id": id}


def issuer_document(issuer: Issuer) -> dict:
    """The issuer Profile; optional fields are left out rather than sent empty."""
    doc = _base("Issuer", issuer.id)
    doc.update(name=issuer.name, url=issuer.url, email=issuer.email)
    if issuer.description:
        doc["description"] = issuer.description
    if issuer.image:
        doc["image"] = issuer.image
    return doc


def badge_class_document(
    *,
    id: str,
    name: str,
    description: str,
    image: str,
    criteria_url: str,
    criteria_narrative: str,
    issuer_id: str,
    tags: list[str] = (),
) -> dict:
    """The BadgeClass; criteria carry both a page and an embedded narrative, so a badge
    still explains itself when the page is gone."""
    doc = _base("BadgeClass", id)
    doc.update(
        name=name,
        description=description,
        image=image,
        criteria={"id": criteria_url, "narrative": criteria_narrative},
        issuer=issuer_id,
    )
    if tags:
        doc["tags"] = list(tags)
    return doc


def format_datetime(moment: datetime) -> str:
    """ISO 8601 in UTC with a ``Z``: OB 2.0 requires a time zone indicator on every timestamp.

    A naive datetime is refused rather than guessed at.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Open Badges timestamps need a time zone; got a naive datetime")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _evidence(items: list[dict]) -> list[dict]:
    """Copies of the caller's evidence, typed as Evidence (the spec's default, made explicit)."""
    return [{"type": "Evidence", **item} for item in items]


def assertion_document(
    *,
    id: str,
    badge_id: str,
    recipient: dict,
    issued_on: datetime,
    evidence: list[dict],
    image: str | None = None,
) -> dict:
    """A hosted Assertion: ``id`` must be the URL that serves this very document, since
    hosted verification re-fetches it from there. ``recipient`` is the IdentityObject as
    hashed at issue (see ``recipient()``), so the document never changes afterwards."""
    doc = _base("Assertion", id)
    doc.update(
        recipient=recipient,
        badge=badge_id,
        verification={"type": "hosted"},
        issuedOn=format_datetime(issued_on),
    )
    if evidence:
        doc["evidence"] = _evidence(evidence)
    if image:
        doc["image"] = image
    return doc


def revoked_assertion_document(*, id: str) -> dict:
    """The body to serve with HTTP 410 Gone once an assertion is revoked.

    The spec needs only ``id`` and ``revoked``; the rest of the assertion is dropped so a
    revoked badge stops publishing the recipient hash. The optional ``revocationReason`` is
    left out too: the public record just says revoked (the reason is about a minor).
    """
    doc = _base("Assertion", id)
    doc["revoked"] = True
    return doc


# --- SVG baking --------------------------------------------------------------------------

# What may come before the root element: XML declaration, processing instructions, comments,
# a DOCTYPE (with an optional internal subset), and whitespace.
_PROLOG_ITEM = re.compile(
    r"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>",
    re.DOTALL | re.IGNORECASE,
)
# The root's opening tag; attribute values are quoted, so '>' inside them is skipped.
_SVG_START_TAG = re.compile(r"""<svg(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>""")
_OB_XMLNS = re.compile(r"""\sxmlns:openbadges\s*=\s*(["'])(.*?)\1""", re.DOTALL)


def _parse(svg: str) -> ET.Element:
    """Parse an SVG, refusing entity declarations (the only road to entity-expansion bombs;
    ordinary SVG files never need them)."""
    if "<!ENTITY" in svg:
        raise ValueError("SVG with entity declarations is refused")
    try:
        return ET.fromstring(svg)  # noqa: S314 - entity declarations refused just above
    except ET.ParseError as exc:
        raise ValueError(f"not well-formed XML: {exc}") from exc


def _root_start_tag(svg: str) -> re.Match:
    """Locate the root ``<svg ...>`` tag in the text, past the prolog."""
    pos = 0
    while match := _PROLOG_ITEM.match(svg, pos):
        pos = match.end()
    start = _SVG_START_TAG.match(svg, pos)
    if start is None:
        raise ValueError("no <svg> root element")
    return start


def _with_openbadges_xmlns(start_tag: str) -> str:
    """Declare the openbadges prefix on the root tag unless it already is."""
    declared = _OB_XMLNS.search(start_tag)
    if declared:
        if declared.group(2) != OPENBADGES_NS:
            raise ValueError("xmlns:openbadges is bound to another namespace")
        return start_tag
    closing = "/>" if start_tag.endswith("/>") else ">"
    body = start_tag[: -len(closing)]
    return f'{body} xmlns:openbadges="{OPENBADGES_NS}"{closing}'


def _cdata(text: str) -> str:
    """Wrap text in CDATA; a literal ``]]>`` is split across two sections so it survives."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _assertion_element(assertion: dict) -> str:
    """``<openbadges:assertion verify=URL>`` holding the compact JSON of the assertion."""
    payload = json.dumps(assertion, ensure_ascii=False, separators=(",", ":"))
    verify = escape(str(assertion["id"]), {'"': "&quot;"})
    return f'<openbadges:assertion verify="{verify}">{_cdata(payload)}</openbadges:assertion>'


def bake_svg(svg: str, assertion: dict) -> str:
    """Embed a hosted assertion in an SVG, per the Open Badges baking specification.

    The element goes directly after the root's opening tag, as the spec says. An image that
    already carries an assertion is refused: the spec allows only one, and silently replacing
    someone's badge would hide a mistake.
    """
    root = _parse(svg)
    if root.tag not in (f"{{{SVG_NS}}}svg", "svg"):
        raise ValueError("root element is not <svg>")
    if root.find(f".//{_ASSERTION_TAG}") is not None:
        raise ValueError("SVG is already baked")
    start = _root_start_tag(svg)
    tag = _with_openbadges_xmlns(start.group(0))
    element = _assertion_element(assertion)
    if tag.endswith("/>"):  # an empty <svg/>: open it up to hold the element
        return svg[: start.start()] + tag[:-2] + ">" + element + "</svg>" + svg[start.end() :]
    return svg[: start.start()] + tag + element + svg[start.end() :]


def unbake_svg(svg: str) -> dict:
    """Read back the assertion JSON baked into an SVG (the first one, as the spec says)."""
    element = _parse(svg).find(f".//{_ASSERTION_TAG}")
    if element is None:
        raise ValueError("no openbadges:assertion in this SVG")
    text = (element.text or "").strip()
    if not text:
        # A body-less element would carry a signed (JWS) assertion in ``verify``.
        raise ValueError("openbadges:assertion has no JSON body (signed badges unsupported)")
    return json.loads(text)

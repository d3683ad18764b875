"""Open Badges 2.0 documents and SVG baking. The module is pure, so no app is needed.

Required properties below are the ones the OB 2.0 spec (IMS Final Release, 12 April 2018)
prints in bold, plus "@context" which every hosted document carries to be JSON-LD.
"""

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.gamification import openbadges as ob

# Spec, "Assertion" table.
ASSERTION_REQUIRED = {"@context", "id", "type", "recipient", "badge", "verification", "issuedOn"}
# Spec, "BadgeClass" table.
BADGE_CLASS_REQUIRED = {
    "@context",
    "id",
    "type",
    "name",
    "description",
    "image",
    "criteria",
    "issuer",
}
# Spec, "Profile": "When used as a badge issuer, the following properties are required".
ISSUER_REQUIRED = {"@context", "id", "type", "name", "url", "email"}
# Spec, "IdentityObject" table (salt is optional there, but a salted hash needs it).
IDENTITY_REQUIRED = {"identity", "type", "hashed"}
# Spec, "Revoking Hosted Assertions": "For revoked Assertions, only id and revoked are required."
REVOKED_REQUIRED = {"@context", "id", "type", "revoked"}

SVG_NS = "http://www.w3.org/2000/svg"
LOGO = Path(__file__).resolve().parents[2] / "static" / "img" / "logo.svg"
FALLBACK_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
    '<circle cx="32" cy="32" r="29" fill="#0b6e4f"/></svg>'
)
ISSUED = datetime(2025, 3, 1, 9, 30, 15, tzinfo=UTC)


def _svg() -> str:
    return LOGO.read_text(encoding="utf-8") if LOGO.exists() else FALLBACK_SVG


def _assertion(**overrides) -> dict:
    args = {
        "id": "https://hour.example.kz/badges/assertions/17",
        "badge_id": "https://hour.example.kz/badges/classes/3",
        "recipient": ob.recipient("alice@example.org", "s4lt"),
        "issued_on": ISSUED,
        "evidence": [
            {"id": "https://hour.example.kz/quizzes/7/result", "narrative": "Passed the quiz"}
        ],
    }
    return ob.assertion_document(**(args | overrides))


# --- documents ---------------------------------------------------------------------------


def test_issuer_document_carries_every_required_property():
    issuer = ob.Issuer(
        id="https://hour.example.kz/badges/issuer",
        name="Integrity Hour",
        url="https://hour.example.kz/",
        email="badges@hour.example.kz",
    )
    doc = ob.issuer_document(issuer)
    assert not ISSUER_REQUIRED - doc.keys(), "missing required properties"
    assert doc["@context"] == ob.CONTEXT
    assert doc["type"] in ("Issuer", "Profile")
    assert "description" not in doc and "image" not in doc  # empty optionals left out
    json.dumps(doc)


def test_issuer_optionals_are_included_when_set():
    issuer = ob.Issuer(
        id="https://x.example/issuer",
        name="X",
        url="https://x.example/",
        email="x@x.example",
        description="About us",
        image="https://x.example/logo.svg",
    )
    doc = ob.issuer_document(issuer)
    assert (doc["description"], doc["image"]) == ("About us", "https://x.example/logo.svg")


def test_badge_class_document_carries_every_required_property():
    doc = ob.badge_class_document(
        id="https://hour.example.kz/badges/classes/3",
        name="Honest Voice",
        description="Took part in five debates.",
        image="https://hour.example.kz/badges/classes/3/image.svg",
        criteria_url="https://hour.example.kz/badges/classes/3/criteria",
        criteria_narrative="Take part in five debates.",
        issuer_id="https://hour.example.kz/badges/issuer",
        tags=["debate", "integrity"],
    )
    assert not BADGE_CLASS_REQUIRED - doc.keys(), "missing required properties"
    assert doc["@context"] == ob.CONTEXT
    assert doc["type"] == "BadgeClass"
    assert doc["criteria"] == {
        "id": "https://hour.example.kz/badges/classes/3/criteria",
        "narrative": "Take part in five debates.",
    }
    assert doc["issuer"] == "https://hour.example.kz/badges/issuer"
    assert doc["tags"] == ["debate", "integrity"]
    json.dumps(doc)


def test_assertion_document_carries_every_required_property():
    doc = _assertion()
    assert not ASSERTION_REQUIRED - doc.keys(), "missing required properties"
    assert doc["@context"] == ob.CONTEXT
    assert doc["type"] == "Assertion"
    assert doc["badge"] == "https://hour.example.kz/badges/classes/3"
    assert doc["verification"] == {"type": "hosted"}
    assert not IDENTITY_REQUIRED - doc["recipient"].keys(), "missing required properties"
    assert doc["recipient"]["hashed"] is True
    assert doc["recipient"]["salt"] == "s4lt"
    assert "alice" not in json.dumps(doc)  # the address itself is never published
    assert "image" not in doc
    assert ob.assertion_document(**_args_with_image())["image"].endswith("17.svg")


def _args_with_image() -> dict:
    return {
        "id": "https://x.example/a/17",
        "badge_id": "https://x.example/b/3",
        "recipient": ob.recipient("bob", "s"),
        "issued_on": ISSUED,
        "evidence": [],
        "image": "https://x.example/a/17.svg",
    }


def test_evidence_is_typed_and_the_callers_dicts_are_left_alone():
    evidence = [{"narrative": "Wrote an essay", "name": "Essay"}]
    doc = _assertion(evidence=evidence)
    assert doc["evidence"] == [{"type": "Evidence", "narrative": "Wrote an essay", "name": "Essay"}]
    assert evidence == [{"narrative": "Wrote an essay", "name": "Essay"}]
    assert "evidence" not in _assertion(evidence=[])


def test_revoked_assertion_document_is_what_a_410_serves():
    doc = ob.revoked_assertion_document(id="https://hour.example.kz/badges/assertions/17")
    assert not REVOKED_REQUIRED - doc.keys(), "missing required properties"
    assert doc == {
        "@context": ob.CONTEXT,
        "type": "Assertion",
        "id": "https://hour.example.kz/badges/assertions/17",
        "revoked": True,
    }


# --- recipient hashing -------------------------------------------------------------------


def test_hash_matches_the_specs_own_example():
    # The spec's IdentityHash example: sha256 of the string "mayze", unsalted.
    expected = "sha256$7a1a1b3f7d40552e4299180e346e3add12bf9a751a43d9c4ca4518febc2c60c6"
    assert ob.hash_identity("mayze", "") == expected


def test_hash_is_sha256_of_identity_plus_salt():
    # printf 'student42s4lt' | sha256sum
    expected = "sha256$d860150abc861dcd3641eaac5a0d1213ca9f17f1247eba11b8c3eab156c0f4b3"
    assert ob.hash_identity("student42", "s4lt") == expected


def test_an_email_is_lower_cased_before_hashing():
    # printf 'alice@example.orgs4lt' | sha256sum
    expected = "sha256$081e07ee2ae2d376eb9cd04d9c4ff9479fbb1e7642ece147afa335408920895c"
    assert ob.hash_identity("Alice@Example.ORG", "s4lt") == expected
    assert ob.recipient("ALICE@example.org", "s4lt")["identity"] == expected


def test_recipient_type_is_email_for_addresses_url_for_urls_and_id_for_the_rest():
    assert ob.recipient("alice@example.org", "s")["type"] == "email"
    assert ob.recipient("https://adaldyq.kz/ob/recipients/x", "s")["type"] == "url"
    assert ob.recipient("urn:uuid:0e6c4b0e-1e0b-4f5e-9d7e-2f3d8f1c2a11", "s")["type"] == "id"


def test_new_recipient_identities_are_urls_under_the_base_or_urns_without_one():
    first, second = (ob.new_recipient_identity("https://adaldyq.kz") for _ in range(2))
    assert first.startswith("https://adaldyq.kz/ob/recipients/") and first != second
    assert ob.new_recipient_identity().startswith("urn:uuid:")


# --- timestamps --------------------------------------------------------------------------


def test_issued_on_serialises_with_a_time_zone():
    assert _assertion()["issuedOn"] == "2025-03-01T09:30:15Z"


def test_issued_on_in_another_zone_is_converted_to_utc():
    almaty = timezone(timedelta(hours=5))
    issued = datetime(2025, 3, 1, 14, 30, 15, tzinfo=almaty)
    assert _assertion(issued_on=issued)["issuedOn"] == "2025-03-01T09:30:15Z"


def test_a_naive_issued_on_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        _assertion(issued_on=datetime(2025, 3, 1, 9, 30))


# --- baking ------------------------------------------------------------------------------


def test_bake_then_unbake_returns_the_exact_assertion():
    assertion = _assertion()
    assert ob.unbake_svg(ob.bake_svg(_svg(), assertion)) == assertion


def test_baked_file_still_parses_with_the_original_elements():
    original = ET.fromstring(_svg())  # noqa: S314 - our own file
    baked = ET.fromstring(ob.bake_svg(_svg(), _assertion()))  # noqa: S314 - our own output
    assert baked.tag == original.tag == f"{{{SVG_NS}}}svg"
    assert baked.attrib == original.attrib
    first, *rest = list(baked)
    assert first.tag == "{http://openbadges.org}assertion"  # directly after the root tag
    assert first.get("verify") == "https://hour.example.kz/badges/assertions/17"
    assert [(e.tag, e.attrib) for e in rest] == [(e.tag, e.attrib) for e in original]


def test_the_namespace_is_declared_once_on_the_root():
    baked = ob.bake_svg(_svg(), _assertion())
    assert baked.count('xmlns:openbadges="http://openbadges.org"') == 1
    declared = FALLBACK_SVG.replace("<svg ", '<svg xmlns:openbadges="http://openbadges.org" ', 1)
    assert ob.bake_svg(declared, _assertion()).count("xmlns:openbadges=") == 1


def test_baking_twice_is_refused():
    baked = ob.bake_svg(_svg(), _assertion())
    with pytest.raises(ValueError, match="already baked"):
        ob.bake_svg(baked, _assertion())


def test_json_containing_the_cdata_terminator_survives():
    assertion = _assertion(evidence=[{"narrative": "Wrote ]]> and ]]]]> in an essay"}])
    baked = ob.bake_svg(_svg(), assertion)
    assert ob.unbake_svg(baked) == assertion


def test_non_ascii_text_is_baked_verbatim():
    assertion = _assertion(evidence=[{"narrative": "Адалдық сағаты — «жеңімпаз» & <ok>"}])
    baked = ob.bake_svg(_svg(), assertion)
    assert "Адалдық" in baked  # ensure_ascii=False: readable, not \\u escapes
    assert ob.unbake_svg(baked) == assertion


def test_a_prolog_before_the_root_is_kept():
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand -->\n' + FALLBACK_SVG
    baked = ob.bake_svg(svg, _assertion())
    assert baked.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand -->\n')
    assert ob.unbake_svg(baked) == _assertion()


def test_an_empty_self_closing_svg_can_be_baked():
    svg = '<svg xmlns="http://www.w3.org/2000/svg"/>'
    assert ob.unbake_svg(ob.bake_svg(svg, _assertion())) == _assertion()


@pytest.mark.parametrize(
    "text",
    ["", "not xml at all", "<html><body/></html>", '<!DOCTYPE x [<!ENTITY a "b">]><svg/>'],
)
def test_input_without_an_svg_root_is_refused(text):
    with pytest.raises(ValueError):
        ob.bake_svg(text, _assertion())


def test_unbaking_a_plain_svg_is_refused():
    with pytest.raises(ValueError, match="no openbadges:assertion"):
        ob.unbake_svg(_svg())

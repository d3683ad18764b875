"""The JSON Schema of a quiz file, put together from the question kinds' own fragments.

``quizzes/schema.json`` is this schema written out for authors' editors (``flask quizzes
schema`` writes it; a test holds the file equal to what the registry builds).
"""

import copy

from .kinds import all_kinds

TOPICS = [
    "corruption-basics",
    "gifts-and-conflicts",
    "academic-integrity",
    "reporting",
    "volunteering",
    "heritage",
    "everyday-honesty",
    "law-and-liability",
    "public-money",
    "digital-literacy",
    "careers-and-institutions",
]
# Grades 12..16 are years after school: at a college, a university, or either.
STAGES = ["college", "university"]
FIRST_STAGE_GRADE = 12
# The school subjects a teacher's guide links a quiz to, with the grades that teach them.
SUBJECT_GRADES = {
    "self-knowledge": (1, 11),  # «Өзін-өзі тану»
    "law-basics": (9, 9),  # «Құқық негіздері»
    "person-society-law": (10, 11),  # «Адам. Қоғам. Құқық»
}
TEXT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["kk", "ru", "en"],
    "properties": {code: {"type": "string", "minLength": 1} for code in ("kk", "ru", "en")},
}
ID = {"type": "string", "pattern": "^[a-z0-9_-]+$"}
COMMON_QUESTION_FIELDS = {
    "id": ID,
    "type": {"type": "string"},
    "text": {"$ref": "#/$defs/text"},
    "image": {"$ref": "#/$defs/image"},
    "case": ID,
    "explanation": {"$ref": "#/$defs/text"},
    "source": {
        "type": "object",
        "additionalProperties": False,
        "required": ["title"],
        "properties": {
            "title": {"$ref": "#/$defs/text"},
            "url": {"type": "string", "pattern": "^https://"},
            # The day a person opened the URL and checked the claim against it (YAML's
            # dates are read back as this text: app/quizzes/content.py).
            "checked": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        },
    },
    "time_limit": {"type": "integer", "minimum": 5, "maximum": 300},
    "points": {"type": "integer", "minimum": 0, "maximum": 1000},
}
REQUIRED_QUESTION_FIELDS = ["id", "type", "text", "explanation"]


def _kind_def(kind) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [*REQUIRED_QUESTION_FIELDS, *kind.required],
        "properties": {**COMMON_QUESTION_FIELDS, **kind.schema},
    }


def _defs() -> dict:
    kinds = all_kinds()
    defs = {
        "text": TEXT,
        "image": {
            "type": "object",
            "additionalProperties": False,
            "required": ["src", "alt"],
            "properties": {
                "src": {"type": "string", "pattern": "^[A-Za-z0-9_.-]+$", "maxLength": 200},
                "alt": {"$ref": "#/$defs/text"},
            },
        },
        "case": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "text"],
            "properties": {
                "id": ID,
                "text": {"$ref": "#/$defs/text"},
                "image": {"$ref": "#/$defs/image"},
            },
        },
        "teacher_guide": {
            "type": "object",
            "additionalProperties": False,
            "required": ["aim", "discussion", "misconceptions", "subjects"],
            "properties": {
                "aim": {"$ref": "#/$defs/text"},
                "discussion": {
                    "type": "array",
                    "minItems": 3,
                    "maxItems": 5,
                    "items": {"$ref": "#/$defs/text"},
                },
                "misconceptions": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["question", "text"],
                        "properties": {"question": ID, "text": {"$ref": "#/$defs/text"}},
                    },
                },
                "subjects": {
                    "type": "array",
                    "uniqueItems": True,
                    "items": {"enum": list(SUBJECT_GRADES)},
                },
            },
        },
        "question": {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"enum": [kind.name for kind in kinds]}},
            "allOf": [
                {
                    "if": {"properties": {"type": {"const": kind.name}}, "required": ["type"]},
                    "then": {"$ref": f"#/$defs/kind_{kind.name}"},
                }
                for kind in kinds
            ],
        },
    }
    defs.update({f"kind_{kind.name}": _kind_def(kind) for kind in kinds})
    return defs


def quiz_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://integrity-hour.kz/schema/quiz.json",
        "title": "Integrity Hour quiz",
        "type": "object",
        "additionalProperties": False,
        "required": ["slug", "version", "topic", "audience", "title", "description", "questions"],
        "properties": {
            "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 80},
            "version": {"type": "integer", "minimum": 1},
            "topic": {"enum": TOPICS},
            "audience": {
                "type": "object",
                "additionalProperties": False,
                "required": ["min_grade", "max_grade"],
                "properties": {
                    "min_grade": {"type": "integer", "minimum": 1, "maximum": 16},
                    "max_grade": {"type": "integer", "minimum": 1, "maximum": 16},
                    "stages": {
                        "type": "array",
                        "minItems": 1,
                        "uniqueItems": True,
                        "items": {"enum": STAGES},
                    },
                },
            },
            "title": {"$ref": "#/$defs/text"},
            "description": {"$ref": "#/$defs/text"},
            "cases": {"type": "array", "items": {"$ref": "#/$defs/case"}},
            "teacher_guide": {"$ref": "#/$defs/teacher_guide"},
            "questions": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/question"}},
        },
        "$defs": _defs(),
    }


def draft_question_schema() -> dict:
    """One question of a teacher's draft: a text needs one language, not all three (the
    others fall back visibly), and the explanation may wait (an import without feedback
    has none)."""
    defs = copy.deepcopy(_defs())
    defs["text"].pop("required")
    defs["text"]["minProperties"] = 1
    defs["optional_text"] = {**defs["text"], "minProperties": 0}
    for name, definition in defs.items():
        if name.startswith("kind_"):
            definition["properties"]["explanation"] = {"$ref": "#/$defs/optional_text"}
    return {**defs["question"], "$defs": defs}

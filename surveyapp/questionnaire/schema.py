"""JSON Schema for the general shape of a questionnaire file (format 1).

Type-specific rules (which keys each question type needs), cross references and
translations are checked in ``loader`` where the messages can be more precise.
"""
from __future__ import annotations

IDENTIFIER = r"^[a-z][a-z0-9_]*$"
VALUE = r"^[a-z0-9][a-z0-9_]*$"
LANGUAGE = r"^[a-z]{2,3}$"

TEXT = {
    "type": "object",
    "minProperties": 1,
    "patternProperties": {LANGUAGE: {"type": "string", "minLength": 1, "maxLength": 20000}},
    "additionalProperties": False,
}

CONDITION = {
    "type": "object",
    "minProperties": 1,
    "maxProperties": 1,
    "properties": {
        "answered": {"type": "string", "minLength": 1},
        "equals": {
            "type": "object",
            "required": ["question", "value"],
            "additionalProperties": False,
            "properties": {
                "question": {"type": "string", "minLength": 1},
                "value": {"type": ["string", "integer"]},
            },
        },
        "one_of": {
            "type": "object",
            "required": ["question", "values"],
            "additionalProperties": False,
            "properties": {
                "question": {"type": "string", "minLength": 1},
                "values": {"type": "array", "minItems": 1, "items": {"type": ["string", "integer"]}},
            },
        },
        "not": {"$ref": "#/$defs/condition"},
        "all": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}},
        "any": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}},
    },
    "additionalProperties": False,
}

QUESTION = {
    "type": "object",
    "required": ["id", "type", "text"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": IDENTIFIER, "maxLength": 60},
        "type": {
            "enum": [
                "single_choice",
                "multiple_choice",
                "likert",
                "matrix",
                "number",
                "short_text",
                "long_text",
            ]
        },
        "text": {"$ref": "#/$defs/text"},
        "help": {"$ref": "#/$defs/text"},
        "required": {"type": "boolean"},
        "show_if": {"$ref": "#/$defs/condition"},
        "analysis": {"type": "object"},
        "options": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["value", "label"],
                "additionalProperties": False,
                "properties": {
                    "value": {"type": "string", "pattern": VALUE, "maxLength": 60},
                    "label": {"$ref": "#/$defs/text"},
                },
            },
        },
        "other": {"$ref": "#/$defs/text"},
        "max_choices": {"type": "integer", "minimum": 1},
        "scale": {"type": "string", "pattern": IDENTIFIER},
        "dont_know": {"type": "boolean"},
        "statements": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "text"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": IDENTIFIER, "maxLength": 60},
                    "text": {"$ref": "#/$defs/text"},
                },
            },
        },
        "min": {"type": "number"},
        "max": {"type": "number"},
        "integer": {"type": "boolean"},
        "unit": {"$ref": "#/$defs/text"},
        "max_length": {"type": "integer", "minimum": 1, "maximum": 100000},
    },
}

PAGE = {
    "type": "object",
    "required": ["id", "title", "questions"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": IDENTIFIER, "maxLength": 60},
        "title": {"$ref": "#/$defs/text"},
        "intro": {"$ref": "#/$defs/text"},
        "show_if": {"$ref": "#/$defs/condition"},
        "questions": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/question"}},
    },
}

SCALE = {
    "type": "object",
    "required": ["points"],
    "additionalProperties": False,
    "properties": {
        "points": {
            "type": "array",
            "minItems": 2,
            "maxItems": 11,
            "items": {
                "type": "object",
                "required": ["value", "label"],
                "additionalProperties": False,
                "properties": {
                    "value": {"type": "integer"},
                    "label": {"$ref": "#/$defs/text"},
                },
            },
        },
        "dont_know": {"$ref": "#/$defs/text"},
    },
}

PRIVACY_NOTICE = {
    "type": "object",
    "required": ["controller", "purpose", "voluntary", "anonymous", "retention"],
    "additionalProperties": False,
    "properties": {
        key: {"$ref": "#/$defs/text"}
        for key in ("controller", "purpose", "voluntary", "anonymous", "retention", "contact")
    },
}

QUESTIONNAIRE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["format", "id", "title", "audience", "privacy_notice", "pages"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": 1},
        "id": {"type": "string", "pattern": IDENTIFIER, "maxLength": 60},
        "title": {"$ref": "#/$defs/text"},
        "audience": {"enum": ["guardians", "pupils", "staff", "other"]},
        "description": {"$ref": "#/$defs/text"},
        "privacy_notice": PRIVACY_NOTICE,
        "scales": {
            "type": "object",
            "propertyNames": {"pattern": IDENTIFIER},
            "additionalProperties": {"$ref": "#/$defs/scale"},
        },
        "pages": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/page"}},
        "review_status": {
            "type": "object",
            "propertyNames": {"pattern": LANGUAGE},
            "additionalProperties": {"enum": ["reviewed", "draft"]},
        },
    },
    "$defs": {
        "text": TEXT,
        "condition": CONDITION,
        "question": QUESTION,
        "page": PAGE,
        "scale": SCALE,
    },
}

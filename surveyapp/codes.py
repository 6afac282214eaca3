"""Random identifiers: campaign slugs, resume and receipt codes, row ids."""
from __future__ import annotations

import secrets
import uuid

# no 0/O, 1/I/L: easy to read aloud, copy from paper and type on a phone
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10  # 31**10 ≈ 8e14 codes
SLUG_BYTES = 12  # 96 bits, 16 characters


def new_code(length: int = CODE_LENGTH) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def format_code(code: str) -> str:
    """Show a code in two groups of five: ``K7M4Q-9TX3H``."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def normalise_code(text: str) -> str | None:
    """Accept what people type: lower case, spaces, hyphens. None if it cannot be a code."""
    code = "".join(ch for ch in text.upper() if ch not in " -\u2010\u2011\u2012\u2013\t")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def new_slug() -> str:
    return secrets.token_urlsafe(SLUG_BYTES)


def new_id() -> str:
    return uuid.uuid4().hex

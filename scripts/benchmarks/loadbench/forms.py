"""Reading Verkosto's HTML forms the way a respondent fills them in.

Regular expressions, not a full HTML parser: the pages come from our own templates, and the
load generator must stay cheap on a 2-core machine.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_TAG = re.compile(r"<(form|input|textarea)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([a-zA-Z_:-]+)(?:="([^"]*)")?')
_START_LINK = re.compile(r'<a class="button" href="([^"]+)"')
_RECEIPT = re.compile(r'<p class="code"[^>]*>([^<]+)</p>')

TEXT_ANSWER = "A short answer from the load benchmark."


@dataclass
class Form:
    action: str
    fields: list[dict[str, str]] = field(default_factory=list)

    def value(self, name: str) -> str | None:
        for attributes in self.fields:
            if attributes.get("name") == name:
                return attributes.get("value")
        return None


def parse_form(page: str, action_contains: str = "") -> Form | None:
    """The first form (whose action contains ``action_contains``) and its input fields."""
    form: Form | None = None
    for match in _TAG.finditer(page):
        tag = match.group(1).lower()
        attributes = {k.lower(): html.unescape(v or "") for k, v in _ATTRIBUTE.findall(match.group(2))}
        if tag == "form":
            if form is not None:
                break  # the next form begins: ours is complete
            if action_contains in attributes.get("action", ""):
                form = Form(attributes.get("action", ""))
            continue
        if form is not None:
            attributes["tag"] = tag
            form.fields.append(attributes)
    return form


def valid_answers(form: Form, page: str) -> list[tuple[str, str]]:
    """The CSRF token and a valid answer to every question: the first option of each group."""
    answers: list[tuple[str, str]] = []
    chosen: set[str] = set()
    for attributes in form.fields:
        name = attributes.get("name", "")
        kind = attributes.get("type", "text") if attributes["tag"] == "input" else "textarea"
        if not name or name in chosen:
            continue
        if kind == "hidden":
            answers.append((name, attributes.get("value", "")))
        elif kind in ("radio", "checkbox"):
            answers.append((name, attributes.get("value", "")))
        elif name.endswith(".other"):
            continue  # "please specify" belongs to an option we did not choose
        elif attributes.get("inputmode") in ("numeric", "decimal"):
            answers.append((name, _smallest_number(page, attributes.get("id", ""))))
        else:
            answers.append((name, TEXT_ANSWER))
        chosen.add(name)
    return answers


def _smallest_number(page: str, field_id: str) -> str:
    """Just above the minimum stated under the field ("A number from 0 to 500.")."""
    match = re.search(rf'id="{re.escape(field_id)}-range">A number from (-?[\d.,]+) to', page)
    if not match:
        return "1"
    return str(int(float(match.group(1).replace(",", ""))) + 1)


def start_link(page: str) -> str | None:
    match = _START_LINK.search(page)
    return html.unescape(match.group(1)) if match else None


def receipt_code(page: str) -> str | None:
    match = _RECEIPT.search(page)
    return match.group(1).strip().replace("-", "") if match else None

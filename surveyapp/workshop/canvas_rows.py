"""Reading a canvas row from a posted form (a MultiDict-like mapping) into ``canvas.RowInput``."""
from __future__ import annotations

from typing import Any

from .canvas import RowInput, ThresholdInput

THRESHOLD_SLOTS = 4


def _number(text: str) -> float | None:
    text = text.strip().replace(",", ".").rstrip("%").strip()
    if not text:
        return None
    return float(text)


def row_input(form: Any, unit: str) -> tuple[RowInput, dict[str, str]]:
    """The row and, per field name, what is wrong with it (empty when the form is fine)."""
    errors: dict[str, str] = {}
    theme = form.get("theme", "").strip()
    if not theme and not form.get("delete"):
        errors["theme"] = "theme"
    thresholds = []
    for slot in range(THRESHOLD_SLOTS):
        try:
            value = _number(form.get(f"threshold-{slot}-value", ""))
        except ValueError:
            errors[f"threshold-{slot}-value"] = "number"
            value = None
        thresholds.append(ThresholdInput(value, form.get(f"threshold-{slot}-label", "")[:200],
                                         form.get(f"threshold-{slot}-actor") or None))
    barriers = form.getlist("barrier") + form.get("barriers_other", "").splitlines()
    proposal_ids = [int(p) for p in form.getlist("proposal") if p.isdigit()]
    position = form.get("position", "")
    data = RowInput(
        theme=theme[:200], actors=form.getlist("actor"), other_actors=form.get("other_actors", "")[:300],
        barriers=[b[:300] for b in barriers], proposal_ids=proposal_ids, owner=form.get("owner", "")[:200],
        thresholds=thresholds, notes=form.get("notes", "")[:5000],
        position=int(position) if position.isdigit() else None,
    )
    return data, errors

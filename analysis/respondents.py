"""Several exports (guardians, pupils, staff) as one respondent table with a ``role`` column.

The export's ``respondent_role`` is the questionnaire's audience (``guardians``, ``pupils``,
``staff``, ``other``; docs/export-format.md). :func:`role_of` makes it a role per respondent:
``guardian``, ``pupil``, and for staff the answer to the staff questionnaire's role question
(``role``: ``class_teacher``, ``school_social_worker``, ..., ``other``), or ``staff`` when
it is unanswered. Labels come from the staff codebook.

:func:`combine` stacks the exports. Columns with the same name and the same meaning (same type,
question type and value labels: ``cooperation_overall`` in guardians and staff, the leading
columns) stay one column; columns that share a name but not their codes (``grade_band`` of
guardians and of pupils) are renamed ``questionnaire:name`` so that nothing is mixed silently;
so is the staff questionnaire's own ``role`` column (``staff:role``), as ``role`` is the new one.
A respondent's cells for another questionnaire's questions are empty.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import pandas as pd

from .export_reader import ColumnInfo, Export

__all__ = ["AUDIENCE_ROLES", "ROLE", "Respondents", "combine", "role_labels", "role_of"]

ROLE = "role"
AUDIENCE_ROLES = {"guardians": "guardian", "pupils": "pupil", "staff": "staff", "other": "other"}
_ROLE_LABELS = {"guardian": "Guardian", "pupil": "Pupil", "staff": "Staff (role not given)", "other": "Other"}


@dataclass(frozen=True)
class Respondents:
    """Respondents of several questionnaires: ``data`` with a ``role`` column, and its codebook."""

    data: pd.DataFrame
    codebook: Mapping[str, ColumnInfo]

    def labelled(self, name: str) -> pd.Series:
        values = self.codebook[name].values
        return self.data[name].map(lambda v: values.get(v, v), na_action="ignore")


def _audience(export: Export) -> str:
    roles = export.data["respondent_role"].dropna().unique().tolist() if "respondent_role" in export.data else []
    if len(roles) == 1:
        return str(roles[0])
    questionnaire = (export.metadata.get("questionnaire") or {}).get("audience")
    return str(questionnaire or (roles[0] if roles else "other"))


def role_of(export: Export, *, staff_role_question: str = "role") -> pd.Series:
    """Each respondent's role: ``guardian``, ``pupil``, or the staff member's answered role."""
    audiences = export.data["respondent_role"].astype("object") if "respondent_role" in export.data \
        else pd.Series(_audience(export), index=export.data.index)
    roles = audiences.map(lambda a: AUDIENCE_ROLES.get(a, a) if isinstance(a, str) else "other")
    column = _role_column(export, staff_role_question)
    if column is not None:
        answered = export.data[column].astype("object")
        is_staff = audiences == "staff"
        roles = roles.where(~(is_staff & answered.notna()), answered)
    return roles.astype("string").rename(ROLE)


def _role_column(export: Export, question: str) -> str | None:
    for name, info in export.codebook.items():
        if info.question_id == question and info.answer_key == question and info.question_type == "single_choice":
            return name
    return None


def role_labels(exports: Iterable[Export], *, staff_role_question: str = "role") -> dict[str, str]:
    """Role code → label: the fixed roles and the staff codebook's role labels."""
    labels = dict(_ROLE_LABELS)
    for export in exports:
        column = _role_column(export, staff_role_question)
        if column is not None:
            for code, label in export.codebook[column].values.items():
                labels[str(code)] = "Other staff role" if code == "other" else label
    return labels


def combine(exports: Mapping[str, Export] | Iterable[Export], *, staff_role_question: str = "role") -> Respondents:
    """Stack exports into one table with a ``role`` column first (see the module's docstring)."""
    items = list(exports.items()) if isinstance(exports, Mapping) else [
        (_questionnaire(e), e) for e in exports]
    if not items:
        raise ValueError("combine: no exports")
    infos: dict[str, list[tuple[str, ColumnInfo]]] = {}
    for key, export in items:
        for name, info in export.codebook.items():
            infos.setdefault(name, []).append((key, info))
    renamed: dict[tuple[str, str], str] = {}
    codebook: dict[str, ColumnInfo] = {}
    for name, entries in infos.items():
        if name != ROLE and _same_meaning([info for _, info in entries]):
            values: dict = {}
            for _, info in entries:
                values.update(info.values)
            codebook[name] = replace(entries[0][1], values=values)
        else:
            for key, info in entries:
                new = f"{key}:{name}"
                renamed[key, name] = new
                codebook[new] = replace(info, name=new)
    frames = []
    for key, export in items:
        frame = export.data.rename(columns={n: renamed.get((key, n), n) for n in export.data.columns})
        frame.insert(0, ROLE, role_of(export, staff_role_question=staff_role_question))
        frames.append(frame)
    data = pd.concat([f.astype("object") for f in frames], ignore_index=True)
    for name in data.columns:  # restore nullable types where every part had the same
        types = {str(f[name].dtype) for f in frames if name in f}
        if len(types) == 1 and types.pop() in ("string", "Int64", "Float64", "boolean"):
            data[name] = data[name].astype(next(str(f[name].dtype) for f in frames if name in f))
    data[ROLE] = data[ROLE].astype("string")
    role_info = ColumnInfo(ROLE, "Respondent's role", "string",
                           values=role_labels([e for _, e in items], staff_role_question=staff_role_question))
    return Respondents(data, {ROLE: role_info, **codebook})


def _questionnaire(export: Export) -> str:
    if "questionnaire" in export.data and export.data["questionnaire"].notna().any():
        return str(export.data["questionnaire"].dropna().iloc[0])
    return _audience(export)


def _same_meaning(infos: list[ColumnInfo]) -> bool:
    first = infos[0]
    if first.question_id is None:  # the leading columns
        return all(i.question_id is None and i.type == first.type for i in infos)
    return all(i.type == first.type and i.question_type == first.question_type and i.option == first.option
               and dict(i.values) == dict(first.values) for i in infos)

"""The SYNTHETIC data set's objects, and its responses as an export document (docs/export-format.md)."""
from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..export_reader import Export, read_json_export
from ._data import themes as _themes
from .layout import LABEL_LANGUAGE, QuestionnaireLayout

SYNTHETIC_NOTICE = (
    "SYNTHETIC DATA: invented by analysis.synthetic for tests, demonstrations and notebooks. "
    "No real person answered; areas, schools, people and contact details are made up."
)
PROJECT_NAME = "SYNTHETIC example data – Koulunkäynnin tuki / Stöd för skolgången"
QUESTIONNAIRE_VERSION = 1
TRUE_THEMES_SUFFIX = "__true_themes"
"""``COLUMN__true_themes``: the themes a text was written from, ``;``-separated ("" for none)."""
PERSONAL_DATA_SUFFIX = "__personal_data"
"""``COLUMN__personal_data``: True when a phone number or e-mail address was planted in the text."""
THEME_SEPARATOR = ";"
CAMPAIGN_START = dt.date(2025, 3, 3)


@dataclass(frozen=True)
class SyntheticResponse:
    """One invented response: stored answer keys, as the web app stores them (and exports them)."""

    id: str
    language: str
    submitted_on: dt.date
    answers: Mapping[str, Any]
    true_themes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """For each coded free-text column answered: the themes the text was written from."""
    personal_data: frozenset[str] = frozenset()
    """The free-text columns in which a phone number or e-mail address was planted."""
    questionnaire_version: int = QUESTIONNAIRE_VERSION


@dataclass(frozen=True)
class SyntheticCampaign:
    name: str
    slug: str
    project: str
    area: str
    schools: tuple[str, ...]
    responses: tuple[SyntheticResponse, ...]
    synthetic: bool = True


@dataclass(frozen=True)
class SyntheticSurvey:
    """One questionnaire's invented responses: campaigns (one per area), the export and the labels."""

    layout: QuestionnaireLayout
    campaigns: tuple[SyntheticCampaign, ...]
    export: Export
    """All campaigns as one export, read by ``analysis.export_reader`` (types as from a real file)."""
    labels: pd.DataFrame
    """``response_id`` and, per coded free-text column, ``COLUMN__true_themes`` and
    ``COLUMN__personal_data``; rows aligned with ``data``; missing where the text is unanswered."""
    synthetic: bool = True
    notice: str = SYNTHETIC_NOTICE

    @property
    def data(self) -> pd.DataFrame:
        return self.export.data

    @property
    def coded_columns(self) -> dict[str, str]:
        """Free-text column → theme family, for the columns with true themes."""
        return self.layout.coded_columns()

    def with_labels(self) -> pd.DataFrame:
        """The data with the label columns appended (no longer the export layout)."""
        return pd.concat([self.data, self.labels.drop(columns="response_id")], axis=1)

    def theme_matrix(self, column: str, themes: Sequence[str] | None = None) -> pd.DataFrame:
        """The true themes of ``column`` as 0/1, one column per theme, for the answered rows only."""
        labels = self.labels[f"{column}{TRUE_THEMES_SUFFIX}"].dropna()
        themes = list(themes) if themes is not None else _themes()[self.coded_columns[column]]
        rows = [[1 if t in set(v.split(THEME_SEPARATOR)) else 0 for t in themes] for v in labels]
        return pd.DataFrame(rows, index=labels.index, columns=themes, dtype="int64")


@dataclass(frozen=True)
class SyntheticDataSet:
    seed: int
    surveys: Mapping[str, SyntheticSurvey]
    synthetic: bool = True
    notice: str = SYNTHETIC_NOTICE

    def __getitem__(self, questionnaire_id: str) -> SyntheticSurvey:
        return self.surveys[questionnaire_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.surveys)


def export_document(layout: QuestionnaireLayout, campaigns: Sequence[SyntheticCampaign]) -> dict[str, Any]:
    """The campaigns' responses as a JSON export document (docs/export-format.md, version 1)."""
    columns = layout.columns()
    schools = sorted({s for c in campaigns for s in c.schools})
    one = campaigns[0] if len(campaigns) == 1 else None
    rows = []
    for campaign in campaigns:
        for response in campaign.responses:
            rows.append({c["name"]: _cell(c, response, campaign, layout) for c in columns})
    return {
        "format": "verkosto-export",
        "version": 1,
        "label_language": LABEL_LANGUAGE,
        "questionnaire": {"id": layout.id, "title": layout.title, "version": QUESTIONNAIRE_VERSION,
                          "audience": layout.audience},
        "campaign": {
            "name": one.name if one else f"{PROJECT_NAME} – all areas",
            "slug": one.slug if one else f"synthetic-{layout.id}",
            "project": PROJECT_NAME,
            "area": one.area if one else None,
            "schools": list(one.schools) if one else schools,
        },
        "synthetic": True,
        "notice": SYNTHETIC_NOTICE,
        "columns": columns,
        "responses": rows,
    }


def _cell(column: Mapping[str, Any], response: SyntheticResponse, campaign: SyntheticCampaign,
          layout: QuestionnaireLayout) -> Any:
    leading = {
        "response_id": response.id, "campaign": campaign.name, "project": campaign.project,
        "area": campaign.area or None, "schools": "; ".join(campaign.schools) or None,
        "questionnaire": layout.id, "questionnaire_version": response.questionnaire_version,
        "language": response.language, "submitted_on": response.submitted_on.isoformat(),
        "respondent_role": layout.audience,
    }
    key = column["answer_key"]
    if key is None:
        return leading[column["name"]]
    value = response.answers.get(key)
    if column["option"] is not None:  # a multiple choice's 0/1 column
        if value is None:
            return None
        chosen = {str(v) for v in ([value] if isinstance(value, str) else value)}
        return 1 if column["option"] in chosen else 0
    if isinstance(value, bool):
        return int(value)
    return value if isinstance(value, (str, int, float)) else None


def survey(layout: QuestionnaireLayout, campaigns: Sequence[SyntheticCampaign]) -> SyntheticSurvey:
    document = export_document(layout, campaigns)
    export = read_json_export(io.BytesIO(json.dumps(document, ensure_ascii=False).encode("utf-8")))
    export.data.attrs.update(synthetic=True, notice=SYNTHETIC_NOTICE)
    responses = [r for c in campaigns for r in c.responses]
    labels: dict[str, Any] = {"response_id": pd.Series([r.id for r in responses], dtype="string")}
    for column in layout.coded_columns():
        themes = [THEME_SEPARATOR.join(r.true_themes[column]) if column in r.true_themes else None
                  for r in responses]
        personal = [column in r.personal_data if column in r.true_themes else None for r in responses]
        labels[f"{column}{TRUE_THEMES_SUFFIX}"] = pd.Series(themes, dtype="string")
        labels[f"{column}{PERSONAL_DATA_SUFFIX}"] = pd.Series(personal, dtype="boolean")
    frame = pd.DataFrame(labels, index=pd.RangeIndex(len(responses)))
    frame.attrs.update(synthetic=True, notice=SYNTHETIC_NOTICE)
    return SyntheticSurvey(layout, tuple(campaigns), export, frame)

"""SYNTHETIC survey data for tests, demonstrations and notebooks: invented, never real responses.

``generate(seed)`` answers the three shipped questionnaires (guardians, pupils, staff) with
invented respondents in three invented areas, in the export's own layout (docs/export-format.md):

    >>> data = generate(seed=2025)                       # 300 guardians, 300 pupils, 150 staff
    >>> data["staff"].data                               # as analysis.export_reader would read it
    >>> data["staff"].labels["what_hinders__true_themes"]  # the themes each text was written from

The answers are correlated the way real ones tend to be (absence with grade, reasons with
absence, Likert answers with role and area, free texts with the Likert answers), so that
cross-tabulations, opinion groups and theme coding have something to find. Free texts about
reasons for absence and barriers to cooperation are composed from phrase templates per theme and
language (Finnish mostly, some Swedish and English), sometimes with two themes, sometimes short,
off-topic, misspelt or carrying a planted phone number or e-mail address, and their true themes
are recorded, so the set doubles as a labelled test set for ``analysis.codebook``. Free texts of
other theme families (what would help, what helps, proposals) are left unanswered.
The templates and the codebooks' seed terms were written by the same people, so a coder's
agreement with these labels is an optimistic upper bound, not a measure for real answers.

Everything is marked: the project and campaign names start with ``SYNTHETIC``, response ids
with ``syn-``, every object has ``synthetic = True`` and ``notice``, and the data frames carry
``attrs["synthetic"]``. The generator is deterministic for a seed. ``scripts/make_synthetic_data.py``
writes the same data as real export files with the web app's exporter.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from .export_reader import Export, read_json_export

__all__ = [
    "DEFAULT_SEED",
    "DEFAULT_SIZES",
    "PERSONAL_DATA_SUFFIX",
    "SYNTHETIC_NOTICE",
    "THEMES",
    "TRUE_THEMES_SUFFIX",
    "LayoutQuestion",
    "QuestionnaireLayout",
    "SyntheticCampaign",
    "SyntheticDataSet",
    "SyntheticResponse",
    "SyntheticSurvey",
    "export_document",
    "generate",
]

SYNTHETIC_NOTICE = (
    "SYNTHETIC DATA: invented by analysis.synthetic for tests, demonstrations and notebooks. "
    "No real person answered; areas, schools, people and contact details are made up."
)
PROJECT_NAME = "SYNTHETIC example data – Koulunkäynnin tuki / Stöd för skolgången"
QUESTIONNAIRES_DIR = Path(__file__).resolve().parents[1] / "questionnaires"
DEFAULT_SEED = 2025
DEFAULT_SIZES = {"guardians": 300, "pupils": 300, "staff": 150}
LABEL_LANGUAGE = "en"
QUESTIONNAIRE_VERSION = 1
TRUE_THEMES_SUFFIX = "__true_themes"
"""``COLUMN__true_themes``: the themes a text was written from, ``;``-separated ("" for none)."""
PERSONAL_DATA_SUFFIX = "__personal_data"
"""``COLUMN__personal_data``: True when a phone number or e-mail address was planted in the text."""
THEME_SEPARATOR = ";"
CAMPAIGN_START = dt.date(2025, 3, 3)


# --- the questionnaire's layout, read from its YAML without the web app -------------------------

@dataclass(frozen=True)
class LayoutQuestion:
    id: str
    type: str
    text: str
    options: tuple[tuple[str, str], ...] = ()
    other: str | None = None
    statements: tuple[tuple[str, str], ...] = ()
    scale: tuple[tuple[int, str], ...] = ()
    dont_know: str | None = None
    unit: str | None = None
    integer: bool = True
    theme_family: str | None = None

    @property
    def scale_values(self) -> list[int]:
        return [value for value, _ in self.scale]


@dataclass(frozen=True)
class QuestionnaireLayout:
    """What the export needs of a questionnaire: its questions, options, scales and English texts."""

    id: str
    title: str
    audience: str
    questions: tuple[LayoutQuestion, ...]

    @classmethod
    def read(cls, path: str | Path) -> QuestionnaireLayout:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        scales = data.get("scales") or {}
        questions = []
        for page in data["pages"]:
            for q in page["questions"]:
                scale = scales.get(q.get("scale")) if q.get("scale") else None
                questions.append(LayoutQuestion(
                    id=q["id"], type=q["type"], text=_en(q["text"]),
                    options=tuple((str(o["value"]), _en(o["label"])) for o in q.get("options", ())),
                    other=_en(q["other"]) if q.get("other") else None,
                    statements=tuple((s["id"], _en(s["text"])) for s in q.get("statements", ())),
                    scale=tuple((int(p["value"]), _en(p["label"])) for p in scale["points"]) if scale else (),
                    dont_know=(_en(scale.get("dont_know")) or "Don't know") if scale and q.get("dont_know") else None,
                    unit=_en(q["unit"]) if q.get("unit") else None,
                    integer=bool(q.get("integer", True)),
                    theme_family=(q.get("analysis") or {}).get("theme_family"),
                ))
        return cls(data["id"], _en(data["title"]), data["audience"], tuple(questions))

    def question(self, question_id: str) -> LayoutQuestion:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def coded_columns(self) -> dict[str, str]:
        """Free-text columns with a theme family this module writes texts for: column → family."""
        columns = {}
        for q in self.questions:
            if q.theme_family not in PHRASES:
                continue
            if q.type in ("short_text", "long_text"):
                columns[q.id] = q.theme_family
            elif q.other is not None:
                columns[f"{q.id}.other"] = q.theme_family
        return columns

    def columns(self) -> list[dict[str, Any]]:
        """The export's columns (docs/export-format.md) as JSON column entries, with their getters."""
        audience_labels = {"guardians": "Guardians", "pupils": "Pupils", "staff": "Staff", "other": "Other"}
        entries = [
            _column("response_id", "Response identifier", "string"),
            _column("campaign", "Campaign", "string"),
            _column("project", "Project", "string"),
            _column("area", "Area", "string"),
            _column("schools", "Schools (separated by '; ')", "string"),
            _column("questionnaire", "Questionnaire", "string"),
            _column("questionnaire_version", "Questionnaire version", "integer"),
            _column("language", "Language of the answers", "string"),
            _column("submitted_on", "Date submitted", "date"),
            _column("respondent_role", "Respondent role", "string",
                    values=((self.audience, audience_labels.get(self.audience, self.audience)),)),
        ]
        for q in self.questions:
            entries += _question_columns(q)
        seen: set[str] = set()
        for entry in entries:  # a repeated name gets _2, _3, ... (the answer_key says which is which)
            name, number = entry["name"], 1
            while name in seen:
                number += 1
                name = f"{entry['name']}_{number}"
            seen.add(name)
            entry["name"] = name
        for entry, spss in zip(entries, _spss_names([e["name"] for e in entries])):
            entry["spss_name"] = spss
        return entries


def _en(text: Any) -> str:
    if isinstance(text, Mapping):
        return str(text.get(LABEL_LANGUAGE) or next(iter(text.values()), ""))
    return "" if text is None else str(text)


def _column(name: str, label: str, kind: str, *, question: LayoutQuestion | None = None,
            answer_key: str | None = None, option: str | None = None,
            values: Sequence[tuple[Any, str]] = ()) -> dict[str, Any]:
    return {
        "name": name, "label": label, "type": kind,
        "question_id": question.id if question else None,
        "question_type": question.type if question else None,
        "answer_key": answer_key, "option": option,
        "values": [{"code": code, "label": text} for code, text in values],
    }


def _question_columns(q: LayoutQuestion) -> list[dict[str, Any]]:
    """The columns of one question, named and labelled as the web app's exporter does."""
    dash = " — "
    choice_values = [*q.options, *((("other", q.other),) if q.other is not None else ())]
    scale_values = [*q.scale, *((("dont_know", q.dont_know),) if q.dont_know else ())]
    if q.type == "single_choice":
        columns = [_column(q.id, q.text, "string", question=q, answer_key=q.id, values=choice_values)]
    elif q.type == "multiple_choice":
        columns = [_column(f"{q.id}__{code}", f"{q.text}{dash}{label}", "boolean", question=q, answer_key=q.id,
                           option=code, values=((0, "not chosen"), (1, "chosen")))
                   for code, label in choice_values]
    elif q.type == "likert":
        columns = [_column(q.id, q.text, "integer", question=q, answer_key=q.id, values=scale_values)]
    elif q.type == "matrix":
        columns = [_column(f"{q.id}.{sid}", f"{q.text}{dash}{stext}", "integer", question=q,
                           answer_key=f"{q.id}.{sid}", values=scale_values) for sid, stext in q.statements]
    elif q.type == "number":
        label = f"{q.text} ({q.unit})" if q.unit else q.text
        columns = [_column(q.id, label, "integer" if q.integer else "number", question=q, answer_key=q.id)]
    else:
        columns = [_column(q.id, q.text, "string", question=q, answer_key=q.id)]
    if q.other is not None:
        columns.append(_column(f"{q.id}.other", f"{q.text}{dash}{q.other} (text)", "string", question=q,
                               answer_key=f"{q.id}.other"))
    return columns


def _spss_names(names: Sequence[str]) -> list[str]:
    """SPSS variable names as docs/export-format.md maps them."""
    reserved = {"all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"}
    taken: set[str] = set()
    result = []
    for name in names:
        base = re.sub(r"[^A-Za-z0-9_]", "_", name)
        if not base[:1].isalpha() or base.lower() in reserved:
            base = f"v_{base}"
        base = base[:64]
        candidate, number = base, 1
        while candidate.lower() in taken:
            number += 1
            candidate = base[: 64 - len(f"_{number}")] + f"_{number}"
        taken.add(candidate.lower())
        result.append(candidate)
    return result


# --- the data set --------------------------------------------------------------------------------

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
        themes = list(themes) if themes is not None else THEMES[self.coded_columns[column]]
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


def generate(seed: int = DEFAULT_SEED, *, guardians: int = DEFAULT_SIZES["guardians"],
             pupils: int = DEFAULT_SIZES["pupils"], staff: int = DEFAULT_SIZES["staff"],
             questionnaires_dir: str | Path | None = None) -> SyntheticDataSet:
    """Invent responses to the shipped questionnaires; the same seed gives the same data."""
    sizes = {"guardians": guardians, "pupils": pupils, "staff": staff}
    for name, size in sizes.items():
        if not isinstance(size, (int, np.integer)) or isinstance(size, bool) or size < 0:
            raise ValueError(f"{name}: the number of responses must be a whole number >= 0, not {size!r}")
    folder = Path(questionnaires_dir) if questionnaires_dir is not None else QUESTIONNAIRES_DIR
    surveys = {}
    for index, (questionnaire, make) in enumerate(_MAKERS.items()):
        path = folder / f"{questionnaire}.yaml"
        if not path.exists():
            raise FileNotFoundError(f"{path}: the {questionnaire} questionnaire is needed for its layout")
        layout = QuestionnaireLayout.read(path)
        rng = np.random.default_rng([seed, index])
        campaigns = _campaigns(rng, layout, int(sizes[questionnaire]), make)
        surveys[questionnaire] = _survey(layout, campaigns)
    return SyntheticDataSet(seed, surveys)


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


def _survey(layout: QuestionnaireLayout, campaigns: Sequence[SyntheticCampaign]) -> SyntheticSurvey:
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


# --- areas, campaigns and shared helpers ---------------------------------------------------------

@dataclass(frozen=True)
class _Area:
    slug: str
    name: str
    share: float
    languages: Mapping[str, float]
    staff_languages: Mapping[str, float]
    climate: float
    """How well cooperation works here (positive: better); shifts Likert answers and texts."""
    schools: tuple[str, ...]


AREAS = (
    _Area("pohjoinen", "Pohjoinen alue (SYNTHETIC)", 0.40, {"fi": 0.90, "sv": 0.03, "en": 0.07},
          {"fi": 0.95, "sv": 0.03, "en": 0.02}, 0.35,
          ("Koivulan koulu", "Harjunrinteen yhtenäiskoulu", "Pohjolan lukio")),
    _Area("keskusta", "Keskusta (SYNTHETIC)", 0.35, {"fi": 0.76, "sv": 0.06, "en": 0.18},
          {"fi": 0.90, "sv": 0.05, "en": 0.05}, 0.0,
          ("Puistokadun koulu", "Tammelan koulu", "Keskustan lukio")),
    _Area("rannikko", "Rannikko – Kusten (SYNTHETIC)", 0.25, {"fi": 0.35, "sv": 0.60, "en": 0.05},
          {"fi": 0.40, "sv": 0.58, "en": 0.02}, -0.35,
          ("Strandvikens skola", "Rantalan koulu", "Kustens gymnasium")),
)
OTHER_LANGUAGES = ("ru", "ar", "so", "uk", "et", "fa")
"""Guardians may answer in these too (structured questions only: no texts are invented in them)."""

Answers = dict[str, Any]
Maker = Callable[[np.random.Generator, QuestionnaireLayout, _Area, int], list[SyntheticResponse]]


def _campaigns(rng: np.random.Generator, layout: QuestionnaireLayout, count: int,
               make: Maker) -> list[SyntheticCampaign]:
    shares = np.array([a.share for a in AREAS])
    sizes = np.floor(shares * count).astype(int)
    for index in np.argsort(-(shares * count - sizes), kind="stable")[: count - sizes.sum()]:
        sizes[index] += 1  # largest remainders
    campaigns = []
    for area, size in zip(AREAS, sizes):
        responses = make(rng, layout, area, int(size))
        campaigns.append(SyntheticCampaign(
            name=f"SYNTHETIC – {layout.id} – {area.name.replace(' (SYNTHETIC)', '')} – spring 2025",
            slug=f"synthetic-{layout.id}-{area.slug}", project=PROJECT_NAME, area=area.name,
            schools=area.schools, responses=tuple(responses),
        ))
    return campaigns


def _response_id(rng: np.random.Generator, layout: QuestionnaireLayout, area: _Area, number: int) -> str:
    return f"syn-{layout.id[0]}{area.slug[0]}{number:04d}-{int(rng.integers(0, 16 ** 6)):06x}"


def _pick(rng: np.random.Generator, items: Sequence[Any], p: Sequence[float] | None = None) -> Any:
    if p is not None:
        weights = np.asarray(p, dtype=float)
        return items[int(rng.choice(len(items), p=weights / weights.sum()))]
    return items[int(rng.integers(len(items)))]


def _pick_mapping(rng: np.random.Generator, weights: Mapping[str, float]) -> str:
    keys = list(weights)
    return _pick(rng, keys, [weights[k] for k in keys])


def _sample(rng: np.random.Generator, weights: Mapping[str, float], k: int) -> list[str]:
    """Up to k distinct keys, drawn without replacement in proportion to their weights."""
    keys = [key for key, weight in weights.items() if weight > 0]
    k = min(k, len(keys))
    if k <= 0:
        return []
    p = np.array([weights[key] for key in keys], dtype=float)
    chosen = rng.choice(len(keys), size=k, replace=False, p=p / p.sum())
    return [keys[int(i)] for i in chosen]


def _scale(rng: np.random.Generator, mean: float, values: Sequence[int], sd: float = 0.75) -> int:
    low, high = min(values), max(values)
    return int(np.clip(round(rng.normal(mean, sd)), low, high))


def _matrix(rng: np.random.Generator, question: LayoutQuestion, means: Mapping[str, float], *,
            dont_know: float | Mapping[str, float] = 0.04, skip: float = 0.02, sd: float = 0.75) -> Answers:
    """Answers to a matrix question: ``q.statement`` → scale value, ``dont_know`` or (skipped) nothing."""
    answers: Answers = {}
    for statement, _ in question.statements:
        key = f"{question.id}.{statement}"
        if rng.random() < skip:
            continue
        dk = dont_know.get(key, 0.04) if isinstance(dont_know, Mapping) else dont_know
        if question.dont_know and rng.random() < dk:
            answers[key] = "dont_know"
        else:
            answers[key] = _scale(rng, means.get(key, 3.0), question.scale_values, sd)
    return answers


def _mean_of(answers: Answers, prefix: str, negative: Sequence[str] = (), top: int = 5) -> float | None:
    values = []
    for key, value in answers.items():
        if key.startswith(prefix) and isinstance(value, int):
            values.append(top + 1 - value if key in negative else value)
    return float(np.mean(values)) if values else None


def _date(rng: np.random.Generator, spread_days: int, *, weekdays_only: bool = False,
          early: bool = False) -> dt.date:
    while True:
        if early:  # most answer soon after the invitation
            offset = int(min(rng.exponential(spread_days / 3), spread_days - 1))
        else:
            offset = int(rng.integers(spread_days))
        day = CAMPAIGN_START + dt.timedelta(days=offset)
        if not weekdays_only or day.weekday() < 5:
            return day


def _language(rng: np.random.Generator, mix: Mapping[str, float]) -> str:
    return _pick_mapping(rng, mix)


def _tick(rng: np.random.Generator, reasons: Sequence[str], options: Sequence[str], *,
          p_tick: float = 0.9, p_elaborate: float = 0.12, p_vague: float = 0.03) -> tuple[list[str], list[str] | None]:
    """The options a respondent ticks for their true reasons, and the themes of their "other" text.

    A true reason that is no option (e.g. ``neurodevelopmental``) goes into the "other" text; so,
    now and then, does an elaboration of a ticked one. ``None``: no "other" text.
    """
    ticked = [r for r in reasons if r in options and rng.random() < p_tick]
    other = [r for r in reasons if r not in options]
    if ticked and rng.random() < p_elaborate:
        other.append(_pick(rng, ticked))
    if not other and rng.random() < p_vague:
        return [*ticked, "other"], []
    if other:
        return [*ticked, "other"], list(dict.fromkeys(other))
    return ticked, None


def _reasons(rng: np.random.Generator, grade: str, severity: str, count: int) -> list[str]:
    weights = dict(REASON_WEIGHTS)
    for theme, factor in GRADE_FACTORS.get(grade, {}).items():
        weights[theme] *= factor
    severity_factors = SEVERITY_FACTORS[severity]
    default = severity_factors.get("*", 1.0)
    for theme in weights:
        weights[theme] *= severity_factors.get(theme, default)
    return _sample(rng, weights, count)


class _Writer:
    """Free texts composed from the phrase templates below."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng

    def __call__(self, family: str, themes: Sequence[str], language: str, audience: str) -> tuple[str, bool]:
        rng = self.rng
        if not themes:
            text = _fill(rng, _pick(rng, OFF_TOPIC[family][language]))
        elif len(themes) == 1 and rng.random() < 0.15:
            text = _pick(rng, SHORT[family][themes[0]][language])
        else:
            sentences = []
            for position, index in enumerate(rng.permutation(len(themes))):
                sentence = _fill(rng, _pick(rng, _templates(PHRASES[family][themes[int(index)]][language], audience)))
                if position:
                    connector = _pick(rng, CONNECTORS[language])
                    sentence = connector + _lower_first(sentence) if connector else sentence
                sentences.append(sentence)
            if rng.random() < 0.15:
                sentences.insert(0, _pick(rng, OPENERS[family][language]))
            if rng.random() < 0.08:
                sentences.append(_pick(rng, CLOSERS[language]))
            text = " ".join(sentences)
        text = _noise(rng, text)
        personal = bool(rng.random() < 0.04)
        if personal:
            text = f"{text} {_personal_data(rng, language)}"
        return text, personal


_ALTERNATIVES = re.compile(r"\{(?:(\w+):)?([^{}]*)\}")
_TAG = re.compile(r"([GPS]):\s*")


def _fill(rng: np.random.Generator, template: str) -> str:
    """Expand ``{a|b|c}``; groups with the same label (``{g:he|she} ... {g:him|her}``) agree."""
    chosen: dict[str, int] = {}

    def replace(match: re.Match[str]) -> str:
        label, options = match.group(1), match.group(2).split("|")
        if label is None:
            return options[int(rng.integers(len(options)))]
        index = chosen.setdefault(label, int(rng.integers(len(options))))
        return options[index % len(options)]

    return _ALTERNATIVES.sub(replace, template)


def _templates(templates: Sequence[str], audience: str) -> list[str]:
    """The templates for ``audience`` (G guardians, P pupils, S staff); untagged ones suit all."""
    chosen = []
    for template in templates:
        tag = _TAG.match(template)
        if tag is None:
            chosen.append(template)
        elif tag.group(1) == audience:
            chosen.append(template[tag.end():])
    return chosen or [_TAG.sub("", t, count=1) for t in templates]


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def _noise(rng: np.random.Generator, text: str) -> str:
    """Now and then a typo (two letters swapped) or a hurried all-lower-case answer."""
    if rng.random() < 0.05:
        words = text.split(" ")
        long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
        if long:
            i = _pick(rng, long)
            j = int(rng.integers(1, len(words[i]) - 2))
            w = words[i]
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
            text = " ".join(words)
    if rng.random() < 0.10:
        text = text.lower().rstrip(".!")
    return text


def _personal_data(rng: np.random.Generator, language: str) -> str:
    first = _pick(rng, ("aino", "mikko", "anna", "erik", "sara", "jussi", "liisa", "johan"))
    last = _pick(rng, ("virtanen", "korhonen", "lindqvist", "nieminen", "karlsson", "smith"))
    email = f"{first}.{last}{int(rng.integers(1, 99))}@example.{_pick(rng, ('com', 'org', 'net'))}"
    phone = _pick(rng, PHONES[language])
    return _pick(rng, PERSONAL[language]).format(email=email, phone=phone)


# --- guardians -----------------------------------------------------------------------------------

def _guardians(rng: np.random.Generator, layout: QuestionnaireLayout, area: _Area,
               count: int) -> list[SyntheticResponse]:
    write = _Writer(rng)
    reason_options = [v for v, _ in layout.question("reasons").options]
    responses = []
    for number in range(count):
        language = _pick(rng, OTHER_LANGUAGES) if rng.random() < 0.04 else _language(rng, area.languages)
        answers: Answers = {}
        themes: dict[str, tuple[str, ...]] = {}
        personal: set[str] = set()
        grade = _pick(rng, ("grades_1_2", "grades_3_6", "grades_7_9", "upper_secondary"), (0.22, 0.38, 0.28, 0.12))
        answers["grade_band"] = grade
        z = rng.normal() + {"grades_1_2": -0.2, "grades_3_6": 0.0, "grades_7_9": 0.35, "upper_secondary": 0.45}[grade]
        if rng.random() < 0.05:
            band = "dont_know"
        else:
            band = "under_10" if z < 0.75 else "from_10_to_20" if z < 1.45 else "over_20"
        answers["absence_band"] = band
        p = {"under_10": 0.10, "from_10_to_20": 0.55, "over_20": 0.85, "dont_know": 0.35}[band]
        if rng.random() > 0.03:
            answers["attendance_concern"] = _pick(rng, ("yes", "no", "dont_know"), (p, (1 - p) * 0.93, (1 - p) * 0.07))
        concern = answers.get("attendance_concern") == "yes"
        notable = band in ("from_10_to_20", "over_20") or concern
        severity = "high" if band == "over_20" else "mid" if notable else "low"
        count_reasons = _pick(rng, (1, 2, 3), {"low": (0.8, 0.2, 0.0), "mid": (0.45, 0.35, 0.2),
                                                "high": (0.35, 0.4, 0.25)}[severity])
        reasons = _reasons(rng, grade, severity, count_reasons)
        if band in ("under_10", "from_10_to_20", "over_20") or concern:
            if band in ("from_10_to_20", "over_20") and rng.random() < 0.8:
                low, high = (48, 95) if band == "from_10_to_20" else (95, 260)
                hours = rng.uniform(low, high) * rng.normal(1.0, 0.15)
                answers["absence_hours"] = int(max(0, round(hours / 5) * 5 if rng.random() < 0.5 else round(hours)))
            if rng.random() < 0.92:
                ticked, other = _tick(rng, reasons, reason_options, p_elaborate=0.3)
                answers["reasons"] = ticked
                if other is not None and rng.random() < 0.95 and language in PHRASE_LANGUAGES:
                    text, planted = write("reasons_for_absence", other, language, "G")
                    answers["reasons.other"] = text
                    themes["reasons.other"] = tuple(other)
                    if planted:
                        personal.add("reasons.other")
        barrier_count = _pick(rng, (0, 1, 2, 3), (0.25, 0.5, 0.2, 0.05) if notable else (0.6, 0.35, 0.05, 0.0))
        barriers = _sample(rng, GUARDIAN_BARRIERS, barrier_count)
        s = rng.normal() + 0.5 * area.climate - 0.35 * len(barriers)
        if notable:
            answers.update(_guardian_support(rng, layout, reasons, s))
            means = {f"cooperation_experience.{k}": 3.4 + 0.8 * s + 0.4 * area.climate + v
                     for k, v in GUARDIAN_STATEMENT_OFFSETS.items()}
            for barrier in barriers:
                for key, effect in GUARDIAN_EFFECTS.get(barrier, {}).items():
                    means[f"cooperation_experience.{key}"] += effect
            answers.update(_matrix(rng, layout.question("cooperation_experience"), means, sd=0.7))
            mean = _mean_of(answers, "cooperation_experience.")
            if rng.random() < 0.03 or mean is None:
                answers["cooperation_overall"] = "dont_know"
            else:
                scale = layout.question("cooperation_overall").scale_values
                answers["cooperation_overall"] = _scale(rng, mean, scale, 0.5)
        if language in PHRASE_LANGUAGES and rng.random() < (0.6 if notable else 0.22):
            text, planted = write("barriers_to_cooperation", barriers, language, "G")
            answers["what_should_change"] = text
            themes["what_should_change"] = tuple(barriers)
            if planted:
                personal.add("what_should_change")
        responses.append(SyntheticResponse(
            _response_id(rng, layout, area, number), language, _date(rng, 21, early=True), answers,
            themes, frozenset(personal)))
    return responses


def _guardian_support(rng: np.random.Generator, layout: QuestionnaireLayout, reasons: Sequence[str],
                      s: float) -> Answers:
    answers: Answers = {}
    answers["first_raised"] = _pick(rng, ("guardians", "child", "teacher", "pupil_welfare", "other_professional",
                                          "dont_know"), (0.35, 0.08, 0.35, 0.12, 0.05, 0.05))
    need = {
        "school": 0.85,
        "school_social_worker": 0.2 + 0.4 * bool({"bullying_peer_relations", "anxiety_mental_health",
                                                  "family_situation"} & set(reasons)),
        "school_psychologist": 0.1 + 0.4 * bool({"anxiety_mental_health", "learning_difficulties_pressure",
                                                 "neurodevelopmental"} & set(reasons)),
        "school_health": 0.2 + 0.45 * bool({"physical_illness", "anxiety_mental_health"} & set(reasons)),
        "health_services": 0.1 + 0.3 * bool({"anxiety_mental_health", "neurodevelopmental"} & set(reasons)),
        "family_social_work": 0.05 + 0.35 * ("family_situation" in reasons),
        "child_welfare": 0.03 + 0.2 * bool({"family_situation", "substance_use"} & set(reasons)),
        "other_services": 0.1,
    }
    question = layout.question("support_sources")
    used = False
    for statement, _ in question.statements:
        if rng.random() < 0.03:
            continue
        if rng.random() < need.get(statement, 0.1):
            answers[f"support_sources.{statement}"] = _scale(rng, 2.6 + 0.6 * s, question.scale_values, 0.8)
            used = True
        else:
            answers[f"support_sources.{statement}"] = "dont_know"
    if not used:
        answers["support_timing"] = "not_needed"
    else:
        answers["support_timing"] = _pick(rng, ("in_time", "too_late", "not_yet", "dont_know"),
                                          (0.5, 0.3, 0.1, 0.1) if s > 0 else (0.2, 0.45, 0.25, 0.1))
    return answers


# --- pupils --------------------------------------------------------------------------------------

def _pupils(rng: np.random.Generator, layout: QuestionnaireLayout, area: _Area,
            count: int) -> list[SyntheticResponse]:
    write = _Writer(rng)
    options = [v for v, _ in layout.question("hard_reasons").options]
    feelings = layout.question("school_feelings")
    responses: list[SyntheticResponse] = []
    while len(responses) < count:  # a class answers together, during one lesson
        grade = _pick(rng, ("grades_4_6", "grades_7_9", "upper_secondary"), (0.4, 0.4, 0.2))
        day = _date(rng, 25, weekdays_only=True)
        climate = rng.normal(0, 0.35)
        for _ in range(min(int(rng.integers(12, 24)), count - len(responses))):
            language = _language(rng, area.languages)
            answers: Answers = {"grade_band": grade}
            themes: dict[str, tuple[str, ...]] = {}
            personal: set[str] = set()
            w = rng.normal() + climate + 0.3 * area.climate
            issues = min(3, int(rng.poisson(max(0.05, 0.8 - 0.75 * w))))
            reasons = _reasons(rng, grade, "high" if w < -1 else "mid", issues)
            means = {f"school_feelings.{k}": 2.9 + 0.4 * w + v for k, v in FEELING_OFFSETS.items()}
            for reason in reasons:
                for key, effect in PUPIL_EFFECTS.get(reason, {}).items():
                    means[f"school_feelings.{key}"] += effect
            answers.update(_matrix(rng, feelings, means, dont_know=0.03, skip=0.01, sd=0.6))
            hard = -0.6 * w + 0.55 * len(reasons) + rng.normal(0, 0.5)
            answers["hard_to_go"] = ("never" if hard < 0.4 else "sometimes" if hard < 1.4
                                     else "often" if hard < 2.1 else "almost_always")
            missed = 0.5 * len(reasons) + 0.8 * ("physical_illness" in reasons) + rng.normal(0, 0.6)
            answers["missed_school"] = ("dont_know" if rng.random() < 0.05 else "hardly_ever" if missed < 0.6
                                        else "sometimes" if missed < 1.4 else "often")
            if answers["hard_to_go"] != "never":
                if not reasons and rng.random() < 0.6:
                    reasons = _reasons(rng, grade, "mid", 1)
                if rng.random() < 0.9:
                    ticked, other = _tick(rng, reasons, options, p_tick=0.85, p_elaborate=0.3, p_vague=0.05)
                    answers["hard_reasons"] = ticked
                    if other is not None and rng.random() < 0.85:
                        text, planted = write("reasons_for_absence", other, language, "P")
                        answers["hard_reasons.other"] = text
                        themes["hard_reasons.other"] = tuple(other)
                        if planted:
                            personal.add("hard_reasons.other")
            answers["who_to_talk"] = _who_to_talk(rng, w, reasons)
            if answers["missed_school"] in ("sometimes", "often"):
                answers["adult_asked"] = _pick(rng, ("yes", "no", "dont_remember"), (0.45, 0.4, 0.15))
            responses.append(SyntheticResponse(
                _response_id(rng, layout, area, len(responses)), language, day, answers, themes, frozenset(personal)))
    return responses


def _who_to_talk(rng: np.random.Generator, w: float, reasons: Sequence[str]) -> list[str]:
    if rng.random() < 0.04 + 0.05 * max(0.0, -w):
        return ["nobody"]
    chances = {"parent": 0.8 - 0.3 * ("family_situation" in reasons), "teacher": 0.35 - 0.2 * (
        "teacher_relationships_climate" in reasons), "school_nurse": 0.2, "school_social_worker": 0.18,
        "school_psychologist": 0.06, "friend": 0.6 - 0.35 * ("bullying_peer_relations" in reasons),
        "someone_else": 0.1}
    chosen = [option for option, chance in chances.items() if rng.random() < chance]
    return chosen or ["nobody"]


# --- staff ---------------------------------------------------------------------------------------

def _staff(rng: np.random.Generator, layout: QuestionnaireLayout, area: _Area,
           count: int) -> list[SyntheticResponse]:
    write = _Writer(rng)
    responses = []
    for number in range(count):
        language = _language(rng, area.staff_languages)
        answers: Answers = {}
        themes: dict[str, tuple[str, ...]] = {}
        personal: set[str] = set()
        role = _pick_mapping(rng, {r: share for r, (share, _) in STAFF_ROLES.items()})
        group = STAFF_ROLES[role][1]
        answers["role"] = role
        organisation = STAFF_ORGANISATIONS.get(role, "school")
        if role == "other":
            other_role = _pick(rng, OTHER_ROLES)
            answers["role.other"] = other_role[language]
            organisation, group = other_role["organisation"], other_role["group"]
        elif role == "school_nurse" and rng.random() < 0.3 or role == "school_psychologist" and rng.random() < 0.1:
            organisation = "health"
        answers["organisation"] = organisation
        if organisation == "other":
            answers["organisation.other"] = _pick(rng, OTHER_ORGANISATIONS[language])
        answers["cooperation_frequency"] = _pick_mapping(rng, COOPERATION_FREQUENCY[
            "subject_teacher" if role == "subject_teacher" else group])
        barriers = _sample(rng, STAFF_BARRIERS[group], _pick(rng, (0, 1, 2, 3), (0.12, 0.55, 0.28, 0.05)))
        g = rng.normal(0, 0.8) + 0.4 * area.climate - 0.25 * len(barriers)
        column = STAFF_GROUPS.index(group)
        means = {}
        for key, row in STAFF_MEANS.items():
            sign = -1 if key in STAFF_NEGATIVE else 1
            means[key] = row[column] + sign * 0.5 * g + (0.7 * area.climate if key in STAFF_AREA_SENSITIVE else 0)
        for barrier in barriers:
            for key, effect in STAFF_EFFECTS.get(barrier, {}).items():
                means[key] += effect
        unsure = 0.15 if group in ("teaching", "youth") else 0.03
        unsure += 0.1 if role == "subject_teacher" else 0
        dont_know = {k: (unsure if k.startswith(("consent_confidentiality", "notification_practice")) else 0.03)
                     for k in STAFF_MEANS}
        answers.update(_matrix(rng, layout.question("guidelines_knowledge"), means, dont_know=dont_know))
        if organisation in ("school", "pupil_welfare", "health", "other"):
            feedback = FEEDBACK_HEARD if "no_feedback_after_notification" not in barriers else FEEDBACK_HEARD_NONE
            answers["notifier_feedback"] = _pick_mapping(rng, feedback)
            answers.update(_matrix(rng, layout.question("notification_practice"), means, dont_know=dont_know))
        else:
            answers["feedback_to_notifier"] = _pick_mapping(rng, FEEDBACK_GIVEN)
            answers.update(_matrix(rng, layout.question("school_cooperation"), means, dont_know=dont_know))
        answers.update(_matrix(rng, layout.question("consent_confidentiality"), means, dont_know=dont_know))
        if answers["cooperation_frequency"] != "never":
            answers.update(_matrix(rng, layout.question("cooperation_practice"), means, dont_know=dont_know))
            mean = _mean_of(answers, "cooperation_practice.", negative=tuple(STAFF_NEGATIVE))
            if mean is None or rng.random() < 0.03:
                answers["cooperation_overall"] = "dont_know"
            else:
                scale = layout.question("cooperation_overall").scale_values
                answers["cooperation_overall"] = _scale(rng, mean + 0.2, scale, 0.5)
        if rng.random() < 0.72:
            if rng.random() < 0.06:
                barriers = []
            elif not barriers:
                barriers = _sample(rng, STAFF_BARRIERS[group], 1)
            text, planted = write("barriers_to_cooperation", barriers, language, "S")
            answers["what_hinders"] = text
            themes["what_hinders"] = tuple(barriers)
            if planted:
                personal.add("what_hinders")
        responses.append(SyntheticResponse(
            _response_id(rng, layout, area, number), language, _date(rng, 21, weekdays_only=True), answers,
            themes, frozenset(personal)))
    return responses


_MAKERS: dict[str, Maker] = {"guardians": _guardians, "pupils": _pupils, "staff": _staff}


# --- distributions -------------------------------------------------------------------------------

REASON_WEIGHTS = {
    "physical_illness": 1.0, "anxiety_mental_health": 0.45, "bullying_peer_relations": 0.3,
    "learning_difficulties_pressure": 0.3, "teacher_relationships_climate": 0.2, "family_situation": 0.25,
    "sleep_gaming_screens": 0.25, "substance_use": 0.04, "travel_practical": 0.1, "holidays_in_term": 0.3,
    "neurodevelopmental": 0.12, "school_transition": 0.08,
}
GRADE_FACTORS = {
    "grades_1_2": {"holidays_in_term": 2.0, "physical_illness": 1.3, "sleep_gaming_screens": 0.3,
                   "substance_use": 0.0, "anxiety_mental_health": 0.6, "learning_difficulties_pressure": 0.7},
    "grades_3_6": {"bullying_peer_relations": 1.6, "holidays_in_term": 1.3, "substance_use": 0.0,
                   "neurodevelopmental": 1.3},
    "grades_4_6": {"bullying_peer_relations": 1.6, "holidays_in_term": 1.3, "substance_use": 0.0,
                   "neurodevelopmental": 1.3},
    "grades_7_9": {"anxiety_mental_health": 1.6, "sleep_gaming_screens": 2.0, "bullying_peer_relations": 1.2,
                   "school_transition": 1.5},
    "upper_secondary": {"anxiety_mental_health": 1.8, "sleep_gaming_screens": 1.8, "substance_use": 3.0,
                        "learning_difficulties_pressure": 1.6, "holidays_in_term": 0.5, "travel_practical": 1.5},
}
SEVERITY_FACTORS = {
    "low": {"physical_illness": 2.5, "holidays_in_term": 1.6, "*": 0.5},
    "mid": {},
    "high": {"anxiety_mental_health": 2.0, "bullying_peer_relations": 1.3, "family_situation": 1.5,
             "sleep_gaming_screens": 1.5, "neurodevelopmental": 1.5, "physical_illness": 0.6, "holidays_in_term": 0.25},
}
GUARDIAN_BARRIERS = {
    "communication_difficulties": 0.3, "information_flow": 0.3, "family_not_heard": 0.25, "waiting_times": 0.3,
    "lack_of_time_staff": 0.15, "dependence_on_individuals": 0.12, "confidentiality_consent": 0.1,
    "family_distrust_fear": 0.08, "differing_expectations_roles": 0.08, "unclear_guidelines": 0.05,
    "no_feedback_after_notification": 0.04, "regional_differences": 0.05, "guidelines_hard_to_find": 0.05,
}
GUARDIAN_STATEMENT_OFFSETS = {
    "contacted_early": -0.2, "knew_whom_to_contact": 0.0, "professionals_talked": -0.3, "no_repeating": -0.5,
    "we_were_heard": 0.2, "child_was_heard": 0.0, "told_next_steps": -0.2, "sharing_explained": -0.4,
    "trusted_professionals": 0.3,
}
GUARDIAN_EFFECTS = {
    "communication_difficulties": {"knew_whom_to_contact": -1.5, "contacted_early": -0.5},
    "information_flow": {"no_repeating": -1.6, "professionals_talked": -1.0},
    "family_not_heard": {"we_were_heard": -1.6, "child_was_heard": -1.2},
    "waiting_times": {"contacted_early": -1.0, "told_next_steps": -0.5},
    "confidentiality_consent": {"sharing_explained": -1.5},
    "family_distrust_fear": {"trusted_professionals": -1.6},
    "no_feedback_after_notification": {"told_next_steps": -1.2},
    "unclear_guidelines": {"told_next_steps": -0.8},
    "dependence_on_individuals": {"professionals_talked": -0.5},
    "lack_of_time_staff": {"contacted_early": -0.6},
    "differing_expectations_roles": {"professionals_talked": -0.8},
}
FEELING_OFFSETS = {"like_going": -0.3, "feel_safe": 0.3, "have_friends": 0.4, "get_help": 0.1,
                   "adults_listen": -0.1, "energy_in_morning": -0.3}
PUPIL_EFFECTS = {
    "bullying_peer_relations": {"feel_safe": -1.2, "have_friends": -1.4, "like_going": -0.6},
    "learning_difficulties_pressure": {"get_help": -0.9, "like_going": -0.5},
    "teacher_relationships_climate": {"adults_listen": -1.1, "like_going": -0.5, "feel_safe": -0.3},
    "sleep_gaming_screens": {"energy_in_morning": -1.4},
    "anxiety_mental_health": {"like_going": -0.8, "feel_safe": -0.6, "energy_in_morning": -0.5},
    "physical_illness": {"energy_in_morning": -0.6},
    "family_situation": {"energy_in_morning": -0.5, "adults_listen": -0.2},
    "neurodevelopmental": {"get_help": -0.6, "like_going": -0.4},
    "school_transition": {"have_friends": -0.7},
    "substance_use": {"energy_in_morning": -0.5, "like_going": -0.5},
}

STAFF_GROUPS = ("teaching", "leadership", "pupil_welfare", "social_services", "youth")
STAFF_ROLES = {  # role: (share, opinion group)
    "class_teacher": (0.18, "teaching"), "subject_teacher": (0.14, "teaching"),
    "special_needs_teacher": (0.08, "teaching"), "principal": (0.07, "leadership"),
    "school_social_worker": (0.10, "pupil_welfare"), "school_psychologist": (0.05, "pupil_welfare"),
    "school_nurse": (0.08, "pupil_welfare"), "child_welfare_social_worker": (0.12, "social_services"),
    "family_social_worker": (0.08, "social_services"), "youth_services": (0.06, "youth"), "other": (0.04, "teaching"),
}
STAFF_ORGANISATIONS = {
    "school_social_worker": "pupil_welfare", "school_psychologist": "pupil_welfare", "school_nurse": "pupil_welfare",
    "child_welfare_social_worker": "child_welfare", "family_social_worker": "family_social_work",
    "youth_services": "other",
}
OTHER_ROLES = (
    {"fi": "Koulunkäynninohjaaja", "sv": "Skolgångsbiträde", "en": "School assistant",
     "organisation": "school", "group": "teaching"},
    {"fi": "Perheneuvolan psykologi", "sv": "Psykolog vid familjerådgivningen",
     "en": "Family counselling psychologist", "organisation": "health", "group": "pupil_welfare"},
    {"fi": "Nuorisopsykiatrian sairaanhoitaja", "sv": "Sjukskötare inom ungdomspsykiatrin",
     "en": "Youth psychiatric nurse", "organisation": "health", "group": "pupil_welfare"},
)
OTHER_ORGANISATIONS = {
    "fi": ("Nuorisopalvelut", "Etsivä nuorisotyö", "Kunnan nuorisotoimi"),
    "sv": ("Ungdomstjänsten", "Uppsökande ungdomsarbete"),
    "en": ("Youth services", "Outreach youth work"),
}
COOPERATION_FREQUENCY = {
    "teaching": {"weekly": 0.15, "monthly": 0.35, "few_times_a_year": 0.35, "less_often": 0.12, "never": 0.03},
    "subject_teacher": {"weekly": 0.05, "monthly": 0.2, "few_times_a_year": 0.4, "less_often": 0.25, "never": 0.1},
    "leadership": {"weekly": 0.35, "monthly": 0.45, "few_times_a_year": 0.18, "less_often": 0.02, "never": 0.0},
    "pupil_welfare": {"weekly": 0.55, "monthly": 0.3, "few_times_a_year": 0.12, "less_often": 0.03, "never": 0.0},
    "social_services": {"weekly": 0.6, "monthly": 0.3, "few_times_a_year": 0.08, "less_often": 0.02, "never": 0.0},
    "youth": {"weekly": 0.3, "monthly": 0.35, "few_times_a_year": 0.25, "less_often": 0.08, "never": 0.02},
}
STAFF_MEANS = {  # mean agreement (1-5) per opinion group, in the order of STAFF_GROUPS
    "guidelines_knowledge.know_guidelines": (3.0, 4.2, 3.8, 3.9, 2.8),
    "guidelines_knowledge.can_find": (2.5, 3.5, 3.0, 3.2, 2.4),
    "guidelines_knowledge.clear": (2.6, 3.0, 2.8, 3.1, 2.7),
    "guidelines_knowledge.consistent": (2.3, 2.4, 2.3, 2.6, 2.4),
    "guidelines_knowledge.neglect_of_schooling": (2.2, 2.5, 2.4, 3.0, 2.3),
    "guidelines_knowledge.absence_thresholds": (3.3, 3.9, 3.3, 2.5, 2.0),
    "guidelines_knowledge.training": (2.2, 2.8, 2.8, 3.2, 2.3),
    "notification_practice.know_when_to_notify": (3.2, 4.1, 4.0, 3.8, 3.4),
    "notification_practice.can_consult": (2.8, 3.3, 3.5, 3.8, 3.0),
    "notification_practice.joint_meeting": (2.6, 2.9, 2.9, 3.4, 2.7),
    "notification_practice.enough_to_support": (1.9, 2.2, 2.3, 3.0, 2.2),
    "school_cooperation.know_what_to_tell": (3.3, 3.3, 3.3, 3.3, 3.3),
    "school_cooperation.notifications_informative": (2.7, 2.7, 2.7, 2.7, 2.7),
    "school_cooperation.notifications_timely": (2.2, 2.2, 2.2, 2.2, 2.2),
    "school_cooperation.know_school_support": (2.9, 2.9, 2.9, 2.9, 2.9),
    "school_cooperation.consent_to_contact_school": (3.4, 3.4, 3.4, 3.4, 3.4),
    "consent_confidentiality.know_without_consent": (2.4, 3.2, 3.6, 3.8, 2.8),
    "consent_confidentiality.consent_straightforward": (3.0, 3.1, 3.0, 2.6, 3.0),
    "consent_confidentiality.consent_renewal": (2.1, 2.7, 2.9, 3.6, 2.3),
    "consent_confidentiality.legislation_clear": (2.2, 2.8, 3.0, 3.4, 2.4),
    "consent_confidentiality.same_interpretation": (2.2, 2.3, 2.3, 2.6, 2.3),
    "consent_confidentiality.case_by_case_slows": (3.6, 3.4, 3.8, 3.0, 3.5),
    "consent_confidentiality.often_uncertain": (3.8, 3.0, 2.8, 2.2, 3.5),
    "cooperation_practice.know_whom_to_contact": (2.9, 3.8, 3.9, 3.5, 3.2),
    "cooperation_practice.can_reach": (2.5, 3.0, 2.8, 3.1, 2.8),
    "cooperation_practice.access_to_information": (2.3, 2.6, 2.6, 3.0, 2.4),
    "cooperation_practice.roles_clear": (2.8, 3.1, 2.9, 2.7, 2.6),
    "cooperation_practice.expectations_match": (2.4, 2.5, 2.5, 2.1, 2.5),
    "cooperation_practice.relies_on_individuals": (4.0, 3.8, 4.1, 3.7, 4.2),
    "cooperation_practice.same_across_areas": (2.2, 2.3, 2.2, 2.4, 2.2),
    "cooperation_practice.enough_time": (2.0, 2.2, 1.9, 1.7, 2.4),
    "cooperation_practice.family_involved": (3.3, 3.4, 3.5, 3.8, 3.3),
}
STAFF_NEGATIVE = frozenset({"consent_confidentiality.case_by_case_slows", "consent_confidentiality.often_uncertain",
                            "cooperation_practice.relies_on_individuals"})
STAFF_AREA_SENSITIVE = frozenset({"cooperation_practice.same_across_areas", "cooperation_practice.can_reach",
                                  "cooperation_practice.know_whom_to_contact",
                                  "cooperation_practice.access_to_information"})
STAFF_BARRIERS = {
    "teaching": {"no_feedback_after_notification": 0.35, "confidentiality_consent": 0.3,
                 "communication_difficulties": 0.3, "unclear_guidelines": 0.2, "guidelines_hard_to_find": 0.15,
                 "lack_of_time_staff": 0.25, "dependence_on_individuals": 0.2, "differing_expectations_roles": 0.1,
                 "regional_differences": 0.08, "family_distrust_fear": 0.1, "information_flow": 0.2,
                 "waiting_times": 0.12},
    "leadership": {"unclear_guidelines": 0.3, "guidelines_hard_to_find": 0.2, "dependence_on_individuals": 0.3,
                   "regional_differences": 0.2, "lack_of_time_staff": 0.25, "no_feedback_after_notification": 0.3,
                   "differing_expectations_roles": 0.2, "information_flow": 0.15, "communication_difficulties": 0.1},
    "pupil_welfare": {"confidentiality_consent": 0.3, "lack_of_time_staff": 0.4, "no_feedback_after_notification": 0.3,
                      "communication_difficulties": 0.25, "waiting_times": 0.25, "dependence_on_individuals": 0.2,
                      "differing_expectations_roles": 0.15, "information_flow": 0.2, "unclear_guidelines": 0.15,
                      "family_distrust_fear": 0.1},
    "social_services": {"lack_of_time_staff": 0.5, "differing_expectations_roles": 0.35, "family_distrust_fear": 0.3,
                        "confidentiality_consent": 0.25, "unclear_guidelines": 0.15, "regional_differences": 0.15,
                        "communication_difficulties": 0.15, "dependence_on_individuals": 0.15,
                        "information_flow": 0.15, "family_not_heard": 0.08},
    "youth": {"communication_difficulties": 0.3, "dependence_on_individuals": 0.3, "information_flow": 0.3,
              "confidentiality_consent": 0.25, "guidelines_hard_to_find": 0.2, "family_not_heard": 0.1,
              "lack_of_time_staff": 0.15},
}
STAFF_EFFECTS = {
    "unclear_guidelines": {"guidelines_knowledge.clear": -1.2, "guidelines_knowledge.consistent": -0.8,
                           "guidelines_knowledge.neglect_of_schooling": -0.6},
    "guidelines_hard_to_find": {"guidelines_knowledge.can_find": -1.5, "guidelines_knowledge.know_guidelines": -0.5},
    "confidentiality_consent": {"consent_confidentiality.often_uncertain": 1.2,
                                "consent_confidentiality.legislation_clear": -0.9,
                                "consent_confidentiality.know_without_consent": -0.8,
                                "consent_confidentiality.case_by_case_slows": 0.7},
    "no_feedback_after_notification": {"notification_practice.enough_to_support": -1.0,
                                       "notification_practice.joint_meeting": -0.5},
    "dependence_on_individuals": {"cooperation_practice.relies_on_individuals": 0.9},
    "differing_expectations_roles": {"cooperation_practice.expectations_match": -1.2,
                                     "cooperation_practice.roles_clear": -0.9},
    "regional_differences": {"cooperation_practice.same_across_areas": -1.2},
    "lack_of_time_staff": {"cooperation_practice.enough_time": -1.2},
    "communication_difficulties": {"cooperation_practice.know_whom_to_contact": -1.0,
                                   "cooperation_practice.can_reach": -1.3},
    "family_distrust_fear": {"cooperation_practice.family_involved": -0.9,
                             "consent_confidentiality.consent_straightforward": -0.6},
    "information_flow": {"cooperation_practice.access_to_information": -1.3},
    "family_not_heard": {"cooperation_practice.family_involved": -0.7},
}
FEEDBACK_HEARD = {"never": 0.22, "rarely": 0.33, "sometimes": 0.22, "usually": 0.1, "always": 0.03, "not_relevant": 0.1}
FEEDBACK_HEARD_NONE = {"never": 0.5, "rarely": 0.35, "sometimes": 0.08, "usually": 0.02, "always": 0.0,
                       "not_relevant": 0.05}
FEEDBACK_GIVEN = {"never": 0.02, "rarely": 0.1, "sometimes": 0.3, "usually": 0.35, "always": 0.15, "not_relevant": 0.08}


# --- phrase templates ----------------------------------------------------------------------------
# Per theme family, theme and language. ``{a|b}`` picks one; ``{g:a|b}`` ... ``{g:c|d}`` agree.
# A leading ``G:`` (guardians), ``P:`` (pupils) or ``S:`` (staff) limits a template to them.
# Written as respondents write, not from the codebooks' seed terms: some miss on purpose.

PHRASE_LANGUAGES = ("fi", "sv", "en")

REASON_PHRASES: dict[str, dict[str, list[str]]] = {
    "physical_illness": {
        "fi": [
            "G: {Lapsella|Pojalla|Tytöllä} on ollut {paljon|jatkuvasti|usein} {vatsakipuja|päänsärkyä|migreeniä}, eikä hän jaksa kouluun.",
            "G: Pitkittynyt {flunssa|keuhkoputkentulehdus|korona} ja sen jälkeen {yskä|väsymys} pitivät hänet poissa koulusta {viikkoja|pitkään}.",
            "G: Hänellä on {astma|diabetes|krooninen suolistosairaus}, ja {huonoina päivinä|kun oireet pahenevat} hän ei pysty lähtemään kouluun.",
            "G: Aamuisin tulee {mahakipu|pahoinvointia|kova päänsärky}, {vaikka lääkäri ei ole löytänyt syytä|emmekä tiedä miksi}.",
            "G: {Leikkaus|Murtunut jalka|Pitkä sairaalajakso}, ja toipuminen kesti {kauan|useita viikkoja}.",
            "P: Mulla on usein {mahakipuja|päänsärkyä|huono olo} aamulla.",
            "P: Oon ollut {paljon kipeenä|sairaana|flunssassa} tänä syksynä.",
            "P: {Migreeni|Astma|Allergia} pahenee koulussa.",
        ],
        "sv": [
            "G: {Hen|Barnet} har haft {mycket|ofta} ont i {magen|huvudet} och orkar inte gå till skolan.",
            "G: {Långvarig förkylning|Covid|Lunginflammation} och {trötthet|hosta} efteråt höll {g:honom|henne} hemma i {veckor|flera veckor}.",
            "G: Vårt barn har {astma|diabetes|en kronisk sjukdom} och kan inte gå till skolan när det är dåligt.",
            "G: Migrän flera gånger i månaden{, läkaren hittar inget fel|}.",
            "P: Jag har ofta ont i magen på morgonen.",
            "P: Jag har varit {sjuk|förkyld} {mycket|jättemycket} i höst.",
            "P: Huvudvärk {nästan varje dag|ofta}.",
        ],
        "en": [
            "G: {g:She|He} has had {frequent|constant|recurring} {stomach aches|headaches|migraines} and feels too unwell to go.",
            "G: A long {flu|chest infection|bout of covid} and {tiredness|a cough} afterwards kept {g:her|him} off school for {weeks|a long time}.",
            "G: {g:She|He} has {asthma|diabetes|a chronic condition}, and on bad days {g:she|he} cannot go to school.",
            "G: Feels sick in the mornings{, the doctor found nothing|}.",
            "P: I often get {stomach aches|headaches|a sore tummy} in the morning.",
            "P: I have been ill a lot this {autumn|term|year}.",
            "P: My {asthma|allergies|migraine} gets worse at school.",
        ],
    },
    "anxiety_mental_health": {
        "fi": [
            "G: Lapsella on {voimakasta|paljon} ahdistusta, ja {aamuisin|sunnuntai-iltaisin} tulee paniikki koulusta.",
            "G: {Masennus|Alakulo} on vienyt voimat, eikä hän {jaksa|pysty} lähtemään kotoa.",
            "G: Hän pelkää {koulua|luokan eteen menemistä|isoja ryhmiä} niin paljon, että {jää kotiin|ei pääse ovesta ulos}.",
            "G: Nuorella on {syömishäiriö|paniikkihäiriö|sosiaalisten tilanteiden pelko}, ja hän on hoidossa nuorisopsykiatrialla.",
            "G: Koulu jännittää niin paljon, että hän {itkee aamuisin|on ihan lukossa}.",
            "P: Mua ahdistaa {koulussa|aamuisin|ihan hirveesti}.",
            "P: Pelottaa mennä kouluun{ enkä tiedä miksi|}.",
            "P: Oon ollut tosi {surullinen|alakuloinen} {pitkään|koko syksyn}.",
            "P: Jännittää olla {luokassa|ison ryhmän kanssa}.",
        ],
        "sv": [
            "G: {g:Hon|Han} har {mycket|svår} ångest och får panik {på morgnarna|på söndagskvällarna}.",
            "G: Nedstämdhet och {depression|låg energi} gör att {hen|barnet} inte orkar ta sig till skolan.",
            "G: {Hen|Barnet} är rädd för att {gå till skolan|vara i klassrummet|prata inför klassen}.",
            "G: {Ätstörning|Social fobi|Panikångest}, {hen|barnet} får vård inom barnpsykiatrin.",
            "P: Jag får ångest {i skolan|på morgonen}.",
            "P: Jag är rädd för att gå till skolan.",
            "P: Jag mår dåligt och är ledsen {nästan hela tiden|ofta}.",
        ],
        "en": [
            "G: {g:She|He} suffers from {severe|serious} anxiety and has panic attacks {in the mornings|before school}.",
            "G: Depression and low mood{ since last year|}; {g:she|he} has no energy to get out of the house.",
            "G: {g:She|He} is terrified of {school|the classroom|speaking in front of the class}.",
            "G: {An eating disorder|Social anxiety|Panic disorder}; {g:she|he} is being treated by child psychiatry.",
            "P: I feel anxious at school.",
            "P: I'm scared to go to school{ and I don't know why|}.",
            "P: I feel sad {most of the time|a lot}.",
        ],
    },
    "bullying_peer_relations": {
        "fi": [
            "G: {Lasta|Poikaa|Tyttöä} on kiusattu {välitunneilla|koulumatkalla|somessa} {pitkään|jo vuoden}.",
            "G: Luokkakaverit jättävät hänet {ulkopuolelle|kaikesta pois}, eikä hänellä ole {yhtään kaveria|ketään kenen kanssa olla}.",
            "G: Koulukiusaaminen{, josta koulu ei ole tehnyt mitään| jatkuu edelleen}.",
            "G: Hänelle {nauretaan|huudellaan rumia nimiä}, ja häntä {tönitään|lyödään} käytävällä.",
            "P: Mua kiusataan.",
            "P: Mulla ei oo kavereita {koulussa|luokalla}.",
            "P: Muut {haukkuu|nauraa} mulle {välkällä|somessa}.",
            "P: Oon aina yksin välitunnilla.",
        ],
        "sv": [
            "G: {Barnet|Vår son|Vår dotter} blir {mobbad|retad|utfryst} {på rasterna|på nätet|i omklädningsrummet}.",
            "G: {g:Hon|Han} har inga {vänner|kompisar} i klassen och är {alltid|ofta} ensam.",
            "G: Klasskamraterna {kränker|hånar} {honom|henne} och skolan har inte gjort något.",
            "P: Jag blir mobbad.",
            "P: Jag har inga kompisar i skolan.",
            "P: Dom andra {retar mig|är elaka mot mig} på rasten.",
        ],
        "en": [
            "G: {g:She|He} has been bullied {at break time|on the way to school|online} for {months|a long time}.",
            "G: {g:Her|His} classmates leave {g:her|him} out and {g:she|he} has no friends at school.",
            "G: Other children {call her names|call him names|push him around|make fun of her} and nothing is done.",
            "P: I get bullied.",
            "P: I have no friends{ in my class|}.",
            "P: The others {laugh at me|are mean to me} at break.",
        ],
    },
    "learning_difficulties_pressure": {
        "fi": [
            "G: Hänellä on {lukivaikeus|matematiikan oppimisvaikeus|vaikeuksia oppimisessa}, eikä hän saa riittävästi tukea.",
            "G: Läksyjä ja kokeita on niin paljon, että {hän uupuu|paineet kasvavat liian suuriksi}.",
            "G: {Lapsi|Nuori} on jäänyt jälkeen {opinnoissa|muista} ja {häpeää sitä|luovuttaa}.",
            "G: Koulutyö on liian vaikeaa, ja tehtävät jäävät {rästiin|tekemättä}.",
            "G: {Arvosanapaineet|Lukion kurssipaineet|Ylioppilaskirjoitukset} stressaavat.",
            "P: Koulussa on liikaa {läksyjä|kokeita}.",
            "P: En pysy mukana {matikassa|tunneilla}.",
            "P: Tehtävät on liian vaikeita.",
        ],
        "sv": [
            "G: {Hen|Barnet} har {dyslexi|inlärningssvårigheter|svårt med matematiken} och får inte tillräckligt stöd.",
            "G: {Så mycket läxor och prov|Pressen inför proven|Kraven på höga betyg} att {hen|barnet} inte orkar.",
            "G: {g:Hon|Han} har halkat efter i skolarbetet och {skäms|ger upp}.",
            "P: För mycket läxor och prov.",
            "P: Jag hänger inte med i {matten|undervisningen}.",
            "P: Skolarbetet är för svårt.",
        ],
        "en": [
            "G: {g:She|He} has {dyslexia|learning difficulties|problems with maths} and does not get enough support.",
            "G: So much homework and so many tests that {g:she|he} {burns out|cannot cope}.",
            "G: {g:She|He} has fallen behind {in class|with schoolwork} and {is ashamed|has given up}.",
            "G: The pressure about {grades|exams} is too much.",
            "P: Too much homework.",
            "P: I can't keep up in {maths|lessons}.",
            "P: The work is too hard.",
        ],
    },
    "teacher_relationships_climate": {
        "fi": [
            "G: {Lapsi|Hän} ei tule toimeen {opettajan|luokanvalvojan|erään opettajan} kanssa{ ja pelkää tämän reaktioita|}.",
            "G: Luokassa on {jatkuva meteli|levotonta|kaaos}, eikä työrauhaa ole.",
            "G: Opettaja {huutaa|nolaa oppilaita} ja kohtelee {lasta|häntä} epäreilusti.",
            "G: Koulun ilmapiiri on {huono|kylmä|turvaton}.",
            "P: Opettaja {huutaa mulle|ei tykkää musta}.",
            "P: Luokassa on {tosi kova meteli|ihan kaaos} koko ajan.",
            "P: Ope ei {kuuntele|auta}.",
        ],
        "sv": [
            "G: {Hen|Barnet} kommer inte överens med {läraren|mentorn} och känner sig orättvist behandlad.",
            "G: Det är {så stökigt|så mycket oväsen|kaos} i klassen att ingen kan arbeta.",
            "G: Stämningen i skolan är {dålig|otrygg}.",
            "G: Läraren {skriker|höjer rösten} och {hånar|förödmjukar} eleverna.",
            "P: Läraren är {arg på mig|orättvis}.",
            "P: Det är jättestökigt i klassen.",
        ],
        "en": [
            "G: {g:She|He} does not get on with {a teacher|the class teacher} and feels treated unfairly.",
            "G: The class is so {noisy|chaotic|restless} that nobody can work.",
            "G: The atmosphere at school is {bad|tense|unsafe}.",
            "G: The teacher {shouts|yells} at the pupils.",
            "P: My teacher {doesn't like me|shouts at me}.",
            "P: The class is really noisy.",
        ],
    },
    "family_situation": {
        "fi": [
            "G: {Vanhempien ero|Avioero|Eron jälkeinen tilanne} on ollut lapselle {raskas|vaikea}.",
            "G: {Äidin|Isän|Vanhemman} {vakava sairaus|syöpähoidot|mielenterveysongelmat} ovat vaikuttaneet koko perheeseen.",
            "G: Hän huolehtii {pikkusisaruksista|sairaasta vanhemmasta} ja jää siksi kotiin.",
            "G: Meillä on ollut {taloudellisia vaikeuksia|rahahuolia|työttömyyttä}, ja arki on ollut kaoottista.",
            "G: {Isovanhemman|Läheisen} kuolema{ ja suru|} on vienyt voimat.",
            "P: Kotona on {vaikeeta|riitoja}.",
            "P: Mun {vanhemmat erosi|isä on sairaana|äiti on sairaana}.",
            "P: Mä joudun hoitamaan {pikkusisaruksia|siskoa|veljeä}.",
        ],
        "sv": [
            "G: Skilsmässan {har varit tung|var svår} för barnet.",
            "G: {Mammas|Pappas|En förälders} {allvarliga sjukdom|cancerbehandling|psykiska ohälsa} har påverkat hela familjen.",
            "G: {g:Hon|Han} tar hand om {sina småsyskon|en sjuk förälder} och stannar därför hemma.",
            "G: Vi har haft {ekonomiska problem|ont om pengar|arbetslöshet} och det har varit rörigt hemma.",
            "P: Det är jobbigt hemma.",
            "P: Mina föräldrar har skilt sig.",
            "P: Jag måste ta hand om mina syskon.",
        ],
        "en": [
            "G: Our divorce {has been hard|was difficult} for {him|her}.",
            "G: {Her mother's|His father's|A parent's} {serious illness|cancer treatment|mental health problems} have affected the whole family.",
            "G: {g:She|He} looks after {younger siblings|a sick parent} and stays home because of it.",
            "G: We have had {money problems|financial difficulties|unemployment} and things at home have been chaotic.",
            "P: Things are hard at home.",
            "P: My parents {split up|got divorced}.",
            "P: I have to look after my little {brother|sister}.",
        ],
    },
    "sleep_gaming_screens": {
        "fi": [
            "G: {Poika|Tyttö|Nuori} pelaa {öisin|myöhään yöhön} eikä jaksa herätä aamulla.",
            "G: Unirytmi on {täysin sekaisin|kääntynyt ympäri}: hän nukkuu päivät ja valvoo yöt.",
            "G: Puhelin ja {some|TikTok|YouTube} vievät yöunet{, eikä hän suostu luopumaan niistä|}.",
            "G: Aamuisin {häntä ei saa sängystä ylös|hän on liian väsynyt lähtemään}.",
            "P: Mä valvon {liian myöhään|öisin} enkä jaksa herätä.",
            "P: Pelaan {yöllä|iltaisin pitkään} ja oon tosi väsynyt.",
            "P: En saa unta {illalla|öisin}.",
        ],
        "sv": [
            "G: {g:Han|Hon} spelar {på nätterna|till sent på natten} och kommer inte upp på morgonen.",
            "G: Dygnsrytmen är {helt vänd|förstörd}, {g:han|hon} sover på dagen och är vaken på natten.",
            "G: {Mobilen|Telefonen} och {sociala medier|TikTok} tar nattsömnen.",
            "P: Jag är för trött på morgonen.",
            "P: Jag spelar {sent|på natten} och somnar sent.",
            "P: Jag kan inte sova på kvällarna.",
        ],
        "en": [
            "G: {g:He|She} games {all night|until the early hours} and can't get up in the morning.",
            "G: {g:His|Her} sleep rhythm is {completely upside down|a mess}; {g:he|she} sleeps all day and is awake all night.",
            "G: The phone and {social media|TikTok} keep {him|her} up at night.",
            "P: I'm too tired in the mornings.",
            "P: I stay up late {gaming|on my phone}.",
            "P: I can't fall asleep at night.",
        ],
    },
    "substance_use": {
        "fi": [
            "G: Nuori on alkanut käyttää {alkoholia|kannabista|päihteitä} {kavereiden kanssa|viikonloppuisin}.",
            "G: Epäilemme {huumeiden|päihteiden} käyttöä, ja {koulunkäynti|arki} on sen myötä romahtanut.",
            "G: {Nuuska|Vapettaminen|Juominen} on lisääntynyt, ja hän lintsaa.",
            "P: Oon {juonut|polttanut} viikonloppuisin ja maanantaina ei jaksa.",
            "P: Käytän {nuuskaa|alkoholia}.",
        ],
        "sv": [
            "G: {g:Han|Hon} har börjat dricka alkohol och {röka hasch|ta droger} med sina kompisar.",
            "G: Vi misstänker att {hen|barnet} använder droger.",
            "G: {Snus|Vejp|Cannabis} och skolk hänger ihop.",
            "P: Jag har druckit på helgerna.",
            "P: Jag röker.",
        ],
        "en": [
            "G: {g:He|She} has started drinking and {smoking weed|taking drugs} with friends.",
            "G: We suspect {he|she} is using drugs.",
            "G: {Vaping|Cannabis|Alcohol} and skipping school go hand in hand.",
            "P: I drink at weekends.",
            "P: I {smoke|vape}.",
        ],
    },
    "travel_practical": {
        "fi": [
            "G: Koulumatka on {pitkä|yli tunnin suuntaansa}, eikä {bussi|koulukyyti} aina kulje.",
            "G: Koulutaksi {ei tule ajallaan|jätti tulematta useita kertoja}.",
            "G: Asumme {kaukana|syrjäkylällä}, ja {talvella|huonolla kelillä} tiet ovat huonossa kunnossa.",
            "G: {Lääkärikäynnit|Terapiakäynnit|Hammaslääkäriajat} osuvat aina kouluaikaan.",
            "P: Koulumatka on tosi pitkä.",
            "P: Bussi {ei tuu ajoissa|menee liian aikaisin}.",
        ],
        "sv": [
            "G: Skolvägen är {lång|över en timme} och bussen går {sällan|inte alltid}.",
            "G: Skoltaxin {kommer inte i tid|har uteblivit flera gånger}.",
            "G: Vi bor långt från skolan och {på vintern|vid dåligt väder} är vägarna dåliga.",
            "G: {Läkarbesök|Tandläkartider|Terapi} ligger alltid på skoltid.",
            "P: Jag har lång väg till skolan.",
            "P: Bussen kommer inte i tid.",
        ],
        "en": [
            "G: The journey to school is {long|over an hour each way} and the bus does not always run.",
            "G: The school taxi {is late|has failed to turn up} several times.",
            "G: We live far from the school and in winter the roads are bad.",
            "G: {Doctor's appointments|Therapy sessions|Dentist appointments} are always in school hours.",
            "P: It takes ages to get to school.",
            "P: The bus {is always late|doesn't come on time}.",
        ],
    },
    "holidays_in_term": {
        "fi": [
            "G: Olimme {kaksi viikkoa|viikon} {lomamatkalla|etelänmatkalla|Thaimaassa} kesken lukukauden.",
            "G: Kävimme {isovanhempien|sukulaisten} luona {kotimaassamme|ulkomailla}, ja matka venyi.",
            "G: {Hiihtoloma|Syysloma} on eri aikaan kuin työpaikallani, joten pidimme vapaata kesken jakson.",
            "G: {Serkun häät|Sukujuhlat} ulkomailla.",
            "P: Me oltiin {lomalla|matkalla} {ulkomailla|Espanjassa}.",
            "P: Me käytiin {mummolassa|sukulaisten luona}.",
        ],
        "sv": [
            "G: Vi var på {semester|resa} {i två veckor|utomlands} mitt i terminen.",
            "G: Vi besökte {släktingar|farföräldrarna} i hemlandet och resan blev längre.",
            "G: Flygen är billigare utanför loven, så vi tog ledigt.",
            "P: Vi var {på semester|utomlands}.",
            "P: Vi åkte till {mormor|släkten} {i Finland|utomlands}.",
        ],
        "en": [
            "G: We took a {two-week|week-long} holiday {abroad|in Spain} during term.",
            "G: We visited relatives in our home country and the trip got longer.",
            "G: Flights are cheaper outside the school holidays, so we went in term time.",
            "P: We went on holiday.",
            "P: We visited my {grandma|relatives} {abroad|in another country}.",
        ],
    },
    "neurodevelopmental": {
        "fi": [
            "G: Lapsella on {ADHD|autismikirjon diagnoosi|Asperger}, ja isot ryhmät kuormittavat häntä liikaa.",
            "G: {Aistiyliherkkyys tekee|Meteli ja valot tekevät} koulupäivästä sietämättömän.",
            "G: Odotamme {neuropsykiatrisia tutkimuksia|ADHD-tutkimuksia}, ja sillä välin {koulunkäynti|arki} ei suju.",
            "G: Keskittymisvaikeudet ja ylivilkkaus{, eikä tukea ole vielä järjestetty|; ilman diagnoosia ei saa apua}.",
            "P: Mulla on ADHD ja on vaikee keskittyä.",
            "P: Luokassa on liikaa {ääniä|ihmisiä} ja mä kuormitun.",
        ],
        "sv": [
            "G: {Hen|Barnet} har {ADHD|autism|en NPF-diagnos} och blir överbelastad av stora grupper.",
            "G: {Ljudnivån|Alla sinnesintryck} i skolan blir för mycket för {honom|henne}.",
            "G: Vi väntar på en neuropsykiatrisk utredning och under tiden fungerar inte skolan.",
            "P: Jag har ADHD och kan inte koncentrera mig.",
            "P: Det är för mycket ljud och folk i klassen.",
        ],
        "en": [
            "G: {g:He|She} has {ADHD|autism|an autism spectrum diagnosis} and large groups overload {g:him|her}.",
            "G: Sensory overload{ from the noise and lights|}; school is too much.",
            "G: We are waiting for a neurodevelopmental assessment, and meanwhile school is not working.",
            "P: I have ADHD and can't focus.",
            "P: It's too loud and busy in class.",
        ],
    },
    "school_transition": {
        "fi": [
            "G: Siirtyminen yläkouluun oli {vaikea|iso muutos}, ja {poissaolot|ongelmat} alkoivat silloin.",
            "G: Muutimme {toiselle paikkakunnalle|uuteen kaupunkiin}, ja uuteen kouluun sopeutuminen on ollut vaikeaa.",
            "G: Luokka {jaettiin|vaihtui}, eikä hän viihdy uudessa luokassa.",
            "P: Mä vaihdoin koulua enkä tunne ketään.",
            "P: Uus koulu on {vaikee|outo}.",
        ],
        "sv": [
            "G: Övergången till högstadiet var {svår|tuff} och frånvaron började då.",
            "G: Vi flyttade {till en annan ort|hit i höstas} och det har varit svårt att komma in i den nya skolan.",
            "G: Klassen delades och {hen|barnet} trivs inte i den nya klassen.",
            "P: Jag har bytt skola och känner ingen.",
            "P: Nya skolan är jobbig.",
        ],
        "en": [
            "G: The move up to secondary school was {hard|a big change} and the absences started then.",
            "G: We moved {to another town|here last autumn} and settling into the new school has been hard.",
            "G: The class was split and {g:she|he} is not happy in the new class.",
            "P: I changed schools and don't know anyone.",
            "P: The new school is {hard|weird}.",
        ],
    },
}

BARRIER_PHRASES: dict[str, dict[str, list[str]]] = {
    "unclear_guidelines": {
        "fi": [
            "S: Ohjeet ovat {epäselviä|ristiriitaisia|tulkinnanvaraisia}, ja {eri toimijat|koulu ja sosiaalitoimi} tulkitsevat niitä eri tavoin.",
            "S: Ei ole {yhtenäistä toimintamallia|yhteisiä linjauksia} siitä, milloin poissaoloista tehdään lastensuojeluilmoitus.",
            "S: Kunnan ja hyvinvointialueen ohjeet {eivät ole linjassa keskenään|ovat ristiriidassa keskenään}.",
            "S: Koulunkäynnin laiminlyönnin kriteerit ovat epäselvät.",
            "G: Kukaan ei tuntunut tietävän, mikä on oikea {käytäntö|toimintatapa}.",
            "G: Säännöt {olivat epäselviä|muuttuivat koko ajan}.",
        ],
        "sv": [
            "S: Riktlinjerna är {otydliga|motstridiga} och tolkas olika av {skolan och socialtjänsten|olika aktörer}.",
            "S: Det finns ingen {gemensam handlingsplan|enhetlig rutin} för när frånvaro ska leda till en orosanmälan.",
            "S: Kommunens och regionens anvisningar säger olika saker.",
            "G: Det var oklart vilka regler som gällde.",
        ],
        "en": [
            "S: The guidelines are {unclear|contradictory|open to interpretation} and services interpret them differently.",
            "S: There is no common model for when absence should lead to a child welfare notification.",
            "S: The municipality's and the school's instructions {do not match|contradict each other}.",
            "G: Nobody seemed to know what the rules were.",
        ],
    },
    "guidelines_hard_to_find": {
        "fi": [
            "S: Ohjeita on vaikea löytää, ne ovat {hajallaan eri paikoissa|jossain intran uumenissa}.",
            "S: En tiedä, mistä {ajantasaiset ohjeet|oikea lomake ja ohje} löytyvät.",
            "S: Ohjeet pitäisi koota yhteen paikkaan{, nyt niitä joutuu etsimään|}.",
            "G: Tietoa {palveluista|tuesta} oli vaikea löytää {netistä|mistään}.",
        ],
        "sv": [
            "S: Riktlinjerna är svåra att hitta{ på intranätet|}, de ligger utspridda på olika ställen.",
            "S: Jag vet inte var de aktuella rutinerna finns.",
            "S: Allt borde samlas på ett ställe.",
            "G: Det var svårt att hitta information om stödet.",
        ],
        "en": [
            "S: The guidelines are hard to find, {scattered across different places|buried somewhere on the intranet}.",
            "S: I do not know where the current instructions are kept.",
            "S: Everything should be in one place.",
            "G: It was hard to find information about the support available.",
        ],
    },
    "confidentiality_consent": {
        "fi": [
            "S: {Salassapito|Vaitiolovelvollisuus} jarruttaa: en tiedä, mitä saan kertoa {lastensuojelulle|koululle|muille toimijoille}.",
            "S: Huoltajan suostumusta on hankala pyytää, eikä ole selvää, milloin se pitää pyytää uudestaan.",
            "S: Lainsäädäntö tietojen vaihdosta on {tulkinnanvarainen|vaikeaselkoinen}, ja salassapitoa punnitaan tapauskohtaisesti.",
            "G: Meille ei kerrottu, mitä tietoja {koulu|sosiaalitoimi} jakaa ja kenelle.",
            "G: Emme tienneet, mihin olimme antaneet luvan.",
        ],
        "sv": [
            "S: Sekretessen gör att jag inte vet vad jag får berätta för {socialtjänsten|skolan}.",
            "S: Det är krångligt att få vårdnadshavarnas samtycke{, och oklart när det måste förnyas|}.",
            "S: Lagstiftningen om informationsutbyte är svårtolkad och sekretessen prövas från fall till fall.",
            "G: Vi fick inte veta vilka uppgifter som delades och med vem.",
        ],
        "en": [
            "S: Confidentiality rules mean I never know what I am allowed to tell {child welfare|the school}.",
            "S: Getting guardians' consent is {cumbersome|slow}, and it is unclear when it has to be renewed.",
            "S: The legislation is hard to apply{, and secrecy is weighed case by case|}.",
            "G: Nobody told us what information was shared and with whom.",
        ],
    },
    "no_feedback_after_notification": {
        "fi": [
            "S: Lastensuojeluilmoituksen jälkeen koulu ei saa {mitään palautetta|tietoa asian etenemisestä}.",
            "S: Ilmoitus {menee mustaan aukkoon|katoaa jonnekin}, emmekä kuule mitään.",
            "S: Emme tiedä, onko ilmoitukseen reagoitu{ ja miten|}.",
            "G: Koulu teki ilmoituksen, mutta kukaan ei kertonut meille, mitä sen jälkeen tapahtuu.",
        ],
        "sv": [
            "S: Efter en orosanmälan får skolan ingen återkoppling{ om vad som händer|}.",
            "S: Anmälan försvinner i ett svart hål och vi hör ingenting.",
            "S: Vi vet inte om socialtjänsten har agerat på anmälan.",
            "G: Skolan gjorde en anmälan men ingen berättade vad som skulle hända sedan.",
        ],
        "en": [
            "S: After a child welfare notification the school gets no feedback{ on how the case is progressing|}.",
            "S: Notifications disappear into a black hole and we hear nothing.",
            "S: We never know whether anything was done after we reported.",
            "G: The school made a report but nobody told us what would happen next.",
        ],
    },
    "dependence_on_individuals": {
        "fi": [
            "S: Yhteistyö on {kiinni yksittäisistä ihmisistä|henkilöitynyt muutamaan aktiiviseen työntekijään}.",
            "S: Kun tuttu {sosiaalityöntekijä|kuraattori} vaihtuu, yhteistyö {alkaa alusta|katkeaa}.",
            "S: Toimivuus riippuu {täysin|paljolti} siitä, kuka sattuu olemaan töissä.",
            "G: Kaikki riippui siitä, osuiko kohdalle {hyvä|aktiivinen} työntekijä.",
        ],
        "sv": [
            "S: Samarbetet hänger på enskilda eldsjälar.",
            "S: När en bekant {kurator|socialsekreterare} slutar börjar allt om från början.",
            "S: Det beror helt på vilken person man råkar få tag på.",
            "G: Det var tur att vi fick en engagerad {lärare|handläggare}.",
        ],
        "en": [
            "S: Cooperation depends on a few {individual|enthusiastic} people.",
            "S: When a familiar {social worker|school social worker} leaves, everything starts from scratch.",
            "S: It all depends on who you happen to get hold of.",
            "G: We were lucky to get a committed {teacher|social worker}.",
        ],
    },
    "differing_expectations_roles": {
        "fi": [
            "S: Koululla ja lastensuojelulla on erilaiset odotukset toisistaan.",
            "S: {Roolit|Työnjako|Vastuut} ovat epäselviä, ja asioita {pompotellaan|siirretään} taholta toiselle.",
            "S: Kouluun sälytetään {tehtäviä, jotka eivät kuulu sille|sosiaalityön tehtäviä}.",
            "S: Lastensuojelu odottaa koulun hoitavan {asiat|poissaolot} yksin.",
            "G: Jokainen taho sanoi, ettei asia kuulu heille.",
        ],
        "sv": [
            "S: Skolan och socialtjänsten har olika förväntningar på varandra.",
            "S: {Rollerna|Ansvarsfördelningen} är oklar och ärenden bollas mellan verksamheterna.",
            "S: Skolan förväntas lösa {sociala problem|allt} på egen hand.",
            "G: Alla sa att det inte var deras ansvar.",
        ],
        "en": [
            "S: School and child welfare expect different things from each other.",
            "S: Roles and responsibilities are unclear and cases are passed back and forth.",
            "S: The school is expected to solve social problems on its own.",
            "G: Everyone said it was not their responsibility.",
        ],
    },
    "regional_differences": {
        "fi": [
            "S: Käytännöt vaihtelevat {alueittain|kunnittain|kouluittain}{, eikä yhteistä linjaa ole|}.",
            "S: Toisella alueella yhteistyö toimii hyvin, meillä ei.",
            "S: Perheen saama tuki riippuu asuinpaikasta.",
            "G: Naapurikunnassa tukea saa paljon helpommin.",
        ],
        "sv": [
            "S: Arbetssätten skiljer sig mellan {områdena|kommunerna|skolorna}.",
            "S: I ett område fungerar det bra, i ett annat inte alls.",
            "S: Stödet beror på var familjen bor.",
            "G: I grannkommunen får man stöd mycket lättare.",
        ],
        "en": [
            "S: Practice varies between {areas|municipalities|schools}.",
            "S: In one area cooperation works well, in another not at all.",
            "S: The support a family gets depends on where they live.",
            "G: In the neighbouring municipality support is much easier to get.",
        ],
    },
    "lack_of_time_staff": {
        "fi": [
            "S: {Aikaa|Resursseja} yhteistyöhön ei ole, kun {asiakasmäärät ovat liian suuria|kuraattorilla on kolme koulua}.",
            "S: Henkilöstöpula ja jatkuva vaihtuvuus {vaikeuttavat|estävät} pitkäjänteisen työn.",
            "S: Kiire on niin kova, ettei {palavereihin|yhteisiin tapaamisiin} ehdi.",
            "S: Sijaisia ei saada, ja {työkuorma|työmäärä} on kohtuuton.",
            "G: {Kuraattorilla|Psykologilla} ei ollut aikaa meille.",
        ],
        "sv": [
            "S: Det finns ingen tid för samarbete när {kuratorn har tre skolor|ärendemängden är för stor}.",
            "S: Personalbrist och hög omsättning gör det omöjligt att arbeta långsiktigt.",
            "S: Vi hinner inte {träffas|ha gemensamma möten}.",
            "G: Kuratorn hade inte tid för oss.",
        ],
        "en": [
            "S: There is no time for cooperation when {caseloads are too high|the school social worker covers three schools}.",
            "S: Staff shortages and high turnover make long-term work impossible.",
            "S: Everyone is too busy to meet.",
            "G: The school psychologist had no time for us.",
        ],
    },
    "communication_difficulties": {
        "fi": [
            "S: Ei tiedä, kenelle {soittaa|pitäisi olla yhteydessä} {lastensuojelussa|sosiaalitoimessa}.",
            "S: Sosiaalityöntekijöitä on vaikea tavoittaa, eivätkä he {soita takaisin|vastaa viesteihin}.",
            "S: Yhteystiedot {muuttuvat jatkuvasti|eivät ole ajan tasalla}.",
            "S: Perheen kanssa ei ole yhteistä kieltä, eikä tulkkia saada {ajoissa|paikalle}.",
            "G: {Opettajaa|Kuraattoria} ei saanut kiinni puhelimella{, eikä Wilma-viesteihin vastattu|}.",
            "G: Emme tienneet, keneen ottaa yhteyttä.",
        ],
        "sv": [
            "S: Man vet inte vem man ska ringa på socialtjänsten.",
            "S: Socialsekreterarna är svåra att nå och ringer inte tillbaka.",
            "S: Vi saknar gemensamt språk med familjen och tolk är svårt att få.",
            "G: Vi fick aldrig tag på {läraren|kuratorn} i telefon.",
            "G: Vi visste inte vem vi skulle kontakta.",
        ],
        "en": [
            "S: You never know who to call in social services.",
            "S: Social workers are hard to reach and do not call back.",
            "S: There is no shared language with the family and getting an interpreter is difficult.",
            "G: We could never get hold of the {teacher|school social worker} by phone.",
            "G: We did not know whom to contact.",
        ],
    },
    "family_distrust_fear": {
        "fi": [
            "S: Perheet pelkäävät lastensuojelua{ ja salaavat ongelmat|}.",
            "S: Huoltajat kieltäytyvät yhteistyöstä, koska pelkäävät huostaanottoa.",
            "S: Lastensuojeluun liittyy leima, eikä perhe luota viranomaisiin.",
            "G: Pelkäsimme, että {lapsi otetaan huostaan|meitä syyllistetään}, jos kerromme tilanteesta.",
            "G: Luottamus {kouluun|sosiaalitoimeen} meni{ ensimmäisessä palaverissa|}.",
        ],
        "sv": [
            "S: Familjer är rädda för socialtjänsten och döljer sina problem.",
            "S: Vårdnadshavare vägrar samarbeta av rädsla för ett omhändertagande.",
            "S: Det finns ett stigma kring socialtjänsten och familjen litar inte på myndigheterna.",
            "G: Vi var rädda att barnet skulle omhändertas om vi berättade.",
        ],
        "en": [
            "S: Families are afraid of child welfare and hide their problems.",
            "S: Guardians refuse to cooperate because they fear the child will be taken into care.",
            "S: There is a stigma around child welfare and families do not trust the authorities.",
            "G: We were afraid we would be blamed if we told anyone.",
        ],
    },
    "information_flow": {
        "fi": [
            "S: Tieto ei kulje {koulun ja sosiaalipalvelujen|eri toimijoiden} välillä{, eivätkä järjestelmät keskustele keskenään|}.",
            "S: Koululla ei ole pääsyä tietoihin, joita {tuen suunnittelu|työ} vaatisi.",
            "G: Jouduimme kertomaan samat asiat moneen kertaan eri ammattilaisille.",
            "G: Jokainen uusi työntekijä aloitti alusta, eikä tieto siirtynyt.",
        ],
        "sv": [
            "S: Informationen går inte mellan {skolan och socialtjänsten|verksamheterna} och systemen pratar inte med varandra.",
            "S: Skolan har inte tillgång till den information som behövs.",
            "G: Vi fick berätta samma sak om och om igen för olika personer.",
            "G: Varje ny handläggare började från början.",
        ],
        "en": [
            "S: Information does not pass between {the school and social services|services} and the systems do not talk to each other.",
            "S: The school has no access to the information it would need.",
            "G: We had to tell the same story again and again to different professionals.",
            "G: Every new worker started from scratch.",
        ],
    },
    "family_not_heard": {
        "fi": [
            "G: Meitä ei kuunneltu, vaikka tunnemme lapsemme parhaiten.",
            "G: {Lapsen omaa mielipidettä|Lapsen näkemystä} ei kysytty{ kertaakaan|}.",
            "G: Päätökset tehtiin meidän {puolestamme|ylitsemme}, eikä meitä otettu mukaan.",
            "S: Lapsen ja perheen ääni ei kuulu {suunnitelmissa|palavereissa}.",
        ],
        "sv": [
            "G: Ingen lyssnade på oss fast vi känner vårt barn bäst.",
            "G: Barnets egen åsikt frågades aldrig efter.",
            "G: Besluten fattades över huvudet på oss.",
            "S: Barnets röst hörs inte i planeringen.",
        ],
        "en": [
            "G: Nobody listened to us, although we know our child best.",
            "G: Our child's own views were never asked for.",
            "G: Decisions were made over our heads.",
            "S: The child's voice is not heard in the planning.",
        ],
    },
    "waiting_times": {
        "fi": [
            "G: {Psykologille|Nuorisopsykiatrialle|Tutkimuksiin} jonotettiin {puoli vuotta|kuukausia}.",
            "G: Apu tuli {liian myöhään|vasta kun tilanne oli jo paha}.",
            "G: Odotimme {tukea|pääsyä terapiaan} {kuukausia|yli vuoden}.",
            "S: Hoitoon pääsyä joutuu odottamaan niin kauan, että tilanne ehtii pahentua.",
        ],
        "sv": [
            "G: Vi väntade {i månader|över ett år} på {en utredning|hjälp från BUP}.",
            "G: Hjälpen kom för sent.",
            "S: Köerna till {barnpsykiatrin|skolpsykologen} är {orimligt|alldeles för} långa.",
        ],
        "en": [
            "G: We waited {months|over a year} for {an assessment|help from child psychiatry}.",
            "G: Help came too late.",
            "S: The waiting lists for {child psychiatry|the school psychologist} are far too long.",
        ],
    },
}

PHRASES = {"reasons_for_absence": REASON_PHRASES, "barriers_to_cooperation": BARRIER_PHRASES}
THEMES = {family: list(themes) for family, themes in PHRASES.items()}
"""The themes of each family the generator writes about: the codebooks' theme ids."""

SHORT: dict[str, dict[str, dict[str, list[str]]]] = {
    "reasons_for_absence": {
        "physical_illness": {"fi": ["Sairastelu.", "Vatsakivut", "Migreeni"], "sv": ["Sjukdom.", "Magont", "Migrän"],
                             "en": ["Illness.", "Headaches", "Tummy aches"]},
        "anxiety_mental_health": {"fi": ["Ahdistus", "Masennus.", "Koulupelko"], "sv": ["Ångest", "Depression"],
                                  "en": ["Anxiety", "Depression."]},
        "bullying_peer_relations": {"fi": ["Kiusaaminen.", "Koulukiusaaminen", "Ei kavereita"],
                                    "sv": ["Mobbning.", "Inga kompisar"], "en": ["Bullying.", "No friends"]},
        "learning_difficulties_pressure": {"fi": ["Oppimisvaikeudet", "Liikaa läksyjä"],
                                           "sv": ["Dyslexi", "För mycket läxor"], "en": ["Dyslexia", "Too much homework"]},
        "teacher_relationships_climate": {"fi": ["Opettaja.", "Levoton luokka"], "sv": ["Läraren.", "Stökig klass"],
                                          "en": ["The teacher.", "Noisy class"]},
        "family_situation": {"fi": ["Perhetilanne.", "Vanhempien ero"], "sv": ["Skilsmässa.", "Familjesituationen"],
                             "en": ["Divorce.", "Family situation"]},
        "sleep_gaming_screens": {"fi": ["Pelaaminen.", "Univaikeudet"], "sv": ["Sömnproblem", "Gaming"],
                                 "en": ["Gaming.", "Sleep problems"]},
        "substance_use": {"fi": ["Päihteet.", "Alkoholi"], "sv": ["Droger.", "Alkohol"], "en": ["Drugs.", "Alcohol"]},
        "travel_practical": {"fi": ["Pitkä koulumatka.", "Kyydit"], "sv": ["Lång skolväg.", "Skolskjutsen"],
                             "en": ["Long journey.", "Transport"]},
        "holidays_in_term": {"fi": ["Lomamatka.", "Ulkomaanmatka"], "sv": ["Semester.", "Utlandsresa"],
                             "en": ["Holiday.", "Family trip"]},
        "neurodevelopmental": {"fi": ["ADHD", "Autismi"], "sv": ["ADHD", "Autism"], "en": ["ADHD", "Autism"]},
        "school_transition": {"fi": ["Koulun vaihto", "Muutto"], "sv": ["Flytt.", "Skolbyte"],
                              "en": ["Moving house", "New school"]},
    },
    "barriers_to_cooperation": {
        "unclear_guidelines": {"fi": ["Epäselvät ohjeet.", "Ristiriitaiset ohjeet"], "sv": ["Otydliga riktlinjer"],
                               "en": ["Unclear guidelines."]},
        "guidelines_hard_to_find": {"fi": ["Ohjeita ei löydä."], "sv": ["Svårt att hitta rutinerna."],
                                    "en": ["Guidelines impossible to find."]},
        "confidentiality_consent": {"fi": ["Salassapito.", "Tietosuoja ja luvat"], "sv": ["Sekretessen."],
                                    "en": ["Confidentiality."]},
        "no_feedback_after_notification": {"fi": ["Ei palautetta ilmoituksista."], "sv": ["Ingen återkoppling."],
                                           "en": ["No feedback."]},
        "dependence_on_individuals": {"fi": ["Henkilöistä kiinni."], "sv": ["Personberoende."],
                                      "en": ["Depends on individuals."]},
        "differing_expectations_roles": {"fi": ["Epäselvät roolit."], "sv": ["Oklara roller."], "en": ["Unclear roles."]},
        "regional_differences": {"fi": ["Alueelliset erot."], "sv": ["Skillnader mellan kommunerna."],
                                 "en": ["Regional differences."]},
        "lack_of_time_staff": {"fi": ["Kiire.", "Resurssipula"], "sv": ["Tidsbrist.", "För lite personal"],
                               "en": ["No time.", "Not enough staff"]},
        "communication_difficulties": {"fi": ["Tavoitettavuus."], "sv": ["Svårt att nå socialtjänsten."],
                                       "en": ["Unreachable social workers."]},
        "family_distrust_fear": {"fi": ["Perheiden pelko."], "sv": ["Rädsla för socialtjänsten."],
                                 "en": ["Fear of child welfare."]},
        "information_flow": {"fi": ["Tiedonkulku."], "sv": ["Informationsflödet."], "en": ["Information flow."]},
        "family_not_heard": {"fi": ["Meitä ei kuunneltu."], "sv": ["Ingen lyssnade."], "en": ["Nobody listened."]},
        "waiting_times": {"fi": ["Jonot.", "Liian pitkät jonot"], "sv": ["Köerna."], "en": ["Waiting lists."]},
    },
}

OFF_TOPIC = {
    "reasons_for_absence": {
        "fi": ["Monta syytä.", "Vaikea sanoa.", "En halua kertoa.", "-", "En tiedä.", "ei mitään erityistä"],
        "sv": ["Flera orsaker.", "Svårt att säga.", "Vill inte säga.", "-", "Vet inte."],
        "en": ["Several reasons.", "Hard to say.", "Rather not say.", "-", "Don't know."],
    },
    "barriers_to_cooperation": {
        "fi": ["Ei mitään lisättävää.", "En osaa sanoa.", "-", "Kiitos kyselystä!", "Hyvä, että tällaista kysytään.",
               "Yhteistyö on toiminut meillä hyvin.", "Ei kommentteja", "ok"],
        "sv": ["Inget att tillägga.", "Vet inte.", "-", "Tack för enkäten!", "Samarbetet har fungerat bra för oss."],
        "en": ["Nothing to add.", "Don't know.", "-", "Thanks for the survey!", "Cooperation has worked well for us.",
               "No comment"],
    },
}
OPENERS = {
    "reasons_for_absence": {
        "fi": ["Vaikea sanoa yhtä syytä.", "Tilanne on ollut pitkään hankala."],
        "sv": ["Svårt att säga en enda orsak.", "Situationen har varit svår länge."],
        "en": ["Hard to name just one reason.", "It has been difficult for a long time."],
    },
    "barriers_to_cooperation": {
        "fi": ["Paljon on hyvääkin, mutta ongelmiakin on.", "Tämä on ollut pitkään ongelma."],
        "sv": ["Mycket fungerar, men det finns problem.", "Det här har varit ett problem länge."],
        "en": ["A lot works, but there are problems.", "This has been a problem for a long time."],
    },
}
CONNECTORS = {"fi": ["", "Lisäksi ", "Myös "], "sv": ["", "Och ", "Men också: "], "en": ["", "Also, ", "On top of that, "]}
CLOSERS = {"fi": ["Toivottavasti tästä on apua.", "Kiitos."], "sv": ["Hoppas det här hjälper.", "Tack."],
           "en": ["Hope this helps.", "Thanks."]}
PERSONAL = {
    "fi": ["Soittakaa minulle: {phone}.", "Yhteystietoni: {email}", "Numeroni on {phone}.", "{email}"],
    "sv": ["Ring mig på {phone}.", "Min e-post: {email}", "Hälsningar, {email}"],
    "en": ["Call me on {phone}.", "My email is {email}.", "- {email}"],
}
PHONES = {  # dummy numbers; the Swedish ones are from the range reserved for fiction
    "fi": ["040 123 4567", "050 765 4321", "+358 40 987 6543", "044-555 1234"],
    "sv": ["070-174 06 05", "+46 70 174 06 50", "070-174 06 77"],
    "en": ["+358 40 987 6543", "+46 70 174 06 50", "040 123 4567"],
}

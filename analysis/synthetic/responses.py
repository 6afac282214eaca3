"""SYNTHETIC respondents: guardians, pupils and staff answering their questionnaire.

One function per questionnaire invents ``count`` responses in one area; the answers are
correlated the way real ones tend to be (see ``analysis.synthetic``). The numbers that shape them
are in ``distributions``, the words of the free texts in ``analysis/data/synthetic``.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ._data import PHRASE_LANGUAGES, Area
from ._data import words as _words
from .dataset import SyntheticResponse
from .distributions import (
    COOPERATION_FREQUENCY,
    FEEDBACK_GIVEN,
    FEEDBACK_HEARD,
    FEEDBACK_HEARD_NONE,
    FEELING_OFFSETS,
    GRADE_FACTORS,
    GUARDIAN_BARRIERS,
    GUARDIAN_EFFECTS,
    GUARDIAN_STATEMENT_OFFSETS,
    PUPIL_EFFECTS,
    REASON_WEIGHTS,
    SEVERITY_FACTORS,
    STAFF_AREA_SENSITIVE,
    STAFF_BARRIERS,
    STAFF_EFFECTS,
    STAFF_GROUPS,
    STAFF_MEANS,
    STAFF_NEGATIVE,
    STAFF_ORGANISATIONS,
    STAFF_ROLES,
)
from .layout import QuestionnaireLayout
from .sampling import Answers, _date, _language, _matrix, _mean_of, _pick, _pick_mapping, _sample, _scale
from .writing import _Writer

OTHER_LANGUAGES = ("ru", "ar", "so", "uk", "et", "fa")
"""Guardians may answer in these too (structured questions only: no texts are invented in them)."""

Maker = Callable[[np.random.Generator, QuestionnaireLayout, Area, int], list[SyntheticResponse]]


def _response_id(rng: np.random.Generator, layout: QuestionnaireLayout, area: Area, number: int) -> str:
    return f"syn-{layout.id[0]}{area.slug[0]}{number:04d}-{int(rng.integers(0, 16 ** 6)):06x}"


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


def _as_stored(layout: QuestionnaireLayout, answers: Answers) -> Answers:
    """The answers as the web app stores a submission: the options of a multiple choice in the
    questionnaire's order, "other" only with its text, and nothing for a question with no option
    chosen (the app refuses "other" without a text, and stores no empty choice)."""
    for question in layout.questions:
        if question.type != "multiple_choice" or question.id not in answers:
            continue
        chosen = list(answers[question.id])
        if question.other is not None and not answers.get(f"{question.id}.other"):
            chosen = [value for value in chosen if value != "other"]
        order = [value for value, _ in question.options] + (["other"] if question.other is not None else [])
        values = [value for value in order if value in chosen] + [value for value in chosen if value not in order]
        if values:
            answers[question.id] = values
        else:
            del answers[question.id]
    return answers


# --- guardians -----------------------------------------------------------------------------------

def _guardians(rng: np.random.Generator, layout: QuestionnaireLayout, area: Area,
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
            _response_id(rng, layout, area, number), language, _date(rng, 21, early=True),
            _as_stored(layout, answers), themes, frozenset(personal)))
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

def _pupils(rng: np.random.Generator, layout: QuestionnaireLayout, area: Area,
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
                _response_id(rng, layout, area, len(responses)), language, day, _as_stored(layout, answers),
                themes, frozenset(personal)))
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

def _staff(rng: np.random.Generator, layout: QuestionnaireLayout, area: Area,
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
            other_role = _pick(rng, _words().other_roles)
            answers["role.other"] = other_role[language]
            organisation, group = other_role["organisation"], other_role["group"]
        elif role == "school_nurse" and rng.random() < 0.3 or role == "school_psychologist" and rng.random() < 0.1:
            organisation = "health"
        answers["organisation"] = organisation
        if organisation == "other":
            answers["organisation.other"] = _pick(rng, _words().other_organisations[language])
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
            _response_id(rng, layout, area, number), language, _date(rng, 21, weekdays_only=True),
            _as_stored(layout, answers), themes, frozenset(personal)))
    return responses


MAKERS: dict[str, Maker] = {"guardians": _guardians, "pupils": _pupils, "staff": _staff}

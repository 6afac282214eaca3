"""``generate``: the SYNTHETIC data set for a seed, one campaign per questionnaire and invented area."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from ._data import areas as _areas
from .dataset import PROJECT_NAME, SyntheticCampaign, SyntheticDataSet, survey
from .layout import QuestionnaireLayout
from .responses import MAKERS, Maker

QUESTIONNAIRES_DIR = Path(__file__).resolve().parents[2] / "questionnaires"
DEFAULT_SEED = 2025
DEFAULT_SIZES = {"guardians": 300, "pupils": 300, "staff": 150}


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
    for index, (questionnaire, make) in enumerate(MAKERS.items()):
        path = folder / f"{questionnaire}.yaml"
        if not path.exists():
            raise FileNotFoundError(f"{path}: the {questionnaire} questionnaire is needed for its layout")
        layout = QuestionnaireLayout.read(path)
        rng = np.random.default_rng([seed, index])
        campaigns = _campaigns(rng, layout, int(sizes[questionnaire]), make)
        surveys[questionnaire] = survey(layout, campaigns)
    return SyntheticDataSet(seed, surveys)


def _campaigns(rng: np.random.Generator, layout: QuestionnaireLayout, count: int,
               make: Maker) -> list[SyntheticCampaign]:
    areas = _areas()
    shares = np.array([a.share for a in areas])
    sizes = np.floor(shares * count).astype(int)
    for index in np.argsort(-(shares * count - sizes), kind="stable")[: count - sizes.sum()]:
        sizes[index] += 1  # largest remainders
    campaigns = []
    for area, size in zip(areas, sizes):
        responses = make(rng, layout, area, int(size))
        campaigns.append(SyntheticCampaign(
            name=f"SYNTHETIC – {layout.id} – {area.name.replace(' (SYNTHETIC)', '')} – spring 2025",
            slug=f"synthetic-{layout.id}-{area.slug}", project=PROJECT_NAME, area=area.name,
            schools=area.schools, responses=tuple(responses),
        ))
    return campaigns

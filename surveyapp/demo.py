"""Demo content: one open campaign for every shipped questionnaire."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .codes import new_slug
from .launching import default_retention, project_named
from .models import Campaign
from .questionnaire.loader import load_file
from .survey.campaigns import check_campaign_languages, launchable_languages, store_questionnaire

DEMO_PREFIX = "Demo: "
DEMO_PROJECT = "Demo project"


@dataclass(frozen=True)
class DemoCampaign:
    name: str
    slug: str
    languages: list[str]


def ensure_demo_campaigns(
    session: Session, questionnaire_dir: Path, interface: list[str]
) -> list[DemoCampaign]:
    """Create (or bring up to date) a demo campaign per questionnaire file; links stay stable.

    Each demo offers every language in which the questionnaire and the interface are complete.
    """
    demos = []
    for path in sorted(Path(questionnaire_dir).glob("*.y*ml")):
        questionnaire = load_file(path)
        version = store_questionnaire(session, questionnaire, source_name=path.name)
        session.flush()
        name = DEMO_PREFIX + questionnaire.title.get("en", questionnaire.id)
        campaign = session.scalar(select(Campaign).where(Campaign.name == name))
        if campaign is None:
            project = project_named(session, DEMO_PROJECT)
            campaign = Campaign(slug=new_slug(), name=name, status="open", project_id=project.id,
                                retain_until=default_retention(dt.date.today()), schools=[])
            session.add(campaign)
        campaign.questionnaire_version_id = version.id
        languages = launchable_languages(questionnaire, interface)
        check_campaign_languages(questionnaire, interface, languages, None)
        campaign.languages = languages
        campaign.default_language = None
        demos.append(campaign)
    session.commit()
    return [DemoCampaign(c.name, c.slug, list(c.languages)) for c in demos]

"""Demo content: one open campaign for every shipped questionnaire."""
from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .codes import new_slug
from .launching import default_retention, project_named
from .staff.accounts import create_user, hash_password
from .models import Campaign, User
from .questionnaire.loader import load_file
from .survey.campaigns import check_campaign_languages, launchable_languages, store_questionnaire

DEMO_PREFIX = "Demo: "
DEMO_PROJECT = "Demo project"
DEMO_STAFF_EMAIL = "demo-admin@verkosto.invalid"


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


def ensure_demo_staff(session: Session) -> tuple[str, str]:
    """A demo administrator with a fresh random password (printed by the demo command).

    Only for the local demo: a real deployment creates its accounts with
    ``verkosto users create-admin`` and ``verkosto users add``.
    """
    password = secrets.token_urlsafe(12)
    user = session.scalar(select(User).where(User.email == DEMO_STAFF_EMAIL))
    if user is None:
        create_user(session, email=DEMO_STAFF_EMAIL, name="Demo administrator", password=password, is_admin=True)
    else:
        user.password_hash = hash_password(password)
    session.commit()
    return DEMO_STAFF_EMAIL, password

"""Launching a campaign: checks its languages and says what still needs a native speaker.

Plain functions on a database session; the staff workspace and the command line both use them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from .codes import new_slug
from .models import Campaign
from .questionnaire.model import Questionnaire
from .survey.campaigns import check_campaign_languages, launchable_languages, store_questionnaire


@dataclass(frozen=True)
class LanguageStatus:
    language: str
    questionnaire: str
    """``reviewed`` or ``draft``: the questionnaire's texts in this language."""
    interface: str
    """``source``, ``reviewed`` or ``draft``: the interface catalog."""

    @property
    def needs_review(self) -> bool:
        return self.questionnaire != "reviewed" or self.interface not in ("reviewed", "source")


def language_statuses(
    questionnaire: Questionnaire, languages: list[str], interface_status: dict[str, str]
) -> list[LanguageStatus]:
    return [
        LanguageStatus(
            language,
            questionnaire.review_status.get(language, "draft"),
            interface_status.get(language, "draft"),
        )
        for language in languages
    ]


def launch_campaign(
    session: Session,
    questionnaire: Questionnaire,
    *,
    source_name: str,
    name: str,
    languages: list[str] | None,
    default_language: str | None,
    interface: list[str],
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
) -> Campaign:
    """Store the questionnaire version and open a campaign on it, in complete languages only."""
    chosen = languages or launchable_languages(questionnaire, interface)
    check_campaign_languages(questionnaire, interface, chosen, default_language)
    if opens_on and closes_on and closes_on < opens_on:
        raise ValueError("the campaign closes before it opens")
    version = store_questionnaire(session, questionnaire, source_name=source_name)
    session.flush()
    campaign = Campaign(
        slug=new_slug(),
        name=name,
        questionnaire_version_id=version.id,
        languages=chosen,
        default_language=default_language,
        status="open",
        opens_on=opens_on,
        closes_on=closes_on,
    )
    session.add(campaign)
    session.commit()
    return campaign

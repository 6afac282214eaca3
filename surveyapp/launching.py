"""Launching a campaign: checks its languages and says what still needs a native speaker.

Plain functions on a database session; the staff workspace and the command line both use them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from .codes import new_slug
from .models import Campaign, Project
from .questionnaire.model import Questionnaire
from .survey.campaigns import check_campaign_languages, launchable_languages, store_questionnaire


DEFAULT_RETENTION_DAYS = 730  # the shipped privacy notices promise deletion within two years


def default_retention(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=DEFAULT_RETENTION_DAYS)


def project_named(session: Session, name: str) -> Project:
    """The project with this name, created if new."""
    from sqlalchemy import select

    project = session.scalar(select(Project).where(Project.name == name))
    if project is None:
        project = Project(name=name, areas={})
        session.add(project)
        session.flush()
    return project


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
    project: Project,
    source_name: str,
    name: str,
    languages: list[str] | None,
    default_language: str | None,
    interface: list[str],
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
    area: str | None = None,
    schools: list[str] | None = None,
    target_responses: int | None = None,
    retain_until: dt.date | None = None,
    status: str = "open",
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
        project_id=project.id,
        questionnaire_version_id=version.id,
        languages=chosen,
        default_language=default_language,
        status=status,
        opens_on=opens_on,
        closes_on=closes_on,
        area=area,
        schools=list(schools or []),
        target_responses=target_responses,
        retain_until=retain_until or default_retention(dt.date.today()),
    )
    session.add(campaign)
    session.commit()
    return campaign

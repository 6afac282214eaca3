"""Campaigns as respondents meet them: lookup by slug, open or not, the questionnaire."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from collections import OrderedDict
from enum import Enum

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import Campaign, QuestionnaireVersion
from ..questionnaire.loader import from_definition
from ..questionnaire.model import Questionnaire


class CampaignState(str, Enum):
    OPEN = "open"
    NOT_YET_OPEN = "not_yet_open"
    PAUSED = "paused"
    CLOSED = "closed"


def campaign_state(campaign: Campaign, today: dt.date) -> CampaignState:
    if campaign.status == "closed" or (campaign.closes_on is not None and today > campaign.closes_on):
        return CampaignState.CLOSED
    if campaign.status == "paused":
        return CampaignState.PAUSED
    if campaign.status == "draft":
        return CampaignState.NOT_YET_OPEN
    if campaign.opens_on is not None and today < campaign.opens_on:
        return CampaignState.NOT_YET_OPEN
    return CampaignState.OPEN


def find_campaign(session: Session, slug: str) -> Campaign | None:
    return session.scalar(select(Campaign).where(Campaign.slug == slug))


def content_hash(definition: dict) -> str:
    canonical = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def store_questionnaire(
    session: Session, questionnaire: Questionnaire, source_name: str, project_id: int | None = None
) -> QuestionnaireVersion:
    """The stored version of exactly this definition, created if new (versions never change).

    ``project_id``: the project uploading it (None for the shipped questionnaires).
    """
    digest = content_hash(dict(questionnaire.definition))
    existing = session.scalar(select(QuestionnaireVersion).where(QuestionnaireVersion.content_hash == digest))
    if existing is not None:
        return existing
    version = QuestionnaireVersion(
        questionnaire_key=questionnaire.id,
        content_hash=digest,
        definition=dict(questionnaire.definition),
        source_name=source_name,
        project_id=project_id,
    )
    try:
        with session.begin_nested():
            session.add(version)
    except IntegrityError:  # stored meanwhile by another process
        return session.scalars(
            select(QuestionnaireVersion).where(QuestionnaireVersion.content_hash == digest)
        ).one()
    return version


class _QuestionnaireCache:
    """Parsed questionnaires by content hash; versions are immutable, so this never goes stale."""

    def __init__(self, size: int = 64):
        self.size = size
        self.items: OrderedDict[str, Questionnaire] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, version: QuestionnaireVersion) -> Questionnaire:
        with self.lock:
            found = self.items.get(version.content_hash)
            if found is not None:
                self.items.move_to_end(version.content_hash)
                return found
        questionnaire = from_definition(version.definition, source=version.source_name)
        with self.lock:
            self.items[version.content_hash] = questionnaire
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return questionnaire


_cache = _QuestionnaireCache()


def questionnaire_of(campaign: Campaign) -> Questionnaire:
    return _cache.get(campaign.questionnaire_version)


def questionnaire_version(session: Session, version_id: int) -> Questionnaire:
    """A stored version, parsed (cached: versions never change)."""
    version = session.get(QuestionnaireVersion, version_id)
    if version is None:
        raise LookupError(version_id)
    return _cache.get(version)


class CampaignLanguageError(ValueError):
    """A campaign may be offered only in languages that are complete."""


def launchable_languages(questionnaire: Questionnaire, interface: list[str]) -> list[str]:
    """Languages in which both the questionnaire's texts and the interface are complete."""
    return [language for language in questionnaire.languages if language in interface]


def check_campaign_languages(
    questionnaire: Questionnaire, interface: list[str], languages: list[str], default: str | None
) -> None:
    allowed = launchable_languages(questionnaire, interface)
    missing = [language for language in languages if language not in allowed]
    if not languages:
        raise CampaignLanguageError("a campaign needs at least one language")
    if missing:
        raise CampaignLanguageError(
            f"not complete in {', '.join(missing)}: a campaign can only use {', '.join(allowed)}"
        )
    if default is not None and default not in languages:
        raise CampaignLanguageError(f"the default language {default!r} is not one of the campaign's languages")


_shipped_parsed: dict[tuple[str, float], Questionnaire] = {}


def ensure_shipped_versions(session: Session, directory: str) -> list[int]:
    """Store the shipped questionnaires (those in ``directory``) so staff can pick them.

    Files are parsed again only when they change; the database is asked every time (by
    content hash), since one process may serve several databases (tests do).
    """
    from pathlib import Path

    from ..questionnaire.loader import load_file

    ids = []
    for path in sorted(Path(directory).glob("*.y*ml")):
        key = (str(path), path.stat().st_mtime)
        if key not in _shipped_parsed:
            _shipped_parsed[key] = load_file(path)
        version = store_questionnaire(session, _shipped_parsed[key], source_name=path.name)
        session.flush()
        ids.append(version.id)
    session.commit()
    return ids

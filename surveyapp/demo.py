"""Demo content: one open campaign for every shipped questionnaire, with SYNTHETIC responses.

The campaigns of the questionnaires that ``analysis.synthetic`` answers (guardians, pupils and
staff) also hold its invented responses (``generate()`` with the default seed: 300 + 300 + 150),
stored as submitted responses of the campaign's current questionnaire version, so that staff see
counts, a funnel and exports with data, and researchers can export and analyse them. They are
marked where staff see them: those campaigns are named ``SYNTHETIC demo: ...`` and the response
ids start with ``syn-``. Each answer set goes through the app's own answer reading, page by page as
a respondent's would (``submit_page``), so it is stored exactly as a real submission is, and one
that a respondent could not have submitted is refused. Loading is idempotent: a response already
stored (found by its ``syn-`` id) is not stored again.
"""
from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from .codes import new_code, new_id, new_slug
from .launching import default_retention, project_named
from .models import Campaign, FunnelCount, Response, User
from .questionnaire.loader import load_file
from .questionnaire.model import Questionnaire
from .staff.accounts import create_user, hash_password
from .survey.campaigns import (
    check_campaign_languages,
    find_campaign,
    launchable_languages,
    questionnaire_of,
    store_questionnaire,
)
from .survey.flow import effective_answers, first_gap, page_after, visible_pages
from .survey.funnel import STARTED, SUBMITTED, page_step
from .survey.navigation import NEXT, submit_page

DEMO_PREFIX = "Demo: "
SYNTHETIC_PREFIX = "SYNTHETIC demo: "
"""The name of a demo campaign that holds synthetic responses starts with this."""
DEMO_PROJECT = "Demo project"
DEMO_STAFF_EMAIL = "demo-admin@verkosto.invalid"
SYNTHETIC_QUESTIONNAIRES = ("guardians", "pupils", "staff")
"""The questionnaires ``analysis.synthetic`` answers."""
SYNTHETIC_ID_PREFIX = "syn-"
"""``analysis.synthetic``'s response ids start with this (the app's own ids are hexadecimal)."""


@dataclass(frozen=True)
class DemoCampaign:
    name: str
    slug: str
    languages: list[str]
    questionnaire: str = ""
    """The questionnaire's id, e.g. ``guardians``."""


class SyntheticAnswersError(ValueError):
    """A synthetic answer set that a respondent could not have submitted to this questionnaire."""


def ensure_demo_campaigns(
    session: Session, questionnaire_dir: Path, interface: list[str]
) -> list[DemoCampaign]:
    """Create (or bring up to date) a demo campaign per questionnaire file; links stay stable.

    Each demo offers every language in which the questionnaire and the interface are complete.
    A campaign that gets synthetic responses (``ensure_synthetic_responses``) is named
    ``SYNTHETIC demo: TITLE``, the others ``Demo: TITLE``; a campaign named the other way by an
    earlier demo is renamed, keeping its link.
    """
    demos = []
    for path in sorted(Path(questionnaire_dir).glob("*.y*ml")):
        questionnaire = load_file(path)
        version = store_questionnaire(session, questionnaire, source_name=path.name)
        session.flush()
        title = questionnaire.title.get("en", questionnaire.id)
        synthetic = questionnaire.id in SYNTHETIC_QUESTIONNAIRES
        name = (SYNTHETIC_PREFIX if synthetic else DEMO_PREFIX) + title
        names = [name, (DEMO_PREFIX if synthetic else SYNTHETIC_PREFIX) + title]
        found = {c.name: c for c in session.scalars(select(Campaign).where(Campaign.name.in_(names)))}
        campaign = found.get(names[0]) or found.get(names[1])
        if campaign is None:
            project = project_named(session, DEMO_PROJECT)
            campaign = Campaign(slug=new_slug(), name=name, status="open", project_id=project.id,
                                retain_until=default_retention(dt.date.today()), schools=[])
            session.add(campaign)
        campaign.name = name
        campaign.questionnaire_version_id = version.id
        languages = launchable_languages(questionnaire, interface)
        check_campaign_languages(questionnaire, interface, languages, None)
        campaign.languages = languages
        campaign.default_language = None
        demos.append((campaign, questionnaire.id))
    session.commit()
    return [DemoCampaign(c.name, c.slug, list(c.languages), questionnaire_id) for c, questionnaire_id in demos]


def ensure_synthetic_responses(
    session: Session, demos: Sequence[DemoCampaign], *, max_text_length: int,
    questionnaire_dir: Path | None = None,
) -> dict[str, int]:
    """Store ``analysis.synthetic``'s responses in the demo campaigns of their questionnaires.

    Returns, per campaign slug, the number of synthetic responses the campaign holds. Only the
    responses not stored yet are added, with the funnel counts they imply (started, each page
    they saw, submitted). The generator reads the questionnaires' layout from
    ``questionnaire_dir`` when it has all three, else from the shipped ones. Raises
    ``SyntheticAnswersError`` when an answer set does not fit the campaign's questionnaire
    version (e.g. a question the generator answers was removed).
    """
    targets = [demo for demo in demos if demo.questionnaire in SYNTHETIC_QUESTIONNAIRES]
    if not targets:
        return {}
    from analysis.synthetic import DEFAULT_SEED, generate

    folder = Path(questionnaire_dir) if questionnaire_dir is not None else None
    if folder is not None and not all((folder / f"{name}.yaml").exists() for name in SYNTHETIC_QUESTIONNAIRES):
        folder = None
    data = generate(DEFAULT_SEED, questionnaires_dir=folder)
    stored = set(session.scalars(select(Response.id).where(Response.id.startswith(SYNTHETIC_ID_PREFIX))))
    held = {}
    for demo in targets:
        campaign = find_campaign(session, demo.slug)
        if campaign is None:
            raise LookupError(f"no campaign {demo.slug!r}")
        questionnaire = questionnaire_of(campaign)
        responses = [r for c in data[demo.questionnaire].campaigns for r in c.responses if r.id not in stored]
        rows, steps = [], Counter()
        for response in responses:
            try:
                answers = stored_answers(questionnaire, response.answers, max_text_length=max_text_length)
            except SyntheticAnswersError as error:
                raise SyntheticAnswersError(f"{demo.name}: response {response.id}: {error}") from None
            rows.append({
                "id": response.id, "campaign_id": campaign.id,
                "questionnaire_version_id": campaign.questionnaire_version_id,
                "idempotency_key": new_id(), "receipt_code": new_code(),
                "language": response.language, "submitted_on": response.submitted_on, "answers": answers,
            })
            steps.update(page_step(page.id) for page in visible_pages(questionnaire, answers))
        if rows:
            session.execute(insert(Response), rows)
            steps[STARTED] = steps[SUBMITTED] = len(rows)
            _add_to_funnel(session, campaign.id, steps)
        session.commit()
        held[demo.slug] = session.scalar(
            select(func.count()).select_from(Response)
            .where(Response.campaign_id == campaign.id, Response.id.startswith(SYNTHETIC_ID_PREFIX))
        ) or 0
    return held


def stored_answers(questionnaire: Questionnaire, answers: Mapping[str, Any], *,
                   max_text_length: int) -> dict[str, Any]:
    """``answers`` (keyed by answer key, as in the export's codebook) as the app stores them.

    They are entered page by page as a respondent would (``Next`` on every page shown), so the
    values come out typed, ordered and cleaned as the app's answer reading leaves them; an answer
    the app would refuse, a required answer missing, or an answer to a question not shown or not
    in the questionnaire raises ``SyntheticAnswersError``.
    """
    form = _Form(answers)
    entered: dict[str, Any] = {}
    page = page_after(questionnaire, None, entered)
    while page is not None:
        outcome = submit_page(questionnaire, page, form, entered, action=NEXT, max_text_length=max_text_length)
        if outcome.errors:
            problems = ", ".join(f"{e.key}: {e.code}" for e in outcome.errors)
            raise SyntheticAnswersError(f"page {page.id!r}: {problems}")
        entered = outcome.answers
        page = outcome.target
    entered = effective_answers(questionnaire, entered)
    gap = first_gap(questionnaire, entered)
    if gap is not None:
        raise SyntheticAnswersError(f"page {gap[0].id!r}: {gap[1].key}: {gap[1].code}")
    unused = sorted(set(answers) - set(entered))
    if unused:
        raise SyntheticAnswersError(f"answers to questions not shown or not in the questionnaire: {unused}")
    return entered


class _Form:
    """Answers as a submitted form carries them (``FormData`` for the app's answer reading)."""

    def __init__(self, answers: Mapping[str, Any]) -> None:
        self.answers = answers

    def getlist(self, key: str) -> list[str]:
        value = self.answers.get(key)
        if value is None:
            return []
        return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def _add_to_funnel(session: Session, campaign_id: int, counts: Mapping[str, int]) -> None:
    """Add ``counts`` to the campaign's funnel steps: one upsert per step (``funnel.count`` adds one)."""
    insert_into = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    for step, number in counts.items():
        statement = insert_into(FunnelCount).values(campaign_id=campaign_id, step=step, count=number)
        session.execute(statement.on_conflict_do_update(
            index_elements=[FunnelCount.campaign_id, FunnelCount.step],
            set_={"count": FunnelCount.count + number},
        ))


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


DEMO_WORKSHOP = "SYNTHETIC demo workshop"
DEMO_WORKSHOP_LANGUAGE = "fi"


def ensure_demo_workshop(session: Session, demos: Sequence[DemoCampaign]) -> tuple[int, str]:
    """A workshop of the demo project on the campaigns with SYNTHETIC responses, in Finnish, with
    four groups, ready to present (made once; later demos keep it and its code).
    Returns ``(workshop id, join code)``. Needs an application context (default prompts are
    translated)."""
    from .models import Workshop
    from .workshop.defaults import default_prompts
    from .workshop.workshops import WorkshopSettings, create_workshop

    project = project_named(session, DEMO_PROJECT)
    session.flush()
    workshop = session.scalar(select(Workshop).where(Workshop.project_id == project.id,
                                                     Workshop.name == DEMO_WORKSHOP))
    if workshop is None:
        campaigns = session.scalars(select(Campaign.id).where(
            Campaign.slug.in_([d.slug for d in demos if d.questionnaire in SYNTHETIC_QUESTIONNAIRES]))).all()
        workshop = create_workshop(session, project.id, WorkshopSettings(
            name=DEMO_WORKSHOP, language=DEMO_WORKSHOP_LANGUAGE, campaign_ids=list(campaigns),
            families=["reasons_for_absence", "barriers_to_cooperation"],
            prompts=default_prompts(DEMO_WORKSHOP_LANGUAGE), groups=4))
    session.commit()
    return workshop.id, workshop.join_code

"""The demo holds the SYNTHETIC data set: stored as real submissions, marked, loaded once, exported back unchanged."""
from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from analysis.export_reader import read_csv_export, read_json_export
from analysis.synthetic import DEFAULT_SIZES, generate
from surveyapp.cli import main
from surveyapp.demo import (
    DEMO_PREFIX,
    DEMO_PROJECT,
    SYNTHETIC_PREFIX,
    SyntheticAnswersError,
    ensure_demo_campaigns,
    ensure_demo_staff,
    ensure_synthetic_responses,
    stored_answers,
)
from surveyapp.models import Campaign, FunnelCount, Project, Response
from surveyapp.questionnaire.loader import load_file
from surveyapp.staff.stats import campaign_figures
from surveyapp.survey.campaigns import questionnaire_of
from surveyapp.survey.funnel import STARTED, SUBMITTED, page_step

from .conftest import QUESTIONNAIRES

# columns that describe the campaign the responses were loaded into, not the responses
CAMPAIGN_COLUMNS = ["campaign", "project", "area", "schools", "questionnaire_version"]


@pytest.fixture(scope="module")
def synthetic():
    return generate()


def _load(app):
    from surveyapp.extensions import db
    from surveyapp.i18n import interface_languages

    with app.app_context():
        demos = ensure_demo_campaigns(db.session, Path(app.config["QUESTIONNAIRE_DIR"]),
                                      interface_languages(app.config["TRANSLATIONS_DIR"]))
        held = ensure_synthetic_responses(db.session, demos, max_text_length=app.config["MAX_TEXT_LENGTH"],
                                          questionnaire_dir=Path(app.config["QUESTIONNAIRE_DIR"]))
    return demos, held


@pytest.fixture
def demo(app):
    start = time.perf_counter()
    demos, held = _load(app)
    seconds = time.perf_counter() - start
    return {d.questionnaire: d for d in demos}, held, seconds


def _funnel(session, campaign_id):
    return dict(session.execute(select(FunnelCount.step, FunnelCount.count)
                                .where(FunnelCount.campaign_id == campaign_id)).all())


def test_the_demo_campaigns_hold_the_synthetic_responses_marked_as_synthetic(demo, query):
    demos, held, seconds = demo
    assert seconds < 10, f"loading the demo took {seconds:.1f} s"
    assert {name: held[demos[name].slug] for name in DEFAULT_SIZES} == DEFAULT_SIZES

    def check(session):
        for name, size in DEFAULT_SIZES.items():
            campaign = session.scalar(select(Campaign).where(Campaign.slug == demos[name].slug))
            assert campaign.name.startswith(SYNTHETIC_PREFIX) and campaign.status == "open"
            assert session.get(Project, campaign.project_id).name == DEMO_PROJECT
            responses = session.scalars(select(Response).where(Response.campaign_id == campaign.id)).all()
            assert len(responses) == size
            assert all(r.id.startswith("syn-") for r in responses)
            assert {r.questionnaire_version_id for r in responses} == {campaign.questionnaire_version_id}
            assert len({r.receipt_code for r in responses}) == len({r.idempotency_key for r in responses}) == size
            questionnaire = questionnaire_of(campaign)
            figures = campaign_figures(session, campaign, questionnaire)
            assert figures.total == size and figures.completion == "100 %"
            counts = _funnel(session, campaign.id)
            assert counts[STARTED] == counts[SUBMITTED] == size
            first, *rest = questionnaire.pages
            assert counts[page_step(first.id)] == size
            assert all(0 <= counts.get(page_step(page.id), 0) <= size for page in rest)
            if name == "guardians":  # the pages about absence are shown to some only
                assert min(counts.get(page_step(page.id), 0) for page in rest) < size

    query(check)


def test_loading_twice_stores_nothing_twice_and_keeps_the_links(app, demo, query):
    demos, held, _ = demo
    before = query(lambda s: {d.slug: _funnel(s, s.scalar(select(Campaign.id).where(Campaign.slug == d.slug)))
                              for d in demos.values()})
    again, held_again = _load(app)
    assert {d.questionnaire: d.slug for d in again} == {name: d.slug for name, d in demos.items()}
    assert held_again == held
    assert query(lambda s: s.scalar(select(func.count()).select_from(Response))) == sum(DEFAULT_SIZES.values())
    after = query(lambda s: {d.slug: _funnel(s, s.scalar(select(Campaign.id).where(Campaign.slug == d.slug)))
                             for d in demos.values()})
    assert after == before


def test_a_campaign_named_by_an_earlier_demo_keeps_its_link(app, query):
    demos, _ = _load(app)
    guardians = next(d for d in demos if d.questionnaire == "guardians")
    old_name = DEMO_PREFIX + guardians.name.removeprefix(SYNTHETIC_PREFIX)

    def rename(session):
        session.scalar(select(Campaign).where(Campaign.slug == guardians.slug)).name = old_name
        session.commit()

    query(rename)
    again, _ = _load(app)
    assert next(d for d in again if d.questionnaire == "guardians") == guardians
    assert query(lambda s: s.scalar(select(func.count()).select_from(Campaign))) == len(demos)


def _sign_in(app, email, password):
    client = app.test_client()
    page = client.get("/staff/login?lang=en").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post("/staff/login", data={"csrf_token": token, "email": email, "password": password})
    assert response.status_code == 302
    return client


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=CAMPAIGN_COLUMNS).sort_values("response_id").reset_index(drop=True)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_export_of_a_demo_campaign_reads_back_as_the_synthetic_data(app, demo, query, synthetic, fmt):
    demos, _, _ = demo
    email, password = query(ensure_demo_staff)
    client = _sign_in(app, email, password)
    for name in DEFAULT_SIZES:
        campaign = query(lambda s: s.scalar(select(Campaign).where(Campaign.slug == demos[name].slug)))
        page = client.get(f"/staff/campaigns/{campaign.id}")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert SYNTHETIC_PREFIX in html and str(DEFAULT_SIZES[name]) in html
        response = client.get(f"/staff/campaigns/{campaign.id}/export.{fmt}?labels=en")
        assert response.status_code == 200
        if fmt == "json":
            export = read_json_export(io.BytesIO(response.data))
        else:
            with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
                data, codebook = sorted(archive.namelist(), key=lambda n: n.endswith(".codebook.csv"))
                export = read_csv_export(io.BytesIO(archive.read(data)), io.BytesIO(archive.read(codebook)))
        expected = synthetic[name].export
        assert list(export.data.columns) == list(expected.data.columns)
        assert export.codebook == expected.codebook
        pd.testing.assert_frame_equal(_comparable(export.data), _comparable(expected.data))
        assert (export.data["campaign"] == campaign.name).all()
        assert (export.data["questionnaire_version"] == campaign.questionnaire_version_id).all()


def test_the_demo_command_loads_the_synthetic_data_once(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    database = tmp_path / "demo.sqlite3"
    runner = CliRunner()
    codes = []
    for _ in range(2):
        result = runner.invoke(main, ["demo", "--no-serve", "--db", str(database)])
        assert result.exit_code == 0, result.output
        assert re.findall(r"(\d+) SYNTHETIC responses", result.output) == [str(n) for n in DEFAULT_SIZES.values()]
        codes += re.findall(r"/w/ with the code (\S+)", result.output)
    assert len(codes) == 2 and codes[0] == codes[1]  # one demo workshop, kept with its code
    from surveyapp.database import make_engine
    from surveyapp.models import Workshop, WorkshopCampaign

    engine = make_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Response)) == sum(DEFAULT_SIZES.values())
        assert connection.scalar(select(func.count()).select_from(Workshop)) == 1
        assert connection.scalar(select(func.count()).select_from(WorkshopCampaign)) == 3
    engine.dispose()


def test_answers_a_respondent_could_not_submit_are_refused(synthetic):
    questionnaire = load_file(QUESTIONNAIRES / "guardians.yaml")
    responses = [r for c in synthetic["guardians"].campaigns for r in c.responses]
    ticked = next(r.answers for r in responses if "reasons.other" in r.answers)
    assert stored_answers(questionnaire, ticked, max_text_length=5000) == dict(ticked)
    shuffled = {**ticked, "reasons": list(reversed(ticked["reasons"]))}
    assert stored_answers(questionnaire, shuffled, max_text_length=5000)["reasons"] == ticked["reasons"]
    cases = {
        "reasons.other: other_missing": {k: v for k, v in ticked.items() if k != "reasons.other"},
        "reasons: invalid_choice": {**ticked, "reasons": ["no_such_reason"]},
        "not in the questionnaire: ['no_such_question']": {**ticked, "no_such_question": 1},
        "reasons.other: too_long": {**ticked, "reasons.other": "x" * 6000},
    }
    for message, answers in cases.items():
        with pytest.raises(SyntheticAnswersError, match=re.escape(message)):
            stored_answers(questionnaire, answers, max_text_length=5000)

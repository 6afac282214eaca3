"""Project staff's day: upload a questionnaire, launch a campaign, follow the counts, erase, purge."""
from __future__ import annotations

import datetime as dt
import re

import pyotp
import pytest
from sqlalchemy import func, select

from surveyapp.models import AuditEvent, Campaign, Draft, Response

from ..conftest import DATA, QUESTIONNAIRES
from ..respondent import Respondent
from ..survey.test_submission import reach_review
from .conftest import csrf_of, sign_in


def test_upload_a_bad_questionnaire_shows_file_line_and_reason(signed_in, staff, query):
    client = signed_in(staff.staff_a)
    project_id = query(lambda s: s.execute(select(Campaign.project_id)).scalar()) or _project_id(query, "Project A")
    page = client.get(f"/staff/projects/{project_id}")
    bad = (DATA / "small.yaml").read_text(encoding="utf-8").replace("type: number", "type: slider")
    from io import BytesIO

    response = client.post(
        f"/staff/projects/{project_id}/questionnaires",
        data={"csrf_token": csrf_of(page.get_data(as_text=True)), "file": (BytesIO(bad.encode()), "mine.yaml")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(r"mine\.yaml:\d+: pages\[1\] \(page &#39;details&#39;\)\.questions\[0\] \(question &#39;hours&#39;\)\.type", html)
    assert "slider" in html

    good = (DATA / "small.yaml").read_bytes()
    response = client.post(
        f"/staff/projects/{project_id}/questionnaires",
        data={"csrf_token": csrf_of(html), "file": (BytesIO(good), "small.yaml")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302 and "/preview" in response.headers["Location"]
    preview = client.get(response.headers["Location"] + "?lang=sv").get_data(as_text=True)
    assert "Hur många timmar?" in preview


def _project_id(query, name):
    from surveyapp.models import Project

    return query(lambda s: s.scalars(select(Project.id).where(Project.name == name)).one())


def test_create_launch_pause_close_a_campaign(app, signed_in, staff, query):
    client = signed_in(staff.staff_a)
    project_id = _project_id(query, "Project A")
    form = client.get(f"/staff/projects/{project_id}/campaigns/new").get_data(as_text=True)
    version = re.search(r'<option[^>]*value="(\d+)"[^>]*>guardians', form).group(1)
    form = client.get(f"/staff/projects/{project_id}/campaigns/new?questionnaire={version}").get_data(as_text=True)
    assert 'value="ar"' in form and "draft translation" in form
    response = client.post(f"/staff/projects/{project_id}/campaigns/new", data={
        "csrf_token": csrf_of(form), "name": "Syksy <script>alert(1)</script>", "questionnaire": version,
        "languages": ["fi", "sv", "ar"], "default_language": "", "area": "Espoo",
        "schools": "Kilon koulu\nLeppävaaran koulu", "target_responses": "200",
    })
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    campaign_page = client.get(response.headers["Location"])
    html = campaign_page.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    slug = re.search(r"/s/([\w-]+)", html).group(1)
    campaign_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    assert query(lambda s: s.get(Campaign, campaign_id).status) == "draft"
    assert app.test_client().get(f"/s/{slug}/").status_code == 403, "not launched yet"

    for action, status, respondent_status in [("launch", "open", 200), ("pause", "paused", 403),
                                              ("resume", "open", 200), ("close", "closed", 410)]:
        token = csrf_of(client.get(f"/staff/campaigns/{campaign_id}").get_data(as_text=True))
        assert client.post(f"/staff/campaigns/{campaign_id}/{action}", data={"csrf_token": token}).status_code == 303
        assert query(lambda s: s.get(Campaign, campaign_id).status) == status
        assert app.test_client().get(f"/s/{slug}/?lang=fi").status_code == respondent_status, action
    actions = query(lambda s: [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))])
    assert actions == ["create", "launch", "pause", "resume", "close"]


def test_counts_are_shown_with_small_numbers_suppressed(app, signed_in, staff, campaign_in):
    campaign_id, slug = campaign_in("Project A")
    for language in ["fi"] * 6 + ["sv"] * 2:
        respondent = Respondent(app.test_client(), slug)
        review = reach_review(respondent) if language == "fi" else _review_in(respondent, language)
        respondent.post("submit", {"submit_key": review.value("submit_key")}, csrf=review.csrf)
    html = signed_in(staff.facilitator_a).get(f"/staff/campaigns/{campaign_id}").get_data(as_text=True)
    assert re.search(r"Responses:\s*<strong>8</strong>", html)
    languages = html[html.index('id="per-language"'):html.index('id="per-role"')]
    assert "&lt;5" in languages, "two Swedish responses are not shown as 2"
    assert ">6<" not in languages, "nor can they be computed back from the Finnish count and the total"


def _review_in(respondent, language):
    respondent.start(language)
    respondent.answer({"absence_band": "under_10", "reasons": ["illness"]})
    respondent.follow(respondent.last)
    respondent.answer({"coop.heard": "1", "coop.informed": "3"})
    return respondent.follow(respondent.last)


def test_erasure_by_receipt_code_deletes_that_response_only(app, signed_in, staff, campaign_in, query):
    campaign_id, slug = campaign_in("Project A")
    receipts = []
    for _ in range(2):
        respondent = Respondent(app.test_client(), slug)
        review = reach_review(respondent)
        thanks = respondent.follow(respondent.post("submit", {"submit_key": review.value("submit_key")},
                                                   csrf=review.csrf))
        receipts.append(thanks.soup.select_one(".code").get_text(strip=True))

    other_project = signed_in(staff.staff_b)
    token = csrf_of(other_project.get("/staff/").get_data(as_text=True))
    assert other_project.post(f"/staff/campaigns/{campaign_id}/erase",
                              data={"csrf_token": token, "receipt": receipts[0]}).status_code == 404

    client = signed_in(staff.staff_a)
    token = csrf_of(client.get(f"/staff/campaigns/{campaign_id}").get_data(as_text=True))
    client.post(f"/staff/campaigns/{campaign_id}/erase", data={"csrf_token": token, "receipt": receipts[0].lower()})
    remaining = query(lambda s: [r.receipt_code for r in s.scalars(select(Response))])
    assert remaining == [receipts[1].replace("-", "")]
    assert query(lambda s: s.scalars(select(AuditEvent.action)).all()) == ["erase"]


def test_retention_purge_removes_expired_campaigns_answers_and_leaves_the_rest(app, campaign_in, query):
    from click.testing import CliRunner

    from surveyapp.cli import main

    old_id, old_slug = campaign_in("Project A", retain_until=dt.date.today() - dt.timedelta(days=1))
    new_id, new_slug = campaign_in("Project A", retain_until=dt.date.today() + dt.timedelta(days=30))
    for slug in (old_slug, new_slug):
        respondent = Respondent(app.test_client(), slug)
        review = reach_review(respondent)
        respondent.post("submit", {"submit_key": review.value("submit_key")}, csrf=review.csrf)
        Respondent(app.test_client(), slug).start("fi")
        started = Respondent(app.test_client(), slug)
        started.start("fi")
        started.answer({"absence_band": "over_20"})

    result = CliRunner().invoke(main, ["purge", "--db", app.config["DATABASE_URL"]])
    assert result.exit_code == 0, result.output
    assert "deleted 1 response(s) and 1 draft(s)" in result.output

    def counts(session, campaign_id):
        responses = session.scalar(select(func.count()).select_from(Response).where(Response.campaign_id == campaign_id))
        drafts = session.scalar(select(func.count()).select_from(Draft).where(Draft.campaign_id == campaign_id))
        return responses, drafts

    assert query(lambda s: counts(s, old_id)) == (0, 0)
    assert query(lambda s: counts(s, new_id)) == (1, 1)
    assert query(lambda s: s.get(Campaign, old_id).status) == "closed"
    assert app.test_client().get(f"/s/{old_slug}/").status_code == 410


def test_second_factor_required_for_administrators(app, staff):
    app.config["TOTP_REQUIRED_FOR"] = ["administrator", "researcher"]
    client = app.test_client()
    response = sign_in(client, staff.admin)
    assert response.headers["Location"].endswith("/staff/login/set-up-code")
    setup = client.get("/staff/login/set-up-code").get_data(as_text=True)
    secret = re.search(r'<code class="code-inline"[^>]*>([A-Z2-7]+)</code>', setup).group(1)
    assert client.get("/staff/").status_code == 302, "not signed in before the code"
    wrong = client.post("/staff/login/set-up-code", data={"csrf_token": csrf_of(setup), "code": "000000"})
    assert wrong.status_code == 422
    ok = client.post("/staff/login/set-up-code", data={"csrf_token": csrf_of(setup), "code": pyotp.TOTP(secret).now()})
    assert ok.status_code == 302 and client.get("/staff/").status_code == 200

    again = app.test_client()
    assert sign_in(again, staff.admin).headers["Location"].endswith("/staff/login/code")
    page = again.get("/staff/login/code").get_data(as_text=True)
    again.post("/staff/login/code", data={"csrf_token": csrf_of(page), "code": pyotp.TOTP(secret).now()})
    assert again.get("/staff/").status_code == 200
    staff_member = app.test_client()
    assert sign_in(staff_member, staff.staff_a).headers["Location"].endswith("/staff/"), "staff: no second factor"


def test_idle_sessions_end(app, signed_in, staff):
    client = signed_in(staff.staff_a)
    assert client.get("/staff/").status_code == 200
    with client.session_transaction() as session:
        session["staff_seen"] -= 31 * 60
    response = client.get("/staff/")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]
    assert client.get("/staff/").status_code == 302


@pytest.mark.parametrize("path", [QUESTIONNAIRES / "staff.yaml"])
def test_staff_roles_are_counted_from_the_staff_questionnaire(app, signed_in, staff, query, path, campaign_in):
    from surveyapp.staff.stats import role_of
    from surveyapp.questionnaire.loader import load_file

    questionnaire = load_file(path)
    assert role_of(questionnaire, {"role": "school_social_worker"}) == "school_social_worker"
    assert role_of(load_file(QUESTIONNAIRES / "pupils.yaml"), {}) == "pupils"


def test_printable_poster_in_the_campaigns_languages(signed_in, staff, campaign_in, query):
    import xml.etree.ElementTree as ET


    campaign_id, slug = campaign_in("Project A", languages=["fi", "sv", "ar"])
    response = signed_in(staff.facilitator_a).get(f"/staff/campaigns/{campaign_id}/poster.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    root = ET.fromstring(response.data)
    assert root.get("width") == "210mm" and root.get("height") == "297mm"
    svg = response.get_data(as_text=True)
    assert f"/s/{slug}" in svg
    assert "Skannaa QR-koodi" in svg and "Skanna QR-koden" in svg and "امسح رمز QR" in svg
    assert signed_in(staff.staff_b).get(f"/staff/campaigns/{campaign_id}/poster.svg").status_code == 404

"""Every staff page refuses anonymous users and users without the role; ids cannot be guessed across projects."""
from __future__ import annotations

import pytest

from surveyapp.models import Campaign

from .conftest import csrf_of, sign_in


def staff_urls(app) -> list[tuple[str, str]]:
    """Every staff URL rule, with its methods (ids filled in per test)."""
    rules = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("staff.") :
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                rules.append((method, rule.rule))
    return rules


def fill(rule: str, campaign_id: int, project_id: int, version_id: int) -> str:
    return (rule.replace("<int:campaign_id>", str(campaign_id)).replace("<int:project_id>", str(project_id))
            .replace("<int:version_id>", str(version_id))
            .replace("<any(launch, pause, resume, close):action>", "pause")
            .replace("<any(csv, xlsx, json, sav):fmt>", "csv").replace("<question_id>", "change"))


@pytest.fixture
def ids(staff, campaign_in, query):
    campaign_id, _ = campaign_in("Project A")
    project_id = query(lambda s: s.get(Campaign, campaign_id).project_id)
    version_id = query(lambda s: s.get(Campaign, campaign_id).questionnaire_version_id)
    return campaign_id, project_id, version_id


def test_the_list_of_staff_urls_is_complete(app):
    assert len(staff_urls(app)) >= 9


def test_anonymous_users_are_sent_to_sign_in_everywhere(app, client, ids):
    for method, rule in staff_urls(app):
        url = fill(rule, *ids)
        response = client.open(url, method=method)
        if method == "POST":
            assert response.status_code in (302, 400), (method, url, response.status_code)
        else:
            assert response.status_code == 302 and "/staff/login" in response.headers["Location"], (method, url)


def test_a_user_of_another_project_sees_nothing_of_this_one(app, signed_in, staff, ids, query):
    client = signed_in(staff.staff_b)
    for method, rule in staff_urls(app):
        url = fill(rule, *ids)
        if rule == "/staff/" or "/questionnaires/" in rule:
            continue  # the index is per user; shipped questionnaires are public (uploads: below)
        if method == "GET":
            assert client.get(url).status_code == 404, url
    index = client.get("/staff/").get_data(as_text=True)
    assert "Project A" not in index and "Project B" in index
    # nor change anything: pausing A's campaign with a valid token of B's session
    token = csrf_of(index)
    response = client.post(f"/staff/campaigns/{ids[0]}/pause", data={"csrf_token": token})
    assert response.status_code == 404
    assert query(lambda s: s.get(Campaign, ids[0]).status) == "open"


def test_facilitators_see_aggregates_but_cannot_manage_export_or_erase(signed_in, staff, ids, query):
    client = signed_in(staff.facilitator_a)
    page = client.get(f"/staff/campaigns/{ids[0]}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "/pause" not in html and "/erase" not in html and "/export" not in html
    token = csrf_of(html)
    assert client.post(f"/staff/campaigns/{ids[0]}/pause", data={"csrf_token": token}).status_code == 403
    assert client.post(f"/staff/campaigns/{ids[0]}/erase", data={"csrf_token": token, "receipt": "x"}).status_code == 403
    assert client.get(f"/staff/projects/{ids[1]}/campaigns/new").status_code == 403
    assert query(lambda s: s.get(Campaign, ids[0]).status) == "open"


def test_state_changes_need_post_and_a_csrf_token(signed_in, staff, ids, query):
    client = signed_in(staff.staff_a)
    assert client.get(f"/staff/campaigns/{ids[0]}/pause").status_code == 405, "no state change on GET"
    assert client.post(f"/staff/campaigns/{ids[0]}/pause").status_code == 400
    assert client.post(f"/staff/campaigns/{ids[0]}/pause", data={"csrf_token": "forged"}).status_code == 400
    assert query(lambda s: s.get(Campaign, ids[0]).status) == "open"
    token = csrf_of(client.get(f"/staff/campaigns/{ids[0]}").get_data(as_text=True))
    assert client.post(f"/staff/campaigns/{ids[0]}/pause", data={"csrf_token": token}).status_code == 303
    assert query(lambda s: s.get(Campaign, ids[0]).status) == "paused"


def test_wrong_password_and_rate_limit(app, client, staff):
    response = sign_in(client, staff.staff_a, "wrong password, long enough")
    assert response.status_code == 422
    assert "field-error" in response.get_data(as_text=True), "the error is shown next to the field"
    statuses = [sign_in(client, staff.staff_a, "still wrong, still long").status_code for _ in range(12)]
    assert 429 in statuses, statuses


def test_uploaded_questionnaires_of_another_project_are_hidden(signed_in, staff, query):
    from surveyapp.launching import project_named
    from surveyapp.questionnaire.loader import load_file
    from surveyapp.survey.campaigns import store_questionnaire

    from ..conftest import DATA

    def upload(session):
        project = project_named(session, "Project B")
        version = store_questionnaire(session, load_file(DATA / "small.yaml"), "b.yaml", project_id=project.id)
        session.commit()
        return version.id

    version_id = query(upload)
    assert signed_in(staff.staff_a).get(f"/staff/questionnaires/{version_id}/preview").status_code == 404
    assert signed_in(staff.staff_b).get(f"/staff/questionnaires/{version_id}/preview").status_code == 200


def test_security_headers(client):
    response = client.get("/staff/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie

"""CSRF on every workshop form, sign-in and roles for the facilitator pages, a rate limit on codes."""
from __future__ import annotations

from surveyapp.models import Note, Participant, Workshop


def test_posts_without_a_valid_token_change_nothing(facilitator, phone, workshop_info, query):
    f = facilitator(groups=2)
    code, groups = workshop_info(f.workshop_id)
    p = phone()
    assert p.client.post("/w/", data={"code": code}).status_code == 400  # joining needs a token too
    assert query(lambda s: s.query(Participant).count()) == 0
    p.join(code)
    p.choose(groups[0], "secretary")
    f.move(); f.move()
    posts = [
        (p.client, f"/w/{f.workshop_id}/group", {"group": str(groups[1])}),
        (p.client, f"/w/{f.workshop_id}/notes", {"version-0": "0", "base-0": "", "text-0": "forged"}),
        (p.client, f"/w/{f.workshop_id}/summary", {"version": "0", "base": "", "text": "forged"}),
        (p.client, f"/w/{f.workshop_id}/gallery/{groups[1]}/comment", {"text": "forged"}),
        (p.client, f"/w/{f.workshop_id}/gallery/{groups[1]}/plus-one", {"target": "summary"}),
        (p.client, f"/w/{f.workshop_id}/vote", {}),
        (f.client, f"/staff/workshops/{f.workshop_id}/phase/forward", {}),
        (f.client, f"/staff/workshops/{f.workshop_id}/timer", {}),
        (f.client, f"/staff/workshops/{f.workshop_id}/proposals", {"text": "forged"}),
        (f.client, f"/staff/workshops/{f.workshop_id}/proposals/merge", {"source": "1", "target": "2"}),
        (f.client, f"/staff/workshops/{f.workshop_id}/canvas", {"theme": "forged"}),
        (f.client, f"/staff/workshops/{f.workshop_id}/settings", {"name": "forged"}),
    ]
    for client, url, data in posts:
        for token in (None, "forged-token"):
            sent = dict(data) if token is None else {**data, "csrf_token": token}
            assert client.post(url, data=sent).status_code == 400, (url, token)
    assert query(lambda s: s.get(Workshop, f.workshop_id).phase) == "discuss"
    assert query(lambda s: {n.text for n in s.query(Note)}) == {""}


def test_facilitator_pages_need_sign_in(app, facilitator):
    f = facilitator()
    anonymous = app.test_client()
    for path in ("", "/room", "/present", "/outputs", "/proposals", "/results", "/canvas", "/canvas.json",
                 "/texts.json", "/settings", "/state.json"):
        response = anonymous.get(f"/staff/workshops/{f.workshop_id}{path}")
        assert response.status_code == 302 and "/staff/login" in response.headers["Location"], path


def test_who_may_run_workshops(facilitator, signed_in, staff, query):
    f = facilitator()
    project_id = query(lambda s: s.get(Workshop, f.workshop_id).project_id)
    researcher = signed_in(staff.researcher_a)
    assert researcher.get(f"/staff/workshops/{f.workshop_id}").status_code == 403
    assert researcher.get(f"/staff/projects/{project_id}/workshops/new").status_code == 403
    assert researcher.get(f"/staff/workshops/{f.workshop_id}/texts.json").status_code == 200  # researchers export
    assert researcher.get(f"/staff/projects/{project_id}/workshops").status_code == 200
    for who in (staff.staff_a, staff.admin):
        assert signed_in(who).get(f"/staff/workshops/{f.workshop_id}").status_code == 200
    project_page = signed_in(staff.facilitator_a).get(f"/staff/projects/{project_id}").get_data(as_text=True)
    assert f"/staff/projects/{project_id}/workshops" in project_page


def test_guessing_codes_is_rate_limited_but_a_room_can_join(app, facilitator, phone, workshop_info):
    f = facilitator()
    code, _groups = workshop_info(f.workshop_id)
    limit = int(app.config["RESUME_RATE_LIMIT"].split()[0])
    for _ in range(limit + 5):  # many successful joins from one address (the school's wifi): fine
        assert phone().join(code).status_code == 303
    guesser = phone()
    statuses = [guesser.join("AAAAAA" if code != "AAAAAA" else "BBBBBB").status_code for _ in range(limit + 1)]
    assert statuses[0] == 422 and statuses[-1] == 429


def test_workshop_pages_are_in_the_workshops_language(facilitator, phone, workshop_info):
    f = facilitator(language="sv")
    code, groups = workshop_info(f.workshop_id)
    p = phone()
    p.client.get("/staff/login?lang=fi")  # the browser's own choice does not matter
    p.join(code)
    page = p.get("group").get_data(as_text=True)
    assert 'lang="sv"' in page and "Välj din grupp" in page

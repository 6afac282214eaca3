"""A participant acts only in their own workshop and group, whatever ids they put in a URL or form."""
from __future__ import annotations

import pytest

from surveyapp.models import Comment, Note, Proposal, Vote


@pytest.fixture
def two_workshops(facilitator, phone, workshop_info):
    a = facilitator(groups=2)
    b = facilitator(groups=2)
    code_a, groups_a = workshop_info(a.workshop_id)
    code_b, groups_b = workshop_info(b.workshop_id)
    mine = phone()
    mine.join(code_a)
    mine.choose(groups_a[0], "secretary")
    other = phone()
    other.join(code_a)
    other.choose(groups_a[1], "secretary")
    stranger = phone()
    stranger.join(code_b)
    stranger.choose(groups_b[0], "secretary")
    return a, b, mine, other, stranger, groups_a, groups_b


def test_another_workshops_pages_are_refused(two_workshops):
    _a, b, mine, _other, _stranger, _ga, groups_b = two_workshops
    for path in ("", "group", "notes", "gallery", "summary", "vote", "state.json", "waiting"):
        assert mine.client.get(f"/w/{b.workshop_id}/{path}").status_code == 403, path
    token = mine.token("group")
    response = mine.client.post(f"/w/{b.workshop_id}/group", data={"csrf_token": token, "group": str(groups_b[0])})
    assert response.status_code == 403
    assert mine.client.get("/w/999999/notes").status_code == 404


def test_a_group_of_another_workshop_cannot_be_joined(two_workshops, query):
    _a, _b, mine, _other, _stranger, groups_a, groups_b = two_workshops
    assert mine.choose(groups_b[0]).status_code == 404
    assert mine.choose(999999).status_code == 404


def test_notes_go_only_to_ones_own_group(two_workshops, query):
    a, _b, mine, other, _stranger, groups_a, _gb = two_workshops
    a.move(); a.move()
    # the form names prompts, never groups: a note id or group id in the form is ignored
    mine.save_notes({0: "ours"})
    response = mine.post("notes", {"group": str(groups_a[1]), "group_id": str(groups_a[1]), "note_id": "1",
                                   "version-0": "1", "base-0": "ours", "text-0": "ours, edited"})
    assert response.status_code == 303
    assert query(lambda s: s.query(Note).filter_by(group_id=groups_a[1], prompt_index=0).one().text) == ""
    assert query(lambda s: s.query(Note).filter_by(group_id=groups_a[0], prompt_index=0).one().text) == "ours, edited"
    # a prompt that does not exist is not saved anywhere
    assert mine.post("notes", {"version-7": "0", "base-7": "", "text-7": "x"}).status_code == 400


def test_comments_only_on_groups_of_ones_own_workshop(two_workshops, query):
    a, b, mine, _other, _stranger, groups_a, groups_b = two_workshops
    for _ in range(3):
        a.move()
    response = mine.post(f"gallery/{groups_b[0]}/comment", {"text": "sneaky"}, token_from="gallery")
    assert response.status_code == 404
    response = mine.post(f"gallery/{groups_a[1]}/plus-one", {"target": "note:99"}, token_from="gallery")
    assert response.status_code == 404
    assert query(lambda s: s.query(Comment).count()) == 0


def test_votes_only_on_ones_own_workshops_proposals(two_workshops, query):
    a, b, mine, other, stranger, _ga, _gb = two_workshops

    def add(f, text):
        return f.post("/proposals", {"text": text}, page="/proposals")

    for f in (a, b):
        for _ in range(5):
            f.move()
    add(a, "Proposal in A")
    add(b, "Proposal in B")
    ids = query(lambda s: {p.text: p.id for p in s.query(Proposal)})
    assert mine.post("vote", {f"dots-{ids['Proposal in B']}": "1"}).status_code == 404
    assert mine.post("vote", {f"dots-{ids['Proposal in A']}": "2"}).status_code == 303
    # another participant's vote cannot be changed: votes are always the poster's own
    assert other.post("vote", {f"dots-{ids['Proposal in A']}": "1", "participant": "1"}).status_code == 303
    dots = query(lambda s: sorted(v.dots for v in s.query(Vote)))
    assert dots == [1, 2]
    assert mine.post("vote", {f"dots-{ids['Proposal in A']}": "4"}).status_code == 422  # more than 3 dots


def test_staff_of_another_project_see_no_workshop(two_workshops, signed_in, staff):
    a, *_ = two_workshops
    client = signed_in(staff.staff_b)
    for path in ("", "/room", "/outputs", "/proposals", "/results", "/canvas", "/texts.json", "/settings", "/state.json"):
        assert client.get(f"/staff/workshops/{a.workshop_id}{path}").status_code == 404, path

"""Each phase allows only its own actions; closed is read-only."""
from __future__ import annotations

import pytest

from surveyapp.workshop.phases import PHASES, allows, moved
from surveyapp.workshop.errors import WrongPhase


def test_the_phase_table():
    assert allows("discuss", "write_notes") and not allows("gallery", "write_notes")
    assert allows("gallery", "comment") and not allows("vote", "comment")
    assert allows("vote", "vote") and not allows("closed", "vote")
    assert not any(allows("closed", action) for action in ("join", "write_notes", "comment", "vote", "write_summary"))
    assert moved("draft", "forward") == "present" and moved("vote", "back") == "summaries"
    with pytest.raises(WrongPhase):
        moved("closed", "forward")
    with pytest.raises(WrongPhase):
        moved("draft", "back")
    assert PHASES[0] == "draft" and PHASES[-1] == "closed"


def test_actions_outside_their_phase_are_refused(facilitator, phone, workshop_info):
    f = facilitator(groups=2)
    code, groups = workshop_info(f.workshop_id)
    p = phone()
    p.join(code)
    p.choose(groups[0], "chair")
    # draft: no notes, comments, summary or votes yet
    assert p.save_notes({0: "early"}, stale={0: (0, "")}).status_code == 409
    # before the gallery walk another group's work is not shown: back to the current step
    assert p.post(f"gallery/{groups[1]}/comment", {"text": "early"}, token_from="gallery").headers["Location"] == p.url()
    assert p.post("summary", {"version": "0", "base": "", "text": "early"}).status_code == 409
    assert p.post("vote", {}).status_code == 409
    # groups may change before discussion, not after
    assert p.choose(groups[1], "chair").status_code == 303
    f.move(); f.move()  # discuss
    assert p.choose(groups[0]).status_code == 422
    assert p.save_notes({0: "now"}).status_code == 303
    f.move()  # gallery: notes are closed, and what was typed is shown back, not lost
    response = p.save_notes({0: "too late"}, stale={0: (1, "now")})
    assert response.status_code == 409 and "too late" in response.get_data(as_text=True)
    assert p.post("summary", {"version": "0", "base": "", "text": "Our summary"}).status_code == 303
    f.move(); f.move(); f.move()  # summaries, vote, closed
    assert p.post("summary", {"version": "1", "base": "Our summary", "text": "changed"}, token_from="group").status_code == 409


def test_the_facilitator_moves_back_and_forward_and_sets_the_timer(facilitator, query):
    from surveyapp.models import Workshop

    f = facilitator()
    for _ in range(3):
        f.move()
    ends = query(lambda s: s.get(Workshop, f.workshop_id).gallery_ends_at)
    assert ends is not None
    page = f.get().get_data(as_text=True)
    assert "The gallery walk ends at" in page and "data-seconds-left" in page
    assert f.post("/timer", {}).status_code == 303
    assert query(lambda s: s.get(Workshop, f.workshop_id).gallery_ends_at) > ends
    f.move("back")
    assert query(lambda s: s.get(Workshop, f.workshop_id).phase) == "discuss"


def test_the_hub_sends_each_participant_to_the_current_step(facilitator, phone, workshop_info):
    f = facilitator(groups=2)
    code, groups = workshop_info(f.workshop_id)
    chair, member = phone(), phone()
    chair.join(code)
    member.join(code)
    assert member.get("").headers["Location"].endswith("/group")
    chair.choose(groups[0], "chair")
    member.choose(groups[0])
    expected = {"draft": ("waiting", "waiting"), "present": ("waiting", "waiting"), "discuss": ("notes", "notes"),
                "gallery": ("gallery", "gallery"), "summaries": ("summary", "gallery"), "vote": ("vote", "vote"),
                "closed": ("results", "results")}
    for phase, (for_chair, for_member) in expected.items():
        if phase != "draft":
            f.move()
        for p, target in ((chair, for_chair), (member, for_member)):
            response = p.get("")
            assert response.status_code == 302 and response.headers["Location"].endswith(f"/{target}"), phase
            assert p.client.get(response.headers["Location"]).status_code == 200, (phase, target)
